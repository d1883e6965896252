"""@key: primary keys (hash, sort, composite `a#b` sort keys), LSIs/GSIs and `queryField`s.

With DataStore (`ResolverConfig`) every key also registers itself with the sync query.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from graphql.language import ast

from transformer.cloudformation import intrinsics as fn
from transformer.context import TransformerContext
from transformer.definitions import (
    directive_arguments,
    find_directive,
    get_base_type,
    is_non_null_type,
    make_composite_key_condition_input,
    make_composite_key_input,
    make_input_value,
    make_named_type,
    make_non_null_type,
    make_scalar_key_condition_for_type,
    unwrap_non_null,
    with_named_node_named,
    wrap_non_null,
)
from transformer.directives import model_definitions as defs
from transformer.directives.key_templates import (
    attribute_type_from_type,
    condense,
    ensure_composite_key_snippet,
    find_field,
    join_snippets,
    query_resolver,
    set_key_snippet,
    set_query_snippet,
    sync_query_map_snippet,
    sync_resolver_request,
    validate_key_argument_snippet,
)
from transformer.errors import InvalidDirectiveError, TransformerError
from transformer.mapping_template.printer import print_template
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResolverResourceIDs as R
from transformer.naming import ResourceConstants as RC
from transformer.naming import to_camel_case, to_upper
from transformer.plugin import Transformer

__all__ = ["KeyTransformer", "attribute_type_from_type", "primary_key_fields"]

SYNC_RESOLVER_KEY = "syncResolverKey"

KEY_DIRECTIVE_SDL = """
directive @key(name: String, fields: [String!]!, queryField: String) repeatable on OBJECT
"""


def primary_key_fields(definition: ast.ObjectTypeDefinitionNode) -> list[str] | None:
    """The `fields` of the primary @key (the one without a name), or None."""
    for directive in definition.directives or ():
        if directive.name.value == "key":
            args = directive_arguments(directive)
            if not args.get("name"):
                return list(args["fields"])
    return None


def _add_attribute_definitions(properties: Any, attribute_defs: list[Any]) -> None:
    """Declare the key attributes the table does not declare yet (each name once)."""
    existing = {d["AttributeName"] for d in properties["AttributeDefinitions"]}
    for attribute in attribute_defs:
        if attribute["AttributeName"] not in existing:
            properties["AttributeDefinitions"].append(attribute)


def _is_primary(args: dict[str, Any]) -> bool:
    return not args.get("name")


def _key_schema(fields: list[str]) -> list[dict[str, str]]:
    if len(fields) > 1:
        return [
            {"AttributeName": fields[0], "KeyType": "HASH"},
            {"AttributeName": condense(fields[1:]), "KeyType": "RANGE"},
        ]
    return [{"AttributeName": fields[0], "KeyType": "HASH"}]


def _attribute_definitions(
    fields: list[str], definition: ast.ObjectTypeDefinitionNode, ctx: TransformerContext
) -> list[dict[str, str]]:
    def type_of(name: str) -> str:
        return attribute_type_from_type(find_field(definition, name).type, ctx)

    if len(fields) > 2:
        return [
            {"AttributeName": fields[0], "AttributeType": type_of(fields[0])},
            {"AttributeName": condense(fields[1:]), "AttributeType": "S"},
        ]
    return [{"AttributeName": f, "AttributeType": type_of(f)} for f in fields]


def _hash_argument(
    definition: ast.ObjectTypeDefinitionNode, fields: list[str]
) -> ast.InputValueDefinitionNode:
    hash_field = find_field(definition, fields[0])
    return make_input_value(fields[0], make_named_type(get_base_type(hash_field.type)))


def _sort_argument(
    definition: ast.ObjectTypeDefinitionNode, args: dict[str, Any], ctx: TransformerContext
) -> ast.InputValueDefinitionNode:
    fields = list(args["fields"])
    if len(fields) > 2:
        return make_input_value(
            to_camel_case(fields[1:]),
            make_named_type(
                M.composite_key_condition_input(
                    definition.name.value, to_upper(args.get("name") or "Primary")
                )
            ),
        )
    base = get_base_type(find_field(definition, fields[1]).type)
    resolved = "String" if ctx.get_type(base) is not None else base
    return make_input_value(fields[1], make_named_type(M.key_condition_input(resolved)))


def _key_arguments(
    definition: ast.ObjectTypeDefinitionNode,
    args: dict[str, Any],
    ctx: TransformerContext,
    rest: list[ast.InputValueDefinitionNode],
) -> list[ast.InputValueDefinitionNode]:
    """hash key, sort key (if any), then `rest`, then `sortDirection`."""
    out = [_hash_argument(definition, list(args["fields"]))]
    if len(args["fields"]) >= 2:
        out.append(_sort_argument(definition, args, ctx))
    return [
        *out,
        *rest,
        make_input_value("sortDirection", make_named_type("ModelSortDirection")),
    ]


def _replace_field(
    type_node: ast.ObjectTypeDefinitionNode, field: ast.FieldDefinitionNode
) -> ast.ObjectTypeDefinitionNode:
    return dataclasses.replace(
        type_node,
        fields=tuple(
            field if f.name.value == field.name.value else f for f in type_node.fields or ()
        ),
    )


class KeyTransformer(Transformer):
    """The v1 KeyTransformer."""

    name = "KeyTransformer"
    directive_sdl = KEY_DIRECTIVE_SDL

    def before(self, ctx: TransformerContext) -> None:
        if ctx.is_project_using_datastore():
            ctx.metadata[SYNC_RESOLVER_KEY] = {}

    def after(self, ctx: TransformerContext) -> None:
        snippets: dict[str, str] = ctx.metadata.get(SYNC_RESOLVER_KEY) or {}
        for resource_id, key_snippets in snippets.items():
            if key_snippets:
                resolver = ctx.get_resource(resource_id)
                resolver["Properties"]["RequestMappingTemplate"] = sync_resolver_request(
                    key_snippets
                )

    def object(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        args = directive_arguments(directive)
        self._validate(definition, directive, args, ctx)
        if _is_primary(args):
            self._replace_primary_key(definition, args, ctx)
        else:
            self._append_secondary_index(definition, args, ctx)
        self._update_query_fields(definition, args, ctx)
        self._update_input_objects(definition, args, ctx)
        if _is_primary(args) and not any(f.name.value == "id" for f in definition.fields or ()):
            obj = ctx.get_object(definition.name.value)
            assert obj is not None
            ctx.update_object(
                dataclasses.replace(
                    obj, fields=tuple(f for f in obj.fields or () if f.name.value != "id")
                )
            )
        self._update_resolvers(definition, args, ctx)
        self._add_key_condition_inputs(definition, args, ctx)
        self._update_mutation_condition_input(ctx, definition, args)

    # ---- validation ---------------------------------------------------------------------
    @staticmethod
    def _validate(
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        args: dict[str, Any],
        ctx: TransformerContext,
    ) -> None:
        type_name = definition.name.value
        others = [
            d for d in definition.directives or () if d.name.value == "key" and d is not directive
        ]
        if not args.get("name"):
            for other in others:
                other_args = directive_arguments(other)
                if not other_args.get("name"):
                    raise InvalidDirectiveError(
                        f"You may only supply one primary @key on type '{type_name}'."
                    )
                if len(args["fields"]) <= 1 and args["fields"][0] == other_args["fields"][0]:
                    raise InvalidDirectiveError(
                        f'Invalid @key "{other_args["name"]}". You may not create a @key where the '
                        "first field in 'fields' is the same as that of the primary @key unless "
                        "the primary @key has multiple 'fields'. You cannot have a local "
                        "secondary index without a sort key in the primary index."
                    )
            if args.get("queryField"):
                raise InvalidDirectiveError(
                    f"You cannot pass 'queryField' to the primary @key on type '{type_name}'."
                )
        else:
            for other in others:
                if directive_arguments(other).get("name") == args["name"]:
                    raise InvalidDirectiveError(
                        f"You may only supply one @key with the name '{args['name']}' on type "
                        f"'{type_name}'."
                    )
        fields = {f.name.value: f for f in definition.fields or ()}
        for field_name in args["fields"]:
            if field_name not in fields:
                raise InvalidDirectiveError(
                    f"You cannot specify a nonexistent field '{field_name}' in @key "
                    f"'{args.get('name') or '<unnamed>'}' on type '{type_name}'."
                )
            existing = fields[field_name]
            key_type = attribute_type_from_type(existing.type, ctx)
            if _is_primary(args) and not is_non_null_type(existing.type):
                raise InvalidDirectiveError(
                    f"The primary @key on type '{type_name}' must reference non-null fields."
                )
            if key_type not in ("S", "N", "B"):
                raise InvalidDirectiveError(
                    f"A @key on type '{type_name}' cannot reference non-scalar field {field_name}."
                )

    # ---- table --------------------------------------------------------------------------
    @staticmethod
    def _table(definition: ast.ObjectTypeDefinitionNode, ctx: TransformerContext) -> Any:
        table = ctx.get_resource(M.table(definition.name.value))
        if not table:
            raise InvalidDirectiveError(
                "The @key directive may only be added to object definitions annotated with @model."
            )
        return table

    def _replace_primary_key(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        args: dict[str, Any],
        ctx: TransformerContext,
    ) -> None:
        fields = list(args["fields"])
        attribute_defs = _attribute_definitions(fields, definition, ctx)
        properties = self._table(definition, ctx)["Properties"]
        existing = {d["AttributeName"] for d in properties["AttributeDefinitions"]}
        for key in properties["KeySchema"]:
            if key["AttributeName"] in existing:
                properties["AttributeDefinitions"] = [
                    d
                    for d in properties["AttributeDefinitions"]
                    if d["AttributeName"] != key["AttributeName"]
                ]
                existing.discard(key["AttributeName"])
        properties["KeySchema"] = _key_schema(fields)
        _add_attribute_definitions(properties, attribute_defs)

    def _append_secondary_index(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        args: dict[str, Any],
        ctx: TransformerContext,
    ) -> None:
        fields = list(args["fields"])
        key_schema = _key_schema(fields)
        attribute_defs = _attribute_definitions(fields, definition, ctx)
        properties = self._table(definition, ctx)["Properties"]
        primary = primary_key_fields(definition)
        primary_hash = primary[0] if primary else "id"
        index: dict[str, Any] = {
            "IndexName": args["name"],
            "KeySchema": key_schema,
            "Projection": {"ProjectionType": "ALL"},
        }
        if primary_hash == key_schema[0]["AttributeName"] and not ctx.feature_flags.get_boolean(
            "secondaryKeyAsGSI", False
        ):
            properties["LocalSecondaryIndexes"] = [
                *properties.get("LocalSecondaryIndexes", []),
                index,
            ]
        else:
            index["ProvisionedThroughput"] = fn.if_(
                RC.SHOULD_USE_PAY_PER_REQUEST,
                fn.NO_VALUE,
                {
                    "ReadCapacityUnits": fn.ref(RC.DYNAMODB_READ_IOPS),
                    "WriteCapacityUnits": fn.ref(RC.DYNAMODB_WRITE_IOPS),
                },
            )
            properties["GlobalSecondaryIndexes"] = [
                *properties.get("GlobalSecondaryIndexes", []),
                index,
            ]
        _add_attribute_definitions(properties, attribute_defs)

    # ---- schema -------------------------------------------------------------------------
    def _update_query_fields(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        args: dict[str, Any],
        ctx: TransformerContext,
    ) -> None:
        type_name = definition.name.value
        fields = list(args["fields"])
        if _is_primary(args):
            get_resolver = ctx.get_resource(R.get(type_name))
            if get_resolver:
                query = ctx.get_query()
                assert query is not None
                get_field = next(
                    f
                    for f in query.fields or ()
                    if f.name.value == get_resolver["Properties"]["FieldName"]
                )
                get_args = [
                    make_input_value(
                        k,
                        make_non_null_type(
                            make_named_type(get_base_type(find_field(definition, k).type))
                        ),
                    )
                    for k in fields
                ]
                ctx.put_type(
                    _replace_field(query, dataclasses.replace(get_field, arguments=tuple(get_args)))
                )
            list_resolver = ctx.get_resource(R.list(type_name))
            if list_resolver:
                query = ctx.get_query()
                assert query is not None
                list_field = next(
                    f
                    for f in query.fields or ()
                    if f.name.value == list_resolver["Properties"]["FieldName"]
                )
                list_args = _key_arguments(definition, args, ctx, list(list_field.arguments or ()))
                ctx.put_type(
                    _replace_field(
                        query, dataclasses.replace(list_field, arguments=tuple(list_args))
                    )
                )
        elif args.get("queryField"):
            query = ctx.get_query()
            if query is None:
                raise TransformerError(
                    f"Cannot add the query field '{args['queryField']}': the schema has no "
                    "query type."
                )
            query_args = _key_arguments(definition, args, ctx, [])
            query_field = defs.make_list_connection_field(args["queryField"], type_name)
            query_field = dataclasses.replace(
                query_field, arguments=(*query_args, *(query_field.arguments or ()))
            )
            ctx.put_type(dataclasses.replace(query, fields=(*(query.fields or ()), query_field)))
            defs.add_sort_direction_enum(ctx)
            defs.add_filter_inputs(ctx, definition)
            defs.add_connection_type(ctx, type_name)

    @staticmethod
    def _update_input_objects(
        definition: ast.ObjectTypeDefinitionNode, args: dict[str, Any], ctx: TransformerContext
    ) -> None:
        if not _is_primary(args):
            return
        type_name = definition.name.value
        fields = list(args["fields"])
        make = {"create": True, "update": True, "delete": True}
        if ctx.feature_flags.get_boolean("skipOverrideMutationInputTypes", False):
            model = find_directive(definition, "model")
            model_args = directive_arguments(model) if model is not None else {}
            if model_args and "mutations" in model_args:
                mutations = model_args["mutations"] or {}
                make = {op: bool(mutations.get(op)) for op in make}
        has_id = any(f.name.value == "id" for f in definition.fields or ())
        create_input = ctx.get_type(M.create_input(type_name))
        if not has_id and create_input is not None and make["create"]:
            ctx.put_type(
                dataclasses.replace(
                    create_input,
                    fields=tuple(f for f in create_input.fields or () if f.name.value != "id"),
                )
            )
        update_input = ctx.get_type(M.update_input(type_name))
        if update_input is not None and make["update"]:
            new_fields = []
            for f in update_input.fields or ():
                if not has_id and f.name.value == "id":
                    continue
                if f.name.value in fields:
                    f = make_input_value(
                        f.name.value,
                        wrap_non_null(with_named_node_named(f.type, get_base_type(f.type))),
                    )
                elif f.name.value == "id":
                    f = make_input_value(
                        f.name.value,
                        unwrap_non_null(with_named_node_named(f.type, get_base_type(f.type))),
                    )
                new_fields.append(f)
            ctx.put_type(dataclasses.replace(update_input, fields=tuple(new_fields)))
        delete_input = ctx.get_type(M.delete_input(type_name))
        if delete_input is not None and make["delete"]:
            id_fields = [
                make_input_value(
                    k,
                    make_non_null_type(
                        make_named_type(get_base_type(find_field(definition, k).type))
                    ),
                )
                for k in fields
            ]
            id_names = {f.name.value for f in id_fields}
            rest = [
                f
                for f in delete_input.fields or ()
                if not (
                    f.name.value in id_names
                    or (get_base_type(f.type) == "ID" and f.name.value == "id")
                )
            ]
            ctx.put_type(dataclasses.replace(delete_input, fields=(*id_fields, *rest)))

    # ---- resolvers ----------------------------------------------------------------------
    @staticmethod
    def _register_sync_key(
        ctx: TransformerContext, type_name: str, args: dict[str, Any], is_table: bool
    ) -> None:
        """Let the DataStore sync query use this key (collected, written in `after`)."""
        snippets: dict[str, str] | None = ctx.metadata.get(SYNC_RESOLVER_KEY)
        resource_id = R.sync(type_name)
        if snippets is None or not ctx.get_resource(resource_id):
            return
        snippet = sync_query_map_snippet(args, is_table)
        previous = snippets.get(resource_id)
        snippets[resource_id] = join_snippets(previous, snippet) if previous else snippet

    def _update_resolvers(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        args: dict[str, Any],
        ctx: TransformerContext,
    ) -> None:
        type_name = definition.name.value
        fields = list(args["fields"])

        def prepend(resource_id: str, *snippets: str) -> None:
            resolver = ctx.get_resource(resource_id)
            if resolver:
                properties = resolver["Properties"]
                properties["RequestMappingTemplate"] = join_snippets(
                    *snippets, properties["RequestMappingTemplate"]
                )

        if _is_primary(args):
            prepend(R.get(type_name), set_key_snippet(fields))
            prepend(
                R.list(type_name), print_template(set_query_snippet(definition, fields, ctx, True))
            )
            prepend(
                R.create(type_name),
                set_key_snippet(fields, True),
                ensure_composite_key_snippet(fields, False),
            )
            prepend(
                R.update(type_name),
                set_key_snippet(fields, True),
                ensure_composite_key_snippet(fields, False),
            )
            prepend(R.delete(type_name), set_key_snippet(fields, True))
            self._register_sync_key(ctx, type_name, args, True)
            return
        prepend(
            R.create(type_name),
            validate_key_argument_snippet(args, "create"),
            ensure_composite_key_snippet(fields, True),
        )
        prepend(
            R.update(type_name),
            validate_key_argument_snippet(args, "update"),
            ensure_composite_key_snippet(fields, True),
        )
        prepend(R.delete(type_name), ensure_composite_key_snippet(fields, False))
        self._register_sync_key(ctx, type_name, args, False)
        if args.get("queryField"):
            query_type = ctx.get_query_type_name() or "Query"
            resource_id = R.resolver(query_type, args["queryField"])
            ctx.map_resource_to_stack(type_name, resource_id)
            ctx.set_resource(resource_id, query_resolver(definition, args, ctx, query_type))

    # ---- inputs -------------------------------------------------------------------------
    @staticmethod
    def _add_key_condition_inputs(
        definition: ast.ObjectTypeDefinitionNode, args: dict[str, Any], ctx: TransformerContext
    ) -> None:
        fields = list(args["fields"])
        type_name = definition.name.value
        if len(fields) > 2:
            composite_fields = []
            for name in fields[1:]:
                field = find_field(definition, name)
                if field is None:
                    raise InvalidDirectiveError(
                        f"Can't find field: {name} in {type_name}, but it was specified in the "
                        "@key definition."
                    )
                composite_fields.append(field)
            key_name = to_upper(args.get("name") or "Primary")
            condition_input = make_composite_key_condition_input(type_name, key_name)
            if not ctx.has_type(condition_input.name.value):
                ctx.add_input(condition_input)
            key_input = make_composite_key_input(type_name, key_name, composite_fields)
            if not ctx.has_type(key_input.name.value):
                ctx.add_input(key_input)
        elif len(fields) == 2:
            sort_field = find_field(definition, fields[1])
            sort_input = make_scalar_key_condition_for_type(
                sort_field.type, lambda base: "String" if ctx.get_type(base) is not None else None
            )
            if sort_input is None:
                raise InvalidDirectiveError(
                    f"Cannot resolve type for field '{fields[1]}' in @key "
                    f"'{args.get('name') or '<unnamed>'}' on type '{type_name}'."
                )
            if not ctx.has_type(sort_input.name.value):
                ctx.add_input(sort_input)

    @staticmethod
    def _update_mutation_condition_input(
        ctx: TransformerContext, definition: ast.ObjectTypeDefinitionNode, args: dict[str, Any]
    ) -> None:
        condition = ctx.get_type(M.condition_input(definition.name.value))
        if condition is None:
            return
        names = {"id"}
        if "name" not in args:
            names.update(
                f.name.value for f in definition.fields or () if f.name.value in args["fields"]
            )
        ctx.put_type(
            dataclasses.replace(
                condition,
                fields=tuple(f for f in condition.fields or () if f.name.value not in names),
            )
        )
