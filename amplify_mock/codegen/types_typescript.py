"""The TypeScript types file (`src/API.ts`) amplify-codegen writes for `codeGenTarget: typescript`.

Every schema type the statements reach is declared (enums as `enum`, unions as a type union,
input, object and interface types as object types; custom scalars become `string`, except
`AWSTimestamp`, a `number`), then per operation `<Name><Query|Mutation|Subscription>Variables`
and the result type `<Name><Query|Mutation|Subscription>` that mirrors the selection set, with
`__typename` typed as the literal type name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLType,
    GraphQLUnionType,
    get_named_type,
    is_abstract_type,
    is_composite_type,
    is_enum_type,
    is_input_object_type,
    is_interface_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    is_scalar_type,
    is_union_type,
)

from amplify_mock.codegen.printer import CodePrinter
from amplify_mock.codegen.types_ir import (
    CompiledDocuments,
    IRField,
    IRFragment,
    IRInlineFragment,
    IROperation,
)

__all__ = ["generate_typescript_types", "operation_type_name", "variables_type_name"]

BUILT_IN_SCALARS = {
    "String": "string",
    "Int": "number",
    "Float": "number",
    "Boolean": "boolean",
    "ID": "string",
}
APPSYNC_SCALARS = {"AWSTimestamp": "number"}
_SUFFIXES = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}


def operation_type_name(operation_name: str, operation_type: str) -> str:
    """`GetTodo` + query -> `GetTodoQuery`: the name of an operation's result type."""
    return f"{operation_name}{_SUFFIXES[operation_type]}"


def variables_type_name(operation_name: str, operation_type: str) -> str:
    return f"{operation_type_name(operation_name, operation_type)}Variables"


def type_name(graphql_type: GraphQLType, nullable: bool = True) -> str:
    """`[String]!` -> `Array< string | null >` (the generator's own spacing)."""
    if is_non_null_type(graphql_type):
        return type_name(graphql_type.of_type, False)
    if is_list_type(graphql_type):
        name = f"Array< {type_name(graphql_type.of_type, True)} >"
    elif is_scalar_type(graphql_type):
        name = (
            BUILT_IN_SCALARS.get(graphql_type.name)
            or APPSYNC_SCALARS.get(graphql_type.name)
            or "string"
        )
    else:
        name = graphql_type.name  # type: ignore[attr-defined]
    return f"{name} | null" if nullable else name


@dataclass
class Property:
    """What one declared property needs: its name, how to spell its type, what it selects."""

    name: str
    type_name: str
    description: str | None = None
    graphql_type: GraphQLType | None = None
    nullable: bool = False
    composite: bool = False
    array: bool = False
    element_nullable: bool = False
    fields: list[IRField] | None = None
    inline_fragments: list[IRInlineFragment] = field(default_factory=list)


def property_from(
    name: str,
    graphql_type: GraphQLType,
    description: str | None,
    *,
    typename_literal: str | None = None,
    fields: list[IRField] | None = None,
    inline_fragments: list[IRInlineFragment] | None = None,
) -> Property:
    """A property for a schema field, a variable or a selected field (amplify's rules)."""
    if typename_literal is not None:
        return Property(name, typename_literal, description)
    nullable = not is_non_null_type(graphql_type)
    named = get_named_type(graphql_type)
    if not is_composite_type(named):
        return Property(
            name, type_name(graphql_type, nullable), description, graphql_type, nullable
        )
    prop = Property(
        name,
        named.name,
        description,
        graphql_type,
        nullable,
        composite=True,
        fields=fields,
        inline_fragments=list(inline_fragments or ()),
    )
    inner = graphql_type.of_type if is_non_null_type(graphql_type) else graphql_type
    if is_list_type(inner):
        prop.array = True
        prop.element_nullable = not is_non_null_type(inner.of_type)
    elif nullable:
        prop.type_name = type_name(graphql_type, True)
    return prop


