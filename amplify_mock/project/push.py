"""`amplify push`: build, deploy the root stack with its nested stacks, record the outputs."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amplify_mock.base.files import copy_tree_atomic, write_json
from amplify_mock.cloud.provider import StackNotFoundError
from amplify_mock.project.codegen_step import CodegenOptions, run_codegen
from amplify_mock.project.envs import (
    MfaPrompt,
    cloud_for,
    compose_backend_meta,
    store_current_cloud_backend,
)
from amplify_mock.project.frontend_config import write_frontend_config
from amplify_mock.project.function_build import build_functions
from amplify_mock.project.nested_stacks import plan_deployment, stack_logical_id
from amplify_mock.project.project import PROVIDER_NAME, Project
from amplify_mock.project.root_stack import root_stack_template
from amplify_mock.project.status import (
    MOCK_BUILD_DIR,
    Operation,
    ResourceStatus,
    dir_hash,
    resource_statuses,
)

__all__ = ["PushResult", "push"]

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushResult:
    """What a push did: the status rows before it, whether it deployed, the files it wrote."""

    statuses: list[ResourceStatus]
    deployed: bool
    config_files: list[Path] = field(default_factory=list)
    codegen_files: list[Path] = field(default_factory=list)


def _compile_apis(project: Project, now: dt.datetime, allow_destructive: bool) -> None:
    """Compile each API, checked against its deployed build (the v1 migration rules)."""
    from amplify_mock.project.api_build import compile_api

    for category, name, entry in project.resources():
        if category == "api" and entry.get("service") == "AppSync":
            deployed = project.paths.current_cloud_backend_dir / "api" / name / "build"
            compile_api(
                project.root,
                name,
                now=now,
                deployed_build=deployed,
                allow_destructive_updates=allow_destructive,
            )


def push(
    project: Project,
    *,
    force: bool = False,
    codegen: CodegenOptions | None = None,
    mfa_prompt: MfaPrompt | None = None,
    now: dt.datetime | None = None,
    allow_destructive: bool = False,
    statuses: list[ResourceStatus] | None = None,
) -> PushResult:
    """Deploy backend/ to the current environment.

    Nothing under amplify/ changes unless the deployment succeeded; a failed deployment is
    rolled back by the cloud and the error names the failing resource. `statuses` are the
    rows the caller has shown (`resource_statuses` hashes every resource folder; computed
    here when not given).

    :raises DeploymentError: the stack failed to deploy.
    :raises ApiSchemaError: an API schema does not transform.
    """
    env = project.env_name
    if statuses is None:
        statuses = resource_statuses(project)
    changed = any(row.operation is not Operation.NO_CHANGE for row in statuses)
    if not changed and not force:
        return PushResult(statuses, deployed=False)
    moment = now or dt.datetime.now(dt.UTC)
    _compile_apis(project, moment, allow_destructive)
    build_functions(project)
    api_root_key = f"amplify-appsync-files/{moment.strftime('%Y%m%d%H%M%S')}"
    plan = plan_deployment(project, env, api_root_key=api_root_key)
    cloud = cloud_for(project, env, mfa_prompt=mfa_prompt)
    provider = project.provider_info(env)
    bucket = provider["DeploymentBucketName"]
    try:
        cloud.describe_stack(provider["StackName"])
    except StackNotFoundError:
        cloud.deploy_stack(provider["StackName"], root_stack_template(), plan.root_parameters)
    for key, body in plan.uploads.items():
        cloud.put_object(bucket, key, body)
    deployed = cloud.deploy_stack(
        provider["StackName"],
        plan.root_template,
        plan.root_parameters,
        nested_templates=plan.nested_templates,
    )
    template_keys = {stack_logical_id(s.category, s.name): s.template_key for s in plan.stacks}
    meta = _record_outputs(
        project, env, plan.function_builds, dict(deployed.nested_outputs), template_keys, moment
    )
    copy_tree_atomic(
        project.paths.backend_dir, project.paths.current_cloud_backend_dir, ignore=(MOCK_BUILD_DIR,)
    )
    write_json(project.paths.current_amplify_meta, meta)
    store_current_cloud_backend(project, cloud, env)
    files = write_frontend_config(project.root, meta, project.frontend)
    codegen_files = run_codegen(project, codegen) if codegen else []
    return PushResult(statuses, deployed=True, config_files=files, codegen_files=codegen_files)


def _record_outputs(
    project: Project,
    env: str,
    builds: dict[str, str],
    nested_outputs: dict[str, Any],
    template_keys: dict[str, str],
    now: dt.datetime,
) -> dict[str, Any]:
    """Outputs into amplify-meta, function build keys into team-provider-info; returns the
    amplify-meta written."""
    team = project.team_provider_info()
    categories = team[env].setdefault("categories", {})
    bucket = team[env][PROVIDER_NAME]["DeploymentBucketName"]
    for name, s3_key in builds.items():
        categories.setdefault("function", {}).setdefault(name, {}).update(
            {"deploymentBucketName": bucket, "s3Key": s3_key}
        )
    if not categories:
        team[env].pop("categories")
    project.write_team_provider_info(team)
    categories = dict(team[env].get("categories") or {})
    meta = compose_backend_meta(project, env)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    for category, name, entry in project.resources():
        resource = meta[category][name]
        if entry.get("serviceType") == "imported":  # no stack: its outputs are recorded
            from amplify_mock.project.categories.imported import imported_output

            imported = imported_output(category, (categories.get(category) or {}).get(name) or {})
            resource["output"] = {**(resource.get("output") or {}), **imported}
            resource["lastPushTimeStamp"] = stamp
            continue
        logical_id = stack_logical_id(category, name)
        outputs = nested_outputs.get(logical_id, {})
        resource["output"] = {**(resource.get("output") or {}), **outputs}
        resource["lastPushTimeStamp"] = stamp
        resource["providerMetadata"] = {
            "s3TemplateURL": f"https://s3.amazonaws.com/{bucket}/{template_keys[logical_id]}",
            "logicalId": logical_id,
        }
        resource["lastPushDirHash"] = dir_hash(project.paths.resource_dir(category, name))
        if category == "function" and name in builds:
            resource["s3Bucket"] = {"deploymentBucketName": bucket, "s3Key": builds[name]}
    project.write_amplify_meta(meta)
    return meta
