"""PutItem, GetItem, UpdateItem, DeleteItem (each a single-item transaction)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.expressions import parse_update, project
from amplify_mock.simulators.dynamodb.operations.common import (
    check_condition,
    check_item_size,
    check_return_values,
    check_unused,
    condition_of,
    consumed_capacity,
    placeholders,
    projection_of,
    updated_item,
)
from amplify_mock.simulators.dynamodb.values import validate_item

if TYPE_CHECKING:
    from amplify_mock.simulators.dynamodb.store import Store

__all__ = ["delete_item", "get_item", "put_item", "update_item"]


def put_item(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = store.get_table(params.get("TableName"))
    return_values = check_return_values(params, ("NONE", "ALL_OLD"))
    item = validate_item(params.get("Item"))
    found = placeholders(params)
    condition = condition_of(params, found)
    check_unused(found)
    table.validate_item_key(item)  # after the expressions, as DynamoDB checks
    size = check_item_size(item)
    key = table.key_of(item)
    with store.write():
        old = store.load_item(table, key)
        check_condition(condition, old, params)
        store.write_item(table, key, old, item, size)
    result: dict[str, Any] = consumed_capacity(params, table.name, 1.0)
    if return_values == "ALL_OLD" and old is not None:
        result["Attributes"] = old
    return result


def get_item(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = store.get_table(params.get("TableName"))
    key = table.validate_key(validate_item(params.get("Key")))
    # GetItem has no ExpressionAttributeValues member: DynamoDB ignores one.
    params.pop("ExpressionAttributeValues", None)
    found = placeholders(params)
    projection = projection_of(params, found)
    check_unused(found)
    item = store.load_item(table, key)
    result: dict[str, Any] = consumed_capacity(params, table.name, 0.5)
    if item is not None:  # an item with none of the projected attributes is `"Item": {}`
        result["Item"] = item if projection is None else project(item, projection)
    return result


def delete_item(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = store.get_table(params.get("TableName"))
    key = table.validate_key(validate_item(params.get("Key")))
    found = placeholders(params)
    condition = condition_of(params, found)
    check_unused(found)
    return_values = check_return_values(params, ("NONE", "ALL_OLD"))
    with store.write():
        old = store.load_item(table, key)
        check_condition(condition, old, params)
        if old is not None:
            store.write_item(table, key, old, None)
    result: dict[str, Any] = consumed_capacity(params, table.name, 1.0)
    if return_values == "ALL_OLD" and old is not None:
        result["Attributes"] = old
    return result


def update_item(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = store.get_table(params.get("TableName"))
    key = table.validate_key(validate_item(params.get("Key")))
    found = placeholders(params)
    source = params.get("UpdateExpression")
    update = parse_update(source, found) if source is not None else None
    condition = condition_of(params, found)
    check_unused(found)
    return_values = check_return_values(
        params, ("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW")
    )
    with store.write():
        old = store.load_item(table, key)
        check_condition(condition, old, params)
        # UPDATED_* return whole top-level attributes, even for a nested update (as DynamoDB does).
        new, touched, size = updated_item(table, key, old, update)
        store.write_item(table, key, old, new, size)
    result: dict[str, Any] = consumed_capacity(params, table.name, 1.0)
    if return_values == "ALL_OLD" and old is not None:
        result["Attributes"] = old
    elif return_values == "ALL_NEW":
        result["Attributes"] = new
    elif return_values in ("UPDATED_OLD", "UPDATED_NEW"):
        source = (old or {}) if return_values == "UPDATED_OLD" else new
        attributes = {k: v for k, v in source.items() if k in touched}
        if attributes:
            result["Attributes"] = attributes
    return result
