"""The aws-amplify v6 client (npm) runs a query, a mutation and a subscription against the mock."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from amplify_mock.simulators.appsync.server import AppSyncServer
from amplify_mock.simulators.appsync.state import build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store

ROOT = Path(__file__).resolve().parents[2]
JS_DIR = ROOT / "tests" / "js" / "appsync"
TODO_BUILD = ROOT / "tests" / "transformer" / "golden" / "cases" / "example-todo" / "expected"
API_KEY = "da2-fakeApiId123456"


@pytest.fixture
async def todo_server() -> AsyncIterator[AppSyncServer]:
    store = Store.open(None)
    client = StoreClient(store)
    state = build_api_state(
        TODO_BUILD, data_source_factory=data_source_factory(dynamodb_client=client)
    )
    await ensure_tables(client, state.config)
    server = AppSyncServer(state, port=0)
    await server.start()
    yield server
    await server.stop()
    store.close()


@pytest.mark.e2e
async def test_appsync_js_client_query_mutation_subscription(todo_server: AppSyncServer) -> None:
    assert (JS_DIR / "node_modules" / "aws-amplify").is_dir(), (
        "run .ci/setup.d/npm-packages.sh to install aws-amplify for this test"
    )
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(JS_DIR / "appsync.test.mjs"),
        todo_server.url,
        API_KEY,
        cwd=JS_DIR,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    result = json.loads(stdout.decode().strip().splitlines()[-1])
    todo = {"id": "js-1", "name": "From JS", "description": "aws-amplify v6"}
    assert result == {
        "mutation": {"createTodo": todo},
        "subscription": {"onCreateTodo": todo},
        "query": {"getTodo": todo},
    }
