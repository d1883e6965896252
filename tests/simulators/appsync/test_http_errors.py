"""Malformed POST /graphql requests: AppSync's 4xx error shape, never a 5xx; bugs are 500 JSON."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from amplify_mock.simulators.appsync.app import create_app
from amplify_mock.simulators.appsync.config import ApiConfig
from amplify_mock.simulators.appsync.execution import ApiState
from amplify_mock.simulators.appsync.state import StateHolder

from .conftest import API_KEY, FakeRunner, make_state, todo_functions

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
HEADERS = {"x-api-key": API_KEY, "Content-Type": "application/json"}
VALID = {"query": '{ getTodo(id: "t1") { id name } }'}
VALID_ANSWER = {"data": {"getTodo": {"id": "t1", "name": "Milk"}}}
UNPARSABLE = {
    "errors": [
        {"errorType": "MalformedHttpRequestException", "message": "Unable to parse GraphQL query."}
    ]
}


@pytest.fixture
async def client(aiohttp_client: ClientFactory, todo_config: ApiConfig) -> TestClient[Any, Any]:
    runner = FakeRunner(todo_functions({"t1": {"id": "t1", "name": "Milk"}}))
    return await aiohttp_client(create_app(StateHolder(make_state(todo_config, runner))))


async def _post_raw(client: TestClient[Any, Any], data: bytes, **headers: str) -> tuple[int, Any]:
    response = await client.post("/graphql", data=data, headers={**HEADERS, **headers})
    assert response.content_type == "application/json"
    return response.status, await response.json()


@pytest.mark.parametrize(
    "body",
    [
        {**VALID, "variables": "x"},
        {**VALID, "variables": 1},
        {**VALID, "variables": True},
        {**VALID, "variables": [1]},
        {**VALID, "operationName": ["Q"]},
        {**VALID, "operationName": {"a": 1}},
        {**VALID, "operationName": 3},
        {"query": 1},
        {"query": None},
        {"variables": {}},
        [VALID],
        "query",
    ],
    ids=[
        "variables-string",
        "variables-number",
        "variables-bool",
        "variables-list",
        "operationName-list",
        "operationName-object",
        "operationName-number",
        "query-number",
        "query-null",
        "no-query",
        "body-list",
        "body-string",
    ],
)
async def test_graphql_wrong_types_are_400(client: TestClient[Any, Any], body: Any) -> None:
    assert await _post_raw(client, json.dumps(body).encode()) == (400, UNPARSABLE)
    assert await _post_raw(client, json.dumps(VALID).encode()) == (200, VALID_ANSWER)


async def test_graphql_empty_body_is_400(client: TestClient[Any, Any]) -> None:
    assert await _post_raw(client, b"") == (
        400,
        {
            "errors": [
                {"errorType": "MalformedHttpRequestException", "message": "Request body is empty."}
            ]
        },
    )


@pytest.mark.parametrize("depth", [100, 1000, 100_000], ids=["100", "1000", "100000"])
async def test_graphql_deep_json_is_400(client: TestClient[Any, Any], depth: int) -> None:
    deep = b'{"query": "{ __typename }", "variables": {"a": ' + b"[" * depth + b"]" * depth + b"}}"
    assert await _post_raw(client, deep) == (400, UNPARSABLE)


async def test_graphql_body_that_is_not_gzip_is_400(client: TestClient[Any, Any]) -> None:
    status, body = await _post_raw(
        client, json.dumps(VALID).encode(), **{"Content-Encoding": "gzip"}
    )
    assert (status, body) == (
        400,
        {
            "errors": [
                {
                    "errorType": "MalformedHttpRequestException",
                    "message": "Unable to read the request body.",
                }
            ]
        },
    )
    assert await _post_raw(client, json.dumps(VALID).encode()) == (200, VALID_ANSWER)


async def test_graphql_gzip_body_is_read(client: TestClient[Any, Any]) -> None:
    packed = gzip.compress(json.dumps(VALID).encode())
    assert await _post_raw(client, packed, **{"Content-Encoding": "gzip"}) == (200, VALID_ANSWER)


async def test_graphql_deeply_nested_query_is_a_graphql_error(
    client: TestClient[Any, Any],
) -> None:
    query = "{ " + "getTodo(id: 1) { " * 3000 + "id" + " }" * 3001
    status, body = await _post_raw(client, json.dumps({"query": query}).encode())
    assert status == 200
    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == [
        "Syntax Error: Document is nested too deeply. Parsing aborted."
    ]


async def test_graphql_unexpected_exception_is_internal_failure(
    client: TestClient[Any, Any], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(self: ApiState, query: str) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ApiState, "prepare_async", broken)
    with caplog.at_level(logging.ERROR):
        assert await _post_raw(client, json.dumps(VALID).encode()) == (
            500,
            {
                "errors": [
                    {"errorType": "InternalFailure", "message": "An internal error occurred."}
                ]
            },
        )
    assert "RuntimeError: a bug" in caplog.text
    monkeypatch.undo()
    assert await _post_raw(client, json.dumps(VALID).encode()) == (200, VALID_ANSWER)


async def test_graphql_unknown_route_is_json_404(client: TestClient[Any, Any]) -> None:
    response = await client.get("/nope")
    assert response.status == 404
    assert await response.json() == {
        "errors": [{"errorType": "NotFoundException", "message": "Not Found"}]
    }


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
request_bodies = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {},
        optional={
            "query": st.one_of(json_values, st.text(max_size=80), st.just(VALID["query"])),
            "variables": json_values,
            "operationName": json_values,
            "extensions": json_values,
        },
    ).map(lambda v: json.dumps(v).encode()),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=request_bodies, gzipped=st.booleans())
@example(body=b'{"query": "{ __typename }", "variables": "x"}', gzipped=False)
@example(body=b'{"query": "{ __typename }", "operationName": []}', gzipped=False)
@example(
    body=b'{"query": "{ __typename }", "variables": ' + b"[" * 1000 + b"]" * 1000 + b"}",
    gzipped=False,
)
async def test_graphql_property_no_5xx_on_malformed_bodies(
    client: TestClient[Any, Any], body: bytes, gzipped: bool
) -> None:
    headers = {"Content-Encoding": "gzip"} if gzipped else {}
    status, answer = await _post_raw(client, body, **headers)
    assert status < 500
    if status >= 400:
        assert set(answer) == {"errors"}
        assert all(set(e) >= {"errorType", "message"} for e in answer["errors"])
    else:
        assert set(answer) <= {"data", "errors"}
    assert await _post_raw(client, json.dumps(VALID).encode()) == (200, VALID_ANSWER)
