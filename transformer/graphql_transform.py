"""Runs the directive plugins over a schema: validate, before, visit, after (reverse order).

Then formats the result as the v1 transformer does: mapping templates move out of the
resolver resources into files, the AppSync schema is printed, and the template is split
into the root stack and one nested stack per model (plus the plugins' own stacks).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from graphql import get_location
from graphql.language import ast

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import resource, string_parameter
from transformer.cloudformation.stacks import split_stack
from transformer.config import TransformConfig
from transformer.context import SCHEMA_KEY, TransformerContext, make_schema_node
from transformer.errors import InvalidTransformerError, TransformerError, UnknownDirectiveError
from transformer.naming import ResourceConstants as RC
from transformer.output import DeploymentResources
from transformer.plugin import HOOK_LOCATIONS, Transformer
from transformer.scalars import STRIPPED_IN_OUTPUT_EXCEPT, VALID_BUILTIN_DIRECTIVES
from transformer.sdl_printer import print_document
from transformer.sync import SYNC_DATA_SOURCE_ID, create_sync_table
from transformer.validation import parse_type_system, validate_model_schema

__all__ = ["GraphQLTransform", "default_transformers", "parse_schema"]

Json = Any

_S3_URL = "s3://${S3DeploymentBucket}/${S3DeploymentRootKey}/"


def default_transformers(config: TransformConfig) -> list[Transformer]:
    """The plugins in the Amplify CLI's v1 order; @auth always last."""
    from transformer.directives import build_default_transformers

    return build_default_transformers(config)


def parse_schema(schema_sdl: str) -> ast.DocumentNode:
    """A blank schema is an empty document (graphql-js would reject it as a syntax error).

    :raises TransformerError: on a GraphQL syntax error, with its location.
    """
    if not schema_sdl.strip():
        return ast.DocumentNode(definitions=())
    return parse_type_system(schema_sdl)


class GraphQLTransform:
    """One configured transformer pipeline; `transform(sdl)` can be called repeatedly."""

    def __init__(
        self, transformers: Sequence[Transformer], config: TransformConfig | None = None
    ) -> None:
        if not transformers:
            raise InvalidTransformerError("Must provide at least one transformer.")
        self.transformers = list(transformers)
        self.config = config or TransformConfig()

    def transform(self, schema_sdl: str) -> DeploymentResources:
        """:raises TransformerError: (and subclasses) for anything the v1 transformer rejects."""
        document = parse_schema(schema_sdl)
        ctx = TransformerContext(document, self.config)
        valid_directives = set(VALID_BUILTIN_DIRECTIVES)
        definitions: list[Any] = list(document.definitions)
        for transformer in self.transformers:
            valid_directives.add(transformer.directive_name)
            definitions.extend(transformer.type_definitions)
            definitions.append(transformer.directive)
        validate_model_schema(definitions)
        if ctx.is_project_using_datastore():
            ctx.merge_resources({SYNC_DATA_SOURCE_ID: create_sync_table()})

        seen: set[str] = set()
        for transformer in self.transformers:
            transformer.before(ctx)
            for definition in document.definitions:
                self._visit(transformer, definition, valid_directives, ctx, seen)
        for transformer in reversed(self.transformers):
            transformer.after(ctx)
        for resource_id, stack_name in self.config.stack_mapping.items():
            ctx.map_resource_to_stack(stack_name, resource_id)
        return _format(ctx)

    # ---- visiting ----------------------------------------------------------------------
    def _visit(
        self,
        transformer: Transformer,
        definition: Any,
        valid: set[str],
        ctx: TransformerContext,
        seen: set[str],
    ) -> None:
        """Call `transformer`'s hooks for the directives on a type and on its members."""

        def apply(hook: str, node: Any, hook_args: tuple[Any, ...], key_prefix: str) -> None:
            self._apply(transformer, hook, node, valid, ctx, seen, hook_args, key_prefix)

        hook = next((h for kind, h in _TYPE_HOOKS if isinstance(definition, kind)), None)
        if hook is None:
            return
        type_name = definition.name.value
        apply(hook, definition, (definition,), type_name)
        if hook in ("object", "interface"):
            for field in definition.fields or ():
                key = f"{type_name}.{field.name.value}"
                apply("field", field, (definition, field), key)
                for argument in field.arguments or ():
                    # v1 keys argument directives by type and field only (it overwrites the arg
                    # part).
                    apply("argument", argument, (argument,), key)
        elif hook == "enum":
            for value in definition.values or ():
                apply("enum_value", value, (value,), f"{type_name}.{value.name.value}")
        elif hook == "input":
            for input_field in definition.fields or ():
                key = f"{type_name}.{input_field.name.value}"
                apply("input_value", input_field, (input_field,), key)

    def _apply(
        self,
        transformer: Transformer,
        hook: str,
        node: Any,
        valid: set[str],
        ctx: TransformerContext,
        seen: set[str],
        hook_args: tuple[Any, ...],
        key_prefix: str,
    ) -> None:
        directives = node.directives
        if not directives:
            return
        location = HOOK_LOCATIONS[hook]
        for index, directive in enumerate(directives):
            name = directive.name.value
            if name not in valid:
                raise UnknownDirectiveError(
                    f"Unknown directive '{name}'. Either remove the directive from the schema "
                    "or add a transformer to handle it."
                )
            if (
                name != transformer.directive_name
                or location not in transformer.directive_locations
            ):
                continue
            if not transformer.implements(hook):
                raise InvalidTransformerError(
                    f"The transformer '{transformer.name}' must implement the "
                    f"'{_JS_HOOK_NAMES[hook]}()' method"
                )
            key = f"{key_prefix}@{name}[{index}]"
            if key in seen:
                continue
            try:
                getattr(transformer, hook)(*hook_args, directive, ctx)
            except TransformerError as err:
                _locate(err, directive)
                raise
            seen.add(key)


