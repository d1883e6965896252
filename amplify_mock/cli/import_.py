"""`amplify import storage [--bucket NAME]` (and `amplify storage import`); `import auth` is
refused as not emulated."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import mfa_prompt, open_project
from amplify_mock.project.errors import ProjectOperationError

__all__ = ["import_"]


@click.group("import")
def import_() -> None:
    """Use an existing cloud resource in the project (S3 bucket)."""


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
def import_auth_command() -> None:
    """Import an existing Cognito user pool (not emulated)."""
    raise ProjectOperationError(
        "`amplify import auth` is not emulated.",
        "Add auth with `amplify add auth`.",
    )
