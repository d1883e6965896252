"""Invalid realtime messages get an `error` message on an open socket; slow clients are cut."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse, WSMsgType
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from amplify_mock.simulators.appsync.app import HUB, create_app
from amplify_mock.simulators.appsync.config import ApiConfig
from amplify_mock.simulators.appsync.realtime import SLOW_CONSUMER_CLOSE
from amplify_mock.simulators.appsync.state import StateHolder
from amplify_mock.simulators.appsync.subscriptions import MAX_BACKLOG

from .conftest import API_KEY, FakeRunner, make_state, todo_functions

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
KEY_HEADERS = {"x-api-key": API_KEY, "host": "localhost"}
SUBSCRIPTION = "subscription { onCreateTodo { id name } }"
TIMEOUT = 5.0


@pytest.fixture
async def client(aiohttp_client: ClientFactory, todo_config: ApiConfig) -> TestClient[Any, Any]:
    runner = FakeRunner(todo_functions({}))
    return await aiohttp_client(create_app(StateHolder(make_state(todo_config, runner))))


async def _connect(client: TestClient[Any, Any]) -> ClientWebSocketResponse:
    header = base64.b64encode(json.dumps(KEY_HEADERS).encode()).decode()
    ws = await client.ws_connect(
        f"/graphql/realtime?header={header}&payload=e30=", protocols=("graphql-ws",)
    )
    await ws.send_json({"type": "connection_init"})
    assert (await _receive(ws))["type"] == "connection_ack"
    return ws


async def _receive(ws: ClientWebSocketResponse) -> dict[str, Any]:
    while True:
        msg = await asyncio.wait_for(ws.receive(), TIMEOUT)
        assert msg.type is WSMsgType.TEXT, msg
        data: dict[str, Any] = json.loads(msg.data)
        if data.get("type") != "ka":
            return data


def _start(payload: Any, sub_id: Any = "s1") -> str:
    return json.dumps({"id": sub_id, "type": "start", "payload": payload})


def _valid_payload(**data: Any) -> dict[str, Any]:
    request = {"query": SUBSCRIPTION, "variables": {}, **data}
    return {"data": json.dumps(request), "extensions": {"authorization": KEY_HEADERS}}


async def _still_serves(ws: ClientWebSocketResponse, sub_id: str = "ok") -> None:
    await ws.send_str(_start(_valid_payload(), sub_id))
    assert await _receive(ws) == {"type": "start_ack", "id": sub_id, "payload": {}}


def _bad_request(message: str, sub_id: str = "s1") -> dict[str, Any]:
    return {
        "type": "error",
        "id": sub_id,
        "payload": {"errors": [{"errorType": "BadRequestException", "message": message}]},
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_start("x"), _bad_request("Invalid start message: payload must be an object")),
        (_start([1]), _bad_request("Invalid start message: payload must be an object")),
        (
            _start({"data": {"query": SUBSCRIPTION}}),
            _bad_request("Invalid start message: payload.data must be a JSON string"),
        ),
        (
            _start({**_valid_payload(), "extensions": "x"}),
            _bad_request("Invalid start message: payload.extensions must be an object"),
        ),
        (
            _start({**_valid_payload(), "extensions": {"authorization": [1]}}),
            _bad_request("Invalid start message: authorization must be an object"),
        ),
        (
            _start(_valid_payload(query=1)),
            _bad_request("Invalid subscription request: query must be a string"),
        ),
        (
            _start(_valid_payload(variables="x")),
            _bad_request("Invalid subscription request: variables must be an object"),
        ),
        (
            _start(_valid_payload(variables=[1])),
            _bad_request("Invalid subscription request: variables must be an object"),
        ),
        (
            _start(_valid_payload(operationName=["A"])),
            _bad_request("Invalid subscription request: operationName must be a string"),
        ),
        (
            _start(_valid_payload(), sub_id=5),
            _bad_request("Invalid start message: id must be a non-empty string", ""),
        ),
        ("[1, 2]", _bad_request("Invalid message: not a JSON object", "")),
        ("{", _bad_request("Invalid message: not JSON", "")),
        ("[" * 5000 + "]" * 5000, _bad_request("Invalid message: nested too deeply", "")),
        (
            json.dumps({"type": "stop", "id": {"a": 1}}),
            _bad_request("Invalid stop message: id must be a string", ""),
        ),
    ],
    ids=[
        "payload-string",
        "payload-list",
        "data-object",
        "extensions-string",
        "authorization-list",
        "query-number",
        "variables-string",
        "variables-list",
        "operationName-list",
        "id-number",
        "message-list",
        "not-json",
        "deep-json",
        "stop-id-object",
    ],
)
async def test_realtime_invalid_message_is_an_error_message(
    client: TestClient[Any, Any], text: str, expected: dict[str, Any]
) -> None:
    ws = await _connect(client)
    await ws.send_str(text)
    assert await _receive(ws) == expected
    await _still_serves(ws)
    await ws.close()


async def test_realtime_slow_consumer_is_disconnected(client: TestClient[Any, Any]) -> None:
    ws = await _connect(client)
    await ws.send_str(_start(_valid_payload()))
    assert await _receive(ws) == {"type": "start_ack", "id": "s1", "payload": {}}
    hub = client.server.app[HUB]  # type: ignore[union-attr]
    name = "x" * 10_000
    published = 0
    # the client reads nothing: socket buffers fill, then the backlog, then the cut
    while hub.subscribers.get("onCreateTodo") and published < 100 * MAX_BACKLOG:
        for _ in range(100):
            hub.publish("onCreateTodo", {"id": str(published), "name": name})
            published += 1
        await asyncio.sleep(0.001)
    assert not hub.subscribers.get("onCreateTodo")
    last: Any = None
    while True:
        msg = await asyncio.wait_for(ws.receive(), TIMEOUT)
        if msg.type is not WSMsgType.TEXT:
            break
        last = json.loads(msg.data)
    assert msg.type is WSMsgType.CLOSE
    assert msg.data == SLOW_CONSUMER_CLOSE
    assert last == {
        "type": "connection_error",
        "payload": {
            "errors": [
                {
                    "errorType": "LimitExceededError",
                    "message": "Client is not reading its messages fast enough.",
                }
            ]
        },
    }


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=12,
)
start_messages = st.fixed_dictionaries(
    {"type": st.sampled_from(["start", "stop", "connection_init", "nope"])},
    optional={
        "id": json_values,
        "payload": st.one_of(
            json_values,
            st.fixed_dictionaries(
                {},
                optional={
                    "data": st.one_of(
                        json_values,
                        json_values.map(json.dumps),
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "query": st.one_of(json_values, st.just(SUBSCRIPTION)),
                                "variables": json_values,
                                "operationName": json_values,
                            },
                        ).map(json.dumps),
                    ),
                    "extensions": st.one_of(
                        json_values,
                        st.fixed_dictionaries({"authorization": json_values}),
                    ),
                },
            ),
        ),
    },
).map(json.dumps)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.one_of(start_messages, st.text(max_size=50)))
@example(text=_start({"data": 1}))
@example(text=_start(_valid_payload(variables="x")))
@example(text=_start({**_valid_payload(), "extensions": {"authorization": "x"}}))
async def test_realtime_property_socket_survives_any_message(
    client: TestClient[Any, Any], text: str
) -> None:
    ws = await _connect(client)
    await ws.send_str(text)
    await ws.send_str(_start(_valid_payload(), "probe"))
    while (message := await _receive(ws)) != {"type": "start_ack", "id": "probe", "payload": {}}:
        assert message["type"] in {"error", "connection_ack", "complete", "start_ack"}
        if message["type"] == "error":
            assert all(set(e) >= {"message"} for e in message["payload"]["errors"])
    await ws.close()
