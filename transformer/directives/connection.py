"""@connection: relationships between @model types, resolved by ConnectionStack resolvers.

Two forms, as in the v1 `ModelConnectionTransformer`:
- `name` / `keyField` / `sortField` / `limit`: has-one, has-many and belongs-to over a
  `gsi-<connection name>` index the transformer adds to the table holding the key field
  (`<type><field>Id` by default) and to the Create/Update inputs;
- `keyName` / `fields`: the connection reads the related table (or its `@key` index named
  `keyName`) with the listed fields of the source object as the key.

List fields become `Model<T>Connection` fields with filter, sortDirection, limit, nextToken
(plus the sort key condition argument when the index has one). Errors carry the v1 messages.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from graphql.language import ast

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import resource
from transformer.context import TransformerContext
from transformer.definitions import (
    attribute_type_from_scalar,
    directive_arguments,
    find_directive,
    find_field,
    get_base_type,
    is_list_type,
    is_non_null_type,
    is_scalar,
    make_input_value,
    make_named_type,
    make_non_null_type,
    make_scalar_key_condition_for_type,
)
from transformer.directives import model_definitions as defs
from transformer.errors import InvalidDirectiveError, TransformerError
from transformer.mapping_template import ast as a
from transformer.mapping_template import dynamodb as ddb
from transformer.mapping_template import print_template
from transformer.mapping_template.key_conditions import (
    apply_composite_key_condition_expression,
    apply_key_condition_expression,
)
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResolverResourceIDs, to_camel_case
from transformer.naming import ResourceConstants as RC
from transformer.plugin import Transformer
from transformer.scalars import DEFAULT_SCALARS

__all__ = ["CONNECTION_STACK_NAME", "ConnectionTransformer"]

CONNECTION_STACK_NAME = "ConnectionStack"
CONNECTION_DIRECTIVE_SDL = """
directive @connection(
  name: String
  keyField: String
  sortField: String
  keyName: String
  limit: Int
  fields: [String!]
) on FIELD_DEFINITION
"""
NONE_VALUE = "___xamznone____"
NONE_INT_VALUE = -2147483648
MAX_GSIS = 20
Json = Any
ObjectNode = ast.ObjectTypeDefinitionNode


@dataclass(frozen=True)
class _SortKeyInfo:
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
class _SortFieldInfo:
    primary_sort_field_name: str
    sort_field_name: str
    sort_field_is_string_like: bool


# ---- small queries over the input document ------------------------------------------------
def _connection_attribute_name(type_name: str, field_name: str | None) -> str:
    return to_camel_case([type_name, field_name or "", "id"])


def _validate_key_field(field: ast.FieldDefinitionNode | None) -> None:
    """:raises InvalidDirectiveError: the declared key field is not a single ID or String."""
    if field is None:
        return
    if get_base_type(field.type) in ("ID", "String") and not is_list_type(field.type):
        return
    raise InvalidDirectiveError(
        "If you define a field and specify it as a 'keyField', it must be of type 'ID' or 'String'."
    )


def _primary_key_fields(obj: ObjectNode) -> list[str] | None:
    """`fields` of the first unnamed @key on the type, or None."""
    for directive in obj.directives or ():
        if directive.name.value != "key":
            continue
        arguments = directive_arguments(directive)
        if arguments.get("name") is None:
            fields = arguments.get("fields")
            return list(fields) if isinstance(fields, list) else []
    return None


def _primary_key_field(obj: ObjectNode) -> ast.FieldDefinitionNode | None:
    fields = _primary_key_fields(obj)
    if fields and 1 <= len(fields) <= 2:
        return find_field(obj, fields[0])
    return None


def _primary_sort_field(obj: ObjectNode) -> ast.FieldDefinitionNode | None:
    fields = _primary_key_fields(obj)
    if fields and len(fields) == 2:
        return find_field(obj, fields[1])
    return None


def _attribute_type(type_: ast.TypeNode) -> str:
    """:raises TransformerError: the key type maps to no DynamoDB key attribute type."""
    try:
        return attribute_type_from_scalar(type_)
    except ValueError as err:
        raise TransformerError(str(err)) from err


def _field_type(related: ObjectNode, field_name: str) -> ast.TypeNode:
    field = find_field(related, field_name)
    if field is None:
        raise InvalidDirectiveError(f"{field_name} is not defined in {related.name.value}.")
    return field.type


def _check_fields_against_index(
    parent: ObjectNode,
    related: ObjectNode,
    input_field_names: list[str],
    key_schema: list[Json],
    field: ast.FieldDefinitionNode,
) -> None:
    """:raises InvalidDirectiveError: the fields do not line up with the key's attributes."""
    table_pk_type = _field_type(related, str(key_schema[0]["AttributeName"]))
    query_pk_type = _field_type(parent, input_field_names[0])
    count = len(input_field_names)
    if get_base_type(table_pk_type) != get_base_type(query_pk_type):
        raise InvalidDirectiveError(
            f"{input_field_names[0]} field is not of type {get_base_type(table_pk_type)}"
        )
    if count > len(key_schema) and len(key_schema) != 2:
        raise InvalidDirectiveError("Too many fields passed in to @connection directive.")
    if count > 1:
        table_sort_fields = str(key_schema[1]["AttributeName"]).split(M.COMPOSITE_KEY_SEPARATOR)
        if count - 1 != len(table_sort_fields):
            raise InvalidDirectiveError(
                f"Invalid @connection directive  {field.name.value}. "
                "fields does not accept partial sort key"
            )
    if count == 2:
        sort_attribute = str(key_schema[1]["AttributeName"]).split(M.COMPOSITE_KEY_SEPARATOR)[0]
        table_sk_type = _field_type(related, sort_attribute)
        query_sk_type = _field_type(parent, input_field_names[1])
        if get_base_type(table_sk_type) != get_base_type(query_sk_type):
            raise InvalidDirectiveError(
                f"{input_field_names[1]} field is not of type {get_base_type(table_sk_type)}"
            )
    elif count > 2:
        table_sort_fields = str(key_schema[1]["AttributeName"]).split(M.COMPOSITE_KEY_SEPARATOR)
        table_types = [_field_type(related, name) for name in table_sort_fields]
        query_sort_fields = input_field_names[1:]
        for index, name in enumerate(query_sort_fields):
            expected = get_base_type(table_types[index])
            if get_base_type(_field_type(parent, name)) != expected:
                raise InvalidDirectiveError(f"{name} field is not of type {expected} arguments")