def property_from_ir(ir: IRField) -> Property:
    literal = ir.typename_literal if ir.field_name == "__typename" else None
    if ir.field_name == "__typename" and literal is None:
        return Property(ir.response_name, "string", ir.description, ir.type)
    return property_from(
        ir.response_name,
        ir.type,
        ir.description,
        typename_literal=literal,
        fields=ir.fields,
        inline_fragments=ir.inline_fragments,
    )


def object_type_literal(graphql_type: GraphQLType) -> str:
    named = get_named_type(graphql_type)
    if is_union_type(named):
        return " | ".join(f'"{member.name}"' for member in named.types)
    return f'"{named.name}"'


def with_typename_literals(ir: IRField) -> IRField:
    """`__typename` in `ir`'s selection (and its nested ones) typed as the type's name."""
    if ir.fields is None:
        return ir
    fields = []
    for child in ir.fields:
        if child.field_name == "__typename":
            fields.append(replace(child, typename_literal=object_type_literal(ir.type)))
        elif child.fields is not None:
            fields.append(with_typename_literals(child))
        else:
            fields.append(child)
    return replace(ir, fields=fields)


def property_sets_for(
    possible_types: Sequence[GraphQLObjectType],
    fields: list[IRField],
    inline_fragments: list[IRInlineFragment],
    convert: Callable[[IRField], Property] = property_from_ir,
) -> list[list[Property]]:
    """Per possible type: its inline fragment's fields, else the common ones, with
    `__typename` typed as that type's name (`convert` makes the target language's property)."""
    sets = []
    for possible in possible_types:
        fragment = next(
            (f for f in inline_fragments if f.type_condition.name == possible.name), None
        )
        source = fragment.fields if fragment is not None else fields
        literal = f'"{possible.name}"'
        sets.append(
            [
                convert(replace(f, typename_literal=literal) if f.field_name == "__typename" else f)
                for f in source
            ]
        )
    return sets


