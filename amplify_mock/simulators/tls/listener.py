"""One port, both protocols: a listener that serves plain HTTP and TLS on the same socket.

Each accepted connection is peeked at (MSG_PEEK, nothing consumed): a first byte 0x16 is a TLS
handshake record, so the connection is handed to the server's protocol over TLS; anything else
is plain HTTP. aws-amplify v6 dials `wss://` for subscriptions whatever the endpoint's scheme,
so the same `http://localhost:20002/graphql` endpoint then also answers `wss://`.

Plugs into any bound listening socket (`serve_both(sock, ...)`); the binding itself (address,
SO_REUSEADDR) stays with the caller.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
from collections.abc import Callable

__all__ = ["TLS_HANDSHAKE", "DualListener"]

LOG = logging.getLogger(__name__)

TLS_HANDSHAKE = 0x16
#: A connection that sends nothing for this long is closed before it is sniffed.
FIRST_BYTE_SECONDS = 30.0
HANDSHAKE_SECONDS = 15.0


class DualListener:
    """Accepts on `sock` and serves each connection with `protocol_factory`, in TLS or plain."""

    def __init__(
        self,
        sock: socket.socket,
        protocol_factory: Callable[[], asyncio.BaseProtocol],
        ssl_context: ssl.SSLContext,
    ) -> None:
        sock.setblocking(False)
        self.sock = sock
        self._factory = protocol_factory
        self._ssl = ssl_context
        self._accepting: asyncio.Task[None] | None = None
        self._pending: set[asyncio.Task[None]] = set()

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def start(self) -> None:
        self._accepting = asyncio.get_running_loop().create_task(self._accept_forever())

    async def _accept_forever(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                connection, _address = await loop.sock_accept(self.sock)
            except asyncio.CancelledError:
                raise
            except OSError as err:  # e.g. EMFILE: keep serving the open connections
                LOG.warning("accept failed: %s", err)
                await asyncio.sleep(0.1)
                continue
            task = loop.create_task(self._serve(connection))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def _serve(self, connection: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        connection.setblocking(False)
        try:
            first = await asyncio.wait_for(_peek(loop, connection), FIRST_BYTE_SECONDS)
            if not first:
                connection.close()
                return
            tls = first[0] == TLS_HANDSHAKE
            await loop.connect_accepted_socket(
                self._factory,
                connection,
                ssl=self._ssl if tls else None,
                ssl_handshake_timeout=HANDSHAKE_SECONDS if tls else None,
            )
        except (OSError, TimeoutError, ssl.SSLError, ConnectionError) as err:
            LOG.debug("connection dropped before serving: %s", err)
            connection.close()

    def close(self) -> None:
        """Stop accepting; the socket closes once the accept task has let go of it (open
        connections are closed by their server)."""
        tasks = [t for t in (self._accepting, *self._pending) if t is not None]
        for task in tasks:
            task.cancel()
        if self._accepting is not None and not self._accepting.done():
            self._accepting.add_done_callback(lambda _task: self.sock.close())
        else:
            self.sock.close()


async def _peek(loop: asyncio.AbstractEventLoop, connection: socket.socket) -> bytes:
    """The first byte the client sent, left in the socket; b"" when it closed first."""
    readable: asyncio.Future[None] = loop.create_future()
    fd = connection.fileno()

    def ready() -> None:
        if not readable.done():
            readable.set_result(None)

    loop.add_reader(fd, ready)
    try:
        await readable
    finally:
        loop.remove_reader(fd)
    return connection.recv(1, socket.MSG_PEEK)
