"""The local stand-in for the Amplify Service: the apps and their backend environments.

`amplify init` records each env's root stack outputs under its app id, and `amplify pull
--appId ... --envName ...`, `amplify env pull` or a teammate's `amplify init` find them here.
The records live in the local cloud's store beside the stacks (`apps/<appId>.json`), so
whoever shares the store shares the apps.
"""

from __future__ import annotations

import json
import secrets
import string
from typing import Any

from amplify_mock.cloud.local.store import CloudStore, VersionConflict
from amplify_mock.errors import AmplifyMockError

__all__ = [
    "AppNotFoundError",
    "app_envs",
    "get_app_env",
    "new_app_id",
    "register_app_env",
    "remove_app_env",
]


class AppNotFoundError(AmplifyMockError):
    """No app/env of that id in the local cloud."""

    def __init__(self, app_id: str, env: str) -> None:
        super().__init__(
            f"No backend environment '{env}' of app '{app_id}' in the local cloud.",
            "Check the appId and envName, or run `amplify init` for that app first.",
        )


def new_app_id() -> str:
    """An id shaped like the Amplify Service's (`d` + 13 lowercase letters and digits)."""
    alphabet = string.ascii_lowercase + string.digits
    return "d" + "".join(secrets.choice(alphabet) for _ in range(13))


def _key(app_id: str) -> str:
    return f"apps/{app_id}.json"


def _read(store: CloudStore, app_id: str) -> tuple[dict[str, Any], str | None]:
    found = store.read(_key(app_id))
    return (dict(json.loads(found.body)), found.version) if found else ({}, None)


def _update(store: CloudStore, app_id: str, change: Any) -> None:
    """Read-modify-write the app record, retrying when a teammate wrote it meanwhile."""
    for _attempt in range(10):
        app, version = _read(store, app_id)
        change(app)
        try:
            store.write(_key(app_id), json.dumps(app, indent=2).encode(), expect=version)
            return
        except VersionConflict:
            continue
    raise VersionConflict(_key(app_id))


def register_app_env(
    store: CloudStore, app_id: str, project_name: str, env: str, provider: dict[str, Any]
) -> None:
    def change(app: dict[str, Any]) -> None:
        app.setdefault("projectName", project_name)
        app.setdefault("envs", {})[env] = {"awscloudformation": provider}

    _update(store, app_id, change)


def get_app_env(store: CloudStore, app_id: str, env: str) -> tuple[str, dict[str, Any]]:
    """(project name, root stack outputs).

    :raises AppNotFoundError: not registered.
    """
    app, _version = _read(store, app_id)
    entry = (app.get("envs") or {}).get(env)
    if entry is None:
        raise AppNotFoundError(app_id, env)
    return str(app["projectName"]), dict(entry["awscloudformation"])


def app_envs(store: CloudStore, app_id: str) -> dict[str, dict[str, Any]]:
    """Every env of an app: name -> root stack outputs ({} for an unknown app)."""
    app, _version = _read(store, app_id)
    return {
        name: dict(entry["awscloudformation"]) for name, entry in (app.get("envs") or {}).items()
    }


def remove_app_env(store: CloudStore, app_id: str, env: str) -> None:
    def change(app: dict[str, Any]) -> None:
        (app.get("envs") or {}).pop(env, None)

    if _read(store, app_id)[1] is not None:
        _update(store, app_id, change)
