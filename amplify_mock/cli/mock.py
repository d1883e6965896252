"""`amplify mock [api|storage|function]`: run the project's backend locally until Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from amplify_mock.cli.mock_function import function
from amplify_mock.cli.project_context import project_dir
from amplify_mock.mock import loop as mock_loop
from amplify_mock.mock.frontend.override import restore_frontend_config
from amplify_mock.mock.gen1.project import (
    MockProject,
    find_project_root,
    load_mock_project,
)
from amplify_mock.mock.gen2.project import find_gen2_root
from amplify_mock.mock.options import MockOptions

if TYPE_CHECKING:
    from amplify_mock.mock.gen2.session import Gen2MockSession
    from amplify_mock.mock.session import MockSession

    AnySession = MockSession | Gen2MockSession

__all__ = ["ClickReporter", "mock", "run_mock"]


class ClickReporter:
    """Prints the session's messages the way the Amplify CLI prints them."""

    def info(self, message: str) -> None:
        click.echo(message)

    def warning(self, message: str) -> None:
        click.secho(message, fg="yellow", err=True)

    def error(self, message: str) -> None:
        click.secho(message, fg="red", err=True)


#: What stops `amplify mock`: Ctrl-C, kill, a closed terminal, Ctrl-\ (those the OS has).
STOP_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
    if hasattr(signal, name)
)


