"""The plugin platform: plugins found through Python entry points, recorded in plugins.json.

A plugin is a Python entry point in the group `amplify_mock.plugins` whose object is its
manifest (a dict like amplify-plugin.json: `name`, `type`, `commands`), or a folder holding
an `amplify-plugin.json` added with `amplify plugin add <path>`. The file is
`~/.amplify/plugins.json` (`$AMPLIFY_HOME/plugins.json`).
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from amplify_mock import __version__
from amplify_mock.base.files import read_json, write_json
from amplify_mock.base.paths import amplify_home
from amplify_mock.errors import AmplifyMockError

__all__ = [
    "ENTRY_POINT_GROUP",
    "PLUGIN_TYPES",
    "PluginError",
    "add_plugin",
    "list_plugins",
    "plugins_file",
    "remove_plugin",
    "scan_plugins",
]

ENTRY_POINT_GROUP = "amplify_mock.plugins"
PLUGIN_TYPES = ("category", "provider", "frontend", "util")
MANIFEST = "amplify-plugin.json"

#: the official plugins, implemented inside amplify-mock itself
CORE_PLUGINS: dict[str, dict[str, Any]] = {
    "amplify-category-api": {"name": "api", "type": "category", "commands": ["add"]},
    "amplify-category-auth": {"name": "auth", "type": "category", "commands": ["add"]},
    "amplify-category-function": {"name": "function", "type": "category", "commands": ["add"]},
    "amplify-category-hosting": {
        "name": "hosting",
        "type": "category",
        "commands": ["add", "configure", "publish"],
    },
    "amplify-category-storage": {"name": "storage", "type": "category", "commands": ["add"]},
    "amplify-frontend-javascript": {"name": "javascript", "type": "frontend", "commands": []},
    "amplify-frontend-android": {"name": "android", "type": "frontend", "commands": []},
    "amplify-frontend-ios": {"name": "ios", "type": "frontend", "commands": []},
    "amplify-provider-awscloudformation": {
        "name": "awscloudformation",
        "type": "provider",
        "commands": ["reset-cache"],
    },
    "amplify-util-mock": {"name": "mock", "type": "util", "commands": ["mock"]},
}


class PluginError(AmplifyMockError):
    """A plugin cannot be added, removed or loaded."""


def plugins_file() -> Path:
    return amplify_home() / "plugins.json"


def _validate_manifest(source: str, manifest: Any) -> dict[str, Any]:
    if not isinstance(manifest, dict) or not isinstance(manifest.get("name"), str):
        raise PluginError(f"Plugin {source} has no valid manifest (a 'name' is required).")
    if manifest.get("type") not in PLUGIN_TYPES:
        raise PluginError(
            f"Plugin {source} has type {manifest.get('type')!r}; types: {', '.join(PLUGIN_TYPES)}."
        )
    return {
        "name": manifest["name"],
        "type": manifest["type"],
        "commands": list(manifest.get("commands") or []),
    }


def _record(package: str, version: str, location: str, manifest: dict[str, Any]) -> dict[str, Any]:
    return {
        "packageName": package,
        "packageVersion": version,
        "packageLocation": location,
        "manifest": manifest,
    }


def _load() -> dict[str, Any]:
    data = dict(read_json(plugins_file(), default={}))
    data.setdefault("plugins", {})
    data.setdefault("userAddedLocations", [])
    return data


def scan_plugins() -> dict[str, Any]:
    """Rebuild plugins.json from the core plugins, entry points and user-added folders.

    :raises PluginError: an entry point or a user-added folder has a bad manifest.
    """
    data = _load()
    plugins: dict[str, list[dict[str, Any]]] = {}
    for package, manifest in CORE_PLUGINS.items():
        record = _record(package, __version__, "amplify_mock", manifest)
        plugins.setdefault(manifest["name"], []).append(record)
    for point in entry_points(group=ENTRY_POINT_GROUP):
        manifest = _validate_manifest(f"entry point {point.name}", point.load())
        version = point.dist.version if point.dist is not None else "0"
        plugins.setdefault(manifest["name"], []).append(
            _record(point.name, version, point.value, manifest)
        )
    for location in data["userAddedLocations"]:
        folder = Path(location)
        manifest = _validate_manifest(location, read_json(folder / MANIFEST, default={}))
        plugins.setdefault(manifest["name"], []).append(
            _record(folder.name, "0", str(folder), manifest)
        )
    data.update(
        {
            "plugins": plugins,
            "pluginDirectories": ["entry-points:" + ENTRY_POINT_GROUP],
            "pluginPrefixes": ["amplify-"],
            "maxScanIntervalInSeconds": 86400,
            "lastScanTime": dt.datetime.now(dt.UTC).isoformat(),
        }
    )
    write_json(plugins_file(), data)
    return data


def _scan_is_due(data: dict[str, Any], now: dt.datetime) -> bool:
    last = data.get("lastScanTime")
    if not isinstance(last, str):
        return True
    interval = dt.timedelta(seconds=float(data.get("maxScanIntervalInSeconds", 86400)))
    try:
        return now - dt.datetime.fromisoformat(last) > interval
    except ValueError:
        return True


def list_plugins(now: dt.datetime | None = None) -> dict[str, list[dict[str, Any]]]:
    """The recorded plugins; scans first when plugins.json is missing or the last scan is
    older than `maxScanIntervalInSeconds` (one day), as the Amplify CLI does."""
    data = _load()  # a missing file has no lastScanTime: the scan is due
    if _scan_is_due(data, now or dt.datetime.now(dt.UTC)):
        return dict(scan_plugins()["plugins"])
    return dict(data["plugins"])


def add_plugin(location: Path) -> dict[str, Any]:
    """Add a plugin folder (with amplify-plugin.json) and rescan; returns its manifest.

    :raises PluginError: no valid manifest there.
    """
    folder = location.resolve()
    manifest = _validate_manifest(str(folder), read_json(folder / MANIFEST, default={}))
    data = _load()
    if str(folder) not in data["userAddedLocations"]:
        data["userAddedLocations"].append(str(folder))
    write_json(plugins_file(), data)
    scan_plugins()
    return manifest


def remove_plugin(name: str) -> None:
    """Remove a user-added plugin by manifest name.

    :raises PluginError: no user-added plugin of that name (core plugins stay).
    """
    data = _load()
    kept = [
        location
        for location in data["userAddedLocations"]
        if read_json(Path(location) / MANIFEST, default={}).get("name") != name
    ]
    if len(kept) == len(data["userAddedLocations"]):
        raise PluginError(f"No user-added plugin named '{name}'.")
    data["userAddedLocations"] = kept
    write_json(plugins_file(), data)
    scan_plugins()
