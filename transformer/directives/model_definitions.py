"""The types @model generates: inputs, filters, condition inputs, connection, subscriptions."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from graphql.language import ast

from transformer.definitions import (
    blank_object,
    get_base_type,
    is_list_type,
    is_non_null_type,
    is_scalar,
    make_argument,
    make_directive,
    make_enum,
    make_field,
    make_input_object,
    make_input_value,
    make_list_type,
    make_named_type,
    make_non_null_type,
    make_value_node,
    unwrap_non_null,
    with_named_node_named,
    wrap_non_null,
)
from transformer.naming import ModelResourceIDs as M

if TYPE_CHECKING:
    from transformer.context import TransformerContext

__all__ = [
    "add_connection_type",
    "add_filter_inputs",
    "add_scalar_and_enum_filter_inputs",
    "add_sort_direction_enum",
    "make_attribute_type_enum",
    "make_create_input",
    "make_delete_input",
    "make_enum_filter_inputs",
    "make_model_connection_field",
    "make_model_connection_fields",
    "make_model_x_condition_input",
    "make_model_x_filter_input",
    "make_non_model_input",
    "make_scalar_filter_inputs",
    "make_sort_direction_enum",
    "make_subscription_field",
    "make_update_input",
    "non_model_objects",
    "optional_non_nullable_fields",
]

_CONDITIONS: dict[str, tuple[str, ...]] = {
    "String": (
        "ne",
        "eq",
        "le",
        "lt",
        "ge",
        "gt",
        "contains",
        "notContains",
        "between",
        "beginsWith",
    ),
    "ID": ("ne", "eq", "le", "lt", "ge", "gt", "contains", "notContains", "between", "beginsWith"),
    "Int": ("ne", "eq", "le", "lt", "ge", "gt", "between"),
    "Float": ("ne", "eq", "le", "lt", "ge", "gt", "between"),
    "Boolean": ("ne", "eq"),
}
_SIZE_CONDITIONS = ("ne", "eq", "le", "lt", "ge", "gt", "between")
_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "String": ("attributeExists", "attributeType", "size"),
    "ID": ("attributeExists", "attributeType", "size"),
    "Int": ("attributeExists", "attributeType"),
    "Float": ("attributeExists", "attributeType"),
    "Boolean": ("attributeExists", "attributeType"),
}
_ATTRIBUTE_TYPES = (
    "binary",
    "binarySet",
    "bool",
    "list",
    "map",
    "number",
    "numberSet",
    "string",
    "stringSet",
    "_null",
)


def _is_enum(ctx: TransformerContext, type_: ast.TypeNode) -> bool:
    return isinstance(ctx.get_type(get_base_type(type_)), ast.EnumTypeDefinitionNode)


def non_model_objects(
    obj: ast.ObjectTypeDefinitionNode, ctx: TransformerContext, found: dict[str, Any] | None = None
) -> list[ast.ObjectTypeDefinitionNode]:
    """Object types without @model reachable from `obj`'s fields (they become inputs)."""
    found = {} if found is None else found
    for field in obj.fields or ():
        if is_scalar(field.type):
            continue
        definition = ctx.get_type(get_base_type(field.type))
        if (
            isinstance(definition, ast.ObjectTypeDefinitionNode)
            and not any(d.name.value == "model" for d in definition.directives or ())
            and definition.name.value not in found
        ):
            found[definition.name.value] = definition
            non_model_objects(definition, ctx, found)
    return list(found.values())


def _input_fields(
    obj: ast.ObjectTypeDefinitionNode, non_model: Sequence[Any], ctx: TransformerContext
) -> list[ast.FieldDefinitionNode]:
    names = {n.name.value for n in non_model}
    return [
        f
        for f in obj.fields or ()
        if is_scalar(f.type) or get_base_type(f.type) in names or _is_enum(ctx, f.type)
    ]


def _non_model_type(type_: ast.TypeNode, field_type: ast.TypeNode, names: set[str]) -> ast.TypeNode:
    base = get_base_type(field_type)
    return with_named_node_named(type_, M.non_model_input(base)) if base in names else type_


