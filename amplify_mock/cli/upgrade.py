"""`amplify upgrade`: amplify-mock is a Python package, upgraded by pip, not by itself."""

from __future__ import annotations

import click

from amplify_mock import __version__

__all__ = ["upgrade"]


@click.command()
def upgrade() -> None:
    """Show how to upgrade this CLI (it does not replace itself)."""
    click.echo(f"amplify-mock {__version__} is installed as a Python package.")
    click.echo("Upgrade it with: pip install --upgrade amplify-mock")
