"""@versioned: optimistic concurrency with a version field and an expected-version input."""

from __future__ import annotations

import dataclasses

from graphql import value_from_ast_untyped
from graphql.language import ast

from transformer.context import TransformerContext
from transformer.definitions import (
    get_base_type,
    make_field,
    make_input_value,
    make_named_type,
    make_non_null_type,
)
from transformer.errors import InvalidDirectiveError, TransformerContractError
from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_block
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResolverResourceIDs as R
from transformer.naming import ResourceConstants as RC
from transformer.plugin import Transformer

__all__ = ["VersionedTransformer"]

VERSIONED_DIRECTIVE_SDL = """
directive @versioned(versionField: String = "version", versionInput: String = "expectedVersion") on OBJECT
"""  # noqa: E501

# The v1 message keeps the indentation of its source lines (a `\` line continuation).
_GAP = " " * 20


class VersionedTransformer(Transformer):
    """The v1 VersionedModelTransformer."""

    name = "VersionedModelTransformer"
    directive_sdl = VERSIONED_DIRECTIVE_SDL

    def object(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        if not any(d.name.value == "model" for d in definition.directives or ()):
            raise InvalidDirectiveError(
                "Types annotated with @versioned must also be annotated with @model."
            )
        args = {
            arg.name.value: value_from_ast_untyped(arg.value) for arg in directive.arguments or ()
        }
        version_field = args.get("versionField", "version")
        version_input = args.get("versionInput", "expectedVersion")
        type_name = definition.name.value
        self._prepend(
            ctx,
            R.create(type_name),
            print_block(
                f'Setting "{version_field}" to 1',
                a.qref(f'$ctx.args.input.put("{version_field}", 1)'),
            ),
        )
        self._prepend(
            ctx,
            R.update(type_name),
            print_block(
                "Inject @versioned condition.",
                a.compound(
                    [
                        self._condition(version_field, version_input),
                        a.set_(a.ref("newVersion"), a.raw(f"$ctx.args.input.{version_input} + 1")),
                        a.qref(f'$ctx.args.input.put("{version_field}", $newVersion)'),
                        a.qref(f'$ctx.args.input.remove("{version_input}")'),
                    ]
                ),
            ),
        )
        self._prepend(
            ctx,
            R.delete(type_name),
            print_block(
                "Inject @versioned condition.",
                a.compound(
                    [
                        self._condition(version_field, version_input),
                        a.qref(f'$ctx.args.input.remove("{version_input}")'),
                    ]
                ),
            ),
        )
        self._strip_create_input_field(ctx, type_name, version_field)
        self._add_input_field(ctx, M.delete_input(type_name), version_input)
        self._add_input_field(ctx, M.update_input(type_name), version_input)
        self._enforce_version_field(ctx, type_name, version_field)

    @staticmethod
    def _condition(version_field: str, version_input: str) -> a.Set:
        return a.set_(
            a.ref(RC.VERSIONED_CONDITION),
            a.obj(
                {
                    "expression": a.str_(f"#{version_field} = :{version_input}"),
                    "expressionValues": a.obj(
                        {
                            f":{version_input}": a.raw(
                                f"$util.dynamodb.toDynamoDB($ctx.args.input.{version_input})"
                            )
                        }
                    ),
                    "expressionNames": a.obj({f"#{version_field}": a.str_(version_field)}),
                }
            ),
        )

    @staticmethod
    def _prepend(ctx: TransformerContext, resource_id: str, snippet: str) -> None:
        resolver = ctx.get_resource(resource_id)
        if resolver:
            properties = resolver["Properties"]
            properties["RequestMappingTemplate"] = (
                snippet + "\n\n" + properties["RequestMappingTemplate"]
            )

    @staticmethod
    def _strip_create_input_field(
        ctx: TransformerContext, type_name: str, version_field: str
    ) -> None:
        create_input = ctx.get_type(M.create_input(type_name))
        if not isinstance(create_input, ast.InputObjectTypeDefinitionNode):
            return
        fields = tuple(f for f in create_input.fields or () if f.name.value != version_field)
        if not fields:
            raise InvalidDirectiveError(
                f'After stripping away version field "{version_field}", {_GAP}the create input '
                f'for type "{type_name}" cannot be created {_GAP}with 0 fields. Add another field '
                f'to type "{type_name}" to continue.'
            )
        ctx.put_type(dataclasses.replace(create_input, fields=fields))

    @staticmethod
    def _add_input_field(ctx: TransformerContext, input_name: str, version_input: str) -> None:
        node = ctx.get_type(input_name)
        if isinstance(node, ast.InputObjectTypeDefinitionNode):
            field = make_input_value(version_input, make_non_null_type(make_named_type("Int")))
            ctx.put_type(dataclasses.replace(node, fields=(*(node.fields or ()), field)))

    @staticmethod
    def _enforce_version_field(ctx: TransformerContext, type_name: str, version_field: str) -> None:
        """:raises TransformerContractError: when the version field is not Int or BigInt."""
        node = ctx.get_type(type_name)
        if not isinstance(node, ast.ObjectTypeDefinitionNode):
            return
        fields = tuple(node.fields or ())
        existing = next((f for f in fields if f.name.value == version_field), None)
        if existing is None:
            fields = (
                *fields,
                make_field(version_field, [], make_non_null_type(make_named_type("Int"))),
            )
        elif get_base_type(existing.type) in ("Int", "BigInt"):
            if not isinstance(existing.type, ast.NonNullTypeNode):
                updated = dataclasses.replace(existing, type=make_non_null_type(existing.type))
                fields = tuple(updated if f.name.value == version_field else f for f in fields)
        else:
            raise TransformerContractError(
                f'The versionField "{version_field}" is required to be of type "Int" or "BigInt".'
            )
        ctx.put_type(dataclasses.replace(node, fields=fields))
