"""What the relational directives add to the stacks: GSIs on the related tables and one
pipeline resolver per connection field in ConnectionStack."""

from __future__ import annotations

from typing import Any

from graphql.language import ast

from transformer.definitions import attribute_type_from_scalar, get_base_type
from transformer.mapping_template import ast as a
from transformer.naming import ResolverResourceIDs, to_upper
from transformer.v2.cdk import Resource
from transformer.v2.context import TransformerContext
from transformer.v2.directives import relational_templates as t
from transformer.v2.directives.keys import add_to_pre_auth, merge_inputs_and_defaults
from transformer.v2.directives.relational_schema import (
    Relation,
    connection_attribute_name,
    object_primary_key,
    primary_key_field_names,
    sort_key_fields,
)
from transformer.v2.errors import InvalidDirectiveError
from transformer.v2.resolver import QUERY_SLOTS, Template, TransformerResolver

__all__ = [
    "CONNECTION_STACK",
    "add_global_secondary_index",
    "attribute_type",
    "has_many_resolver",
    "references_has_many_resolver",
    "references_single_item_resolver",
    "single_item_resolver",
    "update_child_mutations_for_composite_sort_keys",
    "update_table_for_connection",
    "update_table_for_references_connection",
]

CONNECTION_STACK = "ConnectionStack"
_SEPARATOR = "#"


def attribute_type(ctx: TransformerContext, type_: ast.TypeNode) -> str:
    """DynamoDB key attribute type of a field type: enums are strings."""
    if isinstance(ctx.output.get(get_base_type(type_)), ast.EnumTypeDefinitionNode):
        return "S"
    return attribute_type_from_scalar(type_)


def _properties(table: Resource) -> dict[str, Any]:
    properties: dict[str, Any] = table.body["Properties"]
    return properties


def table_gsis(table: Resource) -> list[dict[str, Any]]:
    gsis: list[dict[str, Any]] = _properties(table).get("GlobalSecondaryIndexes", [])
    return gsis


def key_schema(table: Resource, index_name: str | None) -> list[str]:
    """The attribute names of the index's (GSI or LSI), or the table's, key schema, partition
    key first."""
    properties = _properties(table)
    for index in [
        *properties.get("GlobalSecondaryIndexes", []),
        *properties.get("LocalSecondaryIndexes", []),
    ]:
        if index["IndexName"] == index_name:
            return [k["AttributeName"] for k in index["KeySchema"]]
    return [k["AttributeName"] for k in _properties(table)["KeySchema"]]


def add_global_secondary_index(
    ctx: TransformerContext,
    model: str,
    index_name: str,
    partition: tuple[str, str],
    sort: tuple[str, str] | None,
) -> None:
    """Append a GSI (projection ALL, the model's provisioned throughput rule) to a model's table."""
    table = ctx.tables[model]
    properties = _properties(table)
    definitions: list[dict[str, str]] = properties["AttributeDefinitions"]
    keys = [partition] if sort is None else [partition, sort]
    for name, type_ in keys:
        if not any(d["AttributeName"] == name for d in definitions):
            definitions.append({"AttributeName": name, "AttributeType": type_})
    index = {
        "IndexName": index_name,
        "KeySchema": [
            {"AttributeName": name, "KeyType": "HASH" if i == 0 else "RANGE"}
            for i, (name, _t) in enumerate(keys)
        ],
        "Projection": {"ProjectionType": "ALL"},
        "ProvisionedThroughput": {
            "Fn::If": [
                "ShouldUsePayPerRequestBilling",
                {"Ref": "AWS::NoValue"},
                {
                    "ReadCapacityUnits": {"Ref": "DynamoDBModelTableReadIOPS"},
                    "WriteCapacityUnits": {"Ref": "DynamoDBModelTableWriteIOPS"},
                },
            ]
        },
    }
    if "GlobalSecondaryIndexes" in properties:
        properties["GlobalSecondaryIndexes"].append(index)
    else:
        properties["GlobalSecondaryIndexes"] = [index]
        table.body["Properties"] = dict(sorted(properties.items()))


