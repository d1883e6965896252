"""DynamoDB request/response mapping templates (the shapes the v1 resolvers send)."""

from __future__ import annotations

from transformer.mapping_template import ast as a

__all__ = [
    "RESOLVER_VERSION_ID",
    "binary_attribute_value",
    "delete_item",
    "dynamodb_response",
    "get_item",
    "list_item",
    "numeric_attribute_value",
    "paginated_response",
    "put_item",
    "query",
    "string_attribute_value",
    "sync_item",
    "update_item",
]

RESOLVER_VERSION_ID = "2018-05-29"
_SYNC_FIELDS = ("_version", "_deleted", "_lastChangedAt")


def put_item(
    key: a.Expression, attribute_values: a.Expression, condition: a.Expression | None
) -> a.ObjectNode:
    return a.obj(
        {
            "version": a.str_(RESOLVER_VERSION_ID),
            "operation": a.str_("PutItem"),
            "key": key,
            "attributeValues": attribute_values,
            "condition": condition,
        }
    )


def get_item(key: a.Expression) -> a.ObjectNode:
    return a.obj(
        {"version": a.str_(RESOLVER_VERSION_ID), "operation": a.str_("GetItem"), "key": key}
    )


def query(
    query_expr: a.Expression,
    scan_index_forward: a.Expression | None,
    filter_expr: a.Expression | None,
    limit: a.Expression | None,
    next_token: a.Expression | None = None,
    index: a.Expression | None = None,
) -> a.ObjectNode:
    attributes: dict[str, a.Expression | None] = {
        "version": a.str_(RESOLVER_VERSION_ID),
        "operation": a.str_("Query"),
        "query": query_expr,
        "scanIndexForward": scan_index_forward,
        "filter": filter_expr,
        "limit": limit,
    }
    if next_token is not None:
        attributes["nextToken"] = next_token
    if index is not None:
        attributes["index"] = index
    return a.obj(attributes)


def list_item(
    filter_expr: a.Expression | None,
    limit: a.Expression | None,
    next_token: a.Expression | None,
    scan_index_forward: a.Expression | None = None,
    query_expr: a.Expression | None = None,
    index: a.Expression | None = None,
) -> a.ObjectNode:
    return a.obj(
        {
            "version": a.str_(RESOLVER_VERSION_ID),
            "operation": a.str_("Scan"),
            "filter": filter_expr,
            "limit": limit,
            "nextToken": next_token,
            "query": query_expr,
            "index": index,
            "scanIndexForward": scan_index_forward,
        }
    )


_SYNC_VERSION = 'util.defaultIfNull($ctx.args.input["_version"], "0")'


def delete_item(
    key: a.Expression, condition: a.Expression | None, is_sync_enabled: bool = False
) -> a.ObjectNode:
    attributes: dict[str, a.Expression | None] = {
        "version": a.str_(RESOLVER_VERSION_ID),
        "operation": a.str_("DeleteItem"),
        "key": key,
        "condition": condition,
    }
    if is_sync_enabled:
        attributes["_version"] = a.ref(_SYNC_VERSION)
    return a.obj(attributes)


def sync_item(
    filter_expr: a.Expression | None,
    limit: a.Expression | None,
    next_token: a.Expression | None,
    last_sync: a.Expression | None,
) -> a.CompoundExpression:
    return a.compound(
        [
            a.obj(
                {
                    "version": a.str_("2018-05-29"),
                    "operation": a.str_("Sync"),
                    "limit": limit,
                    "nextToken": next_token,
                    "lastSync": last_sync,
                    "filter": filter_expr,
                }
            )
        ]
    )


