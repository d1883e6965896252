"""GraphQL statements (queries.js, mutations.js, subscriptions.js) from the AppSync schema.

With a types file configured, TypeScript statements are cast to the generated operation types
(`... as GeneratedQuery<APITypes.GetTodoQueryVariables, APITypes.GetTodoQuery>`); prettier then
leaves the GraphQL in the cast template literal at column 0.

Follows amplify-codegen's documents generator: one operation per root field, named in
PascalCase, every argument a variable; the selection set takes every scalar and enum field,
and object fields down to `maxDepth` levels (an object reached with no depth left is dropped;
one none of whose fields survive keeps just `__typename`); `__typename` on each object
selection; interfaces and unions get `... on Type` fragments (dropped when empty).
"""

from __future__ import annotations

import os
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

from amplify_mock.appsync_prelude import undeclared_prelude
from amplify_mock.base.files import write_text
from amplify_mock.codegen.config import CodegenProject
from amplify_mock.errors import AmplifyMockError

__all__ = [
    "CodegenError",
    "build_appsync_schema",
    "generate_statements",
    "read_schema",
    "statements_extension",
    "types_import_path",
    "write_statements",
]

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
_KINDS = {
    OperationType.QUERY: "Query",
    OperationType.MUTATION: "Mutation",
    OperationType.SUBSCRIPTION: "Subscription",
}
_ROOTS = (
    ("queries", OperationType.QUERY),
    ("mutations", OperationType.MUTATION),
    ("subscriptions", OperationType.SUBSCRIPTION),
)


def statements_extension(target: str) -> str:
    """The statements files' extension for a codegen target (`js` for any other target)."""
    return _EXTENSIONS.get(target, "js")


