"""The AMAZON_DYNAMODB data source: every mapping-template operation against the embedded store."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.client import StoreClient
from resolvers.data_sources import create_data_source
from resolvers.data_sources.dynamodb import (
    DynamoDBDataSource,
    DynamoDBDataSourceError,
    unmarshall,
)
from resolvers.errors import DataSourceError

V = "2018-05-29"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(None) as store:
        store.dispatch(
            "CreateTable",
            {
                "TableName": "PostTable",
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "AttributeDefinitions": [
                    {"AttributeName": "id", "AttributeType": "S"},
                    {"AttributeName": "blogId", "AttributeType": "S"},
                    {"AttributeName": "rank", "AttributeType": "N"},
                ],
                "GlobalSecondaryIndexes": [
                    {
                        "IndexName": "byBlog",
                        "KeySchema": [
                            {"AttributeName": "blogId", "KeyType": "HASH"},
                            {"AttributeName": "rank", "KeyType": "RANGE"},
                        ],
                        "Projection": {"ProjectionType": "ALL"},
                    }
                ],
                "BillingMode": "PAY_PER_REQUEST",
            },
        )
        yield store


@pytest.fixture
def posts(store: Store) -> DynamoDBDataSource:
    return DynamoDBDataSource("PostTable", table_name="PostTable", client=StoreClient(store))


def _post(i: int, blog: str = "b1") -> dict[str, Any]:
    return {
        "version": V,
        "operation": "PutItem",
        "key": {"id": {"S": f"p{i}"}},
        "attributeValues": {
            "blogId": {"S": blog},
            "rank": {"N": str(i)},
            "title": {"S": f"Post {i}"},
            "tags": {"SS": ["a", "b"]},
        },
    }


async def _seed(posts: DynamoDBDataSource, count: int) -> None:
    for i in range(count):
        await posts.invoke(_post(i))


def test_dynamodb_data_source_registered_as_amazon_dynamodb(store: Store) -> None:
    source = create_data_source(
        "AMAZON_DYNAMODB", "PostTable", table_name="PostTable", client=StoreClient(store)
    )
    assert isinstance(source, DynamoDBDataSource)
    assert source.type == "AMAZON_DYNAMODB"


async def test_dynamodb_data_source_put_item_returns_the_item_as_plain_json(
    posts: DynamoDBDataSource,
) -> None:
    result = await posts.invoke(_post(1))
    assert result == {"id": "p1", "blogId": "b1", "rank": 1, "title": "Post 1", "tags": ["a", "b"]}


async def test_dynamodb_data_source_get_item_missing_is_null(posts: DynamoDBDataSource) -> None:
    request = {"version": V, "operation": "GetItem", "key": {"id": {"S": "nope"}}}
    assert await posts.invoke(request) is None


async def test_dynamodb_data_source_get_item_with_projection(posts: DynamoDBDataSource) -> None:
    await _seed(posts, 1)
    request = {
        "version": V,
        "operation": "GetItem",
        "key": {"id": {"S": "p0"}},
        "projection": {"expression": "#t", "expressionNames": {"#t": "title"}},
    }
    assert await posts.invoke(request) == {"title": "Post 0"}


async def test_dynamodb_data_source_put_item_condition_failure_is_typed(
    posts: DynamoDBDataSource,
) -> None:
    await posts.invoke(_post(1))
    request = _post(1) | {
        "attributeValues": {"title": {"S": "other"}},
        "condition": {"expression": "attribute_not_exists(id)"},
    }
    with pytest.raises(DataSourceError) as caught:
        await posts.invoke(request)
    assert caught.value.error_type == "DynamoDB:ConditionalCheckFailedException"
    assert caught.value.message == "The conditional request failed"


async def test_dynamodb_data_source_put_item_condition_failure_with_same_item_succeeds(
    posts: DynamoDBDataSource,
) -> None:
    await posts.invoke(_post(1))
    request = _post(1) | {"condition": {"expression": "attribute_not_exists(id)"}}
    result = await posts.invoke(request)
    assert result["title"] == "Post 1"


async def test_dynamodb_data_source_update_item_returns_all_new(posts: DynamoDBDataSource) -> None:
    await posts.invoke(_post(1))
    request = {
        "version": V,
        "operation": "UpdateItem",
        "key": {"id": {"S": "p1"}},
        "update": {
            "expression": "SET #t = :t, #r = #r + :one",
            "expressionNames": {"#t": "title", "#r": "rank"},
            "expressionValues": {":t": {"S": "new"}, ":one": {"N": "1.5"}},
        },
        "condition": {"expression": "attribute_exists(id)"},
    }
    result = await posts.invoke(request)
    assert result["title"] == "new"
    assert result["rank"] == 2.5


async def test_dynamodb_data_source_update_item_missing_fails_condition(
    posts: DynamoDBDataSource,
) -> None:
    request = {
        "version": V,
        "operation": "UpdateItem",
        "key": {"id": {"S": "ghost"}},
        "update": {"expression": "SET title = :t", "expressionValues": {":t": {"S": "x"}}},
        "condition": {"expression": "attribute_exists(id)"},
    }
    with pytest.raises(DataSourceError) as caught:
        await posts.invoke(request)
    assert caught.value.error_type == "DynamoDB:ConditionalCheckFailedException"
    assert caught.value.message == "The conditional request failed"


async def test_dynamodb_data_source_delete_item_returns_old_item(
    posts: DynamoDBDataSource,
) -> None:
    await posts.invoke(_post(1))
    request = {"version": V, "operation": "DeleteItem", "key": {"id": {"S": "p1"}}}
    assert (await posts.invoke(request))["id"] == "p1"
    assert await posts.invoke({"version": V, "operation": "GetItem", "key": request["key"]}) is None


async def test_dynamodb_data_source_query_pages_with_opaque_next_token(
    posts: DynamoDBDataSource,
) -> None:
    await _seed(posts, 5)
    request: dict[str, Any] = {
        "version": V,
        "operation": "Query",
        "index": "byBlog",
        "query": {
            "expression": "#b = :b AND #r >= :min",
            "expressionNames": {"#b": "blogId", "#r": "rank"},
            "expressionValues": {":b": {"S": "b1"}, ":min": {"N": "1"}},
        },
        "scanIndexForward": False,
        "limit": 3,
    }
    first = await posts.invoke(request)
    assert [i["rank"] for i in first["items"]] == [4, 3, 2]
    assert first["scannedCount"] == 3
    token = json.loads(base64.b64decode(first["nextToken"]))
    assert token == {"id": {"S": "p2"}, "blogId": {"S": "b1"}, "rank": {"N": "2"}}
    second = await posts.invoke(request | {"nextToken": first["nextToken"]})
    assert [i["rank"] for i in second["items"]] == [1]
    assert second["nextToken"] is None


async def test_dynamodb_data_source_query_filter_applies_after_limit(
    posts: DynamoDBDataSource,
) -> None:
    await _seed(posts, 4)
    request = {
        "version": V,
        "operation": "Query",
        "index": "byBlog",
        "query": {"expression": "blogId = :b", "expressionValues": {":b": {"S": "b1"}}},
        "filter": {
            "expression": "#t <> :t",
            "expressionNames": {"#t": "title"},
            "expressionValues": {":t": {"S": "Post 0"}},
        },
        "limit": 2,
    }
    result = await posts.invoke(request)
    assert [i["rank"] for i in result["items"]] == [1]
    assert result["scannedCount"] == 2


async def test_dynamodb_data_source_scan_with_filter(posts: DynamoDBDataSource) -> None:
    await _seed(posts, 4)
    request = {
        "version": V,
        "operation": "Scan",
        "filter": {"expression": "contains(title, :t)", "expressionValues": {":t": {"S": "3"}}},
    }
    result = await posts.invoke(request)
    assert [i["id"] for i in result["items"]] == ["p3"]
    assert result["scannedCount"] == 4
    assert result["nextToken"] is None


async def test_dynamodb_data_source_scan_bad_next_token(posts: DynamoDBDataSource) -> None:
    with pytest.raises(DataSourceError) as caught:
        await posts.invoke({"version": V, "operation": "Scan", "nextToken": "!!"})
    assert caught.value.error_type == "DynamoDB:ValidationException"
    assert caught.value.message == "The provided starting key is invalid: Invalid nextToken"


async def test_dynamodb_data_source_scan_next_token_not_a_key(posts: DynamoDBDataSource) -> None:
    token = base64.b64encode(b"[1]").decode()
    with pytest.raises(DataSourceError) as caught:
        await posts.invoke({"version": V, "operation": "Scan", "nextToken": token})
    assert caught.value.error_type == "DynamoDB:ValidationException"
    assert caught.value.message == "The provided starting key is invalid: Invalid nextToken"


async def test_dynamodb_data_source_batch_put_get_delete(posts: DynamoDBDataSource) -> None:
    items = [{"id": {"S": f"p{i}"}, "title": {"S": f"T{i}"}} for i in range(3)]
    put = await posts.invoke(
        {"version": V, "operation": "BatchPutItem", "tables": {"PostTable": items}}
    )
    assert put == {
        "data": {"PostTable": [{"id": f"p{i}", "title": f"T{i}"} for i in range(3)]},
        "unprocessedItems": {"PostTable": []},
    }
    keys = [{"id": {"S": "p2"}}, {"id": {"S": "missing"}}, {"id": {"S": "p0"}}]
    got = await posts.invoke(
        {"version": V, "operation": "BatchGetItem", "tables": {"PostTable": {"keys": keys}}}
    )
    assert got == {
        "data": {"PostTable": [{"id": "p2", "title": "T2"}, None, {"id": "p0", "title": "T0"}]},
        "unprocessedKeys": {"PostTable": []},
    }
    deleted = await posts.invoke(
        {"version": V, "operation": "BatchDeleteItem", "tables": {"PostTable": keys[:1]}}
    )
    assert deleted == {"data": {"PostTable": [{"id": "p2"}]}, "unprocessedKeys": {"PostTable": []}}
    after = await posts.invoke({"version": V, "operation": "GetItem", "key": {"id": {"S": "p2"}}})
    assert after is None


async def test_dynamodb_data_source_transact_get_items(posts: DynamoDBDataSource) -> None:
    await _seed(posts, 2)
    result = await posts.invoke(
        {
            "version": V,
            "operation": "TransactGetItems",
            "transactItems": [
                {
                    "table": "PostTable",
                    "key": {"id": {"S": "p1"}},
                    "projection": {"expression": "title"},
                },
                {"table": "PostTable", "key": {"id": {"S": "none"}}},
            ],
        }
    )
    assert result == {"items": [{"title": "Post 1"}, None], "cancellationReasons": None}


async def test_dynamodb_data_source_transact_write_items_commits_all(
    posts: DynamoDBDataSource,
) -> None:
    await _seed(posts, 3)
    result = await posts.invoke(
        {
            "version": V,
            "operation": "TransactWriteItems",
            "transactItems": [
                {
                    "table": "PostTable",
                    "operation": "PutItem",
                    "key": {"id": {"S": "n"}},
                    "attributeValues": {"title": {"S": "N"}},
                },
                {
                    "table": "PostTable",
                    "operation": "UpdateItem",
                    "key": {"id": {"S": "p0"}},
                    "update": {
                        "expression": "SET title = :t",
                        "expressionValues": {":t": {"S": "u"}},
                    },
                },
                {"table": "PostTable", "operation": "DeleteItem", "key": {"id": {"S": "p1"}}},
                {
                    "table": "PostTable",
                    "operation": "ConditionCheck",
                    "key": {"id": {"S": "p2"}},
                    "condition": {"expression": "attribute_exists(id)"},
                },
            ],
        }
    )
    assert result == {
        "keys": [{"id": "n"}, {"id": "p0"}, {"id": "p1"}, {"id": "p2"}],
        "cancellationReasons": None,
    }


async def test_dynamodb_data_source_transact_write_items_cancelled_writes_nothing(
    posts: DynamoDBDataSource,
) -> None:
    await _seed(posts, 1)
    request = {
        "version": V,
        "operation": "TransactWriteItems",
        "transactItems": [
            {
                "table": "PostTable",
                "operation": "PutItem",
                "key": {"id": {"S": "new"}},
                "attributeValues": {},
            },
            {
                "table": "PostTable",
                "operation": "ConditionCheck",
                "key": {"id": {"S": "p0"}},
                "condition": {"expression": "attribute_not_exists(id)"},
            },
        ],
    }
    with pytest.raises(DynamoDBDataSourceError) as caught:
        await posts.invoke(request)
    assert caught.value.error_type == "DynamoDB:TransactionCanceledException"
    assert caught.value.message == (
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, ConditionalCheckFailed]"
    )
    assert caught.value.result["cancellationReasons"] == [
        {"type": "None", "message": None},
        {"type": "ConditionalCheckFailed", "message": "The conditional request failed"},
    ]
    missing = await posts.invoke(
        {"version": V, "operation": "GetItem", "key": {"id": {"S": "new"}}}
    )
    assert missing is None


async def test_dynamodb_data_source_unknown_operation(posts: DynamoDBDataSource) -> None:
    with pytest.raises(DataSourceError) as caught:
        await posts.invoke({"version": V, "operation": "Invoke"})
    assert caught.value.error_type == "MappingTemplate"
    assert caught.value.message == "Unsupported operation 'Invoke' for a DynamoDB data source"


async def test_dynamodb_data_source_validation_error_is_typed(posts: DynamoDBDataSource) -> None:
    with pytest.raises(DataSourceError) as caught:
        await posts.invoke({"version": V, "operation": "GetItem", "key": {"nope": {"S": "x"}}})
    assert caught.value.error_type == "DynamoDB:ValidationException"
    assert caught.value.message == "The provided key element does not match the schema"


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        ({"S": "x"}, "x"),
        ({"N": "10"}, 10),
        ({"N": "-1.25"}, -1.25),
        ({"BOOL": True}, True),
        ({"NULL": True}, None),
        ({"B": "AAE="}, "AAE="),
        ({"SS": ["a"]}, ["a"]),
        ({"NS": ["1", "2.5"]}, [1, 2.5]),
        ({"L": [{"S": "a"}, {"N": "1"}]}, ["a", 1]),
        ({"M": {"k": {"M": {"n": {"NULL": True}}}}}, {"k": {"n": None}}),
    ],
    ids=["S", "N", "N-fraction", "BOOL", "NULL", "B", "SS", "NS", "L", "M"],
)
def test_dynamodb_unmarshall_matches_appsync_json(value: dict[str, Any], plain: Any) -> None:
    assert unmarshall(value) == plain


async def test_dynamodb_data_source_accepts_unquoted_numbers(posts: DynamoDBDataSource) -> None:
    await posts.invoke(_post(1))
    request = {
        "version": V,
        "operation": "UpdateItem",
        "key": {"id": {"S": "p1"}},
        "update": {
            "expression": "SET #r = #r + :one, nums = :ns",
            "expressionNames": {"#r": "rank"},
            "expressionValues": {":one": {"N": 2}, ":ns": {"NS": [1, 2.5]}},
        },
    }
    result = await posts.invoke(request)
    assert (result["rank"], result["nums"]) == (3, [1, 2.5])


class _UnprocessingClient:
    """A DynamoDB endpoint that leaves the first request of every table unprocessed."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((operation, params))
        items = params["RequestItems"]
        return {"UnprocessedItems": {t: requests[:1] for t, requests in items.items()}}


