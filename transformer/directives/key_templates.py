"""VTL and resolvers @key adds: the primary key object, composite sort keys, key queries."""

from __future__ import annotations

from typing import Any

from graphql.language import ast

from transformer.cloudformation import intrinsics as fn
from transformer.context import TransformerContext
from transformer.definitions import (
    attribute_type_from_scalar,
    get_base_type,
)
from transformer.errors import InvalidDirectiveError, TransformerError
from transformer.mapping_template import ast as a
from transformer.mapping_template.dynamodb import RESOLVER_VERSION_ID
from transformer.mapping_template.key_conditions import apply_key_expression_for_composite_key
from transformer.mapping_template.printer import print_block, print_template
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResourceConstants as RC
from transformer.naming import graphql_name, to_camel_case

__all__ = [
    "attribute_type_from_type",
    "condense",
    "ensure_composite_key_snippet",
    "find_field",
    "join_snippets",
    "query_resolver",
    "set_key_snippet",
    "set_query_snippet",
    "validate_key_argument_snippet",
]


def attribute_type_from_type(type_: ast.TypeNode, ctx: TransformerContext) -> str:
    """S / N for a key field; enums are strings.

    :raises TransformerError: for fields that cannot be keys (objects, Boolean).
    """
    if isinstance(ctx.get_type(get_base_type(type_)), ast.EnumTypeDefinitionNode):
        return "S"
    try:
        return attribute_type_from_scalar(type_)
    except ValueError as err:
        raise TransformerError(str(err)) from err


def condense(fields: list[str]) -> str:
    return M.composite_attribute_name(fields)


def find_field(definition: ast.ObjectTypeDefinitionNode, name: str) -> ast.FieldDefinitionNode:
    return next(f for f in definition.fields or () if f.name.value == name)


def _model_object_key(fields: list[str], is_mutation: bool) -> a.ObjectNode:
    prefix = "ctx.args.input" if is_mutation else "ctx.args"
    if len(fields) > 2:
        value = condense([f"${{{prefix}.{f}}}" for f in fields[1:]])
        return a.obj(
            {
                fields[0]: a.ref(f"util.dynamodb.toDynamoDB(${prefix}.{fields[0]})"),
                condense(fields[1:]): a.ref(f'util.dynamodb.toDynamoDB("{value}")'),
            }
        )
    if fields:
        return a.obj({f: a.ref(f"util.dynamodb.toDynamoDB(${prefix}.{f})") for f in fields})
    raise InvalidDirectiveError("@key directives must include at least one field.")


def set_key_snippet(fields: list[str], is_mutation: bool = False) -> str:
    return print_block(
        "Set the primary @key",
        a.compound([a.set_(a.ref(RC.MODEL_OBJECT_KEY), _model_object_key(fields, is_mutation))]),
    )


def ensure_composite_key_snippet(fields: list[str], conditionally_set_sort_key: bool) -> str:
    """Write the condensed `a#b` sort key attribute into `$ctx.args.input` (and rename map)."""
    if len(fields) <= 2:
        return ""
    sort_fields = fields[1:]
    condensed = condense(sort_fields)
    friendly = to_camel_case([graphql_name(f) for f in sort_fields])
    value = condense([f"${{ctx.args.input.{f}}}" for f in sort_fields])
    override_map = RC.DYNAMODB_NAME_OVERRIDE_MAP
    put = a.qref(f'$ctx.args.input.put("{condensed}","{value}")')
    return print_template(
        a.compound(
            [
                a.if_else(
                    a.raw(f"$util.isNull(${override_map})"),
                    a.set_(a.ref(override_map), a.obj({condensed: a.str_(friendly)})),
                    a.qref(f'${override_map}.put("{condensed}", "{friendly}")'),
                ),
                a.iff(a.ref(RC.HAS_SEEN_SOME_KEY_ARG), put) if conditionally_set_sort_key else put,
            ]
        )
    )


def validate_key_argument_snippet(args: dict[str, Any], operation: str) -> str:
    fields = list(args["fields"])
    if not args.get("name") or len(fields) <= 2:
        return ""
    name = args["name"]
    seen = RC.HAS_SEEN_SOME_KEY_ARG
    return print_block(
        f"Validate {operation} mutation for @key '{name}'",
        a.compound(
            [
                a.set_(a.ref(seen), a.bool_(False)),
                a.set_(a.ref("keyFieldNames"), a.list_([a.str_(f) for f in fields[1:]])),
                a.for_each(
                    a.ref("keyFieldName"),
                    a.ref("keyFieldNames"),
                    [
                        a.iff(
                            a.raw('$ctx.args.input.containsKey("$keyFieldName")'),
                            a.set_(a.ref(seen), a.bool_(True)),
                            True,
                        )
                    ],
                ),
                a.for_each(
                    a.ref("keyFieldName"),
                    a.ref("keyFieldNames"),
                    [
                        a.iff(
                            a.raw(f'${seen} && !$ctx.args.input.containsKey("$keyFieldName")'),
                            a.raw(
                                f'$util.error("When {operation[:-1]}ing any part of the composite '
                                f"sort key for @key '{name}', you must provide all fields for the "
                                "key. Missing key: '$keyFieldName'.\")"
                            ),
                        )
                    ],
                ),
            ]
        ),
    )


