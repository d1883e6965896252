"""The AMAZON_DYNAMODB data source: AppSync's DynamoDB mapping-template operations.

The request is the JSON a request mapping template rendered (`{"version", "operation", "key",
...}`); the result is what `$ctx.result` becomes, with items unmarshalled to plain JSON, as
AppSync does. Table access goes through an injected `DynamoDBClient`, so the same data source
works against the embedded store or any DynamoDB-compatible endpoint.

Versioned (DataStore) data sources live in `dynamodb_versioned`.

Not emulated: the `Custom`
conditionalCheckFailedHandler (a Lambda), and BatchGetItem/BatchWriteItem unprocessed items
(the embedded store processes every item).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Protocol

from resolvers.data_sources.base import UnsupportedOperationError, register_data_source_type
from resolvers.errors import DataSourceError

__all__ = [
    "DynamoDBClient",
    "DynamoDBDataSource",
    "DynamoDBDataSourceError",
    "DynamoDBRequestError",
    "unmarshall",
]


_CONDITION_FAILED = "DynamoDB:ConditionalCheckFailedException"


class DynamoDBRequestError(Exception):
    """A DynamoDB API call that failed with exception `code` (e.g. `ValidationException`).

    `body` is the whole error response (it carries `CancellationReasons` for transactions).
    """

    def __init__(self, code: str, message: str, body: Mapping[str, Any] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.body = dict(body or {})


class DynamoDBClient(Protocol):
    """Calls one DynamoDB API operation with wire-JSON params, returning the wire-JSON response."""

    async def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]: ...


class DynamoDBDataSourceError(DataSourceError):
    """A failed DynamoDB call, typed `DynamoDB:<ExceptionName>`; `result` is `$ctx.result`
    AppSync still exposes (the cancellation reasons of a transaction), or None."""

    def __init__(self, message: str, *, error_type: str, result: Any = None) -> None:
        super().__init__(message, error_type=error_type)
        self.result = result


def _number(text: str) -> int | float:
    value = Decimal(text)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def unmarshall(value: Mapping[str, Any]) -> Any:
    """Plain JSON of one wire attribute value, as AppSync puts it in `$ctx.result`.

    Numbers become JSON numbers, sets become lists, binaries stay base64 text.
    """
    tag, raw = next(iter(value.items()))
    if tag in ("S", "B", "BOOL", "SS", "BS"):
        return list(raw) if tag in ("SS", "BS") else raw
    if tag == "N":
        return _number(raw)
    if tag == "NS":
        return [_number(n) for n in raw]
    if tag == "NULL":
        return None
    if tag == "M":
        return {k: unmarshall(v) for k, v in raw.items()}
    if tag == "L":
        return [unmarshall(v) for v in raw]
    raise ValueError(f"unknown attribute value type {tag!r}")


def unmarshall_item(item: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return None if item is None else {k: unmarshall(v) for k, v in item.items()}


def _encode_token(key: Mapping[str, Any] | None) -> str | None:
    if not key:
        return None
    return base64.b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


def _decode_token(token: Any) -> dict[str, Any] | None:
    if token is None or token == "":
        return None
    try:
        decoded = json.loads(base64.b64decode(str(token), validate=True))
    except (binascii.Error, ValueError):
        decoded = None  # not base64 JSON: the same error as a token that is not a key
    if not isinstance(decoded, dict):
        raise DynamoDBDataSourceError(
            "The provided starting key is invalid: Invalid nextToken",
            error_type="DynamoDB:ValidationException",
        )
    return decoded


def _expression_params(
    *parts: tuple[str, Mapping[str, Any] | None], projection: Any = None
) -> dict[str, Any]:
    """DynamoDB expression parameters from AppSync's `{expression, expressionNames, ...}`."""
    params: dict[str, Any] = {}
    names: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for field, spec in parts:
        if not spec or spec.get("expression") is None:
            continue
        params[field] = spec["expression"]
        names.update(spec.get("expressionNames") or {})
        values.update(spec.get("expressionValues") or {})
    if projection and projection.get("expression"):
        params["ProjectionExpression"] = projection["expression"]
        names.update(projection.get("expressionNames") or {})
    if names:
        params["ExpressionAttributeNames"] = names
    if values:
        params["ExpressionAttributeValues"] = values
    return params


