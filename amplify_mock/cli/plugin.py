"""`amplify plugin scan | add | remove | list | init | configure | help`, and the click
commands that run a third-party plugin's own commands (`amplify <plugin> <command>`)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from amplify_mock.cli.project_context import project_dir
from amplify_mock.project.plugins import (
    GLOBAL_NODE_MODULES,
    PLUGIN_TYPES,
    add_plugin,
    configure_plugins,
    find_plugin,
    list_plugins,
    plugins_file,
    remove_plugin,
    scan_plugins,
)

__all__ = ["plugin", "plugin_command"]

EVENT_CHOICES = ("PreInit", "PostInit", "PrePush", "PostPush", "PrePull", "PostPull")


@click.group()
def plugin() -> None:
    """Manage the plugins recorded in ~/.amplify/plugins.json."""


@plugin.command("scan")
def scan() -> None:
    """Find plugins (global node_modules, plugin directories, entry points, added folders)."""
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


@plugin.command("configure")
@click.option("--add-dir", "add_dirs", multiple=True, help="A plugin directory to scan.")
@click.option("--remove-dir", "remove_dirs", multiple=True, help="A plugin directory to drop.")
@click.option("--prefix", "prefixes", multiple=True, help="Package name prefix of plugins.")
@click.option("--scan-interval", type=int, help="Seconds between automatic scans.")
def configure(
    add_dirs: tuple[str, ...],
    remove_dirs: tuple[str, ...],
    prefixes: tuple[str, ...],
    scan_interval: int | None,
) -> None:
    """Configure the plugin directories, prefixes and scan interval (prompts without flags)."""
    if not (add_dirs or remove_dirs or prefixes or scan_interval is not None):
        current = json.loads(plugins_file().read_text()) if plugins_file().is_file() else {}
        directories = current.get("pluginDirectories") or [GLOBAL_NODE_MODULES]
        click.echo(f"Plugin directories: {', '.join(directories)}")
        added = click.prompt("Add a plugin directory (empty: none)", default="", show_default=False)
        add_dirs = (added,) if added else ()
        prefix = click.prompt(
            "Plugin package name prefixes (comma separated)",
            default=",".join(current.get("pluginPrefixes") or ["amplify-"]),
        )
        prefixes = tuple(p.strip() for p in prefix.split(",") if p.strip())
        scan_interval = click.prompt(
            "Max scan interval in seconds",
            type=click.IntRange(0),
            default=int(current.get("maxScanIntervalInSeconds", 86400)),
        )
    data = configure_plugins(
        add_directories=add_dirs,
        remove_directories=remove_dirs,
        prefixes=prefixes,
        scan_interval=scan_interval,
    )
    click.echo(f"Plugin directories: {', '.join(data['pluginDirectories'])}")
    click.echo(f"Plugin prefixes: {', '.join(data['pluginPrefixes'])}")
    click.echo(f"Max scan interval: {data['maxScanIntervalInSeconds']} seconds")


@plugin.command("init")
@click.option("--name", help="The plugin's name (its package is amplify-<name>).")
@click.option("--type", "plugin_type", type=click.Choice(PLUGIN_TYPES), help="Plugin type.")
@click.option("--event", "events", multiple=True, type=click.Choice(EVENT_CHOICES))
@click.option("--no-add", is_flag=True, help="Do not add the new plugin to plugins.json.")
def init(name: str | None, plugin_type: str | None, events: tuple[str, ...], no_add: bool) -> None:
    """Create a Node plugin skeleton in the current directory and add it."""
    from amplify_mock.project.plugin_scaffold import scaffold_plugin

    if name is None:
        name = str(click.prompt("What should be the name of the plugin", default="my-plugin"))
        plugin_type = str(
            click.prompt("Specify the plugin type", type=click.Choice(PLUGIN_TYPES), default="util")
        )
        chosen = click.prompt(
            "What Amplify CLI events do you want the plugin to handle (comma separated, "
            f"from {', '.join(EVENT_CHOICES)})",
            default="",
            show_default=False,
        )
        events = tuple(e.strip() for e in str(chosen).split(",") if e.strip())
        unknown = [e for e in events if e not in EVENT_CHOICES]
        if unknown:
            raise click.BadParameter(f"unknown event {unknown[0]!r}", param_hint="events")
    folder = scaffold_plugin(project_dir(), name, plugin_type or "util", events)
    click.echo(f"The plugin package {folder.name} has been created in {folder}.")
    if not no_add:
        add_plugin(folder)
        click.echo(f"Added plugin '{name}'. Try `amplify {name} help`.")


@plugin.command("help")
@click.pass_context
def help_(ctx: click.Context) -> None:
    """Show the plugin commands."""
    assert ctx.parent is not None
    click.echo(plugin.get_help(ctx.parent))


def plugin_command(name: str) -> click.Command | None:
    """A click command for the third-party plugin `name`, or None when there is none."""
    record = find_plugin(name)
    if record is None:
        return None

    @click.command(
        name,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        add_help_option=False,
        help=f"Commands of the {record['manifest']['type']} plugin '{name}'.",
    )
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @click.pass_context
    def run(ctx: click.Context, args: tuple[str, ...]) -> None:
        from amplify_mock.project.plugin_exec import PluginInput, run_plugin_command

        words = [a for a in args if not a.startswith("-")]
        options: dict[str, object] = {}
        for arg in args:
            if arg.startswith("--"):
                key, sep, value = arg[2:].partition("=")
                options[key] = value if sep else True
        command = words[0] if words else "help"
        plugin_input = PluginInput(name, command, tuple(words[1:]), options)
        ctx.exit(run_plugin_command(record, plugin_input, project_dir()))

    return run
