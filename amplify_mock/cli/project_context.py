"""Shared bits of the project-engine commands: the project folder and common options."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from amplify_mock.project.project import Project

__all__ = ["PROJECT_DIR_ENV_VAR", "mfa_prompt", "open_project", "project_dir", "yes_option"]

#: the project folder (default: the current directory); lets scripts and tests skip `cd`
PROJECT_DIR_ENV_VAR = "AMPLIFY_PROJECT_DIR"

F = TypeVar("F", bound=Callable[..., Any])


def project_dir() -> Path:
    return Path(os.environ.get(PROJECT_DIR_ENV_VAR) or Path.cwd()).resolve()


def open_project() -> Project:
    """:raises NotInitializedError: the folder holds no Amplify project."""
    return Project.open(project_dir())


def mfa_prompt(text: str) -> str:
    """Ask for an MFA token code (a role profile with an `mfa_serial`); botocore passes its
    whole prompt, "Enter MFA code for <serial>: ", which is shown as it is."""
    return str(click.prompt(text.rstrip().rstrip(":"), hide_input=False))


def yes_option(func: F) -> F:
    """`--yes` / `-y`: take the defaults instead of prompting."""
    return click.option(
        "--yes", "-y", "yes", is_flag=True, help="Use the defaults instead of prompting."
    )(func)
