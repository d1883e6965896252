"""`amplify status`: what `amplify push` would do, from diffing backend/ with the cloud copy."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from amplify_mock.base.files import read_json
from amplify_mock.project.project import Project

__all__ = [
    "MOCK_BUILD_DIR",
    "Operation",
    "ResourceStatus",
    "dir_hash",
    "resource_statuses",
    "status_table",
]

#: folders that are build products, not sources: they never make a resource "changed"
#: (`.amplify-mock` holds the Lambda runner's build stamps and pip packages of a function)
MOCK_BUILD_DIR = ".amplify-mock"
_IGNORED = frozenset({"build", "node_modules", "__pycache__", ".temp", "dist", MOCK_BUILD_DIR})


class Operation(Enum):
    CREATE = "Create"
    UPDATE = "Update"
    DELETE = "Delete"
    NO_CHANGE = "No Change"


@dataclass(frozen=True)
class ResourceStatus:
    """One row of the `amplify status` table."""

    category: str
    resource_name: str
    operation: Operation
    provider_plugin: str


def dir_hash(path: Path) -> str:
    """A hash of every source file under a resource folder (names and contents)."""
    digest = hashlib.sha256()
    if path.is_dir():
        for file in sorted(path.rglob("*")):
            relative = file.relative_to(path)
            if any(part in _IGNORED for part in relative.parts) or not file.is_file():
                continue
            digest.update(relative.as_posix().encode() + b"\x00")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def resource_statuses(project: Project) -> list[ResourceStatus]:
    """One row per resource in backend/ or in the cloud copy, sorted as the CLI lists them."""
    paths = project.paths
    local = project.backend_config()
    cloud = dict(read_json(paths.current_backend_config, default={}))
    rows: list[ResourceStatus] = []
    categories = sorted(set(local) | set(cloud))
    for category in categories:
        local_resources = local.get(category) or {}
        cloud_resources = cloud.get(category) or {}
        for name in sorted(set(local_resources) | set(cloud_resources)):
            entry = local_resources.get(name) or cloud_resources.get(name) or {}
            provider = str(entry.get("providerPlugin", "awscloudformation"))
            if name not in cloud_resources:
                operation = Operation.CREATE
            elif name not in local_resources:
                operation = Operation.DELETE
            elif local_resources[name] != cloud_resources[name] or dir_hash(
                paths.resource_dir(category, name)
            ) != dir_hash(paths.current_cloud_backend_dir / category / name):
                operation = Operation.UPDATE
            else:
                operation = Operation.NO_CHANGE
            rows.append(ResourceStatus(category.capitalize(), name, operation, provider))
    order = [Operation.CREATE, Operation.UPDATE, Operation.DELETE, Operation.NO_CHANGE]
    return sorted(rows, key=lambda r: order.index(r.operation))


def status_table(rows: list[ResourceStatus]) -> str:
    """The `| Category | Resource name | Operation | Provider plugin |` table."""
    header = ("Category", "Resource name", "Operation", "Provider plugin")
    body = [(r.category, r.resource_name, r.operation.value, r.provider_plugin) for r in rows]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    separator = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(header), separator, *(line(row) for row in body)])
