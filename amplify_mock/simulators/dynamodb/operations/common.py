"""Request pieces shared by the item operations: placeholders, conditions, projections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from amplify_mock.simulators.dynamodb.errors import (
    ConditionalCheckFailedException,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.expressions import (
    Condition,
    Path,
    Placeholders,
    UpdateExpression,
    apply_update,
    evaluate,
    parse_condition,
    parse_projection,
)
from amplify_mock.simulators.dynamodb.schema import TableInfo
from amplify_mock.simulators.dynamodb.values import MAX_ITEM_SIZE, item_size, validate_value

__all__ = [
    "check_condition",
    "check_item_size",
    "check_return_values",
    "check_unused",
    "condition_of",
    "consumed_capacity",
    "placeholders",
    "projection_of",
    "updated_item",
]

_EXPRESSION_PARAMS = (
    "ConditionExpression",
    "UpdateExpression",
    "KeyConditionExpression",
    "FilterExpression",
    "ProjectionExpression",
)


def placeholders(
    params: Mapping[str, Any], expression: str = "ConditionExpression"
) -> Placeholders:
    """The validated ExpressionAttributeNames/Values of a request; `expression` is the one
    DynamoDB names when values come without any expression.

    :raises ValidationException: bad keys, empty maps, placeholders without expressions.
    """
    names = params.get("ExpressionAttributeNames")
    values = params.get("ExpressionAttributeValues")
    has_expression = any(params.get(p) is not None for p in _EXPRESSION_PARAMS)
    if names is not None and not has_expression:
        raise ValidationException(
            "ExpressionAttributeNames can only be specified when using expressions"
        )
    if values is not None and not has_expression:
        raise ValidationException(
            "ExpressionAttributeValues can only be specified when using expressions: "
            f"{expression} is null"
        )
    if values is not None and not values:
        raise ValidationException("ExpressionAttributeValues must not be empty")
    if names is not None and not names:
        raise ValidationException("ExpressionAttributeNames must not be empty")
    for key in names or {}:
        if not key.startswith("#") or len(key) < 2:
            raise ValidationException(
                f'ExpressionAttributeNames contains invalid key: Syntax error; key: "{key}"'
            )
    checked: dict[str, dict[str, Any]] = {}
    for key, value in (values or {}).items():
        if not key.startswith(":") or len(key) < 2:
            raise ValidationException(
                f'ExpressionAttributeValues contains invalid key: Syntax error; key: "{key}"'
            )
        checked[key] = validate_value(value)
    return Placeholders(names=dict(names or {}), values=checked)


def check_unused(found: Placeholders) -> None:
    """:raises ValidationException: a name or value no expression of the request used."""
    # Listed in the order the request gives them, as DynamoDB does.
    unused_names = [name for name in found.names if name not in found.used_names]
    if unused_names:
        raise ValidationException(
            "Value provided in ExpressionAttributeNames unused in expressions: "
            f"keys: {{{', '.join(unused_names)}}}"
        )
    unused_values = [name for name in found.values if name not in found.used_values]
    if unused_values:
        raise ValidationException(
            "Value provided in ExpressionAttributeValues unused in expressions: "
            f"keys: {{{', '.join(unused_values)}}}"
        )


def condition_of(
    params: Mapping[str, Any], found: Placeholders, name: str = "ConditionExpression"
) -> Condition | None:
    source = params.get(name)
    if source is None:
        return None
    if not isinstance(source, str):
        raise ValidationException(f"{name} must be a string")
    return parse_condition(source, name, found)


def projection_of(params: Mapping[str, Any], found: Placeholders) -> list[Path] | None:
    source = params.get("ProjectionExpression")
    if source is not None:
        return parse_projection(source, found)
    legacy = params.get("AttributesToGet")
    if legacy is not None:
        return [Path((name,)) for name in legacy]
    return None


def check_condition(
    condition: Condition | None, item: Mapping[str, Any] | None, params: Mapping[str, Any]
) -> None:
    """:raises ConditionalCheckFailedException: the condition is false for `item`."""
    if condition is None:
        return
    if not evaluate(condition, item or {}):
        wants_item = params.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
        raise ConditionalCheckFailedException(item=dict(item) if wants_item and item else None)


def check_return_values(params: Mapping[str, Any], allowed: tuple[str, ...]) -> str:
    """:raises ValidationException: a ReturnValues the operation does not accept."""
    value = params.get("ReturnValues") or "NONE"
    if value not in allowed:
        raise ValidationException("Return values set to invalid value")
    return str(value)


def check_item_size(item: Mapping[str, Any], *, update: bool = False) -> int:
    """The item's size.

    :raises ValidationException: an item over DynamoDB's 400 KB.
    """
    size = item_size(item)
    if size > MAX_ITEM_SIZE:
        raise ValidationException(
            "Item size to update has exceeded the maximum allowed size"
            if update
            else "Item size has exceeded the maximum allowed size"
        )
    return size


def consumed_capacity(params: Mapping[str, Any], table: str, units: float) -> dict[str, Any]:
    """`{"ConsumedCapacity": ...}` when the request asked for it, else `{}`."""
    if params.get("ReturnConsumedCapacity") in ("TOTAL", "INDEXES"):
        return {"ConsumedCapacity": {"TableName": table, "CapacityUnits": units}}
    return {}


def updated_item(
    table: TableInfo,
    key: Mapping[str, Any],
    old: Mapping[str, Any] | None,
    update: UpdateExpression | None,
) -> tuple[dict[str, Any], set[str], int]:
    """What an update (UpdateItem, or an Update in a transaction) stores: the new item (the
    key alone when there was none), the top-level attributes it touched, and its size.

    :raises ValidationException: key attributes updated, bad operands, an item over 400 KB.
    """
    new = dict(old) if old is not None else dict(key)
    touched: set[str] = set()
    if update is not None:
        new, touched = apply_update(update, new, table.key.names)
    table.validate_item_key(new)
    return new, touched, check_item_size(new, update=True)
