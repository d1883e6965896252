"""`amplify publish`: push, build, upload the frontend to the hosting bucket."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import mfa_prompt, open_project, yes_option
from amplify_mock.cli.push import push_options_run
from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.project.publish import publish_frontend

__all__ = ["publish"]


@click.command()
@click.option("--codegen", "codegen_json", help="JSON: codegen settings, as for push.")
@click.option("--force", is_flag=True, help="Push even when nothing changed.")
@click.option(
    "--invalidateCloudFront",
    "-c",
    "invalidate",
    is_flag=True,
    help="Invalidate the CloudFront cache of a PROD hosting setup (/*).",
)
@click.option(
    "--no-build", is_flag=True, help="Upload DistributionDir without running BuildCommand."
)
@yes_option
def publish(
    codegen_json: str | None, force: bool, invalidate: bool, no_build: bool, yes: bool
) -> None:
    """Push the backend, then build and upload the frontend."""
    if not push_options_run(yes, codegen_json, force):
        return
    project = open_project()
    result = publish_frontend(
        project, build=not no_build, invalidate=invalidate, mfa_prompt=mfa_prompt
    )
    click.echo(f"Uploaded {len(result.files)} files to bucket {result.bucket}.")
    if result.invalidation_id:
        click.echo(
            f"CloudFront invalidation {result.invalidation_id} of distribution "
            f"{result.distribution_id} created for /*."
        )
    elif result.distribution_id:
        click.echo(
            "CloudFront keeps serving its cached files until they expire; publish with -c "
            "to invalidate them."
        )
    if not result.local:
        click.echo(f"Your app is published: {result.url}")
        return
    port = load_mock_project(project.root).settings.storage_port
    click.echo(
        "Your app is published to the local cloud: "
        f"http://localhost:{port}/{result.bucket}/{result.index_document}"
    )
    if result.distribution_id:
        click.echo(
            f"`amplify mock` serves CloudFront distribution {result.distribution_id} at "
            "http://localhost:20007/ (cached, as CloudFront)."
        )
    click.echo(
        "Run `amplify mock` to serve it: the local S3 serves the hosting bucket as a static "
        f"website (also at http://{result.bucket}.localhost:{port}/ for an app whose asset "
        "paths start with /)."
    )
