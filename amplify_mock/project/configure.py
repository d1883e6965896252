"""`amplify configure project`: change what `amplify init` set (name, editor, frontend, AWS)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from amplify_mock.project.aws_info import local_aws_info_entry
from amplify_mock.project.frontend_config import write_frontend_config
from amplify_mock.project.headless import AmplifyArgs, FrontendArgs, validate_project_name
from amplify_mock.project.init import write_project_config
from amplify_mock.project.project import PROVIDER_NAME, Project

__all__ = ["configure_project", "current_frontend"]


def current_frontend(project: Project) -> FrontendArgs:
    """The frontend settings project-config.json holds now."""
    config = project.project_config()
    name = str(config["frontend"])
    handler_config = config.get(name) or {}
    return FrontendArgs(
        name, handler_config.get("framework"), dict(handler_config.get("config") or {})
    )


def configure_project(
    project: Project,
    amplify_args: AmplifyArgs,
    frontend: FrontendArgs | None,
    providers: dict[str, dict[str, Any]] | None,
) -> list[Path]:
    """Apply the changes and rewrite the frontend config files; returns the files written.

    :raises InvalidNameError: a bad project name.
    """
    name = amplify_args.project_name or project.name
    validate_project_name(name)
    write_project_config(project, name, frontend or current_frontend(project))
    env_info = project.local_env_info()
    if amplify_args.default_editor:
        env_info["defaultEditor"] = amplify_args.default_editor
    env_info["projectPath"] = str(project.root)
    project.write_local_env_info(env_info)
    if providers and PROVIDER_NAME in providers:
        local_aws = project.local_aws_info()
        local_aws[project.env_name] = local_aws_info_entry(providers[PROVIDER_NAME])
        project.write_local_aws_info(local_aws)
    return write_frontend_config(project.root, project.amplify_meta(), project.frontend)
