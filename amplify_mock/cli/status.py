"""`amplify status`: the category/resource/operation table."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import open_project
from amplify_mock.project.status import resource_statuses, status_table

__all__ = ["status"]


@click.command()
def status() -> None:
    """Show what `amplify push` would create, update or delete."""
    project = open_project()
    click.echo(f"\n    Current Environment: {project.env_name}\n")
    click.echo(status_table(resource_statuses(project)))
