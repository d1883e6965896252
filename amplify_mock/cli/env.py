"""`amplify env add | list | get | remove | checkout | pull | import`."""

from __future__ import annotations

import json

import click

from amplify_mock.cli.init import prompt_providers
from amplify_mock.cli.project_context import mfa_prompt, open_project, yes_option
from amplify_mock.project.envs import add_env, checkout_env, import_env, remove_env
from amplify_mock.project.headless import parse_json_object, parse_providers, validate_env_name
from amplify_mock.project.project import PROVIDER_NAME

__all__ = ["env"]


@click.group()
def env() -> None:
    """Manage the project's environments (one root stack each)."""


@env.command("add")
@click.option("--name", "env_name", help="Name of the new environment.")
@click.option("--providers", "providers_json", help="JSON: provider name -> its configuration.")
@yes_option
def add(env_name: str | None, providers_json: str | None, yes: bool) -> None:
    """Add an environment and check it out (its resources are created by `amplify push`)."""
    project = open_project()
    if env_name is None and not yes:
        existing = project.env_names()
        if existing and click.confirm("Do you want to use an existing environment?", default=False):
            chosen = click.prompt(
                "Choose the environment you would like to use", type=click.Choice(existing)
            )
            checkout_env(project, chosen, mfa_prompt=mfa_prompt)
            click.echo(f"Environment '{chosen}' checked out.")
            return
    if env_name is None:
        env_name = validate_env_name(click.prompt("Enter a name for the environment"))
    providers = parse_providers(providers_json) if providers_json else None
    if providers is None:
        current = project.local_aws_info().get(project.env_name)
        providers = {PROVIDER_NAME: current} if yes and current else prompt_providers()
    add_env(project, env_name, providers[PROVIDER_NAME], mfa_prompt=mfa_prompt)
    click.echo(f"Environment '{env_name}' added and checked out. Run `amplify push` to deploy it.")


@env.command("list")
@click.option("--details", is_flag=True, help="Show each environment's provider details.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_(details: bool, as_json: bool) -> None:
    """List the environments; the current one is marked with *."""
    project = open_project()
    team = project.team_provider_info()
    current = project.env_name
    if as_json:
        click.echo(json.dumps(team if details else {"envs": list(team)}, indent=4))
        return
    if details:
        for name, info in team.items():
            click.echo(_details(name, info, current))
        return
    width = max([len("Environments"), *(len(name) + 1 for name in team)])
    click.echo(f"| {'Environments'.ljust(width)} |")
    click.echo(f"| {'-' * width} |")
    for name in team:
        click.echo(f"| {(('*' if name == current else '') + name).ljust(width)} |")


def _details(name: str, info: dict[str, object], current: str) -> str:
    lines = [f"{'*' if name == current else ''}{name}", "--------------"]
    for provider, values in info.items():
        if provider == "categories":
            continue
        lines.append(f"Provider: {provider}")
        if isinstance(values, dict):
            lines.extend(f"{key}: {value}" for key, value in values.items())
    return "\n".join(lines) + "\n"


@env.command("get")
@click.option("--name", "env_name", required=True, help="The environment.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def get(env_name: str, as_json: bool) -> None:
    """Show one environment's details."""
    project = open_project()
    info = project.env_info(env_name)
    if as_json:
        click.echo(json.dumps(info, indent=4))
    else:
        click.echo(_details(env_name, info, project.env_name))


@env.command("checkout")
@click.argument("env_name")
@click.option("--restore", is_flag=True, help="Replace local backend/ with the cloud's.")
def checkout(env_name: str, restore: bool) -> None:
    """Switch to another environment."""
    project = open_project()
    checkout_env(project, env_name, restore=restore, mfa_prompt=mfa_prompt)
    click.echo(f"Environment '{env_name}' checked out.")


@env.command("pull")
@click.option("--restore", is_flag=True, help="Replace local backend/ with the cloud's.")
def pull(restore: bool) -> None:
    """Pull the current environment's deployed state into #current-cloud-backend."""
    project = open_project()
    checkout_env(project, project.env_name, restore=restore, mfa_prompt=mfa_prompt)
    click.echo(f"Environment '{project.env_name}' pulled from the cloud.")


@env.command("remove")
@click.argument("env_name")
@yes_option
def remove(env_name: str, yes: bool) -> None:
    """Delete an environment's stacks and remove it from the project."""
    project = open_project()
    project.env_info(env_name)
    if not yes and not click.confirm(
        f"Are you sure you want to delete the environment '{env_name}' and its resources?",
        default=False,
    ):
        click.echo("Nothing removed.")
        return
    remove_env(project, env_name, mfa_prompt=mfa_prompt)
    click.echo(f"Environment '{env_name}' removed.")


@env.command("import")
@click.option("--name", "env_name", required=True, help="Name for the imported environment.")
@click.option("--config", "config_json", required=True, help="JSON: {awscloudformation: {...}}.")
@click.option("--awsInfo", "aws_info_json", required=True, help="JSON: credentials config.")
@yes_option
def import_(env_name: str, config_json: str, aws_info_json: str, yes: bool) -> None:
    """Import an existing environment's root stack (from another team-provider-info.json)."""
    project = open_project()
    config = parse_json_object("--config", config_json)
    aws_info = parse_json_object("--awsInfo", aws_info_json)
    import_env(project, env_name, config, aws_info, mfa_prompt=mfa_prompt)
    click.echo(f"Successfully added environment '{env_name}' from your project.")
