"""Environments: create (root stack), check out, pull, list, remove, import."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from amplify_mock.base.files import copy_tree_atomic, read_json, remove_tree, write_json
from amplify_mock.cloud.clouds import open_cloud
from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.local.apps import new_app_id, register_app_env, remove_app_env
from amplify_mock.cloud.provider import (
    BucketNotFoundError,
    Cloud,
    ObjectNotFoundError,
    StackNotFoundError,
)
from amplify_mock.project.aws_info import local_aws_info_entry, region_of
from amplify_mock.project.errors import (
    EnvExistsError,
    EnvStackNotFoundError,
    HeadlessArgumentError,
    ProjectOperationError,
)
from amplify_mock.project.frontend_config import write_frontend_config
from amplify_mock.project.headless import parse_aws_info, validate_env_name
from amplify_mock.project.paths import CURRENT_CLOUD_BACKEND
from amplify_mock.project.project import PROVIDER_NAME, Project
from amplify_mock.project.root_stack import (
    ROOT_OUTPUT_KEYS,
    provider_outputs,
    root_stack_names,
    root_stack_template,
)

__all__ = [
    "CURRENT_CLOUD_BACKEND_KEY",
    "Clock",
    "add_env",
    "checkout_env",
    "cloud_for",
    "create_env",
    "import_env",
    "remove_env",
    "require_stack",
    "store_current_cloud_backend",
    "utc_now",
]

CURRENT_CLOUD_BACKEND_KEY = f"{CURRENT_CLOUD_BACKEND}.zip"

Clock = Callable[[], dt.datetime]
MfaPrompt = Callable[[str], str]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def cloud_for(project: Project, env: str, *, mfa_prompt: MfaPrompt | None = None) -> Cloud:
    """The cloud an environment lives in, with its credentials and region (a project still
    holding the old in-folder local cloud has it moved to the store first)."""
    aws_info = project.local_aws_info().get(env) or {"configLevel": "general"}
    region = project.team_provider_info().get(env, {}).get(PROVIDER_NAME, {}).get("Region")
    cloud = open_cloud(
        project.cloud_store,
        region or region_of(aws_info),
        aws_info,
        mfa_prompt=mfa_prompt,
    )
    if isinstance(cloud, LocalCloud):
        from amplify_mock.project.cloud_migration import legacy_stacks_dir, migrate_legacy_cloud

        if legacy_stacks_dir(project).is_dir():
            migrate_legacy_cloud(project, cloud)
    return cloud


def create_env(
    project: Project,
    env: str,
    aws_info: dict[str, Any],
    *,
    clock: Clock = utc_now,
    mfa_prompt: MfaPrompt | None = None,
    app_id: str | None = None,
) -> dict[str, Any]:
    """Deploy a new environment's root stack and record it; returns the root stack outputs.

    The env joins the project's app (`AmplifyAppId`, shared by all envs; a new id for the
    first env unless `app_id` is given), registered with the local cloud for `amplify pull`.

    :raises EnvExistsError: the environment exists already.
    :raises DeploymentError: the root stack could not be deployed (nothing is recorded).
    """
    validate_env_name(env)
    team = project.team_provider_info()
    if env in team:
        raise EnvExistsError(env)
    entry = local_aws_info_entry(aws_info)
    local_aws = project.local_aws_info()
    local_aws[env] = entry
    cloud = open_cloud(project.cloud_store, region_of(entry), entry, mfa_prompt=mfa_prompt)
    names = root_stack_names(project.name, env, clock())
    deployed = cloud.deploy_stack(
        names["StackName"],
        root_stack_template(),
        {key: names[key] for key in ("DeploymentBucketName", "AuthRoleName", "UnauthRoleName")},
    )
    outputs = provider_outputs(dict(deployed.outputs))
    app_id = app_id or next(
        (
            info[PROVIDER_NAME]["AmplifyAppId"]
            for info in team.values()
            if info.get(PROVIDER_NAME, {}).get("AmplifyAppId")
        ),
        None,
    )
    outputs["AmplifyAppId"] = app_id or new_app_id()
    if isinstance(cloud, LocalCloud):
        register_app_env(cloud.store, outputs["AmplifyAppId"], project.name, env, outputs)
    project.write_local_aws_info(local_aws)
    team = project.team_provider_info()
    team[env] = {PROVIDER_NAME: outputs}
    project.write_team_provider_info(team)
    return outputs


def add_env(
    project: Project,
    env: str,
    aws_info: dict[str, Any],
    *,
    clock: Clock = utc_now,
    mfa_prompt: MfaPrompt | None = None,
    app_id: str | None = None,
) -> list[Path]:
    """`amplify env add` and the first env of `amplify init`: create the env, check it out and
    upload its `#current-cloud-backend` (so `amplify pull` elsewhere finds it); returns the
    frontend config files written.

    :raises EnvExistsError: the environment exists already.
    :raises DeploymentError: the root stack could not be deployed (nothing is recorded).
    """
    create_env(project, env, aws_info, clock=clock, mfa_prompt=mfa_prompt, app_id=app_id)
    cloud = cloud_for(project, env, mfa_prompt=mfa_prompt)
    files = checkout_env(project, env, cloud=cloud, verify_stack=False)  # just deployed
    store_current_cloud_backend(project, cloud, env)
    return files


def store_current_cloud_backend(project: Project, cloud: Cloud, env: str) -> None:
    """Upload `#current-cloud-backend` as a zip to the env's deployment bucket."""
    bucket = project.provider_info(env)["DeploymentBucketName"]
    buffer = io.BytesIO()
    source = project.paths.current_cloud_backend_dir
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")) if source.is_dir() else []:
            if path.is_file():
                archive.write(path, path.relative_to(source).as_posix())
    cloud.put_object(bucket, CURRENT_CLOUD_BACKEND_KEY, buffer.getvalue())


