"""The `amplify` / `amplify-mock` click group and the one place errors become exit codes."""

from __future__ import annotations

import gc
import logging
import sys
import traceback
from typing import Any

import click

from amplify_mock.errors import AmplifyMockError

__all__ = ["CATEGORIES", "CATEGORY_VERBS", "AmplifyGroup", "category_first", "cli", "main"]

#: `amplify <category> <verb> ...`, the order the docs also use, runs `amplify <verb> <category>`
CATEGORIES = frozenset(
    {"analytics", "api", "auth", "function", "geo", "hosting", "interactions", "notifications",
     "predictions", "storage"}
)  # fmt: skip
CATEGORY_VERBS = frozenset({"add", "update", "remove", "push", "import", "override", "console"})


def category_first(group: click.Group, ctx: click.Context, args: list[str]) -> list[str]:
    """Swap `<category> <verb>` to `<verb> <category>` unless the category's own group has
    that subcommand (`amplify hosting add`)."""
    index = next((i for i, arg in enumerate(args) if not arg.startswith("-")), None)
    if index is None or index + 1 >= len(args):
        return args
    category, verb = args[index], args[index + 1]
    if category not in CATEGORIES or verb not in CATEGORY_VERBS:
        return args
    from amplify_mock.cli.commands import command_names

    own = group.get_command(ctx, category) if category in command_names() else None
    if isinstance(own, click.Group) and verb in own.commands:
        return args
    if group.get_command(ctx, verb) is None:
        return args
    return [*args[:index], verb, category, *args[index + 2 :]]


class AmplifyGroup(click.Group):
    """A click group that maps `AmplifyMockError` to a message, a resolution and exit 1.

    Catching here, once, keeps every command free of try/except and keeps tracebacks
    out of a user's terminal unless they asked for them with `--debug`.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        from amplify_mock.cli import commands

        extra = [name for name in self.commands if name not in commands.command_names()]
        return [*commands.command_names(), *sorted(extra)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import a command's module only when that command runs (or `--help` lists it).

        Importing every module up front costs more than a second (aiohttp, graphql, boto3),
        which every `amplify` invocation would pay.
        """
        if cmd_name not in self.commands:
            from amplify_mock.cli import commands

            command = commands.load_command(cmd_name)
            if command is None:
                from amplify_mock.cli.plugin import plugin_command

                command = plugin_command(cmd_name)  # a third-party plugin's commands
            if command is None:
                return None
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, category_first(self, ctx, args))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AmplifyMockError as err:
            _report(ctx, err.message, err.resolution)
            ctx.exit(err.exit_code)
        except Exception as err:
            if not type(err).__module__.startswith(("botocore", "boto3")):
                raise
            # an AWS SDK error no module wrapped: its message, the traceback only with --debug
            _report(ctx, f"AWS request failed: {err}", None)
            ctx.exit(1)


def _report(ctx: click.Context, message: str, resolution: str | None) -> None:
    if ctx.obj and ctx.obj.get("debug"):
        traceback.print_exc(file=sys.stderr)
    click.secho(message, fg="red", err=True)
    if resolution:
        click.echo(f"Resolution: {resolution}", err=True)


@click.group(cls=AmplifyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    None, "-v", "--version", package_name="amplify-mock", prog_name="amplify-mock"
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """amplify-mock: the Amplify CLI's project engine and local mocking, offline."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def main() -> None:
    """Console-script entry point for both `amplify` and `amplify-mock`."""
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    if command == "mock":
        # `amplify mock` imports and builds many long-lived objects before it is ready; the
        # collector's passes over them cost 0.1-0.2 s of its start. `amplify mock` turns it
        # back on (those objects frozen) once ready or when it fails or exits
        # (`mock_loop.resume_collection`).
        gc.disable()
    cli(prog_name="amplify")
