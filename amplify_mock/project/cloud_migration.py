"""Moving a project's in-folder local cloud (`amplify/mock-data/cloud/`, the layout before the
local cloud moved to a store) into the store, once, so an upgrade loses no deployed env.

Each stack state the store lacks is copied with its buckets (their objects from
`amplify/mock-data/S3/<bucket>/`), the project's envs are registered under their app id, and
the old folder is renamed `cloud.migrated` (kept, not deleted).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from amplify_mock.base.files import read_json
from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.local.apps import app_envs, register_app_env
from amplify_mock.project.project import PROVIDER_NAME, Project

__all__ = ["legacy_stacks_dir", "migrate_legacy_cloud"]

LOG = logging.getLogger(__name__)


def legacy_stacks_dir(project: Project) -> Path:
    return project.paths.mock_data_dir / "cloud" / "stacks"


def _copy_bucket(project: Project, cloud: LocalCloud, bucket: str, owner: dict[str, str]) -> None:
    if cloud.bucket_exists(bucket):
        return
    cloud.create_bucket(bucket, owner)
    folder = project.paths.mock_data_dir / "S3" / bucket
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            cloud.store.write(f"objects/{bucket}/{relative.as_posix()}", path.read_bytes())


def migrate_legacy_cloud(project: Project, cloud: LocalCloud) -> list[str]:
    """Copy the old in-folder stacks into `cloud`'s store; returns the stacks copied."""
    legacy = legacy_stacks_dir(project)
    if not legacy.is_dir():
        return []
    moved = []
    for path in sorted(legacy.glob("*.json")):
        name = path.stem
        if cloud.store.read(f"stacks/{name}.json") is not None:
            continue
        state = dict(read_json(path))
        for key, record in (state.get("Resources") or {}).items():
            if record.get("Type") == "AWS::S3::Bucket":
                owner = {"StackName": name, "LogicalResourceKey": key}
                _copy_bucket(project, cloud, str(record["PhysicalResourceId"]), owner)
        state.setdefault("StackStatus", "UPDATE_COMPLETE")
        cloud.store.write(f"stacks/{name}.json", json.dumps(state, indent=2).encode(), expect=None)
        moved.append(name)
    for env, info in project.team_provider_info().items():
        provider = info.get(PROVIDER_NAME) or {}
        app_id = provider.get("AmplifyAppId")
        if app_id and env not in app_envs(cloud.store, str(app_id)):
            register_app_env(cloud.store, str(app_id), project.name, env, dict(provider))
    os.replace(legacy.parent, legacy.parent.with_name("cloud.migrated"))
    LOG.warning(
        "moved the project's local cloud (%s) to %s", ", ".join(moved), cloud.store.location
    )
    return moved