def _locate(err: TransformerError, node: Any) -> None:
    """Point an error without a location at the directive whose transformer raised it."""
    loc = getattr(node, "loc", None)
    if err.line is None and loc is not None and loc.source is not None:
        location = get_location(loc.source, loc.start)
        err.line, err.column = location.line, location.column


# The type definitions whose directives the transform visits, and the hook each one calls.
_TYPE_HOOKS: tuple[tuple[type[ast.TypeDefinitionNode], str], ...] = (
    (ast.ObjectTypeDefinitionNode, "object"),
    (ast.InterfaceTypeDefinitionNode, "interface"),
    (ast.ScalarTypeDefinitionNode, "scalar"),
    (ast.UnionTypeDefinitionNode, "union"),
    (ast.EnumTypeDefinitionNode, "enum"),
    (ast.InputObjectTypeDefinitionNode, "input"),
)

_JS_HOOK_NAMES = {
    "object": "object",
    "interface": "interface",
    "field": "field",
    "argument": "argument",
    "union": "union",
    "enum": "enum",
    "enum_value": "enumValue",
    "scalar": "scalar",
    "input": "input",
    "input_value": "inputValue",
}


# ---- formatting ---------------------------------------------------------------------------
def _format(ctx: TransformerContext) -> DeploymentResources:
    ctx.merge_conditions(
        {RC.HAS_ENVIRONMENT_PARAMETER: fn.not_(fn.equals(fn.ref(RC.ENV), RC.NONE))}
    )
    resolvers, pipeline_functions, functions = _extract_templates(ctx)
    schema = _build_schema(ctx)
    ctx.set_resource(
        RC.GRAPHQL_SCHEMA,
        resource(
            "AWS::AppSync::GraphQLSchema",
            {
                "ApiId": fn.get_att(RC.GRAPHQL_API, "ApiId"),
                "DefinitionS3Location": fn.sub(
                    _S3_URL + "schema.graphql",
                    {
                        "S3DeploymentBucket": fn.ref(RC.S3_DEPLOYMENT_BUCKET),
                        "S3DeploymentRootKey": fn.ref(RC.S3_DEPLOYMENT_ROOT_KEY),
                    },
                ),
            },
        ),
    )
    default_dependencies = [RC.GRAPHQL_SCHEMA]
    if ctx.get_resource(RC.NONE_DATA_SOURCE):
        default_dependencies.append(RC.NONE_DATA_SOURCE)
    split = split_stack(
        ctx.template,
        ctx.stack_mapping,
        default_parameter_values={RC.APPSYNC_API_ID: fn.get_att(RC.GRAPHQL_API, "ApiId")},
        default_parameter_definitions={
            RC.APPSYNC_API_ID: string_parameter(
                "The id of the AppSync API associated with this project."
            )
        },
        deployment_bucket_parameter=RC.S3_DEPLOYMENT_BUCKET,
        deployment_key_parameter=RC.S3_DEPLOYMENT_ROOT_KEY,
        import_export_prefix=fn.ref(RC.APPSYNC_API_ID),
        default_dependencies=default_dependencies,
    )
    return DeploymentResources(
        schema=schema,
        resolvers=resolvers,
        pipeline_functions=pipeline_functions,
        functions=functions,
        root_stack=split.root,
        stacks=split.stacks,
        stack_mapping=split.stack_mapping,
    )


def _s3_location(folder: str, parts: list[Json]) -> Json:
    return fn.sub(
        _S3_URL + folder + "/${ResolverFileName}",
        {
            "S3DeploymentBucket": fn.ref(RC.S3_DEPLOYMENT_BUCKET),
            "S3DeploymentRootKey": fn.ref(RC.S3_DEPLOYMENT_ROOT_KEY),
            "ResolverFileName": fn.join(".", parts),
        },
    )


