"""`amplify awscloudformation reset-cache` and its alias `amplify aws reset-cache`."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import open_project
from amplify_mock.cloud.aws.cache import cache_file, reset_cache

__all__ = ["aws", "awscloudformation"]


@click.command("reset-cache")
def reset_cache_command() -> None:
    """Remove this project's cached temporary credentials."""
    project = open_project()
    profiles = sorted(
        {
            str(entry["profileName"])
            for entry in project.local_aws_info().values()
            if isinstance(entry, dict) and entry.get("useProfile") and entry.get("profileName")
        }
    )
    removed = reset_cache(profiles)
    if removed:
        click.echo(f"Removed cached credentials of {', '.join(removed)} from {cache_file()}.")
    else:
        click.echo("No cached credentials for this project.")


@click.group()
def awscloudformation() -> None:
    """The awscloudformation provider's commands."""


@click.group()
def aws() -> None:
    """Alias of `amplify awscloudformation`."""


awscloudformation.add_command(reset_cache_command)
aws.add_command(reset_cache_command)