def make_non_model_input(
    obj: ast.ObjectTypeDefinitionNode, non_model: Sequence[Any], ctx: TransformerContext
) -> ast.InputObjectTypeDefinitionNode:
    names = {n.name.value for n in non_model}
    return make_input_object(
        M.non_model_input(obj.name.value),
        (
            make_input_value(f.name.value, _non_model_type(f.type, f.type, names))
            for f in _input_fields(obj, non_model, ctx)
        ),
    )


def make_create_input(
    obj: ast.ObjectTypeDefinitionNode,
    created_at: str | None,
    updated_at: str | None,
    non_model: Sequence[Any],
    ctx: TransformerContext,
    is_sync: bool = False,
) -> ast.InputObjectTypeDefinitionNode:
    auto: dict[str, tuple[str, ...]] = {"id": ("ID",)}
    if created_at is not None:
        auto[created_at] = ("AWSDateTime", "String")
    if updated_at is not None:
        auto[updated_at] = ("AWSDateTime", "String")
    names = {n.name.value for n in non_model}
    has_id = any(f.name.value == "id" for f in obj.fields or ())
    fields = []
    for f in _input_fields(obj, non_model, ctx):
        unwrapped: ast.TypeNode = unwrap_non_null(f.type)
        type_: ast.TypeNode
        if (
            f.name.value in auto
            and isinstance(unwrapped, ast.NamedTypeNode)
            and unwrapped.name.value in auto[f.name.value]
        ):
            type_ = unwrapped
        else:
            type_ = _non_model_type(f.type, f.type, names)
        fields.append(make_input_value(f.name.value, type_))
    if not has_id:
        fields.insert(0, make_input_value("id", make_named_type("ID")))
    if is_sync:
        fields.append(make_input_value("_version", make_named_type("Int")))
    return make_input_object(M.create_input(obj.name.value), fields)


def make_update_input(
    obj: ast.ObjectTypeDefinitionNode,
    non_model: Sequence[Any],
    ctx: TransformerContext,
    is_sync: bool = False,
) -> ast.InputObjectTypeDefinitionNode:
    names = {n.name.value for n in non_model}
    has_id = any(f.name.value == "id" for f in obj.fields or ())
    fields = []
    for f in _input_fields(obj, non_model, ctx):
        type_ = wrap_non_null(f.type) if f.name.value == "id" else unwrap_non_null(f.type)
        fields.append(make_input_value(f.name.value, _non_model_type(type_, f.type, names)))
    if not has_id:
        fields.insert(0, make_input_value("id", make_non_null_type(make_named_type("ID"))))
    if is_sync:
        fields.append(make_input_value("_version", make_named_type("Int")))
    return make_input_object(M.update_input(obj.name.value), fields)


def optional_non_nullable_fields(
    input_fields: Sequence[ast.InputValueDefinitionNode], obj: ast.ObjectTypeDefinitionNode
) -> list[str]:
    """Fields non-null on the type but optional in the input (update must not null them)."""
    by_name = {f.name.value: f for f in input_fields}
    return [
        f.name.value
        for f in obj.fields or ()
        if f.name.value in by_name
        and is_non_null_type(f.type)
        and not isinstance(by_name[f.name.value].type, ast.NonNullTypeNode)
    ]


def make_delete_input(
    obj: ast.ObjectTypeDefinitionNode, is_sync: bool = False
) -> ast.InputObjectTypeDefinitionNode:
    fields = [make_input_value("id", wrap_non_null(make_named_type("ID")))]
    if is_sync:
        fields.append(make_input_value("_version", make_named_type("Int")))
    return make_input_object(M.delete_input(obj.name.value), fields)


def _filter_fields(
    obj: ast.ObjectTypeDefinitionNode, ctx: TransformerContext, supports_conditions: bool, name: str
) -> list[ast.InputValueDefinitionNode]:
    fields = []
    for f in obj.fields or ():
        if not (is_scalar(f.type) or _is_enum(ctx, f.type)):
            continue
        base = get_base_type(f.type)
        if _is_enum(ctx, f.type) and is_list_type(f.type):
            filter_name = M.filter_list_input(base, not supports_conditions)
        else:
            filter_name = M.scalar_filter_input(base, not supports_conditions)
        fields.append(make_input_value(f.name.value, make_named_type(filter_name)))
    fields.extend(
        [
            make_input_value("and", make_list_type(make_named_type(name))),
            make_input_value("or", make_list_type(make_named_type(name))),
            make_input_value("not", make_named_type(name)),
        ]
    )
    return fields


