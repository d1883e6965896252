"""The registry of the `amplify` command groups, one module per group."""

from __future__ import annotations

import importlib

import click

__all__ = ["COMMAND_MODULES", "all_commands"]

#: (module, attribute holding the click command or group); one line per command module.
COMMAND_MODULES: list[tuple[str, str]] = [
    ("amplify_mock.cli.info", "info"),
    ("amplify_mock.cli.init", "init"),
    ("amplify_mock.cli.configure", "configure"),
    ("amplify_mock.cli.env", "env"),
    ("amplify_mock.cli.status", "status"),
]


def all_commands() -> list[click.Command]:
    """Import each command module in the order listed (the order `--help` shows)."""
    return [
        getattr(importlib.import_module(module), attribute) for module, attribute in COMMAND_MODULES
    ]
