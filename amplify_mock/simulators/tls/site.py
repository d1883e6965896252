"""An aiohttp site on DualListeners: the runner's app answers HTTP and TLS on one port.

A real `web.BaseSite`: the runner lists its addresses and stops it on cleanup, like a TCPSite.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from typing import Any

from aiohttp import web

from amplify_mock.simulators.tls.listener import DualListener

__all__ = ["DualSite"]


class _Listeners:
    """The `_server` of the site: what the runner reads (`sockets`) and closes (`close`)."""

    def __init__(self, listeners: list[DualListener]) -> None:
        self.listeners = listeners

    @property
    def sockets(self) -> list[socket.socket]:
        return [listener.sock for listener in self.listeners]

    def close(self) -> None:
        for listener in self.listeners:
            listener.close()


def _bind(family: int, address: tuple[Any, ...], reuse_address: bool) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if reuse_address:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


class DualSite(web.BaseSite):
    """Listens on `host:port` (every address the name resolves to, one port) and serves the
    runner's app in plain HTTP or in TLS with `ssl_context`, decided per connection."""

    __slots__ = ("_host", "_port", "_reuse_address")

    def __init__(
        self,
        runner: web.BaseRunner,
        host: str,
        port: int,
        *,
        ssl_context: ssl.SSLContext,
        reuse_address: bool = True,
    ) -> None:
        super().__init__(runner, ssl_context=ssl_context)
        self._host = host
        self._port = port
        self._reuse_address = reuse_address

    @property
    def name(self) -> str:
        return f"http+https://{self._host}:{self._port}"

    async def start(self) -> None:
        """:raises OSError: the port is taken or the address cannot be bound (errno kept)."""
        await super().start()
        server = self._runner.server
        assert server is not None and self._ssl_context is not None
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(
            self._host, self._port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        sockets: list[socket.socket] = []
        seen: set[tuple[int, str]] = set()
        try:
            for family, _type, _proto, _name, address in infos:
                if (family, str(address[0])) in seen:
                    continue
                seen.add((family, str(address[0])))
                port = sockets[0].getsockname()[1] if sockets else self._port
                bound = (address[0], port, *address[2:])
                sockets.append(_bind(family, bound, self._reuse_address))
        except OSError:
            for sock in sockets:
                sock.close()
            raise
        listeners = [DualListener(sock, server, self._ssl_context) for sock in sockets]
        for listener in listeners:
            listener.start()
        self._server = _Listeners(listeners)  # type: ignore[assignment]