class DynamoDBDataSource:
    """A data source bound to one table; operations are AppSync's mapping-template ones."""

    type = "AMAZON_DYNAMODB"

    def __init__(
        self,
        name: str,
        *,
        table_name: str,
        client: DynamoDBClient,
        region: str = "us-east-1",
        **_config: Any,
    ) -> None:
        self.name = name
        self.table_name = table_name
        self.client = client
        self.region = region

    async def invoke(self, request: Mapping[str, Any]) -> Any:
        """Run the operation the request names.

        :raises DynamoDBDataSourceError: the DynamoDB error, typed `DynamoDB:<ExceptionName>`.
        :raises UnsupportedOperationError: an operation AppSync's DynamoDB data source lacks.
        """
        operation = request.get("operation")
        handler = self._OPERATIONS.get(str(operation))
        if handler is None:
            raise UnsupportedOperationError(
                f"Unsupported operation '{operation}' for a DynamoDB data source"
            )
        return await handler(self, _numbers_as_text(request))

    async def _call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            return await self.client.call(operation, params)
        except DynamoDBRequestError as err:
            result = None
            if err.code == "TransactionCanceledException":
                result = {
                    "keys": None,
                    "items": None,
                    "cancellationReasons": _reasons(err.body.get("CancellationReasons") or []),
                }
            raise DynamoDBDataSourceError(
                err.message, error_type=f"DynamoDB:{err.code}", result=result
            ) from err

    # -- single items --------------------------------------------------------------------------
    async def _get_item(self, request: Mapping[str, Any]) -> Any:
        params: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": request.get("key"),
            "ConsistentRead": bool(request.get("consistentRead", False)),
            **_expression_params(projection=request.get("projection")),
        }
        response = await self._call("GetItem", params)
        return unmarshall_item(response.get("Item"))

    async def _put_item(self, request: Mapping[str, Any]) -> Any:
        item = {**(request.get("attributeValues") or {}), **(request.get("key") or {})}
        params: dict[str, Any] = {
            "TableName": self.table_name,
            "Item": item,
            **_expression_params(("ConditionExpression", request.get("condition"))),
        }
        if "ConditionExpression" in params:
            params["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
        try:
            await self._call("PutItem", params)
        except DynamoDBDataSourceError as err:
            if err.error_type == _CONDITION_FAILED:
                current = await self._stored_item(request.get("key"))
                if current is not None and _same(current, item, request):
                    return unmarshall_item(current)
            raise
        return unmarshall_item(item)

    async def _update_item(self, request: Mapping[str, Any]) -> Any:
        params: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": request.get("key"),
            "ReturnValues": "ALL_NEW",
            **_expression_params(
                ("UpdateExpression", request.get("update")),
                ("ConditionExpression", request.get("condition")),
            ),
        }
        response = await self._call("UpdateItem", params)
        return unmarshall_item(response.get("Attributes"))

    async def _delete_item(self, request: Mapping[str, Any]) -> Any:
        params: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": request.get("key"),
            "ReturnValues": "ALL_OLD",
            **_expression_params(("ConditionExpression", request.get("condition"))),
        }
        try:
            response = await self._call("DeleteItem", params)
        except DynamoDBDataSourceError as err:
            # already in the desired state (no item): AppSync reports success
            if (
                err.error_type == _CONDITION_FAILED
                and await self._stored_item(request.get("key")) is None
            ):
                return None
            raise
        return unmarshall_item(response.get("Attributes"))

    async def _stored_item(self, key: Any) -> dict[str, Any] | None:
        """The item stored under `key` now (wire form): after a failed condition, AppSync
        checks whether the table is already in the state the request wanted."""
        response = await self._call(
            "GetItem", {"TableName": self.table_name, "Key": key, "ConsistentRead": True}
        )
        item = response.get("Item")
        return dict(item) if item is not None else None

    # -- reads ---------------------------------------------------------------------------------
    async def _query(self, request: Mapping[str, Any]) -> Any:
        params: dict[str, Any] = {
            "TableName": self.table_name,
            **_expression_params(
                ("KeyConditionExpression", request.get("query")),
                ("FilterExpression", request.get("filter")),
                projection=request.get("projection"),
            ),
            "ScanIndexForward": request.get("scanIndexForward", True) is not False,
            "ConsistentRead": bool(request.get("consistentRead", False)),
        }
        return await self._read("Query", params, request)

    async def _scan(self, request: Mapping[str, Any]) -> Any:
        params: dict[str, Any] = {
            "TableName": self.table_name,
            **_expression_params(
                ("FilterExpression", request.get("filter")),
                projection=request.get("projection"),
            ),
            "ConsistentRead": bool(request.get("consistentRead", False)),
        }
        if request.get("totalSegments") is not None:
            params["TotalSegments"] = request["totalSegments"]
            params["Segment"] = request.get("segment")
        return await self._read("Scan", params, request)

    async def _read(
        self, operation: str, params: dict[str, Any], request: Mapping[str, Any]
    ) -> dict[str, Any]:
        if request.get("index"):
            params["IndexName"] = request["index"]
        if request.get("limit") is not None:
            params["Limit"] = int(request["limit"])
        if request.get("select"):
            params["Select"] = request["select"]
        start = _decode_token(request.get("nextToken"))
        if start is not None:
            params["ExclusiveStartKey"] = start
        response = await self._call(operation, params)
        result: dict[str, Any] = {
            "items": [unmarshall_item(i) for i in response.get("Items") or []],
            "nextToken": _encode_token(response.get("LastEvaluatedKey")),
            "scannedCount": response.get("ScannedCount", 0),
        }
        if request.get("select") == "COUNT":
            result["count"] = response.get("Count", 0)
        return result

    # -- batches -------------------------------------------------------------------------------
    async def _batch_get_item(self, request: Mapping[str, Any]) -> Any:
        tables: Mapping[str, Any] = request.get("tables") or {}
        request_items: dict[str, dict[str, Any]] = {
            table: {
                "Keys": spec.get("keys") or [],
                "ConsistentRead": bool(spec.get("consistentRead", False)),
            }
            for table, spec in tables.items()
        }
        response = await self._call("BatchGetItem", {"RequestItems": request_items})
        data: dict[str, list[Any]] = {}
        for table, spec in request_items.items():
            found = response.get("Responses", {}).get(table) or []
            data[table] = [_find(found, key) for key in spec["Keys"]]
        unprocessed = response.get("UnprocessedKeys") or {}
        return {
            "data": data,
            "unprocessedKeys": {
                t: [unmarshall_item(k) for k in (unprocessed.get(t) or {}).get("Keys", [])]
                for t in tables
            },
        }

    async def _batch_put_item(self, request: Mapping[str, Any]) -> Any:
        return await self._batch_write(request, "PutRequest", "Item", "unprocessedItems")

    async def _batch_delete_item(self, request: Mapping[str, Any]) -> Any:
        return await self._batch_write(request, "DeleteRequest", "Key", "unprocessedKeys")

    async def _batch_write(
        self, request: Mapping[str, Any], wire_request: str, member: str, unprocessed_field: str
    ) -> dict[str, Any]:
        """BatchPutItem / BatchDeleteItem as one BatchWriteItem of `{wire_request: {member}}`
        entries; the result lists each table's items (or keys) and the unprocessed ones."""
        tables: Mapping[str, Any] = request.get("tables") or {}
        request_items = {
            t: [{wire_request: {member: value}} for value in values] for t, values in tables.items()
        }
        response = await self._call("BatchWriteItem", {"RequestItems": request_items})
        unprocessed = response.get("UnprocessedItems") or {}
        return {
            "data": {t: [unmarshall_item(v) for v in values] for t, values in tables.items()},
            unprocessed_field: {
                t: [unmarshall_item(r[wire_request][member]) for r in unprocessed.get(t, [])]
                for t in tables
            },
        }

    # -- transactions --------------------------------------------------------------------------
    async def _transact_get_items(self, request: Mapping[str, Any]) -> Any:
        actions = []
        for spec in request.get("transactItems") or []:
            get: dict[str, Any] = {
                "TableName": spec.get("table"),
                "Key": spec.get("key"),
                **_expression_params(projection=spec.get("projection")),
            }
            actions.append({"Get": get})
        response = await self._call("TransactGetItems", {"TransactItems": actions})
        items = [unmarshall_item(r.get("Item")) for r in response.get("Responses") or []]
        return {"items": items, "cancellationReasons": None}

    async def _transact_write_items(self, request: Mapping[str, Any]) -> Any:
        actions = []
        keys = []
        for spec in request.get("transactItems") or []:
            operation = spec.get("operation")
            condition = spec.get("condition")
            action: dict[str, Any] = {
                "TableName": spec.get("table"),
                **_expression_params(
                    ("ConditionExpression", condition),
                    ("UpdateExpression", spec.get("update")),
                ),
            }
            if condition and condition.get("returnValuesOnConditionCheckFailure"):
                action["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
            if operation == "PutItem":
                action["Item"] = {**(spec.get("attributeValues") or {}), **(spec.get("key") or {})}
                actions.append({"Put": action})
            elif operation in ("UpdateItem", "DeleteItem", "ConditionCheck"):
                action["Key"] = spec.get("key")
                wire = {"UpdateItem": "Update", "DeleteItem": "Delete"}.get(operation, operation)
                actions.append({wire: action})
            else:
                raise UnsupportedOperationError(
                    f"Unsupported operation '{operation}' in transactItems"
                )
            keys.append(unmarshall_item(spec.get("key")))
        await self._call("TransactWriteItems", {"TransactItems": actions})
        return {"keys": keys, "cancellationReasons": None}

    _OPERATIONS: dict[str, Any] = {
        "GetItem": _get_item,
        "PutItem": _put_item,
        "UpdateItem": _update_item,
        "DeleteItem": _delete_item,
        "Query": _query,
        "Scan": _scan,
        "BatchGetItem": _batch_get_item,
        "BatchPutItem": _batch_put_item,
        "BatchDeleteItem": _batch_delete_item,
        "TransactGetItems": _transact_get_items,
        "TransactWriteItems": _transact_write_items,
    }


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numbers_as_text(value: Any) -> Any:
    """The request with `{"N": 5}` written as `{"N": "5"}` (and NS alike).

    Mapping templates may render numbers unquoted (`"N": $ctx.args.count`), which AppSync
    accepts; the DynamoDB wire protocol wants number text.
    """
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return value  # the bulk of a request: no ABC check
    if kind is dict or isinstance(value, Mapping):
        if len(value) == 1:
            tag, raw = next(iter(value.items()))
            if tag == "N" and _is_number(raw):
                return {"N": _number_text(raw)}
            if tag == "NS" and isinstance(raw, list) and any(_is_number(n) for n in raw):
                return {"NS": [_number_text(n) if _is_number(n) else n for n in raw]}
        return {k: _numbers_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers_as_text(v) for v in value]
    return value


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _reasons(raw: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """AppSync's cancellationReasons: `{type, message}` per action (`type` "None" when fine)."""
    reasons = []
    for reason in raw:
        entry: dict[str, Any] = {
            "type": reason.get("Code", "None"),
            "message": reason.get("Message"),
        }
        if reason.get("Item") is not None:
            entry["item"] = unmarshall_item(reason["Item"])
        reasons.append(entry)
    return reasons


def _same(
    current: Mapping[str, Any], desired: Mapping[str, Any], request: Mapping[str, Any]
) -> bool:
    """AppSync's check after a failed condition: is the stored item already the desired one?"""
    ignore = set(((request.get("condition") or {}).get("equalsIgnore")) or [])
    left = {k: unmarshall(v) for k, v in current.items() if k not in ignore}
    right = {k: unmarshall(v) for k, v in desired.items() if k not in ignore}
    return left == right


def _find(items: list[Mapping[str, Any]], key: Mapping[str, Any]) -> Any:
    wanted = unmarshall_item(key) or {}
    for item in items:
        plain = unmarshall_item(item) or {}
        if all(plain.get(k) == v for k, v in wanted.items()):
            return plain
    return None


register_data_source_type(DynamoDBDataSource.type, DynamoDBDataSource)