async def _serve(session: AnySession, ready: Callable[[Any], None] | None) -> None:
    """Serve until a stop signal; the handlers stay installed while stopping, so a second
    Ctrl-C restores the frontend config at once and cuts the rest of the stop short."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    stopping: list[asyncio.Task[None]] = []

    signalled: list[bool] = []

    def on_signal() -> None:
        signalled.append(True)
        if stop.is_set():
            with contextlib.suppress(Exception):
                session.restore_config()
            for task in stopping:
                task.cancel()
        stop.set()

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, on_signal)
    try:
        await session.start()
        mock_loop.resume_collection()
        if ready is not None:
            ready(session)
        await stop.wait()
    finally:
        stop.set()
        task = loop.create_task(session.stop())
        stopping.append(task)
        try:
            await asyncio.wait([task])
            if not task.cancelled():
                task.result()  # a failure of the stop itself is raised
        finally:
            for sig in STOP_SIGNALS:
                loop.remove_signal_handler(sig)
                if signalled:
                    # Stopped by a signal, the process is exiting: a second Ctrl-C arriving
                    # after the stop must not turn the clean stop into a KeyboardInterrupt.
                    signal.signal(sig, signal.SIG_IGN)


def _offer_codegen(project: MockProject, options: MockOptions) -> bool:
    """Ask, as the Amplify CLI's mock does, to set up codegen for an API that has none.

    Only at a terminal: scripts and CI never see a prompt.
    """
    if not (options.codegen and "api" in options.categories and project.api_name):
        return False
    if not sys.stdin.isatty():
        return False
    from amplify_mock.codegen.config import CONFIG_FILE  # after the cheap checks: imports yaml

    if (project.root / CONFIG_FILE).exists():
        return False
    return click.confirm(
        "Do you want to generate code for your newly created GraphQL API", default=True
    )


def run_mock(start: Path, options: MockOptions, ready: Callable[[Any], None] | None = None) -> None:
    """Discover the project at or above `start` (Gen 2: amplify/backend.ts; else Gen 1) and
    mock it until SIGINT/SIGTERM.

    :raises AmplifyMockError: not an Amplify project, nothing to mock, a busy port, a broken
        schema or config file; nothing is left running and no config file is changed.
    """
    gen2_root = find_gen2_root(start)
    if gen2_root is not None:
        from concurrent.futures import ThreadPoolExecutor

        from amplify_mock.gen2 import load_backend

        # the Node step (about a second) runs while the simulators' modules import
        with ThreadPoolExecutor(1, thread_name_prefix="gen2-load") as early:
            preloaded = early.submit(load_backend, gen2_root)
            from amplify_mock.mock.gen2.session import Gen2MockSession

            session = Gen2MockSession(gen2_root, options, ClickReporter(), preloaded=preloaded)
            try:
                mock_loop.run(_serve(session, ready))
            finally:
                mock_loop.resume_collection()
        click.echo("Mock servers stopped; amplify_outputs.json is restored.")
        return
    try:
        from amplify_mock.mock.session import MockSession  # the simulators' modules load here

        project = load_mock_project(find_project_root(start))
        if _offer_codegen(project, options):
            options = replace(options, add_codegen=True)
        gen1_session = MockSession(project, options, ClickReporter())
        mock_loop.run(_serve(gen1_session, ready))
    finally:
        mock_loop.resume_collection()
    click.echo("Mock servers stopped; the frontend config is restored.")


def _common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    decorators = [
        click.option("--port", type=int, help="GraphQL port (default 20002 or mock.json)."),
        click.option("--host", help="Address to listen on (default 127.0.0.1)."),
        click.option(
            "--https",
            nargs=2,
            type=click.Path(path_type=Path),
            metavar="KEY CERT",
            help="Serve the API over HTTPS with this SSL key and certificate.",
        ),
        click.option("--timeout", type=float, help="Lambda timeout in seconds."),
        click.option("--reset", is_flag=True, help="Clear the mock tables and S3 objects first."),
        click.option(
            "--seed-data",
            type=click.Path(path_type=Path, file_okay=False),
            help="Load seed data (dynamodb/<Table>.json, S3/<bucket>/...) into new tables.",
        ),
        click.option("--dynamodb-endpoint", help="Use this DynamoDB endpoint, not the store."),
        click.option(
            "--verify-tokens",
            metavar="JWKS",
            help="Check JWT signatures and expiry against this JWKS file or URL.",
        ),
        click.option(
            "--log-level",
            type=click.Choice(["NONE", "ERROR", "ALL"], case_sensitive=False),
            default="NONE",
            help="AppSync field logs to amplify/mock-data/logs/appsync.log and the terminal.",
        ),
        click.option("--no-codegen", is_flag=True, help="Do not generate GraphQL statements."),
        click.option("--no-watch", is_flag=True, help="Do not reload on file changes."),
        click.option(
            "--fresh-lambda",
            is_flag=True,
            help="Start a new process for every function invocation (no warm workers).",
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _options(categories: frozenset[str], params: dict[str, Any]) -> MockOptions:
    https = params.get("https")
    return MockOptions(
        categories=categories,
        host=params.get("host"),
        port=params.get("port"),
        timeout=params.get("timeout"),
        https=(https[0], https[1]) if https else None,
        reset=bool(params.get("reset")),
        seed_data=params.get("seed_data"),
        dynamodb_endpoint=params.get("dynamodb_endpoint"),
        verify_tokens=params.get("verify_tokens"),
        codegen=not params.get("no_codegen"),
        watch=not params.get("no_watch"),
        fresh_lambda=bool(params.get("fresh_lambda")),
        log_level=str(params.get("log_level") or "NONE").upper(),
    )


@click.group(invoke_without_command=True)
@_common_options
@click.option(
    "--restore-config",
    is_flag=True,
    help="Only restore aws-exports.js / awsconfiguration.json left by a killed mock, then exit.",
)
@click.pass_context
def mock(ctx: click.Context, /, restore_config: bool, **params: Any) -> None:
    """Run the project's API, storage and functions locally (Ctrl-C stops)."""
    if ctx.invoked_subcommand is not None:
        if ctx.invoked_subcommand not in ("api", "storage"):
            mock_loop.resume_collection()
        return
    if restore_config:
        mock_loop.resume_collection()
        gen2_root = find_gen2_root(project_dir())
        if gen2_root is not None:
            from amplify_mock.mock.gen2.outputs import OutputsOverride

            for path in OutputsOverride(gen2_root).restore():
                click.echo(f"Restored {path.relative_to(gen2_root)}")
            return
        root = find_project_root(project_dir())
        for path in restore_frontend_config(root):
            click.echo(f"Restored {path.relative_to(root)}")
        return
    run_mock(project_dir(), _options(frozenset({"api", "storage", "function"}), params))


@mock.command("api")
@_common_options
def mock_api(**params: Any) -> None:
    """Mock the GraphQL API (AppSync endpoint on :20002) with its functions."""
    run_mock(project_dir(), _options(frozenset({"api", "function"}), params))


@mock.command("storage")
@_common_options
def mock_storage(**params: Any) -> None:
    """Mock the S3 storage (local S3 on :20005)."""
    run_mock(project_dir(), _options(frozenset({"storage", "function"}), params))


mock.add_command(function)
