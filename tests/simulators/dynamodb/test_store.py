"""Store operations: tables, indexes, pagination, limits, streams, transactions, errors."""

from __future__ import annotations

from typing import Any

import pytest

from amplify_mock.simulators.dynamodb import (
    ConditionalCheckFailedException,
    ResourceInUseException,
    ResourceNotFoundException,
    Store,
    TransactionCanceledException,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.errors import UnknownOperationException

TABLE = {
    "TableName": "Items",
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
        {"AttributeName": "g", "AttributeType": "S"},
        {"AttributeName": "alt", "AttributeType": "S"},
    ],
    "GlobalSecondaryIndexes": [
        {
            "IndexName": "byG",
            "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }
    ],
    "LocalSecondaryIndexes": [
        {
            "IndexName": "byAlt",
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "alt", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["v"]},
        }
    ],
    "BillingMode": "PAY_PER_REQUEST",
    "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
}


@pytest.fixture
def items(store: Store) -> Store:
    store.dispatch("CreateTable", TABLE)
    for i in range(10):
        item: dict[str, Any] = {
            "pk": {"S": "a" if i < 6 else "b"},
            "sk": {"N": str(i)},
            "v": {"N": str(i * 10)},
            "extra": {"S": "x"},
        }
        if i % 2 == 0:
            item["g"] = {"S": "even"}
        item["alt"] = {"S": f"z{9 - i}"}
        store.dispatch("PutItem", {"TableName": "Items", "Item": item})
    return store


def _query(store: Store, **params: Any) -> dict[str, Any]:
    return store.dispatch("Query", {"TableName": "Items", **params})


def _a(**values: Any) -> dict[str, Any]:
    return {":p": {"S": "a"}, **values}


def test_store_query_pages_forward_and_backward(items: Store) -> None:
    for forward, expected in ((True, [0, 1, 2, 3, 4, 5]), (False, [5, 4, 3, 2, 1, 0])):
        seen: list[int] = []
        start = None
        while True:
            params: dict[str, Any] = {
                "KeyConditionExpression": "pk = :p",
                "ExpressionAttributeValues": _a(),
                "Limit": 4,
                "ScanIndexForward": forward,
            }
            if start:
                params["ExclusiveStartKey"] = start
            page = _query(items, **params)
            seen += [int(i["sk"]["N"]) for i in page["Items"]]
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        assert seen == expected


def test_store_query_limit_counts_items_before_the_filter(items: Store) -> None:
    page = _query(
        items,
        KeyConditionExpression="pk = :p",
        FilterExpression="v >= :v",
        ExpressionAttributeValues=_a(**{":v": {"N": "30"}}),
        Limit=4,
    )
    assert (page["Count"], page["ScannedCount"]) == (1, 4)
    assert page["LastEvaluatedKey"] == {"pk": {"S": "a"}, "sk": {"N": "3"}}


def test_store_query_select_count(items: Store) -> None:
    page = _query(
        items,
        KeyConditionExpression="pk = :p AND sk BETWEEN :lo AND :hi",
        ExpressionAttributeValues=_a(**{":lo": {"N": "1"}, ":hi": {"N": "3"}}),
        Select="COUNT",
    )
    assert page == {"Count": 3, "ScannedCount": 3}


def test_store_query_between_bounds_in_wrong_order_rejected(items: Store) -> None:
    with pytest.raises(ValidationException) as caught:
        _query(
            items,
            KeyConditionExpression="pk = :p AND sk BETWEEN :lo AND :hi",
            ExpressionAttributeValues=_a(**{":lo": {"N": "3"}, ":hi": {"N": "-1"}}),
        )
    assert caught.value.message == (
        "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:3}, upper bound "
        "operand: AttributeValue: {N:-1}"
    )


