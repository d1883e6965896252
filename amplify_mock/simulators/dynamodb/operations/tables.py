"""CreateTable, DeleteTable, DescribeTable, ListTables, UpdateTable."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.errors import (
    ResourceInUseException,
    ResourceNotFoundException,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.schema import parse_key_schema, validate_table_name

if TYPE_CHECKING:
    from amplify_mock.simulators.dynamodb.schema import TableInfo
    from amplify_mock.simulators.dynamodb.store import Store

__all__ = ["create_table", "delete_table", "describe_table", "list_tables", "update_table"]

_PROJECTIONS = ("ALL", "KEYS_ONLY", "INCLUDE")


def _throughput(raw: Any, billing: str) -> dict[str, Any]:
    raw = raw or {}
    return {
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": int(raw.get("ReadCapacityUnits", 0))
        if billing != "PAY_PER_REQUEST"
        else 0,
        "WriteCapacityUnits": int(raw.get("WriteCapacityUnits", 0))
        if billing != "PAY_PER_REQUEST"
        else 0,
    }


def _index_description(
    store: Store, table_name: str, raw: Any, types: dict[str, str], billing: str, *, is_global: bool
) -> dict[str, Any]:
    if not isinstance(raw, dict) or not raw.get("IndexName"):
        raise ValidationException("Invalid index definition: IndexName is required")
    validate_table_name(raw["IndexName"], "indexName")
    key = parse_key_schema(raw.get("KeySchema"), types)
    projection = dict(raw.get("Projection") or {})
    projection_type = projection.get("ProjectionType")
    if projection_type not in _PROJECTIONS:
        raise ValidationException(
            f"1 validation error detected: Value '{projection_type}' at 'projection."
            "projectionType' failed to satisfy constraint: Member must satisfy enum value set: "
            "[ALL, INCLUDE, KEYS_ONLY]"
        )
    if projection_type != "INCLUDE" and projection.get("NonKeyAttributes"):
        raise ValidationException(
            "One or more parameter values were invalid: ProjectionType is "
            f"{projection_type}, but NonKeyAttributes is specified"
        )
    description: dict[str, Any] = {
        "IndexName": raw["IndexName"],
        "KeySchema": key.to_wire(),
        "Projection": projection,
    }
    if is_global:
        description["IndexStatus"] = "ACTIVE"
        description["ProvisionedThroughput"] = _throughput(
            raw.get("ProvisionedThroughput"), billing
        )
    description["IndexArn"] = f"{store.table_arn(table_name)}/index/{raw['IndexName']}"
    return description


def _stream(store: Store, description: dict[str, Any], spec: Any) -> None:
    if spec is None:
        return
    if spec.get("StreamEnabled"):
        view = spec.get("StreamViewType")
        if view not in ("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"):
            raise ValidationException(
                "One or more parameter values were invalid: "
                "StreamViewType is required when StreamEnabled is true"
            )
        current = description.get("StreamSpecification") or {}
        if current.get("StreamEnabled"):
            raise ValidationException(
                f"Table {description['TableName']} already has an enabled stream: "
                f"{description['LatestStreamArn']}"
            )
        label = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
        description["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": view}
        description["LatestStreamLabel"] = label
        description["LatestStreamArn"] = (
            f"{store.table_arn(description['TableName'])}/stream/{label}"
        )
    elif (description.get("StreamSpecification") or {}).get("StreamEnabled"):
        description["StreamSpecification"] = {"StreamEnabled": False}


def _check_billing(params: dict[str, Any], billing: str) -> None:
    """:raises ValidationException: throughput missing where the billing mode needs it (the
    table and each GSI when PROVISIONED), or given where it must not be."""
    if billing not in ("PROVISIONED", "PAY_PER_REQUEST"):
        raise ValidationException(
            f"1 validation error detected: Value '{billing}' at 'billingMode' failed to satisfy "
            "constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"
        )
    indexes = params.get("GlobalSecondaryIndexes") or []
    if billing == "PAY_PER_REQUEST":
        if params.get("ProvisionedThroughput") is not None or any(
            isinstance(i, dict) and i.get("ProvisionedThroughput") is not None for i in indexes
        ):
            raise ValidationException(
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
            )
        return
    if any(isinstance(i, dict) and i.get("ProvisionedThroughput") is None for i in indexes):
        raise ValidationException(
            "No provisioned throughput specified for the global secondary index"
        )
    if params.get("ProvisionedThroughput") is None:
        raise ValidationException("No provisioned throughput specified for the table")


def create_table(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    name = validate_table_name(params.get("TableName"))
    definitions = params.get("AttributeDefinitions") or []
    types: dict[str, str] = {}
    for definition in definitions:
        kind = definition.get("AttributeType")
        if kind not in ("S", "N", "B"):
            raise ValidationException(
                f"1 validation error detected: Value '{kind}' at 'attributeDefinitions.1.member."
                "attributeType' failed to satisfy constraint: Member must satisfy enum value "
                "set: [B, N, S]"
            )
        if definition.get("AttributeName") in types:
            raise ValidationException(
                "Cannot have two attributes with the same name in AttributeDefinitions"
            )
        types[definition["AttributeName"]] = kind
    key = parse_key_schema(params.get("KeySchema"), types)
    billing = params.get("BillingMode") or "PROVISIONED"
    _check_billing(params, billing)
    description: dict[str, Any] = {
        "AttributeDefinitions": [
            {"AttributeName": n, "AttributeType": t} for n, t in types.items()
        ],
        "TableName": name,
        "KeySchema": key.to_wire(),
        "TableStatus": "ACTIVE",
        "CreationDateTime": time.time(),
        "ProvisionedThroughput": _throughput(params.get("ProvisionedThroughput"), billing),
        "TableSizeBytes": 0,
        "ItemCount": 0,
        "TableArn": store.table_arn(name),
        "TableId": str(uuid.uuid4()),
        "DeletionProtectionEnabled": bool(params.get("DeletionProtectionEnabled", False)),
    }
    if billing == "PAY_PER_REQUEST":
        description["BillingModeSummary"] = {
            "BillingMode": "PAY_PER_REQUEST",
            "LastUpdateToPayPerRequestDateTime": description["CreationDateTime"],
        }
    used = set(key.names)
    seen_indexes: set[str] = set()
    for field_name, is_global in (
        ("GlobalSecondaryIndexes", True),
        ("LocalSecondaryIndexes", False),
    ):
        raw_indexes = params.get(field_name)
        if raw_indexes is None:
            continue
        indexes = []
        for raw in raw_indexes:
            index = _index_description(store, name, raw, types, billing, is_global=is_global)
            if index["IndexName"] in seen_indexes:
                raise ValidationException(
                    "One or more parameter values were invalid: Duplicate index name: "
                    f"{index['IndexName']}"
                )
            seen_indexes.add(index["IndexName"])
            index_key = parse_key_schema(index["KeySchema"], types)
            if not is_global and (index_key.hash_name != key.hash_name or key.range_name is None):
                raise ValidationException(
                    "One or more parameter values were invalid: Table KeySchema does not have a "
                    "range key, which is required when specifying a LocalSecondaryIndex"
                    if key.range_name is None
                    else "One or more parameter values were invalid: Index KeySchema does not "
                    f"have the same leading hash key as table KeySchema for index: "
                    f"{index['IndexName']}. index hash key: {index_key.hash_name}, table hash "
                    f"key: {key.hash_name}"
                )
            used.update(index_key.names)
            indexes.append(index)
        description[field_name] = indexes
    unused = [n for n in types if n not in used]
    if unused:
        raise ValidationException(
            "One or more parameter values were invalid: Some AttributeDefinitions are not used. "
            f"AttributeDefinitions: [{', '.join(types)}], keys used: [{', '.join(sorted(used))}]"
        )
    _stream(store, description, params.get("StreamSpecification"))
    if params.get("Tags"):
        description["_Tags"] = list(params["Tags"])
    with store.write():
        if store.find_table(name) is not None:
            raise ResourceInUseException(f"Table already exists: {name}")
        store.save_table(description)
    return {"TableDescription": _public(description)}


def _public(description: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in description.items() if not k.startswith("_")}


def describe(store: Store, table: TableInfo) -> dict[str, Any]:
    """The table's description with live item counts and sizes."""
    description = _public(table.description)
    count, size = store.conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM items WHERE tid = ?", (table.table_id,)
    ).fetchone()
    description["ItemCount"] = count
    description["TableSizeBytes"] = size
    for field_name in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        for index in description.get(field_name) or []:
            index_count, index_size = store.conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(i.size), 0) FROM index_entries e JOIN items i "
                "ON i.tid = e.tid AND i.hk = e.thk AND i.rk = e.trk "
                "WHERE e.tid = ? AND e.idx = ?",
                (table.table_id, index["IndexName"]),
            ).fetchone()
            index["ItemCount"] = index_count
            index["IndexSizeBytes"] = index_size
    return description


