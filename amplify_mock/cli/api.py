"""`amplify api`: the GraphQL API commands (`gql-compile`)."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import project_dir
from amplify_mock.project.api_build import compile_api

__all__ = ["api"]


@click.group()
def api() -> None:
    """Work with the project's GraphQL API."""


@api.command("gql-compile")
@click.option(
    "--name", "api_name", default=None, help="The API to compile (default: the only one)."
)
def gql_compile(api_name: str | None) -> None:
    """Compile schema.graphql into amplify/backend/api/<name>/build/ (GraphQL Transformer v1)."""
    result = compile_api(project_dir(), api_name)
    click.echo("✔ GraphQL schema compiled successfully.")
    click.echo("")
    click.echo(
        f"Edit your schema at {result.api_dir / 'schema.graphql'} or place .graphql files in a "
        f"directory at {result.api_dir / 'schema'}"
    )
