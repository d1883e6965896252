"""Start and stop the local S3 endpoint inside a running event loop, or standalone."""

from __future__ import annotations

import asyncio
import logging
import ssl

from aiohttp import web

from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.binding import (
    SHUTDOWN_TIMEOUT,
    PortTakenError,
    bind_site,
    site_url,
)
from amplify_mock.simulators.s3.app import S3_STATE, create_app
from amplify_mock.simulators.s3.errors import InvalidBucketName
from amplify_mock.simulators.s3.keys import check_bucket_name
from amplify_mock.simulators.s3.state import S3Settings, S3State

__all__ = ["DEFAULT_PORT", "S3PortInUseError", "S3Server", "S3SettingsError", "run_standalone"]

LOG = logging.getLogger(__name__)

#: Amplify JS hard-codes http://localhost:20005 for a bucket marked local, so no fallback port.
DEFAULT_PORT = 20005
#: A larger request buffer lets uploads keep streaming while a block is written to disk.
_READ_BUFFER = 1 << 20


class S3PortInUseError(AmplifyMockError):
    def __init__(self, host: str, port: int, holder: str | None = None) -> None:
        held = f" (held by {holder})" if holder else ""
        super().__init__(
            f"Port {port} on {host} is already in use{held}; the local S3 endpoint (amplify "
            "mock storage) cannot start.",
            resolution=(
                f"Stop the process listening on port {port}. Amplify JS always connects to "
                "http://localhost:20005 for mocked storage, so the mock does not pick another port."
                if port == DEFAULT_PORT
                else f"Stop the process listening on port {port} or choose another port."
            ),
        )
        self.port = port


class S3SettingsError(AmplifyMockError):
    def __init__(self, bucket: str) -> None:
        super().__init__(
            f"The storage bucket name {bucket!r} is not a valid S3 bucket name.",
            resolution="Use 3-63 lowercase letters, digits, dots or hyphens.",
        )


class S3Server:
    """One local S3 endpoint; `start()` binds in the current loop, `stop()` releases it."""

    def __init__(self, settings: S3Settings, *, host: str = "localhost", port: int = DEFAULT_PORT):
        folders = settings.bucket_folders
        for bucket in (*settings.buckets, *folders, *folders.values()):
            try:
                check_bucket_name(bucket)
            except InvalidBucketName as err:
                raise S3SettingsError(bucket) from err
        self.settings = settings
        self.host = host
        self._requested_port = port
        self._runner: web.AppRunner | None = None
        self._app: web.Application | None = None

    async def start(self, *, tls_also: ssl.SSLContext | None = None) -> None:
        """Bind and serve; with `tls_also` the port answers TLS too (the URL stays http).

        :raises S3PortInUseError: the port is taken (never falls back to another port).
        """
        self._app = create_app(self.settings)
        runner = web.AppRunner(
            self._app,
            auto_decompress=False,  # S3 stores Content-Encoding: gzip bodies as sent
            access_log=None,
            read_bufsize=_READ_BUFFER,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )
        await runner.setup()
        try:
            await bind_site(runner, self.host, self._requested_port, tls_also=tls_also)
        except PortTakenError as err:
            raise S3PortInUseError(self.host, self._requested_port, err.holder) from err
        except OSError as err:
            raise AmplifyMockError(
                f"The local S3 endpoint cannot listen on {self.host}:{self._requested_port}: "
                f"{err.strerror}"
            ) from err
        self._runner = runner
        LOG.info("Local S3 listening on %s", self.url)

    @property
    def state(self) -> S3State | None:
        """The running endpoint's store and event dispatcher (None before `start`)."""
        if self._app is None or S3_STATE not in self._app:
            return None
        return self._app[S3_STATE]

    @property
    def port(self) -> int:
        """The bound port (differs from the requested one only when that was 0)."""
        if self._runner is None or not self._runner.addresses:
            return self._requested_port
        return int(self._runner.addresses[0][1])

    @property
    def url(self) -> str:
        """The address actually bound (the first one when `localhost` bound several)."""
        if self._runner is None or not self._runner.addresses:
            return f"http://{self.host}:{self._requested_port}"
        return site_url(self._runner)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> S3Server:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()


async def _serve_forever(server: S3Server) -> None:
    await server.start()
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def run_standalone(
    settings: S3Settings, *, host: str = "localhost", port: int = DEFAULT_PORT
) -> None:
    """Serve until interrupted (Ctrl+C), for `python -m amplify_mock.simulators.s3`."""
    server = S3Server(settings, host=host, port=port)
    try:
        asyncio.run(_serve_forever(server))
    except KeyboardInterrupt:
        LOG.info("Local S3 stopped")
