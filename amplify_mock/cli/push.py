"""`amplify push [--yes] [--codegen JSON] [--force]`."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import mfa_prompt, open_project, yes_option
from amplify_mock.cli.status import echo_status_table
from amplify_mock.project.codegen_step import parse_codegen
from amplify_mock.project.errors import ProjectOperationError
from amplify_mock.project.push import push as push_backend
from amplify_mock.project.status import Operation, resource_statuses

__all__ = ["push", "push_options_run"]


def push_options_run(
    yes: bool,
    codegen_json: str | None,
    force: bool,
    allow_destructive: bool = False,
    category: str | None = None,
) -> bool:
    """Show the status table, confirm, push; False when the user declined.

    :raises ProjectOperationError: `category` is given and other categories have changes
        (pushing one category alone is not emulated: the root stack deploys them all).
    """
    project = open_project()
    codegen = parse_codegen(codegen_json) if codegen_json else None
    if category is not None:
        others = [
            f"{row.category.lower()}/{row.resource_name}"
            for row in resource_statuses(project)
            if row.operation is not Operation.NO_CHANGE and row.category.lower() != category
        ]
        if others:
            raise ProjectOperationError(
                f"`amplify push {category}` would also deploy the changes of "
                f"{', '.join(others)}; pushing one category alone is not emulated.",
                "Run `amplify push` to deploy every change.",
            )
    statuses = echo_status_table(project)
    if not yes and not click.confirm("Are you sure you want to continue?", default=True):
        return False
    from amplify_mock.project.plugin_exec import raise_event

    raise_event("PrePush", project.root)
    result = push_backend(
        project,
        force=force,
        codegen=codegen,
        mfa_prompt=mfa_prompt,
        allow_destructive=allow_destructive,
        statuses=statuses,
    )
    raise_event("PostPush", project.root)
    if not result.deployed:
        click.echo("\nNo changes detected")
        return True
    for path in [*result.config_files, *result.codegen_files]:
        click.echo(f"Wrote {path.relative_to(project.root)}")
    click.echo("All resources are updated in the cloud")
    return True


@click.command()
@click.argument("category", required=False)
@click.option("--codegen", "codegen_json", help="JSON: codegen settings (see the docs).")
@click.option("--force", is_flag=True, help="Push even when nothing changed.")
@click.option(
    "--allow-destructive-graphql-schema-updates",
    "allow_destructive",
    is_flag=True,
    help="Allow schema changes that replace or remove tables (their data is lost).",
)
@yes_option
def push(
    category: str | None, codegen_json: str | None, force: bool, allow_destructive: bool, yes: bool
) -> None:
    """Deploy the local backend to the current environment (`amplify <category> push`: when
    only that category has changes)."""
    push_options_run(yes, codegen_json, force, allow_destructive, category)