def make_model_x_filter_input(
    obj: ast.ObjectTypeDefinitionNode, ctx: TransformerContext, supports_conditions: bool
) -> ast.InputObjectTypeDefinitionNode:
    name = M.filter_input(obj.name.value)
    return make_input_object(name, _filter_fields(obj, ctx, supports_conditions, name))


def make_model_x_condition_input(
    obj: ast.ObjectTypeDefinitionNode, ctx: TransformerContext, supports_conditions: bool
) -> ast.InputObjectTypeDefinitionNode:
    name = M.condition_input(obj.name.value)
    return make_input_object(name, _filter_fields(obj, ctx, supports_conditions, name))


def make_enum_filter_inputs(
    obj: ast.ObjectTypeDefinitionNode, ctx: TransformerContext, supports_conditions: bool
) -> list[ast.InputObjectTypeDefinitionNode]:
    inputs = []
    for f in obj.fields or ():
        if not _is_enum(ctx, f.type):
            continue
        type_name = get_base_type(f.type)
        is_list = is_list_type(f.type)
        name = (
            M.filter_list_input(type_name, not supports_conditions)
            if is_list
            else M.scalar_filter_input(type_name, not supports_conditions)
        )
        value_type: ast.TypeNode = (
            make_list_type(make_named_type(type_name)) if is_list else make_named_type(type_name)
        )
        fields = [make_input_value("eq", value_type), make_input_value("ne", value_type)]
        if is_list:
            fields.append(make_input_value("contains", make_named_type(type_name)))
            fields.append(make_input_value("notContains", make_named_type(type_name)))
        inputs.append(make_input_object(name, fields))
    return inputs


def make_sort_direction_enum() -> ast.EnumTypeDefinitionNode:
    return make_enum("ModelSortDirection", ("ASC", "DESC"))


def _scalar_filter_input(
    type_name: str, supports_conditions: bool
) -> ast.InputObjectTypeDefinitionNode:
    name = M.scalar_filter_input(type_name, not supports_conditions)
    fields = [
        make_input_value(
            c,
            make_list_type(make_named_type(type_name))
            if c == "between"
            else make_named_type(type_name),
        )
        for c in _CONDITIONS[type_name]
    ]
    if supports_conditions:
        functions = _FUNCTIONS[type_name]
        if "attributeExists" in functions:
            fields.append(make_input_value("attributeExists", make_named_type("Boolean")))
        if "attributeType" in functions:
            fields.append(make_input_value("attributeType", make_named_type(M.ATTRIBUTE_TYPES)))
        if "size" in functions:
            fields.append(make_input_value("size", make_named_type(M.SIZE_INPUT)))
    return make_input_object(name, fields)


def make_scalar_filter_inputs(supports_conditions: bool) -> list[ast.InputObjectTypeDefinitionNode]:
    inputs = [
        _scalar_filter_input(t, supports_conditions)
        for t in ("String", "ID", "Int", "Float", "Boolean")
    ]
    if supports_conditions:
        inputs.append(
            make_input_object(
                M.SIZE_INPUT,
                [
                    make_input_value(
                        c,
                        make_list_type(make_named_type("Int"))
                        if c == "between"
                        else make_named_type("Int"),
                    )
                    for c in _SIZE_CONDITIONS
                ],
            )
        )
    return inputs


def make_attribute_type_enum() -> ast.EnumTypeDefinitionNode:
    return make_enum(M.ATTRIBUTE_TYPES, _ATTRIBUTE_TYPES)


def make_model_connection_fields(
    type_name: str, is_sync: bool = False
) -> list[ast.FieldDefinitionNode]:
    fields = [
        make_field("items", [], make_non_null_type(make_list_type(make_named_type(type_name)))),
        make_field("nextToken", [], make_named_type("String")),
    ]
    if is_sync:
        fields.append(make_field("startedAt", [], make_named_type("AWSTimestamp")))
    return fields


