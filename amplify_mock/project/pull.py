"""`amplify pull`: refresh an initialized project, or attach a new folder to an existing env."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

from amplify_mock.base.files import (
    copy_tree_atomic,
    read_json,
    remove_tree,
    removed_on_failure,
    write_json,
)
from amplify_mock.cloud.clouds import CLOUD_ENV_VAR
from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.local.apps import get_app_env
from amplify_mock.cloud.local.store import open_store, store_spec_from_env
from amplify_mock.project.aws_info import local_aws_info_entry
from amplify_mock.project.envs import CURRENT_CLOUD_BACKEND_KEY, MfaPrompt, checkout_env
from amplify_mock.project.errors import HeadlessArgumentError, ProjectOperationError
from amplify_mock.project.gitignore import update_gitignore
from amplify_mock.project.headless import AmplifyArgs, FrontendArgs
from amplify_mock.project.init import DEFAULT_FEATURE_FLAGS, write_project_config
from amplify_mock.project.paths import ProjectPaths
from amplify_mock.project.project import PROVIDER_NAME, Project
from amplify_mock.project.status import Operation, dir_hash, resource_statuses

__all__ = ["pull_existing", "pull_new"]


def pull_existing(
    project: Project, *, restore: bool = False, mfa_prompt: MfaPrompt | None = None
) -> list[Path]:
    """Scenario 1: update `#current-cloud-backend` from the current environment; returns the
    frontend config files written.

    With `restore`, backend/ is replaced by the cloud's. Without it, backend/ follows the
    cloud when it has no local changes (every resource "No Change"): a teammate's pushed
    resources arrive, each resource folder copied on its own so build products stay.
    """
    clean = all(row.operation is Operation.NO_CHANGE for row in resource_statuses(project))
    files = checkout_env(project, project.env_name, restore=restore, mfa_prompt=mfa_prompt)
    if clean and not restore:
        _follow_cloud_backend(project)
        files = checkout_env(project, project.env_name, mfa_prompt=mfa_prompt)
    return files


def _follow_cloud_backend(project: Project) -> None:
    """Copy the resources that differ from `#current-cloud-backend` into backend/."""
    paths = project.paths
    cloud_config = dict(read_json(paths.current_backend_config, default={}))
    local_config = project.backend_config()
    for category, resources in cloud_config.items():
        for name in resources or {}:
            source = paths.current_cloud_backend_dir / category / name
            target = paths.resource_dir(category, name)
            if source.is_dir() and dir_hash(source) != dir_hash(target):
                copy_tree_atomic(source, target)
    for category, resources in local_config.items():
        for name in resources or {}:
            if name not in (cloud_config.get(category) or {}):
                remove_tree(paths.resource_dir(category, name))
    project.write_backend_config(cloud_config)


def pull_new(
    root: Path,
    amplify_args: AmplifyArgs,
    frontend: FrontendArgs,
    providers: dict[str, dict[str, Any]],
    *,
    mfa_prompt: MfaPrompt | None = None,
) -> Project:
    """Scenario 2: set up `amplify/` in a folder from the env `appId`/`envName` name.

    The backend definition comes from the env's `#current-cloud-backend.zip` in the local
    cloud's store (`$AMPLIFY_MOCK_CLOUD_STORE`, else the per-user one), which the pulled
    project then deploys to. Not emulated: pulling from the Amplify Service of an AWS account.

    :raises HeadlessArgumentError: `appId` or `envName` missing.
    :raises AppNotFoundError: no such app/env.
    """
    if not amplify_args.app_id or not amplify_args.env_name:
        raise HeadlessArgumentError("--amplify", "missing required key 'appId' or 'envName'")
    if os.environ.get(CLOUD_ENV_VAR, "local") != "local":
        raise ProjectOperationError(
            "Pulling a new project from the Amplify Service of an AWS account is not emulated.",
            "Copy team-provider-info.json's env and run `amplify env import`, then "
            "`amplify env checkout`.",
        )
    env = amplify_args.env_name
    store = open_store(store_spec_from_env())
    registered_name, provider = get_app_env(store, amplify_args.app_id, env)
    cloud = LocalCloud(store, provider.get("Region", "us-east-1"))
    body = cloud.get_object(provider["DeploymentBucketName"], CURRENT_CLOUD_BACKEND_KEY)
    paths = ProjectPaths(root.resolve())
    with removed_on_failure(paths.amplify_dir):
        project = Project(paths.root)
        existing = paths.is_initialized()
        if not existing:
            write_project_config(project, amplify_args.project_name or registered_name, frontend)
        env_info = project.local_env_info()
        env_info.update({"projectPath": str(paths.root), "envName": env})
        if amplify_args.default_editor or "defaultEditor" not in env_info:
            env_info["defaultEditor"] = amplify_args.default_editor or "code"
        project.write_local_env_info(env_info)
        # an existing project keeps its other environments and this env's credentials
        local_aws = project.local_aws_info()
        if PROVIDER_NAME in providers or env not in local_aws:
            aws_info = providers.get(PROVIDER_NAME) or {"configLevel": "general"}
            local_aws[env] = local_aws_info_entry(aws_info)
        project.write_local_aws_info(local_aws)
        team = project.team_provider_info()
        team[env] = {**(team.get(env) or {}), PROVIDER_NAME: provider}
        project.write_team_provider_info(team)
        if not paths.cli_json.exists():
            write_json(paths.cli_json, DEFAULT_FEATURE_FLAGS)
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            archive.extractall(paths.backend_dir)
        if not paths.backend_config.exists():
            write_json(paths.backend_config, {})
        checkout_env(project, env, cloud=cloud)
        update_gitignore(paths.root)
        return project
