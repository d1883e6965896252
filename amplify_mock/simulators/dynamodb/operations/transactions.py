"""TransactGetItems and TransactWriteItems: all-or-nothing, with CancellationReasons.

Not emulated: ClientRequestToken idempotency (a repeated token runs the writes again) and
conflicts between concurrent transactions (sqlite serialises them instead).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.errors import (
    ItemValidationError,
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
    _check_distinct([(table, key) for table, key, _ in plans])
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


def _check_distinct(targets: list[tuple[TableInfo, dict[str, Any]]]) -> None:
    """:raises ValidationException: two actions on one item (keys compared by value)."""
    seen: set[tuple[int, bytes, bytes]] = set()
    for table, key in targets:
        identity = (table.table_id, *table.encode_item_key(key))
        if identity in seen:
            raise ValidationException(
                "Transaction request cannot include multiple operations on one item"
            )
        seen.add(identity)


def _validation_reason(err: ValidationException) -> dict[str, Any]:
    return {"Code": "ValidationError", "Message": err.message}


@dataclass
class _Action:
    kind: str
    table: TableInfo
    key: dict[str, Any]
    spec: Mapping[str, Any]
    condition: Condition | None
    item: dict[str, Any] | None = None
    update: UpdateExpression | None = None
    invalid: ItemValidationError | None = None


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
    invalid: ItemValidationError | None = None
    if kind == "Put":
        item = validate_item(spec.get("Item"))
        try:
            table.validate_item_key(item)
        except ItemValidationError as err:
            invalid = err
        check_item_size(item)
        key = {name: item[name] for name in table.key.names if name in item}
    else:
        raw_key = validate_item(spec.get("Key"))
        try:
            key = table.validate_key(raw_key)
        except ItemValidationError as err:
            invalid, key = err, raw_key
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
    return _Action(kind, table, key, spec, condition, item, update, invalid)


def transact_write_items(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    """All actions or none.

    A key of the wrong type or size, or an update of a key attribute, cancels the transaction
    with a `ValidationError` reason for that action (as DynamoDB does); other invalid input is
    a ValidationException for the whole request.
    """
    plans = [_plan(store, a) for a in _check_count(params.get("TransactItems"))]
    _check_distinct([(p.table, p.key) for p in plans if p.invalid is None])
    with store.write():
        reasons: list[dict[str, Any]] = []
        writes: list[tuple[_Action, dict[str, Any] | None, dict[str, Any] | None]] = []
        failed = False
        for plan in plans:
            if plan.invalid is not None:
                reasons.append(_validation_reason(plan.invalid))
                failed = True
                continue
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
                # Other invalid updates fail the whole request (not a cancellation).
                try:
                    new = _new_item(plan, old)
                except ItemValidationError as err:
                    # DynamoDB stops at this action: the rest are not evaluated.
                    reasons.append(_validation_reason(err))
                    reasons += [{"Code": "None"}] * (len(plans) - len(reasons))
                    raise TransactionCanceledException(reasons) from err
                else:
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