def update_table_for_connection(ctx: TransformerContext, relation: Relation) -> None:
    """An implicit @hasMany (no `fields`, no `indexName`) queries a GSI
    `gsi-<Parent>.<field>` it adds."""
    if relation.index_name or relation.fields:
        return
    object_name = ctx.get_model_name_mapping(relation.object.name.value)
    field_name = relation.field.name.value
    table = ctx.tables[relation.related_type.name.value]
    index_name = f"gsi-{object_name}.{field_name}"
    relation.index_name = index_name
    if any(g["IndexName"] == index_name for g in table_gsis(table)):
        return
    respect = ctx.parameters.respectPrimaryKeyAttributesOnConnectionField
    primary_key = object_primary_key(relation.object)
    partition = (
        connection_attribute_name(ctx, object_name, field_name, primary_key.name.value),
        attribute_type(ctx, primary_key.type) if respect else "S",
    )
    sort: tuple[str, str] | None = None
    sorts = sort_key_fields(ctx.output.get(relation.object.name.value)) if respect else []
    if len(sorts) == 1:
        sort = (
            connection_attribute_name(ctx, object_name, field_name, sorts[0].name.value),
            attribute_type(ctx, sorts[0].type),
        )
    elif len(sorts) > 1:
        names = [
            connection_attribute_name(ctx, object_name, field_name, s.name.value) for s in sorts
        ]
        sort = (_SEPARATOR.join(names), "S")
    add_global_secondary_index(ctx, relation.related_type.name.value, index_name, partition, sort)


def update_table_for_references_connection(ctx: TransformerContext, relation: Relation) -> None:
    """A @hasMany / @hasOne with `references` queries a GSI on the reference fields."""
    related = relation.related_type.name.value
    table = ctx.tables[related]
    assert relation.index_name is not None
    if any(g["IndexName"] == relation.index_name for g in table_gsis(table)):
        raise InvalidDirectiveError(
            f"Global secondary index {relation.index_name} defined on {related} conflicts with "
            "the naming "
            "convention used to create implicit GSIs for querying relationships. Please "
            "rename your @index"
        )
    nodes = relation.reference_nodes
    partition = (nodes[0].name.value, attribute_type(ctx, nodes[0].type))
    sort: tuple[str, str] | None = None
    if len(nodes) == 2:
        sort = (nodes[1].name.value, attribute_type(ctx, nodes[1].type))
    elif len(nodes) > 2:
        sort = (_SEPARATOR.join(n.name.value for n in nodes[1:]), "S")
    add_global_secondary_index(ctx, related, relation.index_name, partition, sort)


def _add_resolver(ctx: TransformerContext, relation: Relation, request: str, response: str) -> None:
    object_name = relation.object.name.value
    field_name = relation.field.name.value
    resolver = TransformerResolver(
        object_name,
        field_name,
        ResolverResourceIDs.resolver(object_name, field_name),
        Template.s3(request, f"{object_name}.{field_name}.req.vtl"),
        Template.s3(response, f"{object_name}.{field_name}.res.vtl"),
        QUERY_SLOTS,
        ctx.data_sources[relation.related_type.name.value],
        ctx.stack_for(CONNECTION_STACK),
    )
    ctx.add_resolver(resolver)


def has_many_resolver(ctx: TransformerContext, relation: Relation) -> None:
    """Query the related index with this item's key (the `fields`, or the stored attributes)."""
    attributes = relation.fields if relation.fields else relation.connection_fields
    if not attributes:
        raise ValueError("Either connection fields or local fields should be populated.")
    related = relation.related_type
    keys = key_schema(ctx.tables[related.name.value], relation.index_name)
    condition: Any = None
    if len(keys) > 1 and len(attributes) < 2:
        sort_field = next((f for f in related.fields or () if f.name.value == keys[1]), None)
        if sort_field is not None:
            condition = (keys[1], attribute_type_from_scalar(sort_field.type))
        else:
            condition = (keys[1].split(_SEPARATOR), keys[1])
    request = t.has_many_request(
        partition_source=attributes[0],
        sort_sources=attributes[1:],
        key_schema=keys,
        limit=relation.limit,
        index_name=relation.index_name,
        sort_key_condition=condition,
    )
    _add_resolver(ctx, relation, request, t.has_many_response())


def _source_type(ctx: TransformerContext, node: Any, field_name: str) -> str:
    found = next((f for f in (node.fields or ()) if f.name.value == field_name), None)
    return attribute_type_from_scalar(found.type) if found is not None else "S"


def _condensed_source(fields: list[str]) -> a.Reference:
    joined = _SEPARATOR.join(f"${{ctx.source.{f}}}" for f in fields)
    return a.ref(
        f'util.parseJson($util.dynamodb.toDynamoDBJson($util.defaultIfNullOrBlank("{joined}", '
        f'"{t.NONE_VALUE}")))'
    )


