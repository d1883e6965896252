"""`amplify pull`: both documented scenarios (initialized project, or a new folder)."""

from __future__ import annotations

import dataclasses

import click

from amplify_mock.cli.project_context import mfa_prompt, project_dir, yes_option
from amplify_mock.project.errors import HeadlessArgumentError
from amplify_mock.project.headless import (
    AmplifyArgs,
    default_frontend,
    parse_amplify,
    parse_frontend,
    parse_providers,
)
from amplify_mock.project.paths import ProjectPaths
from amplify_mock.project.project import Project
from amplify_mock.project.pull import pull_existing, pull_new

__all__ = ["pull"]


@click.command()
@click.option("--amplify", "amplify_json", help="JSON: projectName, appId, envName, defaultEditor.")
@click.option("--frontend", "frontend_json", help="JSON: frontend, framework, config.")
@click.option("--providers", "providers_json", help="JSON: provider name -> its configuration.")
@click.option("--appId", "app_id", help="The app to pull (instead of --amplify appId).")
@click.option("--envName", "env_name", help="The env to pull (instead of --amplify envName).")
@click.option("--restore", is_flag=True, help="Also replace local backend/ with the cloud's.")
@yes_option
def pull(
    amplify_json: str | None,
    frontend_json: str | None,
    providers_json: str | None,
    app_id: str | None,
    env_name: str | None,
    restore: bool,
    yes: bool,
) -> None:
    """Pull the backend environment from the cloud."""
    root = project_dir()
    if ProjectPaths(root).is_initialized() and not amplify_json and not app_id:
        from amplify_mock.project.plugin_exec import raise_event

        project = Project.open(root)
        raise_event("PrePull", root)
        pull_existing(project, restore=restore, mfa_prompt=mfa_prompt)
        raise_event("PostPull", root)
        click.echo(f"Pulled environment '{project.env_name}' from the cloud.")
        return
    amplify_args = parse_amplify(amplify_json) if amplify_json else AmplifyArgs()
    amplify_args = dataclasses.replace(
        amplify_args,
        env_name=env_name or amplify_args.env_name,
        app_id=app_id or amplify_args.app_id,
    )
    if not amplify_args.app_id and not yes:
        amplify_args = dataclasses.replace(
            amplify_args,
            env_name=amplify_args.env_name or click.prompt("Which environment do you want to pull"),
            app_id=click.prompt("Enter the appId of the app"),
        )
    if not amplify_args.app_id:
        raise HeadlessArgumentError("--amplify", "missing required key 'appId'")
    frontend = parse_frontend(frontend_json) if frontend_json else default_frontend()
    providers = parse_providers(providers_json) if providers_json else {}
    project = pull_new(root, amplify_args, frontend, providers, mfa_prompt=mfa_prompt)
    click.echo(f"Pulled environment '{project.env_name}' into {project.root}.")
