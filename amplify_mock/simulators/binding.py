"""Binds the listening socket of every mock endpoint (AppSync, DynamoDB, S3, Cognito).

Every socket sets SO_REUSEADDR, so a restart binds the same port right after a stop, even
with clients that were connected at stop time (their connections linger in TIME_WAIT). A
port really held by another process is a `PortTakenError` naming the port and, where the
system tells, the process holding it; no endpoint silently moves to another port.
"""

from __future__ import annotations

import errno
import os
import ssl
from pathlib import Path

from aiohttp import web

from amplify_mock.errors import AmplifyMockError

__all__ = ["SHUTDOWN_TIMEOUT", "PortTakenError", "bind_site", "find_port_holder", "site_url"]

#: Seconds in-flight requests get when an endpoint stops (aiohttp waits 60 by default);
#: `amplify mock` stops everything within 2 s.
SHUTDOWN_TIMEOUT = 0.5


class PortTakenError(AmplifyMockError):
    """The port asked for is in use by another socket."""

    def __init__(self, host: str, port: int, holder: str | None) -> None:
        held = f" (held by {holder})" if holder else ""
        super().__init__(f"Port {port} on {host} is already in use{held}.")
        self.host = host
        self.port = port
        self.holder = holder


async def bind_site(
    runner: web.AppRunner,
    host: str,
    port: int,
    *,
    ssl_context: ssl.SSLContext | None = None,
    tls_also: ssl.SSLContext | None = None,
) -> int:
    """Listen on `host:port` (port 0: the OS picks) with address reuse; the bound port.

    With a TLS context (`ssl_context` for `--https`, or `tls_also`), the same port answers
    both plain HTTP and TLS, decided per connection (simulators/tls).

    The runner must be set up; on failure it is cleaned up.

    :raises PortTakenError: the port is in use (or not allowed to this user).
    """
    context = ssl_context or tls_also
    site: web.BaseSite
    if context is not None:
        from amplify_mock.simulators.tls.site import DualSite

        site = DualSite(runner, host, port, ssl_context=context)
    else:
        site = web.TCPSite(runner, host, port, reuse_address=True)
    try:
        await site.start()
    except OSError as err:
        await runner.cleanup()
        if err.errno in (errno.EADDRINUSE, errno.EACCES):
            raise PortTakenError(host, port, find_port_holder(port)) from err
        raise
    return int(runner.addresses[-1][1])


def site_url(runner: web.AppRunner, scheme: str = "http") -> str:
    """The URL of the address actually bound (the first one when a name bound several)."""
    address = runner.addresses[0]
    host, port = str(address[0]), int(address[1])
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


def find_port_holder(port: int) -> str | None:
    """`pid N (command)` of the process listening on `port`, where /proc tells (Linux)."""
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    proc = Path("/proc")
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    command = (entry / "comm").read_text().strip()
                    return f"pid {entry.name} ({command})"
        except OSError:
            continue
    return None


def _listening_inodes(port: int) -> set[str]:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if (
                len(fields) > 9
                and fields[3] == "0A"
                and int(fields[1].rsplit(":", 1)[1], 16) == port
            ):
                inodes.add(fields[9])
    return inodes