def single_item_resolver(ctx: TransformerContext, relation: Relation) -> None:
    """@hasOne / @belongsTo: query the related table's primary key with this item's key fields."""
    if not relation.related_type_index:
        raise ValueError("Expected relatedType index fields to be set for connection.")
    local = relation.fields if relation.fields else relation.connection_fields
    keys = key_schema(ctx.tables[relation.related_type.name.value], None)
    source = ctx.output.get(relation.object.name.value)
    conditions: list[tuple[str, a.Expression]] = [
        (
            keys[0],
            t.key_value_expression(
                f"${t.PARTITION_KEY_VALUE}", _source_type(ctx, source, local[0])
            ),
        )
    ]
    if len(relation.related_type_index) > 2:
        conditions.append((keys[1], _condensed_source(local[1:])))
    elif len(relation.related_type_index) == 2:
        conditions.append(
            (
                keys[1],
                t.key_value_expression(
                    f"$ctx.source.{local[1]}", _source_type(ctx, source, local[1])
                ),
            )
        )
    request = t.single_item_request(
        partition_source=local[0], null_checked_sources=local[1:], key_conditions=conditions
    )
    _add_resolver(ctx, relation, request, t.single_item_response())


def update_child_mutations_for_composite_sort_keys(
    ctx: TransformerContext, relation: Relation
) -> None:
    """A `references` relation with two or more sort key references checks the child's
    create/update input in preAuth and writes the condensed GSI sort key."""
    references = relation.references or []
    if len(relation.reference_nodes) < 3:
        return
    related = to_upper(relation.related_type.name.value)
    assert relation.index_name is not None
    for operation in ("update", "create"):
        resolver = ctx.get_resolver("Mutation", f"{operation}{related}")
        if resolver is None:
            continue
        checks = t.composite_sort_key_checks(relation.index_name, references[1:], operation)
        if checks:
            add_to_pre_auth(resolver, [merge_inputs_and_defaults(), *checks])


def references_has_many_resolver(ctx: TransformerContext, relation: Relation) -> None:
    """@hasMany(references:): query the related GSI on the reference fields with this item's key."""
    assert relation.references
    primary = primary_key_field_names(relation.object)
    references = relation.references
    request = t.has_many_request(
        partition_source=primary[0],
        sort_sources=primary[1:],
        key_schema=[references[0]],
        limit=relation.limit,
        index_name=relation.index_name,
        references_sort_key=_SEPARATOR.join(references[1:]) if len(references) > 1 else None,
    )
    _add_resolver(ctx, relation, request, t.has_many_response())


def references_single_item_resolver(ctx: TransformerContext, relation: Relation) -> None:
    """@hasOne(references:) queries the related GSI; @belongsTo(references:) the related key."""
    assert relation.references
    references = relation.references
    source = ctx.output.get(relation.object.name.value)
    if relation.directive_name == "hasOne":
        primary = primary_key_field_names(relation.object)
        conditions: list[tuple[str, a.Expression]] = [
            (
                references[0],
                t.key_value_expression(
                    f"${t.PARTITION_KEY_VALUE}",
                    _source_type(ctx, relation.related_type, references[0]),
                ),
            )
        ]
        if len(references) > 2:
            conditions.append((_SEPARATOR.join(references[1:]), _condensed_source(primary[1:])))
        elif len(references) == 2:
            conditions.append(
                (
                    references[1],
                    t.key_value_expression(
                        f"$ctx.source.{primary[1]}", _source_type(ctx, source, primary[1])
                    ),
                )
            )
        request = t.single_item_request(
            partition_source=primary[0],
            null_checked_sources=primary[1:],
            key_conditions=conditions,
            index_name=relation.index_name,
        )
        _add_resolver(ctx, relation, request, t.single_item_response(references_has_one=True))
        return
    keys = key_schema(ctx.tables[relation.related_type.name.value], None)
    conditions = [
        (
            keys[0],
            t.key_value_expression(
                f"${t.PARTITION_KEY_VALUE}", _source_type(ctx, source, references[0])
            ),
        )
    ]
    if len(references) > 2:
        conditions.append((keys[1], _condensed_source(references[1:])))
    elif len(references) == 2:
        conditions.append(
            (
                keys[1],
                t.key_value_expression(
                    f"$ctx.source.{references[1]}", _source_type(ctx, source, references[1])
                ),
            )
        )
    request = t.single_item_request(
        partition_source=references[0],
        null_checked_sources=references[1:],
        key_conditions=conditions,
    )
    _add_resolver(ctx, relation, request, t.single_item_response())
