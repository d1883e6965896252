"""What the relational directives add to the output schema.

The connection attribute a @hasMany / @hasOne stores on an item (`postCommentsId`, plus
`postCommentsTitle`... for each sort key field of the parent's primary key) becomes a field
of the type holding it and of its create / update / filter / condition inputs; a @hasMany
field becomes a paginated connection field with `filter`, `sortDirection`, `limit`,
`nextToken` (and a sort key condition when the related index has one). Quirk kept from the
real transformer: the connection attribute of a @hasMany goes into the *parent's*
subscription filter input, not the child's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from graphql.language import ast

from transformer.definitions import (
    directive_arguments,
    get_base_type,
    is_list_type,
    is_non_null_type,
    is_scalar,
    make_field,
    make_input_value,
    make_list_type,
    make_named_type,
    make_non_null_type,
    make_scalar_key_condition_for_type,
)
from transformer.naming import ModelResourceIDs, to_camel_case, to_pascal_case, to_upper
from transformer.scalars import DEFAULT_SCALARS
from transformer.v2.context import TransformerContext

__all__ = [
    "Relation",
    "connection_attribute_name",
    "ensure_belongs_to_connection_field",
    "ensure_has_many_connection_field",
    "ensure_has_one_connection_field",
    "extend_type_with_connection",
    "many_to_many_attribute_name",
    "object_primary_key",
    "primary_key_field_names",
    "sort_key_connection_attribute_name",
    "sort_key_fields",
]


@dataclass
class Relation:
    """One use of a relational directive, filled in phase by phase as the real transformer does."""

    directive_name: str
    object: ast.ObjectTypeDefinitionNode
    field: ast.FieldDefinitionNode
    fields: list[str] | None = None
    references: list[str] | None = None
    index_name: str | None = None
    limit: int = 100
    related_type: Any = None
    related_type_index: list[ast.FieldDefinitionNode] = dataclasses.field(default_factory=list)
    connection_fields: list[str] = dataclasses.field(default_factory=list)
    field_nodes: list[ast.FieldDefinitionNode] = dataclasses.field(default_factory=list)
    reference_nodes: list[ast.FieldDefinitionNode] = dataclasses.field(default_factory=list)
    relation_type: str | None = None
    related_field: ast.FieldDefinitionNode | None = None
    relation_name: str | None = None

    @classmethod
    def from_directive(
        cls,
        name: str,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> Relation:
        args = directive_arguments(directive)
        relation = cls(name, parent, definition)
        if "fields" in args:
            relation.fields = _string_list(args["fields"])
        if "references" in args:
            relation.references = _string_list(args["references"])
        if args.get("indexName") is not None:
            relation.index_name = str(args["indexName"])
        if args.get("limit") is not None:
            relation.limit = int(args["limit"])
        if args.get("relationName") is not None:
            relation.relation_name = str(args["relationName"])
        return relation


def _string_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


# ---- keys and names ------------------------------------------------------------------------
def object_primary_key(node: Any) -> ast.FieldDefinitionNode:
    """The field marked @primaryKey (the last one if several), else an implicit `id: ID!`."""
    found: ast.FieldDefinitionNode = make_field("id", [], make_non_null_type(make_named_type("ID")))
    for f in node.fields or ():
        for d in f.directives or ():
            if d.name.value == "primaryKey":
                found = f
    return found


def sort_key_fields(node: Any) -> list[ast.FieldDefinitionNode]:
    """The fields named by `@primaryKey(sortKeyFields:)`, looked up in `node` itself."""
    by_name = {f.name.value: f for f in node.fields or ()}
    found: list[ast.FieldDefinitionNode] = []
    for f in node.fields or ():
        for d in f.directives or ():
            if d.name.value != "primaryKey":
                continue
            for arg in d.arguments or ():
                if arg.name.value != "sortKeyFields":
                    continue
                if isinstance(arg.value, ast.StringValueNode):
                    found.append(by_name[arg.value.value])
                elif isinstance(arg.value, ast.ListValueNode):
                    found.extend(by_name[v.value] for v in arg.value.values)  # type: ignore[attr-defined]
    return found


def primary_key_field_names(node: Any) -> list[str]:
    """The partition key field name and the sort key field names (`['id']` without @primaryKey)."""
    for f in node.fields or ():
        for d in f.directives or ():
            if d.name.value == "primaryKey":
                names = [f.name.value]
                for arg in d.arguments or ():
                    if arg.name.value == "sortKeyFields" and isinstance(
                        arg.value, ast.ListValueNode
                    ):
                        names.extend(v.value for v in arg.value.values)  # type: ignore[attr-defined]
                return names
    return ["id"]


def connection_attribute_name(
    ctx: TransformerContext, type_name: str, field_name: str, key_field: str
) -> str:
    """`<type><Field><KeyField>`: the key field name kept with
    respectPrimaryKeyAttributesOnConnectionField, else `Id`."""
    suffix = key_field if ctx.parameters.respectPrimaryKeyAttributesOnConnectionField else "id"
    return to_camel_case([type_name, field_name, suffix])


def many_to_many_attribute_name(ctx: TransformerContext, field_name: str, key_field: str) -> str:
    suffix = (
        to_pascal_case([key_field])
        if ctx.parameters.respectPrimaryKeyAttributesOnConnectionField
        else "ID"
    )
    return f"{to_camel_case([field_name])}{suffix}"


def sort_key_connection_attribute_name(type_name: str, field_name: str, key_field: str) -> str:
    return to_camel_case([type_name, field_name, key_field])


def _key_type(ctx: TransformerContext, primary_key: ast.FieldDefinitionNode) -> str:
    if ctx.parameters.respectPrimaryKeyAttributesOnConnectionField:
        return get_base_type(primary_key.type)
    return "ID"


def _scalar_filter_name(type_name: str, subscription: bool) -> str:
    name = DEFAULT_SCALARS.get(type_name, type_name)
    return f"Model{'Subscription' if subscription else ''}{name}Input"


# ---- adding connection attributes --------------------------------------------------------------
def _typed(name: str, type_name: str, non_null: bool) -> ast.NamedTypeNode | ast.NonNullTypeNode:
    named = make_named_type(type_name)
    return make_non_null_type(named) if non_null else named


def _add_object_fields(
    ctx: TransformerContext, type_name: str, new: list[tuple[str, str, bool]]
) -> None:
    node = ctx.output.get(type_name)
    if node is None:
        return
    fields = list(node.fields or ())
    for name, type_name_, non_null in new:
        if not any(f.name.value == name for f in fields):
            fields.append(make_field(name, [], _typed(name, type_name_, non_null)))
    ctx.output.put(_replace(node, fields=tuple(fields)))


def _add_input_fields(
    ctx: TransformerContext, input_name: str, new: list[tuple[str, str, bool]]
) -> None:
    node = ctx.output.get(input_name)
    if node is None:
        return
    fields = list(node.fields or ())
    for name, type_name, non_null in new:
        if not any(f.name.value == name for f in fields):
            fields.append(make_input_value(name, _typed(name, type_name, non_null)))
    ctx.output.put(_replace(node, fields=tuple(fields)))


def _add_connection_attributes(
    ctx: TransformerContext,
    target_type: str,
    subscription_type: str,
    attribute: str,
    key_type: str,
    sort_fields: list[tuple[str, str]],
    non_null: bool,
) -> None:
    """The attribute (and its sort key siblings) on the type and its inputs."""
    plain = [(attribute, key_type, non_null), *((n, t, non_null) for n, t in sort_fields)]
    _add_object_fields(ctx, target_type, plain)
    _add_input_fields(ctx, ModelResourceIDs.create_input(target_type), plain)
    _add_input_fields(
        ctx,
        ModelResourceIDs.update_input(target_type),
        [(attribute, key_type, False), *((n, t, False) for n, t in sort_fields)],
    )
    filters = [
        (attribute, _scalar_filter_name(key_type, False), False),
        *((n, _scalar_filter_name(t, False), False) for n, t in sort_fields),
    ]
    _add_input_fields(ctx, to_pascal_case(["Model", target_type, "FilterInput"]), filters)
    _add_input_fields(ctx, to_pascal_case(["Model", target_type, "ConditionInput"]), filters)
    _add_input_fields(
        ctx,
        to_pascal_case(["ModelSubscription", subscription_type, "FilterInput"]),
        [
            (attribute, _scalar_filter_name(key_type, True), False),
            *((n, _scalar_filter_name(t, True), False) for n, t in sort_fields),
        ],
    )


def ensure_has_one_connection_field(ctx: TransformerContext, relation: Relation) -> None:
    """A @hasOne (or @belongsTo of a @hasOne) without `fields` stores the related key itself."""
    if relation.field_nodes or relation.references:
        return
    object_name = relation.object.name.value
    field_name = relation.field.name.value
    primary_key = object_primary_key(relation.related_type)
    attribute = connection_attribute_name(ctx, object_name, field_name, primary_key.name.value)
    related_output = ctx.output.get(relation.related_type.name.value)
    sorts = sort_key_fields(related_output)
    sort_attributes = [
        (
            sort_key_connection_attribute_name(object_name, field_name, s.name.value),
            get_base_type(s.type),
        )
        for s in sorts
    ]
    _add_connection_attributes(
        ctx,
        object_name,
        object_name,
        attribute,
        _key_type(ctx, primary_key),
        sort_attributes,
        is_non_null_type(relation.field.type),
    )
    relation.connection_fields.append(attribute)
    relation.connection_fields.extend(
        sort_key_connection_attribute_name(object_name, field_name, name)
        for name in primary_key_field_names(relation.related_type)[1:]
        if _has_primary_key(relation.related_type)
    )


def _has_primary_key(node: Any) -> bool:
    return any(d.name.value == "primaryKey" for f in node.fields or () for d in f.directives or ())


def ensure_belongs_to_connection_field(ctx: TransformerContext, relation: Relation) -> None:
    """@belongsTo of a @hasOne stores the key like the @hasOne; of a @hasMany it reads the
    attribute the @hasMany put on this type."""
    if relation.relation_type == "hasOne" or relation.references:
        ensure_has_one_connection_field(ctx, relation)
        return
    related = relation.related_type
    assert relation.related_field is not None
    primary_key = object_primary_key(related)
    relation.connection_fields.append(
        connection_attribute_name(
            ctx, related.name.value, relation.related_field.name.value, primary_key.name.value
        )
    )
    relation.connection_fields.extend(
        sort_key_connection_attribute_name(
            related.name.value, relation.related_field.name.value, name
        )
        for name in primary_key_field_names(related)[1:]
        if _has_primary_key(related)
    )


def ensure_has_many_connection_field(ctx: TransformerContext, relation: Relation) -> None:
    """A @hasMany without `fields` puts the parent's key on every related item."""
    if relation.field_nodes or relation.references:
        return
    object_name = relation.object.name.value
    field_name = relation.field.name.value
    sorts = sort_key_fields(ctx.output.get(object_name))
    primary_key = object_primary_key(relation.object)
    relation.connection_fields.extend([primary_key.name.value, *(s.name.value for s in sorts)])
    attribute = connection_attribute_name(ctx, object_name, field_name, primary_key.name.value)
    sort_attributes = [
        (
            sort_key_connection_attribute_name(object_name, field_name, s.name.value),
            get_base_type(s.type),
        )
        for s in sorts
    ]
    _add_connection_attributes(
        ctx,
        relation.related_type.name.value,
        object_name,
        attribute,
        _key_type(ctx, primary_key),
        sort_attributes,
        is_non_null_type(relation.field.type),
    )


