"""What one `amplify mock` run has started, and the stop that undoes exactly that in time."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.options import Reporter
from amplify_mock.simulators.dynamodb.client import EndpointClient
from resolvers.data_sources.dynamodb import DynamoDBClient

if TYPE_CHECKING:
    from amplify_mock.mock.frontend.override import FrontendConfigOverride
    from amplify_mock.mock.gen2.outputs import OutputsOverride
    from amplify_mock.mock.watcher import ProjectWatcher
    from amplify_mock.simulators.appsync.server import AppSyncServer
    from amplify_mock.simulators.cloudfront_front import CloudFrontFront
    from amplify_mock.simulators.cognito import CognitoServer
    from amplify_mock.simulators.dynamodb.server import DynamoDBServer
    from amplify_mock.simulators.dynamodb.store import Store
    from amplify_mock.simulators.lambda_ import LambdaRunner
    from amplify_mock.simulators.s3 import S3Server

__all__ = ["STOP_SECONDS", "Running", "stop_running"]

LOG = logging.getLogger(__name__)
#: How long `stop` may take in all (`amplify mock` must stop within 2 s of a signal).
STOP_SECONDS = 1.5


@dataclass
class Running:
    """What has been started, so `stop_running` can undo exactly that."""

    store: Store | None = None
    dynamodb_client: DynamoDBClient | None = None
    dynamodb_server: DynamoDBServer | None = None
    runner: LambdaRunner | None = None
    appsync: AppSyncServer | None = None
    s3: S3Server | None = None
    cloudfront: list[CloudFrontFront] = field(default_factory=list)
    cognito: CognitoServer | None = None
    #: the app's config rewrite (aws-exports.js & co., or amplify_outputs.json)
    override: FrontendConfigOverride | OutputsOverride | None = None
    watcher: ProjectWatcher | None = None
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)


async def stop_running(running: Running, reporter: Reporter) -> None:
    """Restore the frontend config, then stop everything that started, in reverse order.

    The config comes first, so that nothing (a second Ctrl-C, a step out of time) can
    leave it rewritten; each step then gets what is left of `STOP_SECONDS`, and the
    functions' process groups are killed whatever happened before.
    """
    if running.override is not None:
        try:
            running.override.restore()
        except AmplifyMockError as err:
            reporter.error(f"Restoring the frontend config failed: {err}")
    steps: list[tuple[str, Callable[[], Awaitable[Any]]]] = []
    if running.watcher is not None:
        steps.append(("watcher", running.watcher.stop))
    for task in running.tasks:
        task.cancel()
    if running.tasks:
        steps.append(("triggers", lambda: _gather_quietly(running.tasks)))
    for front in running.cloudfront:
        steps.append(("cloudfront", front.stop))
    if running.s3 is not None:
        steps.append(("storage", running.s3.stop))
    if running.appsync is not None:
        steps.append(("api", running.appsync.stop))
    if running.dynamodb_server is not None:
        steps.append(("dynamodb endpoint", running.dynamodb_server.stop))
    if running.cognito is not None:
        steps.append(("auth", running.cognito.stop))
    if running.runner is not None:
        steps.append(("functions", running.runner.close))
    deadline = asyncio.get_running_loop().time() + STOP_SECONDS
    try:
        for name, step in steps:
            remaining = deadline - asyncio.get_running_loop().time()
            try:
                await asyncio.wait_for(step(), max(remaining, 0.05))
            except TimeoutError:
                LOG.warning("stopping the %s took too long; left behind", name)
            except Exception:
                LOG.exception("stopping the %s failed", name)
    finally:
        if running.runner is not None:
            running.runner.kill_now()
        if isinstance(running.dynamodb_client, EndpointClient):
            with contextlib.suppress(Exception):
                await running.dynamodb_client.close()
        if running.store is not None:
            running.store.close()


async def _gather_quietly(tasks: list[asyncio.Task[Any]]) -> None:
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.gather(*tasks, return_exceptions=True)
