"""`amplify status`: the category/resource/operation table and the deployed endpoints."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import open_project
from amplify_mock.project.project import Project
from amplify_mock.project.status import ResourceStatus, resource_statuses, status_table

__all__ = ["echo_status_table", "status"]


def echo_status_table(project: Project) -> list[ResourceStatus]:
    """Print the current environment and the status table; returns its rows."""
    rows = resource_statuses(project)
    click.echo(f"\n    Current Environment: {project.env_name}\n")
    click.echo(status_table(rows))
    return rows


@click.command()
def status() -> None:
    """Show what `amplify push` would create, update or delete."""
    project = open_project()
    echo_status_table(project)
    meta = project.amplify_meta()
    for resource in (meta.get("api") or {}).values():
        output = resource.get("output") or {}
        if output.get("GraphQLAPIEndpointOutput"):
            click.echo(f"\nGraphQL endpoint: {output['GraphQLAPIEndpointOutput']}")
        if output.get("GraphQLAPIKeyOutput"):
            click.echo(f"GraphQL API KEY: {output['GraphQLAPIKeyOutput']}")
    for resource in (meta.get("hosting") or {}).values():
        url = (resource.get("output") or {}).get("WebsiteURL")
        if url:
            click.echo(f"\nHosting endpoint: {url}")
