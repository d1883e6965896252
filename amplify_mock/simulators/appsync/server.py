"""Starts and stops the endpoint inside an existing event loop (for `amplify mock` and tests)."""

from __future__ import annotations

import logging
import ssl

from aiohttp import web

from amplify_mock.simulators.appsync.app import READY, EndpointOptions, create_app
from amplify_mock.simulators.appsync.errors import PortInUseError
from amplify_mock.simulators.appsync.execution import ApiState
from amplify_mock.simulators.appsync.state import StateHolder
from amplify_mock.simulators.appsync.subscriptions import SubscriptionHub
from amplify_mock.simulators.binding import SHUTDOWN_TIMEOUT, PortTakenError, bind_site

__all__ = ["DEFAULT_PORT", "AppSyncServer"]

LOG = logging.getLogger(__name__)
DEFAULT_PORT = 20002


class AppSyncServer:
    """The local AppSync endpoint bound to `host:port` (127.0.0.1 only by default)."""

    def __init__(
        self,
        state: ApiState,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        options: EndpointOptions | None = None,
    ) -> None:
        self.holder = StateHolder(state)
        self.hub = SubscriptionHub()
        self.host = host
        self.port = port
        self.app = create_app(self.holder, options=options, hub=self.hub)
        self._runner: web.AppRunner | None = None
        self._tls = False

    @property
    def url(self) -> str:
        scheme = "https" if self._tls else "http"
        return f"{scheme}://{self.host}:{self.port}/graphql"

    @property
    def realtime_url(self) -> str:
        scheme = "wss" if self._tls else "ws"
        return f"{scheme}://{self.host}:{self.port}/graphql/realtime"

    def swap_state(self, new_state: ApiState) -> None:
        """Serve `new_state` from the next request on (hot reload)."""
        self.holder.swap_state(new_state)

    async def start(
        self,
        ssl_context: ssl.SSLContext | None = None,
        *,
        tls_also: ssl.SSLContext | None = None,
        hold_requests: bool = False,
    ) -> int:
        """Bind and serve; returns the port. With `ssl_context` (`--https`) the URL is https;
        with `tls_also` (the local CA's certificate) it stays http. Either way the port answers
        both plain HTTP/ws and TLS/wss.

        With `hold_requests`, requests wait unanswered until `open()`.

        :raises PortInUseError: the port is taken (never a silent fallback to another one).
        """
        if hold_requests:
            self.app[READY].clear()
        runner = web.AppRunner(
            self.app,
            access_log=None,
            handle_signals=False,
            handler_cancellation=True,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )
        await runner.setup()
        try:
            self.port = await bind_site(
                runner, self.host, self.port, ssl_context=ssl_context, tls_also=tls_also
            )
        except PortTakenError as err:
            raise PortInUseError(self.host, self.port, err.holder) from err
        self._runner = runner
        self._tls = ssl_context is not None
        LOG.info("AppSync endpoint listening on %s", self.url)
        return self.port

    def open(self) -> None:
        """Answer requests (those held since `start(hold_requests=True)` first)."""
        self.app[READY].set()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