class CodegenError(AmplifyMockError):
    """The schema or the documents cannot be generated from (`amplify mock` reports it as a
    warning and keeps serving; `amplify push --codegen` fails with it)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "Fix the schema, then save it again (or re-run the command).")


def build_appsync_schema(sdl: str, *, source_name: str = "schema.graphql") -> GraphQLSchema:
    """A graphql-core schema from AppSync SDL, with AppSync's implicit scalars and directives.

    :raises CodegenError: the SDL does not parse or is not a valid schema.
    """
    try:
        prelude = "\n".join(undeclared_prelude(parse(sdl)))
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


@dataclass(frozen=True)
class _Walk:
    schema: GraphQLSchema
    typename: bool  # `typenameIntrospection`: select `__typename` on objects


def _selections(
    named: GraphQLNamedType,
    walk: _Walk,
    depth: int,
    skip: frozenset[str] = frozenset(),
    *,
    typename: bool = True,
) -> list[Selection]:
    """The selection set of `named`; fragments on possible types skip what is already selected.

    An object keeps `__typename` even when none of its fields fit in the depth left (without
    `typenameIntrospection` it is then dropped); the selections inside `... on Type` fragments
    never get one.
    """
    selections: list[Selection] = []
    if is_object_type(named) or is_interface_type(named):
        for name, field in named.fields.items():
            if name in skip:
                continue
            node = _field(name, field, walk, depth - 1)
            if node is not None:
                selections.append(node)
    if is_object_type(named) and typename and walk.typename:
        selections.append(Selection("__typename"))
    if is_interface_type(named) or is_union_type(named):
        selected = frozenset(node.name for node in selections)
        for possible in walk.schema.get_possible_types(named):
            inner = _selections(possible, walk, depth, selected, typename=False)
            if inner:
                selections.append(Selection("", children=tuple(inner), fragment_on=possible.name))
    return selections


def _field(
    name: str,
    field: GraphQLField,
    walk: _Walk,
    depth: int,
    arguments: tuple[str, ...] = (),
) -> Selection | None:
    named = get_named_type(field.type)
    if _is_leaf(named):
        return Selection(name, arguments)
    if depth < 1:
        return None
    inner = _selections(named, walk, depth)
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
    for index, child in enumerate(selection.children):
        previous = selection.children[index - 1] if index else None
        if child.fragment_on is not None and previous is not None and previous.fragment_on is None:
            lines.append("")  # amplify's template leaves a blank line there; prettier keeps it
        lines.extend(_print_selection(child, indent + "  "))
    lines.append(f"{indent}}}")
    return lines


def _operation(
    operation: str,
    name: str,
    field: GraphQLField,
    walk: _Walk,
    depth: int,
    indent: str = "  ",
) -> str | None:
    """The operation's text, laid out as prettier lays out GraphQL (2 spaces, 80 columns).

    `indent` is where the operation starts: prettier indents GraphQL it formats inside a
    JavaScript template literal, but leaves it at column 0 when the literal is cast (TS).
    """
    arguments = tuple(f"{arg}: ${arg}" for arg in field.args)
    root = _field(name, field, walk, depth, arguments)
    if root is None:
        return None
    variables = tuple(f"${arg_name}: {_type_ref(arg.type)}" for arg_name, arg in field.args.items())
    lines = _group(indent, f"{operation} {pascal_case(name)}", variables, " {")
    lines.extend(_print_selection(root, indent + "  "))
    lines.append(f"{indent}}}")
    return "\n".join(lines)


@dataclass(frozen=True)
class _Typed:
    """What the TypeScript statements need to cast each one to its generated types."""

    types_import: str  # "../API"
    kind: str  # Query | Mutation | Subscription


def _type_tag(typed: _Typed, name: str) -> str:
    """` as GeneratedQuery<APITypes.XQueryVariables, APITypes.XQuery>;`, broken as prettier does."""
    result = f"APITypes.{pascal_case(name)}{typed.kind}"
    arguments = (f"{result}Variables", result)
    flat = f"` as Generated{typed.kind}<{', '.join(arguments)}>;"
    if len(flat) <= PRINT_WIDTH:
        return flat
    return f"` as Generated{typed.kind}<\n  {arguments[0]},\n  {arguments[1]}\n>;"


def _render(target: str, operations: Iterable[tuple[str, str]], typed: _Typed | None = None) -> str:
    parts = [_HEADERS.get(target, _HEADERS["javascript"])]
    if typed is not None:
        kind = typed.kind
        parts.append(
            f'\nimport * as APITypes from "{typed.types_import}";\n'
            f"type Generated{kind}<InputType, OutputType> = string & {{\n"
            f"  __generated{kind}Input: InputType;\n"
            f"  __generated{kind}Output: OutputType;\n"
            "};\n"
        )
    parts.append("\n")
    for name, body in operations:
        if typed is None:
            parts.append(f"export const {name} = /* GraphQL */ `\n{body}\n`;\n")
        else:
            parts.append(f"export const {name} = /* GraphQL */ `{body}\n{_type_tag(typed, name)}\n")
    return "".join(parts)


def types_import_path(docs_path: Path, generated_file: Path) -> str:
    """The module the typed statements import (`../API` for src/graphql and src/API.ts)."""
    relative = Path(os.path.relpath(generated_file, docs_path)).as_posix()
    stem = relative[: -len(Path(relative).suffix)] if Path(relative).suffix else relative
    return stem if stem.startswith(".") else f"./{stem}"


def generate_statements(
    schema: GraphQLSchema,
    *,
    target: str = "javascript",
    max_depth: int = 2,
    types_import: str | None = None,
    typename_introspection: bool = True,
) -> dict[str, str]:
    """File name -> text for the statements of every root type the schema has.

    `typename_introspection=False` (`.graphqlconfig.yml`'s `typenameIntrospection: false`)
    leaves `__typename` out of the selections.

    With `types_import` (the module of the generated types, e.g. `../API`) TypeScript
    statements are cast to their operation's generated types, as amplify-codegen does when
    the project has a `generatedFileName`.
    """
    extension = statements_extension(target)
    typed_target = target == "typescript" and bool(types_import)
    walk = _Walk(schema, typename_introspection)
    files: dict[str, str] = {}
    for file_stem, operation in _ROOTS:
        root: GraphQLObjectType | None = schema.get_root_type(operation)
        if root is None:
            continue
        indent = "" if typed_target else "  "
        operations = []
        for name, field in root.fields.items():
            text = _operation(operation.value, name, field, walk, max_depth, indent)
            if text is not None:
                operations.append((name, text))
        if operations:
            typed = _Typed(str(types_import), _KINDS[operation]) if typed_target else None
            files[f"{file_stem}.{extension}"] = _render(target, operations, typed)
    return files


def read_schema(project: CodegenProject) -> GraphQLSchema:
    """:raises CodegenError: the schema file is missing or invalid."""
    try:
        sdl = project.schema_path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise CodegenError(f"{project.schema_path}: the schema file does not exist") from err
    return build_appsync_schema(sdl, source_name=str(project.schema_path))


def write_statements(project: CodegenProject, schema: GraphQLSchema | None = None) -> list[Path]:
    """Generate `project`'s statements (from its schema file unless given) and write them;
    returns the paths.

    :raises CodegenError: the schema file is missing or invalid.
    """
    if schema is None:
        schema = read_schema(project)
    types_import = (
        types_import_path(project.docs_path, project.generated_file)
        if project.generated_file is not None
        else None
    )
    files = generate_statements(
        schema,
        target=project.target,
        max_depth=project.max_depth,
        types_import=types_import,
        typename_introspection=project.typename_introspection,
    )
    written = []
    for file_name, text in files.items():
        path = project.docs_path / file_name
        write_text(path, text)
        written.append(path)
    return written