def set_query_snippet(
    definition: ast.ObjectTypeDefinitionNode,
    fields: list[str],
    ctx: TransformerContext,
    is_list_resolver: bool,
) -> a.CompoundExpression:
    key_types = [attribute_type_from_type(find_field(definition, k).type, ctx) for k in fields]
    expressions: list[a.Expression | None] = []
    if len(fields) == 1:
        expressions.append(
            a.iff(
                a.raw("!$util.isNull($ctx.args.sortDirection)"),
                a.raw(
                    '$util.error("sortDirection is not supported for List operations without a '
                    'Sort key defined.", "InvalidArgumentsError")'
                ),
            )
        )
    elif is_list_resolver:
        expressions.append(
            a.iff(
                a.and_(
                    [
                        a.raw(f"$util.isNull($ctx.args.{fields[0]})"),
                        a.raw("!$util.isNull($ctx.args.sortDirection)"),
                    ]
                ),
                a.raw(
                    "$util.error(\"When providing argument 'sortDirection' you must also provide "
                    f'argument \'{fields[0]}\'.", "InvalidArgumentsError")'
                ),
            )
        )
    expressions.append(a.set_(a.ref(RC.MODEL_QUERY_EXPRESSION), a.obj({})))
    expressions.append(
        apply_key_expression_for_composite_key(fields, key_types, RC.MODEL_QUERY_EXPRESSION)
    )
    return a.block("Set query expression for @key", expressions)


def join_snippets(*snippets: str) -> str:
    return "\n".join(snippets)


def query_resolver(
    definition: ast.ObjectTypeDefinitionNode,
    args: dict[str, Any],
    ctx: TransformerContext,
    query_type: str,
) -> Any:
    from transformer.cloudformation.resources import resource

    request_var = "QueryRequest"
    request = print_template(
        a.compound(
            [
                set_query_snippet(definition, list(args["fields"]), ctx, False),
                a.set_(
                    a.ref("limit"),
                    a.ref(f"util.defaultIfNull($context.args.limit, {RC.DEFAULT_PAGE_LIMIT})"),
                ),
                a.set_(
                    a.ref(request_var),
                    a.obj(
                        {
                            "version": a.str_(RESOLVER_VERSION_ID),
                            "operation": a.str_("Query"),
                            "limit": a.ref("limit"),
                            "query": a.ref(RC.MODEL_QUERY_EXPRESSION),
                            "index": a.str_(args["name"]),
                        }
                    ),
                ),
                a.if_else(
                    a.raw(
                        "!$util.isNull($ctx.args.sortDirection)\n"
                        '                    && $ctx.args.sortDirection == "DESC"'
                    ),
                    a.set_(a.ref(f"{request_var}.scanIndexForward"), a.bool_(False)),
                    a.set_(a.ref(f"{request_var}.scanIndexForward"), a.bool_(True)),
                ),
                a.iff(
                    a.ref("context.args.nextToken"),
                    a.set_(a.ref(f"{request_var}.nextToken"), a.ref("context.args.nextToken")),
                    True,
                ),
                a.iff(
                    a.ref("context.args.filter"),
                    a.set_(
                        a.ref(f"{request_var}.filter"),
                        a.ref(
                            'util.parseJson("$util.transform.toDynamoDBFilterExpression('
                            '$ctx.args.filter)")'
                        ),
                    ),
                    True,
                ),
                a.raw(f"$util.toJson(${request_var})"),
            ]
        )
    )
    response = print_template(
        a.compound(
            [
                a.iff(
                    a.ref("ctx.error"),
                    a.raw("$util.error($ctx.error.message, $ctx.error.type)"),
                ),
                a.raw("$util.toJson($ctx.result)"),
            ]
        )
    )
    return resource(
        "AWS::AppSync::Resolver",
        {
            "ApiId": fn.get_att(RC.GRAPHQL_API, "ApiId"),
            "DataSourceName": fn.get_att(M.data_source(definition.name.value), "Name"),
            "FieldName": args["queryField"],
            "TypeName": query_type,
            "RequestMappingTemplate": request,
            "ResponseMappingTemplate": response,
        },
    )
