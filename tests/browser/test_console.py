"""The AppSync console in headless chromium: query, Cognito group rule, subscription events."""

from __future__ import annotations

import asyncio
import json
import shutil
import struct
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.simulators.appsync.server import AppSyncServer
from amplify_mock.simulators.appsync.state import build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store
from tests.simulators.appsync.conftest import user_pool_token

ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = ROOT / "tests" / "browser"
BLOG_BUILD = ROOT / "tests" / "transformer" / "golden" / "cases" / "example-blog" / "expected"
TODO_BUILD = ROOT / "tests" / "transformer" / "golden" / "cases" / "example-todo" / "expected"


async def _serve(build: Path) -> AsyncIterator[AppSyncServer]:
    store = Store.open(None)
    client = StoreClient(store)
    state = build_api_state(build, data_source_factory=data_source_factory(dynamodb_client=client))
    await ensure_tables(client, state.config)
    server = AppSyncServer(state, port=0)
    await server.start()
    yield server
    await server.stop()
    store.close()


@pytest.fixture
async def blog_server() -> AsyncIterator[AppSyncServer]:
    async for server in _serve(BLOG_BUILD):
        yield server


@pytest.fixture
async def todo_server() -> AsyncIterator[AppSyncServer]:
    async for server in _serve(TODO_BUILD):
        yield server


async def _node(script: str, *args: str) -> dict[str, Any]:
    assert shutil.which("chromium"), "run .ci/setup.d/chromium.sh (apt package chromium)"
    assert (BROWSER_DIR / "node_modules" / "playwright-core").is_dir(), (
        "run .ci/setup.d/npm-packages.sh"
    )
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(BROWSER_DIR / script),
        *args,
        cwd=BROWSER_DIR,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, stderr.decode()[-3000:]
    result: dict[str, Any] = json.loads(stdout.decode().strip().splitlines()[-1])
    return result


async def _seed_blog(server: AppSyncServer) -> None:
    from aiohttp import ClientSession

    async with ClientSession() as session:
        response = await session.post(
            server.url,
            json={"query": 'mutation { createBlog(input: {id: "b1", name: "Alice\'s"}) { id } }'},
            headers={"Authorization": user_pool_token("alice")},
        )
        assert (await response.json()) == {"data": {"createBlog": {"id": "b1"}}}


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.e2e
async def test_console_query_and_cognito_group_rule(
    blog_server: AppSyncServer, tmp_path: Path
) -> None:
    await _seed_blog(blog_server)
    result = await _node("console.test.mjs", f"http://127.0.0.1:{blog_server.port}/", str(tmp_path))
    assert result["external"] == []
    assert json.loads(result["listed"]) == {
        "data": {"listBlogs": {"items": [{"id": "b1", "name": "Alice's", "owner": "alice"}]}}
    }
    denied = json.loads(result["denied"])
    assert denied["data"] == {"updateBlog": None}
    assert denied["errors"][0]["errorType"] == "DynamoDB:ConditionalCheckFailedException"
    allowed = json.loads(result["allowed"])
    assert allowed == {"data": {"updateBlog": {"id": "b1", "name": "Renamed", "owner": "alice"}}}
    shots = [Path(result["shots"][k]) for k in ("apiKey", "denied", "allowed")]
    assert [_png_size(p) for p in shots] == [(1400, 800)] * 3
    assert len({p.read_bytes() for p in shots}) == 3


@pytest.mark.e2e
async def test_console_subscription_shows_events(
    todo_server: AppSyncServer, tmp_path: Path
) -> None:
    shot = tmp_path / "subscription.png"
    result = await _node(
        "console_subscription.test.mjs",
        f"http://127.0.0.1:{todo_server.port}/",
        "da2-fakeApiId123456",
        str(shot),
    )
    assert json.loads(result["response"]) == {
        "data": {"onCreateTodo": {"id": "sub-1", "name": "from the console test"}}
    }
    assert _png_size(shot) == (1400, 800)
