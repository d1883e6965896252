"""Small constructors and queries over graphql-core SDL nodes, shared by every directive."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graphql import value_from_ast_untyped
from graphql.language import ast

from transformer.errors import TransformerError
from transformer.scalars import DEFAULT_SCALARS

__all__ = [
    "TypeNodeT",
    "attribute_type_from_scalar",
    "blank_object",
    "directive_arguments",
    "find_directive",
    "find_directives",
    "find_field",
    "get_base_type",
    "is_list_type",
    "is_non_null_type",
    "is_scalar",
    "make_argument",
    "make_composite_key_condition_input",
    "make_composite_key_input",
    "make_directive",
    "make_enum",
    "make_field",
    "make_input_object",
    "make_input_value",
    "make_list_type",
    "make_named_type",
    "make_non_null_type",
    "make_scalar_key_condition_for_type",
    "make_scalar_key_condition_input",
    "make_value_node",
    "name_node",
    "unwrap_non_null",
    "with_named_node_named",
    "wrap_non_null",
]

TypeNodeT = ast.TypeNode


_NAMES: dict[str, ast.NameNode] = {}
_NAMED_TYPES: dict[str, ast.NamedTypeNode] = {}


def name_node(value: str) -> ast.NameNode:
    """A NameNode; nodes are immutable, so one instance per name is shared (speed)."""
    node = _NAMES.get(value)
    if node is None:
        node = _NAMES[value] = ast.NameNode(value=value)
    return node


def make_named_type(name: str) -> ast.NamedTypeNode:
    node = _NAMED_TYPES.get(name)
    if node is None:
        node = _NAMED_TYPES[name] = ast.NamedTypeNode(name=name_node(name))
    return node


def make_non_null_type(type_: ast.TypeNode) -> ast.NonNullTypeNode:
    return ast.NonNullTypeNode(type=type_)  # type: ignore[arg-type]


def make_list_type(type_: ast.TypeNode) -> ast.ListTypeNode:
    return ast.ListTypeNode(type=type_)


def wrap_non_null(type_: ast.TypeNode) -> ast.TypeNode:
    return type_ if isinstance(type_, ast.NonNullTypeNode) else make_non_null_type(type_)


def unwrap_non_null(type_: ast.TypeNode) -> ast.TypeNode:
    while isinstance(type_, ast.NonNullTypeNode):
        type_ = type_.type
    return type_


def get_base_type(type_: ast.TypeNode) -> str:
    while isinstance(type_, (ast.NonNullTypeNode, ast.ListTypeNode)):
        type_ = type_.type
    assert isinstance(type_, ast.NamedTypeNode)
    return type_.name.value


def is_list_type(type_: ast.TypeNode) -> bool:
    if isinstance(type_, ast.NonNullTypeNode):
        return is_list_type(type_.type)
    return isinstance(type_, ast.ListTypeNode)


def is_non_null_type(type_: ast.TypeNode) -> bool:
    return isinstance(type_, ast.NonNullTypeNode)


def is_scalar(type_: ast.TypeNode) -> bool:
    return get_base_type(type_) in DEFAULT_SCALARS


def with_named_node_named(type_: ast.TypeNode, name: str) -> ast.TypeNode:
    """The same wrapping (lists, non-null) around a different named type."""
    if isinstance(type_, ast.NonNullTypeNode):
        return make_non_null_type(with_named_node_named(type_.type, name))
    if isinstance(type_, ast.ListTypeNode):
        return make_list_type(with_named_node_named(type_.type, name))
    return make_named_type(name)


def make_value_node(value: Any) -> ast.ValueNode:
    if isinstance(value, bool):
        return ast.BooleanValueNode(value=value)
    if isinstance(value, str):
        return ast.StringValueNode(value=value)
    if isinstance(value, int):
        return ast.IntValueNode(value=str(value))
    if isinstance(value, float):
        return ast.FloatValueNode(value=repr(value))
    if value is None:
        return ast.NullValueNode()
    if isinstance(value, Mapping):
        return ast.ObjectValueNode(
            fields=tuple(
                ast.ObjectFieldNode(name=name_node(k), value=make_value_node(v))
                for k, v in value.items()
            )
        )
    return ast.ListValueNode(values=tuple(make_value_node(v) for v in value))


def make_argument(name: str, value: ast.ValueNode) -> ast.ArgumentNode:
    return ast.ArgumentNode(name=name_node(name), value=value)


def make_directive(name: str, arguments: Sequence[ast.ArgumentNode] = ()) -> ast.ConstDirectiveNode:
    return ast.ConstDirectiveNode(name=name_node(name), arguments=tuple(arguments))  # type: ignore[arg-type]


def make_input_value(name: str, type_: ast.TypeNode) -> ast.InputValueDefinitionNode:
    return ast.InputValueDefinitionNode(name=name_node(name), type=type_, directives=())


def make_field(
    name: str,
    arguments: Sequence[ast.InputValueDefinitionNode],
    type_: ast.TypeNode,
    directives: Sequence[ast.ConstDirectiveNode] = (),
) -> ast.FieldDefinitionNode:
    return ast.FieldDefinitionNode(
        name=name_node(name), arguments=tuple(arguments), type=type_, directives=tuple(directives)
    )


def blank_object(name: str) -> ast.ObjectTypeDefinitionNode:
    return ast.ObjectTypeDefinitionNode(
        name=name_node(name), fields=(), directives=(), interfaces=()
    )


def make_input_object(
    name: str, fields: Iterable[ast.InputValueDefinitionNode]
) -> ast.InputObjectTypeDefinitionNode:
    return ast.InputObjectTypeDefinitionNode(
        name=name_node(name), fields=tuple(fields), directives=()
    )


def make_enum(name: str, values: Iterable[str]) -> ast.EnumTypeDefinitionNode:
    return ast.EnumTypeDefinitionNode(
        name=name_node(name),
        values=tuple(ast.EnumValueDefinitionNode(name=name_node(v), directives=()) for v in values),
        directives=(),
    )


def find_directive(node: ast.Node, name: str) -> ast.DirectiveNode | None:
    for directive in getattr(node, "directives", None) or ():
        if directive.name.value == name:
            return directive  # type: ignore[no-any-return]
    return None


def find_directives(node: ast.Node, name: str) -> list[ast.DirectiveNode]:
    return [d for d in getattr(node, "directives", None) or () if d.name.value == name]


def find_field(
    obj: ast.ObjectTypeDefinitionNode | ast.InterfaceTypeDefinitionNode, name: str | None
) -> ast.FieldDefinitionNode | None:
    """The field called `name` (None when there is none, or no name was given)."""
    if name is None:
        return None
    return next((f for f in obj.fields or () if f.name.value == name), None)


def directive_arguments(directive: ast.DirectiveNode) -> dict[str, Any]:
    """Argument values as plain Python (lists, dicts, None for an explicit `null`)."""
    return {arg.name.value: value_from_ast_untyped(arg.value) for arg in directive.arguments or ()}


# ---- key condition inputs (shared by @key and @connection) -------------------------------
_KEY_CONDITIONS: dict[str, tuple[str, ...]] = {
    "String": ("eq", "le", "lt", "ge", "gt", "between", "beginsWith"),
    "ID": ("eq", "le", "lt", "ge", "gt", "between", "beginsWith"),
    "Int": ("eq", "le", "lt", "ge", "gt", "between"),
    "Float": ("eq", "le", "lt", "ge", "gt", "between"),
}


def make_scalar_key_condition_input(type_name: str) -> ast.InputObjectTypeDefinitionNode:
    """`ModelStringKeyConditionInput` and siblings (String, ID, Int, Float)."""
    return make_input_object(
        f"Model{type_name}KeyConditionInput",
        (
            make_input_value(
                c,
                make_list_type(make_named_type(type_name))
                if c == "between"
                else make_named_type(type_name),
            )
            for c in _KEY_CONDITIONS[type_name]
        ),
    )


def make_scalar_key_condition_for_type(
    type_: ast.TypeNode, resolve_non_scalar: Any = None
) -> ast.InputObjectTypeDefinitionNode | None:
    """The key-condition input for a sort key field's type, or None if there is none.

    `resolve_non_scalar(base_type_name)` names the scalar to use for non-scalar types (enums
    resolve to String in @key).
    """
    base = get_base_type(type_)
    resolved: str | None
    if is_scalar(type_):
        resolved = base
    else:
        resolved = resolve_non_scalar(base) if resolve_non_scalar else None
    name = DEFAULT_SCALARS.get(resolved, resolved) if resolved else None
    if name not in _KEY_CONDITIONS:
        return None
    return make_scalar_key_condition_input(name)


def make_composite_key_condition_input(
    model_name: str, key_name: str
) -> ast.InputObjectTypeDefinitionNode:
    input_name = f"Model{model_name}{key_name}CompositeKeyInput"
    return make_input_object(
        f"Model{model_name}{key_name}CompositeKeyConditionInput",
        (
            make_input_value(
                c,
                make_list_type(make_named_type(input_name))
                if c == "between"
                else make_named_type(input_name),
            )
            for c in _KEY_CONDITIONS["String"]
        ),
    )


def make_composite_key_input(
    model_name: str, key_name: str, fields: Sequence[ast.FieldDefinitionNode]
) -> ast.InputObjectTypeDefinitionNode:
    values = []
    for index, field in enumerate(fields):
        base = get_base_type(field.type)
        override = DEFAULT_SCALARS.get(base)
        name = override if index == len(fields) - 1 and override else base
        values.append(make_input_value(field.name.value, make_named_type(name)))
    return make_input_object(f"Model{model_name}{key_name}CompositeKeyInput", values)


def attribute_type_from_scalar(type_: ast.TypeNode) -> str:
    """DynamoDB attribute type (S / N) of a scalar used as a key.

    :raises TransformerError: for Boolean or non-scalar types, with the v1 message.
    """
    base = get_base_type(type_)
    scalar = DEFAULT_SCALARS.get(base)
    if scalar is None:
        raise TransformerError(f"Expected scalar and got {base}")
    if scalar in ("String", "ID"):
        return "S"
    if scalar in ("Int", "Float"):
        return "N"
    if scalar == "Boolean":
        raise TransformerError("Boolean values cannot be used as sort keys.")
    raise TransformerError(f"There is no valid DynamoDB attribute type for scalar {base}")