def describe_table(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    return {"Table": describe(store, store.get_table(params.get("TableName")))}


def delete_table(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    with store.write():
        table = store.get_table(params.get("TableName"))
        if table.description.get("DeletionProtectionEnabled"):
            raise ValidationException(
                f"1 validation error detected: Table '{table.name}' can't be deleted while "
                "DeletionProtectionEnabled is set to True"
            )
        description = describe(store, table)
        store.drop_table(table)
    description["TableStatus"] = "DELETING"
    return {"TableDescription": description}


def list_tables(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    names = store.table_names()
    start = params.get("ExclusiveStartTableName")
    if start is not None:
        start = validate_table_name(str(start), "exclusiveStartTableName")
        names = [n for n in names if n > start]
    raw_limit = params.get("Limit")
    limit = 100 if raw_limit is None else int(raw_limit)
    if limit < 1:
        raise ValidationException(
            f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1"
        )
    if limit > 100:
        raise ValidationException(
            f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy "
            "constraint: Member must have value less than or equal to 100"
        )
    result: dict[str, Any] = {"TableNames": names[:limit]}
    if len(names) > limit:
        result["LastEvaluatedTableName"] = names[limit - 1]
    return result


def update_table(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    with store.write():
        table = store.get_table(params.get("TableName"))
        description = dict(table.description)
        types = {
            d["AttributeName"]: d["AttributeType"] for d in description["AttributeDefinitions"]
        }
        for definition in params.get("AttributeDefinitions") or []:
            types[definition["AttributeName"]] = definition["AttributeType"]
        billing = params.get("BillingMode")
        if billing is not None:
            if billing == "PAY_PER_REQUEST":
                description["BillingModeSummary"] = {
                    "BillingMode": "PAY_PER_REQUEST",
                    "LastUpdateToPayPerRequestDateTime": time.time(),
                }
            else:
                description.pop("BillingModeSummary", None)
        current_billing = (description.get("BillingModeSummary") or {}).get(
            "BillingMode", "PROVISIONED"
        )
        if params.get("ProvisionedThroughput") is not None:
            description["ProvisionedThroughput"] = _throughput(
                params["ProvisionedThroughput"], current_billing
            )
        if "DeletionProtectionEnabled" in params:
            description["DeletionProtectionEnabled"] = bool(params["DeletionProtectionEnabled"])
        gsis = [dict(g) for g in description.get("GlobalSecondaryIndexes") or []]
        created: list[str] = []
        for update in params.get("GlobalSecondaryIndexUpdates") or []:
            if "Create" in update:
                raw = update["Create"]
                if (
                    any(g["IndexName"] == raw.get("IndexName") for g in gsis)
                    or raw.get("IndexName") in table.indexes
                ):
                    raise ValidationException(
                        "One or more parameter values were invalid: Index with name: "
                        f"{raw.get('IndexName')} already exists"
                    )
                gsis.append(
                    _index_description(
                        store, table.name, raw, types, current_billing, is_global=True
                    )
                )
                created.append(raw["IndexName"])
            elif "Delete" in update:
                name = update["Delete"].get("IndexName")
                if not any(g["IndexName"] == name for g in gsis):
                    raise ResourceNotFoundException(
                        f"Requested resource not found: Index: {name} not found"
                    )
                gsis = [g for g in gsis if g["IndexName"] != name]
                store.conn.execute(
                    "DELETE FROM index_entries WHERE tid = ? AND idx = ?", (table.table_id, name)
                )
            elif "Update" in update:
                name = update["Update"].get("IndexName")
                for g in gsis:
                    if g["IndexName"] == name:
                        g["ProvisionedThroughput"] = _throughput(
                            update["Update"].get("ProvisionedThroughput"), current_billing
                        )
        if gsis:
            description["GlobalSecondaryIndexes"] = gsis
        else:
            description.pop("GlobalSecondaryIndexes", None)
        used = set(table.key.names)
        for index in gsis + list(description.get("LocalSecondaryIndexes") or []):
            used.update(k["AttributeName"] for k in index["KeySchema"])
        description["AttributeDefinitions"] = [
            {"AttributeName": n, "AttributeType": t} for n, t in types.items() if n in used
        ]
        _stream(store, description, params.get("StreamSpecification"))
        updated = store.save_table(description, table.table_id)
        for name in created:
            store.rebuild_index(updated, updated.indexes[name])
        return {"TableDescription": describe(store, updated)}
