"""The console's JSON API: traces, tables and buckets through the API's stores, typed errors."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
from amplify_mock.simulators.appsync.dashboard import DashboardServices, reload_event
from amplify_mock.simulators.appsync.state import StateHolder, build_api_state
from amplify_mock.simulators.appsync.tracing import Tracer, traced_runner
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store
from amplify_mock.simulators.s3.state import EventDispatcher, S3Settings, S3State
from amplify_mock.simulators.s3.storage import ObjectStore

from .conftest import API_KEY

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
V2_TODO = Path(__file__).parents[2] / "transformer" / "v2" / "golden" / "serve-todo" / "build"
KEY = {"x-api-key": API_KEY}


@pytest.fixture
async def store_client() -> AsyncIterator[StoreClient]:
    store = Store.open(None)
    yield StoreClient(store)
    store.close()


async def _client(
    aiohttp_client: ClientFactory,
    build: Path,
    store: StoreClient,
    services: DashboardServices,
) -> TestClient[Any, Any]:
    state = build_api_state(
        build,
        data_source_factory=data_source_factory(dynamodb_client=store),
        api_key=API_KEY,
        runner=traced_runner,
    )
    await ensure_tables(store, state.config)
    services.dynamodb = store
    options = EndpointOptions(tracer=services.tracer, dashboard=services)
    return await aiohttp_client(create_app(StateHolder(state), options=options))


async def _post(client: TestClient[Any, Any], query: str) -> Any:
    response = await client.post("/graphql", json={"query": query}, headers=KEY)
    return await response.json()


async def _todo_table(client: TestClient[Any, Any]) -> str:
    response = await client.get("/console/api/tables")
    assert response.status == 200
    tables = (await response.json())["Tables"]
    (todo,) = [t for t in tables if t["TableName"].startswith("Todo")]
    assert todo["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    return str(todo["TableName"])


async def test_an_item_edited_in_the_table_browser_is_what_the_next_query_returns(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, V2_TODO, store_client, DashboardServices())
    await _post(client, 'mutation { createTodo(input: {id: "t1", name: "Milk"}) { id } }')
    table = await _todo_table(client)
    scanned = await (await client.post(f"/console/api/tables/{table}/scan", json={})).json()
    (item,) = scanned["Items"]
    assert item["name"] == "Milk" and item["__typename"] == "Todo"
    item["name"] = "Oat milk"
    put = await client.put(f"/console/api/tables/{table}/items", json=item)
    assert put.status == 200 and (await put.json())["Item"]["name"] == "Oat milk"
    got = await _post(client, '{ getTodo(id: "t1") { id name } }')
    assert got == {"data": {"getTodo": {"id": "t1", "name": "Oat milk"}}}
    queried = await client.post(
        f"/console/api/tables/{table}/query",
        json={"partitionKey": {"name": "id", "value": "t1"}},
    )
    assert [i["name"] for i in (await queried.json())["Items"]] == ["Oat milk"]
    deleted = await client.delete(f"/console/api/tables/{table}/items", json={"id": "t1"})
    assert (await deleted.json())["Attributes"]["name"] == "Oat milk"
    assert await _post(client, '{ getTodo(id: "t1") { id } }') == {"data": {"getTodo": None}}


async def test_table_errors_are_in_dynamodbs_shape(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, V2_TODO, store_client, DashboardServices())
    missing = await client.post("/console/api/tables/Nope/scan", json={})
    assert missing.status == 400
    assert await missing.json() == {
        "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        "message": "Requested resource not found: Table: Nope not found",
    }
    table = await _todo_table(client)
    not_json = await client.put(f"/console/api/tables/{table}/items", data=b"{oops")
    body = await not_json.json()
    assert not_json.status == 400
    assert body["__type"] == "com.amazonaws.dynamodb.v20120810#SerializationException"
    assert body["message"].startswith("The request body is not JSON: ")
    empty = await client.put(f"/console/api/tables/{table}/items", json=[])
    assert await empty.json() == {
        "__type": "com.amazonaws.dynamodb.v20120810#ValidationException",
        "message": "The item must be a non-empty JSON object.",
    }
    bad_op = await client.post(
        f"/console/api/tables/{table}/query",
        json={
            "partitionKey": {"name": "id", "value": "x"},
            "sortKey": {"name": "id", "operator": "~", "value": "1"},
        },
    )
    assert (await bad_op.json())["message"] == (
        "Invalid KeyConditionExpression: unknown operator '~'"
    )


async def test_without_storage_the_bucket_api_says_so(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, V2_TODO, store_client, DashboardServices())
    response = await client.get("/console/api/buckets")
    assert response.status == 404
    assert await response.json() == {
        "errors": [
            {
                "errorType": "NotFoundException",
                "message": "This mock runs without storage (the local S3).",
            }
        ]
    }


async def test_buckets_upload_list_download_delete_through_the_s3_store(
    aiohttp_client: ClientFactory, store_client: StoreClient, tmp_path: Path
) -> None:
    events: list[tuple[str, str, str]] = []

    async def on_event(bucket: str, name: str, key: str, size: int | None, etag: str | None):
        events.append((bucket, name, key))

    store = ObjectStore(tmp_path / "S3", ["files-dev"], clock=time.time)
    s3 = S3State(S3Settings(root=tmp_path / "S3"), store, EventDispatcher(on_event))
    client = await _client(aiohttp_client, V2_TODO, store_client, DashboardServices(s3=s3))
    assert (await (await client.get("/console/api/buckets")).json())["Buckets"][0]["Name"] == (
        "files-dev"
    )
    put = await client.put(
        "/console/api/buckets/files-dev/object?key=public/a.txt",
        data=b"hello",
        headers={"content-type": "text/plain"},
    )
    assert put.status == 200 and (await put.json())["Size"] == 5
    listed = await (
        await client.get("/console/api/buckets/files-dev/objects?prefix=public/")
    ).json()
    assert [(o["Key"], o["Size"]) for o in listed["Contents"]] == [("public/a.txt", 5)]
    got = await client.get("/console/api/buckets/files-dev/object?key=public/a.txt")
    assert await got.read() == b"hello" and got.headers["Content-Type"].startswith("text/plain")
    missing = await client.get("/console/api/buckets/files-dev/object?key=nope")
    assert missing.status == 404
    assert (await missing.json())["Error"]["Code"] == "NoSuchKey"
    no_bucket = await client.get("/console/api/buckets/other/objects")
    assert (await no_bucket.json())["Error"] == {
        "Code": "NoSuchBucket",
        "Message": "The specified bucket does not exist",
        "BucketName": "other",
    }
    deleted = await client.delete("/console/api/buckets/files-dev/object?key=public/a.txt")
    assert await deleted.json() == {"Deleted": True}
    await s3.events.drain(5)
    assert events == [
        ("files-dev", "ObjectCreated:Put", "public/a.txt"),
        ("files-dev", "ObjectRemoved:Delete", "public/a.txt"),
    ]
    store.close()


async def test_traces_are_kept_only_while_a_console_watches(
    aiohttp_client: ClientFactory, store_client: StoreClient, tmp_path: Path
) -> None:
    build = tmp_path / "build"
    shutil.copytree(V2_TODO, build)
    template = build / "resolvers" / "Query.getTodo.res.vtl"
    template.write_text('## broken on purpose\n#set($x = $util.parseJson("{bad"))\n$x\n')
    tracer = Tracer(None)
    services = DashboardServices(tracer=tracer, api_dir=tmp_path / "api")
    client = await _client(aiohttp_client, build, store_client, services)
    await _post(client, 'mutation { createTodo(input: {id: "t1", name: "Milk"}) { id } }')
    assert (await (await client.get("/console/api/traces")).json()) == {"traces": []}
    async with client.ws_connect("/console/api/events?topics=traces") as ws:
        hello = json.loads((await ws.receive()).data)
        assert hello == {"topic": "hello", "payload": ["traces"]}
        answered = await client.post(
            "/graphql", json={"query": '{ getTodo(id: "t1") { id } }'}, headers=KEY
        )
        event = json.loads((await ws.receive(timeout=10)).data)
        assert event["topic"] == "traces"
        summary = event["payload"]
        assert (summary["operationName"], summary["statusCode"], summary["errorCount"]) == (
            None,
            200,
            1,
        )
    # the id AppSync answers in x-amzn-RequestId is the logs' requestId
    assert answered.headers["x-amzn-RequestId"] == summary["requestId"]
    trace = await (await client.get(f"/console/api/traces/{summary['requestId']}")).json()
    failed = [e for e in trace["entries"] if e.get("errors")]
    location = failed[0]["errors"][0]["location"]
    assert (location["line"], location["column"]) == (2, 1)
    assert location["file"].endswith("Query.getTodo.res.vtl")
    assert location["overrideFile"] == str(tmp_path / "api" / "resolvers" / "Query.getTodo.res.vtl")
    assert [e["logType"] for e in trace["entries"][-2:]] == ["ExecutionSummary", "RequestSummary"]
    # the socket is gone: nobody reads, nothing is taken
    await _post(client, '{ getTodo(id: "t1") { id } }')
    assert len((await (await client.get("/console/api/traces")).json())["traces"]) == 1
    missing = await client.get("/console/api/traces/nope")
    assert missing.status == 404
    assert (await missing.json())["errors"][0]["message"] == (
        "No trace of request nope is kept (the last 200 are)."
    )


def test_reload_event_names_the_location_of_the_error() -> None:
    error = 'amplify/backend/api/demo/resolvers/Query.getTodo.req.vtl:3:7: Encountered "#end"'
    assert reload_event(False, "template", error) == {
        "ok": False,
        "kind": "template",
        "error": error,
        "location": {
            "file": "amplify/backend/api/demo/resolvers/Query.getTodo.req.vtl",
            "line": 3,
            "column": 7,
        },
    }
    assert reload_event(True, "schema") == {"ok": True, "kind": "schema", "error": None}
