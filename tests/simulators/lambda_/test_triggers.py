"""Triggers: DynamoDB stream batches, S3 events and Lambda authorizers, with real functions."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store
from amplify_mock.simulators.lambda_ import LambdaRunner
from amplify_mock.simulators.lambda_.authorizer import (
    AuthorizerVerdict,
    authorizer_event,
    invoke_authorizer,
)
from amplify_mock.simulators.lambda_.s3_events import dispatch_s3_event
from amplify_mock.simulators.lambda_.streams import (
    DynamoDBStreamTrigger,
    find_stream_triggers,
    poll_stream,
    run_stream_trigger,
    to_lambda_record,
)
from tests.simulators.lambda_.project import add_function

ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/TodoTable/stream/2024-01-01T00:00:00.000"

#: Returns what it saw, so the test can read each batch from the invocation results.
RECORDER = (
    "exports.handler = async (event) => event.Records.map((r) => ({\n"
    "  eventName: r.eventName, source: r.eventSource, version: r.eventVersion,\n"
    "  arn: r.eventSourceARN, region: r.awsRegion,\n"
    "  id: r.dynamodb.Keys.id.S,\n"
    "  newName: r.dynamodb.NewImage ? r.dynamodb.NewImage.name.S : null,\n"
    "  oldName: r.dynamodb.OldImage ? r.dynamodb.OldImage.name.S : null,\n"
    "  view: r.dynamodb.StreamViewType, seq: r.dynamodb.SequenceNumber,\n"
    "}));\n"
)

EVENT_SOURCE_MAPPING = {
    "LambdaEventSourceMappingTodo": {
        "Type": "AWS::Lambda::EventSourceMapping",
        "Properties": {
            "BatchSize": 2,
            "Enabled": True,
            "EventSourceArn": {
                "Fn::ImportValue": {
                    "Fn::Sub": "${apidemoapiGraphQLAPIIdOutput}:GetAtt:TodoTable:StreamArn"
                }
            },
            "FunctionName": {"Fn::GetAtt": ["LambdaFunction", "Arn"]},
            "StartingPosition": "LATEST",
        },
    }
}


def stream_record(
    event_name: str,
    keys: dict[str, Any],
    sequence_number: int,
    *,
    new_image: dict[str, Any] | None = None,
    old_image: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A NEW_AND_OLD_IMAGES record in DynamoDB Streams' `GetRecords` shape."""
    dynamodb: dict[str, Any] = {
        "ApproximateCreationDateTime": int(time.time()),
        "Keys": keys,
        "SequenceNumber": str(sequence_number),
        "SizeBytes": sum(len(json.dumps(i)) for i in (keys, new_image, old_image) if i),
        "StreamViewType": "NEW_AND_OLD_IMAGES",
    }
    if new_image is not None:
        dynamodb["NewImage"] = new_image
    if old_image is not None:
        dynamodb["OldImage"] = old_image
    return {
        "eventID": uuid.uuid4().hex,
        "eventName": event_name,
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-fake-1",
        "dynamodb": dynamodb,
    }


def todo_records() -> list[dict[str, Any]]:
    key = {"id": {"S": "t1"}}
    return [
        stream_record("INSERT", key, 1, new_image={**key, "name": {"S": "a"}}),
        stream_record(
            "MODIFY",
            key,
            2,
            new_image={**key, "name": {"S": "b"}},
            old_image={**key, "name": {"S": "a"}},
        ),
        stream_record("REMOVE", key, 3, old_image={**key, "name": {"S": "b"}}),
    ]


def test_find_stream_triggers_reads_event_source_mappings(project: Path) -> None:
    add_function(
        project, "onTodo", {"src/index.js": RECORDER}, extra_resources=EVENT_SOURCE_MAPPING
    )
    add_function(project, "other", {"src/index.js": RECORDER})
    (trigger,) = find_stream_triggers(project)
    assert (trigger.function_name, trigger.resource_name, trigger.table) == (
        "onTodo",
        "LambdaEventSourceMappingTodo",
        "TodoTable",
    )
    assert (trigger.batch_size, trigger.starting_position, trigger.enabled) == (2, "LATEST", True)


