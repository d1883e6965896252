"""The @mapsTo field-mapping Lambda of v2 builds (`MapsToFieldMappingLambdaFunction`), in process.

The v2 transformer attaches it to every resolver of a model whose relations' foreign keys were
stored under a renamed model's old name; it renames the keys of the `filter` and `condition`
arguments (at any depth, through `and`/`or`/`not` lists) and the `field` of `sort` and
`aggregates` entries from the current field names to the stored ones, and returns the
arguments. The function ships with the transformer, not with the project, so the mock runs this
equivalent of it instead of a Node process.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.data_sources.lambda_ import LambdaDataSource, LambdaInvokeError
from transformer.v2.directives.maps_to_fields import (
    FIELD_MAPPING_DATA_SOURCE,
    FIELD_MAPPING_FUNCTION,
)

__all__ = ["FieldMappingInvoker", "field_mapping_data_source", "is_field_mapping_function"]


def is_field_mapping_function(properties: Mapping[str, Any]) -> bool:
    """An `AWS::Lambda::Function` whose code is the transformer's field-mapping asset."""
    code = properties.get("Code")
    key = code.get("S3Key") if isinstance(code, Mapping) else None
    return isinstance(key, str) and key.endswith(f"functions/{FIELD_MAPPING_FUNCTION}.zip")


def _falsy(value: Any) -> bool:
    """JavaScript's `!value` (an empty object or list is truthy)."""
    return value is None or value is False or (isinstance(value, (int, float, str)) and not value)


def map_arguments(args: Any, field_map: Any) -> Any:
    """The Lambda's result: `args` with the mapped names renamed, in place.

    A null inside `filter`/`condition` fails as the function does (it walks every object value).

    :raises LambdaInvokeError: `args` or `field_map` missing (the function's own messages).
    """
    if _falsy(args):
        raise LambdaInvokeError("Error", "Event did not specify GraphQL input arguments")
    if _falsy(field_map):
        raise LambdaInvokeError("Error", "Event did not specify field mappings")
    pending: list[Any] = [args[key] for key in ("filter", "condition") if not _falsy(args.get(key))]
    while pending:
        node = pending.pop()
        if node is None:
            raise LambdaInvokeError("TypeError", "Cannot convert undefined or null to object")
        entries = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        for key, value in entries:
            if isinstance(node, dict) and key in field_map:
                node[field_map[key]] = node.pop(key)
            elif value is None or isinstance(value, (dict, list)):
                pending.append(value)
    for key in ("sort", "aggregates"):
        entries = args.get(key)
        if isinstance(entries, list):
            for entry in entries:
                if isinstance(entry, dict) and entry.get("field") in field_map:
                    entry["field"] = field_map[entry["field"]]
    return args


class FieldMappingInvoker:
    """A `LambdaInvoker` that runs only the field-mapping function."""

    async def invoke(self, function_name: str, payload: Any) -> Any:
        payload = payload if isinstance(payload, dict) else {}
        return map_arguments(payload.get("args"), payload.get("fieldMap"))


def field_mapping_data_source(name: str, function_name: str | None) -> LambdaDataSource | None:
    """The data source of the field-mapping Lambda, or None for any other data source."""
    if name != FIELD_MAPPING_DATA_SOURCE:
        return None
    return LambdaDataSource(
        name, function_name=function_name or FIELD_MAPPING_FUNCTION, invoker=FieldMappingInvoker()
    )
