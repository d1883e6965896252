"""`amplify pull`: refresh an initialized project, or attach a new folder to an existing env."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

from amplify_mock.base.files import removed_on_failure, write_json
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

__all__ = ["pull_existing", "pull_new"]


def pull_existing(
    project: Project, *, restore: bool = False, mfa_prompt: MfaPrompt | None = None
) -> list[Path]:
    """Scenario 1: update `#current-cloud-backend` (and with `restore`, backend/) from the
    current environment; returns the frontend config files written."""
    return checkout_env(project, project.env_name, restore=restore, mfa_prompt=mfa_prompt)


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
        write_project_config(project, amplify_args.project_name or registered_name, frontend)
        project.write_local_env_info(
            {
                "projectPath": str(paths.root),
                "defaultEditor": amplify_args.default_editor or "code",
                "envName": env,
            }
        )
        aws_info = providers.get(PROVIDER_NAME) or {"configLevel": "general"}
        project.write_local_aws_info({env: local_aws_info_entry(aws_info)})
        project.write_team_provider_info({env: {PROVIDER_NAME: provider}})
        if not paths.cli_json.exists():
            write_json(paths.cli_json, DEFAULT_FEATURE_FLAGS)
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            archive.extractall(paths.backend_dir)
        if not paths.backend_config.exists():
            write_json(paths.backend_config, {})
        checkout_env(project, env, cloud=cloud)
        update_gitignore(paths.root)
        return project