def test_to_lambda_record_adds_event_source_arn_and_keeps_shape() -> None:
    record = todo_records()[1]
    converted = to_lambda_record(record, event_source_arn=ARN, region="us-east-1")
    assert converted["eventSourceARN"] == ARN
    assert set(converted) == {
        "eventID",
        "eventName",
        "eventVersion",
        "eventSource",
        "awsRegion",
        "dynamodb",
        "eventSourceARN",
    }
    assert set(converted["dynamodb"]) == {
        "ApproximateCreationDateTime",
        "Keys",
        "NewImage",
        "OldImage",
        "SequenceNumber",
        "SizeBytes",
        "StreamViewType",
    }
    assert (converted["eventName"], converted["eventVersion"], converted["eventSource"]) == (
        "MODIFY",
        "1.1",
        "aws:dynamodb",
    )


async def test_stream_trigger_delivers_insert_modify_remove_in_batches(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(project, "onTodo", {"src/index.js": RECORDER})
    trigger = DynamoDBStreamTrigger(
        runner, "onTodo", event_source_arn=ARN, batch_size=2, region="us-east-1"
    )
    results = await trigger.deliver({"Records": todo_records()})
    assert [[(r["eventName"], r["newName"], r["oldName"]) for r in batch] for batch in results] == [
        [("INSERT", "a", None), ("MODIFY", "b", "a")],
        [("REMOVE", None, "b")],
    ]
    first = results[0][0]
    assert (first["source"], first["version"], first["arn"], first["region"]) == (
        "aws:dynamodb",
        "1.1",
        ARN,
        "us-fake-1",
    )


async def test_stream_trigger_consume_batches_waiting_single_records(project: Path) -> None:
    add_function(project, "onTodo", {"src/index.js": RECORDER})
    seen: list[list[str]] = []

    class Recorder:
        async def invoke(self, function_name: str, payload: Any) -> Any:
            seen.append([r["eventName"] for r in payload["Records"]])

    async def source() -> AsyncIterator[dict[str, Any]]:
        for record in todo_records():
            yield record

    trigger = DynamoDBStreamTrigger(Recorder(), "onTodo", event_source_arn=ARN, batch_size=2)
    await trigger.consume(source())
    assert [name for batch in seen for name in batch] == ["INSERT", "MODIFY", "REMOVE"]
    assert all(1 <= len(batch) <= 2 for batch in seen)


async def test_stream_trigger_records_failures_and_continues(
    runner: LambdaRunner, project: Path
) -> None:
    source = (
        "exports.handler = async (event) => {\n"
        "  if (event.Records[0].eventName === 'INSERT') throw new Error('cannot insert');\n"
        "  return event.Records.length;\n"
        "};\n"
    )
    add_function(project, "onTodo", {"src/index.js": source})
    trigger = DynamoDBStreamTrigger(runner, "onTodo", event_source_arn=ARN, batch_size=1)
    assert await trigger.deliver(todo_records()) == [None, 1, 1]
    assert [f.message for f in trigger.failures] == ["cannot insert"]


async def test_stream_trigger_with_store_stream_sees_all_changes(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(project, "onTodo", {"src/index.js": RECORDER})
    with Store.open(None) as store:
        client = StoreClient(store)
        table = await client.call(
            "CreateTable",
            {
                "TableName": "TodoTable",
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "BillingMode": "PAY_PER_REQUEST",
                "StreamSpecification": {
                    "StreamEnabled": True,
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                },
            },
        )
        stream_arn = table["TableDescription"]["LatestStreamArn"]
        pages = poll_stream(client, stream_arn, iterator_type="TRIM_HORIZON", interval=0.01)
        trigger = DynamoDBStreamTrigger(runner, "onTodo", event_source_arn=stream_arn, batch_size=2)
        item = {"id": {"S": "t1"}, "name": {"S": "a"}}
        await client.call("PutItem", {"TableName": "TodoTable", "Item": item})
        await client.call(
            "PutItem", {"TableName": "TodoTable", "Item": {**item, "name": {"S": "b"}}}
        )
        await client.call("DeleteItem", {"TableName": "TodoTable", "Key": {"id": {"S": "t1"}}})
        page = await asyncio.wait_for(anext(pages), 10)
        await pages.aclose()
        results = await trigger.deliver(page)
    flat = [(r["eventName"], r["newName"], r["oldName"], r["arn"]) for b in results for r in b]
    assert flat == [
        ("INSERT", "a", None, stream_arn),
        ("MODIFY", "b", "a", stream_arn),
        ("REMOVE", None, "b", stream_arn),
    ]
    assert [len(batch) for batch in results] == [2, 1]


async def test_dispatch_s3_event_invokes_trigger_with_event(
    runner: LambdaRunner, project: Path, tmp_path: Path
) -> None:
    source = "exports.handler = async (event) => event.Records[0].s3.object.key;\n"
    add_function(project, "onUpload", {"src/index.js": source})
    event = {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Put",
                "s3": {"bucket": {"name": "files-dev"}, "object": {"key": "public/a.txt"}},
            }
        ]
    }
    assert await dispatch_s3_event(runner, "onUpload", event) == "public/a.txt"


