"""The Amplify GraphQL Transformer v2 (Gen 1 line), in Python: schema.graphql -> AppSync schema,
pipeline resolvers with slots, and the stacks, byte-identical to `@aws-amplify/graphql-transformer`
1.8.x as the Gen 1 CLI runs it.

What is shared with v1 is imported, not copied: naming and pluralization
(`transformer.naming`, `transformer.pluralize`), SDL printing (`transformer.sdl_printer`),
schema validation (`transformer.validation`), AST helpers (`transformer.definitions`).

Pipeline (`transform.GraphQLTransformV2`): parse, validate against the v2 directive definitions
(`definitions.graphql`), then run the plugins' phases, add the project's resolver overrides and
user slots, synthesize every resolver (functions deduplicated unless `disableResolverDeduping`)
and the stacks (`cdk.StackSet`: the root stack `transformer-root-stack` and one nested stack
per name).

Writing a directive plugin
--------------------------
Subclass `transformer.v2.plugin.TransformerPlugin`, set `directive` to the directive name, and
add an instance to `transform.default_plugins()` at the position the real transformer chain
has it (model, function, http, predictions, primaryKey, index, hasMany, hasOne, manyToMany,
belongsTo, default, auth, mapsTo, sql, refersTo, searchable). Hooks, each optional:

- `object(ctx, definition, directive)` / `field(ctx, parent, definition, directive)`: called
  for each use of the directive, in document order; collect configuration here and raise
  `transformer.v2.errors.InvalidDirectiveError(message)` with the real transformer's message;
- `validate(ctx)`, `prepare(ctx)`;
- `transform_schema(ctx)`: change the output schema through `ctx.output` (`get`, `has`,
  `add` (first wins), `put` (replace in place), `add_fields("Query", fields)`,
  `replace_field(type, field)`); types print in the order they were added;
- `generate_resolvers(ctx)`: create resources and resolvers:
  * `ctx.stack_for(name)` is the nested stack `stacks/<name>.json` (created on first use;
    e.g. a model's stack is `ctx.stack_for(model)`, relations use
    `ctx.stack_for("ConnectionStack")`, @function `ctx.stack_for("FunctionDirectiveStack")`);
    `stack.add_resource(path, body, logical_id=None)` adds a resource whose logical id is CDK's
    unique id of `path` unless given; `stack.add_parameter/add_condition/add_output`;
  * values may hold `resource.ref()` / `resource.get_att("Arn")` tokens of resources in any
    stack: cross-stack references become parameters/outputs exactly as CDK writes them;
    `ctx.api_id()` is the API id token; `ctx.data_sources[model]` / `ctx.tables[model]`;
  * a resolver: `TransformerResolver(type, field, logical_id, request, response,
    QUERY_SLOTS|MUTATION_SLOTS|SUBSCRIPTION_SLOTS, data_source, stack)` registered with
    `ctx.add_resolver(resolver)`; templates are `Template.s3(text, "Query.getPost.req.vtl")`
    (written to `resolvers/`) or `Template.inline(text)`; a slot name may hold
    `{slotName}.{slotIndex}`. Other plugins reach it with `ctx.get_resolver(type, field)`
    and call `resolver.add_to_slot("preAuth", request, response, data_source)`;
- `after(ctx)`: runs in reverse plugin order, after every plugin's `generate_resolvers`.

`ctx.metadata["models"]` is @model's configuration by type name (`ModelConfig`).
"""

from __future__ import annotations

from transformer.v2.config import SynthParameters, TransformParameters, V2Config
from transformer.v2.transform import BuildV2, GraphQLTransformV2, default_plugins

__all__ = [
    "BuildV2",
    "GraphQLTransformV2",
    "SynthParameters",
    "TransformParameters",
    "V2Config",
    "transform",
]


def transform(schema: str, config: V2Config | None = None) -> BuildV2:
    """Run the v2 transformer on one schema document.

    :raises transformer.TransformerError: invalid schema or directive misuse.
    """
    return GraphQLTransformV2(default_plugins(), config or V2Config()).transform(schema)
