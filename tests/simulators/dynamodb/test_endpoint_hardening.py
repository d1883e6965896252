"""The DynamoDB endpoint under malformed input: a 4xx in DynamoDB's error shape, never a 5xx,
and the endpoint still answers a valid request afterwards."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.server import MAX_REQUEST_BYTES, create_app, handle_wire

TABLE = {
    "TableName": "Hard",
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "S"},
    ],
    "BillingMode": "PAY_PER_REQUEST",
}
_PREFIX = "com.amazonaws.dynamodb.v20120810#"


def _call(store: Store, operation: str, body: Any) -> tuple[int, dict[str, Any]]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    status, payload = handle_wire(store, f"DynamoDB_20120810.{operation}", raw)
    return status, json.loads(payload)


def _deep_item(depth: int) -> bytes:
    """A PutItem body whose attribute `d` nests `depth` lists (built as text: too deep for
    json.dumps)."""
    nested = '{"L":[' * depth + '{"S":"leaf"}' + "]}" * depth
    return (
        '{"TableName":"Hard","Item":{"pk":{"S":"a"},"sk":{"S":"b"},"d":' + nested + "}}"
    ).encode()


def _condition(expression: str) -> dict[str, Any]:
    return {
        "TableName": "Hard",
        "Key": {"pk": {"S": "a"}, "sk": {"S": "b"}},
        "ConditionExpression": expression,
        "ExpressionAttributeValues": {":v": {"N": "1"}},
    }


@pytest.fixture
def table(store: Store) -> Store:
    store.dispatch("CreateTable", TABLE)
    return store


@pytest.mark.parametrize(
    ("operation", "body", "code", "message"),
    [
        (
            "ListTables",
            {"Limit": "x"},
            "SerializationException",
            "Unexpected value type for Limit: expected a number, got a string",
        ),
        (
            "BatchWriteItem",
            {"RequestItems": True},
            "SerializationException",
            "Unexpected value type for RequestItems: expected a map, got a boolean",
        ),
        (
            "TransactWriteItems",
            {"TransactItems": {"Put": {}}},
            "SerializationException",
            "Unexpected value type for TransactItems: expected a list, got a map",
        ),
        (
            "Query",
            {"TableName": "Hard", "ScanIndexForward": "no"},
            "SerializationException",
            "Unexpected value type for ScanIndexForward: expected a boolean, got a string",
        ),
        (
            "DeleteItem",
            _condition("(" * 1000 + "a = :v" + ")" * 1000),
            "ValidationException",
            "Invalid ConditionExpression: The expression has redundant parentheses;",
        ),
        (
            "DeleteItem",
            _condition(" AND ".join(["a = :v"] * 5000)),
            "ValidationException",
            "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
            "expression size: 54995",
        ),
        (
            "DeleteItem",
            _condition("NOT " * 5000 + "a = :v"),
            "ValidationException",
            "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
            "expression size: 20006",
        ),
        (
            "DeleteItem",
            _condition("NOT " * 301 + "a = :v"),
            "ValidationException",
            "Invalid ConditionExpression: The expression contains too many operators; "
            "operator count: 301",
        ),
        (
            "PutItem",
            _deep_item(500),
            "ValidationException",
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            "levels beyond supported limit",
        ),
        (
            "PutItem",
            _deep_item(32),
            "ValidationException",
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            "levels beyond supported limit",
        ),
        (
            "Query",
            {
                "TableName": "Hard",
                "KeyConditionExpression": "pk = :p",
                "ExpressionAttributeValues": {":p": {"S": "p" * (1024 * 1024)}},
            },
            "ValidationException",
            "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
            "size limit of2048 bytes",
        ),
        (
            "Query",
            {
                "TableName": "Hard",
                "KeyConditionExpression": "pk = :p AND sk = :s",
                "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"S": "s" * 1025}},
            },
            "ValidationException",
            "One or more parameter values were invalid: Aggregated size of all range keys has "
            "exceeded the size limit of 1024 bytes",
        ),
        (
            "GetItem",
            {"TableName": "Hard", "Key": {"pk": {"S": "p" * 2049}, "sk": {"S": "s"}}},
            "ValidationException",
            "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
            "size limit of2048 bytes",
        ),
        (
            "DeleteItem",
            {"TableName": "Hard", "Key": {"pk": {"S": "p"}, "sk": {"S": "s" * 1025}}},
            "ValidationException",
            "One or more parameter values were invalid: Aggregated size of all range keys has "
            "exceeded the size limit of 1024 bytes",
        ),
        (
            "PutItem",
            b"[" * 100_000 + b"]" * 100_000,
            "ValidationException",
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            "levels beyond supported limit",
        ),
    ],
)
def test_malformed_request_is_a_client_error(
    table: Store, operation: str, body: Any, code: str, message: str
) -> None:
    status, answer = _call(table, operation, body)
    assert status == 400
    assert answer == {"__type": _PREFIX + code, "message": message}
    assert _call(table, "DescribeTable", {"TableName": "Hard"})[0] == 200


def test_transaction_key_of_wrong_type_is_a_validation_error_reason(table: Store) -> None:
    status, answer = _call(
        table,
        "TransactWriteItems",
        {
            "TransactItems": [
                {"Put": {"TableName": "Hard", "Item": {"pk": {"S": "a"}, "sk": {"S": "b"}}}},
                {"Put": {"TableName": "Hard", "Item": {"pk": {"N": "1"}, "sk": {"S": "b"}}}},
            ]
        },
    )
    assert status == 400
    assert answer["__type"] == _PREFIX + "TransactionCanceledException"
    assert [r["Code"] for r in answer["CancellationReasons"]] == ["None", "ValidationError"]
    assert answer["CancellationReasons"][1]["Message"] == (
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"
    )


async def test_oversize_body_is_answered_in_the_error_shape(
    store: Store, aiohttp_client: Any
) -> None:
    client: TestClient[Any, Any] = await aiohttp_client(create_app(store))
    response = await client.post(
        "/",
        data=b"{" + b" " * MAX_REQUEST_BYTES + b"}",
        headers={"X-Amz-Target": "DynamoDB_20120810.ListTables"},
    )
    assert response.status == 413
    assert await response.json(content_type=None) == {
        "__type": _PREFIX + "ValidationException",
        "message": f"Request size exceeded the maximum of {MAX_REQUEST_BYTES} bytes",
    }
    valid = await client.post(
        "/", data=b"{}", headers={"X-Amz-Target": "DynamoDB_20120810.ListTables"}
    )
    assert valid.status == 200


async def test_a_bug_is_internal_server_error_json(
    store: Store, aiohttp_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client: TestClient[Any, Any] = await aiohttp_client(create_app(store))

    def broken(*_args: Any) -> Any:
        raise KeyError("bug")

    monkeypatch.setattr(store, "dispatch", broken)
    response = await client.post(
        "/", data=b"{}", headers={"X-Amz-Target": "DynamoDB_20120810.ListTables"}
    )
    assert response.status == 500
    assert await response.json(content_type=None) == {
        "__type": _PREFIX + "InternalServerError",
        "message": "Internal server error: KeyError",
    }


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)
_MEMBERS = st.sampled_from(
    [
        "TableName",
        "Key",
        "Item",
        "Limit",
        "RequestItems",
        "TransactItems",
        "KeyConditionExpression",
        "ConditionExpression",
        "UpdateExpression",
        "FilterExpression",
        "ProjectionExpression",
        "ExpressionAttributeNames",
        "ExpressionAttributeValues",
        "ExclusiveStartKey",
        "Select",
        "ScanIndexForward",
        "ReturnValues",
        "KeySchema",
        "AttributeDefinitions",
        "Segment",
        "TotalSegments",
    ]
)
_OPERATIONS = st.sampled_from(
    [
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
        "ListTables",
        "DescribeTable",
        "CreateTable",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    operation=_OPERATIONS,
    members=st.dictionaries(_MEMBERS, _JSON, max_size=5),
    with_table=st.booleans(),
)
def test_generated_malformed_requests_never_answer_5xx(
    operation: str, members: dict[str, Any], with_table: bool
) -> None:
    with Store.open(None) as store:
        store.dispatch("CreateTable", TABLE)
        body = ({"TableName": "Hard"} if with_table else {}) | members
        status, answer = _call(store, operation, body)
        assert status < 500, answer
        if status != 200:
            assert set(answer) >= {"__type", "message"}
            assert answer["__type"].startswith(_PREFIX)
        assert (
            _call(
                store, "GetItem", {"TableName": "Hard", "Key": {"pk": {"S": "a"}, "sk": {"S": "b"}}}
            )[0]
            == 200
        )