# ---- the connection field ------------------------------------------------------------------------
def extend_type_with_connection(ctx: TransformerContext, relation: Relation) -> None:
    """Turn a @hasMany / @manyToMany field into
    `field(filter, sortDirection, limit, nextToken): ModelXConnection`."""
    related_name = relation.related_type.name.value
    connection_name = ModelResourceIDs.connection_type(related_name)
    if not ctx.output.has(connection_name):
        ctx.output.add(
            ast.ObjectTypeDefinitionNode(
                name=ast.NameNode(value=connection_name),
                fields=(
                    make_field(
                        "items",
                        [],
                        make_non_null_type(make_list_type(make_named_type(related_name))),
                    ),
                    make_field("nextToken", [], make_named_type("String")),
                ),
                directives=(),
                interfaces=(),
            )
        )
    object_name = relation.object.name.value
    ctx.output.replace_field(object_name, _connection_field(relation))
    if not ctx.output.has("ModelSortDirection"):
        ctx.output.add(
            ast.EnumTypeDefinitionNode(
                name=ast.NameNode(value="ModelSortDirection"),
                values=tuple(
                    ast.EnumValueDefinitionNode(name=ast.NameNode(value=v), directives=())
                    for v in ("ASC", "DESC")
                ),
                directives=(),
            )
        )
    filter_input = _filter_input(ctx, relation)
    if not ctx.output.has(filter_input.name.value):
        ctx.output.add(filter_input)
    if len(relation.related_type_index) == 2:
        key_input = make_scalar_key_condition_for_type(
            make_named_type(get_base_type(relation.related_type_index[1].type))
        )
        if key_input is not None and not ctx.output.has(key_input.name.value):
            ctx.output.add(key_input)


