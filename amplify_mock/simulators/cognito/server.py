"""Start and stop the local Cognito endpoint inside a running event loop."""

from __future__ import annotations

import logging
import ssl

from aiohttp import web

from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.binding import PortTakenError, bind_site
from amplify_mock.simulators.cognito.app import create_app
from amplify_mock.simulators.cognito.user_pool import UserPool

__all__ = ["DEFAULT_PORT", "CognitoPortInUseError", "CognitoServer"]

LOG = logging.getLogger(__name__)
DEFAULT_PORT = 20006


class CognitoPortInUseError(AmplifyMockError):
    def __init__(self, host: str, port: int, holder: str | None) -> None:
        held = f" (held by {holder})" if holder else ""
        super().__init__(
            f"Port {port} on {host} is already in use{held}; the local Cognito endpoint "
            "cannot start.",
            resolution=f'Stop the process listening on port {port} or set "cognitoPort" in '
            "amplify/mock.json.",
        )


class CognitoServer:
    """The local user pool and identity pool endpoint bound to `host:port`."""

    def __init__(self, pool: UserPool, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT):
        self.pool = pool
        self.host = host
        self.port = port
        self.app = create_app(pool)
        self._runner: web.AppRunner | None = None
        self._tls = False

    @property
    def url(self) -> str:
        return f"{'https' if self._tls else 'http'}://{self.host}:{self.port}"

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/{self.pool.settings.user_pool_id}/.well-known/jwks.json"

    async def start(
        self,
        ssl_context: ssl.SSLContext | None = None,
        *,
        tls_also: ssl.SSLContext | None = None,
    ) -> int:
        """Bind and serve; returns the port. With `ssl_context` (`--https`) the URL is https;
        with `tls_also` it stays http. Either way the port answers both HTTP and TLS.

        :raises CognitoPortInUseError: the port is taken.
        """
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await runner.setup()
        try:
            self.port = await bind_site(
                runner, self.host, self.port, ssl_context=ssl_context, tls_also=tls_also
            )
        except PortTakenError as err:
            raise CognitoPortInUseError(self.host, self.port, err.holder) from err
        self._runner = runner
        self._tls = ssl_context is not None
        LOG.info("Cognito endpoint listening on %s", self.url)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
