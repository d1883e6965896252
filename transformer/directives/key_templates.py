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
from transformer.errors import InvalidDirectiveError
from transformer.mapping_template import ast as a
from transformer.mapping_template.dynamodb import RESOLVER_VERSION_ID, sync_item
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
    "sync_query_map_snippet",
    "sync_resolver_request",
    "validate_key_argument_snippet",
]


def attribute_type_from_type(type_: ast.TypeNode, ctx: TransformerContext) -> str:
    """S / N for a key field; enums are strings.

    :raises TransformerError: for fields that cannot be keys (objects, Boolean).
    """
    if isinstance(ctx.get_type(get_base_type(type_)), ast.EnumTypeDefinitionNode):
        return "S"
    return attribute_type_from_scalar(type_)


def condense(fields: list[str]) -> str:
    return M.composite_attribute_name(fields)


def find_field(definition: ast.ObjectTypeDefinitionNode, name: str) -> ast.FieldDefinitionNode:
    return next(f for f in definition.fields or () if f.name.value == name)


def _sort_direction_and_next_token(request_var: str) -> list[a.Expression]:
    """`sortDirection: DESC` reads the index backwards; a nextToken argument resumes the page."""
    return [
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
    ]


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
                *_sort_direction_and_next_token(request_var),
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


# ---- DataStore sync query (ResolverConfig) -----------------------------------------------
def sync_query_map_snippet(args: dict[str, Any], is_table: bool) -> str:
    """Register one key (table or index) the sync query may use for `filter: {and: [...]}`."""
    keys = list(args["fields"])
    index = "dbTable" if is_table else args["name"]
    key = f"{keys[0]}+null" if len(keys) == 1 else "+".join(keys)
    return print_template(
        a.block(
            "Set query expression for @key",
            [
                a.raw(f"$util.qr($QueryMap.put('{key}' , '{index}'))"),
                a.raw(f"$util.qr($PkMap.put('{keys[0]}' , '{index}'))"),
            ],
        )
    )


def _sync_init() -> a.Expression:
    return a.block(
        "Set map initialization for @key",
        [
            a.set_(a.ref("index"), a.str_("")),
            a.set_(a.ref("scan"), a.bool_(True)),
            a.set_(a.ref("filterMap"), a.obj({})),
            a.set_(a.ref("QueryMap"), a.obj({})),
            a.set_(a.ref("PkMap"), a.obj({})),
            a.set_(a.ref("filterArgsMap"), a.obj({})),
        ],
    )


def _sync_filter() -> a.Expression:
    entry_steps: list[a.Expression] = [
        a.iff(
            a.raw(
                "$ind == 0 && !$util.isNullOrEmpty($entry.value.eq) && "
                "!$util.isNullOrEmpty($PkMap.get($entry.key))"
            ),
            a.compound(
                [
                    a.set_(a.ref("pk"), a.ref("entry.key")),
                    a.set_(a.ref("scan"), a.bool_(False)),
                    a.raw("$util.qr($ctx.args.put($pk,$entry.value.eq))"),
                    a.set_(a.ref("index"), a.ref("PkMap.get($pk)")),
                ]
            ),
        ),
        a.if_else(
            a.raw(
                "$ind == 1 && !$util.isNullOrEmpty($pk) && "
                '!$util.isNullOrEmpty($QueryMap.get("${pk}+$entry.key"))'
            ),
            a.compound(
                [
                    a.set_(a.ref("sk"), a.ref("entry.key")),
                    a.raw("$util.qr($ctx.args.put($sk,$entry.value))"),
                    a.set_(a.ref("index"), a.ref('QueryMap.get("${pk}+$sk")')),
                ]
            ),
            a.iff(a.raw("$ind > 0"), a.qref("$filterMap.put($entry.key,$entry.value)")),
        ),
    ]
    return a.block(
        "Set query expression for @key",
        [
            a.compound(
                [
                    a.set_(a.ref("filterArgsMap"), a.ref('ctx.args.filter.get("and")')),
                    a.if_else(
                        a.raw(
                            "!$util.isNullOrEmpty($filterArgsMap) && "
                            "($util.isNull($ctx.args.lastSync) || $ctx.args.lastSync == 0)"
                        ),
                        a.compound(
                            [
                                a.set_(a.ref("json"), a.raw("$filterArgsMap")),
                                a.for_each(
                                    a.ref("item"),
                                    a.ref("json"),
                                    [
                                        a.set_(a.ref("ind"), a.ref("foreach.index")),
                                        a.for_each(
                                            a.ref("entry"), a.ref("item.entrySet()"), entry_steps
                                        ),
                                    ],
                                ),
                            ]
                        ),
                        a.set_(a.ref("filterMap"), a.raw("$ctx.args.filter")),
                    ),
                ]
            )
        ],
    )


