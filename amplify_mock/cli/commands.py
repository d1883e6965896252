"""The registry of the `amplify` command groups, one module per group."""

from __future__ import annotations

import importlib

import click

__all__ = ["COMMAND_MODULES", "all_commands", "command_names", "load_command"]

#: (module, attribute holding the click command or group); one line per command module.
#: The attribute is also the command's name on the command line; a name that is a Python
#: keyword or builtin (`import`, `help`) is held by `<name>_`.
COMMAND_MODULES: list[tuple[str, str]] = [
    ("amplify_mock.cli.info", "info"),
    ("amplify_mock.cli.help", "help"),
    ("amplify_mock.cli.init", "init"),
    ("amplify_mock.cli.configure", "configure"),
    ("amplify_mock.cli.env", "env"),
    ("amplify_mock.cli.status", "status"),
    ("amplify_mock.cli.add", "add"),
    ("amplify_mock.cli.update", "update"),
    ("amplify_mock.cli.remove", "remove"),
    ("amplify_mock.cli.import_", "import"),
    ("amplify_mock.cli.delete", "delete"),
    ("amplify_mock.cli.console", "console"),
    ("amplify_mock.cli.upgrade", "upgrade"),
    ("amplify_mock.cli.diagnose", "diagnose"),
    ("amplify_mock.cli.override", "override"),
    ("amplify_mock.cli.push", "push"),
    ("amplify_mock.cli.pull", "pull"),
    ("amplify_mock.cli.publish", "publish"),
    ("amplify_mock.cli.hosting", "hosting"),
    ("amplify_mock.cli.run", "run"),
    ("amplify_mock.cli.plugin", "plugin"),
    ("amplify_mock.cli.awscloudformation", "awscloudformation"),
    ("amplify_mock.cli.awscloudformation", "aws"),
    ("amplify_mock.cli.api", "api"),
    ("amplify_mock.cli.codegen", "codegen"),
    ("amplify_mock.cli.mock", "mock"),
]


def _attribute(module: object, name: str) -> click.Command:
    command: click.Command = getattr(module, name, None) or getattr(module, f"{name}_")
    return command


def command_names() -> list[str]:
    """The registered command names, in the order `--help` lists them."""
    return [attribute for _module, attribute in COMMAND_MODULES]


def load_command(name: str) -> click.Command | None:
    """Import and return the command `name`, or None when no module registers it."""
    for module, attribute in COMMAND_MODULES:
        if attribute == name:
            command: click.Command = _attribute(importlib.import_module(module), attribute)
            return command
    return None


def all_commands() -> list[click.Command]:
    """Import each command module in the order listed (the order `--help` shows)."""
    return [
        _attribute(importlib.import_module(module), attribute)
        for module, attribute in COMMAND_MODULES
    ]
