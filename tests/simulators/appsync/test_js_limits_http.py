"""POST /graphql: a JS resolver that runs away ends with an error in AppSync's shape when its
time limit passes, and the endpoint keeps answering other queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import pytest

from amplify_mock.simulators.appsync.server import AppSyncServer
from amplify_mock.simulators.appsync.state import build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory
from tests.simulators.appsync.conftest import API_KEY
from tests.simulators.appsync.test_loader_js import JS, build_with

RUNAWAY = """export function request(ctx) {
  let n = 0;
  const a = Array(5000).fill(1);
  for (const x of a) { for (const y of a) { n = n + x * y; } }
  return { operation: 'GetItem', key: { id: { S: ctx.args.id } } };
}
export function response(ctx) {
  return ctx.result;
}
"""


async def _post(session: aiohttp.ClientSession, url: str, query: str) -> Any:
    headers = {"x-api-key": API_KEY}
    async with session.post(url, json={"query": query}, headers=headers) as response:
        assert response.status == 200
        return await response.json()


async def test_runaway_js_resolver_times_out_and_the_api_keeps_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("resolvers.js.code.TIME_LIMIT_MS", 100.0)
    build = build_with(tmp_path, {"Runtime": JS, "Code": RUNAWAY}, {})
    server = AppSyncServer(build_api_state(build, data_source_factory=data_source_factory()),
                           port=0)  # fmt: skip
    await server.start()
    try:
        url = f"http://127.0.0.1:{server.port}/graphql"
        async with aiohttp.ClientSession() as session:
            body = await _post(session, url, '{ getTodo(id: "1") { id } }')
            assert body["data"] == {"getTodo": None}
            [error] = body["errors"]
            assert error["errorType"] == "ExecutionTimeout"
            assert error["message"] == (
                "Resolver Query.getTodo (inline Code): "
                "Execution timed out after 100 ms (request function)"
            )
            assert await _post(session, url, "{ __typename }") == {"data": {"__typename": "Query"}}
    finally:
        await server.stop()
