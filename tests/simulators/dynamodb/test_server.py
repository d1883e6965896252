"""The DynamoDB JSON protocol endpoint: boto3 sessions, error shape, port selection."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import boto3
import botocore.exceptions
import pytest
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.server import (
    DynamoDBServer,
    NoFreePortError,
    create_app,
    start_server,
)


@pytest.fixture
async def server(store: Store) -> AsyncIterator[DynamoDBServer]:
    running = await start_server(store, port=0)
    yield running
    await running.stop()


def _client(service: str, url: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="fake",
        aws_secret_access_key="fake",
    )


def _session(url: str) -> dict[str, Any]:
    """A create-table / write / query / stream-read session, as a user script would run it."""
    ddb = _client("dynamodb", url)
    ddb.create_table(
        TableName="Todo",
        KeySchema=[
            {"AttributeName": "owner", "KeyType": "HASH"},
            {"AttributeName": "id", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "owner", "AttributeType": "S"},
            {"AttributeName": "id", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    ddb.get_waiter("table_exists").wait(TableName="Todo")
    for i in range(5):
        ddb.put_item(
            TableName="Todo",
            Item={"owner": {"S": "ann"}, "id": {"N": str(i)}, "blob": {"B": bytes([i, 255])}},
        )
    ddb.update_item(
        TableName="Todo",
        Key={"owner": {"S": "ann"}, "id": {"N": "1"}},
        UpdateExpression="SET done = :t",
        ExpressionAttributeValues={":t": {"BOOL": True}},
    )
    ddb.delete_item(TableName="Todo", Key={"owner": {"S": "ann"}, "id": {"N": "4"}})
    paginator = ddb.get_paginator("query")
    pages = list(
        paginator.paginate(
            TableName="Todo",
            KeyConditionExpression="#o = :o AND id > :min",
            ExpressionAttributeNames={"#o": "owner"},
            ExpressionAttributeValues={":o": {"S": "ann"}, ":min": {"N": "0"}},
            ScanIndexForward=False,
            PaginationConfig={"PageSize": 2},
        )
    )
    items = [item for page in pages for item in page["Items"]]
    try:
        ddb.put_item(
            TableName="Todo",
            Item={"owner": {"S": "ann"}, "id": {"N": "1"}},
            ConditionExpression="attribute_not_exists(id)",
        )
        conditional_error = None
    except botocore.exceptions.ClientError as err:
        conditional_error = err.response["Error"]
    streams = _client("dynamodbstreams", url)
    arn = ddb.describe_table(TableName="Todo")["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]
    iterator = streams.get_shard_iterator(
        StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
    )["ShardIterator"]
    records = streams.get_records(ShardIterator=iterator)["Records"]
    return {
        "ids": [int(i["id"]["N"]) for i in items],
        "blob": items[-1]["blob"]["B"],
        "done": items[-1].get("done"),
        "pages": len(pages),
        "conditional_error": conditional_error,
        "events": [r["eventName"] for r in records],
        "modify": records[5]["dynamodb"],
    }


async def test_server_boto3_session_create_write_query_stream(server: DynamoDBServer) -> None:
    result = await asyncio.to_thread(_session, server.url)
    assert result["ids"] == [3, 2, 1]
    assert result["blob"] == bytes([1, 255])
    assert result["done"] == {"BOOL": True}
    assert result["pages"] == 2
    assert result["conditional_error"] == {
        "Code": "ConditionalCheckFailedException",
        "Message": "The conditional request failed",
    }
    assert result["events"] == ["INSERT"] * 5 + ["MODIFY", "REMOVE"]
    assert result["modify"]["OldImage"] == {
        "owner": {"S": "ann"},
        "id": {"N": "1"},
        "blob": {"B": bytes([1, 255])},
    }
    assert result["modify"]["NewImage"]["done"] == {"BOOL": True}


async def test_server_error_body_shape(store: Store, aiohttp_client: Any) -> None:
    client: TestClient[Any, Any] = await aiohttp_client(create_app(store))
    response = await client.post(
        "/",
        data=json.dumps({"TableName": "Missing"}),
        headers={
            "X-Amz-Target": "DynamoDB_20120810.DescribeTable",
            "Content-Type": "application/x-amz-json-1.0",
        },
    )
    assert response.status == 400
    assert response.headers["Content-Type"] == "application/x-amz-json-1.0"
    assert await response.json(content_type=None) == {
        "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        "message": "Requested resource not found: Table: Missing not found",
    }


async def test_server_unknown_operation(store: Store, aiohttp_client: Any) -> None:
    client: TestClient[Any, Any] = await aiohttp_client(create_app(store))
    response = await client.post(
        "/", data="{}", headers={"X-Amz-Target": "DynamoDB_20120810.Explode"}
    )
    assert response.status == 400
    assert await response.json(content_type=None) == {
        "__type": "com.amazonaws.dynamodb.v20120810#UnknownOperationException",
        "message": "Unknown operation: Explode",
    }


async def test_server_takes_next_port_when_busy(store: Store) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        busy = blocker.getsockname()[1]
        running = await start_server(store, port=busy, attempts=20)
        try:
            assert running.port != busy
            assert busy < running.port < busy + 20
        finally:
            await running.stop()


async def test_server_no_free_port_error(store: Store) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        busy = blocker.getsockname()[1]
        with pytest.raises(NoFreePortError) as caught:
            await start_server(store, port=busy, find_free=False)
    assert caught.value.message == (
        f"No free port for the DynamoDB endpoint on 127.0.0.1 between {busy} and {busy}."
    )


async def test_server_allows_cross_origin_calls(store: Store, aiohttp_client: Any) -> None:
    client: TestClient[Any, Any] = await aiohttp_client(create_app(store))
    preflight = await client.options("/", headers={"Origin": "http://localhost:8001"})
    assert preflight.status == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    response = await client.post(
        "/", data="{}", headers={"X-Amz-Target": "DynamoDB_20120810.ListTables"}
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert await response.json(content_type=None) == {"TableNames": []}
