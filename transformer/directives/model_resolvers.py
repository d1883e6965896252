"""The @model resolvers and their mapping templates (get, list, create, update, delete)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import resource
from transformer.mapping_template import ast as a
from transformer.mapping_template import dynamodb as ddb
from transformer.mapping_template.printer import print_block, print_template
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResourceConstants as RC
from transformer.naming import graphql_name, plurality, to_upper
from transformer.pluralize import pluralize
from transformer.sync import sync_resolver_config

__all__ = [
    "create_resolver",
    "delete_resolver",
    "get_resolver",
    "initialize_create_input",
    "list_resolver",
    "sync_resolver",
    "update_resolver",
]

Json = Any
_API_ID = fn.get_att(RC.GRAPHQL_API, "ApiId")


def _resolver(
    type_name: str,
    field_name: str,
    parent: str,
    request: str,
    response: str,
    sync_config: Mapping[str, Any] | None = None,
) -> Json:
    return resource(
        "AWS::AppSync::Resolver",
        {
            "ApiId": _API_ID,
            "DataSourceName": fn.get_att(M.data_source(type_name), "Name"),
            "FieldName": field_name,
            "TypeName": parent,
            "RequestMappingTemplate": request,
            "ResponseMappingTemplate": response,
            "SyncConfig": sync_resolver_config(sync_config) if sync_config else None,
        },
    )


@functools.cache
def _default_condition(operation: str) -> a.Expression:
    check = "attribute_not_exists" if operation == "create" else "attribute_exists"
    return a.cached(
        a.if_else(
            a.ref(RC.MODEL_OBJECT_KEY),
            a.compound(
                [
                    a.set_(
                        a.ref("condition"),
                        a.obj(
                            {
                                "expression": a.str_(""),
                                "expressionNames": a.obj({}),
                                "expressionValues": a.obj({}),
                            }
                        ),
                    ),
                    a.for_each(
                        a.ref("entry"),
                        a.ref(f"{RC.MODEL_OBJECT_KEY}.entrySet()"),
                        [
                            a.if_else(
                                a.raw("$velocityCount == 1"),
                                a.qref(
                                    f'$condition.put("expression", "{check}'
                                    '(#keyCondition$velocityCount)")'
                                ),
                                a.qref(
                                    '$condition.put("expression", "$condition.expression AND '
                                    f'{check}(#keyCondition$velocityCount)")'
                                ),
                            ),
                            a.qref(
                                '$condition.expressionNames.put("#keyCondition$velocityCount", '
                                '"$entry.key")'
                            ),
                        ],
                    ),
                ]
            ),
            a.set_(
                a.ref("condition"),
                a.obj(
                    {
                        "expression": a.str_(f"{check}(#id)"),
                        "expressionNames": a.obj({"#id": a.str_("id")}),
                        "expressionValues": a.obj({}),
                    }
                ),
            ),
        )
    )


def _condition_merge_steps(values_copy: bool = False) -> list[a.Expression]:
    steps: list[a.Expression] = [
        a.set_(
            a.ref("conditionFilterExpressions"),
            a.raw(
                "$util.parseJson($util.transform.toDynamoDBConditionExpression("
                "$context.args.condition))"
            ),
        ),
        a.qref(
            '$condition.put("expression", "($condition.expression) AND '
            '$conditionFilterExpressions.expression")'
        ),
        a.qref("$condition.expressionNames.putAll($conditionFilterExpressions.expressionNames)"),
    ]
    if values_copy:
        steps += [
            a.set_(
                a.ref("conditionExpressionValues"),
                a.raw("$util.defaultIfNull($condition.expressionValues, {})"),
            ),
            a.qref(
                "$conditionExpressionValues.putAll($conditionFilterExpressions.expressionValues)"
            ),
            a.set_(a.ref("condition.expressionValues"), a.ref("conditionExpressionValues")),
        ]
    steps.append(
        a.qref("$condition.expressionValues.putAll($conditionFilterExpressions.expressionValues)")
    )
    return steps


@functools.cache
def _condition_merge(values_copy: bool = False) -> a.Expression:
    """Merge `$ctx.args.condition` (the `condition:` argument) into `$condition`."""
    return a.cached(
        a.iff(a.ref("context.args.condition"), a.compound(_condition_merge_steps(values_copy)))
    )


@functools.cache
def _drop_empty_values() -> a.Expression:
    return a.cached(
        a.iff(
            a.and_(
                [
                    a.ref("condition.expressionValues"),
                    a.raw("$condition.expressionValues.size() == 0"),
                ]
            ),
            a.set_(
                a.ref("condition"),
                a.obj(
                    {
                        "expression": a.ref("condition.expression"),
                        "expressionNames": a.ref("condition.expressionNames"),
                    }
                ),
            ),
        )
    )


def _key(id_value: a.Expression) -> a.IfElse:
    return a.if_else(
        a.ref(RC.MODEL_OBJECT_KEY),
        a.raw(f"$util.toJson(${RC.MODEL_OBJECT_KEY})"),
        a.obj({"id": id_value}),
        True,
    )


@functools.cache
def _response(is_sync_enabled: bool = False) -> str:
    return print_template(ddb.dynamodb_response(None, is_sync_enabled))


def create_resolver(
    type_name: str,
    field_name: str | None,
    mutation_type: str = "Mutation",
    sync_config: Mapping[str, Any] | None = None,
) -> Json:
    name = field_name or graphql_name("create" + to_upper(type_name))
    request = print_block(
        "Prepare DynamoDB PutItem Request",
        a.compound(
            [
                a.qref(f'$context.args.input.put("__typename", "{type_name}")'),
                _default_condition("create"),
                a.iff(
                    a.ref("context.args.condition"),
                    a.compound(
                        [
                            a.set_(a.ref("condition.expressionValues"), a.obj({})),
                            *_condition_merge_steps(),
                        ]
                    ),
                ),
                _drop_empty_values(),
                ddb.put_item(
                    _key(a.raw("$util.dynamodb.toDynamoDBJson($ctx.args.input.id)")),
                    a.ref("util.dynamodb.toMapValuesJson($context.args.input)"),
                    a.ref("util.toJson($condition)"),
                ),
            ]
        ),
    )
    return _resolver(
        type_name, name, mutation_type, request, _response(bool(sync_config)), sync_config
    )


def initialize_create_input(
    has_default_id: bool, created_at: str | None, updated_at: str | None
) -> str:
    """The `## [Start] Set default values. **` block hoisted into the create request."""
    steps: list[a.Expression] = []
    if has_default_id:
        steps.append(
            a.qref(
                '$context.args.input.put("id", '
                "$util.defaultIfNull($ctx.args.input.id, $util.autoId()))"
            )
        )
    if created_at or updated_at:
        steps.append(a.set_(a.ref("createdAt"), a.ref("util.time.nowISO8601()")))
    if created_at:
        steps += [
            a.comment("Automatically set the createdAt timestamp."),
            a.qref(
                f'$context.args.input.put("{created_at}", '
                f"$util.defaultIfNull($ctx.args.input.{created_at}, $createdAt))"
            ),
        ]
    if updated_at:
        steps += [
            a.comment("Automatically set the updatedAt timestamp."),
            a.qref(
                f'$context.args.input.put("{updated_at}", '
                f"$util.defaultIfNull($ctx.args.input.{updated_at}, $createdAt))"
            ),
        ]
    return print_block("Set default values", a.compound(steps))


@functools.cache
def _auth_condition_then_key_exists() -> a.Expression:
    return a.cached(
        a.if_else(
            a.ref(RC.MODEL_OBJECT_KEY),
            a.for_each(
                a.ref("entry"),
                a.ref(f"{RC.MODEL_OBJECT_KEY}.entrySet()"),
                [
                    a.qref(
                        '$condition.put("expression", "$condition.expression AND '
                        'attribute_exists(#keyCondition$velocityCount)")'
                    ),
                    a.qref(
                        '$condition.expressionNames.put("#keyCondition$velocityCount", '
                        '"$entry.key")'
                    ),
                ],
            ),
            a.compound(
                [
                    a.qref(
                        '$condition.put("expression", '
                        '"$condition.expression AND attribute_exists(#id)")'
                    ),
                    a.qref('$condition.expressionNames.put("#id", "id")'),
                ]
            ),
        )
    )


def update_resolver(
    type_name: str,
    field_name: str | None,
    updated_at: str | None,
    optional_non_nullable: Sequence[str],
    mutation_type: str = "Mutation",
    sync_config: Mapping[str, Any] | None = None,
) -> Json:
    name = field_name or graphql_name("update" + to_upper(type_name))
    versioned = RC.VERSIONED_CONDITION
    steps: list[a.Expression] = [
        a.set_(
            a.ref("optionalNonNullableFields"), a.list_([a.str_(f) for f in optional_non_nullable])
        ),
        a.for_each(
            a.ref("field"),
            a.ref("optionalNonNullableFields"),
            [
                a.iff(
                    a.and_(
                        [
                            a.ref("context.arguments.input.keySet().contains($field)"),
                            a.ref("util.isNull($context.args.input.get($field))"),
                        ]
                    ),
                    a.ref(
                        'util.error("An argument you marked as Non-Null is set to Null in the '
                        'query or the body of your request.")'
                    ),
                )
            ],
        ),
        a.if_else(
            a.raw(f'${RC.AUTH_CONDITION} && ${RC.AUTH_CONDITION}.expression != ""'),
            a.compound(
                [
                    a.set_(a.ref("condition"), a.ref(RC.AUTH_CONDITION)),
                    _auth_condition_then_key_exists(),
                ]
            ),
            _default_condition("update"),
        ),
    ]
    if updated_at:
        steps += [
            a.comment("Automatically set the updatedAt timestamp."),
            a.qref(
                f'$context.args.input.put("{updated_at}", '
                f"$util.defaultIfNull($ctx.args.input.{updated_at}, $util.time.nowISO8601()))"
            ),
        ]
    steps += [
        a.qref(f'$context.args.input.put("__typename", "{type_name}")'),
        a.comment("Update condition if type is @versioned"),
        a.iff(
            a.ref(versioned),
            a.compound(
                [
                    a.qref(
                        '$condition.put("expression", '
                        f'"($condition.expression) AND ${versioned}.expression")'
                    ),
                    a.qref(f"$condition.expressionNames.putAll(${versioned}.expressionNames)"),
                    a.qref(f"$condition.expressionValues.putAll(${versioned}.expressionValues)"),
                ]
            ),
        ),
        _condition_merge(),
        _drop_empty_values(),
        _update_item(bool(sync_config)),
    ]
    return _resolver(
        type_name,
        name,
        mutation_type,
        print_template(a.compound(steps)),
        _response(bool(sync_config)),
        sync_config,
    )


@functools.cache
def _update_item(is_sync_enabled: bool = False) -> a.Expression:
    return a.cached(
        ddb.update_item(
            _key(a.obj({"S": a.ref("util.toJson($context.args.input.id)")})),
            a.ref("util.toJson($condition)"),
            RC.MODEL_OBJECT_KEY,
            RC.DYNAMODB_NAME_OVERRIDE_MAP,
            is_sync_enabled,
        )
    )


def get_resolver(
    type_name: str, field_name: str | None, query_type: str = "Query", is_sync_enabled: bool = False
) -> Json:
    name = field_name or graphql_name("get" + to_upper(type_name))
    request = print_template(
        ddb.get_item(_key(a.ref("util.dynamodb.toDynamoDBJson($ctx.args.id)")))
    )
    return _resolver(type_name, name, query_type, request, _response(is_sync_enabled))


def list_resolver(
    type_name: str,
    improve_pluralization: bool,
    field_name: str | None,
    query_type: str = "Query",
    is_sync_enabled: bool = False,
) -> Json:
    name = field_name or graphql_name(
        "list" + plurality(to_upper(type_name), improve_pluralization)
    )
    request_var = "ListRequest"
    request = print_template(
        a.compound(
            [
                a.set_(
                    a.ref("limit"),
                    a.ref(f"util.defaultIfNull($context.args.limit, {RC.DEFAULT_PAGE_LIMIT})"),
                ),
                a.set_(
                    a.ref(request_var),
                    a.obj({"version": a.str_(ddb.RESOLVER_VERSION_ID), "limit": a.ref("limit")}),
                ),
                a.iff(
                    a.ref("context.args.nextToken"),
                    a.set_(a.ref(f"{request_var}.nextToken"), a.ref("context.args.nextToken")),
                ),
                a.iff(
                    a.ref("context.args.filter"),
                    a.set_(
                        a.ref(f"{request_var}.filter"),
                        a.ref(
                            'util.parseJson("$util.transform.toDynamoDBFilterExpression($ctx.args.filter)")'
                        ),
                    ),
                ),
                a.if_else(
                    a.raw(
                        f"!$util.isNull(${RC.MODEL_QUERY_EXPRESSION})\n"
                        "                        && !$util.isNullOrEmpty("
                        f"${RC.MODEL_QUERY_EXPRESSION}.expression)"
                    ),
                    a.compound(
                        [
                            a.qref(f'${request_var}.put("operation", "Query")'),
                            a.qref(f'${request_var}.put("query", ${RC.MODEL_QUERY_EXPRESSION})'),
                            a.if_else(
                                a.raw(
                                    "!$util.isNull($ctx.args.sortDirection) "
                                    '&& $ctx.args.sortDirection == "DESC"'
                                ),
                                a.set_(a.ref(f"{request_var}.scanIndexForward"), a.bool_(False)),
                                a.set_(a.ref(f"{request_var}.scanIndexForward"), a.bool_(True)),
                            ),
                        ]
                    ),
                    a.qref(f'${request_var}.put("operation", "Scan")'),
                ),
                a.raw(f"$util.toJson(${request_var})"),
            ]
        )
    )
    return _resolver(type_name, name, query_type, request, _response(is_sync_enabled))


def delete_resolver(
    type_name: str,
    field_name: str | None,
    mutation_type: str = "Mutation",
    sync_config: Mapping[str, Any] | None = None,
) -> Json:
    name = field_name or graphql_name("delete" + to_upper(type_name))
    versioned = RC.VERSIONED_CONDITION
    request = print_template(
        a.compound(
            [
                a.if_else(
                    a.ref(RC.AUTH_CONDITION),
                    a.compound(
                        [
                            a.set_(a.ref("condition"), a.ref(RC.AUTH_CONDITION)),
                            _auth_condition_then_key_exists(),
                        ]
                    ),
                    _default_condition("delete"),
                ),
                a.iff(
                    a.ref(versioned),
                    a.compound(
                        [
                            a.qref(
                                '$condition.put("expression", '
                                f'"($condition.expression) AND ${versioned}.expression")'
                            ),
                            a.qref(
                                f"$condition.expressionNames.putAll(${versioned}.expressionNames)"
                            ),
                            a.set_(
                                a.ref("expressionValues"),
                                a.raw("$util.defaultIfNull($condition.expressionValues, {})"),
                            ),
                            a.qref(f"$expressionValues.putAll(${versioned}.expressionValues)"),
                            a.set_(a.ref("condition.expressionValues"), a.ref("expressionValues")),
                        ]
                    ),
                ),
                _condition_merge(values_copy=True),
                _drop_empty_values(),
                ddb.delete_item(
                    _key(a.ref("util.dynamodb.toDynamoDBJson($ctx.args.input.id)")),
                    a.ref("util.toJson($condition)"),
                    bool(sync_config),
                ),
            ]
        )
    )
    return _resolver(
        type_name, name, mutation_type, request, _response(bool(sync_config)), sync_config
    )


def sync_resolver(type_name: str, query_type: str = "Query") -> Json:
    """`syncPosts(filter, limit, nextToken, lastSync)`: the DataStore delta sync query."""
    name = graphql_name("sync" + to_upper(pluralize(type_name)))
    request = print_template(
        ddb.sync_item(
            a.if_else(
                a.ref("context.args.filter"),
                a.ref("util.transform.toDynamoDBFilterExpression($ctx.args.filter)"),
                a.nul(),
            ),
            a.ref(f"util.defaultIfNull($ctx.args.limit, {RC.DEFAULT_PAGE_LIMIT})"),
            a.ref("util.toJson($util.defaultIfNull($ctx.args.nextToken, null))"),
            a.ref("util.toJson($util.defaultIfNull($ctx.args.lastSync, null))"),
        )
    )
    return _resolver(type_name, name, query_type, request, _response(True))