def _sync_hash_key(query: str) -> a.Expression:
    return a.block(
        "Set Primary Key initialization @key",
        [
            a.set_(a.ref(query), a.obj({})),
            a.iff(
                a.raw("!$util.isNull($pk)"),
                a.compound(
                    [
                        a.set_(a.ref(f"{query}.expression"), a.str_("#pk = :pk")),
                        a.set_(a.ref(f"{query}.expressionNames"), a.obj({"#pk": a.str_("$pk")})),
                        a.set_(
                            a.ref(f"{query}.expressionValues"),
                            a.obj(
                                {
                                    ":pk": a.ref(
                                        "util.parseJson($util.dynamodb.toDynamoDBJson("
                                        "$ctx.args.get($pk)))"
                                    )
                                }
                            ),
                        ),
                    ]
                ),
            ),
        ],
    )


_SYNC_SORT_OPERATORS = (
    ("beginsWith", "begins_with(#sortKey, :sortKey)"),
    ("between", "#sortKey BETWEEN :sortKey0 AND :sortKey1"),
    ("eq", "#sortKey = :sortKey"),
    ("lt", "#sortKey < :sortKey"),
    ("le", "#sortKey <= :sortKey"),
    ("gt", "#sortKey > :sortKey"),
    ("ge", "#sortKey >= :sortKey"),
)


def _sync_range_key(query: str) -> a.Expression:
    def value(path: str) -> a.QuietReference:
        # v1 writes both `between` bounds to ":sortKey" (sic).
        return a.qref(
            f'${query}.expressionValues.put(":sortKey", $util.parseJson('
            f"$util.dynamodb.toDynamoDBJson($ctx.args.get($sk).{path})))"
        )

    steps: list[a.Expression] = []
    for op, condition in _SYNC_SORT_OPERATORS:
        values = [value("between[0]"), value("between[1]")] if op == "between" else [value(op)]
        steps.append(
            a.iff(
                a.raw(
                    f"!$util.isNull($ctx.args.get($sk)) && !$util.isNull($ctx.args.get($sk).{op})"
                ),
                a.compound(
                    [
                        a.set_(
                            a.ref(f"{query}.expression"),
                            a.raw(f'"${query}.expression AND {condition}"'),
                        ),
                        a.qref(f'${query}.expressionNames.put("#sortKey", $sk)'),
                        *values,
                    ]
                ),
            )
        )
    return a.block("Applying Key Condition", steps)


def _sync_query() -> a.Expression:
    request_var = "QueryRequest"
    query = a.compound(
        [
            a.set_(
                a.ref("limit"),
                a.ref(f"util.defaultIfNull($context.args.limit, {RC.DEFAULT_PAGE_LIMIT})"),
            ),
            a.set_(
                a.ref(request_var),
                a.obj(
                    {
                        "version": a.str_(RESOLVER_VERSION_ID),
                        "operation": a.str_("Sync"),
                        "limit": a.ref("limit"),
                        "query": a.ref(RC.MODEL_QUERY_EXPRESSION),
                    }
                ),
            ),
            *_sort_direction_and_next_token(request_var),
            a.iff(
                a.raw("!$util.isNullOrEmpty($filterMap)"),
                a.set_(
                    a.ref(f"{request_var}.filter"),
                    a.ref("util.parseJson($util.transform.toDynamoDBFilterExpression($filterMap))"),
                ),
            ),
            a.iff(
                a.raw('$index != "dbTable"'), a.set_(a.ref(f"{request_var}.index"), a.ref("index"))
            ),
            a.raw(f"$util.toJson(${request_var})"),
        ]
    )
    scan = sync_item(
        a.if_else(
            a.raw("!$util.isNullOrEmpty($ctx.args.filter)"),
            a.ref("util.transform.toDynamoDBFilterExpression($ctx.args.filter)"),
            a.nul(),
        ),
        a.ref(f"util.defaultIfNull($ctx.args.limit, {RC.DEFAULT_PAGE_LIMIT})"),
        a.ref("util.toJson($util.defaultIfNull($ctx.args.nextToken, null))"),
        a.ref("util.toJson($util.defaultIfNull($ctx.args.lastSync, null))"),
    )
    return a.block(" Set query expression for @key", [a.if_else(a.raw("!$scan"), query, scan)])


def sync_resolver_request(key_snippets: str) -> str:
    """The sync query request once every @key of the type has registered itself."""
    query = RC.MODEL_QUERY_EXPRESSION
    return join_snippets(
        print_template(_sync_init()),
        key_snippets,
        print_template(_sync_filter()),
        print_template(_sync_hash_key(query)),
        print_template(_sync_range_key(query)),
        print_template(_sync_query()),
    )