def _restore_current_cloud_backend(project: Project, cloud: Cloud, env: str) -> None:
    """Replace `#current-cloud-backend` with the env's copy in the cloud (or an empty one)."""
    provider = project.provider_info(env)
    target = project.paths.current_cloud_backend_dir
    staging = project.paths.amplify_dir / ".current-cloud-backend.download"
    remove_tree(staging)
    staging.mkdir(parents=True)
    try:
        try:
            body = cloud.get_object(provider["DeploymentBucketName"], CURRENT_CLOUD_BACKEND_KEY)
        except (ObjectNotFoundError, BucketNotFoundError):
            body = b""
        if body:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                archive.extractall(staging)
        meta = dict(read_json(staging / "amplify-meta.json", default={}))
        meta["providers"] = {PROVIDER_NAME: provider}
        write_json(staging / "amplify-meta.json", meta)
        if not (staging / "backend-config.json").exists():
            write_json(staging / "backend-config.json", {})
        copy_tree_atomic(staging, target)
    finally:
        remove_tree(staging)


def compose_backend_meta(project: Project, env: str) -> dict[str, Any]:
    """backend/amplify-meta.json: the env's providers, local resources, cloud outputs."""
    cloud_meta = project.current_amplify_meta()
    meta: dict[str, Any] = {"providers": {PROVIDER_NAME: project.provider_info(env)}}
    for category, name, entry in project.resources():
        deployed = (cloud_meta.get(category) or {}).get(name) or {}
        merged = {**entry, **{k: v for k, v in deployed.items() if k not in entry}}
        if "output" in deployed:
            merged["output"] = {**entry.get("output", {}), **deployed["output"]}
        meta.setdefault(category, {})[name] = merged
    return meta


