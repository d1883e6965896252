"""Table migration on schema reload: create, in-place GSI/stream changes, recreate on key change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.migration import (
    definition_from_cloudformation,
    ensure_remote_table,
    ensure_table,
    ensure_tables,
)


def _definition(
    key: list[tuple[str, str, str]], gsis: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    types = {name: kind for name, kind, _ in key}
    for index in gsis or []:
        for element in index["KeySchema"]:
            types.setdefault(element["AttributeName"], "S")
    definition: dict[str, Any] = {
        "TableName": "PostTable",
        "KeySchema": [{"AttributeName": n, "KeyType": k} for n, _, k in key],
        "AttributeDefinitions": [
            {"AttributeName": n, "AttributeType": t} for n, t in types.items()
        ],
        "BillingMode": "PAY_PER_REQUEST",
        **extra,
    }
    if gsis:
        definition["GlobalSecondaryIndexes"] = gsis
    return definition


BY_BLOG = {
    "IndexName": "byBlog",
    "KeySchema": [{"AttributeName": "blogId", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"},
}


def _put(store: Store, item: dict[str, Any]) -> None:
    store.dispatch("PutItem", {"TableName": "PostTable", "Item": item})


def test_migration_creates_missing_table(store: Store) -> None:
    result = ensure_table(store, _definition([("id", "S", "HASH")]))
    assert (result.action, result.message) == ("created", "Table PostTable: created")
    assert store.dispatch("ListTables", {})["TableNames"] == ["PostTable"]


def test_migration_same_definition_is_unchanged(store: Store) -> None:
    ensure_table(store, _definition([("id", "S", "HASH")]))
    result = ensure_table(store, _definition([("id", "S", "HASH")]))
    assert (result.action, result.message) == ("unchanged", "Table PostTable: unchanged")


def test_migration_adds_gsi_in_place_with_backfill(store: Store) -> None:
    ensure_table(store, _definition([("id", "S", "HASH")]))
    _put(store, {"id": {"S": "1"}, "blogId": {"S": "b"}})
    result = ensure_table(store, _definition([("id", "S", "HASH")], [BY_BLOG]))
    assert (result.action, result.message) == ("updated", "Table PostTable: added index byBlog")
    found = store.dispatch(
        "Query",
        {
            "TableName": "PostTable",
            "IndexName": "byBlog",
            "KeyConditionExpression": "blogId = :b",
            "ExpressionAttributeValues": {":b": {"S": "b"}},
        },
    )
    assert found["Items"] == [{"id": {"S": "1"}, "blogId": {"S": "b"}}]


def test_migration_removes_gsi_in_place(store: Store) -> None:
    ensure_table(store, _definition([("id", "S", "HASH")], [BY_BLOG]))
    result = ensure_table(store, _definition([("id", "S", "HASH")]))
    assert result.message == "Table PostTable: removed index byBlog"
    table = store.dispatch("DescribeTable", {"TableName": "PostTable"})["Table"]
    assert "GlobalSecondaryIndexes" not in table


def test_migration_enables_stream_in_place(store: Store) -> None:
    ensure_table(store, _definition([("id", "S", "HASH")]))
    stream = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    result = ensure_table(store, _definition([("id", "S", "HASH")], StreamSpecification=stream))
    assert result.message == "Table PostTable: stream changed"
    table = store.dispatch("DescribeTable", {"TableName": "PostTable"})["Table"]
    assert table["StreamSpecification"] == stream


def test_migration_replaces_changed_gsi_in_place(store: Store) -> None:
    ensure_table(store, _definition([("id", "S", "HASH")], [BY_BLOG]))
    keys_only = {**BY_BLOG, "Projection": {"ProjectionType": "KEYS_ONLY"}}
    result = ensure_table(store, _definition([("id", "S", "HASH")], [keys_only]))
    assert result.message == "Table PostTable: removed index byBlog, added index byBlog"
    table = store.dispatch("DescribeTable", {"TableName": "PostTable"})["Table"]
    assert table["GlobalSecondaryIndexes"][0]["Projection"] == {"ProjectionType": "KEYS_ONLY"}


def test_migration_changes_stream_view_type_in_place(store: Store) -> None:
    new_image = {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    ensure_table(store, _definition([("id", "S", "HASH")], StreamSpecification=new_image))
    both = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    result = ensure_table(store, _definition([("id", "S", "HASH")], StreamSpecification=both))
    assert result.message == "Table PostTable: stream changed"
    table = store.dispatch("DescribeTable", {"TableName": "PostTable"})["Table"]
    assert table["StreamSpecification"] == both
    again = ensure_table(store, _definition([("id", "S", "HASH")], StreamSpecification=both))
    assert again.message == "Table PostTable: unchanged"


def test_migration_key_change_recreates_and_keeps_items_that_fit(tmp_path: Path) -> None:
    with Store.open(tmp_path / "dynamodb") as store:
        ensure_table(store, _definition([("id", "S", "HASH")]))
        _put(store, {"id": {"S": "1"}, "blogId": {"S": "b1"}, "title": {"S": "kept"}})
        _put(store, {"id": {"S": "2"}, "title": {"S": "no blogId"}})
        new = _definition([("blogId", "S", "HASH"), ("id", "S", "RANGE")])
        result = ensure_table(store, new)
        assert result.action == "recreated"
        assert (result.migrated, result.dropped) == (1, 1)
        assert result.dropped_file is not None
        assert result.message == (
            "Table PostTable: key schema changed from [id (S HASH)] to [blogId (S HASH), "
            "id (S RANGE)]; recreated with 1 of 2 items migrated; 1 items lacked the new key "
            f"attributes and were saved to {result.dropped_file}"
        )
        assert json.loads(result.dropped_file.read_text()) == [
            {"id": {"S": "2"}, "title": {"S": "no blogId"}}
        ]
        kept = store.dispatch(
            "GetItem",
            {"TableName": "PostTable", "Key": {"blogId": {"S": "b1"}, "id": {"S": "1"}}},
        )
        assert kept["Item"]["title"] == {"S": "kept"}


def test_migration_definition_from_cloudformation_properties() -> None:
    properties = {
        "TableName": "Todo-abc-NONE",
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "ProvisionedThroughput": {"ReadCapacityUnits": "5", "WriteCapacityUnits": "5"},
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
        "SSESpecification": {"SSEEnabled": False},
    }
    assert definition_from_cloudformation(properties, "TodoTable") == {
        "TableName": "TodoTable",
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    }


async def test_migration_remote_table_created_then_conflict_reported(store: Store) -> None:
    client = StoreClient(store)
    first = await ensure_remote_table(client, _definition([("id", "S", "HASH")]))
    assert (first.action, first.message) == ("created", "Table PostTable: created")
    same = await ensure_remote_table(client, _definition([("id", "S", "HASH")]))
    assert same.action == "unchanged"
    other = await ensure_remote_table(client, _definition([("id", "N", "HASH")]))
    assert (other.action, other.message) == (
        "conflict",
        "Table PostTable on the external DynamoDB endpoint has different keys or indexes than "
        "the schema; it was left as it is. Delete or update it there to match.",
    )


class _OtherEndpoint:
    """A client that is not the embedded store's, as an external endpoint's is."""

    def __init__(self, store: Store) -> None:
        self.inner = StoreClient(store)

    async def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        return await self.inner.call(operation, params)


async def test_migration_ensure_tables_migrates_in_the_store_only(store: Store) -> None:
    ensure_table(store, _definition([("id", "S", "HASH")]))
    changed = _definition([("id", "N", "HASH")])
    [remote] = await ensure_tables(_OtherEndpoint(store), [changed])
    [local] = await ensure_tables(StoreClient(store), [changed])
    assert (remote.action, local.action) == ("conflict", "recreated")