class _TypeScriptPrinter:
    def __init__(self, compiled: CompiledDocuments) -> None:
        self.compiled = compiled
        self.out = CodePrinter()

    # -- declarations of schema types --------------------------------------------------------

    def declare_type(self, named: GraphQLNamedType) -> None:
        if is_enum_type(named):
            self.enum(named)
        elif is_union_type(named):
            self.union(named)
        elif is_input_object_type(named):
            self.struct(named.name, named.fields, typename=False)
        elif is_object_type(named) or is_interface_type(named):
            self.struct(named.name, named.fields, typename=True)

    def enum(self, named: GraphQLEnumType) -> None:
        out = self.out
        out.newline_if_needed()
        out.comment_lines(named.description)
        out.on_newline(f"export enum {named.name} {{")
        for value_name, value in named.values.items():
            description = value.description or ""
            if "\n" not in description:
                trailer = f" // {description}" if description else ""
                out.on_newline(f'  {value_name} = "{value_name}",{trailer}')
            else:
                out.comment_lines(description, "  // ")
                out.on_newline(f'  {value_name} = "{value_name}",')
        out.on_newline("}")
        out.newline()

    def union(self, named: GraphQLUnionType) -> None:
        out = self.out
        out.newline_if_needed()
        out.comment_lines(named.description)
        out.on_newline(f"export type {named.name} = {' | '.join(t.name for t in named.types)}")
        out.newline()

    def struct(
        self,
        name: str,
        fields: dict[str, GraphQLField] | dict[str, GraphQLInputField],
        *,
        typename: bool,
    ) -> None:
        def body() -> None:
            if typename:
                self.declare_property(Property("__typename", f'"{name}"'))
            for field_name, schema_field in fields.items():
                self.declare_property(
                    property_from(field_name, schema_field.type, schema_field.description)
                )

        self.declaration(name, body)

    def declaration(self, name: str, body: Callable[[], None]) -> None:
        out = self.out
        out.newline_if_needed()
        out.newline()
        out.print(f"export type {name} = ")
        out.within_block(body, "{", "}")
        out.print(";")

    # -- properties ----------------------------------------------------------------------------

    def declare_property(self, prop: Property, body: Callable[[], None] | None = None) -> None:
        out = self.out
        out.comment_lines(prop.description)
        out.on_newline(prop.name)
        if prop.nullable:
            out.print("?")
        out.print(": ")
        if prop.array:
            out.print(" Array<")
        if body is not None:
            out.within_block(body)
        else:
            out.print(prop.type_name)
        if prop.array:
            if prop.element_nullable:
                out.print(" | null")
            out.print(" >")
        if prop.nullable and (body is not None or prop.array):
            out.print(" | null")
        out.print(",")

    def picked(self, properties: list[Property]) -> None:
        for prop in properties:
            abstract = prop.graphql_type is not None and is_abstract_type(
                get_named_type(prop.graphql_type)
            )
            if abstract:
                self.property_sets(prop)
            elif prop.fields or prop.inline_fragments:
                nested = [property_from_ir(f) for f in prop.fields or []]
                self.declare_property(prop, functools.partial(self.picked, nested))
            else:
                self.declare_property(prop)

    def property_sets(self, prop: Property) -> None:
        assert prop.graphql_type is not None
        named = get_named_type(prop.graphql_type)
        possible_types = self.compiled.schema.get_possible_types(named)  # type: ignore[arg-type]
        sets = property_sets_for(possible_types, prop.fields or [], prop.inline_fragments)
        out = self.out
        out.comment_lines(prop.description)
        out.on_newline(f"{prop.name}: ")
        if prop.array:
            out.print(" Array<")
        self.alternatives(sets)
        if prop.array:
            if prop.element_nullable:
                out.print(" | null")
            out.print(" >")
        if prop.nullable:
            out.print(" | null")
        out.print(",")

    def alternatives(self, sets: list[list[Property]]) -> None:
        """`( { ...A } | { ...B }\n)`: one object type per possible type."""
        out = self.out

        def body() -> None:
            for index, properties in enumerate(sets):
                out.within_block(functools.partial(self.picked, properties))
                if index != len(sets) - 1:
                    out.print(" |")

        out.within_block(body, "(", ")")

    # -- operations and fragments --------------------------------------------------------------

    def operation(self, operation: IROperation) -> None:
        name, kind = operation.name, operation.operation_type
        variables = [property_from(n, t, None) for n, t in operation.variables]
        self.declaration(variables_type_name(name, kind), lambda: self.picked(variables))
        result = [property_from_ir(with_typename_literals(f)) for f in operation.fields]
        self.declaration(operation_type_name(name, kind), lambda: self.picked(result))

    def fragment(self, fragment: IRFragment) -> None:
        name = f"{fragment.name}Fragment"
        if is_abstract_type(fragment.type_condition):
            sets = property_sets_for(
                fragment.possible_types, fragment.fields, fragment.inline_fragments
            )
            out = self.out
            out.newline_if_needed()
            out.newline()
            out.print(f"export type {name} = ")
            out.within_block(functools.partial(self.alternatives, sets), "", "")
            out.print(";")
            return
        literal = f'"{fragment.type_condition.name}"'
        properties = [
            property_from_ir(
                replace(f, typename_literal=literal)
                if f.field_name == "__typename"
                else with_typename_literals(f)
            )
            for f in fragment.fields
        ]
        self.declaration(name, functools.partial(self.picked, properties))

    def source(self) -> str:
        out = self.out
        out.on_newline("/* tslint:disable */")
        out.on_newline("/* eslint-disable */")
        out.on_newline("//  This file was automatically generated and should not be edited.")
        for named in self.compiled.types_used:
            self.declare_type(named)
        for operation in self.compiled.operations:
            self.operation(operation)
        for fragment in self.compiled.fragments:
            self.fragment(fragment)
        out.newline()
        return out.output


def generate_typescript_types(compiled: CompiledDocuments) -> str:
    """The text of the TypeScript types file for the compiled statements."""
    return _TypeScriptPrinter(compiled).source()
