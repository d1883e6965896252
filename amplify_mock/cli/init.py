"""`amplify init`: interactive prompts or the headless `--amplify/--frontend/--providers`."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import click

from amplify_mock.base.files import read_json
from amplify_mock.cli.project_context import mfa_prompt, project_dir, yes_option
from amplify_mock.cloud.aws.profiles import list_profiles
from amplify_mock.project.frontends import FRONTENDS, get_frontend
from amplify_mock.project.headless import (
    AmplifyArgs,
    FrontendArgs,
    default_frontend,
    parse_amplify,
    parse_frontend,
    parse_providers,
    validate_env_name,
    validate_project_name,
)
from amplify_mock.project.init import InitRequest, init_project
from amplify_mock.project.paths import ProjectPaths
from amplify_mock.project.sample_app import clone_sample_app

__all__ = ["init", "prompt_frontend", "prompt_providers"]


def _default_project_name(root: Path) -> str:
    name = re.sub(r"[^a-zA-Z0-9]", "", root.name)[:20]
    return name if len(name) >= 3 else "amplifyapp"


def prompt_frontend(default: str = "javascript") -> FrontendArgs:
    """The frontend questions of `amplify init` / `configure project`."""
    name = click.prompt(
        "Choose the type of app that you're building",
        type=click.Choice(sorted(FRONTENDS)),
        default=default,
    )
    handler = get_frontend(name)
    framework = None
    if handler.frameworks:
        framework = click.prompt(
            f"What {name} framework are you using",
            type=click.Choice(sorted(handler.frameworks)),
            default=handler.default_framework,
        )
    labels = {
        "SourceDir": "Source Directory Path",
        "DistributionDir": "Distribution Directory Path",
        "BuildCommand": "Build Command",
        "StartCommand": "Start Command",
        "ResDir": "Where is your Res directory",
    }
    config = {
        key: click.prompt(labels[key], default=value)
        for key, value in handler.default_config(framework).items()
    }
    return FrontendArgs(
        frontend=name, framework=framework, config=handler.validate(framework, config)
    )


def prompt_providers() -> dict[str, dict[str, Any]]:
    """The awscloudformation credential questions (profile, or keys and region)."""
    if click.confirm("Do you want to use an AWS profile?", default=True):
        profiles = list_profiles()
        profile = click.prompt(
            "Please choose the profile you want to use",
            type=click.Choice(profiles) if profiles else None,
            default="default" if "default" in profiles or not profiles else profiles[0],
        )
        return {
            "awscloudformation": {
                "configLevel": "project",
                "useProfile": True,
                "profileName": profile,
            }
        }
    return {
        "awscloudformation": {
            "configLevel": "project",
            "useProfile": False,
            "accessKeyId": click.prompt("accessKeyId"),
            "secretAccessKey": click.prompt("secretAccessKey", hide_input=True),
            "region": click.prompt("region", default="us-east-1"),
        }
    }


def _choose_env(existing: list[str], interactive: bool) -> str | None:
    """A cloned project offers its environments (team-provider-info.json) to join."""
    if not existing:
        return None
    if not interactive:
        return "dev" if "dev" in existing else existing[0]
    if not click.confirm("Do you want to use an existing environment?", default=True):
        return None
    return str(
        click.prompt(
            "Choose the environment you would like to use",
            type=click.Choice(existing),
            default=existing[0],
        )
    )


def _request(
    root: Path,
    amplify_args: AmplifyArgs,
    frontend: FrontendArgs | None,
    providers: dict[str, dict[str, Any]] | None,
    yes: bool,
) -> InitRequest:
    interactive = not yes
    paths = ProjectPaths(root)
    config = dict(read_json(paths.project_config, default={}))
    project_name = amplify_args.project_name or config.get("projectName")
    if project_name is None:
        default = _default_project_name(root)
        project_name = (
            validate_project_name(click.prompt("Enter a name for the project", default=default))
            if interactive
            else default
        )
    env_name = amplify_args.env_name
    if env_name is None:
        env_name = _choose_env(list(read_json(paths.team_provider_info, default={})), interactive)
    if env_name is None:
        env_name = (
            validate_env_name(click.prompt("Enter a name for the environment", default="dev"))
            if interactive
            else "dev"
        )
    editor = amplify_args.default_editor
    if editor is None:
        editor = (
            click.prompt("Choose your default editor", default="code") if interactive else "code"
        )
    if frontend is None and config.get("frontend"):
        frontend = _configured_frontend(config)
    if frontend is None:
        frontend = prompt_frontend() if interactive else default_frontend()
    if providers is None:
        providers = prompt_providers() if interactive else {}
    return InitRequest(
        project_name=project_name,
        env_name=env_name,
        frontend=frontend,
        providers=providers,
        default_editor=editor,
        app_id=amplify_args.app_id,
    )


def _configured_frontend(config: dict[str, Any]) -> FrontendArgs:
    """The frontend a cloned project's project-config.json records (asked again: never)."""
    name = str(config["frontend"])
    handler = dict(config.get(name) or {})
    return FrontendArgs(
        frontend=name, framework=handler.get("framework"), config=dict(handler.get("config") or {})
    )


@click.command()
@click.option("--amplify", "amplify_json", help="JSON: projectName, envName, defaultEditor, appId.")
@click.option("--frontend", "frontend_json", help="JSON: frontend, framework, config.")
@click.option("--providers", "providers_json", help="JSON: provider name -> its configuration.")
@click.option("--app", "app_url", help="Git repository of a sample app to clone and initialize.")
@click.option("--appId", "app_id", help="Amplify Service app id recorded for the project.")
@yes_option
def init(
    amplify_json: str | None,
    frontend_json: str | None,
    providers_json: str | None,
    app_url: str | None,
    app_id: str | None,
    yes: bool,
) -> None:
    """Initialize an Amplify project: the amplify/ folder and the first environment."""
    root = project_dir()
    amplify_args = parse_amplify(amplify_json) if amplify_json else AmplifyArgs()
    frontend = parse_frontend(frontend_json) if frontend_json else None
    providers = parse_providers(providers_json) if providers_json else None
    if app_id:
        amplify_args = dataclasses.replace(amplify_args, app_id=app_id)
    if app_url:
        sample = clone_sample_app(root, app_url)
        amplify_args = dataclasses.replace(
            amplify_args, project_name=amplify_args.project_name or sample.project_name
        )
        frontend = frontend or sample.frontend
        yes = True
    request = _request(root, amplify_args, frontend, providers, yes)
    from amplify_mock.project.plugin_exec import raise_event

    raise_event("PreInit", root)
    result = init_project(root, request, mfa_prompt=mfa_prompt)
    raise_event("PostInit", root)
    paths = ProjectPaths(root)
    verb = "Initialized" if result.created_env else "Attached to"
    click.echo(f"{verb} environment '{request.env_name}' of project '{request.project_name}'.")
    for path in result.config_files:
        click.echo(f"Wrote {path.relative_to(paths.root)}")
    click.echo("Your project has been successfully initialized and connected to the cloud!")
    if app_url:
        from amplify_mock.project.push import push

        push(result.project, force=True, mfa_prompt=mfa_prompt)
        click.echo("Sample app resources provisioned.")
