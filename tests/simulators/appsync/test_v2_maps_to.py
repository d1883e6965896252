"""@mapsTo with relations served: a model renamed over its old table (`Article` stored as
`Post`) reads and writes the foreign keys its relations stored under the old name, through the
field-mapping slots and the in-process field-mapping Lambda. The scenario is the v2 corpus'
MapsToTransformer test (recorded against AppSync): data written by the old schema's build
(`peer-maps-to`), then served by the renamed schema's build (`mapsto-relations`) over the same
tables, as a redeploy does."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync.app import create_app
from amplify_mock.simulators.appsync.field_mapping import map_arguments
from amplify_mock.simulators.appsync.loader import load_api_config
from amplify_mock.simulators.appsync.state import StateHolder, build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store
from resolvers.data_sources.lambda_ import LambdaInvokeError

from .conftest import API_KEY

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
V2_GOLDEN = Path(__file__).parents[2] / "transformer" / "v2" / "golden"
MAP = {"articleCommentsId": "postCommentsId"}


@pytest.fixture
async def store_client() -> AsyncIterator[StoreClient]:
    store = Store.open(None)
    yield StoreClient(store)
    store.close()


async def _client(
    aiohttp_client: ClientFactory, case: str, store: StoreClient
) -> TestClient[Any, Any]:
    factory = data_source_factory(dynamodb_client=store)
    state = build_api_state(
        V2_GOLDEN / case / "build", data_source_factory=factory, api_key=API_KEY
    )
    await ensure_tables(store, state.config)
    return await aiohttp_client(create_app(StateHolder(state)))


async def _post(client: TestClient[Any, Any], query: str) -> Any:
    response = await client.post("/graphql", json={"query": query}, headers={"x-api-key": API_KEY})
    return await response.json()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            {"filter": {"articleCommentsId": {"eq": "p1"}, "message": {"beginsWith": "h"}}},
            {"filter": {"message": {"beginsWith": "h"}, "postCommentsId": {"eq": "p1"}}},
        ),
        (
            {"filter": {"or": [{"articleCommentsId": {"eq": "a"}},
                               {"and": [{"articleCommentsId": {"beginsWith": "p"}}]}]}},
            {"filter": {"or": [{"postCommentsId": {"eq": "a"}},
                               {"and": [{"postCommentsId": {"beginsWith": "p"}}]}]}},
        ),
        (
            {"input": {"id": "c"}, "condition": {"not": {"articleCommentsId": {"eq": "x"}}}},
            {"input": {"id": "c"}, "condition": {"not": {"postCommentsId": {"eq": "x"}}}},
        ),
        (
            {"sort": [{"field": "articleCommentsId", "direction": "asc"}, {"field": "id"}]},
            {"sort": [{"field": "postCommentsId", "direction": "asc"}, {"field": "id"}]},
        ),
        ({"limit": 5}, {"limit": 5}),
    ],
    ids=["filter", "nested-or-and", "condition-not", "sort", "no-filter"],
)  # fmt: skip
def test_field_mapping_lambda_renames_filter_condition_and_sort_keys(
    args: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert map_arguments(args, MAP) == expected


@pytest.mark.parametrize(
    ("args", "field_map", "error_type", "message"),
    [
        (None, MAP, "Error", "Event did not specify GraphQL input arguments"),
        ({"filter": {}}, None, "Error", "Event did not specify field mappings"),
        (
            {"filter": {"message": None}},
            MAP,
            "TypeError",
            "Cannot convert undefined or null to object",
        ),
    ],
    ids=["no-args", "no-field-map", "null-in-filter"],
)
def test_field_mapping_lambda_fails_as_the_function_does(
    args: Any, field_map: Any, error_type: str, message: str
) -> None:
    with pytest.raises(LambdaInvokeError) as caught:
        map_arguments(args, field_map)
    assert (caught.value.error_type, caught.value.message) == (error_type, message)


def test_field_mapping_lambda_is_handled_not_reported_unsupported() -> None:
    config = load_api_config(V2_GOLDEN / "mapsto-relations" / "build")
    assert config.unsupported_resource_types == ()
    source = next(d for d in config.data_sources if d.type == "AWS_LAMBDA")
    assert source.name == "MapsToFieldMappingLambdaDataSource"


async def test_renamed_model_serves_foreign_keys_stored_under_the_old_name(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    old = await _client(aiohttp_client, "peer-maps-to", store_client)
    written = await _post(
        old,
        'mutation { p1: createPost(input: {id: "post1", title: "test post 1"}) { id } '
        'c1: createComment(input: {message: "test comment 1", postCommentsId: "post1", '
        'id: "comment1"}) { id } '
        'p2: createPost(input: {id: "post2", title: "test post 2"}) { id } '
        'c2: createComment(input: {message: "test comment 2", postCommentsId: "post2", '
        'id: "comment2"}) { id } }',
    )
    assert "errors" not in written, written
    new = await _client(aiohttp_client, "mapsto-relations", store_client)
    listed = await _post(
        new,
        "{ listArticles { items { id title "
        "comments { items { id message articleCommentsId } } } } }",
    )
    items = sorted(listed["data"]["listArticles"]["items"], key=lambda i: i["id"])
    assert items == [
        {"id": "post1", "title": "test post 1", "comments": {"items": [
            {"id": "comment1", "message": "test comment 1", "articleCommentsId": "post1"}]}},
        {"id": "post2", "title": "test post 2", "comments": {"items": [
            {"id": "comment2", "message": "test comment 2", "articleCommentsId": "post2"}]}},
    ]  # fmt: skip
    filtered = await _post(
        new,
        '{ listComments(filter: {articleCommentsId: {eq: "post2"}}) '
        "{ items { id articleCommentsId } } }",
    )
    assert filtered == {
        "data": {"listComments": {"items": [{"id": "comment2", "articleCommentsId": "post2"}]}}
    }
    created = await _post(
        new,
        'mutation { createComment(input: {articleCommentsId: "post1", id: "comment3", '
        'message: "test comment 3"}) { id articleCommentsId } }',
    )
    assert created == {"data": {"createComment": {"id": "comment3", "articleCommentsId": "post1"}}}
    refused = await _post(
        new,
        'mutation { updateComment(input: {id: "comment2", articleCommentsId: "post1"}, '
        'condition: {articleCommentsId: {eq: "thisIsWrong"}}) { id } }',
    )
    assert refused["errors"][0]["errorType"] == "DynamoDB:ConditionalCheckFailedException"
    moved = await _post(
        new,
        'mutation { updateComment(input: {id: "comment2", articleCommentsId: "post1"}, '
        'condition: {articleCommentsId: {eq: "post2"}}) { id articleCommentsId } }',
    )
    assert moved == {"data": {"updateComment": {"id": "comment2", "articleCommentsId": "post1"}}}
    article = await _post(new, '{ getArticle(id: "post1") { comments { items { id } } } }')
    ids = sorted(i["id"] for i in article["data"]["getArticle"]["comments"]["items"])
    assert ids == ["comment1", "comment2", "comment3"]
    stored = await store_client.call("Scan", {"TableName": _comment_table()})
    assert {"postCommentsId"} <= set(stored["Items"][0]) and all(
        "articleCommentsId" not in item for item in stored["Items"]
    )


def _comment_table() -> str:
    config = load_api_config(V2_GOLDEN / "mapsto-relations" / "build")
    return next(t.name for t in config.tables if t.name.startswith("Comment"))
