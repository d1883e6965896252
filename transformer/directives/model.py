"""@model: a DynamoDB table per type, CRUD queries/mutations/subscriptions and their inputs.

With DataStore conflict detection (`ResolverConfig`) also the sync query, `_version` /
`_deleted` / `_lastChangedAt` fields and delta-sync data sources. Not emulated: the
`EnableDeletionProtection` option.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from graphql.language import ast

from transformer.config import TransformConfig
from transformer.context import TransformerContext
from transformer.definitions import (
    directive_arguments,
    find_field,
    get_base_type,
    make_field,
    make_input_value,
    make_named_type,
    make_non_null_type,
    wrap_non_null,
)
from transformer.directives import model_definitions as defs
from transformer.directives import model_resolvers as resolvers
from transformer.directives import model_resources as res
from transformer.errors import InvalidDirectiveError
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResolverResourceIDs as R
from transformer.plugin import Transformer

__all__ = ["ModelTransformer", "timestamp_field_names"]

LOG = logging.getLogger(__name__)
METADATA_KEY = "DynamoDBTransformerMetadata"

MODEL_DIRECTIVE_SDL = """
directive @model(
  queries: ModelQueryMap
  mutations: ModelMutationMap
  subscriptions: ModelSubscriptionMap
  timestamps: TimestampConfiguration
) on OBJECT
input ModelMutationMap {
  create: String
  update: String
  delete: String
}
input ModelQueryMap {
  get: String
  list: String
}
input ModelSubscriptionMap {
  onCreate: [String]
  onUpdate: [String]
  onDelete: [String]
  level: ModelSubscriptionLevel
}
enum ModelSubscriptionLevel {
  off
  public
  on
}
input TimestampConfiguration {
  createdAt: String
  updatedAt: String
}
"""

_UNSET = object()


def timestamp_field_names(directive: ast.DirectiveNode) -> tuple[str | None, str | None]:
    """(createdAt, updatedAt) field names; None when `timestamps: null` or set to null."""
    timestamps = directive_arguments(directive).get("timestamps", _UNSET)
    if timestamps is None:
        return None, None
    if timestamps is _UNSET or not isinstance(timestamps, dict):
        return "createdAt", "updatedAt"
    return (
        timestamps.get("createdAt", "createdAt"),
        timestamps.get("updatedAt", "updatedAt"),
    )


def _is_timestamp_compatible(field: ast.FieldDefinitionNode | None) -> bool:
    return field is None or get_base_type(field.type) in ("AWSDateTime", "String")


class ModelTransformer(Transformer):
    """The v1 DynamoDBModelTransformer."""

    name = "DynamoDBModelTransformer"
    directive_sdl = MODEL_DIRECTIVE_SDL

    def __init__(self, config: TransformConfig | None = None) -> None:
        super().__init__(config)
        self._sync_config: dict[str, Any] | None = None

    def before(self, ctx: TransformerContext) -> None:
        template = res.init_template()
        ctx.merge_resources(template["Resources"])
        ctx.merge_parameters(template["Parameters"])
        ctx.merge_outputs(template["Outputs"])
        ctx.merge_conditions(template["Conditions"])

    def after(self, ctx: TransformerContext) -> None:
        hoisted: dict[str, Callable[[], str | None]] = ctx.metadata.get(METADATA_KEY, {})
        for resource_id, generate in hoisted.items():
            content = generate()
            if content:
                resolver = ctx.get_resource(resource_id)
                properties = resolver["Properties"]
                properties["RequestMappingTemplate"] = "\n".join(
                    [content, properties["RequestMappingTemplate"]]
                )

    def object(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        type_name = definition.name.value
        reserved = type_name in (
            ctx.get_query_type_name(),
            ctx.get_mutation_type_name(),
            ctx.get_subscription_type_name(),
        )
        if reserved and ctx.feature_flags.get_boolean("validateTypeNameReservedWords", True):
            raise InvalidDirectiveError(
                f"'{type_name}' is a reserved type name and currently in use within the default "
                "schema element."
            )
        non_model = defs.non_model_objects(definition, ctx)
        for obj in non_model:
            non_model_input = defs.make_non_model_input(obj, non_model, ctx)
            if not ctx.has_type(non_model_input.name.value):
                ctx.add_input(non_model_input)
        self._add_id_field(definition, ctx)
        self._sync_config = self._find_sync_config(ctx, type_name)
        is_sync = self._sync_config is not None

        table_id = M.table(type_name)
        role_id = M.iam_role(type_name)
        data_source_id = M.data_source(type_name)
        ctx.set_resource(table_id, res.model_table(type_name, is_sync_enabled=is_sync))
        ctx.map_resource_to_stack(type_name, table_id)
        ctx.set_resource(role_id, res.iam_role(type_name, self._sync_config))
        ctx.map_resource_to_stack(type_name, role_id)
        ctx.set_resource(data_source_id, res.data_source(table_id, role_id, type_name, is_sync))
        ctx.map_resource_to_stack(type_name, data_source_id)
        for output_id, output in (
            (f"GetAtt{M.table_stream_arn(type_name)}", res.table_stream_arn_output(table_id)),
            (f"GetAtt{data_source_id}Name", res.data_source_output(data_source_id)),
            (f"GetAtt{table_id}Name", res.table_name_output(table_id)),
        ):
            ctx.set_output(output_id, output)
            ctx.map_resource_to_stack(type_name, output_id)

        self._create_queries(definition, directive, ctx)
        self._create_mutations(definition, directive, ctx, non_model)
        self._create_subscriptions(definition, directive, ctx)
        self._update_mutation_condition_input(ctx, definition)
        if is_sync:
            model_obj = ctx.get_object(type_name)
            assert model_obj is not None
            sync_fields = (
                make_field("_version", [], wrap_non_null(make_named_type("Int"))),
                make_field("_deleted", [], make_named_type("Boolean")),
                make_field("_lastChangedAt", [], wrap_non_null(make_named_type("AWSTimestamp"))),
            )
            ctx.update_object(
                dataclasses.replace(model_obj, fields=(*(model_obj.fields or ()), *sync_fields))
            )
        self._add_timestamp_fields(definition, directive, ctx)

    @staticmethod
    def _find_sync_config(ctx: TransformerContext, type_name: str) -> dict[str, Any] | None:
        """The model's ResolverConfig entry (if complete), else the project's, else None."""
        resolver_config = ctx.resolver_config or {}
        sync_config = resolver_config.get("project")
        model_config = (resolver_config.get("models") or {}).get(type_name)
        if model_config:
            if model_config.get("ConflictDetection") and model_config.get("ConflictHandler"):
                sync_config = model_config
            else:
                LOG.warning(
                    "Invalid resolverConfig for type %s. Using the project resolverConfig instead.",
                    type_name,
                )
        return dict(sync_config) if sync_config else None

    # ---- fields on the model type -----------------------------------------------------
    @staticmethod
    def _add_id_field(definition: ast.ObjectTypeDefinitionNode, ctx: TransformerContext) -> None:
        if any(f.name.value == "id" for f in definition.fields or ()):
            return
        obj = ctx.get_object(definition.name.value)
        assert obj is not None
        id_field = make_field("id", [], wrap_non_null(make_named_type("ID")))
        ctx.update_object(dataclasses.replace(obj, fields=(id_field, *(obj.fields or ()))))

    @staticmethod
    def _add_timestamp_fields(
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        created_at, updated_at = timestamp_field_names(directive)
        existing_created = find_field(definition, created_at)
        existing_updated = find_field(definition, updated_at)
        for existing in (existing_created, existing_updated):
            if existing is not None and not _is_timestamp_compatible(existing):
                LOG.info(
                    "%s.%s is of type %s. To support auto population change the type to "
                    "AWSDateTime or String",
                    definition.name.value,
                    existing.name.value,
                    get_base_type(existing.type),
                )
        obj = ctx.get_object(definition.name.value)
        assert obj is not None
        extra = []
        if created_at and existing_created is None:
            extra.append(make_field(created_at, [], wrap_non_null(make_named_type("AWSDateTime"))))
        if updated_at and existing_updated is None:
            extra.append(make_field(updated_at, [], wrap_non_null(make_named_type("AWSDateTime"))))
        ctx.update_object(dataclasses.replace(obj, fields=(*(obj.fields or ()), *extra)))

    # ---- queries ------------------------------------------------------------------------
    def _create_queries(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        type_name = definition.name.value
        queries = directive_arguments(directive).get("queries", _UNSET)
        make_get = make_list = True
        get_name = list_name = None
        if queries is None:
            make_get = make_list = False
        elif isinstance(queries, dict):
            make_get, get_name = bool(queries.get("get")), queries.get("get") or None
            make_list, list_name = bool(queries.get("list")), queries.get("list") or None
        if make_list:
            defs.add_sort_direction_enum(ctx)
        query_type = ctx.get_query_type_name() or "Query"
        is_sync = self._sync_config is not None
        fields: list[ast.FieldDefinitionNode] = []
        if is_sync:
            resolver = resolvers.sync_resolver(type_name)
            resource_id = R.sync(type_name)
            ctx.set_resource(resource_id, resolver)
            ctx.map_resource_to_stack(type_name, resource_id)
            defs.add_connection_type(ctx, type_name, True)
            defs.add_filter_inputs(ctx, definition)
            fields.append(
                make_field(
                    resolver["Properties"]["FieldName"],
                    [
                        make_input_value("filter", make_named_type(M.filter_input(type_name))),
                        make_input_value("limit", make_named_type("Int")),
                        make_input_value("nextToken", make_named_type("String")),
                        make_input_value("lastSync", make_named_type("AWSTimestamp")),
                    ],
                    make_named_type(M.connection_type(type_name)),
                )
            )
        if make_get:
            resolver = resolvers.get_resolver(type_name, get_name, query_type, is_sync)
            resource_id = R.get(type_name)
            ctx.set_resource(resource_id, resolver)
            ctx.map_resource_to_stack(type_name, resource_id)
            fields.append(
                make_field(
                    resolver["Properties"]["FieldName"],
                    [make_input_value("id", make_non_null_type(make_named_type("ID")))],
                    make_named_type(type_name),
                )
            )
        if make_list:
            defs.add_connection_type(ctx, type_name)
            resolver = resolvers.list_resolver(
                type_name,
                ctx.feature_flags.get_boolean("improvePluralization"),
                list_name,
                query_type,
                is_sync,
            )
            resource_id = R.list(type_name)
            ctx.set_resource(resource_id, resolver)
            ctx.map_resource_to_stack(type_name, resource_id)
            fields.append(
                defs.make_list_connection_field(resolver["Properties"]["FieldName"], type_name)
            )
            defs.add_filter_inputs(ctx, definition)
        ctx.add_query_fields(fields)

    def _generate_condition_inputs(
        self, ctx: TransformerContext, definition: ast.ObjectTypeDefinitionNode
    ) -> None:
        defs.add_scalar_and_enum_filter_inputs(ctx, definition)
        if ctx.supports_conditions():
            condition_input = defs.make_model_x_condition_input(definition, ctx, True)
            if not ctx.has_type(condition_input.name.value):
                ctx.add_input(condition_input)
            if not ctx.has_type(M.ATTRIBUTE_TYPES):
                ctx.add_type(defs.make_attribute_type_enum())

    # ---- mutations ----------------------------------------------------------------------
    def _create_mutations(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
        non_model: list[ast.ObjectTypeDefinitionNode],
    ) -> None:
        type_name = definition.name.value
        mutations = directive_arguments(directive).get("mutations", _UNSET)
        names: dict[str, str | None] = {"create": None, "update": None, "delete": None}
        make = {"create": True, "update": True, "delete": True}
        if mutations is None:
            make = dict.fromkeys(make, False)
        elif isinstance(mutations, dict):
            for op in make:
                make[op] = bool(mutations.get(op))
                names[op] = mutations.get(op) or None
        created_at, updated_at = timestamp_field_names(directive)
        created_field = find_field(definition, created_at)
        updated_field = find_field(definition, updated_at)
        created_at_ts = created_at if _is_timestamp_compatible(created_field) else None
        updated_at_ts = updated_at if _is_timestamp_compatible(updated_field) else None
        condition_name = M.condition_input(type_name)
        mutation_type = "Mutation"
        is_sync = self._sync_config is not None
        fields: list[ast.FieldDefinitionNode] = []

        def add_mutation(resource_id: str, resolver: Any, input_name: str) -> None:
            ctx.set_resource(resource_id, resolver)
            ctx.map_resource_to_stack(type_name, resource_id)
            args = [make_input_value("input", make_non_null_type(make_named_type(input_name)))]
            if ctx.supports_conditions():
                args.append(make_input_value("condition", make_named_type(condition_name)))
            fields.append(
                make_field(resolver["Properties"]["FieldName"], args, make_named_type(type_name))
            )

        if make["create"]:
            create_input = defs.make_create_input(
                definition, created_at, updated_at, non_model, ctx, is_sync
            )
            if not ctx.has_type(create_input.name.value):
                ctx.add_input(create_input)
            resolver = resolvers.create_resolver(
                type_name, names["create"], mutation_type, self._sync_config
            )
            resource_id = R.create(type_name)
            input_name = create_input.name.value
            self._add_initialization(
                ctx,
                resource_id,
                lambda: self._create_defaults(ctx, input_name, created_at_ts, updated_at_ts),
            )
            add_mutation(resource_id, resolver, input_name)
        if make["update"]:
            update_input = defs.make_update_input(definition, non_model, ctx, is_sync)
            optional = defs.optional_non_nullable_fields(update_input.fields or (), definition)
            if not ctx.has_type(update_input.name.value):
                ctx.add_input(update_input)
            resolver = resolvers.update_resolver(
                type_name,
                names["update"],
                updated_at_ts,
                optional,
                mutation_type,
                self._sync_config,
            )
            add_mutation(R.update(type_name), resolver, update_input.name.value)
        if make["delete"]:
            delete_input = defs.make_delete_input(definition, is_sync)
            if not ctx.has_type(delete_input.name.value):
                ctx.add_input(delete_input)
            resolver = resolvers.delete_resolver(
                type_name, names["delete"], mutation_type, self._sync_config
            )
            add_mutation(R.delete(type_name), resolver, delete_input.name.value)
        ctx.add_mutation_fields(fields)
        if any(make.values()):
            self._generate_condition_inputs(ctx, definition)

    @staticmethod
    def _create_defaults(
        ctx: TransformerContext, input_name: str, created_at: str | None, updated_at: str | None
    ) -> str | None:
        input_obj = ctx.get_type(input_name)
        if input_obj is None:
            return None
        has_default_id = any(
            f.name.value == "id" and get_base_type(f.type) in ("ID", "String")
            for f in input_obj.fields or ()
        )
        return resolvers.initialize_create_input(has_default_id, created_at, updated_at)

    @staticmethod
    def _add_initialization(
        ctx: TransformerContext, resource_id: str, generate: Callable[[], str | None]
    ) -> None:
        ctx.metadata.setdefault(METADATA_KEY, {})[resource_id] = generate

    # ---- subscriptions ------------------------------------------------------------------
    @staticmethod
    def _create_subscriptions(
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        type_name = definition.name.value
        subscriptions: Any = directive_arguments(directive).get("subscriptions", _UNSET)
        resolvers = {
            op: ctx.get_resource(resource_id(type_name))
            for op, resource_id in (
                ("create", R.create),
                ("update", R.update),
                ("delete", R.delete),
            )
        }
        if subscriptions is None:
            return
        if isinstance(subscriptions, dict) and subscriptions.get("level") == "off":
            return
        fields: list[ast.FieldDefinitionNode] = []
        if isinstance(subscriptions, dict) and (
            subscriptions.get("onCreate")
            or subscriptions.get("onUpdate")
            or subscriptions.get("onDelete")
        ):
            by_op = {
                "create": subscriptions.get("onCreate") or [],
                "update": subscriptions.get("onUpdate") or [],
                "delete": subscriptions.get("onDelete") or [],
            }
            mapping: dict[str, list[str]] = {}
            for names in by_op.values():
                for name in names:
                    mapping[name] = []
            for name, mutations in mapping.items():
                for op in ("create", "update", "delete"):
                    if name in by_op[op] and resolvers[op]:
                        mutations.append(resolvers[op]["Properties"]["FieldName"])
            fields = [defs.make_subscription_field(n, type_name, m) for n, m in mapping.items()]
        else:
            for op, sub_name in (
                ("create", M.on_create_subscription(type_name)),
                ("update", M.on_update_subscription(type_name)),
                ("delete", M.on_delete_subscription(type_name)),
            ):
                if resolvers[op]:
                    fields.append(
                        defs.make_subscription_field(
                            sub_name, type_name, [resolvers[op]["Properties"]["FieldName"]]
                        )
                    )
        ctx.add_subscription_fields(fields)

    @staticmethod
    def _update_mutation_condition_input(
        ctx: TransformerContext, definition: ast.ObjectTypeDefinitionNode
    ) -> None:
        if not ctx.supports_conditions():
            return
        condition = ctx.get_type(M.condition_input(definition.name.value))
        if condition is None:
            return
        if any(d.name.value == "key" for d in definition.directives or ()):
            return
        if any(f.name.value == "id" for f in condition.fields or ()):
            ctx.put_type(
                dataclasses.replace(
                    condition, fields=tuple(f for f in condition.fields if f.name.value != "id")
                )
            )