def make_subscription_field(
    field_name: str, return_type: str, mutations: Sequence[str]
) -> ast.FieldDefinitionNode:
    return make_field(
        field_name,
        [],
        make_named_type(return_type),
        [
            make_directive(
                "aws_subscribe", [make_argument("mutations", make_value_node(list(mutations)))]
            )
        ],
    )


def make_model_connection_field(
    field_name: str,
    return_type: str,
    sort_key_info: dict[str, str] | None = None,
    directives: Sequence[ast.ConstDirectiveNode] = (),
) -> ast.FieldDefinitionNode:
    """A list/connection field with filter, sortDirection, limit, nextToken (+ sort key)."""
    arguments = [
        make_input_value("filter", make_named_type(M.filter_input(return_type))),
        make_input_value("sortDirection", make_named_type("ModelSortDirection")),
        make_input_value("limit", make_named_type("Int")),
        make_input_value("nextToken", make_named_type("String")),
    ]
    if sort_key_info:
        if sort_key_info["typeName"] == "Composite":
            from transformer.naming import to_upper

            named = make_named_type(
                M.composite_key_condition_input(
                    sort_key_info["model"], to_upper(sort_key_info["keyName"])
                )
            )
        else:
            named = make_named_type(M.key_condition_input(sort_key_info["typeName"]))
        arguments.insert(0, make_input_value(sort_key_info["fieldName"], named))
    return make_field(
        field_name, arguments, make_named_type(M.connection_type(return_type)), directives
    )


def make_list_connection_field(field_name: str, return_type: str) -> ast.FieldDefinitionNode:
    """The `listX(filter, limit, nextToken)` query field (graphql-transformer-common)."""
    return make_field(
        field_name,
        [
            make_input_value("filter", make_named_type(M.filter_input(return_type))),
            make_input_value("limit", make_named_type("Int")),
            make_input_value("nextToken", make_named_type("String")),
        ],
        make_named_type(M.connection_type(return_type)),
    )


# ---- adding the shared types once (@model, @key query fields and @connection fields) -------
def add_sort_direction_enum(ctx: TransformerContext) -> None:
    if not ctx.has_type("ModelSortDirection"):
        ctx.add_enum(make_sort_direction_enum())


def add_connection_type(ctx: TransformerContext, type_name: str, is_sync: bool = False) -> None:
    """`Model<T>Connection`, added by whichever of @model, @key or @connection needs it first."""
    name = M.connection_type(type_name)
    if not ctx.has_type(name):
        ctx.add_object(blank_object(name))
        ctx.add_fields_to_object(name, make_model_connection_fields(type_name, is_sync))


@functools.cache
def _scalar_filter_inputs(
    supports_conditions: bool,
) -> tuple[ast.InputObjectTypeDefinitionNode, ...]:
    """The shared scalar filter inputs (immutable nodes, built once per flavour)."""
    return tuple(make_scalar_filter_inputs(supports_conditions))


def add_scalar_and_enum_filter_inputs(
    ctx: TransformerContext, obj: ast.ObjectTypeDefinitionNode
) -> None:
    supports = ctx.supports_conditions()
    for scalar_filter in _scalar_filter_inputs(supports):
        if not ctx.has_type(scalar_filter.name.value):
            ctx.add_input(scalar_filter)
    for enum_filter in make_enum_filter_inputs(obj, ctx, supports):
        if not ctx.has_type(enum_filter.name.value):
            ctx.add_input(enum_filter)


def add_filter_inputs(ctx: TransformerContext, obj: ast.ObjectTypeDefinitionNode) -> None:
    """`Model<T>FilterInput` and the inputs its fields use, each added once."""
    add_scalar_and_enum_filter_inputs(ctx, obj)
    supports = ctx.supports_conditions()
    if not ctx.has_type(M.filter_input(obj.name.value)):
        ctx.add_input(make_model_x_filter_input(obj, ctx, supports))
    if supports and not ctx.has_type(M.ATTRIBUTE_TYPES):
        ctx.add_type(make_attribute_type_enum())
