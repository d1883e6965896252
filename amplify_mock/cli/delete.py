"""`amplify delete [--force]`: the project's environments in the cloud and its local files."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import mfa_prompt, open_project
from amplify_mock.project.delete import delete_project

__all__ = ["delete"]


@click.command()
@click.option("--force", is_flag=True, help="Do not ask for confirmation.")
def delete(force: bool) -> None:
    """Delete every environment of the project in the cloud and the local amplify/ files."""
    project = open_project()
    if not force and not click.confirm(
        "Are you sure you want to continue? This CANNOT be undone. (This will delete all the "
        "environments of the project from the cloud and wipe out all the local files created "
        "by Amplify CLI)",
        default=False,
    ):
        click.echo("Nothing deleted.")
        return
    result = delete_project(project, mfa_prompt=mfa_prompt)
    for env in result.envs:
        click.echo(f"Deleted environment '{env}' from the cloud.")
    click.echo("Project deleted locally.")
