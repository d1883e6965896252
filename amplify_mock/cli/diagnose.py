"""`amplify diagnose`: zip the project's Amplify files (without credentials) for a report."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import open_project
from amplify_mock.project.errors import ProjectOperationError

__all__ = ["diagnose"]


@click.command()
@click.option("--send-report", is_flag=True, help="Upload the report (not emulated).")
def diagnose(send_report: bool) -> None:
    """Write a zip of amplify/ (no credentials, no mock data) and print its path."""
    from amplify_mock.project.diagnose import project_identifier, write_report

    if send_report:
        raise ProjectOperationError(
            "Sending a diagnose report is not emulated.",
            "Run `amplify diagnose` and attach the zip it writes to your report.",
        )
    project = open_project()
    path, names = write_report(project)
    click.echo(f"Project Identifier: {project_identifier(project)}")
    click.echo(f"Report with {len(names)} files written to {path}")