def _update_input_with_connection_field(
    node: Any, connection_field_name: str, non_null: bool = False
) -> Any:
    if any(f.name.value == connection_field_name for f in node.fields or ()):
        return node
    type_node: ast.TypeNode = make_named_type("ID")
    if non_null:
        type_node = make_non_null_type(type_node)
    return dataclasses.replace(
        node, fields=(*(node.fields or ()), make_input_value(connection_field_name, type_node))
    )


# ---- resources ---------------------------------------------------------------------------
def _update_table_for_connection(
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


def _get_item_connection_resolver(
    type_name: str,
    field_name: str,
    related: str,
    attribute: str,
    id_field_name: str,
    sort_field_info: _SortFieldInfo | None = None,
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


def _query_connection_resolver(
    type_name: str,
    field_name: str,
    related: str,
    attribute: str,
    connection_name: str,
    id_field_name: str,
    sort_key_info: _SortKeyInfo | None,
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


def _composite_sort_key_name(sort_key_name: str) -> str:
    return to_camel_case(sort_key_name.split(M.COMPOSITE_KEY_SEPARATOR))


def _get_item_connection_with_key_resolver(
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


def _query_connection_with_key_resolver(
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
                    sort_attribute, _attribute_type(sort_field.type), "query"
                )
            )
        else:
            sort_steps.append(
                apply_composite_key_condition_expression(
                    sort_attribute.split(M.COMPOSITE_KEY_SEPARATOR),
                    "query",
                    _composite_sort_key_name(sort_attribute),
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


# ---- the transformer ---------------------------------------------------------------------
class ConnectionTransformer(Transformer):
    """The v1 `ModelConnectionTransformer`."""

    name = "ModelConnectionTransformer"
    directive_sdl = CONNECTION_DIRECTIVE_SDL

    def field(
        self,
        parent: ast.ObjectTypeDefinitionNode | ast.InterfaceTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        """:raises InvalidDirectiveError: for every misuse the v1 transformer rejects."""
        parent_name = parent.name.value
        field_name = definition.name.value
        ctx.map_resource_to_stack(
            CONNECTION_STACK_NAME, ResolverResourceIDs.resolver(parent_name, field_name)
        )
        if not isinstance(parent, ast.ObjectTypeDefinitionNode) or not find_directive(
            parent, "model"
        ):
            raise InvalidDirectiveError("@connection must be on an @model object type field.")
        related_name = get_base_type(definition.type)
        related = next(
            (
                d
                for d in ctx.input_document.definitions
                if isinstance(d, ast.ObjectTypeDefinitionNode) and d.name.value == related_name
            ),
            None,
        )
        if related is None:
            raise InvalidDirectiveError(f"Could not find an object type named {related_name}.")
        if not find_directive(related, "model"):
            raise InvalidDirectiveError(
                f"Object type {related_name} must be annotated with @model."
            )
        arguments = directive_arguments(directive)
        if arguments.get("fields") is not None:
            self._connection_with_key(parent, definition, arguments, related, ctx)
            return
        self._named_connection(parent, definition, arguments, related, ctx)

    # ---- name / keyField / sortField form ------------------------------------------------
    def _named_connection(
        self,
        parent: ObjectNode,
        field: ast.FieldDefinitionNode,
        arguments: dict[str, Any],
        related: ObjectNode,
        ctx: TransformerContext,
    ) -> None:
        parent_name = parent.name.value
        field_name = field.name.value
        related_name = related.name.value
        connection_name: str | None = arguments.get("name")
        associated_sort_field_name: str | None = None
        associated: ast.FieldDefinitionNode | None = None
        for candidate in related.fields or ():
            if candidate is field:
                continue
            other = find_directive(candidate, "connection")
            if other is None:
                continue
            other_name = directive_arguments(other).get("name")
            if connection_name and other_name and other_name == connection_name:
                associated_sort_field_name = directive_arguments(other).get("sortField")
                associated = candidate
                break
        if connection_name and associated is None:
            raise InvalidDirectiveError(
                f'Found one half of connection "{connection_name}" at {parent_name}.{field_name} '
                f"but no related field on type {related_name}"
            )
        connection_name = connection_name or f"{parent_name}.{field_name}"
        left_is_list = is_list_type(field.type)
        left_is_non_null = is_non_null_type(field.type)
        right_is_list = is_list_type(associated.type) if associated is not None else None
        limit = arguments.get("limit")
        attribute_name: str | None = arguments.get("keyField")

        associated_sort_field = (
            find_field(parent, associated_sort_field_name) if associated_sort_field_name else None
        )
        sort_type: str | None = None
        if associated_sort_field is not None:
            if is_list_type(associated_sort_field.type):
                raise InvalidDirectiveError(
                    f'sortField "{associated_sort_field_name}" is a list. It should be a scalar.'
                )
            sort_type = get_base_type(associated_sort_field.type)
            if not is_scalar(associated_sort_field.type) or sort_type == "Boolean":
                raise InvalidDirectiveError(
                    f'sortField "{associated_sort_field_name}" is of type "{sort_type}". '
                    'It should be a scalar that maps to a DynamoDB "String", "Number", or "Binary"'
                )
        foreign_sort_field = (
            find_field(related, associated_sort_field_name) if associated_sort_field_name else None
        )
        sort_key_info = (
            _SortKeyInfo(
                field_name=foreign_sort_field.name.value,
                type_name=get_base_type(foreign_sort_field.type),
                attribute_type=_attribute_type(foreign_sort_field.type),
            )
            if foreign_sort_field is not None
            else None
        )

        resolver_id = ResolverResourceIDs.resolver(parent_name, field_name)
        if left_is_list and right_is_list:
            raise InvalidDirectiveError(
                f"Invalid Connection ({connection_name}): "
                "Many to Many connections are not yet supported."
            )
        if left_is_list and right_is_list is False:
            assert associated is not None
            id_field = _primary_key_field(parent)
            id_field_name = id_field.name.value if id_field else "id"
            attribute_name = attribute_name or _connection_attribute_name(
                related_name, associated.name.value
            )
            _validate_key_field(find_field(related, attribute_name))
            ctx.set_resource(
                resolver_id,
                _query_connection_resolver(
                    parent_name,
                    field_name,
                    related_name,
                    attribute_name,
                    connection_name,
                    id_field_name,
                    sort_key_info,
                    limit,
                ),
            )
            self._extend_type_with_connection(ctx, parent, field, related, sort_key_info)
        elif not left_is_list and right_is_list:
            if associated_sort_field_name and associated_sort_field is None:
                raise InvalidDirectiveError(
                    f'sortField "{associated_sort_field_name}" not found on type "{parent_name}", '
                    f'other half of connection "{connection_name}".'
                )
            id_field = _primary_key_field(related)
            id_field_name = id_field.name.value if id_field else "id"
            attribute_name = attribute_name or _connection_attribute_name(parent_name, field_name)
            _validate_key_field(find_field(parent, attribute_name))
            table = ctx.get_resource(M.table(parent_name))
            sort_field = (
                (str(associated_sort_field_name), str(sort_type))
                if associated_sort_field is not None
                else None
            )
            _update_table_for_connection(table, connection_name, attribute_name, sort_field)
            ctx.set_resource(
                resolver_id,
                _get_item_connection_resolver(
                    parent_name, field_name, related_name, attribute_name, id_field_name
                ),
            )
            self._add_input_field(ctx, parent_name, attribute_name, left_is_non_null)
        elif left_is_list:
            id_field = _primary_key_field(parent)
            id_field_name = id_field.name.value if id_field else "id"
            attribute_name = attribute_name or _connection_attribute_name(parent_name, field_name)
            _validate_key_field(find_field(related, attribute_name))
            table = ctx.get_resource(M.table(related_name))
            _update_table_for_connection(table, connection_name, attribute_name)
            ctx.set_resource(
                resolver_id,
                _query_connection_resolver(
                    parent_name,
                    field_name,
                    related_name,
                    attribute_name,
                    connection_name,
                    id_field_name,
                    sort_key_info,
                    limit,
                ),
            )
            self._extend_type_with_connection(ctx, parent, field, related, sort_key_info)
            self._add_input_field(ctx, related_name, attribute_name, False)
        else:
            id_field = _primary_key_field(related)
            id_field_name = id_field.name.value if id_field else "id"
            attribute_name = attribute_name or _connection_attribute_name(parent_name, field_name)
            sort_field_info = self._sort_field_info(arguments, parent, related)
            _validate_key_field(find_field(parent, attribute_name))
            ctx.set_resource(
                resolver_id,
                _get_item_connection_resolver(
                    parent_name,
                    field_name,
                    related_name,
                    attribute_name,
                    id_field_name,
                    sort_field_info,
                ),
            )
            self._add_input_field(ctx, parent_name, attribute_name, left_is_non_null)

    @staticmethod
    def _sort_field_info(
        arguments: dict[str, Any], parent: ObjectNode, related: ObjectNode
    ) -> _SortFieldInfo | None:
        sort_field_name = arguments.get("sortField")
        if not sort_field_name:
            return None
        related_sort_field = _primary_sort_field(related)
        if related_sort_field is None:
            raise InvalidDirectiveError(
                f'sortField "{sort_field_name}" requires a primary @key on type '
                f'"{related.name.value}" with a sort key that was not found.'
            )
        sort_field = find_field(parent, sort_field_name)
        if sort_field is None:
            raise InvalidDirectiveError(
                f'sortField with name "{sort_field_name} cannot be found on type: '
                f"{parent.name.value}"
            )
        related_type = get_base_type(related_sort_field.type)
        sort_type = get_base_type(sort_field.type)
        if related_type != sort_type:
            raise InvalidDirectiveError(
                f'sortField "{related_sort_field.name.value}" on type "{related.name.value}" '
                f'is not matching the type of field "{sort_field_name}" on type '
                f'"{parent.name.value}"'
            )
        return _SortFieldInfo(
            primary_sort_field_name=related_sort_field.name.value,
            sort_field_name=sort_field_name,
            # v1 compares against a misspelt Boolean constant, so only numbers count here.
            sort_field_is_string_like=sort_type not in ("Int", "Float"),
        )

    @staticmethod
    def _add_input_field(
        ctx: TransformerContext, type_name: str, attribute_name: str, non_null: bool
    ) -> None:
        create_input = ctx.get_type(M.create_input(type_name))
        if create_input is not None:
            ctx.put_type(
                _update_input_with_connection_field(create_input, attribute_name, non_null)
            )
        update_input = ctx.get_type(M.update_input(type_name))
        if update_input is not None:
            ctx.put_type(_update_input_with_connection_field(update_input, attribute_name))

    # ---- keyName / fields form -------------------------------------------------------------
    def _connection_with_key(
        self,
        parent: ObjectNode,
        field: ast.FieldDefinitionNode,
        arguments: dict[str, Any],
        related: ObjectNode,
        ctx: TransformerContext,
    ) -> None:
        parent_name = parent.name.value
        field_name = field.name.value
        related_name = related.name.value
        field_names: list[str] = list(arguments["fields"])
        key_name: str | None = arguments.get("keyName")
        if not field_names:
            raise InvalidDirectiveError("No fields passed in to @connection directive.")
        table = ctx.get_resource(M.table(related_name))
        enums = {
            d.name.value
            for d in ctx.input_document.definitions
            if isinstance(d, ast.EnumTypeDefinitionNode)
        }
        for name in field_names:
            input_field = find_field(parent, name)
            if input_field is None:
                raise InvalidDirectiveError(f"{name} is not a field in {parent_name}")
            base = get_base_type(input_field.type)
            if is_list_type(input_field.type) or not (base in enums or base in DEFAULT_SCALARS):
                raise InvalidDirectiveError(
                    "All fields provided to an @connection must be scalar or enum fields."
                )
        properties = table["Properties"]
        index: Json = None
        if not key_name:
            _check_fields_against_index(
                parent, related, field_names, properties["KeySchema"], field
            )
        else:
            index = next(
                (
                    i
                    for i in properties.get("GlobalSecondaryIndexes") or ()
                    if i.get("IndexName") == key_name
                ),
                None,
            ) or next(
                (
                    i
                    for i in properties.get("LocalSecondaryIndexes") or ()
                    if i.get("IndexName") == key_name
                ),
                None,
            )
            if not index:
                raise InvalidDirectiveError(
                    f"Key {key_name} does not exist for model {related_name}"
                )
            _check_fields_against_index(parent, related, field_names, index["KeySchema"], field)
        resolver_id = ResolverResourceIDs.resolver(parent_name, field_name)
        if not is_list_type(field.type):
            if key_name:
                raise InvalidDirectiveError(
                    f"Connection is to a single object but the keyName {key_name} was provided "
                    "which does not reference the default table."
                )
            ctx.set_resource(
                resolver_id,
                _get_item_connection_with_key_resolver(
                    parent_name, field_name, related_name, field_names, properties["KeySchema"]
                ),
            )
            return
        key_schema = index["KeySchema"] if index else properties["KeySchema"]
        ctx.set_resource(
            resolver_id,
            _query_connection_with_key_resolver(
                parent_name,
                field_name,
                related,
                field_names,
                key_schema,
                str(index["IndexName"]) if index else None,
                arguments.get("limit"),
            ),
        )
        sort_key_info: _SortKeyInfo | None = None
        if len(field_names) == 1 and len(key_schema) > 1:
            sort_attribute = str(key_schema[1]["AttributeName"])
            sort_field = find_field(related, sort_attribute)
            key = str(index["IndexName"]) if index else "Primary"
            if sort_field is not None:
                sort_key_info = _SortKeyInfo(
                    field_name=sort_attribute,
                    type_name=get_base_type(sort_field.type),
                    model=related_name,
                    key_name=key,
                )
            else:
                sort_key_info = _SortKeyInfo(
                    field_name=_composite_sort_key_name(sort_attribute),
                    type_name="Composite",
                    model=related_name,
                    key_name=key,
                )
        self._extend_type_with_connection(ctx, parent, field, related, sort_key_info)

    # ---- schema ------------------------------------------------------------------------------
    def _extend_type_with_connection(
        self,
        ctx: TransformerContext,
        parent: ObjectNode,
        field: ast.FieldDefinitionNode,
        related: ObjectNode,
        sort_key_info: _SortKeyInfo | None,
    ) -> None:
        """Turn the field into a `Model<T>Connection` field and add the inputs it needs.

        :raises InvalidDirectiveError: the parent type is gone from the output schema.
        """
        defs.add_connection_type(ctx, related.name.value)
        current = ctx.get_type(parent.name.value)
        if not isinstance(current, (ast.ObjectTypeDefinitionNode, ast.InterfaceTypeDefinitionNode)):
            raise InvalidDirectiveError(
                f"Could not find a object or interface type named {parent.name.value}."
            )
        info = sort_key_info.as_argument_info() if sort_key_info is not None else None
        fields = tuple(
            defs.make_model_connection_field(
                f.name.value, related.name.value, info, tuple(f.directives or ())
            )
            if f.name.value == field.name.value
            else f
            for f in current.fields or ()
        )
        ctx.put_type(dataclasses.replace(current, fields=fields))
        defs.add_sort_direction_enum(ctx)
        self._add_filter_and_key_condition_inputs(ctx, related, sort_key_info)

    @staticmethod
    def _add_filter_and_key_condition_inputs(
        ctx: TransformerContext, related: ObjectNode, sort_key_info: _SortKeyInfo | None
    ) -> None:
        defs.add_filter_inputs(ctx, related)
        if sort_key_info is not None and sort_key_info.type_name != "Composite":
            condition = make_scalar_key_condition_for_type(make_named_type(sort_key_info.type_name))
            if condition is None:
                raise TransformerError("Cannot read properties of undefined (reading 'name')")
            if not ctx.has_type(condition.name.value):
                ctx.add_input(condition)
