"""`amplify run`: push the backend, then run the frontend's StartCommand."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import open_project, yes_option
from amplify_mock.cli.push import push_options_run
from amplify_mock.project.publish import run_frontend_command

__all__ = ["run"]


@click.command()
@yes_option
def run(yes: bool) -> None:
    """Push the backend and start the frontend locally (StartCommand)."""
    if push_options_run(yes, None, False):
        run_frontend_command(open_project(), "StartCommand")
