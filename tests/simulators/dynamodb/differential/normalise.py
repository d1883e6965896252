"""Makes DynamoDB responses comparable: one outcome per operation, departures documented.

An outcome is `{"ok": <normalised response>}` or `{"error": <code>, "message": <text>,
"reasons": [<cancellation reason codes>]}`. Behaviour is the outcome without `message`;
wording is compared (and listed) separately.

Documented departures of DynamoDB Local 1.25.1 from the documented service, which the
normaliser absorbs (the documented service is what our store follows):
- Numbers: Local returns a number as it was sent (`"1E+3"`, `"7.50"`); the service returns
  its canonical text (`"1000"`, `"7.5"`). Every number is canonicalised on both sides.
- DeleteTable: Local answers `TableStatus: ACTIVE`; the service answers `DELETING`. The
  status of Create/DeleteTable responses is dropped (DescribeTable keeps it).
- InternalFailure: Local answers some malformed requests (a field of the wrong JSON type such
  as `ListTables {"Limit": "x"}`, an UpdateItem it cannot plan) with a 500 `InternalFailure`;
  the service answers a 400 client error. Recorded as `"departure": "client error"`: the replay
  requires a 400 there.
- TransactWriteItems naming one item twice: Local runs the actions' conditions in order and
  answers a cancellation when one fails, the duplicate ValidationException only when none
  does; the service rejects such a request up front. Recorded as
  `"departure": "ValidationException"`.
- TransactWriteItems cancelled by a ValidationError (an update of a key attribute): Local lists
  that one reason alone and leaves the later actions unvalidated; the service gives one reason
  per action and validates every action first. Recorded as
  `"departure": "TransactionCanceledException|ValidationException"`.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["behaviour", "canonical_number", "compact", "outcome"]

#: Results longer than this are stored as a digest (the expected files stay small).
_DIGEST_OVER = 1200

_DROPPED = {"ConsumedCapacity", "ItemCollectionMetrics", "ResponseMetadata"}


def canonical_number(text: str) -> str:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    if value.is_zero():
        return "0"
    return format(value.normalize(), "f")


def _value(value: Any) -> Any:
    """Attribute values (and anything holding them) with numbers canonical and sets sorted."""
    if isinstance(value, dict):
        if len(value) == 1:
            ((tag, raw),) = value.items()
            if tag == "N" and isinstance(raw, str):
                return {"N": canonical_number(raw)}
            if tag == "NS" and isinstance(raw, list):
                return {"NS": sorted(canonical_number(n) for n in raw)}
            if tag in ("SS", "BS") and isinstance(raw, list):
                return {tag: sorted(raw)}
        return {k: _value(v) for k, v in value.items() if k not in _DROPPED}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


def _canonical(item: Any) -> str:
    return json.dumps(item, sort_keys=True)


def _table(description: dict[str, Any], keep_status: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "TableName": description.get("TableName"),
        "KeySchema": description.get("KeySchema"),
        "AttributeDefinitions": sorted(
            description.get("AttributeDefinitions") or [], key=lambda d: d["AttributeName"]
        ),
    }
    if keep_status:
        out["TableStatus"] = description.get("TableStatus")
    for field in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        indexes = description.get(field)
        if indexes:
            out[field] = sorted(
                (
                    {
                        "IndexName": i.get("IndexName"),
                        "KeySchema": i.get("KeySchema"),
                        "Projection": {
                            "ProjectionType": i["Projection"].get("ProjectionType"),
                            "NonKeyAttributes": sorted(i["Projection"].get("NonKeyAttributes", [])),
                        },
                    }
                    for i in indexes
                ),
                key=lambda i: str(i["IndexName"]),
            )
    return out


def _repeats_a_key(request: dict[str, Any]) -> bool:
    """Whether a batch names one key twice (numbers compared by value)."""
    for spec in (request.get("RequestItems") or {}).values():
        if isinstance(spec, dict):
            raw_keys = list(spec.get("Keys") or [])
        elif isinstance(spec, list):
            raw_keys = []
            for entry in spec:
                put = (
                    (entry.get("PutRequest") or {}).get("Item") if isinstance(entry, dict) else None
                )
                delete = (
                    (entry.get("DeleteRequest") or {}).get("Key")
                    if isinstance(entry, dict)
                    else None
                )
                if isinstance(put, dict):
                    raw_keys.append({k: v for k, v in put.items() if k in ("pk", "sk")})
                elif isinstance(delete, dict):
                    raw_keys.append(delete)
        else:
            continue
        keys = [json.dumps(_value(k), sort_keys=True) for k in raw_keys]
        if len(set(keys)) != len(keys):
            return True
    return False


def _names_an_item_twice(request: dict[str, Any]) -> bool:
    """Whether two actions target one item: same table, same key attributes by value."""
    seen: set[str] = set()
    for action in request.get("TransactItems") or []:
        if not isinstance(action, dict) or len(action) != 1:
            continue
        spec = next(iter(action.values()))
        if not isinstance(spec, dict):
            continue
        key = spec.get("Key") or {
            k: v for k, v in (spec.get("Item") or {}).items() if k in ("pk", "sk")
        }
        identity = json.dumps([spec.get("TableName"), _value(key)], sort_keys=True)
        if identity in seen:
            return True
        seen.add(identity)
    return False


def outcome(
    operation: str, request: dict[str, Any], status: int, body: dict[str, Any]
) -> dict[str, Any]:
    """The comparable outcome of one response."""
    if status != 200:
        code = str(body.get("__type", "")).rsplit("#", 1)[-1]
        message = body.get("message", body.get("Message", ""))
        result: dict[str, Any] = {"error": code, "message": message}
        if status >= 500:
            result["departure"] = "client error"
        reasons = body.get("CancellationReasons")
        if reasons:
            result["reasons"] = [r.get("Code") for r in reasons]
            actions = request.get("TransactItems")
            if isinstance(actions, list) and len(reasons) != len(actions):
                # Local stopped at that action, so later actions went unvalidated; the service
                # validates every action first: its ValidationException is as right.
                result["departure"] = "TransactionCanceledException|ValidationException"
        if operation == "TransactWriteItems" and _names_an_item_twice(request):
            result["departure"] = "ValidationException"
        return result
    if operation in ("BatchGetItem", "BatchWriteItem") and _repeats_a_key(request):
        # Local keeps numbers as sent, so `1000` and `1E+3` are two keys to it; to the service
        # (and to us) they are one key, and a repeated key is a ValidationException.
        result = {"ok": "duplicate keys by number value"}
        result["departure"] = "ValidationException"
        return result
    body = _value(body)
    if operation in ("CreateTable", "DeleteTable", "DescribeTable"):
        key = "Table" if operation == "DescribeTable" else "TableDescription"
        return {"ok": {key: _table(body.get(key, {}), operation == "DescribeTable")}}
    if operation == "Scan" and request.get("TotalSegments") is not None:
        # Which segment an item falls in is unspecified (a hash of its partition key that
        # Local and the service need not share): only the success of the call is compared.
        return {"ok": "segment"}
    if operation == "Query" and request.get("IndexName") and request.get("ExclusiveStartKey"):
        # Items with equal index keys come in an unspecified order, so which of them follow a
        # start key is unspecified too: only the success of the call is compared.
        return {"ok": "index query from a start key"}
    if operation == "Scan" or (operation == "Query" and request.get("IndexName")):
        # Scan order, and the order of items with equal index keys, are unspecified.
        items = body.get("Items")
        if items is not None:
            if request.get("Limit") is not None:
                body["Items"] = len(items)
            else:
                body["Items"] = sorted(items, key=_canonical)
        if "LastEvaluatedKey" in body:
            body["LastEvaluatedKey"] = True
        if request.get("Limit") is not None and request.get("FilterExpression"):
            body.pop("Count", None)
        if operation == "Scan" and request.get("Limit") is not None:
            # Which items the first Limit of an unordered scan are is unspecified too.
            body.pop("Items", None)
            body.pop("Count", None)
    if operation == "BatchGetItem":
        body["Responses"] = {
            name: sorted(items, key=_canonical) for name, items in body.get("Responses", {}).items()
        }
    return {"ok": body}


def behaviour(result: dict[str, Any]) -> dict[str, Any]:
    """What must match exactly: everything but the error message."""
    return {k: v for k, v in result.items() if k not in ("message", "departure")}


def compact(result: dict[str, Any]) -> dict[str, Any]:
    """`result` with a long `ok` body replaced by its digest and item count."""
    body = result.get("ok")
    if body is None:
        return result
    text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    if len(text) <= _DIGEST_OVER:
        return result
    items = body.get("Items")
    return {
        "ok_digest": hashlib.sha1(text.encode()).hexdigest()[:16],
        "count": len(items) if isinstance(items, list) else None,
    }