def _connection_field(relation: Relation) -> ast.FieldDefinitionNode:
    related_name = relation.related_type.name.value
    args = [
        make_input_value("filter", make_named_type(ModelResourceIDs.filter_input(related_name))),
        make_input_value("sortDirection", make_named_type("ModelSortDirection")),
        make_input_value("limit", make_named_type("Int")),
        make_input_value("nextToken", make_named_type("String")),
    ]
    index = relation.related_type_index
    if relation.fields is not None and len(relation.fields) < 2 and len(index) > 1:
        if len(index) == 2:
            sort_field = index[1]
            args.insert(
                0,
                make_input_value(
                    sort_field.name.value,
                    make_named_type(
                        ModelResourceIDs.key_condition_input(get_base_type(sort_field.type))
                    ),
                ),
            )
        else:
            names = [f.name.value for f in index[1:]]
            args.insert(
                0,
                make_input_value(
                    to_camel_case(names),
                    make_named_type(
                        ModelResourceIDs.composite_key_condition_input(
                            related_name, to_upper(relation.index_name or "Primary")
                        )
                    ),
                ),
            )
    return make_field(
        relation.field.name.value,
        args,
        make_named_type(ModelResourceIDs.connection_type(related_name)),
        list(relation.field.directives or ()),
    )


