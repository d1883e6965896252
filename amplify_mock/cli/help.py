"""`amplify help [command ...]`: the same text as `--help`, for the whole CLI or one command."""

from __future__ import annotations

import click

__all__ = ["help_"]


@click.command("help")
@click.argument("words", nargs=-1)
@click.pass_context
def help_(ctx: click.Context, words: tuple[str, ...]) -> None:
    """Show the help of amplify or of a command (`amplify help env add`)."""
    root = ctx.find_root()
    command: click.Command = root.command
    parent = root
    for word in words:
        if not isinstance(command, click.Group):
            break
        found = command.get_command(parent, word)
        if found is None:
            raise click.UsageError(f"No such command '{word}'.", ctx)
        parent = click.Context(found, info_name=word, parent=parent)
        command = found
    click.echo(command.get_help(parent))


help = help_
