"""Tests of the realtime endpoint: protocol, auth per connection/subscription, fan-out, filters."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse, WSMsgType
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync.app import create_app
from amplify_mock.simulators.appsync.config import (
    ApiConfig,
    AuthenticationType,
    AuthProvider,
    ResolverSpec,
)
from amplify_mock.simulators.appsync.execution import FieldOutcome
from amplify_mock.simulators.appsync.state import StateHolder
from amplify_mock.simulators.appsync.subscriptions import matches_filter

from .conftest import API_KEY, FakeRunner, make_state, todo_functions

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
KEY_HEADERS = {"x-api-key": API_KEY, "host": "localhost"}
TIMEOUT = 5.0


def _header_param(headers: dict[str, str]) -> str:
    return base64.b64encode(json.dumps(headers).encode()).decode()


async def _connect(
    client: TestClient[Any, Any], headers: dict[str, str]
) -> ClientWebSocketResponse:
    ws = await client.ws_connect(
        f"/graphql/realtime?header={_header_param(headers)}&payload=e30=", protocols=("graphql-ws",)
    )
    await ws.send_json({"type": "connection_init"})
    return ws


async def _receive(ws: ClientWebSocketResponse, skip_ka: bool = True) -> dict[str, Any]:
    while True:
        msg = await asyncio.wait_for(ws.receive(), TIMEOUT)
        assert msg.type is WSMsgType.TEXT, msg
        data: dict[str, Any] = json.loads(msg.data)
        if skip_ka and data.get("type") == "ka":
            continue
        return data


async def _start(
    ws: ClientWebSocketResponse,
    sub_id: str,
    query: str,
    headers: dict[str, str],
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    await ws.send_json(
        {
            "id": sub_id,
            "type": "start",
            "payload": {
                "data": json.dumps({"query": query, "variables": variables or {}}),
                "extensions": {"authorization": headers},
            },
        }
    )
    return await _receive(ws)


@pytest.fixture
async def todo_client(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> TestClient[Any, Any]:
    runner = FakeRunner(todo_functions({}))
    return await aiohttp_client(create_app(StateHolder(make_state(todo_config, runner))))


async def _create(client: TestClient[Any, Any], todo_id: str, name: str) -> None:
    response = await client.post(
        "/graphql",
        json={
            "query": "mutation($i: CreateTodoInput!) { createTodo(input: $i) { id } }",
            "variables": {"i": {"id": todo_id, "name": name, "description": "d"}},
        },
        headers={"x-api-key": API_KEY},
    )
    assert response.status == 200


async def test_realtime_connection_ack_and_keep_alive(todo_client: TestClient[Any, Any]) -> None:
    ws = await _connect(todo_client, KEY_HEADERS)
    assert await _receive(ws) == {
        "type": "connection_ack",
        "payload": {"connectionTimeoutMs": 300000},
    }
    assert await _receive(ws, skip_ka=False) == {"type": "ka"}
    await ws.close()


async def test_realtime_subscription_receives_trimmed_mutation_result(
    todo_client: TestClient[Any, Any],
) -> None:
    ws = await _connect(todo_client, KEY_HEADERS)
    await _receive(ws)
    ack = await _start(ws, "s1", "subscription { onCreateTodo { id name } }", KEY_HEADERS)
    assert ack == {"type": "start_ack", "id": "s1", "payload": {}}
    await _create(todo_client, "t1", "Milk")
    assert await _receive(ws) == {
        "id": "s1",
        "type": "data",
        "payload": {"data": {"onCreateTodo": {"id": "t1", "name": "Milk"}}},
    }
    await ws.send_json({"id": "s1", "type": "stop"})
    assert await _receive(ws) == {"type": "complete", "id": "s1"}
    await _create(todo_client, "t2", "Eggs")
    await ws.close()


async def test_realtime_argument_filter(aiohttp_client: ClientFactory) -> None:
    sdl = """
    type Item { id: ID! kind: String }
    type Query { get: Item }
    type Mutation { put(id: ID!, kind: String): Item }
    type Subscription { onPut(kind: String): Item @aws_subscribe(mutations: ["put"]) }
    """
    config = ApiConfig(
        name="f",
        schema_sdl=sdl,
        default_auth=AuthProvider(AuthenticationType.API_KEY),
        api_key=API_KEY,
        resolvers=(ResolverSpec("Mutation", "put", "UNIT", "NONE", None, None),),
    )
    runner = FakeRunner({"Mutation.put": lambda call: dict(call.arguments)})
    client = await aiohttp_client(create_app(StateHolder(make_state(config, runner))))
    ws = await _connect(client, KEY_HEADERS)
    await _receive(ws)
    await _start(ws, "books", 'subscription { onPut(kind: "book") { id kind } }', KEY_HEADERS)
    for item_id, kind in (("1", "pen"), ("2", "book")):
        await client.post(
            "/graphql",
            json={"query": f'mutation {{ put(id: "{item_id}", kind: "{kind}") {{ id }} }}'},
            headers={"x-api-key": API_KEY},
        )
    assert await _receive(ws) == {
        "id": "books",
        "type": "data",
        "payload": {"data": {"onPut": {"id": "2", "kind": "book"}}},
    }
    await ws.close()


async def test_realtime_enhanced_filter_from_extensions(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> None:
    functions = todo_functions({})
    sdl_config = replace(
        todo_config,
        resolvers=(
            *todo_config.resolvers,
            ResolverSpec("Subscription", "onCreateTodo", "UNIT", "NONE", None, None),
        ),
    )
    functions["Subscription.onCreateTodo"] = lambda call: FieldOutcome(
        None,
        [],
        {
            "subscriptionFilter": {
                "filterGroup": [
                    {"filters": [{"fieldName": "name", "operator": "beginsWith", "value": "M"}]}
                ]
            }
        },
    )
    client = await aiohttp_client(
        create_app(StateHolder(make_state(sdl_config, FakeRunner(functions))))
    )
    ws = await _connect(client, KEY_HEADERS)
    await _receive(ws)
    await _start(ws, "s", "subscription { onCreateTodo { id name } }", KEY_HEADERS)
    await _create(client, "t1", "Eggs")
    await _create(client, "t2", "Milk")
    message = await _receive(ws)
    assert message["payload"] == {"data": {"onCreateTodo": {"id": "t2", "name": "Milk"}}}
    await ws.close()


async def test_realtime_unauthorized_connection(todo_client: TestClient[Any, Any]) -> None:
    ws = await todo_client.ws_connect(
        f"/graphql/realtime?header={_header_param({'x-api-key': 'bad'})}", protocols=("graphql-ws",)
    )
    message = await _receive(ws)
    assert message == {
        "type": "connection_error",
        "payload": {
            "errors": [
                {
                    "errorType": "UnauthorizedException",
                    "errorCode": 401,
                    "message": "You are not authorized to make this call.",
                }
            ]
        },
    }
    await ws.close()


async def test_realtime_unauthorized_subscription(todo_client: TestClient[Any, Any]) -> None:
    ws = await _connect(todo_client, KEY_HEADERS)
    await _receive(ws)
    message = await _start(ws, "s", "subscription { onCreateTodo { id } }", {"x-api-key": "bad"})
    assert message == {
        "type": "error",
        "id": "s",
        "payload": {
            "errors": [
                {
                    "message": "You are not authorized to make this call.",
                    "errorType": "UnauthorizedException",
                }
            ]
        },
    }
    await ws.close()


async def test_realtime_invalid_subscription_document(todo_client: TestClient[Any, Any]) -> None:
    ws = await _connect(todo_client, KEY_HEADERS)
    await _receive(ws)
    message = await _start(ws, "s", "subscription { nope }", KEY_HEADERS)
    assert message["type"] == "error"
    assert (
        message["payload"]["errors"][0]["message"]
        == "Cannot query field 'nope' on type 'Subscription'."
    )
    await ws.close()


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [("eq", "a", True), ("ne", "a", False), ("in", ["a", "b"], True), ("notIn", ["a"], False),
     ("contains", "a", True), ("beginsWith", "b", False), ("between", ["a", "b"], True),
     ("attributeExists", True, True), ("gt", "a", False)],
    ids=lambda v: str(v),
)  # fmt: skip
def test_matches_filter_operators(operator: str, value: Any, expected: bool) -> None:
    spec = {
        "filterGroup": [{"filters": [{"fieldName": "f", "operator": operator, "value": value}]}]
    }
    assert matches_filter(spec, {"f": "a"}) is expected


def test_matches_filter_groups_are_ored() -> None:
    spec = {"filterGroup": [
        {"filters": [{"fieldName": "a", "operator": "eq", "value": 1},
                     {"fieldName": "b", "operator": "eq", "value": 2}]},
        {"filters": [{"fieldName": "c", "operator": "eq", "value": 3}]},
    ]}  # fmt: skip
    assert matches_filter(spec, {"a": 1, "b": 2}) is True
    assert matches_filter(spec, {"a": 1, "b": 3}) is False
    assert matches_filter(spec, {"c": 3}) is True


async def test_realtime_headers_in_subprotocol(todo_client: TestClient[Any, Any]) -> None:
    encoded = base64.urlsafe_b64encode(json.dumps(KEY_HEADERS).encode()).decode().rstrip("=")
    ws = await todo_client.ws_connect(
        "/graphql/realtime", protocols=("graphql-ws", f"header-{encoded}")
    )
    await ws.send_json({"type": "connection_init"})
    assert (await _receive(ws))["type"] == "connection_ack"
    await ws.close()


async def test_realtime_events_arrive_in_mutation_order(todo_client: TestClient[Any, Any]) -> None:
    ws = await _connect(todo_client, KEY_HEADERS)
    await _receive(ws)
    await _start(ws, "s", "subscription { onCreateTodo { id } }", KEY_HEADERS)
    for i in range(5):
        await _create(todo_client, f"t{i}", "n")
    received = [(await _receive(ws))["payload"]["data"]["onCreateTodo"]["id"] for _ in range(5)]
    assert received == [f"t{i}" for i in range(5)]
    await ws.close()


async def test_realtime_unknown_message_type_is_an_error(
    todo_client: TestClient[Any, Any],
) -> None:
    ws = await _connect(todo_client, KEY_HEADERS)
    await _receive(ws)
    await ws.send_json({"type": "nope", "id": "x"})
    message = await _receive(ws)
    assert message == {
        "type": "error",
        "id": "x",
        "payload": {
            "errors": [
                {
                    "errorType": "UnsupportedOperation",
                    "message": "nope not supported through the realtime channel",
                }
            ]
        },
    }
    await ws.close()
