"""`amplify import storage | auth`: an existing S3 bucket, or Cognito user pool (with its app
clients and identity pool), of the local cloud used as the project's storage or auth.

The imported resource has no stack of its own (`serviceType: imported`): backend-config.json
records it, team-provider-info.json holds its ids per environment, and `amplify push` copies
them into amplify-meta's output (and so into aws-exports.js).
Not emulated: importing DynamoDB tables, and finding resources of an AWS account (the local
cloud's only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from amplify_mock.cloud.local import LocalCloud
from amplify_mock.project.categories.resources import find_resources
from amplify_mock.project.envs import MfaPrompt, cloud_for
from amplify_mock.project.errors import ProjectOperationError, ServiceExistsError
from amplify_mock.project.project import PROVIDER_NAME, Project

__all__ = ["IMPORTED", "import_storage", "importable_buckets", "is_imported"]

IMPORTED = "imported"


def is_imported(entry: dict[str, object]) -> bool:
    return entry.get("serviceType") == IMPORTED


def _local_cloud(project: Project, mfa_prompt: MfaPrompt | None) -> LocalCloud:
    cloud = cloud_for(project, project.env_name, mfa_prompt=mfa_prompt)
    if not isinstance(cloud, LocalCloud):
        raise ProjectOperationError(
            "Importing a bucket of an AWS account is not emulated.",
            "Import a bucket of the local cloud, or use the Amplify CLI.",
        )
    return cloud


def importable_buckets(project: Project, mfa_prompt: MfaPrompt | None = None) -> list[str]:
    """The local cloud's buckets that no stack of this project owns."""
    cloud = _local_cloud(project, mfa_prompt)
    keys = cloud.store.keys("buckets/")
    names = [key[len("buckets/") : -len(".json")] for key in keys]
    own = project.provider_info().get("DeploymentBucketName")
    return sorted(name for name in names if name != own)


def import_storage(project: Project, bucket: str, mfa_prompt: MfaPrompt | None = None) -> str:
    """Record `bucket` as the project's S3 storage; returns the resource name.

    :raises ServiceExistsError: the project has S3 storage already.
    :raises ProjectOperationError: no such bucket in the local cloud.
    """
    existing = find_resources(project, "storage", "S3")
    if existing:
        raise ServiceExistsError("S3 storage", "storage", existing[0])
    cloud = _local_cloud(project, mfa_prompt)
    if not cloud.bucket_exists(bucket):
        raise ProjectOperationError(
            f"The S3 bucket '{bucket}' does not exist in the local cloud.",
            "Check the name with `amplify import storage` (it lists the buckets).",
        )
    name = (re.sub(r"[^a-zA-Z0-9]", "", bucket) or "imported")[:50]
    entry = {
        "service": "S3",
        "serviceType": IMPORTED,
        "providerPlugin": PROVIDER_NAME,
        "dependsOn": [],
    }
    _record(project, "storage", name, entry, {"BucketName": bucket, "Region": cloud.region})
    return name


@dataclass(frozen=True)
class UserPoolChoice:
    """A user pool of the local cloud with the app clients and identity pool of its stack."""

    user_pool_id: str
    user_pool_name: str
    web_client_id: str | None
    native_client_id: str | None
    identity_pool_id: str | None
    identity_pool_name: str | None


