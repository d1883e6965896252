"""Versioned (DataStore) DynamoDB data sources: `_version`, soft deletes, conflict handlers, Sync.

A data source whose `DynamoDBConfig` has `Versioned: true` and a `DeltaSyncConfig` keeps
`_version`, `_lastChangedAt` and `_deleted` on every item, checks the `_version` a mutation
carries against the stored one under the resolver's `SyncConfig` conflict handler, writes each
change to the delta sync table, and answers AppSync's `Sync` operation.

Not emulated: the LAMBDA conflict handler (a conflict under it fails with a clear
`ConflictUnhandled` naming the gap), TTL expiry of soft-deleted and delta records (the `_ttl`
attribute is written, nothing removes expired items), Automerge of DynamoDB sets and maps.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from resolvers.data_sources.base import register_data_source_type
from resolvers.data_sources.dynamodb import (
    DynamoDBDataSource,
    DynamoDBDataSourceError,
    _decode_token,
    _encode_token,
    unmarshall,
    unmarshall_item,
)

__all__ = ["ConflictUnhandledError", "VersionedDynamoDBDataSource", "build_dynamodb_data_source"]

_REJECTED = "Conflict resolver rejects mutation."
_SET_ASSIGNMENT = re.compile(r"^\s*(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)\s*$")


class ConflictUnhandledError(DynamoDBDataSourceError):
    """A mutation whose `_version` differs from the stored one, rejected by the handler;
    `result` is the item on the server (AppSync's `data` of the error)."""

    def __init__(self, current: dict[str, Any] | None, message: str = _REJECTED) -> None:
        super().__init__(message, error_type="ConflictUnhandled", result=current)


def _now_ms() -> int:
    return int(time.time() * 1000)


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
        **config: Any,
    ) -> None:
        super().__init__(name, table_name=table_name, client=client, region=region, **config)
        self.delta_sync_table_name = delta_sync_table_name
        #: minutes a soft-deleted item stays in the base table / a record in the delta table
        self.base_table_ttl = base_table_ttl
        self.delta_sync_table_ttl = delta_sync_table_ttl
        self._sync_config: Mapping[str, Any] = {}

    async def invoke_synced(
        self, request: Mapping[str, Any], sync_config: Mapping[str, Any] | None
    ) -> Any:
        """`invoke` under the calling resolver's `SyncConfig` (its conflict handler)."""
        self._sync_config = sync_config or {}
        try:
            return await self.invoke(request)
        finally:
            self._sync_config = {}

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
        server = unmarshall_item(current)
        handler = str(self._sync_config.get("ConflictHandler") or "OPTIMISTIC_CONCURRENCY")
        if handler == "AUTOMERGE":
            incoming = _set_values(request.get("update") or {})
            if incoming is not None:
                merged = _automerge(dict(current), incoming)
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
            raise ConflictUnhandledError(
                server, "Conflict detected; the LAMBDA conflict handler is not emulated."
            )
        raise ConflictUnhandledError(server)

    async def _delete_item(self, request: Mapping[str, Any]) -> Any:
        """A soft delete: `_deleted: true`, the next `_version`, and `_ttl` per BaseTableTTL."""
        expected = request.get("_version")
        current = await self._stored_item(request.get("key"))
        if current is not None and expected is not None and self._detects_conflicts():
            stored = int(unmarshall(current.get("_version", _n(0))))
            if int(expected) != stored:
                handler = str(self._sync_config.get("ConflictHandler") or "")
                if handler != "AUTOMERGE":
                    raise ConflictUnhandledError(unmarshall_item(current))
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
        return await self._write_update(soft, current, now)

    def _detects_conflicts(self) -> bool:
        return str(self._sync_config.get("ConflictDetection") or "VERSION") == "VERSION"

    async def _record_delta(self, item: Mapping[str, Any] | None, now: int) -> None:
        """Write the changed item to the delta sync table, keyed by day and change time."""
        if self.delta_sync_table_name is None or not item:
            return
        changed = datetime.fromtimestamp(now / 1000, UTC)
        key_text = ":".join(
            str(item.get(a, "")) for a in await self._key_attributes(self.table_name)
        )
        record = {k: v for k, v in (_marshall_item(item)).items()}
        record["ds_pk"] = {"S": f"{self.table_name}:{changed.strftime('%Y-%m-%d')}"}
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
        (`ds_pk` is `<table>:<day>`), continuing across days; a token names its day."""
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
            values: dict[str, Any] = {":ds_pk": {"S": f"{self.table_name}:{day.isoformat()}"}}
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
                next_start = {"ds_pk": {"S": f"{self.table_name}:{day.isoformat()}"},
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


def _set_values(update: Mapping[str, Any]) -> dict[str, Any] | None:
    """The attribute -> wire value a `SET #a = :a, ...` update writes; None for any other form
    (a REMOVE/ADD clause or an arithmetic SET), which Automerge cannot merge."""
    expression = str(update.get("expression") or "").strip()
    if not expression.startswith("SET ") or re.search(r"\b(REMOVE|ADD|DELETE)\b", expression):
        return None
    names = update.get("expressionNames") or {}
    values = update.get("expressionValues") or {}
    out: dict[str, Any] = {}
    for part in expression[4:].split(","):
        match = _SET_ASSIGNMENT.match(part)
        if match is None or match.group(2) not in values:
            return None
        name = names.get(match.group(1), match.group(1))
        out[str(name)] = values[match.group(2)]
    return out


def _automerge(server: dict[str, Any], incoming: Mapping[str, Any]) -> dict[str, Any]:
    """AppSync's Automerge of wire items: server scalars win, lists are concatenated (server
    first), fields absent or null on the server take the incoming value."""
    merged = dict(server)
    for name, value in incoming.items():
        existing = server.get(name)
        if existing is None or "NULL" in existing:
            merged[name] = value
        elif "L" in existing and "L" in value:
            merged[name] = {"L": [*existing["L"], *value["L"]]}
    return merged


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
    for option in ("delta_sync_table_name", "base_table_ttl", "delta_sync_table_ttl"):
        config.pop(option, None)
    return DynamoDBDataSource(name, **config)


register_data_source_type(DynamoDBDataSource.type, build_dynamodb_data_source)