def _extract_templates(
    ctx: TransformerContext,
) -> tuple[dict[str, str], dict[str, str], dict[str, Any]]:
    ctx.merge_parameters(
        {
            RC.ENV: string_parameter(
                "The environment name. e.g. Dev, Test, or Production", Default=RC.NONE
            ),
            RC.S3_DEPLOYMENT_BUCKET: string_parameter(
                "The S3 bucket containing all deployment assets for the project."
            ),
            RC.S3_DEPLOYMENT_ROOT_KEY: string_parameter(
                "An S3 key relative to the S3DeploymentBucket that points to the root of the "
                "deployment directory."
            ),
        }
    )
    resolvers: dict[str, str] = {}
    pipeline_functions: dict[str, str] = {}
    functions: dict[str, Any] = {}
    for resource_id, res in ctx.template["Resources"].items():
        properties = res.get("Properties", {})
        request = properties.get("RequestMappingTemplate")
        response = properties.get("ResponseMappingTemplate")
        if res["Type"] == "AWS::AppSync::Resolver":
            if isinstance(request, str) and isinstance(response, str):
                type_name, field_name = properties["TypeName"], properties["FieldName"]
                resolvers[f"{type_name}.{field_name}.req.vtl"] = request
                resolvers[f"{type_name}.{field_name}.res.vtl"] = response
                properties["RequestMappingTemplateS3Location"] = _s3_location(
                    "resolvers", [type_name, field_name, "req", "vtl"]
                )
                properties["ResponseMappingTemplateS3Location"] = _s3_location(
                    "resolvers", [type_name, field_name, "res", "vtl"]
                )
                del properties["RequestMappingTemplate"], properties["ResponseMappingTemplate"]
        elif res["Type"] == "AWS::AppSync::FunctionConfiguration":
            if isinstance(request, str) and isinstance(response, str):
                name = properties["Name"]
                pipeline_functions[f"{name}.req.vtl"] = request
                pipeline_functions[f"{name}.res.vtl"] = response
                properties["RequestMappingTemplateS3Location"] = _s3_location(
                    "pipelineFunctions", [name, "req", "vtl"]
                )
                properties["ResponseMappingTemplateS3Location"] = _s3_location(
                    "pipelineFunctions", [name, "res", "vtl"]
                )
                del properties["RequestMappingTemplate"], properties["ResponseMappingTemplate"]
        elif res["Type"] == "AWS::Lambda::Function":
            functions[f"{resource_id}.zip"] = ctx.metadata.get(resource_id)
    return resolvers, pipeline_functions, functions


def _build_schema(ctx: TransformerContext) -> str:
    included: list[tuple[str, str]] = []
    for operation, node in (
        ("query", ctx.get_query()),
        ("mutation", ctx.get_mutation()),
        ("subscription", ctx.get_subscription()),
    ):
        if node is None or not node.fields:
            # v1 deletes the default-named type only (a renamed empty root type survives).
            ctx.node_map.pop(
                {"query": "Query", "mutation": "Mutation"}.get(operation, "Subscription"), None
            )
        else:
            included.append((operation, node.name.value))
    order = {"query": 0, "mutation": 1, "subscription": 2}
    included.sort(key=lambda item: order[item[0]])
    ctx.put_schema(make_schema_node(included))
    definitions = [
        _strip_directives(node) for key, node in ctx.node_map.items() if key != SCHEMA_KEY
    ]
    definitions = [d for d in definitions if d is not None]
    return print_document(definitions)


def _kept(directives: Any) -> tuple[Any, ...]:
    return tuple(d for d in directives or () if d.name.value in STRIPPED_IN_OUTPUT_EXCEPT)


def _needs_strip(directives: Any) -> bool:
    return any(d.name.value not in STRIPPED_IN_OUTPUT_EXCEPT for d in directives or ())


def _strip_input_value(node: Any) -> Any:
    if _needs_strip(node.directives):
        return dataclasses.replace(node, directives=_kept(node.directives))
    return node


def _strip_field(node: Any) -> Any:
    arguments = node.arguments or ()
    stripped_args = tuple(_strip_input_value(a) for a in arguments)
    changed = any(x is not y for x, y in zip(stripped_args, arguments, strict=True))
    if changed or _needs_strip(node.directives):
        return dataclasses.replace(node, directives=_kept(node.directives), arguments=stripped_args)
    return node


def _strip_directives(node: Any) -> Any:
    """Drop every directive except the `@aws_*` / `@deprecated` ones AppSync understands."""
    if isinstance(node, (ast.ObjectTypeDefinitionNode, ast.InterfaceTypeDefinitionNode)):
        return dataclasses.replace(
            node,
            directives=_kept(node.directives),
            fields=tuple(_strip_field(f) for f in node.fields or ()),
        )
    if isinstance(node, ast.InputObjectTypeDefinitionNode):
        return dataclasses.replace(
            node,
            directives=_kept(node.directives),
            fields=tuple(_strip_input_value(f) for f in node.fields or ()),
        )
    if isinstance(node, ast.EnumTypeDefinitionNode):
        return dataclasses.replace(
            node,
            directives=_kept(node.directives),
            values=tuple(_strip_input_value(v) for v in node.values or ()),
        )
    if isinstance(node, (ast.UnionTypeDefinitionNode, ast.ScalarTypeDefinitionNode)):
        return dataclasses.replace(node, directives=_kept(node.directives))
    return None
