"""`amplify import storage [--bucket NAME]` and `amplify import auth [--user-pool-id ID]`
(also `amplify storage import`, `amplify auth import`)."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import mfa_prompt, open_project
from amplify_mock.project.errors import ProjectOperationError

__all__ = ["import_"]


@click.group("import")
def import_() -> None:
    """Use an existing cloud resource in the project (S3 bucket, Cognito user pool)."""


@import_.command("storage")
@click.option("--bucket", help="The S3 bucket to import (asked for when not given).")
def import_storage_command(bucket: str | None) -> None:
    """Import an S3 bucket of the local cloud as the project's storage."""
    from amplify_mock.project.categories.imported import import_storage, importable_buckets

    project = open_project()
    if bucket is None:
        choices = importable_buckets(project, mfa_prompt)
        if not choices:
            raise ProjectOperationError(
                "There are no S3 buckets in the local cloud to import.",
                "Push a project with storage first, or add storage with `amplify add storage`.",
            )
        bucket = str(
            click.prompt("Select the S3 Bucket you want to import", type=click.Choice(choices))
        )
    name = import_storage(project, bucket, mfa_prompt)
    click.echo(f"S3 Bucket '{bucket}' was successfully imported as '{name}'.")
    click.echo("Run `amplify push` to update your frontend configuration.")


@import_.command("auth")
@click.option("--user-pool-id", help="The user pool to import (asked for when not given).")
def import_auth_command(user_pool_id: str | None) -> None:
    """Import a Cognito user pool of the local cloud (its app clients and identity pool)."""
    from amplify_mock.project.categories.imported import import_auth, importable_user_pools

    project = open_project()
    if user_pool_id is None:
        pools = importable_user_pools(project, mfa_prompt)
        if not pools:
            raise ProjectOperationError(
                "There are no Cognito user pools in the local cloud to import.",
                "Push a project with auth first, or add auth with `amplify add auth`.",
            )
        labels = {f"{p.user_pool_name} ({p.user_pool_id})": p.user_pool_id for p in pools}
        label = click.prompt(
            "Select the User Pool you want to import", type=click.Choice(sorted(labels))
        )
        user_pool_id = labels[str(label)]
    name = import_auth(project, user_pool_id, mfa_prompt)
    click.echo(f"Cognito User Pool '{user_pool_id}' was successfully imported as '{name}'.")
    click.echo("Run `amplify push` to update your frontend configuration.")
