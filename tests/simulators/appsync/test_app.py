"""Tests of POST /graphql and the other HTTP routes, on the real Todo/Blog builds."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
from amplify_mock.simulators.appsync.config import ApiConfig
from amplify_mock.simulators.appsync.execution import FieldCall, FieldOutcome
from amplify_mock.simulators.appsync.state import StateHolder
from resolvers.errors import ResolverError

from .conftest import API_KEY, FakeRunner, make_state, todo_functions, user_pool_token

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]

GET_TODO = "query($id: ID!) { getTodo(id: $id) { id name createdAt } }"
CREATE_TODO = "mutation($input: CreateTodoInput!) { createTodo(input: $input) { id name } }"


@pytest.fixture
async def todo_client(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> TestClient[Any, Any]:
    runner = FakeRunner(
        todo_functions(
            {"t1": {"id": "t1", "name": "Milk", "createdAt": "2024-01-01T00:00:00.000Z"}}
        )
    )
    return await aiohttp_client(create_app(StateHolder(make_state(todo_config, runner))))


async def _post(
    client: TestClient[Any, Any],
    query: str,
    variables: dict[str, Any] | None = None,
    **headers: str,
) -> tuple[int, Any]:
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    return response.status, await response.json()


async def test_graphql_api_key_query(todo_client: TestClient[Any, Any]) -> None:
    status, body = await _post(todo_client, GET_TODO, {"id": "t1"}, **{"x-api-key": API_KEY})
    assert status == 200
    assert body == {
        "data": {"getTodo": {"id": "t1", "name": "Milk", "createdAt": "2024-01-01T00:00:00.000Z"}}
    }


async def test_graphql_mutation_then_query(todo_client: TestClient[Any, Any]) -> None:
    _, created = await _post(
        todo_client, CREATE_TODO, {"input": {"id": "t2", "name": "Eggs"}}, **{"x-api-key": API_KEY}
    )
    assert created == {"data": {"createTodo": {"id": "t2", "name": "Eggs"}}}
    _, body = await _post(todo_client, GET_TODO, {"id": "t2"}, **{"x-api-key": API_KEY})
    assert body["data"]["getTodo"]["name"] == "Eggs"


async def test_graphql_missing_authorization_is_401(todo_client: TestClient[Any, Any]) -> None:
    status, body = await _post(todo_client, GET_TODO, {"id": "t1"})
    assert status == 401
    assert body == {
        "errors": [
            {
                "errorType": "UnauthorizedException",
                "message": "Valid authorization header not provided.",
            }
        ]
    }


async def test_graphql_wrong_api_key_is_401(todo_client: TestClient[Any, Any]) -> None:
    status, body = await _post(todo_client, GET_TODO, {"id": "t1"}, **{"x-api-key": "nope"})
    assert status == 401
    assert body["errors"][0]["message"] == "You are not authorized to make this call."


async def test_graphql_disabled_mode_is_401(todo_client: TestClient[Any, Any]) -> None:
    status, body = await _post(todo_client, GET_TODO, {"id": "t1"}, Authorization=user_pool_token())
    assert status == 401
    assert body["errors"][0] == {
        "errorType": "UnauthorizedException",
        "message": "Valid authorization header not provided.",
    }


async def test_graphql_get_is_a_clear_error(todo_client: TestClient[Any, Any]) -> None:
    response = await todo_client.get("/graphql")
    assert response.status == 405
    body = await response.json()
    assert body["errors"][0]["message"].startswith("GraphQL requests must be sent with POST")


async def test_graphql_invalid_json_body_is_400(todo_client: TestClient[Any, Any]) -> None:
    response = await todo_client.post("/graphql", data=b"{", headers={"x-api-key": API_KEY})
    assert response.status == 400
    assert await response.json() == {
        "errors": [
            {
                "errorType": "MalformedHttpRequestException",
                "message": "Unable to parse GraphQL query.",
            }
        ]
    }


async def test_graphql_validation_error_shape(todo_client: TestClient[Any, Any]) -> None:
    _, body = await _post(todo_client, '{ getTodo(id: "x") { nope } }', **{"x-api-key": API_KEY})
    assert body == {
        "data": None,
        "errors": [
            {
                "path": None,
                "data": None,
                "errorType": None,
                "errorInfo": None,
                "locations": [{"line": 1, "column": 22, "sourceName": None}],
                "message": "Cannot query field 'nope' on type 'Todo'. Did you mean 'name'?",
            }
        ],
    }


async def test_graphql_resolver_error_has_appsync_fields(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> None:
    def fail(call: FieldCall) -> Any:
        raise ResolverError(
            "The conditional request failed",
            error_type="DynamoDB:ConditionalCheckFailedException",
            data={"id": "t1"},
            error_info={"why": 1},
        )

    client = await aiohttp_client(
        create_app(StateHolder(make_state(todo_config, FakeRunner({"Query.getTodo": fail}))))
    )
    _, body = await _post(client, '{\n  getTodo(id: "t1") { id }\n}', **{"x-api-key": API_KEY})
    assert body == {
        "data": {"getTodo": None},
        "errors": [
            {
                "path": ["getTodo"],
                "data": {"id": "t1"},
                "errorType": "DynamoDB:ConditionalCheckFailedException",
                "errorInfo": {"why": 1},
                "locations": [{"line": 2, "column": 3, "sourceName": None}],
                "message": "The conditional request failed",
            }
        ],
    }


async def test_graphql_appended_errors_come_with_data(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> None:
    def partial(call: FieldCall) -> Any:
        return FieldOutcome({"id": "t1", "name": "x"}, [ResolverError("soft", error_type="Custom")])

    client = await aiohttp_client(
        create_app(StateHolder(make_state(todo_config, FakeRunner({"Query.getTodo": partial}))))
    )
    _, body = await _post(client, '{ getTodo(id: "t1") { id } }', **{"x-api-key": API_KEY})
    assert body["data"] == {"getTodo": {"id": "t1"}}
    assert [(e["errorType"], e["message"], e["path"]) for e in body["errors"]] == [
        ("Custom", "soft", ["getTodo"])
    ]


async def test_graphql_resolver_gets_appsync_context(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> None:
    runner = FakeRunner(todo_functions({}))
    client = await aiohttp_client(create_app(StateHolder(make_state(todo_config, runner))))
    query = "query Q($id: ID!) { getTodo(id: $id) { id ... on Todo { name } } }"
    await _post(client, query, {"id": "t9"}, **{"x-api-key": API_KEY})
    ((key, call),) = runner.calls
    assert key == "Query.getTodo"
    assert call.arguments == {"id": "t9"}
    assert call.identity is None
    assert call.request["headers"]["x-api-key"] == API_KEY
    assert call.info == {
        "fieldName": "getTodo",
        "parentTypeName": "Query",
        "variables": {"id": "t9"},
        "selectionSetList": ["id", "name"],
        "selectionSetGraphQL": "{\n  id\n  ... on Todo {\n    name\n  }\n}",
    }


async def test_graphql_invalid_scalar_output_is_a_field_error(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> None:
    runner = FakeRunner({"Query.getTodo": lambda call: {"id": "t1", "createdAt": "yesterday"}})
    client = await aiohttp_client(create_app(StateHolder(make_state(todo_config, runner))))
    _, body = await _post(
        client, '{ getTodo(id: "t1") { id createdAt } }', **{"x-api-key": API_KEY}
    )
    assert body["errors"][0]["message"] == 'Invalid value for AWSDateTime: "yesterday"'
    assert body["errors"][0]["path"] == ["getTodo", "createdAt"]


async def test_graphql_subscription_over_http_is_refused(todo_client: TestClient[Any, Any]) -> None:
    response = await todo_client.post(
        "/graphql",
        json={"query": "subscription { onCreateTodo { id } }"},
        headers={"x-api-key": API_KEY},
    )
    assert response.status == 400
    assert (await response.json())["errors"][0]["message"] == (
        "Subscription requests are only supported on the realtime endpoint /graphql/realtime"
    )


async def test_api_config_lists_auth_and_key(todo_client: TestClient[Any, Any]) -> None:
    response = await todo_client.get("/api-config")
    body = await response.json()
    assert body["apiKey"] == API_KEY
    assert body["defaultAuthenticationType"] == {"authenticationType": "API_KEY"}
    assert body["tables"] == ["TodoTable"]
    assert "type Todo" in body["schema"]["content"]


async def test_clear_data_calls_the_store(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> None:
    cleared: list[str] = []

    async def clear() -> list[str]:
        cleared.append("TodoTable")
        return ["TodoTable"]

    app = create_app(
        StateHolder(make_state(todo_config, FakeRunner({}))),
        options=EndpointOptions(clear_data=clear),
    )
    client = await aiohttp_client(app)
    response = await client.delete("/clear-data")
    assert response.status == 200
    assert await response.json() == {"message": 'Successfully deleted ["TodoTable"] tables'}
    assert cleared == ["TodoTable"]


async def test_swap_state_serves_the_new_api(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> None:
    holder = StateHolder(
        make_state(todo_config, FakeRunner({"Query.getTodo": lambda c: {"id": "old"}}))
    )
    client = await aiohttp_client(create_app(holder))
    holder.swap_state(
        make_state(todo_config, FakeRunner({"Query.getTodo": lambda c: {"id": "new"}}))
    )
    _, body = await _post(client, '{ getTodo(id: "x") { id } }', **{"x-api-key": API_KEY})
    assert body == {"data": {"getTodo": {"id": "new"}}}


async def test_cors_preflight_and_unknown_path(todo_client: TestClient[Any, Any]) -> None:
    response = await todo_client.options("/graphql")
    assert response.status == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert (await todo_client.get("/favicon.ico")).status == 404


async def test_graphql_get_is_405_method_not_allowed(todo_client: TestClient[Any, Any]) -> None:
    response = await todo_client.get("/graphql")
    assert response.status == 405
    assert await response.json() == {
        "errors": [
            {
                "errorType": "MethodNotAllowed",
                "message": "GraphQL requests must be sent with POST (JSON body). "
                "Open / for the console; subscriptions use /graphql/realtime.",
            }
        ]
    }


async def test_graphql_selection_set_list_nests_and_flattens_fragments_once(
    aiohttp_client: ClientFactory, todo_config: ApiConfig
) -> None:
    runner = FakeRunner(todo_functions({}))
    client = await aiohttp_client(create_app(StateHolder(make_state(todo_config, runner))))
    query = (
        "{ listTodos { items { id ...F ... on Todo { name id } } nextToken items { id } } } "
        "fragment F on Todo { name createdAt }"
    )
    await _post(client, query, **{"x-api-key": API_KEY})
    ((_, call),) = runner.calls
    assert call.info["selectionSetList"] == [
        "items",
        "items/id",
        "items/name",
        "items/createdAt",
        "nextToken",
    ]