@pytest.mark.parametrize(
    ("operation", "values", "wire", "unprocessed_field"),
    [
        (
            "BatchPutItem",
            [{"id": {"S": "p1"}, "rank": {"N": "1"}}, {"id": {"S": "p2"}}],
            {"PutRequest": {"Item": {"id": {"S": "p1"}, "rank": {"N": "1"}}}},
            "unprocessedItems",
        ),
        (
            "BatchDeleteItem",
            [{"id": {"S": "p1"}}, {"id": {"S": "p2"}}],
            {"DeleteRequest": {"Key": {"id": {"S": "p1"}}}},
            "unprocessedKeys",
        ),
    ],
    ids=["put", "delete"],
)
async def test_batch_write_reports_unprocessed_entries(
    operation: str, values: list[dict[str, Any]], wire: dict[str, Any], unprocessed_field: str
) -> None:
    client = _UnprocessingClient()
    source = DynamoDBDataSource("PostTable", table_name="PostTable", client=client)
    result = await source.invoke(
        {"version": V, "operation": operation, "tables": {"PostTable": values}}
    )
    assert client.calls[0][0] == "BatchWriteItem"
    assert client.calls[0][1]["RequestItems"]["PostTable"][0] == wire
    assert result == {
        "data": {"PostTable": [unmarshall({"M": v}) for v in values]},
        unprocessed_field: {"PostTable": [unmarshall({"M": values[0]})]},
    }
