"""The directive plugin base class: what a transformer for one directive looks like.

How to write a directive plugin
-------------------------------
Subclass `Transformer`, give it a `name` (the v1 class name, e.g. "ModelConnectionTransformer")
and `directive_sdl`: the SDL of exactly one `directive @x(...) on ...` definition plus any
input/enum types its arguments use. Then override only the hooks you need:

- `before(ctx)` runs once before any type is visited (create shared resources);
- `object(definition, directive, ctx)` / `field(parent, definition, directive, ctx)` /
  `argument(...)`, `interface(...)`, `union(...)`, `enum(...)`, `enum_value(...)`,
  `scalar(...)`, `input(...)`, `input_value(...)` run for every use of the directive on a
  node of that kind. `definition` / `parent` are the nodes of the *input* document; read the
  current state with `ctx.get_object(name)` and replace it with `ctx.put_type(...)` (nodes
  are graphql-core's frozen SDL nodes: use `dataclasses.replace`);
- `after(ctx)` runs once at the end; `after` hooks run in reverse transformer order.

If the directive is used on a kind whose hook the plugin does not override, the transform
fails with InvalidTransformerError, as in the v1 transformer.

Tools for plugins:
- `transformer.context.TransformerContext`: types (`get_type`, `add_type`, `add_input`,
  `put_type`, `add_query_fields`, `add_mutation_fields`, `add_subscription_fields`,
  `add_fields_to_object`), the CloudFormation template (`set_resource`, `get_resource`,
  `set_output`, `merge_parameters`, `merge_conditions`), `map_resource_to_stack(stack, id)`
  (which stacks/<name>.json a resource lands in; unmapped resources stay in the root stack),
  `metadata` (a dict for passing data between plugins), `feature_flags.get_boolean(name,
  default)`, `config` (the TransformConfig), `supports_conditions()`.
- `transformer.definitions`: SDL node constructors and queries (`make_field`,
  `make_named_type`, `get_base_type`, `directive_arguments`, ...).
- `transformer.naming`: generated names (`ModelResourceIDs`, `ResolverResourceIDs`,
  `ResourceConstants`, `graphql_name`, `to_upper`, `plurality`).
- `transformer.mapping_template.ast` + `print_template` / `print_block`: build VTL as nodes,
  print it once. A resolver resource holds the printed text in
  `RequestMappingTemplate` / `ResponseMappingTemplate`; the formatter moves the text to
  `resolvers/<Type>.<field>.{req,res}.vtl` (or `pipelineFunctions/<Name>.{req,res}.vtl` for
  `AWS::AppSync::FunctionConfiguration`) and points the resource at S3.
- `transformer.cloudformation.intrinsics` (`ref`, `get_att`, `join`, `sub`, `if_`, ...) and
  `transformer.cloudformation.resources.resource(type, properties, depends_on=...)`.
- Errors: raise `transformer.errors.InvalidDirectiveError(message)` /
  `TransformerContractError(message)` with the v1 message text.

Register the plugin in `transformer.graphql_transform.default_transformers` at its v1
position (DynamoDBModel, Versioned, Function, Key, ModelConnection, ModelAuth).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from graphql import parse
from graphql.language import ast

from transformer.config import TransformConfig
from transformer.errors import InvalidTransformerError

if TYPE_CHECKING:
    from transformer.context import TransformerContext

__all__ = ["HOOK_LOCATIONS", "Transformer"]

# Each hook and the directive location (`directive @x on ...`) whose uses it is called for.
HOOK_LOCATIONS = {
    "object": "OBJECT",
    "interface": "INTERFACE",
    "field": "FIELD_DEFINITION",
    "argument": "ARGUMENT_DEFINITION",
    "union": "UNION",
    "enum": "ENUM",
    "enum_value": "ENUM_VALUE",
    "scalar": "SCALAR",
    "input": "INPUT_OBJECT",
    "input_value": "INPUT_FIELD_DEFINITION",
}


class Transformer:
    """One directive's transformer; subclasses set `name` and `directive_sdl`."""

    name: str = "Transformer"
    directive_sdl: str = ""

    def __init__(self, config: TransformConfig | None = None) -> None:
        """Every plugin is built with the run's TransformConfig (see build_default_transformers)."""
        self.config = config or TransformConfig()

    @cached_property
    def _definitions(self) -> tuple[ast.DirectiveDefinitionNode, tuple[Any, ...]]:
        document = parse(self.directive_sdl, no_location=True)
        directives = [d for d in document.definitions if isinstance(d, ast.DirectiveDefinitionNode)]
        if len(directives) != 1:
            raise InvalidTransformerError(
                "Transformers must specify exactly one directive definition."
            )
        others = tuple(
            d for d in document.definitions if not isinstance(d, ast.DirectiveDefinitionNode)
        )
        return directives[0], others

    @property
    def directive(self) -> ast.DirectiveDefinitionNode:
        return self._definitions[0]

    @property
    def type_definitions(self) -> tuple[Any, ...]:
        return self._definitions[1]

    @cached_property
    def directive_locations(self) -> frozenset[str]:
        """Where the directive may be used (`OBJECT`, `FIELD_DEFINITION`, ...)."""
        return frozenset(loc.value for loc in self.directive.locations)

    @property
    def directive_name(self) -> str:
        return self.directive.name.value

    def implements(self, hook: str) -> bool:
        """Whether the subclass overrides `hook` (the base class hooks are placeholders)."""
        return getattr(type(self), hook) is not getattr(Transformer, hook)

    # Hooks: no-op placeholders, see the module docstring.
    def before(self, ctx: TransformerContext) -> None:
        return None

    def after(self, ctx: TransformerContext) -> None:
        return None

    def object(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def interface(
        self,
        definition: ast.InterfaceTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def field(
        self,
        parent: ast.ObjectTypeDefinitionNode | ast.InterfaceTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def argument(
        self,
        definition: ast.InputValueDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def union(
        self,
        definition: ast.UnionTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def enum(
        self,
        definition: ast.EnumTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def enum_value(
        self,
        definition: ast.EnumValueDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def scalar(
        self,
        definition: ast.ScalarTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def input(
        self,
        definition: ast.InputObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None

    def input_value(
        self,
        definition: ast.InputValueDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        return None
