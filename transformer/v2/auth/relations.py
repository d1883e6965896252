"""What auth needs to know about relations and keys: the connection and composite-key fields a
role may also write, and how a relational field's key maps onto the related model's key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphql.language import ast

from transformer.definitions import directive_arguments, get_base_type
from transformer.v2.context import TransformerContext
from transformer.v2.directives.relational_schema import (
    connection_attribute_name,
    object_primary_key,
    sort_key_connection_attribute_name,
)
from transformer.v2.errors import InvalidDirectiveError

__all__ = ["auto_generated_fields", "relational_primary_map"]


def _sort_key_names(node: Any) -> list[str]:
    for f in node.fields or ():
        for d in f.directives or ():
            if d.name.value == "primaryKey":
                value = directive_arguments(d).get("sortKeyFields")
                if isinstance(value, str):
                    return [value]
                return list(value or [])
    return []


def _input_objects(ctx: TransformerContext) -> list[ast.ObjectTypeDefinitionNode]:
    return [
        d for d in ctx.input_document.definitions if isinstance(d, ast.ObjectTypeDefinitionNode)
    ]


def auto_generated_fields(
    ctx: TransformerContext, definition: Any, allowed: Sequence[str], fields: Sequence[str]
) -> list[str]:
    """The allowed fields plus the fields the transformer itself adds: connection keys,
    composite sort keys of indexes whose parts are all allowed, DataStore's fields."""
    result = dict.fromkeys(allowed)
    model = definition.name.value
    objects = _input_objects(ctx)
    for related, f in _has_many_to(ctx).get(model, ()):
        key = object_primary_key(related).name.value
        result[connection_attribute_name(ctx, related.name.value, f.name.value, key)] = None
        for sort_key in _sort_key_names(related):
            result[
                sort_key_connection_attribute_name(related.name.value, f.name.value, sort_key)
            ] = None
    by_name = {f.name.value: f for f in definition.fields or ()}
    for name in fields:
        model_field = by_name.get(name)
        if model_field is None:
            continue
        for d in model_field.directives or ():
            if d.name.value not in ("hasOne", "belongsTo"):
                continue
            if any(arg.name.value == "fields" for arg in d.arguments or ()):
                continue
            related_node = next(
                (o for o in objects if o.name.value == get_base_type(model_field.type)), None
            )
            if related_node is None:
                continue
            counterpart = any(
                get_base_type(f.type) == model
                and any(x.name.value == "hasOne" for x in f.directives or ())
                for f in related_node.fields or ()
            )
            if d.name.value == "hasOne" or counterpart:
                result[
                    connection_attribute_name(
                        ctx, model, name, object_primary_key(related_node).name.value
                    )
                ] = None
                for sort_key in _sort_key_names(definition):
                    result[sort_key_connection_attribute_name(model, name, sort_key)] = None
    for f in definition.fields or ():
        for d in f.directives or ():
            if d.name.value not in ("primaryKey", "index"):
                continue
            for arg in d.arguments or ():
                if (
                    arg.name.value == "sortKeyFields"
                    and isinstance(arg.value, ast.ListValueNode)
                    and len(arg.value.values) > 1
                ):
                    values = arg.value.values
                    if all(
                        isinstance(v, ast.StringValueNode) and v.value in result for v in values
                    ):
                        result["#".join(v.value for v in values)] = None  # type: ignore[attr-defined]
    if _datastore(ctx):
        for name in ("_version", "_deleted", "_lastChangedAt"):
            result[name] = None
    return list(result)


def _has_many_to(
    ctx: TransformerContext,
) -> dict[str, list[tuple[ast.ObjectTypeDefinitionNode, ast.FieldDefinitionNode]]]:
    """Model name -> the @hasMany fields (and their types) that point at it (computed once)."""
    found = ctx.metadata.get("auth:hasManyTo")
    if found is None:
        found = {}
        for related in _input_objects(ctx):
            for f in related.fields or ():
                if any(d.name.value == "hasMany" for d in f.directives or ()):
                    found.setdefault(get_base_type(f.type), []).append((related, f))
        ctx.metadata["auth:hasManyTo"] = found
    return found


def _datastore(ctx: TransformerContext) -> bool:
    from transformer.v2.model.datastore import uses_datastore

    return uses_datastore(ctx)


def _key_fields(ctx: TransformerContext, model: str) -> list[str]:
    schema = ctx.tables[model].body["Properties"]["KeySchema"]
    keys = [k["AttributeName"] for k in schema if k["KeyType"] == "HASH"]
    for k in schema:
        if k["KeyType"] == "RANGE":
            keys += k["AttributeName"].split("#")
    return keys


def _index_key(ctx: TransformerContext, model: str, index: str) -> list[str]:
    properties = ctx.tables[model].body["Properties"]
    for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        for found in properties.get(kind) or ():
            if found["IndexName"] == index:
                return [k["AttributeName"] for k in found["KeySchema"]]
    return [k["AttributeName"] for k in properties["KeySchema"]]


def relational_primary_map(
    ctx: TransformerContext, definition: Any, field: ast.FieldDefinitionNode, related: Any
) -> dict[str, tuple[str, str]]:
    """Related key attribute -> ("source" | "args", the field its value comes from).

    :raises InvalidDirectiveError: `fields` whose count does not match the related key.
    """
    directive = next(
        d
        for d in field.directives or ()
        if d.name.value in ("hasOne", "belongsTo", "hasMany", "manyToMany")
    )
    args = directive_arguments(directive)
    model = definition.name.value
    related_name = related.name.value
    found: dict[str, tuple[str, str]] = {}
    if directive.name.value == "hasMany":
        index, fields = args.get("indexName"), args.get("fields")
        if index or fields:
            if isinstance(fields, str):
                fields = [fields]
            sources = list(fields) if fields else [_key_fields(ctx, model)[0]]
            related_keys = (
                _index_key(ctx, related_name, index) if index else _key_fields(ctx, related_name)
            )
            for position, attribute in enumerate(related_keys):
                if position < len(sources):
                    found[attribute] = ("source", sources[position])
                else:
                    found[attribute] = ("args", attribute)
    elif directive.name.value != "manyToMany":
        fields = args.get("fields")
        if fields is None:
            fields = [
                connection_attribute_name(ctx, model, field.name.value, related_name),
                *(
                    sort_key_connection_attribute_name(model, field.name.value, s)
                    for s in _sort_key_names(related)
                ),
            ]
        elif isinstance(fields, str):
            fields = [fields]
        related_keys = _key_fields(ctx, related_name)
        if len(fields) != len(related_keys):
            raise InvalidDirectiveError(
                f"Invalid @{directive.name.value} on {model}:{field.name.value}. Provided fields "
                f"do not match the size of primary key(s) for {related_name}"
            )
        for position, attribute in enumerate(related_keys):
            found[attribute] = ("source", fields[position])
    return found
