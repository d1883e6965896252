"""The endpoint serving GraphQL Transformer v2 builds (the real v2 transformer's output, kept once
in the v2 golden suite): pipelines with inline before/after templates and slots, shared
(deduplicated) functions, v2 request shapes, relations, indexes and subscription `filter`s."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse, WSMsgType
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync.app import create_app
from amplify_mock.simulators.appsync.loader import load_api_config
from amplify_mock.simulators.appsync.state import StateHolder, build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store
from resolvers.vtl import compile_template

from .conftest import API_KEY

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]

#: The real v2 transformer's builds (Gen 1 line), one copy, in the v2 golden suite.
V2_GOLDEN = Path(__file__).parents[2] / "transformer" / "v2" / "golden"
V2_BUILDS = sorted(path / "build" for path in V2_GOLDEN.iterdir() if (path / "build").is_dir())
KEY = {"x-api-key": API_KEY}


def _build(case: str) -> Path:
    return V2_GOLDEN / case / "build"


@pytest.fixture
async def store_client() -> AsyncIterator[StoreClient]:
    store = Store.open(None)
    yield StoreClient(store)
    store.close()


async def _client(
    aiohttp_client: ClientFactory, case: str, store: StoreClient
) -> TestClient[Any, Any]:
    factory = data_source_factory(dynamodb_client=store)
    state = build_api_state(_build(case), data_source_factory=factory, api_key=API_KEY)
    await ensure_tables(store, state.config)
    return await aiohttp_client(create_app(StateHolder(state)))


async def _post(
    client: TestClient[Any, Any], query: str, variables: dict[str, Any] | None = None
) -> Any:
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=KEY
    )
    return await response.json()


@pytest.mark.parametrize("build", V2_BUILDS, ids=[p.parent.name for p in V2_BUILDS])
def test_v2_build_loads_and_every_template_compiles(build: Path) -> None:
    config = load_api_config(build)
    options = json.loads((build.parent / "options.json").read_text())
    # A Gen 2 build carries the table manager (its Lambda functions and state machine), which
    # creates the Amplify-managed tables in the cloud; locally the tables are made directly.
    table_manager = {"AWS::Lambda::Function", "AWS::StepFunctions::StateMachine"}
    assert set(config.unsupported_resource_types) <= (
        table_manager if options.get("line") == "gen2" else set()
    )
    templates = [
        template
        for owner in (*config.resolvers, *config.functions)
        for template in (owner.request_template, owner.response_template)
        if template is not None
    ]
    for template in templates:
        compile_template(template.text, template.file_name)
    assert all(r.kind == "PIPELINE" for r in config.resolvers)


def test_v2_pipeline_is_before_slots_data_after_with_shared_functions() -> None:
    config = load_api_config(_build("serve-todo"))
    resolvers = {f"{r.type_name}.{r.field_name}": r for r in config.resolvers}
    create = resolvers["Mutation.createTodo"]
    assert create.kind == "PIPELINE"
    assert [f.name for f in create.functions] == [
        "MutationcreateTodoinit0Function",
        "QuerygetTodopostAuth0Function",
        "MutationCreateTodoDataResolverFn",
    ]
    assert create.request_template is not None and create.response_template is not None
    assert create.request_template.file_name == "<inline Request template>"
    # the stash values the inline before template puts: the table the data source serves
    table = next(t.name for t in config.tables)
    assert f'$ctx.stash.put("tableName", "{table}")' in create.request_template.text
    assert '$ctx.stash.put("authRole", "arn:aws:sts::' in create.request_template.text
    # deduplicated: the subscription's auth slot is getTodo's function, not a copy
    on_create = resolvers["Subscription.onCreateTodo"]
    assert on_create.functions[0] is resolvers["Query.getTodo"].functions[0]
    assert on_create.functions[0].request_template is not None
    assert on_create.functions[0].request_template.file_name == (
        "resolvers/Query.getTodo.postAuth.1.req.vtl"
    )


async def test_v2_todo_crud_through_the_pipelines(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, "serve-todo", store_client)
    created = await _post(
        client,
        'mutation { createTodo(input: {id: "t1", name: "Milk"}) { id name createdAt updatedAt } }',
    )
    todo = created["data"]["createTodo"]
    assert (todo["id"], todo["name"]) == ("t1", "Milk")
    assert todo["createdAt"] == todo["updatedAt"] and todo["createdAt"].endswith("Z")
    again = await _post(client, 'mutation { createTodo(input: {id: "t1", name: "x"}) { id } }')
    assert again["errors"][0]["errorType"] == "DynamoDB:ConditionalCheckFailedException"
    updated = await _post(
        client,
        'mutation { updateTodo(input: {id: "t1", description: "2 l"},'
        ' condition: {name: {eq: "Milk"}}) { id name description } }',
    )
    assert updated == {"data": {"updateTodo": {"id": "t1", "name": "Milk", "description": "2 l"}}}
    refused = await _post(
        client,
        'mutation { updateTodo(input: {id: "t1"}, condition: {name: {eq: "Tea"}}) { id } }',
    )
    assert refused["errors"][0]["errorType"] == "DynamoDB:ConditionalCheckFailedException"
    listed = await _post(
        client, '{ listTodos(filter: {name: {beginsWith: "Mi"}}) { items { id } nextToken } }'
    )
    assert listed == {"data": {"listTodos": {"items": [{"id": "t1"}], "nextToken": None}}}
    deleted = await _post(client, 'mutation { deleteTodo(input: {id: "t1"}) { id name } }')
    assert deleted == {"data": {"deleteTodo": {"id": "t1", "name": "Milk"}}}
    gone = await _post(client, '{ getTodo(id: "t1") { id } }')
    assert gone == {"data": {"getTodo": None}}


async def test_v2_relations_indexes_and_defaults(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, "serve-relations", store_client)
    steps = [
        'mutation { createProject(input: {id: "p1", name: "Apollo"}) { id status } }',
        'mutation { createTeam(input: {id: "t1", name: "Crew", teamProjectId: "p1"}) { id } }',
        'mutation { updateProject(input: {id: "p1", projectTeamId: "t1"}) { id } }',
        'mutation { createTask(input: {id: "k1", title: "Launch", projectTasksId: "p1"}) { id } }',
        'mutation { createTask(input: {id: "k2", title: "Land", projectTasksId: "p1"}) { id } }',
        'mutation { createTag(input: {id: "g1", label: "space"}) { id } }',
        'mutation { createProjectTags(input: {projectId: "p1", tagId: "g1"}) { id } }',
        'mutation { createNote(input: {taskID: "k1", createdOn: "2024-01-02T00:00:00Z",'
        ' text: "b"}) { id } }',
        'mutation { createNote(input: {taskID: "k1", createdOn: "2024-01-01T00:00:00Z",'
        ' text: "a"}) { id } }',
        'mutation { createCustomer(input: {email: "a@x", region: "eu", tier: "gold"}) { email } }',
    ]
    for step in steps:
        out = await _post(client, step)
        assert "errors" not in out, (step, out)
    project = await _post(
        client,
        '{ getProject(id: "p1") { name status team { name project { name } }'
        " tasks { items { id title priority } } tags { items { tag { label } } } } }",
    )
    assert project["data"]["getProject"]["status"] == "ACTIVE"
    assert project["data"]["getProject"]["team"] == {"name": "Crew", "project": {"name": "Apollo"}}
    tasks = project["data"]["getProject"]["tasks"]["items"]
    assert sorted((t["id"], t["priority"]) for t in tasks) == [("k1", 1), ("k2", 1)]
    assert project["data"]["getProject"]["tags"]["items"] == [{"tag": {"label": "space"}}]
    notes = await _post(client, '{ getTask(id: "k1") { notes { items { text } } } }')
    assert notes["data"]["getTask"]["notes"]["items"] == [{"text": "a"}, {"text": "b"}]
    by_tier = await _post(
        client, '{ customersByTier(tier: "gold") { items { email region name } } }'
    )
    assert by_tier["data"]["customersByTier"]["items"] == [
        {"email": "a@x", "region": "eu", "name": None}
    ]
    keyed = await _post(client, '{ getCustomer(email: "a@x", region: "eu") { tier } }')
    assert keyed == {"data": {"getCustomer": {"tier": "gold"}}}


# ---- subscriptions with the `filter` argument -----------------------------------------------


def _header_param(headers: dict[str, str]) -> str:
    return base64.b64encode(json.dumps(headers).encode()).decode()


async def _receive(ws: ClientWebSocketResponse, timeout: float = 5.0) -> dict[str, Any]:
    while True:
        msg = await asyncio.wait_for(ws.receive(), timeout)
        assert msg.type is WSMsgType.TEXT, msg
        data: dict[str, Any] = json.loads(msg.data)
        if data.get("type") != "ka":
            return data


async def _subscribe(client: TestClient[Any, Any], query: str) -> ClientWebSocketResponse:
    headers = {**KEY, "host": "localhost"}
    ws = await client.ws_connect(
        f"/graphql/realtime?header={_header_param(headers)}&payload=e30=",
        protocols=("graphql-ws",),
    )
    await ws.send_json({"type": "connection_init"})
    assert (await _receive(ws))["type"] == "connection_ack"
    payload = {"data": json.dumps({"query": query}), "extensions": {"authorization": headers}}
    await ws.send_json({"id": "s1", "type": "start", "payload": payload})
    assert await _receive(ws) == {"type": "start_ack", "id": "s1", "payload": {}}
    return ws


async def test_v2_subscription_filter_argument_filters_at_runtime(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, "serve-todo", store_client)
    ws = await _subscribe(
        client,
        'subscription { onCreateTodo(filter: {or: [{name: {eq: "Milk"}},'
        ' {description: {contains: "urgent"}}]}) { id name } }',
    )
    for todo_id, name, description in (
        ("t1", "Tea", "later"),
        ("t2", "Milk", "x"),
        ("t3", "Bread", "urgent!"),
    ):
        out = await _post(
            client,
            "mutation ($i: CreateTodoInput!) { createTodo(input: $i) { id name description } }",
            {"i": {"id": todo_id, "name": name, "description": description}},
        )
        assert "errors" not in out, out
    first, second = await _receive(ws), await _receive(ws)
    assert first["payload"] == {"data": {"onCreateTodo": {"id": "t2", "name": "Milk"}}}
    assert second["payload"] == {"data": {"onCreateTodo": {"id": "t3", "name": "Bread"}}}
    with pytest.raises(TimeoutError):
        await _receive(ws, timeout=0.3)
    await ws.close()


async def test_v2_subscription_invalid_filter_is_refused(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, "serve-todo", store_client)
    headers = {**KEY, "host": "localhost"}
    ws = await client.ws_connect(
        f"/graphql/realtime?header={_header_param(headers)}&payload=e30=",
        protocols=("graphql-ws",),
    )
    await ws.send_json({"type": "connection_init"})
    assert (await _receive(ws))["type"] == "connection_ack"
    query = 'subscription { onCreateTodo(filter: {name: {wrong: "x"}}) { id } }'
    payload = {"data": json.dumps({"query": query}), "extensions": {"authorization": headers}}
    await ws.send_json({"id": "s1", "type": "start", "payload": payload})
    answer = await _receive(ws)
    assert answer["type"] == "error"
    assert [e["message"] for e in answer["payload"]["errors"]] == [
        "Expected value of type 'ModelSubscriptionStringInput' not to include unknown field"
        " 'wrong', found: { wrong: \"x\" }."
    ]
    await ws.close()


async def test_v2_model_without_rules_or_sandbox_is_denied(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    """No @auth rule and no global sandbox rule: the auth slot denies every caller, as AppSync."""
    client = await _client(aiohttp_client, "serve-todo-no-sandbox", store_client)
    out = await _post(client, '{ getTodo(id: "t1") { id } }')
    assert out["data"] == {"getTodo": None}
    assert [(e["errorType"], e["message"]) for e in out["errors"]] == [
        ("Unauthorized", "Not Authorized to access getTodo on type Query")
    ]


async def test_v2_null_for_a_non_null_field_in_appsync_words(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, "serve-todo", store_client)
    await _post(client, 'mutation { createTodo(input: {id: "t1", name: "Milk"}) { id } }')
    out = await _post(client, 'mutation { updateTodo(input: {id: "t1", name: null}) { id name } }')
    assert out["data"] == {"updateTodo": None}
    assert [(e["message"], e["path"]) for e in out["errors"]] == [
        (
            "Cannot return null for non-nullable type: 'String' within parent 'Todo'"
            " (/updateTodo/name)",
            ["updateTodo", "name"],
        )
    ]
