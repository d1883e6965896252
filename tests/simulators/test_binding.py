"""Listening sockets: same port after a restart with connected clients; a taken port is named."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from amplify_mock.simulators.appsync.errors import PortInUseError
from amplify_mock.simulators.binding import PortTakenError, bind_site, find_port_holder
from amplify_mock.simulators.dynamodb.server import start_server
from amplify_mock.simulators.dynamodb.store import Store
from amplify_mock.simulators.s3 import S3Server, S3Settings


def _own_holder() -> str:
    return f"pid {os.getpid()} ({Path('/proc/self/comm').read_text().strip()})"


@pytest.fixture
def taken_port() -> object:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    yield listener.getsockname()[1]
    listener.close()


async def test_bind_site_taken_port_names_the_holder(taken_port: int) -> None:
    runner = web.AppRunner(web.Application())
    await runner.setup()
    with pytest.raises(PortTakenError) as caught:
        await bind_site(runner, "127.0.0.1", taken_port)
    holder = find_port_holder(taken_port)
    assert holder == (_own_holder() if Path("/proc/net/tcp").exists() else None)
    held = f" (held by {holder})" if holder else ""
    assert caught.value.message == f"Port {taken_port} on 127.0.0.1 is already in use{held}."


async def test_appsync_port_in_use_error_names_the_port(taken_port: int) -> None:
    from amplify_mock.simulators.appsync.config import (
        ApiConfig,
        AuthenticationType,
        AuthProvider,
    )
    from amplify_mock.simulators.appsync.server import AppSyncServer
    from tests.simulators.appsync.conftest import FakeRunner, make_state

    config = ApiConfig("a", "type Query { a: String }", AuthProvider(AuthenticationType.API_KEY))
    server = AppSyncServer(make_state(config, FakeRunner({})), port=taken_port)
    with pytest.raises(PortInUseError) as caught:
        await server.start()
    assert caught.value.message.startswith(f"Port {taken_port} on 127.0.0.1 is already in use")
    assert caught.value.holder == find_port_holder(taken_port)


async def _hold_connection(session: aiohttp.ClientSession, url: str) -> None:
    async with session.get(url) as response:  # keep-alive: the connection stays open
        await response.read()


async def test_dynamodb_restart_binds_the_same_port_with_clients_connected(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "ddb", region="us-east-1")
    try:
        server = await start_server(store, port=0)
        port = server.port
        async with aiohttp.ClientSession() as session:
            await _hold_connection(session, f"{server.url}/")
            await server.stop()
            again = await start_server(store, port=port, find_free=False)
            assert again.port == port
            await _hold_connection(session, f"http://127.0.0.1:{port}/")
            await again.stop()
    finally:
        store.close()


async def test_s3_restart_binds_the_same_port_with_clients_connected(tmp_path: Path) -> None:
    settings = S3Settings(root=tmp_path / "S3", buckets=("bucket-a",), region="us-east-1")
    server = S3Server(settings, host="127.0.0.1", port=0)
    await server.start()
    port = server.port
    assert server.url == f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:
        await _hold_connection(session, f"{server.url}/bucket-a")
        await server.stop()
        again = S3Server(settings, host="127.0.0.1", port=port)
        await again.start()
        assert again.port == port
        await _hold_connection(session, f"{again.url}/bucket-a")
        await again.stop()
