"""BatchGetItem and BatchWriteItem (validated whole, then applied in one sqlite transaction)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.errors import ValidationException
from amplify_mock.simulators.dynamodb.expressions import project
from amplify_mock.simulators.dynamodb.operations.common import (
    check_item_size,
    check_unused,
    placeholders,
    projection_of,
)
from amplify_mock.simulators.dynamodb.values import validate_item

if TYPE_CHECKING:
    from amplify_mock.simulators.dynamodb.store import Store

__all__ = ["batch_get_item", "batch_write_item"]


def batch_get_item(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    request = params.get("RequestItems") or {}
    if sum(len(spec.get("Keys") or []) for spec in request.values()) > 100:
        raise ValidationException("Too many items requested for the BatchGetItem call")
    plans = []
    for table_name, spec in request.items():
        table = store.get_table(table_name)
        keys = [table.validate_key(validate_item(k)) for k in spec.get("Keys") or []]
        encoded = [table.encode_item_key(k) for k in keys]
        if len(set(encoded)) != len(encoded):
            raise ValidationException("Provided list of item keys contains duplicates")
        found = placeholders(spec)
        projection = projection_of(spec, found)
        check_unused(found)
        plans.append((table, keys, projection))
    responses: dict[str, list[dict[str, Any]]] = {}
    for table, keys, projection in plans:
        items = responses.setdefault(table.name, [])
        for key in keys:
            item = store.load_item(table, key)
            if item is not None:
                items.append(item if projection is None else project(item, projection))
    return {"Responses": responses, "UnprocessedKeys": {}}


def batch_write_item(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    request = params.get("RequestItems") or {}
    if not request:
        raise ValidationException("BatchWriteItem cannot have a null or no requests set")
    for table_name, actions in request.items():
        if not actions:
            raise ValidationException(
                f"The batch write request list for a table cannot be null or empty: {table_name}"
            )
    total = sum(len(actions) for actions in request.values())
    if total > 25:
        raise ValidationException(
            "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: "
            "Map value must satisfy constraint: [Member must have length less than or equal to "
            "25, Member must have length greater than or equal to 1]"
        )
    plans = []
    for table_name, actions in request.items():
        table = store.get_table(table_name)
        seen: set[tuple[bytes, bytes]] = set()
        for action in actions:
            if "PutRequest" in action:
                item = validate_item(action["PutRequest"].get("Item"))
                table.validate_item_key(item)
                check_item_size(item)
                key = table.key_of(item)
                new: dict[str, Any] | None = item
            elif "DeleteRequest" in action:
                key = table.validate_key(validate_item(action["DeleteRequest"].get("Key")))
                new = None
            else:
                raise ValidationException(
                    "1 validation error detected: WriteRequest must contain PutRequest or "
                    "DeleteRequest"
                )
            encoded = table.encode_item_key(key)
            if encoded in seen:
                raise ValidationException("Provided list of item keys contains duplicates")
            seen.add(encoded)
            plans.append((table, key, new))
    with store.write():
        for table, key, new in plans:
            old = store.load_item(table, key)
            if old is not None or new is not None:
                store.write_item(table, key, old, new)
    return {"UnprocessedItems": {}}