def test_store_gsi_is_sparse_and_keys_only(items: Store) -> None:
    page = _query(
        items,
        IndexName="byG",
        KeyConditionExpression="g = :g",
        ExpressionAttributeValues={":g": {"S": "even"}},
    )
    assert sorted(int(i["sk"]["N"]) for i in page["Items"]) == [0, 2, 4, 6, 8]
    assert set(page["Items"][0]) == {"pk", "sk", "g"}


def test_store_gsi_follows_updates_and_deletes(items: Store) -> None:
    key = {"pk": {"S": "a"}, "sk": {"N": "0"}}
    items.dispatch("UpdateItem", {"TableName": "Items", "Key": key, "UpdateExpression": "REMOVE g"})
    items.dispatch(
        "DeleteItem", {"TableName": "Items", "Key": {"pk": {"S": "a"}, "sk": {"N": "2"}}}
    )
    page = _query(
        items,
        IndexName="byG",
        KeyConditionExpression="g = :g",
        ExpressionAttributeValues={":g": {"S": "even"}},
    )
    assert sorted(int(i["sk"]["N"]) for i in page["Items"]) == [4, 6, 8]


def test_store_lsi_orders_by_its_range_key_and_projects_include(items: Store) -> None:
    page = _query(
        items,
        IndexName="byAlt",
        KeyConditionExpression="pk = :p AND begins_with(alt, :z)",
        ExpressionAttributeValues=_a(**{":z": {"S": "z"}}),
    )
    assert [i["alt"]["S"] for i in page["Items"]] == ["z4", "z5", "z6", "z7", "z8", "z9"]
    assert set(page["Items"][0]) == {"pk", "sk", "alt", "v"}


def test_store_gsi_rejects_consistent_read(items: Store) -> None:
    with pytest.raises(ValidationException) as caught:
        _query(
            items,
            IndexName="byG",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": "even"}},
            ConsistentRead=True,
        )
    assert caught.value.message == "Consistent reads are not supported on global secondary indexes"


def test_store_index_key_type_mismatch_is_rejected(items: Store) -> None:
    with pytest.raises(ValidationException) as caught:
        items.dispatch(
            "PutItem",
            {"TableName": "Items", "Item": {"pk": {"S": "c"}, "sk": {"N": "1"}, "g": {"N": "1"}}},
        )
    assert caught.value.message == (
        "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S "
        "Actual: N IndexName: byG"
    )


def test_store_scan_segments_partition_the_table(items: Store) -> None:
    seen: list[tuple[str, str]] = []
    for segment in range(3):
        page = items.dispatch(
            "Scan", {"TableName": "Items", "Segment": segment, "TotalSegments": 3}
        )
        seen += [(i["pk"]["S"], i["sk"]["N"]) for i in page["Items"]]
    assert len(seen) == 10
    assert len(set(seen)) == 10


def test_store_scan_paginates_over_every_item(items: Store) -> None:
    seen = []
    start = None
    while True:
        params: dict[str, Any] = {"TableName": "Items", "Limit": 3}
        if start:
            params["ExclusiveStartKey"] = start
        page = items.dispatch("Scan", params)
        seen += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    assert len(seen) == 10


def test_store_scan_stops_at_one_megabyte(store: Store) -> None:
    store.dispatch("CreateTable", {**TABLE, "TableName": "Big", "StreamSpecification": None})
    for i in range(6):
        item = {"pk": {"S": "a"}, "sk": {"N": str(i)}, "blob": {"S": "x" * 300_000}}
        store.dispatch("PutItem", {"TableName": "Big", "Item": item})
    page = store.dispatch("Scan", {"TableName": "Big"})
    assert page["Count"] == 4
    assert page["LastEvaluatedKey"] == {"pk": {"S": "a"}, "sk": {"N": "3"}}


def test_store_item_size_limit(items: Store) -> None:
    with pytest.raises(ValidationException) as caught:
        items.dispatch(
            "PutItem",
            {
                "TableName": "Items",
                "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "big": {"S": "x" * 409_600}},
            },
        )
    assert caught.value.message == "Item size has exceeded the maximum allowed size"


