"""Table metadata operations tools call on start-up: tags, time to live, endpoints, limits.

Not emulated: expiring items by TTL (the setting is stored and reported, nothing is deleted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.errors import ResourceNotFoundException, ValidationException

if TYPE_CHECKING:
    from amplify_mock.simulators.dynamodb.schema import TableInfo
    from amplify_mock.simulators.dynamodb.store import Store

__all__ = [
    "describe_endpoints",
    "describe_limits",
    "describe_time_to_live",
    "list_tags_of_resource",
    "tag_resource",
    "untag_resource",
    "update_time_to_live",
]


def _by_arn(store: Store, arn: Any) -> TableInfo:
    if isinstance(arn, str) and ":table/" in arn:
        table = store.find_table(arn.split(":table/", 1)[1].split("/", 1)[0])
        if table is not None:
            return table
    raise ResourceNotFoundException(f"Requested resource not found: ResourcArn: {arn} not found")


def _save(store: Store, table: TableInfo, description: dict[str, Any]) -> None:
    with store.write():
        store.save_table(description, table.table_id)


def tag_resource(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = _by_arn(store, params.get("ResourceArn"))
    tags = {t["Key"]: t["Value"] for t in table.description.get("_Tags") or []}
    tags.update({t["Key"]: t["Value"] for t in params.get("Tags") or []})
    _save(
        store,
        table,
        {**table.description, "_Tags": [{"Key": k, "Value": v} for k, v in tags.items()]},
    )
    return {}


def untag_resource(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = _by_arn(store, params.get("ResourceArn"))
    removed = set(params.get("TagKeys") or [])
    tags = [t for t in table.description.get("_Tags") or [] if t["Key"] not in removed]
    _save(store, table, {**table.description, "_Tags": tags})
    return {}


def list_tags_of_resource(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = _by_arn(store, params.get("ResourceArn"))
    return {"Tags": list(table.description.get("_Tags") or [])}


def describe_time_to_live(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = store.get_table(params.get("TableName"))
    ttl = table.description.get("_TimeToLive")
    if not ttl:
        return {"TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}}
    return {"TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED", "AttributeName": ttl}}


def update_time_to_live(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = store.get_table(params.get("TableName"))
    spec = params.get("TimeToLiveSpecification") or {}
    if not spec.get("AttributeName"):
        raise ValidationException("TimeToLiveSpecification.AttributeName must be specified")
    enabled = bool(spec.get("Enabled"))
    _save(
        store,
        table,
        {**table.description, "_TimeToLive": spec["AttributeName"] if enabled else None},
    )
    return {"TimeToLiveSpecification": {"Enabled": enabled, "AttributeName": spec["AttributeName"]}}


def describe_endpoints(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "Endpoints": [
            {"Address": f"dynamodb.{store.region}.amazonaws.com", "CachePeriodInMinutes": 1440}
        ]
    }


def describe_limits(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    return {
        "AccountMaxReadCapacityUnits": 80000,
        "AccountMaxWriteCapacityUnits": 80000,
        "TableMaxReadCapacityUnits": 40000,
        "TableMaxWriteCapacityUnits": 40000,
    }
