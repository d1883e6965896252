"""Adding and removing a resource: its folder under backend/ plus backend-config and meta."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

from amplify_mock.base.files import remove_tree, write_json, write_text
from amplify_mock.project.errors import (
    InvalidNameError,
    ProjectOperationError,
    ResourceExistsError,
    ResourceNotFoundError,
)
from amplify_mock.project.project import Project

__all__ = [
    "add_resource",
    "dependents",
    "env_suffixed",
    "find_resources",
    "remove_resource",
    "short_id",
    "validate_resource_name",
]

_RESOURCE_NAME = re.compile(r"^[a-zA-Z0-9]{1,50}$")


def short_id() -> str:
    """8 hex characters, as the Amplify CLI suffixes generated resource names."""
    return uuid.uuid4().hex[:8]


def env_suffixed(value: Any) -> dict[str, Any]:
    """`<value>-<env>`, the name a category template gives a resource per environment, or
    `value` alone when env is NONE (the template's `ShouldNotCreateEnvResources` condition)."""
    return {
        "Fn::If": [
            "ShouldNotCreateEnvResources",
            value,
            {"Fn::Join": ["", [value, "-", {"Ref": "env"}]]},
        ]
    }


def validate_resource_name(name: str) -> str:
    """:raises InvalidNameError: not 1-50 letters and digits."""
    if not _RESOURCE_NAME.match(name):
        raise InvalidNameError("resource name", name, "use 1 to 50 letters and digits")
    return name


def add_resource(
    project: Project,
    category: str,
    name: str,
    entry: Mapping[str, Any],
    files: Mapping[str, Any],
) -> None:
    """Write the resource's files and register it in backend-config and amplify-meta.

    `files` maps a path relative to the resource folder to its content: a string is written
    as is, anything else as JSON.

    :raises ResourceExistsError: the category has a resource of that name.
    """
    validate_resource_name(name)
    config = project.backend_config()
    if name in (config.get(category) or {}):
        raise ResourceExistsError(category, name)
    folder = project.paths.resource_dir(category, name)
    for relative, content in files.items():
        target = folder / relative
        if isinstance(content, str):
            write_text(target, content)
        else:
            write_json(target, content)
    config.setdefault(category, {})[name] = dict(entry)
    meta = project.amplify_meta()
    meta.setdefault(category, {})[name] = json.loads(json.dumps(entry))
    project.write_backend_config(config)
    project.write_amplify_meta(meta)


def dependents(project: Project, category: str, name: str) -> list[str]:
    """`category/name` of each resource whose backend-config `dependsOn` names this one."""
    found = []
    for other_category, other_name, entry in project.resources():
        for dependency in entry.get("dependsOn") or ():
            if dependency.get("category") == category and dependency.get("resourceName") == name:
                found.append(f"{other_category}/{other_name}")
    return found


def remove_resource(project: Project, category: str, name: str) -> None:
    """Remove the resource locally; `amplify push` then deletes it from the cloud.

    :raises ResourceNotFoundError: no such resource.
    :raises ProjectOperationError: another resource depends on it.
    """
    config = project.backend_config()
    if name not in (config.get(category) or {}):
        raise ResourceNotFoundError(category, name)
    users = dependents(project, category, name)
    if users:
        raise ProjectOperationError(
            f"Resource cannot be removed because {', '.join(users)} depends on it.",
            "Remove the dependent resources first, or update them not to use this one.",
        )
    del config[category][name]
    if not config[category]:
        del config[category]
    meta = project.amplify_meta()
    (meta.get(category) or {}).pop(name, None)
    if category in meta and not meta[category]:
        del meta[category]
    project.write_backend_config(config)
    project.write_amplify_meta(meta)
    remove_tree(project.paths.resource_dir(category, name))


def find_resources(project: Project, category: str, service: str) -> list[str]:
    """Names of a category's resources of one service (e.g. auth / Cognito)."""
    return [
        name
        for name, entry in (project.backend_config().get(category) or {}).items()
        if entry.get("service") == service
    ]
