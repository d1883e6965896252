"""`amplify delete`: every environment's stacks and app records, then the local project files."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from amplify_mock.base.files import remove_tree
from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.local.apps import remove_app_env
from amplify_mock.cloud.provider import StackNotFoundError
from amplify_mock.project.envs import MfaPrompt, cloud_for
from amplify_mock.project.frontend_config import frontend_config_paths
from amplify_mock.project.project import Project

__all__ = ["DeleteResult", "delete_project"]


@dataclass(frozen=True)
class DeleteResult:
    """The environments whose stacks were deleted and the local files removed."""

    envs: list[str]
    removed: list[Path]


def delete_project(project: Project, *, mfa_prompt: MfaPrompt | None = None) -> DeleteResult:
    """Delete each env's root stack (buckets emptied first, Retain kept), forget the envs in
    the local cloud's app records, then remove `amplify/` and the frontend config files.

    :raises StackBusyError: a push to one of the envs is in progress (nothing local is
        removed then, so `amplify delete` can run again).
    """
    envs = project.env_names()
    for env in envs:
        provider = project.provider_info(env)
        cloud = cloud_for(project, env, mfa_prompt=mfa_prompt)
        if provider.get("DeploymentBucketName"):
            cloud.empty_bucket(provider["DeploymentBucketName"])
        with contextlib.suppress(StackNotFoundError):
            cloud.delete_stack(str(provider.get("StackName", "")))
        if provider.get("AmplifyAppId") and isinstance(cloud, LocalCloud):
            remove_app_env(cloud.store, provider["AmplifyAppId"], env)
    removed = [
        path for path in frontend_config_paths(project.root, project.frontend) if path.is_file()
    ]
    for path in removed:
        path.unlink()
    remove_tree(project.paths.amplify_dir)
    return DeleteResult(envs, [*removed, project.paths.amplify_dir])