async def test_dispatch_s3_event_failure_returns_none(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "onUpload", {"src/index.js": "exports.handler = async () => { x(); };"})
    assert await dispatch_s3_event(runner, "onUpload", {"Records": []}) is None


AUTHORIZER = (
    "exports.handler = async (event) => ({\n"
    "  isAuthorized: event.authorizationToken === 'letmein',\n"
    "  resolverContext: { user: 'u1', query: event.requestContext.queryString },\n"
    "  deniedFields: ['Mutation.deleteTodo'],\n"
    "  ttlOverride: 10,\n"
    "});\n"
)


async def test_lambda_authorizer_allows_with_context(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "auth", {"src/index.js": AUTHORIZER})
    event = authorizer_event(
        "letmein", api_id="api1", account_id="123456789012", query_string="{ listTodos }"
    )
    assert await invoke_authorizer(runner, "auth", event) == AuthorizerVerdict(
        is_authorized=True,
        resolver_context={"user": "u1", "query": "{ listTodos }"},
        denied_fields=("Mutation.deleteTodo",),
        ttl_override=10,
    )


async def test_lambda_authorizer_denies_wrong_token(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "auth", {"src/index.js": AUTHORIZER})
    event = authorizer_event("nope", api_id="a", account_id="1", query_string="{ x }")
    verdict = await invoke_authorizer(runner, "auth", event)
    assert (verdict.is_authorized, verdict.reason) == (False, "authorizer denied the request")


async def test_lambda_authorizer_error_denies(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "auth", {"src/index.js": "exports.handler = async () => 'yes';"})
    event = authorizer_event("t", api_id="a", account_id="1", query_string="{ x }")
    verdict = await invoke_authorizer(runner, "auth", event)
    assert verdict == AuthorizerVerdict(
        False, reason="authorizer response has no boolean isAuthorized"
    )


async def test_run_stream_trigger_invokes_function_for_table_changes(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(
        project, "onTodo", {"src/index.js": RECORDER}, extra_resources=EVENT_SOURCE_MAPPING
    )
    (config,) = find_stream_triggers(project)
    batches: list[list[str]] = []

    class Recording:
        async def invoke(self, function_name: str, payload: Any) -> Any:
            result = await runner.invoke(function_name, payload)
            batches.append([r["eventName"] for r in result])
            return result

    with Store.open(None) as store:
        client = StoreClient(store)
        await client.call(
            "CreateTable",
            {
                "TableName": "TodoTable",
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "BillingMode": "PAY_PER_REQUEST",
                "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
            },
        )
        from_start = dataclasses.replace(config, starting_position="TRIM_HORIZON")
        task = asyncio.create_task(
            run_stream_trigger(Recording(), client, from_start, interval=0.01)
        )
        for n in range(3):
            item = {"id": {"S": f"t{n}"}, "name": {"S": "x"}}
            await client.call("PutItem", {"TableName": "TodoTable", "Item": item})
        deadline = time.monotonic() + 30
        while sum(len(b) for b in batches) < 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert [name for batch in batches for name in batch] == ["INSERT"] * 3
    assert all(len(batch) <= 2 for batch in batches)


async def test_node_context_fail_is_an_error(runner: LambdaRunner, project: Path) -> None:
    source = "exports.handler = (e, context) => { context.fail(new Error('failed here')); };"
    add_function(project, "fn", {"src/index.js": source})
    outcome = await runner.invoke_detailed("fn", {})
    assert outcome.error is not None
    assert outcome.error["errorMessage"] == "failed here"
