"""The DynamoDBClient adapters: StoreClient (in process) and EndpointClient (HTTP, SigV4)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.client import EndpointClient, StoreClient
from amplify_mock.simulators.dynamodb.server import DynamoDBServer, start_server
from resolvers.data_sources.dynamodb import DynamoDBDataSource, DynamoDBRequestError
from resolvers.errors import DataSourceError

TABLE = {
    "TableName": "Note",
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST",
}


@pytest.fixture
async def server(store: Store) -> AsyncIterator[DynamoDBServer]:
    store.dispatch("CreateTable", TABLE)
    running = await start_server(store, port=0)
    yield running
    await running.stop()


async def test_store_client_translates_errors(store: Store) -> None:
    client = StoreClient(store)
    with pytest.raises(DynamoDBRequestError) as caught:
        await client.call("DescribeTable", {"TableName": "Nope"})
    assert caught.value.code == "ResourceNotFoundException"
    assert caught.value.message == "Requested resource not found: Table: Nope not found"


async def test_store_client_runs_scans_off_the_loop(store: Store) -> None:
    store.dispatch("CreateTable", TABLE)
    client = StoreClient(store)
    await client.call("PutItem", {"TableName": "Note", "Item": {"id": {"S": "1"}}})
    result = await client.call("Scan", {"TableName": "Note"})
    assert result["Items"] == [{"id": {"S": "1"}}]


async def test_endpoint_client_round_trip_and_errors(server: DynamoDBServer) -> None:
    client = EndpointClient(server.url)
    await client.call("PutItem", {"TableName": "Note", "Item": {"id": {"S": "1"}}})
    got = await client.call("GetItem", {"TableName": "Note", "Key": {"id": {"S": "1"}}})
    assert got == {"Item": {"id": {"S": "1"}}}
    with pytest.raises(DynamoDBRequestError) as caught:
        await client.call(
            "PutItem",
            {
                "TableName": "Note",
                "Item": {"id": {"S": "1"}},
                "ConditionExpression": "attribute_not_exists(id)",
            },
        )
    assert (caught.value.code, caught.value.message) == (
        "ConditionalCheckFailedException",
        "The conditional request failed",
    )
    await client.close()


async def test_data_source_through_endpoint_client(server: DynamoDBServer) -> None:
    client = EndpointClient(server.url)
    source = DynamoDBDataSource("Note", table_name="Note", client=client)
    put = {
        "version": "2018-05-29",
        "operation": "PutItem",
        "key": {"id": {"S": "n1"}},
        "attributeValues": {"body": {"S": "hi"}},
    }
    assert await source.invoke(put) == {"id": "n1", "body": "hi"}
    with pytest.raises(DataSourceError) as caught:
        await source.invoke(
            put
            | {
                "attributeValues": {"body": {"S": "other"}},
                "condition": {"expression": "attribute_not_exists(id)"},
            }
        )
    assert caught.value.error_type == "DynamoDB:ConditionalCheckFailedException"
    await client.close()