def test_store_condition_failure_can_return_the_item(items: Store) -> None:
    key = {"pk": {"S": "a"}, "sk": {"N": "1"}}
    with pytest.raises(ConditionalCheckFailedException) as caught:
        items.dispatch(
            "DeleteItem",
            {
                "TableName": "Items",
                "Key": key,
                "ConditionExpression": "v = :v",
                "ExpressionAttributeValues": {":v": {"N": "0"}},
                "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
            },
        )
    assert caught.value.message == "The conditional request failed"
    assert caught.value.to_wire()["Item"]["v"] == {"N": "10"}


def test_store_update_returns_updated_attributes(items: Store) -> None:
    result = items.dispatch(
        "UpdateItem",
        {
            "TableName": "Items",
            "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
            "UpdateExpression": "SET v = v + :d REMOVE extra",
            "ExpressionAttributeValues": {":d": {"N": "5"}},
            "ReturnValues": "UPDATED_OLD",
        },
    )
    assert result == {"Attributes": {"v": {"N": "10"}, "extra": {"S": "x"}}}


def test_store_transaction_cancellation_reasons_and_rollback(items: Store) -> None:
    key = {"pk": {"S": "a"}, "sk": {"N": "1"}}
    with pytest.raises(TransactionCanceledException) as caught:
        items.dispatch(
            "TransactWriteItems",
            {
                "TransactItems": [
                    {
                        "Update": {
                            "TableName": "Items",
                            "Key": key,
                            "UpdateExpression": "SET v = :v",
                            "ExpressionAttributeValues": {":v": {"N": "999"}},
                        }
                    },
                    {
                        "ConditionCheck": {
                            "TableName": "Items",
                            "Key": {"pk": {"S": "b"}, "sk": {"N": "9"}},
                            "ConditionExpression": "attribute_not_exists(pk)",
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                        }
                    },
                ]
            },
        )
    assert caught.value.message == (
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, ConditionalCheckFailed]"
    )
    reasons = caught.value.to_wire()["CancellationReasons"]
    assert reasons[0] == {"Code": "None"}
    assert reasons[1]["Code"] == "ConditionalCheckFailed"
    assert reasons[1]["Item"]["sk"] == {"N": "9"}
    item = items.dispatch("GetItem", {"TableName": "Items", "Key": key})["Item"]
    assert item["v"] == {"N": "10"}


def test_store_transact_and_batch_get(items: Store) -> None:
    keys = [{"pk": {"S": "a"}, "sk": {"N": "1"}}, {"pk": {"S": "z"}, "sk": {"N": "1"}}]
    transact = items.dispatch(
        "TransactGetItems",
        {
            "TransactItems": [
                {"Get": {"TableName": "Items", "Key": k, "ProjectionExpression": "v"}} for k in keys
            ]
        },
    )
    assert transact == {"Responses": [{"Item": {"v": {"N": "10"}}}, {}]}
    batch = items.dispatch(
        "BatchGetItem",
        {"RequestItems": {"Items": {"Keys": keys, "ProjectionExpression": "sk"}}},
    )
    assert batch == {"Responses": {"Items": [{"sk": {"N": "1"}}]}, "UnprocessedKeys": {}}


def _records(store: Store, iterator_type: str = "TRIM_HORIZON") -> tuple[list[Any], str]:
    arn = store.dispatch("DescribeTable", {"TableName": "Items"})["Table"]["LatestStreamArn"]
    shard = store.dispatch("DescribeStream", {"StreamArn": arn})["StreamDescription"]["Shards"][0]
    iterator = store.dispatch(
        "GetShardIterator",
        {"StreamArn": arn, "ShardId": shard["ShardId"], "ShardIteratorType": iterator_type},
    )["ShardIterator"]
    result = store.dispatch("GetRecords", {"ShardIterator": iterator})
    return result["Records"], result["NextShardIterator"]


