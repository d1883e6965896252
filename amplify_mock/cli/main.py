"""The `amplify` / `amplify-mock` click group and the one place errors become exit codes."""

from __future__ import annotations

import gc
import logging
import sys
import traceback
from typing import Any

import click

from amplify_mock.errors import AmplifyMockError

__all__ = ["AmplifyGroup", "cli", "main"]


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
                return None
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AmplifyMockError as err:
            debug = bool(ctx.obj and ctx.obj.get("debug"))
            if debug:
                traceback.print_exc(file=sys.stderr)
            click.secho(err.message, fg="red", err=True)
            if err.resolution:
                click.echo(f"Resolution: {err.resolution}", err=True)
            ctx.exit(err.exit_code)


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