def update_item(
    key: a.Expression,
    condition: a.Expression | None,
    object_key_variable: str,
    name_override_map: str,
    is_sync_enabled: bool = False,
) -> a.CompoundExpression:
    """UpdateItem built from `$ctx.args.input` minus the key fields (SET / REMOVE for nulls)."""
    attr = "entryKeyAttributeName"
    rename = a.if_else(
        a.raw(
            f'!$util.isNull(${name_override_map}) && ${name_override_map}.containsKey("$entry.key")'
        ),
        a.set_(a.ref(attr), a.raw(f'${name_override_map}.get("$entry.key")')),
        a.set_(a.ref(attr), a.raw("$entry.key")),
    )

    def _section(word: str, var: str, collection: str, item: str) -> a.If:
        return a.iff(
            a.raw(f"!${var}.isEmpty()"),
            a.compound(
                [
                    a.set_(a.ref("expression"), a.str_(word)),
                    a.for_each(
                        a.ref("entry"),
                        a.ref(collection),
                        [
                            a.set_(a.ref("expression"), a.str_(item)),
                            a.iff(
                                a.ref("foreach.hasNext()"),
                                a.set_(a.ref("expression"), a.str_("$expression,")),
                            ),
                        ],
                    ),
                ]
            ),
        )

    return a.compound(
        [
            a.set_(a.ref("expNames"), a.obj({})),
            a.set_(a.ref("expValues"), a.obj({})),
            a.set_(a.ref("expSet"), a.obj({})),
            a.set_(a.ref("expAdd"), a.obj({})),
            a.set_(a.ref("expRemove"), a.list_([])),
            a.if_else(
                a.ref(object_key_variable),
                a.compound(
                    [
                        a.set_(
                            a.ref("keyFields"),
                            a.list_([a.str_(f) for f in _SYNC_FIELDS])
                            if is_sync_enabled
                            else a.list_([]),
                        ),
                        a.for_each(
                            a.ref("entry"),
                            a.ref(f"{object_key_variable}.entrySet()"),
                            [a.qref('$keyFields.add("$entry.key")')],
                        ),
                    ]
                ),
                a.set_(
                    a.ref("keyFields"),
                    a.list_(
                        [a.str_(f) for f in ("id", *(_SYNC_FIELDS if is_sync_enabled else ()))]
                    ),
                ),
            ),
            a.for_each(
                a.ref("entry"),
                a.ref("util.map.copyAndRemoveAllKeys($context.args.input, $keyFields).entrySet()"),
                [
                    rename,
                    a.if_else(
                        a.ref("util.isNull($entry.value)"),
                        a.compound(
                            [
                                a.set_(a.ref("discard"), a.ref(f'expRemove.add("#${attr}")')),
                                a.qref(f'$expNames.put("#${attr}", "$entry.key")'),
                            ]
                        ),
                        a.compound(
                            [
                                a.qref(f'$expSet.put("#${attr}", ":${attr}")'),
                                a.qref(f'$expNames.put("#${attr}", "$entry.key")'),
                                a.qref(
                                    f'$expValues.put(":${attr}", '
                                    "$util.dynamodb.toDynamoDB($entry.value))"
                                ),
                            ]
                        ),
                    ),
                ],
            ),
            a.set_(a.ref("expression"), a.str_("")),
            _section("SET", "expSet", "expSet.entrySet()", "$expression $entry.key = $entry.value"),
            _section(
                "$expression ADD",
                "expAdd",
                "expAdd.entrySet()",
                "$expression $entry.key $entry.value",
            ),
            _section("$expression REMOVE", "expRemove", "expRemove", "$expression $entry"),
            a.set_(a.ref("update"), a.obj({})),
            a.qref('$update.put("expression", "$expression")'),
            a.iff(
                a.raw("!$expNames.isEmpty()"), a.qref('$update.put("expressionNames", $expNames)')
            ),
            a.iff(
                a.raw("!$expValues.isEmpty()"),
                a.qref('$update.put("expressionValues", $expValues)'),
            ),
            a.obj(
                {
                    "version": a.str_(RESOLVER_VERSION_ID),
                    "operation": a.str_("UpdateItem"),
                    "key": key,
                    "update": a.ref("util.toJson($update)"),
                    "condition": condition,
                    **({"_version": a.ref(_SYNC_VERSION)} if is_sync_enabled else {}),
                }
            ),
        ]
    )


def dynamodb_response(
    return_expression: a.Expression | None = None, is_sync_enabled: bool = False
) -> a.CompoundExpression:
    """`#if( $ctx.error ) $util.error(...) #else <result> #end` (sync: the result goes along)."""
    result = (
        return_expression if return_expression is not None else a.ref("util.toJson($ctx.result)")
    )
    error = (
        "util.error($ctx.error.message, $ctx.error.type, $ctx.result)"
        if is_sync_enabled
        else "util.error($ctx.error.message, $ctx.error.type)"
    )
    return a.compound([a.if_else(a.ref("ctx.error"), a.ref(error), result)])


def string_attribute_value(value: a.Expression) -> a.ObjectNode:
    return a.ObjectNode((("S", a.quotes(value)),))


def numeric_attribute_value(value: a.Expression) -> a.ObjectNode:
    return a.ObjectNode((("N", a.quotes(value)),))


def binary_attribute_value(value: a.Expression) -> a.ObjectNode:
    return a.ObjectNode((("B", a.quotes(value)),))


def paginated_response() -> a.ObjectNode:
    return a.obj(
        {
            "items": a.ref("util.toJson($ctx.result.items)"),
            "nextToken": a.ref(
                "util.toJson($util.defaultIfNullOrBlank($context.result.nextToken, null))"
            ),
        }
    )
