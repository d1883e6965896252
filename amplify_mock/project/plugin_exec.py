"""Running a third-party plugin: its commands (`amplify <plugin> <command>`) and its event
handlers (`eventHandlers` of amplify-plugin.json, raised around init, push and pull).

A Node plugin runs in a `node` process (plugin_host/host.js) that calls its exported
`executeAmplifyCommand(context)` / `handleAmplifyEvent(context, args)`, with the terminal's
stdin and stdout. A Python plugin is called in this process: the module of its entry point
defines `execute_amplify_command(context)` / `handle_amplify_event(context, args)`.
The context holds `input` (plugin, command, subCommands, options, argv), `print`, and
`amplify` getters for the project's config, meta and env (read when the command starts).
Not emulated: the rest of the Amplify CLI's context API (prompter, template helpers,
invoking other plugins).
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json
from amplify_mock.errors import AmplifyMockError
from amplify_mock.project.paths import ProjectPaths
from amplify_mock.project.plugins import list_plugins, plugins_file

__all__ = ["PluginCommandError", "PluginInput", "raise_event", "run_plugin_command"]

_HOST = Path(__file__).resolve().parent / "plugin_host" / "host.js"

#: the events the Amplify CLI raises that amplify-mock raises too
EVENTS = ("PreInit", "PostInit", "PrePush", "PostPush", "PrePull", "PostPull")


class PluginCommandError(AmplifyMockError):
    """A plugin command or event handler failed or does not exist."""


@dataclass(frozen=True)
class PluginInput:
    """`context.input`: what the user typed after `amplify`."""

    plugin: str
    command: str
    sub_commands: tuple[str, ...] = ()
    options: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        argv = [self.plugin, self.command, *self.sub_commands]
        return {
            "plugin": self.plugin,
            "command": self.command,
            "subCommands": list(self.sub_commands),
            "options": dict(self.options or {}),
            "argv": argv,
        }


def _project_data(root: Path | None) -> dict[str, Any]:
    if root is None or not ProjectPaths(root).is_initialized():
        return {"projectRoot": str(root) if root else None}
    paths = ProjectPaths(root)
    return {
        "projectRoot": str(root),
        "projectConfig": read_json(paths.project_config, default={}),
        "meta": read_json(paths.amplify_meta, default={}),
        "envInfo": read_json(paths.local_env_info, default={}),
        "teamProviderInfo": read_json(paths.team_provider_info, default={}),
    }


class _Print:
    def info(self, message: str) -> None:
        print(message)

    success = warning = info

    def error(self, message: str) -> None:
        print(message, file=sys.stderr)


@dataclass
class PythonContext:
    """The context a Python plugin gets (the same fields as the Node one)."""

    input: dict[str, Any]
    data: dict[str, Any]
    print: _Print


def _run_node(record: dict[str, Any], request: dict[str, Any], root: Path | None) -> int:
    node = shutil.which("node")
    if node is None:
        raise PluginCommandError(
            f"Plugin '{record['manifest']['name']}' is a Node package and `node` is not on PATH.",
            "Install Node.js.",
        )
    request = {**request, "pluginDir": record["packageLocation"], "data": _project_data(root)}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(request, handle)
    try:
        return subprocess.run([node, str(_HOST), handle.name], cwd=root, check=False).returncode
    finally:
        Path(handle.name).unlink(missing_ok=True)


def _python_module(record: dict[str, Any]) -> Any:
    target = str(record["packageLocation"]).removeprefix("python:")
    return importlib.import_module(target.split(":", 1)[0])


def run_plugin_command(record: dict[str, Any], plugin_input: PluginInput, root: Path | None) -> int:
    """Run a plugin's command; returns its exit code.

    :raises PluginCommandError: the command is not in the manifest or cannot be run.
    """
    manifest = record["manifest"]
    aliases = manifest.get("commandAliases") or {}
    command = aliases.get(plugin_input.command, plugin_input.command)
    if command not in manifest.get("commands", []):
        raise PluginCommandError(
            f"The plugin '{manifest['name']}' has no command '{plugin_input.command}'. "
            f"Commands: {', '.join(manifest.get('commands') or []) or 'none'}.",
        )
    resolved = PluginInput(
        plugin_input.plugin, command, plugin_input.sub_commands, plugin_input.options
    )
    if str(record["packageLocation"]).startswith("python:"):
        module = _python_module(record)
        execute = getattr(module, "execute_amplify_command", None)
        if not callable(execute):
            raise PluginCommandError(
                f"The Python plugin '{manifest['name']}' defines no execute_amplify_command."
            )
        result = execute(PythonContext(resolved.as_json(), _project_data(root), _Print()))
        return int(result or 0)
    return _run_node(record, {"mode": "command", "input": resolved.as_json()}, root)


def raise_event(event: str, root: Path | None, event_data: dict[str, Any] | None = None) -> None:
    """Call every plugin that handles `event` (`eventHandlers` in its manifest).

    :raises PluginCommandError: a handler failed (the Amplify CLI stops the command too).
    """
    if not plugins_file().is_file():
        return  # nothing was ever scanned or added: no third-party plugin to call
    for name, records in sorted(list_plugins().items()):
        for record in records:
            if event not in (record["manifest"].get("eventHandlers") or []):
                continue
            if str(record["packageLocation"]).startswith("python:"):
                handler = getattr(_python_module(record), "handle_amplify_event", None)
                if callable(handler):
                    context = PythonContext({"plugin": name}, _project_data(root), _Print())
                    handler(context, {"event": event, "data": event_data or {}})
                continue
            request = {"mode": "event", "event": event, "eventData": event_data or {}}
            request["input"] = {"plugin": name, "command": event, "subCommands": [], "options": {}}
            code = _run_node(record, request, root)
            if code != 0:
                raise PluginCommandError(
                    f"The {event} handler of plugin '{name}' exited with code {code}."
                )
