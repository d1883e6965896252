"""The Flow types file amplify-codegen writes for `codeGenTarget: flow` (its older `flow` printer).

Only enums and input types of the schema are declared; per operation come exact object types
`<Name><Query|...>Variables` (left out when the operation takes none) and the result type.
Nullable types are spelt `?T`; custom scalars are `any` except `AWSTimestamp` (`number`); only
the root field's own `__typename` gets the literal type name, deeper ones are `string`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLType,
    get_named_type,
    is_abstract_type,
    is_enum_type,
    is_input_object_type,
    is_list_type,
    is_non_null_type,
    is_scalar_type,
)

from amplify_mock.codegen.printer import CodePrinter
from amplify_mock.codegen.types_ir import (
    CompiledDocuments,
    IRField,
    IRFragment,
    IROperation,
)
from amplify_mock.codegen.types_typescript import (
    APPSYNC_SCALARS,
    BUILT_IN_SCALARS,
    Property,
    object_type_literal,
    operation_type_name,
    property_sets_for,
    variables_type_name,
)
from amplify_mock.codegen.types_typescript import property_from as ts_property_from

__all__ = ["generate_flow_types"]


def type_name(graphql_type: GraphQLType, nullable: bool = True) -> str:
    """`[String]` -> `?Array< ?string >`."""
    if is_non_null_type(graphql_type):
        return type_name(graphql_type.of_type, False)
    if is_list_type(graphql_type):
        name = f"Array< {type_name(graphql_type.of_type)} >"
    elif is_scalar_type(graphql_type):
        name = (
            BUILT_IN_SCALARS.get(graphql_type.name)
            or APPSYNC_SCALARS.get(graphql_type.name)
            or "any"
        )
    else:
        name = graphql_type.name  # type: ignore[attr-defined]
    return f"?{name}" if nullable else name


def property_from(
    name: str, graphql_type: GraphQLType, description: str | None, ir: IRField | None = None
) -> Property:
    if ir is not None and ir.field_name == "__typename":
        if ir.typename_literal is not None:
            return Property(name, ir.typename_literal, description)
        return Property(name, "string", description, graphql_type)
    prop = ts_property_from(
        name,
        graphql_type,
        description,
        fields=ir.fields if ir else None,
        inline_fragments=ir.inline_fragments if ir else None,
    )
    if prop.composite:
        prop.type_name = get_named_type(graphql_type).name
    else:
        prop.type_name = type_name(graphql_type, prop.nullable)
    return prop


def _from_ir(ir: IRField) -> Property:
    return property_from(ir.response_name, ir.type, ir.description, ir)


class _FlowPrinter:
    def __init__(self, compiled: CompiledDocuments) -> None:
        self.compiled = compiled
        self.out = CodePrinter()

    def enum(self, named: GraphQLEnumType) -> None:
        out = self.out
        out.newline_if_needed()
        out.comment_lines(named.description)
        out.on_newline(f"export type {named.name} =")
        names = list(named.values)
        for index, value_name in enumerate(names):
            description = named.values[value_name].description or ""
            end = ";" if index == len(names) - 1 else " |"
            if "\n" not in description:
                trailer = f" // {description}" if description else ""
                out.on_newline(f'  "{value_name}"{end}{trailer}')
            else:
                out.comment_lines(description, "  // ")
                out.on_newline(f'  "{value_name}"{end}')
        out.newline()

    def input_type(self, named: GraphQLInputObjectType) -> None:
        properties = [property_from(n, f.type, f.description) for n, f in named.fields.items()]
        self.declaration(named.name, lambda: self.properties(properties, optional=True))

    def declaration(self, name: str, body: Callable[[], None]) -> None:
        out = self.out
        out.newline_if_needed()
        out.newline()
        out.print(f"export type {name} = ")
        out.within_block(body, "{|", "|}")
        out.print(";")

    def declare_property(
        self, prop: Property, body: Callable[[], None] | None = None, *, optional: bool = False
    ) -> None:
        out = self.out
        out.comment_lines(prop.description)
        out.on_newline(prop.name)
        if optional and prop.nullable:
            out.print("?")
        if body is None:
            out.print(f": {prop.type_name},")
            return
        out.print(":")
        if prop.nullable:
            out.print(" ?")
        if prop.array:
            if not prop.nullable:
                out.print(" ")
            out.print(" Array<")
            if prop.element_nullable:
                out.print("?")
        out.within_block(body, " {|", "|}")
        if prop.array:
            out.print(" >")
        out.print(",")

    def properties(self, properties: list[Property], *, optional: bool = False) -> None:
        for prop in properties:
            abstract = prop.graphql_type is not None and is_abstract_type(
                get_named_type(prop.graphql_type)
            )
            if abstract:
                self.property_sets(prop)
            elif prop.fields or prop.inline_fragments:
                nested = [_from_ir(f) for f in prop.fields or []]
                body = functools.partial(self.properties, nested, optional=optional)
                self.declare_property(prop, body, optional=optional)
            else:
                self.declare_property(prop, optional=optional)

    def property_sets(self, prop: Property) -> None:
        assert prop.graphql_type is not None
        named = get_named_type(prop.graphql_type)
        possible_types = self.compiled.schema.get_possible_types(named)  # type: ignore[arg-type]
        sets = property_sets_for(possible_types, prop.fields or [], prop.inline_fragments, _from_ir)
        out = self.out
        out.comment_lines(prop.description)
        out.on_newline(f"{prop.name}:")
        if prop.nullable:
            out.print(" ?")
        if prop.array:
            out.print("Array< ")
            if prop.element_nullable:
                out.print("?")
        self.alternatives(sets)
        if prop.array:
            out.print(" >")
        out.print(",")

    def alternatives(self, sets: list[list[Property]]) -> None:
        out = self.out

        def body() -> None:
            for index, properties in enumerate(sets):
                out.within_block(functools.partial(self.properties, properties))
                if index != len(sets) - 1:
                    out.print(" |")

        out.within_block(body, "(", ")")

    def fragment(self, fragment: IRFragment) -> None:
        name = f"{fragment.name}Fragment"
        if is_abstract_type(fragment.type_condition):
            sets = property_sets_for(
                fragment.possible_types, fragment.fields, fragment.inline_fragments, _from_ir
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
            _from_ir(replace(f, typename_literal=literal) if f.field_name == "__typename" else f)
            for f in fragment.fields
        ]
        self.declaration(name, functools.partial(self.properties, properties))

    def operation(self, operation: IROperation) -> None:
        name, kind = operation.name, operation.operation_type
        if operation.variables:
            variables = [property_from(n, t, None) for n, t in operation.variables]
            self.declaration(
                variables_type_name(name, kind), lambda: self.properties(variables, optional=True)
            )
        result = []
        for root in operation.fields:
            if root.fields is not None:
                literal = object_type_literal(root.type)
                root = replace(
                    root,
                    fields=[
                        replace(f, typename_literal=literal) if f.field_name == "__typename" else f
                        for f in root.fields
                    ],
                )
            result.append(_from_ir(root))
        self.declaration(operation_type_name(name, kind), lambda: self.properties(result))

    def source(self) -> str:
        out = self.out
        out.on_newline("/* @flow */")
        out.on_newline("/* eslint-disable */")
        out.on_newline("//  This file was automatically generated and should not be edited.")
        for named in self.compiled.types_used:
            if is_enum_type(named):
                self.enum(named)
            elif is_input_object_type(named):
                self.input_type(named)
        for operation in self.compiled.operations:
            self.operation(operation)
        for fragment in self.compiled.fragments:
            self.fragment(fragment)
        return out.output


def generate_flow_types(compiled: CompiledDocuments) -> str:
    """The text of the Flow types file for the compiled statements."""
    return _FlowPrinter(compiled).source()
