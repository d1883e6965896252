"""`amplify info`: where things are, for bug reports and for checking an install."""

from __future__ import annotations

import platform
import sys

import click

from amplify_mock import __version__

__all__ = ["info"]


@click.command()
def info() -> None:
    """Show the amplify-mock version, Python and platform."""
    click.echo(f"amplify-mock {__version__}")
    click.echo(f"Python {platform.python_version()} ({sys.executable})")
    click.echo(f"Platform {platform.platform()}")
