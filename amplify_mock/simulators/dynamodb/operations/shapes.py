"""The JSON types of request members, checked before an operation runs.

DynamoDB's protocol layer rejects a member of the wrong JSON type (`"Limit": "x"`,
`"RequestItems": true`) with a SerializationException before any validation; doing the same
here keeps every operation free of type confusion (and of 500s).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from amplify_mock.simulators.dynamodb.errors import SerializationException

__all__ = ["check_shapes"]

_STRING = "string"
_NUMBER = "number"
_BOOLEAN = "boolean"
_MAP = "map"
_LIST = "list"

_MEMBERS: dict[str, str] = {
    **dict.fromkeys(
        (
            "TableName",
            "IndexName",
            "ConditionExpression",
            "UpdateExpression",
            "KeyConditionExpression",
            "FilterExpression",
            "ProjectionExpression",
            "ReturnValues",
            "ReturnConsumedCapacity",
            "ReturnItemCollectionMetrics",
            "ReturnValuesOnConditionCheckFailure",
            "Select",
            "BillingMode",
            "ClientRequestToken",
            "ResourceArn",
            "StreamArn",
            "ShardIterator",
            "ShardId",
            "ShardIteratorType",
            "SequenceNumber",
            "AttributeName",
            "AttributeType",
            "KeyType",
            "ProjectionType",
            "StreamViewType",
            "TableClass",
        ),
        _STRING,
    ),
    **dict.fromkeys(
        ("Limit", "Segment", "TotalSegments", "ReadCapacityUnits", "WriteCapacityUnits"),
        _NUMBER,
    ),
    **dict.fromkeys(
        ("ScanIndexForward", "ConsistentRead", "DeletionProtectionEnabled", "StreamEnabled"),
        _BOOLEAN,
    ),
    **dict.fromkeys(
        (
            "Item",
            "Key",
            "ExclusiveStartKey",
            "ExpressionAttributeNames",
            "ExpressionAttributeValues",
            "RequestItems",
            "ProvisionedThroughput",
            "StreamSpecification",
            "Projection",
            "TimeToLiveSpecification",
            "Put",
            "Update",
            "Delete",
            "ConditionCheck",
            "Get",
            "PutRequest",
            "DeleteRequest",
        ),
        _MAP,
    ),
    **dict.fromkeys(
        (
            "TransactItems",
            "KeySchema",
            "AttributeDefinitions",
            "GlobalSecondaryIndexes",
            "LocalSecondaryIndexes",
            "GlobalSecondaryIndexUpdates",
            "Tags",
            "TagKeys",
            "AttributesToGet",
            "Keys",
            "NonKeyAttributes",
        ),
        _LIST,
    ),
}

#: Members whose contents are attribute values or user names, not request members.
_OPAQUE = frozenset(
    {
        "Item",
        "Key",
        "Keys",
        "ExclusiveStartKey",
        "ExpressionAttributeValues",
        "ExpressionAttributeNames",
        "Tags",
        "TagKeys",
    }
)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return _BOOLEAN
    if isinstance(value, int | float):
        return _NUMBER
    if isinstance(value, str):
        return _STRING
    if isinstance(value, Mapping):
        return _MAP
    if isinstance(value, list):
        return _LIST
    return "null"


#: What the elements of list members are.
_ELEMENTS: dict[str, str] = {
    **dict.fromkeys(
        (
            "TransactItems",
            "KeySchema",
            "AttributeDefinitions",
            "GlobalSecondaryIndexes",
            "LocalSecondaryIndexes",
            "GlobalSecondaryIndexUpdates",
            "Keys",
            "Tags",
        ),
        _MAP,
    ),
    **dict.fromkeys(("AttributesToGet", "NonKeyAttributes", "TagKeys"), _STRING),
}


#: The exact Python types json.loads gives for each kind (the fast path of `_expect`).
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    _STRING: (str,),
    _NUMBER: (int, float),
    _BOOLEAN: (bool,),
    _MAP: (dict,),
    _LIST: (list,),
}


def _expect(name: str, value: Any, expected: str, *, member: bool = False) -> None:
    """`member`: an element of a list or map, where null is not allowed either."""
    if type(value) in _JSON_TYPES[expected]:
        return
    actual = _kind(value)
    if (value is not None or member) and actual != expected:
        raise SerializationException(
            f"Unexpected value type for {name}: expected a {expected}, got a {actual}"
        )


def check_shapes(params: Mapping[str, Any], operation: str = "") -> None:
    """:raises SerializationException: a request member of the wrong JSON type."""
    pending: list[tuple[str, Any]] = []
    for name, value in params.items():  # the top level: most requests stop here
        expected = _MEMBERS.get(name)
        if expected is not None:
            _expect(name, value, expected)
        if (name not in _OPAQUE or name in _ELEMENTS) and isinstance(value, Mapping | list):
            pending.append((name, value))
    while pending:
        name, value = pending.pop()
        expected = _MEMBERS.get(name)
        if expected is not None:
            _expect(name, value, expected)
        if name in _ELEMENTS and isinstance(value, list):
            for element in value:
                _expect(f"{name} member", element, _ELEMENTS[name], member=True)
        if name == "RequestItems" and isinstance(value, Mapping):
            per_table = _LIST if operation == "BatchWriteItem" else _MAP
            for inner in value.values():
                _expect("RequestItems value", inner, per_table, member=True)
                if isinstance(inner, list):
                    for element in inner:
                        _expect("RequestItems member", element, _MAP, member=True)
            pending += [("", inner) for inner in value.values()]
            continue
        if name in _OPAQUE:
            continue
        if isinstance(value, Mapping):
            pending += list(value.items())
        elif isinstance(value, list):
            pending += [("", inner) for inner in value]
