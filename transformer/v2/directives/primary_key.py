"""@primaryKey(sortKeyFields): the table's key, the key arguments of get/list/delete, the
composite sort key, and the `preAuth` slots that put the key in the stash."""

from __future__ import annotations

from typing import Any

from graphql.language import ast

from transformer.definitions import (
    find_directive,
    get_base_type,
    is_list_type,
    is_non_null_type,
    make_input_value,
    make_named_type,
    make_non_null_type,
    unwrap_non_null,
    with_named_node_named,
    wrap_non_null,
)
from transformer.naming import to_upper
from transformer.v2.context import TransformerContext
from transformer.v2.directives import keys as k
from transformer.v2.errors import InvalidDirectiveError
from transformer.v2.plugin import TransformerPlugin

__all__ = ["PrimaryKeyPlugin"]


class PrimaryKeyPlugin(TransformerPlugin):
    directive = "primaryKey"

    def __init__(self) -> None:
        self.configs: list[k.KeyConfig] = []
        self.sync_snippets: dict[str, tuple[Any, list[str]]] = {}

    def field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> None:
        config = k.key_config(parent, definition, directive)
        self._validate(config, ctx)
        self.configs.append(config)

    def _validate(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        k.validate_not_self_referencing(config)
        model = find_directive(config.object, "model")
        if model is None:
            raise InvalidDirectiveError(
                "The @primaryKey directive may only be added to object definitions annotated "
                "with @model."
            )
        config.model_directive = model
        fields = {f.name.value: f for f in config.object.fields or ()}
        for other in config.object.fields or ():
            if other is config.field:
                continue
            if find_directive(other, "primaryKey") is not None:
                raise InvalidDirectiveError(
                    f"You may only supply one primary key on type '{config.model}'."
                )
        if not is_non_null_type(config.field.type):
            raise InvalidDirectiveError(
                f"The primary key on type '{config.model}' must reference non-null fields."
            )
        if not k.is_scalar_or_enum(ctx, config.field.type) or is_list_type(config.field.type):
            raise InvalidDirectiveError(
                f"The primary key on type '{config.model}.{config.field.name.value}' cannot be "
                "a non-scalar."
            )
        for name in config.sort_key_fields:
            sort_field = fields.get(name)
            if sort_field is None:
                raise InvalidDirectiveError(
                    f"Can't find field '{name}' in {config.model}, but it was specified in the "
                    "primary key."
                )
            if not k.is_scalar_or_enum(ctx, sort_field.type) or is_list_type(sort_field.type):
                raise InvalidDirectiveError(
                    f"The primary key's sort key on type '{config.model}."
                    f"{sort_field.name.value}' cannot be a non-scalar."
                )
            if not is_non_null_type(sort_field.type):
                raise InvalidDirectiveError(
                    f"The primary key on type '{config.model}' must reference non-null fields."
                )
            config.sort_key.append(sort_field)

    # ---- schema -----------------------------------------------------------------------
    def transform_schema(self, ctx: TransformerContext) -> None:
        for config in self.configs:
            self._update_get_field(config, ctx)
            self._update_list_field(config, ctx)
            self._update_input_objects(config, ctx)
            self._remove_auto_id(config, ctx)
            k.add_key_condition_inputs(config, ctx)
            k.update_mutation_condition_input(config, ctx)

    def _query_field(self, ctx: TransformerContext, name: str | None) -> Any:
        query = ctx.output.get("Query")
        if name is None or query is None:
            return None
        return next((f for f in query.fields or () if f.name.value == name), None)

    def _update_get_field(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        found = self._query_field(ctx, k.lookup_resolver_name(config, "get"))
        if found is None:
            return
        arguments = [
            make_input_value(
                f.name.value, make_non_null_type(make_named_type(get_base_type(f.type)))
            )
            for f in [config.field, *config.sort_key]
        ]
        ctx.output.replace_field("Query", _replace(found, arguments=tuple(arguments)))

    def _update_list_field(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        found = self._query_field(ctx, k.lookup_resolver_name(config, "list"))
        if found is None:
            return
        arguments = [k.hash_argument(config, for_query_field=False)]
        sort = k.sort_argument(config, ctx)
        if sort is not None:
            arguments.append(sort)
        arguments += list(found.arguments or ())
        arguments.append(make_input_value("sortDirection", make_named_type("ModelSortDirection")))
        ctx.output.replace_field("Query", _replace(found, arguments=tuple(arguments)))

    def _update_input_objects(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        make = {"create": True, "update": True, "delete": True}
        assert config.model_directive is not None
        for argument in config.model_directive.arguments or ():
            if argument.name.value != "mutations":
                continue
            if isinstance(argument.value, ast.NullValueNode):
                make = dict.fromkeys(make, False)
            elif isinstance(argument.value, ast.ObjectValueNode):
                for object_field in argument.value.fields:
                    if object_field.name.value in make:
                        make[object_field.name.value] = bool(
                            getattr(object_field.value, "value", None)
                        )
            break
        model = to_upper(config.model)
        has_id = any(f.name.value == "id" for f in config.object.fields or ())
        key_fields = [config.field, *config.sort_key]
        key_names = {f.name.value for f in key_fields}
        create = ctx.output.get(f"Create{model}Input")
        if not has_id and create is not None and make["create"]:
            ctx.output.put(
                _replace(create, fields=tuple(f for f in create.fields if f.name.value != "id"))
            )
        update = ctx.output.get(f"Update{model}Input")
        if update is not None and make["update"]:
            fields = []
            for f in update.fields:
                if not has_id and f.name.value == "id":
                    continue
                base = with_named_node_named(f.type, get_base_type(f.type))
                if f.name.value in key_names:
                    fields.append(make_input_value(f.name.value, wrap_non_null(base)))
                elif f.name.value == "id":
                    fields.append(make_input_value(f.name.value, unwrap_non_null(base)))
                else:
                    fields.append(f)
            ctx.output.put(_replace(update, fields=tuple(fields)))
        delete = ctx.output.get(f"Delete{model}Input")
        if delete is not None and make["delete"]:
            primary = [
                make_input_value(
                    f.name.value, make_non_null_type(make_named_type(get_base_type(f.type)))
                )
                for f in key_fields
            ]
            rest = [
                f
                for f in delete.fields
                if f.name.value not in key_names
                and not (get_base_type(f.type) == "ID" and f.name.value == "id")
            ]
            ctx.output.put(_replace(delete, fields=tuple(primary + rest)))

    def _remove_auto_id(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        if any(f.name.value == "id" for f in config.object.fields or ()):
            return
        obj = ctx.output.get(config.model)
        ctx.output.put(_replace(obj, fields=tuple(f for f in obj.fields if f.name.value != "id")))

    # ---- resources --------------------------------------------------------------------
    def generate_resolvers(self, ctx: TransformerContext) -> None:
        for config in self.configs:
            self._replace_table_key(config, ctx)
            self._update_resolvers(config, ctx)

    def _replace_table_key(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        table = ctx.tables[config.model]
        properties = table.body["Properties"]
        definitions = [
            d
            for d in properties["AttributeDefinitions"]
            if d["AttributeName"] not in {s["AttributeName"] for s in properties["KeySchema"]}
        ]
        existing = {d["AttributeName"] for d in definitions}
        properties["KeySchema"] = k.key_schema(config)
        for definition in k.attribute_definitions(config, ctx):
            if definition["AttributeName"] not in existing:
                definitions.append(definition)
        properties["AttributeDefinitions"] = definitions

    def _update_resolvers(self, config: k.KeyConfig, ctx: TransformerContext) -> None:
        def resolver(op: str) -> Any:
            name = k.lookup_resolver_name(config, op)
            if name is None:
                return None
            type_name = "Query" if op in ("get", "list") else "Mutation"
            return ctx.get_resolver(type_name, name)

        if get := resolver("get"):
            k.add_to_pre_auth(get, [k.set_primary_key_snippet(config, False)])
        if listing := resolver("list"):
            k.add_to_pre_auth(
                listing,
                [
                    k.set_query_snippet(config, ctx, True),
                    '$util.qr($ctx.stash.put("modelQueryExpression", $modelQueryExpression))',
                ],
            )
        for op in ("create", "update"):
            if found := resolver(op):
                k.add_to_pre_auth(
                    found,
                    [
                        k.merge_inputs_and_defaults(),
                        k.set_primary_key_snippet(config, True),
                        k.ensure_composite_key_snippet(config, False),
                    ],
                )
        if delete := resolver("delete"):
            k.add_to_pre_auth(
                delete, [k.merge_inputs_and_defaults(), k.set_primary_key_snippet(config, True)]
            )
        k.record_sync_snippet(self.sync_snippets, ctx, config, "dbTable")

    def after(self, ctx: TransformerContext) -> None:
        k.add_sync_pre_auth(self.sync_snippets)


def _replace(node: Any, **changes: Any) -> Any:
    values = {key: getattr(node, key, None) for key in node.keys}
    values.update(changes)
    return type(node)(**values)
