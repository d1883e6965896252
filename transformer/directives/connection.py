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
from typing import Any

from graphql.language import ast

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
from transformer.directives.connection_resolvers import (
    SortFieldInfo,
    SortKeyInfo,
    composite_sort_key_name,
    get_item_connection_resolver,
    get_item_connection_with_key_resolver,
    query_connection_resolver,
    query_connection_with_key_resolver,
    update_table_for_connection,
)
from transformer.errors import InvalidDirectiveError, TransformerError
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResolverResourceIDs, to_camel_case
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
Json = Any
ObjectNode = ast.ObjectTypeDefinitionNode


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
            SortKeyInfo(
                field_name=foreign_sort_field.name.value,
                type_name=get_base_type(foreign_sort_field.type),
                attribute_type=attribute_type_from_scalar(foreign_sort_field.type),
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
                query_connection_resolver(
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
            update_table_for_connection(table, connection_name, attribute_name, sort_field)
            ctx.set_resource(
                resolver_id,
                get_item_connection_resolver(
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
            update_table_for_connection(table, connection_name, attribute_name)
            ctx.set_resource(
                resolver_id,
                query_connection_resolver(
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
                get_item_connection_resolver(
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
    ) -> SortFieldInfo | None:
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
        return SortFieldInfo(
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
                get_item_connection_with_key_resolver(
                    parent_name, field_name, related_name, field_names, properties["KeySchema"]
                ),
            )
            return
        key_schema = index["KeySchema"] if index else properties["KeySchema"]
        ctx.set_resource(
            resolver_id,
            query_connection_with_key_resolver(
                parent_name,
                field_name,
                related,
                field_names,
                key_schema,
                str(index["IndexName"]) if index else None,
                arguments.get("limit"),
            ),
        )
        sort_key_info: SortKeyInfo | None = None
        if len(field_names) == 1 and len(key_schema) > 1:
            sort_attribute = str(key_schema[1]["AttributeName"])
            sort_field = find_field(related, sort_attribute)
            key = str(index["IndexName"]) if index else "Primary"
            if sort_field is not None:
                sort_key_info = SortKeyInfo(
                    field_name=sort_attribute,
                    type_name=get_base_type(sort_field.type),
                    model=related_name,
                    key_name=key,
                )
            else:
                sort_key_info = SortKeyInfo(
                    field_name=composite_sort_key_name(sort_attribute),
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
        sort_key_info: SortKeyInfo | None,
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
        ctx: TransformerContext, related: ObjectNode, sort_key_info: SortKeyInfo | None
    ) -> None:
        defs.add_filter_inputs(ctx, related)
        if sort_key_info is not None and sort_key_info.type_name != "Composite":
            condition = make_scalar_key_condition_for_type(make_named_type(sort_key_info.type_name))
            if condition is None:
                raise TransformerError("Cannot read properties of undefined (reading 'name')")
            if not ctx.has_type(condition.name.value):
                ctx.add_input(condition)
