"""Print SDL exactly as graphql-js 15 does (the printer the v1 transformer's output came from).

graphql-core's `print_ast` follows newer graphql-js (spaces inside object values, wrapped
long lists), which would change generated schemas; this printer keeps the v1 layout.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from graphql.language import ast

__all__ = ["print_definition", "print_document", "print_value"]


def _join(items: Iterable[str | None], separator: str = "") -> str:
    return separator.join(i for i in items if i)


def _wrap(start: str, value: str | None, end: str = "") -> str:
    return start + value + end if value else ""


def _indent(text: str) -> str:
    return _wrap("  ", text.replace("\n", "\n  "))


def _block(items: Iterable[str]) -> str:
    return _wrap("{\n", _indent(_join(items, "\n")), "\n}")


def _block_string(value: str, indentation: str = "") -> str:
    single_line = "\n" not in value
    leading_space = value[:1] in (" ", "\t")
    multiple = not single_line or value.endswith('"') or value.endswith("\\")
    result = ""
    if multiple and not (single_line and leading_space):
        result += "\n" + indentation
    result += value.replace("\n", "\n" + indentation) if indentation else value
    if multiple:
        result += "\n"
    return '"""' + result.replace('"""', '\\"""') + '"""'


def _string(node: ast.StringValueNode, is_description: bool = False) -> str:
    if node.block:
        return _block_string(node.value, "" if is_description else "  ")
    return json.dumps(node.value, ensure_ascii=False)


def print_value(node: ast.ValueNode) -> str:
    if isinstance(node, ast.StringValueNode):
        return _string(node)
    if isinstance(node, ast.BooleanValueNode):
        return "true" if node.value else "false"
    if isinstance(node, ast.NullValueNode):
        return "null"
    if isinstance(node, ast.ListValueNode):
        return "[" + _join((print_value(v) for v in node.values), ", ") + "]"
    if isinstance(node, ast.ObjectValueNode):
        return (
            "{"
            + _join((f"{f.name.value}: {print_value(f.value)}" for f in node.fields), ", ")
            + "}"
        )
    if isinstance(node, ast.VariableNode):
        return "$" + node.name.value
    return str(getattr(node, "value", ""))


def _type(node: ast.TypeNode) -> str:
    if isinstance(node, ast.NonNullTypeNode):
        return _type(node.type) + "!"
    if isinstance(node, ast.ListTypeNode):
        return "[" + _type(node.type) + "]"
    assert isinstance(node, ast.NamedTypeNode)
    return node.name.value


def _directive(node: ast.DirectiveNode) -> str:
    arguments = _join(
        (f"{a.name.value}: {print_value(a.value)}" for a in node.arguments or ()), ", "
    )
    return "@" + node.name.value + _wrap("(", arguments, ")")


def _directives(nodes: Any) -> str:
    return _join((_directive(d) for d in nodes or ()), " ")


def _described(node: Any, body: str) -> str:
    description = _string(node.description, True) if node.description else None
    return _join([description, body], "\n")


def _input_value(node: ast.InputValueDefinitionNode) -> str:
    default = print_value(node.default_value) if node.default_value else None
    body = _join(
        [
            f"{node.name.value}: {_type(node.type)}",
            _wrap("= ", default),
            _directives(node.directives),
        ],
        " ",
    )
    return _described(node, body)


def _arguments(nodes: Any) -> str:
    printed = [_input_value(a) for a in nodes or ()]
    if any("\n" in p for p in printed):
        return _wrap("(\n", _indent(_join(printed, "\n")), "\n)")
    return _wrap("(", _join(printed, ", "), ")")


def _field(node: ast.FieldDefinitionNode) -> str:
    body = (
        node.name.value
        + _arguments(node.arguments)
        + ": "
        + _type(node.type)
        + _wrap(" ", _directives(node.directives))
    )
    return _described(node, body)


def _implements(node: Any) -> str:
    return _wrap("implements ", _join((i.name.value for i in node.interfaces or ()), " & "))


def _object(node: Any, keyword: str) -> str:
    return _join(
        [
            keyword,
            node.name.value,
            _implements(node),
            _directives(node.directives),
            _block(_field(f) for f in node.fields or ()),
        ],
        " ",
    )


def _union(node: Any, keyword: str) -> str:
    types = node.types or ()
    return _join(
        [
            keyword,
            node.name.value,
            _directives(node.directives),
            "= " + _join((t.name.value for t in types), " | ") if types else "",
        ],
        " ",
    )


def _enum(node: Any, keyword: str) -> str:
    values = (
        _described(v, _join([v.name.value, _directives(v.directives)], " "))
        for v in node.values or ()
    )
    return _join([keyword, node.name.value, _directives(node.directives), _block(values)], " ")


def _input(node: Any, keyword: str) -> str:
    return _join(
        [
            keyword,
            node.name.value,
            _directives(node.directives),
            _block(_input_value(f) for f in node.fields or ()),
        ],
        " ",
    )


def _scalar(node: Any, keyword: str) -> str:
    return _join([keyword, node.name.value, _directives(node.directives)], " ")


def _schema(node: Any, keyword: str) -> str:
    operations = (f"{o.operation.value}: {o.type.name.value}" for o in node.operation_types or ())
    return _join([keyword, _directives(node.directives), _block(operations)], " ")


def _directive_definition(node: ast.DirectiveDefinitionNode) -> str:
    body = (
        "directive @"
        + node.name.value
        + _arguments(node.arguments)
        + (" repeatable" if node.repeatable else "")
        + " on "
        + _join((loc.value for loc in node.locations), " | ")
    )
    return _described(node, body)


_DEFINITIONS: dict[type, tuple[Callable[[Any, str], str], str, bool]] = {
    ast.ObjectTypeDefinitionNode: (_object, "type", True),
    ast.InterfaceTypeDefinitionNode: (_object, "interface", True),
    ast.UnionTypeDefinitionNode: (_union, "union", True),
    ast.EnumTypeDefinitionNode: (_enum, "enum", True),
    ast.InputObjectTypeDefinitionNode: (_input, "input", True),
    ast.ScalarTypeDefinitionNode: (_scalar, "scalar", True),
    ast.SchemaDefinitionNode: (_schema, "schema", True),
    ast.ObjectTypeExtensionNode: (_object, "extend type", False),
    ast.InterfaceTypeExtensionNode: (_object, "extend interface", False),
    ast.UnionTypeExtensionNode: (_union, "extend union", False),
    ast.EnumTypeExtensionNode: (_enum, "extend enum", False),
    ast.InputObjectTypeExtensionNode: (_input, "extend input", False),
    ast.ScalarTypeExtensionNode: (_scalar, "extend scalar", False),
    ast.SchemaExtensionNode: (_schema, "extend schema", False),
}


def print_definition(node: Any) -> str:
    if isinstance(node, ast.DirectiveDefinitionNode):
        return _directive_definition(node)
    printer, keyword, has_description = _DEFINITIONS[type(node)]
    body = printer(node, keyword)
    return _described(node, body) if has_description else body


def print_document(definitions: Iterable[Any]) -> str:
    """`print(document)` of graphql-js 15: definitions separated by blank lines, final newline."""
    return _join((print_definition(d) for d in definitions), "\n\n") + "\n"
