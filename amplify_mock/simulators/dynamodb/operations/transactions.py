"""TransactGetItems and TransactWriteItems: all-or-nothing, with CancellationReasons.

Not emulated: ClientRequestToken idempotency (a repeated token runs the writes again) and
conflicts between concurrent transactions (sqlite serialises them instead).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.errors import (
    TransactionCanceledException,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.expressions import (
    Condition,
    Path,
    UpdateExpression,
    evaluate,
    parse_update,
    project,
)
from amplify_mock.simulators.dynamodb.operations.common import (
    check_item_size,
    check_unused,
    condition_of,
    placeholders,
    projection_of,
    updated_item,
)
from amplify_mock.simulators.dynamodb.schema import TableInfo
from amplify_mock.simulators.dynamodb.values import validate_item

if TYPE_CHECKING:
    from amplify_mock.simulators.dynamodb.store import Store

__all__ = ["transact_get_items", "transact_write_items"]

_TOO_MANY = (
    "1 validation error detected at 'transactItems' failed to satisfy constraint: "
    "Member must have length less than or equal to 100."
)


def _check_count(actions: Any) -> list[dict[str, Any]]:
    if not isinstance(actions, list) or not actions:
        raise ValidationException(
            "1 validation error detected: Value null at 'transactItems' failed to satisfy "
            "constraint: Member must not be null"
        )
    if len(actions) > 100:
        raise ValidationException(_TOO_MANY)
    return actions


def transact_get_items(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    plans: list[tuple[TableInfo, dict[str, Any], list[Path] | None]] = []
    for action in _check_count(params.get("TransactItems")):
        spec = action.get("Get") or {}
        table = store.get_table(spec.get("TableName"))
        key = table.validate_key(validate_item(spec.get("Key")))
        found = placeholders(spec)
        projection = projection_of(spec, found)
        check_unused(found)
        plans.append((table, key, projection))
    responses: list[dict[str, Any]] = []
    with store.write():  # one snapshot for every read
        for table, key, projection in plans:
            item = store.load_item(table, key)
            if item is None:
                responses.append({})
            else:
                responses.append(
                    {"Item": item if projection is None else project(item, projection)}
                )
    return {"Responses": responses}


@dataclass
class _Action:
    kind: str
    table: TableInfo
    key: dict[str, Any]
    spec: Mapping[str, Any]
    condition: Condition | None
    item: dict[str, Any] | None = None
    update: UpdateExpression | None = None


def _plan(store: Store, action: Mapping[str, Any]) -> _Action:
    if len(action) != 1:
        raise ValidationException(
            "TransactItems can only contain one of Check, Put, Update or Delete"
        )
    kind, spec = next(iter(action.items()))
    if kind not in ("ConditionCheck", "Put", "Update", "Delete"):
        raise ValidationException(
            "TransactItems can only contain one of Check, Put, Update or Delete"
        )
    table = store.get_table(spec.get("TableName"))
    found = placeholders(spec)
    item = None
    update = None
    if kind == "Put":
        item = validate_item(spec.get("Item"))
        table.validate_item_key(item)
        check_item_size(item)
        key = table.key_of(item)
    else:
        key = table.validate_key(validate_item(spec.get("Key")))
    if kind == "Update":
        source = spec.get("UpdateExpression")
        if source is None:
            raise ValidationException("UpdateExpression is required for Update")
        update = parse_update(source, found)
    condition = condition_of(spec, found)
    if kind == "ConditionCheck" and condition is None:
        raise ValidationException(
            "The ConditionExpression parameter is required for a ConditionCheck"
        )
    check_unused(found)
    return _Action(kind, table, key, spec, condition, item, update)


def transact_write_items(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    plans = [_plan(store, a) for a in _check_count(params.get("TransactItems"))]
    seen: set[tuple[int, bytes, bytes]] = set()
    for plan in plans:
        identity = (plan.table.table_id, *plan.table.encode_item_key(plan.key))
        if identity in seen:
            raise ValidationException(
                "Transaction request cannot include multiple operations on one item"
            )
        seen.add(identity)
    with store.write():
        reasons: list[dict[str, Any]] = []
        writes: list[tuple[_Action, dict[str, Any] | None, dict[str, Any] | None]] = []
        failed = False
        for plan in plans:
            old = store.load_item(plan.table, plan.key)
            reason: dict[str, Any] = {"Code": "None"}
            if plan.condition is not None and not evaluate(plan.condition, old or {}):
                reason = {
                    "Code": "ConditionalCheckFailed",
                    "Message": "The conditional request failed",
                }
                if plan.spec.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and old:
                    reason["Item"] = old
            else:
                # DynamoDB fails the whole request (not a cancellation) on an invalid update.
                new = _new_item(plan, old)
                if plan.kind != "ConditionCheck":
                    writes.append((plan, old, new))
            failed = failed or reason["Code"] != "None"
            reasons.append(reason)
        if failed:
            raise TransactionCanceledException(reasons)
        for plan, old, new in writes:
            if old is not None or new is not None:
                store.write_item(plan.table, plan.key, old, new)
    return {}


def _new_item(plan: _Action, old: dict[str, Any] | None) -> dict[str, Any] | None:
    if plan.kind == "Put":
        return plan.item
    if plan.kind == "Delete":
        return None
    if plan.kind == "Update":
        return updated_item(plan.table, plan.key, old, plan.update)[0]
    return old
