"""The event loop never waits for a store another thread holds (a long Scan, a migration)."""

from __future__ import annotations

import asyncio
import threading

from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.operations import is_slow
from amplify_mock.simulators.dynamodb.store import Store

TABLE = {
    "TableName": "Todo",
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST",
}


async def test_store_client_waits_off_the_loop_when_the_store_is_busy() -> None:
    store = Store.open(None)
    store.dispatch("CreateTable", TABLE)
    store.dispatch("PutItem", {"TableName": "Todo", "Item": {"id": {"S": "1"}}})
    client = StoreClient(store)
    acquired, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store.claimed() as free:
            assert free
            acquired.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert acquired.wait(10)
    call = asyncio.create_task(
        client.call("GetItem", {"TableName": "Todo", "Key": {"id": {"S": "1"}}})
    )
    for _ in range(3):
        await asyncio.sleep(0.01)  # the loop keeps turning while the call waits
    assert not call.done()
    release.set()
    assert await call == {"Item": {"id": {"S": "1"}}}
    holder.join()
    store.close()


async def test_store_client_runs_inline_when_the_store_is_free() -> None:
    store = Store.open(None)
    store.dispatch("CreateTable", TABLE)
    client = StoreClient(store)
    call = asyncio.ensure_future(
        client.call("PutItem", {"TableName": "Todo", "Item": {"id": {"S": "2"}}})
    )
    await asyncio.sleep(0)  # one step of the loop is enough: no thread handoff
    assert call.done()
    assert call.result() == {}
    store.close()


def test_only_a_hash_key_table_query_counts_as_fast() -> None:
    """A Query of a hash-key-only table reads one item at most (the v2 `get<Model>`)."""
    store = Store.open(None)
    store.dispatch("CreateTable", TABLE)
    sorted_table = {
        **TABLE,
        "TableName": "Order",
        "KeySchema": [*TABLE["KeySchema"], {"AttributeName": "at", "KeyType": "RANGE"}],
        "AttributeDefinitions": [
            *TABLE["AttributeDefinitions"],
            {"AttributeName": "at", "AttributeType": "S"},
        ],
    }
    store.dispatch("CreateTable", sorted_table)
    point = {"TableName": "Todo", "KeyConditionExpression": "id = :id"}
    assert is_slow(store, "Query", point) is False
    assert is_slow(store, "Query", {**point, "IndexName": "byName"}) is True
    assert is_slow(store, "Query", {**point, "TableName": "Order"}) is True
    assert is_slow(store, "Query", {**point, "TableName": "Missing"}) is True
    assert is_slow(store, "Scan", {"TableName": "Todo"}) is True
    assert is_slow(store, "GetItem", {"TableName": "Order"}) is False
    store.close()