def checkout_env(
    project: Project,
    env: str,
    *,
    restore: bool = False,
    mfa_prompt: MfaPrompt | None = None,
    cloud: Cloud | None = None,
    verify_stack: bool = True,
) -> list[Path]:
    """Make `env` the current environment and sync its cloud state; returns the config files.

    With `restore`, the local `backend/` is replaced by what is deployed in the cloud.

    :raises EnvNotFoundError: no such environment.
    :raises EnvStackNotFoundError: its root stack is not deployed (`verify_stack`).
    """
    project.env_info(env)
    info = project.local_env_info()
    info.update({"projectPath": str(project.root), "envName": env})
    info.setdefault("defaultEditor", "code")
    cloud = cloud or cloud_for(project, env, mfa_prompt=mfa_prompt)
    if verify_stack:
        require_stack(cloud, env, project.provider_info(env))
    _restore_current_cloud_backend(project, cloud, env)
    if restore:
        copy_tree_atomic(project.paths.current_cloud_backend_dir, project.paths.backend_dir)
    project.write_local_env_info(info)
    meta = compose_backend_meta(project, env)
    project.write_amplify_meta(meta)
    return write_frontend_config(project.root, meta, project.frontend)


def require_stack(cloud: Cloud, env: str, provider: dict[str, Any]) -> None:
    """:raises EnvStackNotFoundError: the env's root stack is not deployed in `cloud`."""
    stack = str(provider.get("StackName") or "")
    try:
        cloud.describe_stack(stack)
    except StackNotFoundError as err:
        where = "local cloud" if cloud.name == "local" else "AWS account"
        raise EnvStackNotFoundError(env, stack, where) from err


def remove_env(project: Project, env: str, *, mfa_prompt: MfaPrompt | None = None) -> None:
    """Delete an environment's stacks and forget it.

    :raises EnvNotFoundError: no such environment.
    :raises ProjectOperationError: it is the current environment.
    """
    provider = project.provider_info(env)
    if env == project.env_name:
        raise ProjectOperationError(
            f"You cannot remove the current environment '{env}'.",
            "Check out another environment with `amplify env checkout <name>` first.",
        )
    cloud = cloud_for(project, env, mfa_prompt=mfa_prompt)
    if provider.get("DeploymentBucketName"):
        cloud.empty_bucket(provider["DeploymentBucketName"])
    with contextlib.suppress(StackNotFoundError):
        cloud.delete_stack(provider["StackName"])
    team = project.team_provider_info()
    team.pop(env, None)
    project.write_team_provider_info(team)
    if provider.get("AmplifyAppId") and isinstance(cloud, LocalCloud):
        remove_app_env(cloud.store, provider["AmplifyAppId"], env)
    local_aws = project.local_aws_info()
    if local_aws.pop(env, None) is not None:
        project.write_local_aws_info(local_aws)


def import_env(
    project: Project,
    env: str,
    config: dict[str, Any],
    aws_info: dict[str, Any],
    *,
    mfa_prompt: MfaPrompt | None = None,
) -> None:
    """`amplify env import`: record an existing environment's root stack and credentials.

    :raises HeadlessArgumentError: `--config` lacks the awscloudformation keys.
    :raises EnvExistsError: the environment exists already.
    :raises EnvStackNotFoundError: its root stack is not deployed.
    """
    validate_env_name(env)
    provider = config.get(PROVIDER_NAME)
    if not isinstance(provider, dict):
        raise HeadlessArgumentError("--config", f"missing required key '{PROVIDER_NAME}'")
    for key in ("StackName", "DeploymentBucketName", "Region"):
        if not isinstance(provider.get(key), str):
            raise HeadlessArgumentError("--config", f"missing required key '{PROVIDER_NAME}.{key}'")
    entry = local_aws_info_entry(parse_aws_info("--awsInfo", aws_info))
    team = project.team_provider_info()
    if env in team:
        raise EnvExistsError(env)
    cloud = open_cloud(project.cloud_store, provider["Region"], entry, mfa_prompt=mfa_prompt)
    require_stack(cloud, env, provider)
    ordered = {k: provider[k] for k in ROOT_OUTPUT_KEYS if k in provider}
    ordered.update({k: v for k, v in provider.items() if k not in ordered})
    team[env] = {PROVIDER_NAME: ordered}
    local_aws = project.local_aws_info()
    local_aws[env] = entry
    project.write_local_aws_info(local_aws)
    project.write_team_provider_info(team)
