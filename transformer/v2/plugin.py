"""The directive-plugin interface of the v2 transformer (see transformer/v2/__init__.py)."""

from __future__ import annotations

from typing import Any

from graphql.language import ast

from transformer.v2.context import TransformerContext

__all__ = ["TransformerPlugin"]


class TransformerPlugin:
    """Base class of a v2 directive plugin: every hook is optional (a no-op here).

    `directive` is the name of the directive the plugin owns (None for a plugin that runs for
    every schema, such as the default-mode auth slot). The pipeline calls, in this order and
    for every plugin in `GraphQLTransformV2.plugins` order:

    1. `before(ctx)`;
    2. `object(ctx, definition, directive)` / `field(ctx, parent, definition, directive)` for
       each use of the directive in the input document (input order), and
       `object_seen(ctx, definition)` for every object type;
    3. `validate(ctx)`, 4. `prepare(ctx)`, 5. `transform_schema(ctx)` (add output types and
       root fields), 6. `generate_resolvers(ctx)` (create resolvers, slots, stacks), then
    7. `after(ctx)` in reverse plugin order.
    """

    directive: str | None = None

    def before(self, ctx: TransformerContext) -> None:
        return None

    def object(
        self, ctx: TransformerContext, definition: ast.ObjectTypeDefinitionNode, directive: Any
    ) -> None:
        return None

    def field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> None:
        return None

    def validate(self, ctx: TransformerContext) -> None:
        return None

    def prepare(self, ctx: TransformerContext) -> None:
        return None

    def transform_schema(self, ctx: TransformerContext) -> None:
        return None

    def generate_resolvers(self, ctx: TransformerContext) -> None:
        return None

    def after(self, ctx: TransformerContext) -> None:
        return None