def test_store_stream_records_changes_only(items: Store) -> None:
    item = {
        "pk": {"S": "a"},
        "sk": {"N": "1"},
        "v": {"N": "10"},
        "extra": {"S": "x"},
        "alt": {"S": "z8"},
    }
    items.dispatch("PutItem", {"TableName": "Items", "Item": item})  # identical: no record
    items.dispatch(
        "DeleteItem", {"TableName": "Items", "Key": {"pk": {"S": "q"}, "sk": {"N": "1"}}}
    )
    records, _ = _records(items)
    assert [r["eventName"] for r in records] == ["INSERT"] * 10
    assert [r["dynamodb"]["SequenceNumber"] for r in records] == sorted(
        r["dynamodb"]["SequenceNumber"] for r in records
    )


def test_store_stream_latest_iterator_sees_only_new_records(items: Store) -> None:
    arn = items.dispatch("DescribeTable", {"TableName": "Items"})["Table"]["LatestStreamArn"]
    _, _ = _records(items)
    latest = items.dispatch(
        "GetShardIterator",
        {
            "StreamArn": arn,
            "ShardId": "shardId-00000000000000000001-00000001",
            "ShardIteratorType": "LATEST",
        },
    )["ShardIterator"]
    items.dispatch(
        "DeleteItem", {"TableName": "Items", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}
    )
    result = items.dispatch("GetRecords", {"ShardIterator": latest})
    assert [r["eventName"] for r in result["Records"]] == ["REMOVE"]
    assert "NewImage" not in result["Records"][0]["dynamodb"]
    again = items.dispatch("GetRecords", {"ShardIterator": result["NextShardIterator"]})
    assert again["Records"] == []


def test_store_list_streams(items: Store) -> None:
    streams = items.dispatch("ListStreams", {})["Streams"]
    assert [s["TableName"] for s in streams] == ["Items"]


