"""The plugin platform: which plugins exist, recorded in plugins.json.

A plugin is
- a Node package with an `amplify-plugin.json`, found by `amplify plugin scan` in the global
  node_modules (`npm root -g`) and the plugin directories of plugins.json when its name has
  a plugin prefix (`amplify-`), or added by path with `amplify plugin add <path>`;
- a Python entry point in the group `amplify_mock.plugins` whose object is its manifest (a
  dict like amplify-plugin.json: `name`, `type`, `commands`, `eventHandlers`).
The file is `~/.amplify/plugins.json` (`$AMPLIFY_HOME/plugins.json`). A plugin whose folder
is gone is dropped by the next scan, and a recorded plugin that cannot be found triggers one.
Running their commands and events is `plugin_exec.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from amplify_mock import __version__
from amplify_mock.base.files import read_json, write_json
from amplify_mock.base.paths import amplify_home
from amplify_mock.errors import AmplifyMockError

__all__ = [
    "CORE_PLUGINS",
    "ENTRY_POINT_GROUP",
    "GLOBAL_NODE_MODULES",
    "MANIFEST",
    "PLUGIN_TYPES",
    "PluginError",
    "add_plugin",
    "configure_plugins",
    "find_plugin",
    "list_plugins",
    "plugins_file",
    "remove_plugin",
    "scan_plugins",
]

ENTRY_POINT_GROUP = "amplify_mock.plugins"
#: the plugin directory entry standing for `npm root -g`
GLOBAL_NODE_MODULES = "global-node-modules"
DEFAULT_DIRECTORIES = [GLOBAL_NODE_MODULES]
DEFAULT_PREFIXES = ["amplify-"]
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
        "commandAliases": dict(manifest.get("commandAliases") or {}),
        "eventHandlers": list(manifest.get("eventHandlers") or []),
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
    data.setdefault("pluginDirectories", list(DEFAULT_DIRECTORIES))
    data.setdefault("pluginPrefixes", list(DEFAULT_PREFIXES))
    data.setdefault("maxScanIntervalInSeconds", 86400)
    return data


def _global_node_modules() -> Path | None:
    """`npm root -g` (None without npm)."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    completed = subprocess.run(
        [npm, "root", "-g"], capture_output=True, text=True, timeout=60, check=False
    )
    root = completed.stdout.strip()
    return Path(root) if completed.returncode == 0 and root else None


def _directory_packages(directory: Path, prefixes: list[str]) -> list[Path]:
    """Package folders under a node_modules-like directory (scoped ones too) whose name
    starts with a plugin prefix and that hold an amplify-plugin.json."""
    if not directory.is_dir():
        return []
    candidates: list[Path] = []
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith("@") and entry.is_dir():
            candidates.extend(sorted(entry.iterdir()))
        else:
            candidates.append(entry)
    return [
        folder
        for folder in candidates
        if any(folder.name.startswith(prefix) for prefix in prefixes)
        and (folder / MANIFEST).is_file()
    ]


def _package_version(folder: Path) -> str:
    return str(read_json(folder / "package.json", default={}).get("version") or "0")


def _package_name(folder: Path) -> str:
    return str(read_json(folder / "package.json", default={}).get("name") or folder.name)


def _scan_folder(folder: Path, plugins: dict[str, list[dict[str, Any]]]) -> None:
    manifest = _validate_manifest(str(folder), read_json(folder / MANIFEST, default={}))
    record = _record(_package_name(folder), _package_version(folder), str(folder), manifest)
    if all(r["packageLocation"] != str(folder) for r in plugins.get(manifest["name"], [])):
        plugins.setdefault(manifest["name"], []).append(record)


def scan_plugins() -> dict[str, Any]:
    """Rebuild plugins.json: the core plugins, entry points, the plugin directories (the
    global node_modules among them) and the user-added folders that still exist.

    :raises PluginError: an entry point or a found package has a bad manifest.
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
            _record(point.name, version, f"python:{point.value}", manifest)
        )
    for directory in data["pluginDirectories"]:
        root = _global_node_modules() if directory == GLOBAL_NODE_MODULES else Path(directory)
        for folder in _directory_packages(root, data["pluginPrefixes"]) if root else []:
            _scan_folder(folder, plugins)
    kept = []
    for location in data["userAddedLocations"]:
        folder = Path(location)
        if not (folder / MANIFEST).is_file():
            continue  # deleted: dropped, as the Amplify CLI drops a plugin it cannot load
        kept.append(location)
        _scan_folder(folder, plugins)
    data.update(
        {
            "plugins": plugins,
            "userAddedLocations": kept,
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
    if _scan_is_due(data, now or dt.datetime.now(dt.UTC)) or _any_missing(data["plugins"]):
        return dict(scan_plugins()["plugins"])
    return dict(data["plugins"])


def _any_missing(plugins: dict[str, list[dict[str, Any]]]) -> bool:
    """A recorded folder plugin whose folder is gone (deleted or uninstalled)."""
    return any(
        not (Path(record["packageLocation"]) / MANIFEST).is_file()
        for records in plugins.values()
        for record in records
        if os.path.isabs(str(record.get("packageLocation", "")))
    )


def find_plugin(name: str) -> dict[str, Any] | None:
    """The third-party plugin record whose manifest is named `name` (core ones: None)."""
    for record in list_plugins().get(name, []):
        if record["packageLocation"] != "amplify_mock":
            return dict(record)
    return None


def configure_plugins(
    *,
    add_directories: tuple[str, ...] = (),
    remove_directories: tuple[str, ...] = (),
    prefixes: tuple[str, ...] = (),
    scan_interval: int | None = None,
) -> dict[str, Any]:
    """`amplify plugin configure`: the plugin directories, prefixes and the scan interval;
    rescans and returns plugins.json.

    :raises PluginError: a directory to add is not a folder, or the interval is negative.
    """
    data = _load()
    for directory in add_directories:
        if directory != GLOBAL_NODE_MODULES and not Path(directory).is_dir():
            raise PluginError(f"Plugin directory {directory} is not a folder.")
        entry = directory if directory == GLOBAL_NODE_MODULES else str(Path(directory).resolve())
        if entry not in data["pluginDirectories"]:
            data["pluginDirectories"].append(entry)
    for directory in remove_directories:
        data["pluginDirectories"] = [
            d for d in data["pluginDirectories"] if d not in {directory, str(Path(directory))}
        ]
    if prefixes:
        data["pluginPrefixes"] = list(prefixes)
    if scan_interval is not None:
        if scan_interval < 0:
            raise PluginError("The scan interval must be 0 seconds or more.")
        data["maxScanIntervalInSeconds"] = scan_interval
    write_json(plugins_file(), data)
    return scan_plugins()


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