def _filter_input(ctx: TransformerContext, relation: Relation) -> ast.InputObjectTypeDefinitionNode:
    related = relation.related_type
    name = ModelResourceIDs.filter_input(related.name.value)
    values: list[ast.InputValueDefinitionNode] = []
    for f in related.fields or ():
        output_type = ctx.output.get(get_base_type(f.type))
        is_enum = isinstance(output_type, ast.EnumTypeDefinitionNode)
        if not (is_scalar(f.type) or is_enum):
            continue
        values.append(
            ast.InputValueDefinitionNode(
                name=f.name,
                type=make_named_type(_scalar_filter_name(get_base_type(f.type), False)),
                directives=(),
            )
        )
    values.append(make_input_value("and", make_list_type(make_named_type(name))))
    values.append(make_input_value("or", make_list_type(make_named_type(name))))
    values.append(make_input_value("not", make_named_type(name)))
    if ctx.config.resolver_config:
        values.append(make_input_value("_deleted", make_named_type("ModelBooleanInput")))
    return ast.InputObjectTypeDefinitionNode(
        name=ast.NameNode(value=name), fields=tuple(values), directives=()
    )


def _replace(node: Any, **changes: Any) -> Any:
    values = {key: getattr(node, key, None) for key in node.keys}
    values.update(changes)
    return type(node)(**values)


def is_list(node: ast.FieldDefinitionNode) -> bool:
    return is_list_type(node.type)