def test_store_update_table_adds_and_removes_gsi(items: Store) -> None:
    items.dispatch(
        "UpdateTable",
        {
            "TableName": "Items",
            "AttributeDefinitions": [{"AttributeName": "extra", "AttributeType": "S"}],
            "GlobalSecondaryIndexUpdates": [
                {
                    "Create": {
                        "IndexName": "byExtra",
                        "KeySchema": [{"AttributeName": "extra", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"},
                    }
                },
                {"Delete": {"IndexName": "byG"}},
            ],
        },
    )
    page = _query(
        items,
        IndexName="byExtra",
        KeyConditionExpression="extra = :o",
        ExpressionAttributeValues={":o": {"S": "x"}},
    )
    assert page["Count"] == 10
    description = items.dispatch("DescribeTable", {"TableName": "Items"})["Table"]
    assert [g["IndexName"] for g in description["GlobalSecondaryIndexes"]] == ["byExtra"]
    assert description["GlobalSecondaryIndexes"][0]["ItemCount"] == 10
    with pytest.raises(ValidationException) as caught:
        _query(
            items,
            IndexName="byG",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": "even"}},
        )
    assert caught.value.message == "The table does not have the specified index: byG"


def test_store_table_lifecycle_errors(items: Store) -> None:
    with pytest.raises(ResourceInUseException) as in_use:
        items.dispatch("CreateTable", TABLE)
    assert in_use.value.message == "Table already exists: Items"
    items.dispatch("DeleteTable", {"TableName": "Items"})
    with pytest.raises(ResourceNotFoundException) as missing:
        items.dispatch(
            "GetItem", {"TableName": "Items", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}
        )
    assert missing.value.message == "Requested resource not found: Table: Items not found"


def test_store_list_tables_paginates(store: Store) -> None:
    for name in ("Ccc", "Aaa", "Bbb"):
        store.dispatch("CreateTable", {**TABLE, "TableName": name, "StreamSpecification": None})
    first = store.dispatch("ListTables", {"Limit": 2})
    assert first == {"TableNames": ["Aaa", "Bbb"], "LastEvaluatedTableName": "Bbb"}
    second = store.dispatch("ListTables", {"ExclusiveStartTableName": "Bbb"})
    assert second == {"TableNames": ["Ccc"]}


def test_store_unknown_operation(store: Store) -> None:
    with pytest.raises(UnknownOperationException) as caught:
        store.dispatch("ExecuteStatement", {})
    assert caught.value.message == "Unknown operation: ExecuteStatement"


def test_store_legacy_parameters_are_rejected(items: Store) -> None:
    with pytest.raises(ValidationException) as caught:
        items.dispatch(
            "PutItem",
            {
                "TableName": "Items",
                "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}},
                "Expected": {"pk": {"Exists": False}},
            },
        )
    assert caught.value.message == (
        "The mock DynamoDB does not emulate the legacy parameter Expected; use "
        "ConditionExpression, UpdateExpression, KeyConditionExpression or FilterExpression instead"
    )


def test_store_tags_and_time_to_live(items: Store) -> None:
    arn = items.dispatch("DescribeTable", {"TableName": "Items"})["Table"]["TableArn"]
    items.dispatch("TagResource", {"ResourceArn": arn, "Tags": [{"Key": "env", "Value": "dev"}]})
    assert items.dispatch("ListTagsOfResource", {"ResourceArn": arn}) == {
        "Tags": [{"Key": "env", "Value": "dev"}]
    }
    items.dispatch("UntagResource", {"ResourceArn": arn, "TagKeys": ["env"]})
    assert items.dispatch("ListTagsOfResource", {"ResourceArn": arn}) == {"Tags": []}
    items.dispatch(
        "UpdateTimeToLive",
        {
            "TableName": "Items",
            "TimeToLiveSpecification": {"Enabled": True, "AttributeName": "ttl"},
        },
    )
    assert items.dispatch("DescribeTimeToLive", {"TableName": "Items"}) == {
        "TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED", "AttributeName": "ttl"}
    }


def test_store_lsi_select_all_attributes_fetches_the_whole_item(items: Store) -> None:
    page = _query(
        items,
        IndexName="byAlt",
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues=_a(),
        Select="ALL_ATTRIBUTES",
        Limit=1,
    )
    assert set(page["Items"][0]) == {"pk", "sk", "alt", "v", "extra"}


def test_store_gsi_select_all_attributes_needs_projection_all(items: Store) -> None:
    with pytest.raises(ValidationException) as caught:
        _query(
            items,
            IndexName="byG",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": "even"}},
            Select="ALL_ATTRIBUTES",
        )
    assert caught.value.message == (
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
        "for global secondary index byG because its projection type is not ALL"
    )


def test_store_gsi_projection_expression_must_be_projected(items: Store) -> None:
    with pytest.raises(ValidationException) as caught:
        _query(
            items,
            IndexName="byG",
            KeyConditionExpression="g = :g",
            ExpressionAttributeValues={":g": {"S": "even"}},
            ProjectionExpression="v",
        )
    assert caught.value.message == (
        "One or more parameter values were invalid: Global secondary index byG does not project [v]"
    )


def test_store_key_size_limits(items: Store) -> None:
    with pytest.raises(ValidationException) as hash_error:
        items.dispatch(
            "PutItem", {"TableName": "Items", "Item": {"pk": {"S": "h" * 2049}, "sk": {"N": "1"}}}
        )
    assert hash_error.value.message == (
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
        "size limit of2048 bytes"
    )
    with pytest.raises(ValidationException) as range_error:
        items.dispatch(
            "PutItem",
            {
                "TableName": "Items",
                "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "alt": {"S": "r" * 1025}},
            },
        )
    assert range_error.value.message == (
        "One or more parameter values were invalid: Aggregated size of all range keys has "
        "exceeded the size limit of 1024 bytes"
    )
