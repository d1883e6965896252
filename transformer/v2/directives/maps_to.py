"""@mapsTo(name): a renamed model keeps its original table (and the table's stack); the
foreign keys its relations stored under the old name are mapped (directives/maps_to_fields.py).
"""

from __future__ import annotations

from typing import Any

from graphql.language import ast

from transformer.definitions import find_directive
from transformer.v2.context import TransformerContext
from transformer.v2.directives.maps_to_fields import attach_field_mapping_slots
from transformer.v2.errors import InvalidDirectiveError
from transformer.v2.plugin import TransformerPlugin

__all__ = ["MapsToPlugin"]


def _is_model_named(definition: Any, name: str) -> bool:
    return (
        isinstance(definition, (ast.ObjectTypeDefinitionNode, ast.ObjectTypeExtensionNode))
        and definition.name.value == name
        and find_directive(definition, "model") is not None
    )


class MapsToPlugin(TransformerPlugin):
    directive = "mapsTo"

    def object(
        self, ctx: TransformerContext, definition: ast.ObjectTypeDefinitionNode, directive: Any
    ) -> None:
        model = definition.name.value
        if find_directive(definition, "model") is None:
            raise InvalidDirectiveError(
                f"@mapsTo is not supported on type {model}. It can only be used on a @model type."
            )
        argument = next((a for a in directive.arguments or () if a.name.value == "name"), None)
        if argument is None:
            raise InvalidDirectiveError("name is required in @mapsTo directive.")
        if not isinstance(argument.value, ast.StringValueNode):
            raise InvalidDirectiveError(
                "A single string must be provided for name in @mapsTo directive"
            )
        mapped = argument.value.value
        definitions = ctx.input_document.definitions
        if any(_is_model_named(d, mapped) for d in definitions):
            raise InvalidDirectiveError(
                f'Cannot apply @mapsTo with name "{mapped}" on type "{model}" because '
                f'"{mapped}" model already exists in the schema.'
            )
        for other in definitions:
            if other is definition or not isinstance(other, ast.ObjectTypeDefinitionNode):
                continue
            twin = find_directive(other, "mapsTo")
            if twin is None:
                continue
            name = next((a.value for a in twin.arguments or () if a.name.value == "name"), None)
            if isinstance(name, ast.StringValueNode) and name.value == mapped:
                raise InvalidDirectiveError(
                    f'Cannot apply @mapsTo with name "{mapped}" on type "{model}" because '
                    f'"{other.name.value}" model already has the same name mapping.'
                )
        ctx.model_name_mapping[model] = mapped

    def after(self, ctx: TransformerContext) -> None:
        attach_field_mapping_slots(ctx)
