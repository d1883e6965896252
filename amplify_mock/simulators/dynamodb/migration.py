"""Bringing a stored table in line with a (re)generated definition when the schema changes.

The real mock leaves stale tables behind: a changed key or LSI means deleting mock-data by hand.
Here a key or LSI change recreates the table inside one transaction, carrying over every item
that has the new key attributes with the right types; items that cannot be carried over are
written to a JSON file next to the database (never silently lost). GSI and stream changes are
applied in place with UpdateTable, as DynamoDB allows.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.errors import DynamoDBError
from amplify_mock.simulators.dynamodb.store import Store
from resolvers.data_sources.dynamodb import DynamoDBClient, DynamoDBRequestError

__all__ = [
    "MigrationResult",
    "definition_from_cloudformation",
    "ensure_remote_table",
    "ensure_table",
    "ensure_tables",
]

LOG = logging.getLogger(__name__)

Action = Literal["created", "unchanged", "updated", "recreated", "conflict"]


@dataclass(frozen=True)
class MigrationResult:
    """What `ensure_table` did; `message` is the line to show the user."""

    table: str
    action: Action
    migrated: int = 0
    dropped: int = 0
    dropped_file: Path | None = None
    message: str = ""


_CFN_PASSED = (
    "KeySchema",
    "AttributeDefinitions",
    "GlobalSecondaryIndexes",
    "LocalSecondaryIndexes",
    "BillingMode",
)


def _throughput(raw: Any) -> dict[str, int] | None:
    if not isinstance(raw, Mapping):
        return None
    return {
        "ReadCapacityUnits": int(raw.get("ReadCapacityUnits", 5)),
        "WriteCapacityUnits": int(raw.get("WriteCapacityUnits", 5)),
    }


def definition_from_cloudformation(
    properties: Mapping[str, Any], table_name: str | None = None
) -> dict[str, Any]:
    """CreateTable params from an evaluated `AWS::DynamoDB::Table` resource's Properties.

    CloudFormation's StreamSpecification has only a StreamViewType (its presence enables the
    stream); numbers may arrive as strings after intrinsic evaluation. SSE, TTL, point-in-time
    recovery and tags have no effect on the mock and are dropped.
    """
    name = table_name or properties.get("TableName")
    if not name:
        raise ValueError("the table has no TableName")
    definition: dict[str, Any] = {"TableName": str(name)}
    for field in _CFN_PASSED:
        if properties.get(field) is not None:
            definition[field] = properties[field]
    for index in definition.get("GlobalSecondaryIndexes") or []:
        throughput = _throughput(index.get("ProvisionedThroughput"))
        if throughput is not None:
            index["ProvisionedThroughput"] = throughput
    throughput = _throughput(properties.get("ProvisionedThroughput"))
    if throughput is not None:
        definition["ProvisionedThroughput"] = throughput
    elif definition.get("BillingMode") is None:
        definition["BillingMode"] = "PAY_PER_REQUEST"
    stream = properties.get("StreamSpecification")
    if isinstance(stream, Mapping) and stream.get("StreamViewType"):
        definition["StreamSpecification"] = {
            "StreamEnabled": True,
            "StreamViewType": stream["StreamViewType"],
        }
    return definition


def _types(definition: Mapping[str, Any]) -> dict[str, str]:
    return {
        d["AttributeName"]: d["AttributeType"] for d in definition.get("AttributeDefinitions") or []
    }


def _key(schema: Any, types: Mapping[str, str]) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (k["AttributeName"], types.get(k["AttributeName"], "?"), k["KeyType"]) for k in schema or []
    )


def _projection(raw: Mapping[str, Any] | None) -> tuple[str, tuple[str, ...]]:
    raw = raw or {}
    return raw.get("ProjectionType", "ALL"), tuple(sorted(raw.get("NonKeyAttributes") or ()))


def _indexes(definition: Mapping[str, Any], field: str) -> dict[str, Any]:
    types = _types(definition)
    return {
        index["IndexName"]: (_key(index["KeySchema"], types), _projection(index.get("Projection")))
        for index in definition.get(field) or []
    }


def _stream(definition: Mapping[str, Any]) -> tuple[bool, Any]:
    """(enabled, view type when enabled): what decides whether a stream must be changed."""
    spec = definition.get("StreamSpecification") or {}
    enabled = bool(spec.get("StreamEnabled"))
    return enabled, spec.get("StreamViewType") if enabled else None


def _describe_keys(schema: tuple[tuple[str, str, str], ...]) -> str:
    return ", ".join(f"{name} ({kind} {key_type})" for name, kind, key_type in schema)


def ensure_table(store: Store, definition: Mapping[str, Any]) -> MigrationResult:
    """Create the table `definition` (CreateTable params) describes, or migrate the stored one.

    :raises DynamoDBError: the definition itself is invalid (CreateTable's validation).
    """
    name = str(definition["TableName"])
    existing = store.find_table(name)
    if existing is None:
        store.dispatch("CreateTable", dict(definition))
        return MigrationResult(name, "created", message=f"Table {name}: created")
    current = existing.description
    old_key = _key(current["KeySchema"], _types(current))
    new_key = _key(definition["KeySchema"], _types(definition))
    if old_key != new_key or _indexes(current, "LocalSecondaryIndexes") != _indexes(
        definition, "LocalSecondaryIndexes"
    ):
        return _recreate(store, definition, old_key, new_key)
    return _update_in_place(store, definition, current)


def _update_in_place(
    store: Store, definition: Mapping[str, Any], current: Mapping[str, Any]
) -> MigrationResult:
    name = str(definition["TableName"])
    old = _indexes(current, "GlobalSecondaryIndexes")
    new = _indexes(definition, "GlobalSecondaryIndexes")
    wanted = {i["IndexName"]: i for i in definition.get("GlobalSecondaryIndexes") or []}
    # a changed GSI is deleted, then created again with its new key or projection
    changed = {i for i in old.keys() & new.keys() if old[i] != new[i]}
    changes: list[str] = []
    with store.write():
        for index in sorted(old.keys() - new.keys() | changed):
            store.dispatch(
                "UpdateTable",
                {
                    "TableName": name,
                    "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": index}}],
                },
            )
            changes.append(f"removed index {index}")
        for index in sorted(new.keys() - old.keys() | changed):
            store.dispatch(
                "UpdateTable",
                {
                    "TableName": name,
                    "AttributeDefinitions": definition.get("AttributeDefinitions") or [],
                    "GlobalSecondaryIndexUpdates": [{"Create": wanted[index]}],
                },
            )
            changes.append(f"added index {index}")
        wanted_stream, current_stream = _stream(definition), _stream(current)
        if wanted_stream != current_stream:
            if current_stream[0]:
                store.dispatch(
                    "UpdateTable",
                    {"TableName": name, "StreamSpecification": {"StreamEnabled": False}},
                )
            if wanted_stream[0]:
                store.dispatch(
                    "UpdateTable",
                    {
                        "TableName": name,
                        "StreamSpecification": dict(definition["StreamSpecification"]),
                    },
                )
            changes.append("stream changed")
    if not changes:
        return MigrationResult(name, "unchanged", message=f"Table {name}: unchanged")
    return MigrationResult(name, "updated", message=f"Table {name}: {', '.join(changes)}")


def _recreate(
    store: Store,
    definition: Mapping[str, Any],
    old_key: tuple[tuple[str, str, str], ...],
    new_key: tuple[tuple[str, str, str], ...],
) -> MigrationResult:
    name = str(definition["TableName"])
    migrated = 0
    dropped: list[dict[str, Any]] = []
    with store.write():
        table = store.get_table(name)
        items = store.all_items(table)
        store.drop_table(table)
        store.dispatch("CreateTable", dict(definition))
        for item in items:
            try:
                store.dispatch("PutItem", {"TableName": name, "Item": item})
                migrated += 1
            except DynamoDBError:
                dropped.append(item)
    dropped_file = _save_dropped(store, name, dropped) if dropped else None
    reason = (
        f"key schema changed from [{_describe_keys(old_key)}] to [{_describe_keys(new_key)}]"
        if old_key != new_key
        else "local secondary indexes changed"
    )
    message = f"Table {name}: {reason}; recreated with {migrated} of {len(items)} items migrated"
    if dropped_file is not None:
        message += (
            f"; {len(dropped)} items lacked the new key attributes and were saved to {dropped_file}"
        )
    LOG.info("%s", message)
    return MigrationResult(name, "recreated", migrated, len(dropped), dropped_file, message)


def _save_dropped(store: Store, name: str, items: list[dict[str, Any]]) -> Path | None:
    if store.path is None:
        return None
    target = store.path.parent / f"{name}-unmigrated-{int(time.time())}.json"
    target.write_text(json.dumps(items, indent=2), encoding="utf-8")
    return target


async def ensure_remote_table(
    client: DynamoDBClient, definition: Mapping[str, Any]
) -> MigrationResult:
    """Create the table on an external endpoint (`--dynamodb-endpoint`) if it is missing.

    Tables there belong to the user: a key or index difference is reported, never migrated.

    :raises DynamoDBRequestError: the endpoint refused DescribeTable or CreateTable.
    """
    name = str(definition["TableName"])
    try:
        current = (await client.call("DescribeTable", {"TableName": name}))["Table"]
    except DynamoDBRequestError as err:
        if err.code != "ResourceNotFoundException":
            raise
        await client.call("CreateTable", dict(definition))
        return MigrationResult(name, "created", message=f"Table {name}: created")
    same = _key(current["KeySchema"], _types(current)) == _key(
        definition["KeySchema"], _types(definition)
    ) and all(
        _indexes(current, field) == _indexes(definition, field)
        for field in ("LocalSecondaryIndexes", "GlobalSecondaryIndexes")
    )
    if same:
        return MigrationResult(name, "unchanged", message=f"Table {name}: unchanged")
    return MigrationResult(
        name,
        "conflict",
        message=(
            f"Table {name} on the external DynamoDB endpoint has different keys or indexes than "
            "the schema; it was left as it is. Delete or update it there to match."
        ),
    )


async def ensure_tables(
    client: DynamoDBClient, definitions: Iterable[Mapping[str, Any]]
) -> list[MigrationResult]:
    """Bring each table (CreateTable params) in line: migrated in the embedded store behind a
    `StoreClient`, only created on any other endpoint (tables there belong to the user).

    :raises DynamoDBError: a definition is invalid (embedded store).
    :raises DynamoDBRequestError: the endpoint refused DescribeTable or CreateTable.
    """
    results: list[MigrationResult] = []
    for definition in definitions:
        if isinstance(client, StoreClient):
            results.append(await asyncio.to_thread(ensure_table, client.store, definition))
        else:
            results.append(await ensure_remote_table(client, definition))
    return results
