"""`amplify mock function [NAME] [--event PATH] [--timeout N]`: run one function locally once."""

from __future__ import annotations

import asyncio
import json
import math
from pathlib import Path
from typing import Any

import click

from amplify_mock.cli.project_context import project_dir
from amplify_mock.mock.gen1.project import find_project_root
from amplify_mock.simulators.lambda_.build import build_function
from amplify_mock.simulators.lambda_.config import function_dir, list_functions
from amplify_mock.simulators.lambda_.errors import (
    EventFileError,
    FunctionNotFoundError,
    NoMockableFunctionsError,
)
from amplify_mock.simulators.lambda_.runner import LambdaRunner
from amplify_mock.simulators.lambda_.worker import InvocationOutcome

__all__ = ["format_result", "function"]

DEFAULT_EVENT = "src/event.json"


def format_result(result: Any) -> str:
    """The result as the Amplify CLI prints it: objects as 2-space JSON, strings as they are."""
    if isinstance(result, str):
        return result
    if isinstance(result, float) and math.isfinite(result) and result.is_integer():
        return str(int(result))
    return json.dumps(result, indent=2, ensure_ascii=False)


def _read_event(name: str, path: Path) -> Any:
    """:raises EventFileError: the file is missing or not JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise EventFileError(name, path, "does not exist") from err
    except OSError as err:
        raise EventFileError(name, path, f"cannot be read: {err.strerror}") from err
    except UnicodeDecodeError as err:
        reason = f"is not valid JSON: not UTF-8 text ({err.reason})"
        raise EventFileError(name, path, reason) from err
    try:
        return json.loads(text)
    except ValueError as err:
        raise EventFileError(name, path, f"is not valid JSON: {err}") from err


def _choose_function(project_root: Path, name: str | None) -> str:
    names = list_functions(project_root)
    if name:
        if not function_dir(project_root, name).is_dir():
            raise FunctionNotFoundError(name, function_dir(project_root, name), names)
        return name
    if not names:
        raise NoMockableFunctionsError()
    if len(names) == 1:
        return names[0]
    chosen: str = click.prompt("Select the function to mock", type=click.Choice(names))
    return chosen


def _echo_output(function_name: str, stream: str, line: str) -> None:
    click.echo(f"[{function_name}] {line}", err=stream == "stderr")


@click.command("function")
@click.argument("name", required=False)
@click.option(
    "--event",
    "event_path",
    help=f"Event JSON file, relative to the function's folder (default {DEFAULT_EVENT}).",
)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    help="Seconds before the invocation is stopped (default: the function's Timeout, else 10).",
)
@click.pass_context
def function(
    ctx: click.Context, name: str | None, event_path: str | None, timeout: int | None
) -> None:
    """Run a function of the project once with an event file, as `amplify mock function` does."""
    obj = ctx.find_root().obj
    configured = obj.get("project_root") if isinstance(obj, dict) else None
    # else AMPLIFY_PROJECT_DIR (else the current folder), as the other project commands take it
    project_root = Path(configured).resolve() if configured else find_project_root(project_dir())
    name = _choose_function(project_root, name)
    event_file = Path(event_path or DEFAULT_EVENT)
    if not event_file.is_absolute():
        event_file = function_dir(project_root, name) / event_file
    event = _read_event(name, event_file)
    runner = LambdaRunner(project_root, fresh=True, timeout=timeout, output=_echo_output)
    config = runner.load_config(name)
    click.secho("Ensuring latest function changes are built...", fg="blue")
    build_function(project_root, config, report=click.echo)
    click.secho("Starting execution...", fg="blue")
    outcome: InvocationOutcome = asyncio.run(runner.invoke_detailed(name, event))
    if outcome.error is None:
        click.secho("Result:", fg="green")
        click.echo(format_result(outcome.result))
    else:
        click.secho(f"{name} failed with the following error:", fg="red")
        click.echo(json.dumps(outcome.error, indent=2, ensure_ascii=False))
    click.secho("Finished execution.", fg="blue")
