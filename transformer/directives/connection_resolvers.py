"""@connection's resources: the gsi-<name> index it adds to a table, and the resolvers it writes.

The resolvers read the related table with a key taken from `$ctx.source`: GetItem for a single
related object, Query (an index, sort key condition, filter, limit, nextToken) for a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql.language import ast

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import resource
from transformer.definitions import attribute_type_from_scalar, find_field
from transformer.errors import InvalidDirectiveError
from transformer.mapping_template import ast as a
from transformer.mapping_template import dynamodb as ddb
from transformer.mapping_template import print_template
from transformer.mapping_template.key_conditions import (
    apply_composite_key_condition_expression,
    apply_key_condition_expression,
)
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResourceConstants as RC
from transformer.naming import to_camel_case
from transformer.scalars import DEFAULT_SCALARS

__all__ = [
    "SortFieldInfo",
    "SortKeyInfo",
    "composite_sort_key_name",
    "get_item_connection_resolver",
    "get_item_connection_with_key_resolver",
    "query_connection_resolver",
    "query_connection_with_key_resolver",
    "update_table_for_connection",
]

NONE_VALUE = "___xamznone____"
NONE_INT_VALUE = -2147483648
MAX_GSIS = 20
Json = Any
ObjectNode = ast.ObjectTypeDefinitionNode


@dataclass(frozen=True)
class SortKeyInfo:
    """The sort key argument a connection field gets (and the VTL key condition it feeds)."""

    field_name: str
    type_name: str
    attribute_type: str = "S"
    model: str = ""
    key_name: str = "Primary"

    def as_argument_info(self) -> dict[str, str]:
        return {
            "fieldName": self.field_name,
            "typeName": self.type_name,
            "model": self.model,
            "keyName": self.key_name,
        }


@dataclass(frozen=True)
class SortFieldInfo:
    primary_sort_field_name: str
    sort_field_name: str
    sort_field_is_string_like: bool


def update_table_for_connection(
    table: Json,
    connection_name: str,
    attribute_name: str,
    sort_field: tuple[str, str] | None = None,
) -> None:
    """Add the `gsi-<connection>` index (and its attributes) to the table, in place.

    :raises InvalidDirectiveError: the table already has 20 GSIs.
    """
    properties = table["Properties"]
    gsis = properties.get("GlobalSecondaryIndexes") or []
    if len(gsis) >= MAX_GSIS:
        raise InvalidDirectiveError(
            f"Cannot create connection {connection_name}. "
            f"Table {properties.get('TableName')} out of GSI capacity."
        )
    index_name = f"gsi-{connection_name}"
    if not any(gsi.get("IndexName") == index_name for gsi in gsis):
        key_schema = [{"AttributeName": attribute_name, "KeyType": "HASH"}]
        if sort_field is not None:
            key_schema.append({"AttributeName": sort_field[0], "KeyType": "RANGE"})
        gsis.append(
            {
                "IndexName": index_name,
                "KeySchema": key_schema,
                "Projection": {"ProjectionType": "ALL"},
                "ProvisionedThroughput": fn.if_(
                    RC.SHOULD_USE_PAY_PER_REQUEST,
                    fn.NO_VALUE,
                    {
                        "ReadCapacityUnits": fn.ref(RC.DYNAMODB_READ_IOPS),
                        "WriteCapacityUnits": fn.ref(RC.DYNAMODB_WRITE_IOPS),
                    },
                ),
            }
        )
    definitions = properties["AttributeDefinitions"]
    if not any(d["AttributeName"] == attribute_name for d in definitions):
        definitions.append({"AttributeName": attribute_name, "AttributeType": "S"})
    if sort_field is not None and not any(d["AttributeName"] == sort_field[0] for d in definitions):
        scalar = DEFAULT_SCALARS.get(sort_field[1])
        definitions.append(
            {"AttributeName": sort_field[0], "AttributeType": "S" if scalar == "String" else "N"}
        )
    properties["GlobalSecondaryIndexes"] = gsis
    properties["AttributeDefinitions"] = definitions


def _resolver(type_name: str, field_name: str, related: str, request: str, response: str) -> Json:
    return resource(
        "AWS::AppSync::Resolver",
        {
            "ApiId": fn.get_att(RC.GRAPHQL_API, "ApiId"),
            "DataSourceName": fn.get_att(M.data_source(related), "Name"),
            "FieldName": field_name,
            "TypeName": type_name,
            "RequestMappingTemplate": request,
            "ResponseMappingTemplate": response,
        },
        depends_on=RC.GRAPHQL_SCHEMA,
    )


def _get_item_response() -> str:
    return print_template(ddb.dynamodb_response())


def _query_response() -> str:
    return print_template(
        ddb.dynamodb_response(
            a.compound(
                [
                    a.iff(a.raw("!$result"), a.set_(a.ref("result"), a.ref("ctx.result"))),
                    a.raw("$util.toJson($result)"),
                ]
            )
        )
    )


def _default_if_blank(path: str) -> a.Expression:
    return a.ref(
        f'util.dynamodb.toDynamoDBJson($util.defaultIfNullOrBlank({path}, "{NONE_VALUE}"))'
    )


def _empty_result_or(source_check: str, steps: list[a.Expression]) -> a.IfElse:
    return a.if_else(
        a.raw(source_check),
        a.compound(
            [a.set_(a.ref("result"), a.obj({"items": a.list_([])})), a.raw("#return($result)")]
        ),
        a.compound(steps),
    )


def _query_request(
    query_expression: a.Expression,
    sort_steps: list[a.Expression],
    limit: int | None,
    index: str | None,
) -> list[a.Expression]:
    return [
        a.set_(
            a.ref("limit"),
            a.ref(f"util.defaultIfNull($context.args.limit, {limit or RC.DEFAULT_PAGE_LIMIT})"),
        ),
        a.set_(a.ref("query"), query_expression),
        *sort_steps,
        ddb.query(
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
            a.if_else(
                a.ref("context.args.filter"),
                a.ref("util.transform.toDynamoDBFilterExpression($ctx.args.filter)"),
                a.nul(),
            ),
            a.ref("limit"),
            a.if_else(
                a.ref("context.args.nextToken"),
                a.ref("util.toJson($context.args.nextToken)"),
                a.nul(),
            ),
            a.str_(index) if index else None,
        ),
    ]


def get_item_connection_resolver(
    type_name: str,
    field_name: str,
    related: str,
    attribute: str,
    id_field_name: str,
    sort_field_info: SortFieldInfo | None = None,
) -> Json:
    key: list[tuple[str, a.Expression | None]] = [
        (id_field_name, _default_if_blank(f"$ctx.source.{attribute}"))
    ]
    null_checks: list[a.Expression] = [a.raw(f"$util.isNull($ctx.source.{attribute})")]
    if sort_field_info is not None:
        source = f"$ctx.source.{sort_field_info.sort_field_name}"
        key.append(
            (
                sort_field_info.primary_sort_field_name,
                _default_if_blank(source)
                if sort_field_info.sort_field_is_string_like
                else a.ref(
                    f"util.dynamodb.toDynamoDBJson($util.defaultIfNull({source}, {NONE_INT_VALUE}))"
                ),
            )
        )
        # v1 repeats the key attribute check instead of checking the sort field.
        null_checks.append(a.raw(f"$util.isNull($ctx.source.{attribute})"))
    request = print_template(
        a.if_else(a.or_(null_checks), a.raw("#return"), ddb.get_item(a.ObjectNode(tuple(key))))
    )
    return _resolver(type_name, field_name, related, request, _get_item_response())


def query_connection_resolver(
    type_name: str,
    field_name: str,
    related: str,
    attribute: str,
    connection_name: str,
    id_field_name: str,
    sort_key_info: SortKeyInfo | None,
    limit: int | None,
) -> Json:
    query_expression = a.obj(
        {
            "expression": a.str_("#connectionAttribute = :connectionAttribute"),
            "expressionNames": a.obj({"#connectionAttribute": a.str_(attribute)}),
            "expressionValues": a.obj(
                {":connectionAttribute": a.obj({"S": a.str_(f"$context.source.{id_field_name}")})}
            ),
        }
    )
    sort_steps: list[a.Expression] = []
    if sort_key_info is not None:
        sort_steps.append(
            apply_key_condition_expression(
                sort_key_info.field_name, sort_key_info.attribute_type, "query"
            )
        )
    request = print_template(
        _empty_result_or(
            f"$util.isNull($context.source.{id_field_name})",
            _query_request(query_expression, sort_steps, limit, f"gsi-{connection_name}"),
        )
    )
    return _resolver(type_name, field_name, related, request, _query_response())


def _condense_range_key(fields: list[str]) -> str:
    return M.COMPOSITE_KEY_SEPARATOR.join(fields)


def composite_sort_key_name(sort_key_name: str) -> str:
    return to_camel_case(sort_key_name.split(M.COMPOSITE_KEY_SEPARATOR))


def get_item_connection_with_key_resolver(
    type_name: str,
    field_name: str,
    related: str,
    attributes: list[str],
    key_schema: list[Json],
) -> Json:
    key: list[tuple[str, a.Expression | None]] = [
        (str(key_schema[0]["AttributeName"]), _default_if_blank(f"$ctx.source.{attributes[0]}"))
    ]
    if len(attributes) > 2:
        condensed = _condense_range_key([f"${{ctx.source.{f}}}" for f in attributes[1:]])
        key.append((str(key_schema[1]["AttributeName"]), _default_if_blank(f'"{condensed}"')))
    elif len(attributes) == 2:
        key.append(
            (str(key_schema[1]["AttributeName"]), _default_if_blank(f"$ctx.source.{attributes[1]}"))
        )
    request = print_template(
        a.if_else(
            a.or_([a.raw(f"$util.isNull($ctx.source.{name})") for name in attributes]),
            a.raw("#return"),
            a.compound([ddb.get_item(a.ObjectNode(tuple(key)))]),
        )
    )
    return _resolver(type_name, field_name, related, request, _get_item_response())


def _key_expression(key_schema: list[Json], attributes: list[str]) -> a.ObjectNode:
    if len(key_schema) > 1 and len(attributes) > 1:
        condensed = None
        if len(attributes) > 2:
            condensed = _condense_range_key([f"${{context.source.{f}}}" for f in attributes[1:]])
        return a.obj(
            {
                "expression": a.str_("#partitionKey = :partitionKey AND #sortKey = :sortKey"),
                "expressionNames": a.obj(
                    {
                        "#partitionKey": a.str_(str(key_schema[0]["AttributeName"])),
                        "#sortKey": a.str_(str(key_schema[1]["AttributeName"])),
                    }
                ),
                "expressionValues": a.obj(
                    {
                        ":partitionKey": a.obj({"S": a.str_(f"$context.source.{attributes[0]}")}),
                        ":sortKey": a.obj(
                            {"S": a.str_(condensed or f"$context.source.{attributes[1]}")}
                        ),
                    }
                ),
            }
        )
    return a.obj(
        {
            "expression": a.str_("#partitionKey = :partitionKey"),
            "expressionNames": a.obj(
                {"#partitionKey": a.str_(str(key_schema[0]["AttributeName"]))}
            ),
            "expressionValues": a.obj(
                {":partitionKey": a.obj({"S": a.str_(f"$context.source.{attributes[0]}")})}
            ),
        }
    )


def query_connection_with_key_resolver(
    type_name: str,
    field_name: str,
    related: ObjectNode,
    attributes: list[str],
    key_schema: list[Json],
    index_name: str | None,
    limit: int | None,
) -> Json:
    sort_steps: list[a.Expression] = []
    if len(key_schema) > 1 and len(attributes) < 2:
        sort_attribute = str(key_schema[1]["AttributeName"])
        sort_field = find_field(related, sort_attribute)
        if sort_field is not None:
            sort_steps.append(
                apply_key_condition_expression(
                    sort_attribute, attribute_type_from_scalar(sort_field.type), "query"
                )
            )
        else:
            sort_steps.append(
                apply_composite_key_condition_expression(
                    sort_attribute.split(M.COMPOSITE_KEY_SEPARATOR),
                    "query",
                    composite_sort_key_name(sort_attribute),
                    sort_attribute,
                )
            )
    request = print_template(
        _empty_result_or(
            f"$util.isNull($ctx.source.{attributes[0]})",
            _query_request(_key_expression(key_schema, attributes), sort_steps, limit, index_name),
        )
    )
    return _resolver(type_name, field_name, related.name.value, request, _query_response())
