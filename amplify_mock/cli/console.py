"""`amplify console`: where the project's backend can be looked at.

For the local cloud that is its store (the per-user folder or the team's bucket); for an AWS
account, the Amplify console URL of the app. Not emulated: opening a browser.
"""

from __future__ import annotations

import os

import click

from amplify_mock.cli.project_context import open_project
from amplify_mock.cloud.clouds import CLOUD_ENV_VAR
from amplify_mock.cloud.local.store import default_store_dir

__all__ = ["console"]


@click.command()
def console() -> None:
    """Print where the current environment's backend lives (the Amplify console URL on AWS)."""
    project = open_project()
    provider = project.provider_info()
    region = provider.get("Region", "us-east-1")
    app_id = provider.get("AmplifyAppId", "")
    env = project.env_name
    click.echo(f"App ID: {app_id}  Environment: {env}  Region: {region}")
    if os.environ.get(CLOUD_ENV_VAR, "local") == "aws":
        click.echo(
            f"https://{region}.console.aws.amazon.com/amplify/home?region={region}#/{app_id}/"
            f"YmFja2VuZA/{env}"
        )
        return
    store = project.cloud_store or str(default_store_dir())
    click.echo(f"Local cloud: {store}")
    click.echo(f"Root stack: {provider.get('StackName', '')}")
