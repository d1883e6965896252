"""GraphQL statements (queries.js, mutations.js, subscriptions.js) from the AppSync schema.

Follows amplify-codegen's documents generator: one operation per root field, named in
PascalCase, every argument a variable; the selection set takes every scalar and enum field,
and object fields down to `maxDepth` levels (an object reached with no depth left is dropped,
as is an object none of whose fields survive); `__typename` on each object selection;
interfaces and unions get `... on Type` fragments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graphql import (
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLType,
    OperationType,
    build_schema,
    get_named_type,
    is_enum_type,
    is_interface_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    is_scalar_type,
    is_union_type,
    parse,
)

from amplify_mock.codegen.config import CodegenProject
from amplify_mock.errors import AmplifyMockError
from amplify_mock.project.files import write_text

__all__ = ["APPSYNC_PRELUDE", "build_appsync_schema", "generate_statements", "write_statements"]

#: What AppSync defines implicitly; added for the names a schema does not define itself.
APPSYNC_PRELUDE: dict[str, str] = {
    **{
        name: f"scalar {name}"
        for name in (
            "AWSDate",
            "AWSTime",
            "AWSDateTime",
            "AWSTimestamp",
            "AWSEmail",
            "AWSJSON",
            "AWSURL",
            "AWSPhone",
            "AWSIPAddress",
        )
    },
    "aws_subscribe": "directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION",
    "aws_auth": "directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION",
    "aws_api_key": "directive @aws_api_key on FIELD_DEFINITION | OBJECT",
    "aws_iam": "directive @aws_iam on FIELD_DEFINITION | OBJECT",
    "aws_oidc": "directive @aws_oidc on FIELD_DEFINITION | OBJECT",
    "aws_lambda": "directive @aws_lambda on FIELD_DEFINITION | OBJECT",
    "aws_cognito_user_pools": (
        "directive @aws_cognito_user_pools(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT"
    ),
}

_HEADERS = {
    "javascript": (
        "/* eslint-disable */\n// this is an auto generated file. This will be overwritten\n"
    ),
    "typescript": (
        "/* tslint:disable */\n/* eslint-disable */\n"
        "// this is an auto generated file. This will be overwritten\n"
    ),
    "flow": "// @flow\n// this is an auto generated file. This will be overwritten\n",
}
PRINT_WIDTH = 80
_EXTENSIONS = {"javascript": "js", "typescript": "ts", "flow": "js"}
_ROOTS = (
    ("queries", OperationType.QUERY),
    ("mutations", OperationType.MUTATION),
    ("subscriptions", OperationType.SUBSCRIPTION),
)


class CodegenError(AmplifyMockError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "Fix the schema, then save it again (or re-run the command).")


def build_appsync_schema(sdl: str, *, source_name: str = "schema.graphql") -> GraphQLSchema:
    """A graphql-core schema from AppSync SDL, with AppSync's implicit scalars and directives.

    :raises CodegenError: the SDL does not parse or is not a valid schema.
    """
    try:
        document = parse(sdl)
        names = (getattr(definition, "name", None) for definition in document.definitions)
        defined = {name.value for name in names if name is not None}
        prelude = "\n".join(sdl for name, sdl in APPSYNC_PRELUDE.items() if name not in defined)
        return build_schema(f"{sdl}\n{prelude}\n")
    except GraphQLError as err:
        raise CodegenError(f"{source_name}: {err.message}") from err
    except TypeError as err:  # graphql-core reports unknown types this way
        raise CodegenError(f"{source_name}: {err}") from err


def pascal_case(name: str) -> str:
    """`getTodo` -> `GetTodo`, `list_todos` -> `ListTodos` (change-case's pascalCase)."""
    words = [word for word in re.split(r"[^0-9A-Za-z]+", name) if word]
    return "".join(word[0].upper() + word[1:] for word in words)


def _type_ref(graphql_type: GraphQLType) -> str:
    if is_non_null_type(graphql_type):
        return f"{_type_ref(graphql_type.of_type)}!"
    if is_list_type(graphql_type):
        return f"[{_type_ref(graphql_type.of_type)}]"
    return str(graphql_type.name)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Selection:
    """A field (or `... on Type` fragment when `fragment_on` is set) in a selection set."""

    name: str
    arguments: tuple[str, ...] = ()
    children: tuple[Selection, ...] = ()
    fragment_on: str | None = None


def _is_leaf(named: GraphQLNamedType) -> bool:
    return is_scalar_type(named) or is_enum_type(named)


def _selections(
    named: GraphQLNamedType, schema: GraphQLSchema, depth: int, skip: frozenset[str] = frozenset()
) -> list[Selection]:
    selections: list[Selection] = []
    if is_object_type(named) or is_interface_type(named):
        for name, field in named.fields.items():
            if name in skip:
                continue
            node = _field(name, field, schema, depth - 1)
            if node is not None:
                selections.append(node)
    if is_interface_type(named) or is_union_type(named):
        selected = frozenset(node.name for node in selections)
        for possible in schema.get_possible_types(named):
            inner = _selections(possible, schema, depth, selected)
            if inner:
                selections.append(Selection("", children=tuple(inner), fragment_on=possible.name))
    if is_object_type(named) and selections:
        selections.append(Selection("__typename"))
    return selections


def _field(
    name: str,
    field: GraphQLField,
    schema: GraphQLSchema,
    depth: int,
    arguments: tuple[str, ...] = (),
) -> Selection | None:
    named = get_named_type(field.type)
    if _is_leaf(named):
        return Selection(name, arguments)
    if depth < 1:
        return None
    inner = _selections(named, schema, depth)
    return Selection(name, arguments, tuple(inner)) if inner else None


def _group(indent: str, opening: str, items: tuple[str, ...], closing: str) -> list[str]:
    """`opening(a, b) closing` on one line if it fits in 80 columns, else one item a line."""
    flat = (
        f"{indent}{opening}({', '.join(items)}){closing}"
        if items
        else f"{indent}{opening}{closing}"
    )
    if not items or len(flat) <= PRINT_WIDTH:
        return [flat]
    return [f"{indent}{opening}(", *(f"{indent}  {item}" for item in items), f"{indent}){closing}"]


def _print_selection(selection: Selection, indent: str) -> list[str]:
    if selection.fragment_on is not None:
        lines = [f"{indent}... on {selection.fragment_on} {{"]
    elif not selection.children:
        return _group(indent, selection.name, selection.arguments, "")
    else:
        lines = _group(indent, selection.name, selection.arguments, " {")
    for child in selection.children:
        lines.extend(_print_selection(child, indent + "  "))
    lines.append(f"{indent}}}")
    return lines


def _operation(
    operation: str, name: str, field: GraphQLField, schema: GraphQLSchema, depth: int
) -> str | None:
    """The operation's text, laid out as prettier lays out GraphQL (2 spaces, 80 columns)."""
    arguments = tuple(f"{arg}: ${arg}" for arg in field.args)
    root = _field(name, field, schema, depth, arguments)
    if root is None:
        return None
    variables = tuple(f"${arg_name}: {_type_ref(arg.type)}" for arg_name, arg in field.args.items())
    lines = _group("  ", f"{operation} {pascal_case(name)}", variables, " {")
    lines.extend(_print_selection(root, "    "))
    lines.append("  }")
    return "\n".join(lines)


def _render(target: str, operations: Iterable[tuple[str, str]]) -> str:
    parts = [_HEADERS.get(target, _HEADERS["javascript"])]
    for name, body in operations:
        parts.append(f"\nexport const {name} = /* GraphQL */ `\n{body}\n`;\n")
    return "".join(parts)


def generate_statements(
    schema: GraphQLSchema, *, target: str = "javascript", max_depth: int = 2
) -> dict[str, str]:
    """File name -> text for the statements of every root type the schema has."""
    extension = _EXTENSIONS.get(target, "js")
    files: dict[str, str] = {}
    for file_stem, operation in _ROOTS:
        root: GraphQLObjectType | None = schema.get_root_type(operation)
        if root is None:
            continue
        operations = []
        for name, field in root.fields.items():
            text = _operation(operation.value, name, field, schema, max_depth)
            if text is not None:
                operations.append((name, text))
        if operations:
            files[f"{file_stem}.{extension}"] = _render(target, operations)
    return files


def write_statements(project: CodegenProject) -> list[Path]:
    """Generate `project`'s statements from its schema file and write them; returns the paths.

    :raises CodegenError: the schema file is missing or invalid.
    """
    try:
        sdl = project.schema_path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise CodegenError(f"{project.schema_path}: the schema file does not exist") from err
    schema = build_appsync_schema(sdl, source_name=str(project.schema_path))
    files = generate_statements(schema, target=project.target, max_depth=project.max_depth)
    written = []
    for file_name, text in files.items():
        path = project.docs_path / file_name
        write_text(path, text)
        written.append(path)
    return written
