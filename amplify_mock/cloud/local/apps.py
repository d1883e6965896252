"""The local stand-in for the Amplify Service: which app id and env live in which local cloud.

`amplify pull --amplify '{"appId": ..., "envName": ...}'` in a new folder finds the env's
root stack outputs and the local cloud holding its deployment bucket here. The registry is
`~/.amplify/local-cloud/apps.json` (the Amplify home is overridable with $AMPLIFY_HOME).
"""

from __future__ import annotations

import secrets
import string
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json, write_json
from amplify_mock.base.paths import amplify_home
from amplify_mock.errors import AmplifyMockError

__all__ = ["AppNotFoundError", "get_app_env", "new_app_id", "register_app_env", "remove_app_env"]


class AppNotFoundError(AmplifyMockError):
    """No app/env of that id in the local registry."""

    def __init__(self, app_id: str, env: str) -> None:
        super().__init__(
            f"No backend environment '{env}' of app '{app_id}' in the local cloud.",
            "Check the appId and envName, or run `amplify init` for that app first.",
        )


def _registry_path() -> Path:
    return amplify_home() / "local-cloud" / "apps.json"


def new_app_id() -> str:
    """An id shaped like the Amplify Service's (`d` + 13 lowercase letters and digits)."""
    alphabet = string.ascii_lowercase + string.digits
    return "d" + "".join(secrets.choice(alphabet) for _ in range(13))


def register_app_env(
    app_id: str, project_name: str, env: str, provider: dict[str, Any], cloud_dir: Path
) -> None:
    registry = dict(read_json(_registry_path(), default={}))
    app = registry.setdefault(app_id, {"projectName": project_name, "envs": {}})
    app["envs"][env] = {"awscloudformation": provider, "cloudDir": str(cloud_dir)}
    write_json(_registry_path(), registry)


def get_app_env(app_id: str, env: str) -> tuple[str, dict[str, Any], Path]:
    """(project name, root stack outputs, local cloud folder).

    :raises AppNotFoundError: not registered.
    """
    registry = dict(read_json(_registry_path(), default={}))
    app = registry.get(app_id) or {}
    entry = (app.get("envs") or {}).get(env)
    if entry is None:
        raise AppNotFoundError(app_id, env)
    return str(app["projectName"]), dict(entry["awscloudformation"]), Path(entry["cloudDir"])


def remove_app_env(app_id: str, env: str) -> None:
    registry = dict(read_json(_registry_path(), default={}))
    app = registry.get(app_id)
    if app and env in app.get("envs", {}):
        del app["envs"][env]
        write_json(_registry_path(), registry)
