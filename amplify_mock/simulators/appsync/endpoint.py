"""One call to serve a build directory: state, tables, data sources, auth hooks, hot reload."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.appsync.app import EndpointOptions
from amplify_mock.simulators.appsync.auth import TokenVerifier
from amplify_mock.simulators.appsync.config import ApiConfig
from amplify_mock.simulators.appsync.execution import ApiState
from amplify_mock.simulators.appsync.server import DEFAULT_PORT, AppSyncServer
from amplify_mock.simulators.appsync.state import build_api_state
from amplify_mock.simulators.appsync.wiring import (
    clear_data_callback,
    data_source_factory,
    ensure_tables,
)
from resolvers.data_sources.dynamodb import DynamoDBClient
from resolvers.data_sources.lambda_ import LambdaInvoker

__all__ = ["LocalAppSync"]

LOG = logging.getLogger(__name__)


class LocalAppSync:
    """The local AppSync endpoint for one API build, wired to the store and the Lambda runner.

    `start()` loads the build, creates or migrates its tables and binds the port; `reload()`
    builds a complete new state from the (re-compiled) build and swaps it in, keeping the old
    one when the new build fails.
    """

    def __init__(
        self,
        build_dir: Path,
        *,
        dynamodb_client: DynamoDBClient,
        lambda_invoker: LambdaInvoker | None = None,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        api_key: str | None = None,
        parameters: Mapping[str, Any] | None = None,
        verifier: TokenVerifier | None = None,
    ) -> None:
        self.build_dir = Path(build_dir)
        self.dynamodb_client = dynamodb_client
        self.factory = data_source_factory(
            dynamodb_client=dynamodb_client, lambda_invoker=lambda_invoker
        )
        self.api_key = api_key
        self.parameters = dict(parameters or {})
        invoke = lambda_invoker.invoke if lambda_invoker is not None else None
        self.options = EndpointOptions(
            verifier=verifier,
            lambda_authorizer=invoke,
            clear_data=clear_data_callback(dynamodb_client),
        )
        self.host = host
        self.port = port
        self.server: AppSyncServer | None = None

    def _build(self) -> ApiState:
        return build_api_state(
            self.build_dir,
            data_source_factory=self.factory,
            parameters=self.parameters,
            api_key=self.api_key,
        )

    async def _ensure_tables(self, config: ApiConfig) -> None:
        for result in await ensure_tables(self.dynamodb_client, config):
            if result.action in ("recreated", "conflict"):
                LOG.warning("%s", result.message)

    async def start(self) -> AppSyncServer:
        """:raises ApiBuildError: the build cannot be served. :raises PortInUseError: busy port."""
        state = self._build()
        await self._ensure_tables(state.config)
        self.server = AppSyncServer(state, host=self.host, port=self.port, options=self.options)
        self.port = await self.server.start()
        return self.server

    async def reload(self) -> bool:
        """Serve the current build from the next request on; False (old API kept) on failure."""
        if self.server is None:
            raise RuntimeError("LocalAppSync.reload() before start()")
        try:
            state = self._build()
            await self._ensure_tables(state.config)
        except AmplifyMockError as err:
            LOG.error("API reload failed, still serving the previous version: %s", err)
            return False
        self.server.swap_state(state)
        return True

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop()
            self.server = None
