"""The mapping templates of the relational field resolvers (@hasMany, @hasOne, @belongsTo).

Each connection field gets one DynamoDB query function in ConnectionStack: @hasMany pages
through the related table's index with `filter` / `sortDirection` / `limit` / `nextToken`
and an optional sort key condition argument; @hasOne / @belongsTo query the related key (or
the `references` GSI) and return the single item. Field-level auth hands over
`$ctx.stash.deniedField` (an empty page / null) and `$ctx.stash.authFilter` (ANDed with
the caller's filter). The stash key `connectionAttibutes` (sic) of the single-item and
sort-key lookups is the real transformer's spelling; `connectionAttributes` is used for
the partition key of the list lookups, so both are kept as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from transformer.mapping_template import ast as a
from transformer.mapping_template import print_block, print_template
from transformer.mapping_template.dynamodb import dynamodb_response, query
from transformer.mapping_template.key_conditions import (
    apply_composite_key_condition_expression,
    apply_key_condition_expression,
)
from transformer.naming import graphql_name, to_camel_case

__all__ = [
    "NONE_VALUE",
    "OPERATION_KEY",
    "composite_sort_key_checks",
    "has_many_request",
    "has_many_response",
    "key_value_expression",
    "single_item_request",
    "single_item_response",
]

#: The placeholder a missing key part is replaced with, so a query with it finds nothing.
NONE_VALUE = "___xamznone____"
#: Set on items returned by a mutation so nested connection fields can tell (subscriptions).
OPERATION_KEY = "__operation"
PARTITION_KEY_VALUE = "partitionKeyValue"
SORT_KEY_VALUE = "sortKeyValue"
COMPOSITE_KEY_SEPARATOR = "#"
_AUTH_FILTER = a.ref("ctx.stash.authFilter")


def _empty_page_return() -> a.CompoundExpression:
    return a.compound(
        [a.set_(a.ref("result"), a.obj({"items": a.list_([])})), a.raw("#return($result)")]
    )


def _filter_setup() -> list[a.Expression]:
    """Merge the auth filter and the `filter` argument, then turn it into a DynamoDB filter."""
    return [
        a.set_(a.ref("args"), a.ref("util.defaultIfNull($ctx.stash.transformedArgs, $ctx.args)")),
        a.if_else(
            a.not_(a.is_null_or_empty(_AUTH_FILTER)),
            a.compound(
                [
                    a.set_(a.ref("filter"), _AUTH_FILTER),
                    a.iff(
                        a.not_(a.is_null_or_empty(a.ref("args.filter"))),
                        a.set_(
                            a.ref("filter"),
                            a.obj({"and": a.list_([a.ref("filter"), a.ref("args.filter")])}),
                        ),
                    ),
                ]
            ),
            a.iff(
                a.not_(a.is_null_or_empty(a.ref("args.filter"))),
                a.set_(a.ref("filter"), a.ref("args.filter")),
            ),
        ),
        a.iff(
            a.not_(a.is_null_or_empty(a.ref("filter"))),
            a.compound(
                [
                    a.set_(
                        a.ref("filterExpression"),
                        a.method_call(
                            a.ref("util.parseJson"),
                            a.method_call(
                                a.ref("util.transform.toDynamoDBFilterExpression"), a.ref("filter")
                            ),
                        ),
                    ),
                    a.iff(
                        a.not_(
                            a.method_call(
                                a.ref("util.isNullOrBlank"), a.ref("filterExpression.expression")
                            )
                        ),
                        a.compound(
                            [
                                a.iff(
                                    a.equals(
                                        a.method_call(
                                            a.ref("filterExpression.expressionValues.size")
                                        ),
                                        a.int_(0),
                                    ),
                                    a.qref(
                                        a.method_call(
                                            a.ref("filterExpression.remove"),
                                            a.str_("expressionValues"),
                                        )
                                    ),
                                ),
                                a.set_(a.ref("filter"), a.ref("filterExpression")),
                            ]
                        ),
                    ),
                ]
            ),
        ),
    ]


def _key_query(partition_key: str, sort_key: str | None, sort_value: str | None) -> a.ObjectNode:
    if sort_key is not None and sort_value is not None:
        return a.obj(
            {
                "expression": a.str_("#partitionKey = :partitionKey AND #sortKey = :sortKey"),
                "expressionNames": a.obj(
                    {"#partitionKey": a.str_(partition_key), "#sortKey": a.str_(sort_key)}
                ),
                "expressionValues": a.obj(
                    {
                        ":partitionKey": a.ref(f"util.dynamodb.toDynamoDB(${PARTITION_KEY_VALUE})"),
                        ":sortKey": a.ref(f"util.dynamodb.toDynamoDB({sort_value})"),
                    }
                ),
            }
        )
    return a.obj(
        {
            "expression": a.str_("#partitionKey = :partitionKey"),
            "expressionNames": a.obj({"#partitionKey": a.str_(partition_key)}),
            "expressionValues": a.obj(
                {":partitionKey": a.ref(f"util.dynamodb.toDynamoDB(${PARTITION_KEY_VALUE})")}
            ),
        }
    )


def has_many_request(
    *,
    partition_source: str,
    sort_sources: Sequence[str],
    key_schema: Sequence[str],
    limit: int,
    index_name: str | None,
    sort_key_condition: tuple[str, str] | tuple[Sequence[str], str] | None = None,
    references_sort_key: str | None = None,
) -> str:
    """The request of a @hasMany (or @manyToMany) field: query the related index by this item's key.

    `partition_source` / `sort_sources` name the source item's attributes that hold the
    key values; `key_schema` is the related index's [partition, sort?] attribute names.
    `sort_key_condition` adds the sort key condition argument when only the partition
    key is bound: (sort key field, DynamoDB attribute type) for a single sort key field,
    or (sort key field names, composite attribute name) for a composite one.
    `references_sort_key` is the composite sort key name of a `references` relation.
    """
    setup: list[a.Expression] = [
        a.set_(a.ref("limit"), a.ref(f"util.defaultIfNull($context.args.limit, {limit})"))
    ]
    for i, source in enumerate(sort_sources):
        setup.append(
            a.set_(
                a.ref(f"{SORT_KEY_VALUE}{i}"),
                a.method_call(
                    a.ref("util.defaultIfNull"),
                    a.ref(f'ctx.stash.connectionAttibutes.get("{source}")'),
                    a.ref(f"ctx.source.{source}"),
                ),
            )
        )
    if references_sort_key is not None:
        condensed = COMPOSITE_KEY_SEPARATOR.join(
            f"${{{SORT_KEY_VALUE}{i}}}" for i in range(len(sort_sources))
        )
        setup.append(
            a.set_(a.ref("query"), _key_query(key_schema[0], references_sort_key, f'"{condensed}"'))
        )
    elif len(key_schema) > 1 and sort_sources:
        if len(sort_sources) > 1:
            condensed = COMPOSITE_KEY_SEPARATOR.join(
                f"${{{SORT_KEY_VALUE}{i}}}" for i in range(len(sort_sources))
            )
            sort_value = f'"{condensed}"'
        else:
            sort_value = f"${SORT_KEY_VALUE}0"
        setup.append(a.set_(a.ref("query"), _key_query(key_schema[0], key_schema[1], sort_value)))
    else:
        setup.append(a.set_(a.ref("query"), _key_query(key_schema[0], None, None)))
    if sort_key_condition is not None:
        names, second = sort_key_condition
        if isinstance(names, str):
            setup.append(apply_key_condition_expression(names, second, "query"))
        else:
            setup.append(
                apply_composite_key_condition_expression(
                    list(names), "query", _camel(list(names)), second
                )
            )
    setup.extend(_filter_setup())
    query_obj = query(
        a.raw("$util.toJson($query)"),
        a.if_else(
            a.ref("context.args.sortDirection"),
            a.if_else(
                a.equals(a.ref("context.args.sortDirection"), a.str_("ASC")),
                a.bool_(True),
                a.bool_(False),
            ),
            a.bool_(True),
        ),
        a.if_else(a.ref("filter"), a.ref("util.toJson($filter)"), a.nul()),
        a.ref("limit"),
        a.if_else(
            a.ref("context.args.nextToken"), a.ref("util.toJson($context.args.nextToken)"), a.nul()
        ),
        a.str_(index_name) if index_name else None,
    )
    return print_template(
        a.compound(
            [
                a.iff(a.ref("ctx.stash.deniedField"), _empty_page_return()),
                a.set_(
                    a.ref(PARTITION_KEY_VALUE),
                    a.method_call(
                        a.ref("util.defaultIfNull"),
                        a.ref(f'ctx.stash.connectionAttributes.get("{partition_source}")'),
                        a.ref(f"ctx.source.{partition_source}"),
                    ),
                ),
                a.if_else(
                    a.method_call(a.ref("util.isNull"), a.ref(PARTITION_KEY_VALUE)),
                    _empty_page_return(),
                    a.compound([*setup, query_obj]),
                ),
            ]
        )
    )


def has_many_response() -> str:
    """Return the page; items read under a mutation carry the mutation marker on."""
    return print_template(
        dynamodb_response(
            a.compound(
                [
                    a.iff(a.raw("!$result"), a.set_(a.ref("result"), a.ref("ctx.result"))),
                    a.compound(
                        [
                            a.iff(
                                a.equals(
                                    a.method_call(
                                        a.ref("util.defaultIfNull"),
                                        a.method_call(
                                            a.ref("ctx.source.get"), a.str_(OPERATION_KEY)
                                        ),
                                        a.nul(),
                                    ),
                                    a.str_("Mutation"),
                                ),
                                a.for_each(
                                    a.ref("item"),
                                    a.ref("result.items"),
                                    [
                                        a.qref(
                                            a.method_call(
                                                a.ref("item.put"),
                                                a.str_(OPERATION_KEY),
                                                a.str_("Mutation"),
                                            )
                                        )
                                    ],
                                ),
                            ),
                            a.raw("$util.toJson($result)"),
                        ]
                    ),
                ]
            )
        )
    )


def key_value_expression(value: str, attribute_type: str) -> a.Reference:
    """A key value as DynamoDB JSON, with the none placeholder for a missing (or blank) value."""
    default = "defaultIfNullOrBlank" if attribute_type == "S" else "defaultIfNull"
    return a.ref(
        f'util.parseJson($util.dynamodb.toDynamoDBJson($util.{default}({value}, "{NONE_VALUE}")))'
    )


def single_item_request(
    *,
    partition_source: str,
    null_checked_sources: Sequence[str],
    key_conditions: Sequence[tuple[str, a.Expression]],
    index_name: str | None = None,
) -> str:
    """The request of a @hasOne / @belongsTo field: query the related key for one item.

    `key_conditions` are the (attribute name, value expression) pairs: the partition key
    first, then the sort key if any.
    """
    names = {"#partitionKey": a.str_(key_conditions[0][0])}
    values: dict[str, a.Expression | None] = {":partitionValue": key_conditions[0][1]}
    expressions = ["#partitionKey = :partitionValue"]
    if len(key_conditions) > 1:
        expressions.append("#sortKeyName = :sortKeyName")
        names["#sortKeyName"] = a.str_(key_conditions[1][0])
        values[":sortKeyName"] = key_conditions[1][1]
    request: dict[str, a.Expression | None] = {
        "version": a.str_("2018-05-29"),
        "operation": a.str_("Query"),
    }
    if index_name is not None:
        request["index"] = a.str_(index_name)
    return print_template(
        a.compound(
            [
                a.iff(a.ref("ctx.stash.deniedField"), a.raw("#return($util.toJson(null))")),
                a.set_(
                    a.ref(PARTITION_KEY_VALUE),
                    a.method_call(
                        a.ref("util.defaultIfNull"),
                        a.ref(f'ctx.stash.connectionAttibutes.get("{partition_source}")'),
                        a.ref(f"ctx.source.{partition_source}"),
                    ),
                ),
                a.if_else(
                    a.or_(
                        [
                            a.method_call(a.ref("util.isNull"), a.ref(PARTITION_KEY_VALUE)),
                            *(
                                a.raw(f"$util.isNull($ctx.source.{f})")
                                for f in null_checked_sources
                            ),
                        ]
                    ),
                    a.raw("#return"),
                    a.compound(
                        [
                            a.set_(a.ref("GetRequest"), a.obj(request)),
                            a.qref(
                                a.method_call(
                                    a.ref("GetRequest.put"),
                                    a.str_("query"),
                                    a.obj(
                                        {
                                            "expression": a.str_(" AND ".join(expressions)),
                                            "expressionNames": a.obj(names),
                                            "expressionValues": a.obj(values),
                                        }
                                    ),
                                )
                            ),
                            a.iff(
                                a.not_(a.is_null_or_empty(_AUTH_FILTER)),
                                a.qref(
                                    a.method_call(
                                        a.ref("GetRequest.put"),
                                        a.str_("filter"),
                                        a.method_call(
                                            a.ref("util.parseJson"),
                                            a.method_call(
                                                a.ref("util.transform.toDynamoDBFilterExpression"),
                                                _AUTH_FILTER,
                                            ),
                                        ),
                                    )
                                ),
                            ),
                            a.to_json(a.ref("GetRequest")),
                        ]
                    ),
                ),
            ]
        )
    )


def single_item_response(*, references_has_one: bool = False) -> str:
    """Return the one item found; an item filtered away by auth is `Unauthorized`.

    A @hasOne with `references` queries a GSI, so it accepts any non-empty page and calls
    a scan that found something but returned nothing unauthorized.
    """
    found: a.Expression = (
        a.not_(a.ref("ctx.result.items.isEmpty()"))
        if references_has_one
        else a.and_(
            [
                a.not_(a.ref("ctx.result.items.isEmpty()")),
                a.equals(a.ref("ctx.result.scannedCount"), a.int_(1)),
            ]
        )
    )
    denied: a.Expression = (
        a.and_(
            [
                a.ref("ctx.result.items.isEmpty()"),
                a.greater_than(a.ref("ctx.result.scannedCount"), a.int_(0)),
            ]
        )
        if references_has_one
        else a.and_(
            [
                a.ref("ctx.result.items.isEmpty()"),
                a.equals(a.ref("ctx.result.scannedCount"), a.int_(1)),
            ]
        )
    )
    return print_template(
        dynamodb_response(
            a.if_else(
                found,
                a.compound(
                    [
                        a.set_(a.ref("resultValue"), a.ref("ctx.result.items[0]")),
                        a.set_(
                            a.ref("operation"),
                            a.method_call(
                                a.ref("util.defaultIfNull"),
                                a.method_call(a.ref("ctx.source.get"), a.str_(OPERATION_KEY)),
                                a.nul(),
                            ),
                        ),
                        a.iff(
                            a.equals(a.ref("operation"), a.str_("Mutation")),
                            a.qref(
                                a.method_call(
                                    a.ref("resultValue.put"),
                                    a.str_(OPERATION_KEY),
                                    a.str_("Mutation"),
                                )
                            ),
                        ),
                        a.to_json(a.ref("resultValue")),
                    ]
                ),
                a.compound([a.iff(denied, a.ref("util.unauthorized()")), a.to_json(a.nul())]),
            )
        )
    )


def _camel(words: list[str]) -> str:
    return to_camel_case(words)


def composite_sort_key_checks(index_name: str, sort_fields: list[str], operation: str) -> list[str]:
    """What a create/update of the child of a `references` relation with a composite sort key
    runs in preAuth: every part of the sort key or none, and the condensed key attribute."""
    if len(sort_fields) < 2:
        return []
    verb = operation[:-1] + "ing"
    validate = print_block(
        f"Validate {operation} mutation for global secondary index '{index_name}'",
        a.compound(
            [
                a.set_(a.ref("hasSeenSomeKeyArg"), a.bool_(False)),
                a.set_(a.ref("keyFieldNames"), a.list_([a.str_(f) for f in sort_fields])),
                a.for_each(
                    a.ref("keyFieldName"),
                    a.ref("keyFieldNames"),
                    [
                        a.iff(
                            a.raw('$mergedValues.containsKey("$keyFieldName")'),
                            a.set_(a.ref("hasSeenSomeKeyArg"), a.bool_(True)),
                            True,
                        )
                    ],
                ),
                a.for_each(
                    a.ref("keyFieldName"),
                    a.ref("keyFieldNames"),
                    [
                        a.iff(
                            a.raw(
                                '$hasSeenSomeKeyArg && !$mergedValues.containsKey("$keyFieldName")'
                            ),
                            a.raw(
                                f'$util.error("When {verb} any part of the composite sort key '
                                f"for global secondary index '{index_name}', you must provide "
                                "all fields for the key. Missing key: '$keyFieldName'.\")"
                            ),
                        )
                    ],
                ),
            ]
        ),
    )
    condensed = COMPOSITE_KEY_SEPARATOR.join(sort_fields)
    friendly = to_camel_case([graphql_name(f) for f in sort_fields])
    value = COMPOSITE_KEY_SEPARATOR.join(f"${{mergedValues.{f}}}" for f in sort_fields)
    ensure = print_template(
        a.compound(
            [
                a.if_else(
                    a.raw("$util.isNull($ctx.stash.metadata.dynamodbNameOverrideMap)"),
                    a.qref(
                        a.method_call(
                            a.ref("ctx.stash.metadata.put"),
                            a.str_("dynamodbNameOverrideMap"),
                            a.raw(f"{{ '{condensed}': \"{friendly}\" }}"),
                        )
                    ),
                    a.qref(
                        a.method_call(
                            a.ref("ctx.stash.metadata.dynamodbNameOverrideMap.put"),
                            a.raw(f"'{condensed}'"),
                            a.str_(friendly),
                        )
                    ),
                ),
                a.iff(
                    a.ref("hasSeenSomeKeyArg"),
                    a.qref(f"$ctx.args.input.put('{condensed}',\"{value}\")"),
                ),
            ]
        )
    )
    return [validate, ensure]
