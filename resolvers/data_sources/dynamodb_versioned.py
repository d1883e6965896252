"""Versioned (DataStore) DynamoDB data sources: `_version`, soft deletes, conflict handlers, Sync.

A data source whose `DynamoDBConfig` has `Versioned: true` and a `DeltaSyncConfig` keeps
`_version`, `_lastChangedAt` and `_deleted` on every item, checks the `_version` a mutation
carries against the stored one under the resolver's `SyncConfig` conflict handler (see
`conflict`), writes each change to the delta sync table, and answers AppSync's `Sync` operation.

TTL: a soft delete writes `_ttl` (epoch seconds, `BaseTableTTL` minutes ahead; with
`BaseTableTTL` 0 the item leaves the base table at once) and every delta record has one
(`DeltaSyncTableTTL`). As DynamoDB's TTL process does, expired items are deleted without a
trace in the delta table: lazily, by a sweep of both tables that runs before the data source's
next call once a minute (DynamoDB itself takes up to a few days; expired items it has not yet
deleted are still read).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta
from typing import Any

from resolvers.data_sources.base import ConflictCaller, register_data_source_type
from resolvers.data_sources.conflict import (
    ConflictError,
    ConflictUnhandledError,
    LambdaConflictHandler,
    automerge,
    preview_update,
    set_values,
)
from resolvers.data_sources.dynamodb import (
    DynamoDBDataSource,
    DynamoDBDataSourceError,
    _decode_token,
    _encode_token,
    unmarshall,
    unmarshall_item,
)
from resolvers.data_sources.lambda_ import LambdaInvoker

__all__ = [
    "ConflictError",
    "ConflictUnhandledError",
    "VersionedDynamoDBDataSource",
    "build_dynamodb_data_source",
]

#: the metadata attributes the data source owns; a LAMBDA handler's item cannot set them
_METADATA = ("_version", "_lastChangedAt", "_deleted", "_ttl")
#: seconds between two TTL sweeps of a data source's tables
SWEEP_INTERVAL = 60

#: the calling resolver's `SyncConfig` and field, for the duration of one call
_SYNC_CONFIG: ContextVar[Mapping[str, Any]] = ContextVar("sync_config", default={})  # noqa: B039
_CALLER: ContextVar[ConflictCaller | None] = ContextVar("conflict_caller", default=None)


def _now_ms() -> int:
    return int(time.time() * 1000)


def _now_s() -> int:
    """The clock TTL compares `_ttl` with (epoch seconds, as DynamoDB's TTL process)."""
    return int(time.time())


def _n(value: int) -> dict[str, str]:
    return {"N": str(value)}


class VersionedDynamoDBDataSource(DynamoDBDataSource):
    """A DynamoDB data source with conflict detection by version and a delta sync table."""

    def __init__(
        self,
        name: str,
        *,
        table_name: str,
        client: Any,
        region: str = "us-east-1",
        delta_sync_table_name: str | None = None,
        base_table_ttl: int = 43200,
        delta_sync_table_ttl: int = 30,
        lambda_invoker: LambdaInvoker | None = None,
        **config: Any,
    ) -> None:
        super().__init__(name, table_name=table_name, client=client, region=region, **config)
        self.region = region
        self.delta_sync_table_name = delta_sync_table_name
        #: minutes a soft-deleted item stays in the base table / a record in the delta table
        self.base_table_ttl = base_table_ttl
        self.delta_sync_table_ttl = delta_sync_table_ttl
        #: runs the functions of LAMBDA conflict handlers
        self.lambda_invoker = lambda_invoker
        self._next_sweep = 0

    async def invoke(self, request: Mapping[str, Any]) -> Any:
        await self._sweep_expired()
        return await super().invoke(request)

    async def invoke_synced(
        self,
        request: Mapping[str, Any],
        sync_config: Mapping[str, Any] | None,
        caller: ConflictCaller | None = None,
    ) -> Any:
        """`invoke` under the calling resolver's `SyncConfig` (its conflict handler); `caller`
        is the field (arguments, identity) a LAMBDA handler's event describes."""
        config_token = _SYNC_CONFIG.set(sync_config or {})
        caller_token = _CALLER.set(caller)
        try:
            return await self.invoke(request)
        finally:
            _SYNC_CONFIG.reset(config_token)
            _CALLER.reset(caller_token)

    # -- writes --------------------------------------------------------------------------------
    async def _put_item(self, request: Mapping[str, Any]) -> Any:
        now = _now_ms()
        values = dict(request.get("attributeValues") or {})
        values.update({"_version": _n(1), "_lastChangedAt": _n(now)})
        values.pop("_deleted", None)
        result = await super()._put_item({**request, "attributeValues": values})
        await self._record_delta(result, now)
        return result

    async def _update_item(self, request: Mapping[str, Any]) -> Any:
        expected = request.get("_version")
        current = await self._stored_item(request.get("key"))
        if current is not None and expected is not None and self._detects_conflicts():
            stored = int(unmarshall(current.get("_version", _n(0))))
            if int(expected) != stored:
                return await self._resolve_update(request, current, stored)
        return await self._write_update(request, current)

    async def _write_update(
        self, request: Mapping[str, Any], current: Mapping[str, Any] | None, now: int | None = None
    ) -> Any:
        now = _now_ms() if now is None else now
        update = dict(request.get("update") or {})
        names = dict(update.get("expressionNames") or {})
        values = dict(update.get("expressionValues") or {})
        names.update({"#_version": "_version", "#_lastChangedAt": "_lastChangedAt"})
        values.update({":_version_one": _n(1), ":_lastChangedAt": _n(now)})
        expression = str(update.get("expression") or "")
        extra = "#_version = #_version + :_version_one, #_lastChangedAt = :_lastChangedAt"
        if current is None or "_version" not in current:
            extra = "#_version = :_version_one, #_lastChangedAt = :_lastChangedAt"
        expression = _add_set(expression, extra)
        update.update(expression=expression, expressionNames=names, expressionValues=values)
        result = await super()._update_item({**request, "update": update})
        await self._record_delta(result, now)
        return result

    async def _resolve_update(
        self, request: Mapping[str, Any], current: Mapping[str, Any], stored: int
    ) -> Any:
        server = unmarshall_item(current) or {}
        handler = self._handler()
        if handler == "AUTOMERGE":
            incoming = set_values(request.get("update") or {})
            if incoming is not None:
                merged = automerge(dict(current), incoming)
                key_fields = set((request.get("key") or {}).keys())
                expression_names: dict[str, str] = {}
                expression_values: dict[str, Any] = {}
                parts = []
                for index, (name, value) in enumerate(merged.items()):
                    if name in key_fields or name.startswith("_"):
                        continue
                    expression_names[f"#m{index}"] = name
                    expression_values[f":m{index}"] = value
                    parts.append(f"#m{index} = :m{index}")
                retry = {
                    **request,
                    "_version": stored,
                    "update": {
                        "expression": "SET " + ", ".join(parts) if parts else "",
                        "expressionNames": expression_names,
                        "expressionValues": expression_values,
                    },
                }
                return await self._write_update(retry, current)
        if handler == "LAMBDA":
            preview = preview_update(server, request.get("update") or {})
            return await self._ask_lambda(request, current, stored, preview)
        raise ConflictUnhandledError(server)

    async def _ask_lambda(
        self,
        request: Mapping[str, Any],
        current: Mapping[str, Any],
        stored: int,
        new_item: Mapping[str, Any],
    ) -> Any:
        """Resolve a conflict with the LAMBDA handler: RESOLVE writes its item (next version),
        REJECT is `ConflictUnhandled` with the server item, REMOVE soft-deletes the item.

        :raises ConflictError: the handler failed or gave an answer AppSync does not accept.
        """
        server = unmarshall_item(current) or {}
        config = _SYNC_CONFIG.get().get("LambdaConflictHandlerConfig") or {}
        arn = str(config.get("LambdaConflictHandlerArn") or "")
        if not arn:
            raise ConflictError(
                "The LAMBDA conflict handler has no LambdaConflictHandlerConfig."
                "LambdaConflictHandlerArn."
            )
        handler = LambdaConflictHandler(arn, self.lambda_invoker)
        event = handler.event(
            new_item=new_item,
            existing_item=server,
            caller=_CALLER.get(),
            table_name=self.table_name,
            region=self.region,
        )
        decision = await handler.decide(event)
        if decision.action == "REJECT":
            raise ConflictUnhandledError(server)
        if decision.action == "REMOVE":
            return await self._soft_delete({**request, "_version": stored}, current)
        assert decision.item is not None
        return await self._write_resolved(request, stored, decision.item)

    async def _write_resolved(
        self, request: Mapping[str, Any], stored: int, item: Mapping[str, Any]
    ) -> Any:
        """Replace the stored item with a LAMBDA handler's item (the request's key wins, the
        data source sets the metadata), if the stored version is still `stored`."""
        now = _now_ms()
        key = dict(request.get("key") or {})
        values = _marshall_item({k: v for k, v in item.items() if k not in _METADATA})
        values.update(key)
        values.update({"_version": _n(stored + 1), "_lastChangedAt": _n(now)})
        condition = {
            "expression": "#_version = :_stored_version",
            "expressionNames": {"#_version": "_version"},
            "expressionValues": {":_stored_version": _n(stored)},
        }
        result = await DynamoDBDataSource._put_item(
            self, {"key": key, "attributeValues": values, "condition": condition}
        )
        await self._record_delta(result, now)
        return result

    async def _delete_item(self, request: Mapping[str, Any]) -> Any:
        """A soft delete: `_deleted: true`, the next `_version`, and `_ttl` per BaseTableTTL."""
        expected = request.get("_version")
        current = await self._stored_item(request.get("key"))
        if current is not None and expected is not None and self._detects_conflicts():
            stored = int(unmarshall(current.get("_version", _n(0))))
            if int(expected) != stored:
                handler = self._handler()
                if handler == "LAMBDA":
                    preview = {**(unmarshall_item(current) or {}), "_deleted": True}
                    return await self._ask_lambda(request, current, stored, preview)
                if handler != "AUTOMERGE":
                    raise ConflictUnhandledError(unmarshall_item(current))
        return await self._soft_delete(request, current)

    async def _soft_delete(
        self, request: Mapping[str, Any], current: Mapping[str, Any] | None
    ) -> Any:
        """Mark the item deleted (a new version, recorded in the delta table); with
        `BaseTableTTL` 0 it then leaves the base table at once, as AppSync documents."""
        now = _now_ms()
        ttl = now // 1000 + self.base_table_ttl * 60
        soft = {
            **request,
            "operation": "UpdateItem",
            "update": {
                "expression": "SET #_deleted = :_deleted, #_ttl = :_ttl",
                "expressionNames": {"#_deleted": "_deleted", "#_ttl": "_ttl"},
                "expressionValues": {":_deleted": {"BOOL": True}, ":_ttl": _n(ttl)},
            },
        }
        result = await self._write_update(soft, current, now)
        if self.base_table_ttl == 0:
            await self._call("DeleteItem", {"TableName": self.table_name, "Key": request["key"]})
        return result

    def _handler(self) -> str:
        return str(_SYNC_CONFIG.get().get("ConflictHandler") or "OPTIMISTIC_CONCURRENCY")

    def _detects_conflicts(self) -> bool:
        return str(_SYNC_CONFIG.get().get("ConflictDetection") or "VERSION") == "VERSION"

    # -- TTL -----------------------------------------------------------------------------------
    async def _sweep_expired(self) -> None:
        """Delete the items of the base and delta tables whose `_ttl` has passed, at most once
        per `SWEEP_INTERVAL` (DynamoDB's TTL: no stream of AppSync, no delta record)."""
        now = _now_s()
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_INTERVAL
        for table in (self.table_name, self.delta_sync_table_name):
            if table is not None:
                await self._expire(table, now)

    async def _expire(self, table: str, now: int) -> None:
        keys = await self._key_attributes(table)
        start: dict[str, Any] | None = None
        while True:
            params: dict[str, Any] = {
                "TableName": table,
                "FilterExpression": "#ttl < :now",
                "ExpressionAttributeNames": {"#ttl": "_ttl"},
                "ExpressionAttributeValues": {":now": _n(now)},
            }
            if start is not None:
                params["ExclusiveStartKey"] = start
            page = await self._call("Scan", params)
            for item in page.get("Items") or ():
                try:
                    await self._call(
                        "DeleteItem",
                        {
                            "TableName": table,
                            "Key": {k: item[k] for k in keys},
                            "ConditionExpression": "#ttl = :ttl",
                            "ExpressionAttributeNames": {"#ttl": "_ttl"},
                            "ExpressionAttributeValues": {":ttl": item["_ttl"]},
                        },
                    )
                except DynamoDBDataSourceError:
                    continue  # rewritten since the scan (a new `_ttl` or none): keep it
            start = page.get("LastEvaluatedKey")
            if not start:
                return

    async def _record_delta(self, item: Mapping[str, Any] | None, now: int) -> None:
        """Write the changed item to the delta sync table with AppSync's documented keys:
        `ds_pk` = `<data source name>:<YYYY-MM-DD>`, `ds_sk` = `<HH:MM:SS.mmm>:<primary key>:
        <version>` (UTC), and `_ttl` = DeltaSyncTableTTL minutes ahead (epoch seconds)."""
        if self.delta_sync_table_name is None or not item:
            return
        changed = datetime.fromtimestamp(now / 1000, UTC)
        key_text = ":".join(
            str(item.get(a, "")) for a in await self._key_attributes(self.table_name)
        )
        record = {k: v for k, v in (_marshall_item(item)).items()}
        record["ds_pk"] = {"S": f"{self.name}:{changed.strftime('%Y-%m-%d')}"}
        record["ds_sk"] = {
            "S": f"{changed.strftime('%H:%M:%S.%f')[:12]}:{key_text}:{item.get('_version')}"
        }
        record["_ttl"] = _n(int(now / 1000) + self.delta_sync_table_ttl * 60)
        await self._call("PutItem", {"TableName": self.delta_sync_table_name, "Item": record})

    async def _key_attributes(self, table: str) -> list[str]:
        described = await self._call("DescribeTable", {"TableName": table})
        return [k["AttributeName"] for k in described["Table"]["KeySchema"]]

    # -- Sync ----------------------------------------------------------------------------------
    async def _sync(self, request: Mapping[str, Any]) -> Any:
        """AppSync's `Sync`: a base table scan (first sync, or `lastSync` older than the delta
        table keeps records) or a delta table query of the changes since `lastSync`."""
        started = _now_ms()
        last_sync = request.get("lastSync")
        window_start = started - self.delta_sync_table_ttl * 60 * 1000
        use_delta = (
            last_sync is not None
            and self.delta_sync_table_name is not None
            and int(last_sync) >= window_start
        )
        read: dict[str, Any] = {
            "filter": request.get("filter"),
            "limit": request.get("limit"),
            "nextToken": request.get("nextToken"),
        }
        if not use_delta:
            result = await self._scan(read)
            return {"items": result["items"], "nextToken": result["nextToken"],
                    "startedAt": started}  # fmt: skip
        return await self._sync_delta(read, int(str(last_sync)), started)

    async def _sync_delta(self, read: dict[str, Any], last_sync: int, started: int) -> Any:
        """The delta records changed at or after `last_sync`: one query per day partition
        (`ds_pk` is `<data source>:<day>`), continuing across days; a token names its day."""
        since = datetime.fromtimestamp(last_sync / 1000, UTC)
        last_day = datetime.fromtimestamp(started / 1000, UTC).date()
        day = since.date()
        token = _decode_token(read.get("nextToken"))
        if token is not None:
            day = date.fromisoformat(str(token.get("ds_pk", {}).get("S", "")).rsplit(":", 1)[-1])
        delta = DynamoDBDataSource(
            self.name, table_name=str(self.delta_sync_table_name), client=self.client
        )
        limit = int(read.get("limit") or 100)
        items: list[dict[str, Any]] = []
        while day <= last_day:
            values: dict[str, Any] = {":ds_pk": {"S": f"{self.name}:{day.isoformat()}"}}
            expression = "#ds_pk = :ds_pk"
            if day == since.date():
                expression += " AND #ds_sk >= :ds_sk"
                values[":ds_sk"] = {"S": since.strftime("%H:%M:%S.%f")[:12]}
            names = {"#ds_pk": "ds_pk"} | ({"#ds_sk": "ds_sk"} if ":ds_sk" in values else {})
            query = {"expression": expression, "expressionNames": names,
                     "expressionValues": values}  # fmt: skip
            page = await delta._query(
                {
                    "query": query,
                    "filter": read.get("filter"),
                    "limit": limit - len(items),
                    "nextToken": _encode_token(token),
                }
            )
            token = None
            items.extend(
                {k: v for k, v in item.items() if k not in ("ds_pk", "ds_sk", "_ttl")}
                for item in page["items"]
            )
            if page["nextToken"] is not None:
                return {"items": items, "nextToken": page["nextToken"], "startedAt": started}
            day += timedelta(days=1)
            if len(items) >= limit and day <= last_day:
                # the next day from its first record ("0" sorts before every "HH:..." time)
                next_start = {"ds_pk": {"S": f"{self.name}:{day.isoformat()}"},
                              "ds_sk": {"S": "0"}}  # fmt: skip
                return {"items": items, "nextToken": _encode_token(next_start),
                        "startedAt": started}  # fmt: skip
        return {"items": items, "nextToken": None, "startedAt": started}

    _OPERATIONS: dict[str, Any] = {
        **DynamoDBDataSource._OPERATIONS,
        "PutItem": _put_item,
        "UpdateItem": _update_item,
        "DeleteItem": _delete_item,
        "Sync": _sync,
    }


def _add_set(expression: str, assignments: str) -> str:
    """`expression` with `assignments` added to its SET clause (or a new one)."""
    match = re.search(r"\bSET\b", expression)
    if match is None:
        return f"SET {assignments} {expression}".strip()
    end = match.end()
    return f"{expression[:end]} {assignments},{expression[end:]}"


def _marshall_item(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _marshall(v) for k, v in item.items()}


def _marshall(value: Any) -> dict[str, Any]:
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int | float):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, list):
        return {"L": [_marshall(v) for v in value]}
    if isinstance(value, Mapping):
        return {"M": {k: _marshall(v) for k, v in value.items()}}
    raise ValueError(f"cannot store {type(value).__name__}")


def build_dynamodb_data_source(name: str, **config: Any) -> DynamoDBDataSource:
    """AMAZON_DYNAMODB: the versioned kind when `versioned=True` (a DeltaSyncConfig), else plain."""
    if config.pop("versioned", False):
        return VersionedDynamoDBDataSource(name, **config)
    for option in (
        "delta_sync_table_name",
        "base_table_ttl",
        "delta_sync_table_ttl",
        "lambda_invoker",
    ):
        config.pop(option, None)
    return DynamoDBDataSource(name, **config)


register_data_source_type(DynamoDBDataSource.type, build_dynamodb_data_source)
