"""`amplify import storage`: an existing S3 bucket of the cloud used as the project's storage.

The imported resource has no stack of its own (`serviceType: imported`): backend-config.json
records it, team-provider-info.json holds the bucket per environment, and `amplify push`
copies that into amplify-meta's output (and so into aws-exports.js).
Not emulated: `amplify import auth` (an existing Cognito user pool), importing DynamoDB
tables, and finding buckets of an AWS account (the local cloud's buckets only).
"""

from __future__ import annotations

import re

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
    output = {"BucketName": bucket, "Region": cloud.region}
    config = project.backend_config()
    config.setdefault("storage", {})[name] = entry
    project.write_backend_config(config)
    team = project.team_provider_info()
    categories = team[project.env_name].setdefault("categories", {})
    categories.setdefault("storage", {})[name] = output
    project.write_team_provider_info(team)
    meta = project.amplify_meta()
    meta.setdefault("storage", {})[name] = {**entry, "output": output}
    project.write_amplify_meta(meta)
    return name