def importable_user_pools(
    project: Project, mfa_prompt: MfaPrompt | None = None
) -> list[UserPoolChoice]:
    """Every Cognito user pool deployed in the local cloud, with its stack's clients."""
    cloud = _local_cloud(project, mfa_prompt)
    found = []
    for stack in cloud.stack_names():
        records = cloud.resources(stack)
        for pool in (r for r in records if r["Type"] == "AWS::Cognito::UserPool"):
            path = pool["StackPath"]
            siblings = [r for r in records if r["StackPath"] == path]
            clients = [r for r in siblings if r["Type"] == "AWS::Cognito::UserPoolClient"]
            web = next((c for c in clients if c["LogicalResourceId"].endswith("Web")), None)
            native = next((c for c in clients if c is not web), None)
            identity = next(
                (r for r in siblings if r["Type"] == "AWS::Cognito::IdentityPool"), None
            )
            found.append(
                UserPoolChoice(
                    user_pool_id=str(pool["PhysicalResourceId"]),
                    user_pool_name=str(pool["Properties"].get("UserPoolName", "")),
                    web_client_id=str(web["PhysicalResourceId"]) if web else None,
                    native_client_id=str(native["PhysicalResourceId"]) if native else None,
                    identity_pool_id=str(identity["PhysicalResourceId"]) if identity else None,
                    identity_pool_name=(
                        str(identity["Properties"].get("IdentityPoolName", ""))
                        if identity
                        else None
                    ),
                )
            )
    return found


def import_auth(project: Project, user_pool_id: str, mfa_prompt: MfaPrompt | None = None) -> str:
    """Record a local cloud user pool (and its clients and identity pool) as the project's
    auth; returns the resource name.

    :raises ServiceExistsError: the project has auth already.
    :raises ProjectOperationError: no such user pool, or it has no web app client.
    """
    existing = find_resources(project, "auth", "Cognito")
    if existing:
        raise ServiceExistsError("auth", "auth", existing[0])
    pools = {p.user_pool_id: p for p in importable_user_pools(project, mfa_prompt)}
    pool = pools.get(user_pool_id)
    if pool is None:
        raise ProjectOperationError(
            f"The Cognito user pool '{user_pool_id}' does not exist in the local cloud.",
            "Run `amplify import auth` without --user-pool-id to choose from the pools.",
        )
    if pool.web_client_id is None:
        raise ProjectOperationError(
            f"The Cognito user pool '{user_pool_id}' has no web app client to import.",
            "Add a web app client (one without a secret) to the pool first.",
        )
    name = (re.sub(r"[^a-zA-Z0-9]", "", pool.user_pool_name) or "importedauth")[:50]
    recorded = {
        "userPoolId": pool.user_pool_id,
        "userPoolName": pool.user_pool_name,
        "webClientId": pool.web_client_id,
        "nativeClientId": pool.native_client_id or pool.web_client_id,
    }
    if pool.identity_pool_id:
        recorded["identityPoolId"] = pool.identity_pool_id
        recorded["identityPoolName"] = pool.identity_pool_name or ""
    entry = {
        "service": "Cognito",
        "serviceType": IMPORTED,
        "providerPlugin": PROVIDER_NAME,
        "dependsOn": [],
        "customAuth": False,
    }
    _record(project, "auth", name, entry, recorded)
    return name


#: team-provider-info.json key of an imported auth resource -> its amplify-meta output key
_AUTH_OUTPUTS = {
    "userPoolId": "UserPoolId",
    "userPoolName": "UserPoolName",
    "webClientId": "AppClientIDWeb",
    "nativeClientId": "AppClientID",
    "identityPoolId": "IdentityPoolId",
    "identityPoolName": "IdentityPoolName",
}


def imported_output(category: str, recorded: dict[str, Any]) -> dict[str, Any]:
    """The amplify-meta output of an imported resource from its team-provider-info entry."""
    if category == "auth":
        return {_AUTH_OUTPUTS[k]: v for k, v in recorded.items() if k in _AUTH_OUTPUTS}
    return dict(recorded)


def _record(
    project: Project, category: str, name: str, entry: dict[str, Any], recorded: dict[str, Any]
) -> None:
    config = project.backend_config()
    config.setdefault(category, {})[name] = entry
    project.write_backend_config(config)
    team = project.team_provider_info()
    categories = team[project.env_name].setdefault("categories", {})
    categories.setdefault(category, {})[name] = recorded
    project.write_team_provider_info(team)
    meta = project.amplify_meta()
    meta.setdefault(category, {})[name] = {
        **entry,
        "output": imported_output(category, recorded),
    }
    project.write_amplify_meta(meta)
