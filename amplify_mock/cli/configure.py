"""`amplify configure` (an AWS profile) and `amplify configure project`."""

from __future__ import annotations

import click

from amplify_mock.cli.init import prompt_frontend, prompt_providers
from amplify_mock.cli.project_context import open_project, yes_option
from amplify_mock.cloud.aws.profiles import config_file, credentials_file, write_profile
from amplify_mock.project.configure import configure_project, current_frontend
from amplify_mock.project.headless import (
    AmplifyArgs,
    parse_amplify,
    parse_frontend,
    parse_providers,
)

__all__ = ["configure"]


@click.group(invoke_without_command=True)
@click.option("--profile", "profile_name", help="Profile name (default: prompt, 'default').")
@click.option("--region", help="Region of the profile.")
@click.option("--access-key-id", help="Access key id of the IAM user.")
@click.option("--secret-access-key", help="Secret access key of the IAM user.")
@click.pass_context
def configure(
    ctx: click.Context,
    profile_name: str | None,
    region: str | None,
    access_key_id: str | None,
    secret_access_key: str | None,
) -> None:
    """Set up an AWS profile in ~/.aws/config and ~/.aws/credentials.

    Not emulated: signing in to the AWS console and creating the IAM user; create the user
    yourself and enter its access keys here.
    """
    if ctx.invoked_subcommand is not None:
        return
    region = region or click.prompt("Specify the AWS Region", default="us-east-1")
    access_key_id = access_key_id or click.prompt("accessKeyId")
    secret_access_key = secret_access_key or click.prompt("secretAccessKey", hide_input=True)
    profile_name = profile_name or click.prompt("Profile Name", default="default")
    write_profile(profile_name, region, access_key_id, secret_access_key)
    click.echo(f"Profile '{profile_name}' written to {config_file()} and {credentials_file()}.")
    click.echo("Successfully set up the new user.")


@configure.command("project")
@click.option("--amplify", "amplify_json", help="JSON: projectName, defaultEditor.")
@click.option("--frontend", "frontend_json", help="JSON: frontend, framework, config.")
@click.option("--providers", "providers_json", help="JSON: provider name -> its configuration.")
@yes_option
def configure_project_command(
    amplify_json: str | None, frontend_json: str | None, providers_json: str | None, yes: bool
) -> None:
    """Change the project's name, editor, frontend and AWS credentials."""
    project = open_project()
    amplify_args = parse_amplify(amplify_json) if amplify_json else AmplifyArgs()
    frontend = parse_frontend(frontend_json) if frontend_json else None
    providers = parse_providers(providers_json) if providers_json else None
    if not yes:
        if amplify_args.project_name is None:
            name = click.prompt("Enter a name for the project", default=project.name)
            amplify_args = AmplifyArgs(name, None, amplify_args.default_editor)
        if frontend is None:
            frontend = prompt_frontend(current_frontend(project).frontend)
        if providers is None and click.confirm(
            "Do you want to update the AWS credentials?", default=False
        ):
            providers = prompt_providers()
    files = configure_project(project, amplify_args, frontend, providers)
    for path in files:
        click.echo(f"Wrote {path.relative_to(project.root)}")
    click.echo("Successfully made configuration changes to your project.")
