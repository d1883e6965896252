"""`amplify plugin scan | add | remove | list`."""

from __future__ import annotations

from pathlib import Path

import click

from amplify_mock.project.plugins import (
    add_plugin,
    list_plugins,
    plugins_file,
    remove_plugin,
    scan_plugins,
)

__all__ = ["plugin"]


@click.group()
def plugin() -> None:
    """Manage the plugins recorded in ~/.amplify/plugins.json."""


@plugin.command("scan")
def scan() -> None:
    """Find plugins (entry points and added folders) and record them."""
    data = scan_plugins()
    click.echo(
        f"Found {sum(len(v) for v in data['plugins'].values())} plugins; wrote {plugins_file()}."
    )


@plugin.command("add")
@click.argument("location", type=click.Path(exists=True, file_okay=False, path_type=Path))
def add(location: Path) -> None:
    """Add the plugin in a folder that holds amplify-plugin.json."""
    manifest = add_plugin(location)
    click.echo(f"Added {manifest['type']} plugin '{manifest['name']}'.")


@plugin.command("remove")
@click.argument("name")
def remove(name: str) -> None:
    """Remove a plugin added with `amplify plugin add`."""
    remove_plugin(name)
    click.echo(f"Removed plugin '{name}'.")


@plugin.command("list")
def list_() -> None:
    """List the recorded plugins."""
    for name, records in sorted(list_plugins().items()):
        for record in records:
            manifest = record["manifest"]
            click.echo(f"{name:<20} {manifest['type']:<10} {record['packageName']}")
