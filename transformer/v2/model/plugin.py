"""@model (v2): a DynamoDB table per type in its own stack, CRUD queries, mutations and
subscriptions with `condition` / `filter` inputs, and the pipeline resolvers with their
`init` and `postAuth` slots.

With DataStore conflict detection (`ResolverConfig`, see datastore.py): sync fields and
query, versioned data sources, conflict handlers. Not emulated: SQL models,
`EnableDeletionProtection`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import parse
from graphql.language import ast

from transformer.definitions import (
    find_directive,
    get_base_type,
    is_scalar,
    make_argument,
    make_directive,
    make_field,
    make_input_object,
    make_input_value,
    make_list_type,
    make_named_type,
    make_non_null_type,
    make_value_node,
    unwrap_non_null,
    with_named_node_named,
)
from transformer.naming import ResolverResourceIDs, md5_hex, resource_name, to_camel_case, to_upper
from transformer.pluralize import pluralize
from transformer.scalars import DEFAULT_SCALARS
from transformer.v2.context import TransformerContext
from transformer.v2.errors import InvalidDirectiveError
from transformer.v2.model import slots, templates
from transformer.v2.model.datastore import (
    uses_datastore,
)
from transformer.v2.model.table import create_table, dynamodb_parameters
from transformer.v2.plugin import TransformerPlugin
from transformer.v2.resolver import (
    MUTATION_SLOTS,
    QUERY_SLOTS,
    SUBSCRIPTION_SLOTS,
    DataSource,
    Template,
    TransformerResolver,
)

__all__ = ["ModelConfig", "ModelPlugin"]

_SHARED_INPUTS = Path(__file__).with_name("shared_inputs.graphql")


@functools.cache
def _shared_inputs() -> tuple[Any, ...]:
    return tuple(parse(_SHARED_INPUTS.read_text(), no_location=True).definitions)


def _truncate_subscription(name: str) -> str:
    return name if len(name) <= 50 else name[:45] + md5_hex(name)[:5]


@dataclass
class ModelConfig:
    """The @model arguments merged over the defaults (shallowly, as Gen 1 does by default)."""

    queries: dict[str, str | None] | None
    mutations: dict[str, str | None] | None
    subscriptions: dict[str, Any] | None
    timestamps: dict[str, str | None] | None
    level: str = "on"
    extra: dict[str, Any] = field(default_factory=dict)


def _argument_values(directive: ast.DirectiveNode) -> dict[str, Any]:
    from graphql import value_from_ast_untyped

    return {a.name.value: value_from_ast_untyped(a.value) for a in directive.arguments or ()}


def _deep_merge(default: Any, given: Any) -> Any:
    """lodash `merge`, as the transformer merges directive arguments over their defaults when
    `shouldDeepMergeDirectiveConfigDefaults` is on: objects key by key, lists index by index
    (so an empty list keeps the default's entries), anything else replaced."""
    if isinstance(default, dict) and isinstance(given, dict):
        out = dict(default)
        for key, value in given.items():
            out[key] = _deep_merge(default[key], value) if key in default else value
        return out
    if isinstance(default, list) and isinstance(given, list):
        merged = list(default)
        for index, value in enumerate(given):
            if index < len(merged):
                merged[index] = _deep_merge(merged[index], value)
            else:
                merged.append(value)
        return merged
    return given


def model_config(
    type_name: str, directive: ast.DirectiveNode, deep_merge: bool, datastore: bool = False
) -> ModelConfig:
    args = _argument_values(directive)
    subscription_defaults: dict[str, Any] = {
        "level": "on",
        "onCreate": [_truncate_subscription(to_camel_case(["onCreate", type_name]))],
        "onDelete": [_truncate_subscription(to_camel_case(["onDelete", type_name]))],
        "onUpdate": [_truncate_subscription(to_camel_case(["onUpdate", type_name]))],
    }
    defaults: dict[str, Any] = {
        "queries": {
            "get": to_camel_case(["get", type_name]),
            "list": to_camel_case(["list", pluralize(type_name)]),
            **({"sync": to_camel_case(["sync", pluralize(type_name)])} if datastore else {}),
        },
        "mutations": {
            "create": to_camel_case(["create", type_name]),
            "update": to_camel_case(["update", type_name]),
            "delete": to_camel_case(["delete", type_name]),
        },
        "subscriptions": subscription_defaults,
        "timestamps": {"createdAt": "createdAt", "updatedAt": "updatedAt"},
    }
    merged: dict[str, Any] = {}
    for key, default in defaults.items():
        if key not in args:
            merged[key] = default
        elif deep_merge and isinstance(args[key], dict):
            merged[key] = _deep_merge(default, args[key])
        else:
            merged[key] = args[key]
    subscriptions = merged["subscriptions"]
    if not deep_merge:
        given = args.get("subscriptions")
        if (
            isinstance(given, dict)
            and given.get("level") == "public"
            and not (given.get("onCreate") or given.get("onDelete") or given.get("onUpdate"))
        ):
            subscriptions = {**subscription_defaults, "level": "public"}
    if isinstance(subscriptions, dict):
        for key in ("onCreate", "onDelete", "onUpdate"):
            value = subscriptions.get(key)
            if value and not isinstance(value, list):
                subscriptions[key] = [value]
    level = (subscriptions or {}).get("level") or "on"
    return ModelConfig(
        queries=merged["queries"],
        mutations=merged["mutations"],
        subscriptions=subscriptions,
        timestamps=merged["timestamps"],
        level=level,
    )


# ---- naming -----------------------------------------------------------------------------
def filter_input_name(model: str) -> str:
    return f"Model{to_upper(model)}FilterInput"


def condition_input_name(model: str) -> str:
    return f"Model{to_upper(model)}ConditionInput"


def subscription_filter_input_name(model: str) -> str:
    return f"ModelSubscription{to_upper(model)}FilterInput"


def connection_name(model: str) -> str:
    return f"Model{to_upper(model)}Connection"


def scalar_filter_input_name(type_name: str, subscription: bool = False) -> str:
    base = DEFAULT_SCALARS.get(type_name, type_name)
    return f"Model{'Subscription' if subscription else ''}{base}Input"


def list_filter_input_name(type_name: str) -> str:
    base = DEFAULT_SCALARS.get(type_name, type_name)
    return f"Model{base}ListInput"


class ModelPlugin(TransformerPlugin):
    """@model; other plugins read `configs` (type name -> ModelConfig) and `models`."""

    directive = "model"

    def __init__(self) -> None:
        self.configs: dict[str, ModelConfig] = {}
        self.models: list[str] = []
        #: resolvers this plugin created, by field key (other plugins add slots to them)
        self.resolvers: dict[str, TransformerResolver] = {}

    # ---- directive collection -----------------------------------------------------------
    def object(
        self, ctx: TransformerContext, definition: ast.ObjectTypeDefinitionNode, directive: Any
    ) -> None:
        name = definition.name.value
        if name in ("Query", "Mutation", "Subscription"):
            raise InvalidDirectiveError(
                f"'{name}' is a reserved type name and currently in use within the default "
                "schema element."
            )
        self.configs[name] = model_config(
            name,
            directive,
            ctx.parameters.shouldDeepMergeDirectiveConfigDefaults,
            uses_datastore(ctx),
        )
        self.models.append(name)
        ctx.metadata.setdefault("models", self.configs)

    # ---- schema -------------------------------------------------------------------------
    def transform_schema(self, ctx: TransformerContext) -> None:
        for node in _shared_inputs():
            ctx.output.add(node)
        for name in self.models:
            before = ctx.output.get(name)
            self._add_auto_fields(ctx, name)
            obj = ctx.output.get(name)
            self._add_non_model_inputs(ctx, obj)
            queries = self._query_fields(ctx, obj)
            ctx.output.add_fields("Query", queries)
            mutations = self._mutation_fields(ctx, before)
            ctx.output.add_fields("Mutation", mutations)
            subscriptions = self._subscription_fields(ctx, obj)
            ctx.output.add_fields("Subscription", subscriptions)
            if uses_datastore(ctx):
                self._add_sync_fields(ctx, name)
            if find_directive(obj, "auth") is None:
                self._add_service_directives(ctx, obj, queries, mutations, subscriptions)

    def _add_service_directives(
        self, ctx: TransformerContext, obj: Any, *operations: list[Any]
    ) -> None:
        """Without @auth, a sandbox API (default mode not API key) or IAM access adds
        @aws_api_key / @aws_iam to the model, its nested types and its operations."""
        sandbox = ctx.parameters.sandboxModeEnabled
        iam = ctx.synth.enableIamAccess
        names: list[str] = []
        if sandbox and iam:
            names = ["aws_api_key", "aws_iam"]
        elif sandbox and ctx.config.default_auth_type != "API_KEY":
            names = ["aws_api_key"]
        elif iam and ctx.config.default_auth_type != "AWS_IAM":
            names = ["aws_iam"]
        if not names:
            return
        directives = [make_directive(n) for n in names]
        ctx.output.extend_directives(obj.name.value, directives)
        self._propagate(ctx, ctx.output.get(obj.name.value), set(), directives)
        for root, fields in zip(("Query", "Mutation", "Subscription"), operations, strict=True):
            for operation in fields:
                ctx.output.add_field_directives(root, operation.name.value, directives)
                current = next(
                    f for f in ctx.output.get(root).fields if f.name.value == operation.name.value
                )
                if isinstance(current.type, ast.NamedTypeNode):
                    ctx.output.extend_directives(current.type.name.value, directives)

    def _propagate(
        self, ctx: TransformerContext, obj: Any, seen: set[str], directives: Any
    ) -> None:
        for f in obj.fields or ():
            nested = ctx.output.get(get_base_type(f.type))
            if not isinstance(nested, ast.ObjectTypeDefinitionNode):
                continue
            if find_directive(nested, "model") is not None or nested.name.value in seen:
                continue
            for directive in directives:
                if find_directive(nested, directive.name.value) is None:
                    ctx.output.extend_directives(nested.name.value, [directive])
            seen.add(nested.name.value)
            self._propagate(ctx, ctx.output.get(nested.name.value), seen, directives)

    def _add_auto_fields(self, ctx: TransformerContext, name: str) -> None:
        obj = ctx.output.get(name)
        fields = list(obj.fields or ())
        names = {f.name.value for f in fields}
        if "id" not in names:
            fields.append(make_field("id", [], make_non_null_type(make_named_type("ID"))))
        config = self.configs[name]
        for stamp in self._timestamp_names(config):
            if stamp not in names:
                fields.append(
                    make_field(stamp, [], make_non_null_type(make_named_type("AWSDateTime")))
                )
        ctx.output.put(_replace(obj, fields=tuple(fields)))

    @staticmethod
    def _add_sync_fields(ctx: TransformerContext, name: str) -> None:
        obj = ctx.output.get(name)
        present = {f.name.value for f in obj.fields or ()}
        extra = [
            make_field("_version", [], make_non_null_type(make_named_type("Int"))),
            make_field("_deleted", [], make_named_type("Boolean")),
            make_field("_lastChangedAt", [], make_non_null_type(make_named_type("AWSTimestamp"))),
        ]
        fields = (*obj.fields, *(f for f in extra if f.name.value not in present))
        ctx.output.put(_replace(obj, fields=fields))

    @staticmethod
    def _datastore_conditions(ctx: TransformerContext) -> list[Any]:
        if not uses_datastore(ctx):
            return []
        return [make_input_value("_deleted", make_named_type("ModelBooleanInput"))]

    @staticmethod
    def _datastore_version(ctx: TransformerContext) -> list[Any]:
        if not uses_datastore(ctx):
            return []
        return [make_input_value("_version", make_named_type("Int"))]

    @staticmethod
    def _timestamp_names(config: ModelConfig) -> list[str]:
        stamps = config.timestamps
        if not stamps:
            return []
        names = []
        if stamps.get("createdAt", "createdAt") is not None:
            names.append(stamps.get("createdAt") or "createdAt")
        if stamps.get("updatedAt", "updatedAt") is not None:
            names.append(stamps.get("updatedAt") or "updatedAt")
        return names

    def _is_enum(self, ctx: TransformerContext, type_name: str) -> bool:
        return isinstance(ctx.output.get(type_name), ast.EnumTypeDefinitionNode)

    def _add_non_model_inputs(self, ctx: TransformerContext, obj: Any) -> None:
        for f in obj.fields or ():
            if is_scalar(f.type):
                continue
            base = ctx.output.get(get_base_type(f.type))
            if (
                isinstance(base, ast.ObjectTypeDefinitionNode)
                and base.name.value not in self.configs
            ):
                name = f"{to_upper(base.name.value)}Input"
                if not ctx.output.has(name):
                    ctx.output.add(self._input_from_object(ctx, name, base))
                    self._add_non_model_inputs(ctx, base)

    def _input_field(
        self, ctx: TransformerContext, f: Any, parent: Any
    ) -> ast.InputValueDefinitionNode:
        auto = {
            "id": ("ID",),
            "createdAt": ("AWSDateTime", "String"),
            "updatedAt": ("AWSDateTime", "String"),
        }
        name = f.name.value
        is_model = any(d.name.value == "model" for d in parent.directives or ())
        base_unwrapped = unwrap_non_null(f.type)
        if (
            is_model
            and name in auto
            and isinstance(base_unwrapped, ast.NamedTypeNode)
            and base_unwrapped.name.value in auto[name]
        ):
            type_: ast.TypeNode = base_unwrapped
        elif is_scalar(f.type) or self._is_enum_input(ctx, get_base_type(f.type)):
            type_ = f.type
        else:
            type_ = with_named_node_named(f.type, f"{to_upper(get_base_type(f.type))}Input")
        return make_input_value(name, type_)

    def _is_enum_input(self, ctx: TransformerContext, type_name: str) -> bool:
        return any(
            isinstance(d, ast.EnumTypeDefinitionNode) and d.name.value == type_name
            for d in ctx.input_document.definitions
        )

    def _input_from_object(self, ctx: TransformerContext, name: str, obj: Any) -> Any:
        return make_input_object(name, [self._input_field(ctx, f, obj) for f in obj.fields or ()])

    def _enum_filters(self, ctx: TransformerContext, obj: Any) -> list[Any]:
        inputs = []
        for f in obj.fields or ():
            base = get_base_type(f.type)
            if not self._is_enum(ctx, base):
                continue
            is_list = _wrapper_is_list(f.type)
            name = list_filter_input_name(base) if is_list else scalar_filter_input_name(base)
            type_: ast.TypeNode = make_named_type(base)
            if is_list:
                type_ = make_list_type(type_)
            values = [make_input_value("eq", type_), make_input_value("ne", type_)]
            if is_list:
                values += [
                    make_input_value("contains", make_named_type(base)),
                    make_input_value("notContains", make_named_type(base)),
                ]
            inputs.append(make_input_object(name, values))
        return inputs

    def _condition_fields(self, ctx: TransformerContext, obj: Any) -> list[Any]:
        values = []
        for f in obj.fields or ():
            base = get_base_type(f.type)
            is_enum = self._is_enum(ctx, base)
            if not (is_scalar(f.type) or is_enum):
                continue
            if is_enum and _wrapper_is_list(f.type):
                type_name = list_filter_input_name(base)
            else:
                type_name = scalar_filter_input_name(base)
            values.append(make_input_value(f.name.value, make_named_type(type_name)))
        return values

    def _logical(self, name: str, with_not: bool = True) -> list[Any]:
        values = [
            make_input_value("and", make_list_type(make_named_type(name))),
            make_input_value("or", make_list_type(make_named_type(name))),
        ]
        if with_not:
            values.append(make_input_value("not", make_named_type(name)))
        return values

    def _add_inputs(self, ctx: TransformerContext, inputs: list[Any]) -> None:
        for node in inputs:
            ctx.output.add(node)

    def _query_fields(self, ctx: TransformerContext, obj: Any) -> list[Any]:
        model = obj.name.value
        config = self.configs[model]
        queries = config.queries or {}
        fields = []
        if queries.get("get"):
            ctx.output.add(obj)
            fields.append(
                make_field(
                    str(queries["get"]),
                    [make_input_value("id", make_non_null_type(make_named_type("ID")))],
                    make_named_type(model),
                )
            )
        if queries.get("list"):
            connection = connection_name(model)
            if not ctx.output.has(connection):
                ctx.output.add(
                    ast.ObjectTypeDefinitionNode(
                        name=ast.NameNode(value=connection),
                        fields=(
                            make_field(
                                "items",
                                [],
                                make_non_null_type(make_list_type(make_named_type(model))),
                            ),
                            make_field("nextToken", [], make_named_type("String")),
                            *(
                                [make_field("startedAt", [], make_named_type("AWSTimestamp"))]
                                if uses_datastore(ctx)
                                else []
                            ),
                        ),
                        directives=(),
                        interfaces=(),
                    )
                )
            filter_name = filter_input_name(model)
            self._add_inputs(
                ctx,
                [
                    *self._enum_filters(ctx, obj),
                    make_input_object(
                        filter_name,
                        [
                            *self._condition_fields(ctx, obj),
                            *self._logical(filter_name),
                            *self._datastore_conditions(ctx),
                        ],
                    ),
                ],
            )
            fields.append(
                make_field(
                    str(queries["list"]),
                    [
                        make_input_value("filter", make_named_type(filter_name)),
                        make_input_value("limit", make_named_type("Int")),
                        make_input_value("nextToken", make_named_type("String")),
                    ],
                    make_named_type(connection),
                )
            )
        if queries.get("sync"):
            fields.append(
                make_field(
                    str(queries["sync"]),
                    [
                        make_input_value("filter", make_named_type(filter_input_name(model))),
                        make_input_value("limit", make_named_type("Int")),
                        make_input_value("nextToken", make_named_type("String")),
                        make_input_value("lastSync", make_named_type("AWSTimestamp")),
                    ],
                    make_named_type(connection_name(model)),
                )
            )
        return fields

    def _condition_input(self, ctx: TransformerContext, obj: Any, config: ModelConfig) -> Any:
        name = condition_input_name(obj.name.value)
        values = [
            v
            for v in self._condition_fields(ctx, obj)
            if not (v.name.value == "id" and get_base_type(v.type) == "ModelIDInput")
        ]
        values += self._logical(name)
        values += self._datastore_conditions(ctx)
        if config.timestamps is not None:
            present = {v.name.value for v in values}
            stamps = {
                "createdAt": "createdAt",
                "updatedAt": "updatedAt",
                **(config.timestamps or {}),
            }
            for stamp in stamps.values():
                if stamp and stamp not in present:
                    values.append(make_input_value(stamp, make_named_type("ModelStringInput")))
                    present.add(stamp)
        return make_input_object(name, values)

    def _mutation_fields(self, ctx: TransformerContext, obj: Any) -> list[Any]:
        model = obj.name.value
        config = self.configs[model]
        mutations = config.mutations or {}
        fields = []
        for kind in ("create", "update", "delete"):
            field_name = mutations.get(kind)
            if not field_name:
                continue
            condition = self._condition_input(ctx, obj, config)
            self._add_inputs(ctx, [*self._enum_filters(ctx, obj), condition])
            input_node = getattr(self, f"_{kind}_input")(ctx, obj, config)
            ctx.output.add(input_node)
            fields.append(
                make_field(
                    str(field_name),
                    [
                        make_input_value(
                            "input", make_non_null_type(make_named_type(input_node.name.value))
                        ),
                        make_input_value("condition", make_named_type(condition.name.value)),
                    ],
                    make_named_type(model),
                )
            )
        return fields

    def _object_fields_without_models(self, obj: Any) -> list[Any]:
        return [f for f in obj.fields or () if get_base_type(f.type) not in self.configs]

    def _create_input(self, ctx: TransformerContext, obj: Any, config: ModelConfig) -> Any:
        name = f"Create{to_upper(obj.name.value)}Input"
        id_field = next((f for f in obj.fields or () if f.name.value == "id"), None)
        values = [self._input_field(ctx, f, obj) for f in self._object_fields_without_models(obj)]
        if id_field is None:
            values.append(make_input_value("id", make_named_type("ID")))
        elif get_base_type(id_field.type) in ("ID", "String"):
            values = [_nullable(v) if v.name.value == "id" else v for v in values]
        values = self._nullable_timestamps(values, config)
        return make_input_object(name, [*values, *self._datastore_version(ctx)])

    def _nullable_timestamps(self, values: list[Any], config: ModelConfig) -> list[Any]:
        stamps = [s for s in (config.timestamps or {}).values() if s]
        return [
            _nullable(v)
            if v.name.value in stamps and get_base_type(v.type) in ("String", "AWSDateTime")
            else v
            for v in values
        ]

    def _update_input(self, ctx: TransformerContext, obj: Any, config: ModelConfig) -> Any:
        name = f"Update{to_upper(obj.name.value)}Input"
        values = [
            _nullable(self._input_field(ctx, f, obj))
            for f in self._object_fields_without_models(obj)
        ]
        if not any(v.name.value == "id" for v in values):
            values.append(make_input_value("id", make_non_null_type(make_named_type("ID"))))
        else:
            values = [
                make_input_value(v.name.value, make_non_null_type(v.type))
                if v.name.value == "id"
                else v
                for v in values
            ]
        values = self._nullable_timestamps(values, config)
        return make_input_object(name, [*values, *self._datastore_version(ctx)])

    def _delete_input(self, ctx: TransformerContext, obj: Any, config: ModelConfig) -> Any:
        return make_input_object(
            f"Delete{to_upper(obj.name.value)}Input",
            [
                make_input_value("id", make_non_null_type(make_named_type("ID"))),
                *self._datastore_version(ctx),
            ],
        )

    def _subscription_fields(self, ctx: TransformerContext, obj: Any) -> list[Any]:
        model = obj.name.value
        config = self.configs[model]
        subscriptions = config.subscriptions
        if not subscriptions or config.level == "off":
            return []
        mutations = config.mutations or {}
        fields = []
        for kind, mutation_kind in (
            ("onCreate", "create"),
            ("onUpdate", "update"),
            ("onDelete", "delete"),
        ):
            names = subscriptions.get(kind) or []
            mutation_name = mutations.get(mutation_kind)
            if not mutation_name:
                continue
            for field_name in names:
                filter_name = subscription_filter_input_name(model)
                self._add_inputs(
                    ctx,
                    [
                        *self._enum_filters(ctx, obj),
                        self._subscription_filter(ctx, obj, filter_name),
                    ],
                )
                directive = make_directive(
                    "aws_subscribe",
                    [make_argument("mutations", make_value_node([mutation_name]))],
                )
                fields.append(
                    make_field(
                        str(field_name),
                        [make_input_value("filter", make_named_type(filter_name))],
                        make_named_type(model),
                        [directive],
                    )
                )
        return fields

    def _subscription_filter(self, ctx: TransformerContext, obj: Any, name: str) -> Any:
        values = []
        for f in obj.fields or ():
            base = get_base_type(f.type)
            is_enum = self._is_enum(ctx, base)
            if is_scalar(f.type) or is_enum:
                type_name = scalar_filter_input_name("String" if is_enum else base, True)
                values.append(make_input_value(f.name.value, make_named_type(type_name)))
        return make_input_object(
            name,
            [*values, *self._logical(name, with_not=False), *self._datastore_conditions(ctx)],
        )

    # ---- resources and resolvers --------------------------------------------------------
    def generate_resolvers(self, ctx: TransformerContext) -> None:
        if not self.models:
            return
        root = ctx.stacks.root
        for parameter, body in dynamodb_parameters(root_defaults=True).items():
            root.add_parameter(parameter, body)
        for model in self.models:
            create_table(ctx, model)
        for model in self.models:
            self._create_resolvers(ctx, model)

    def _create_resolvers(self, ctx: TransformerContext, model: str) -> None:
        config = self.configs[model]
        source = ctx.data_sources[model]
        stack = ctx.stack_for(model)
        post_auth = slots.post_auth_template(
            ctx.parameters.sandboxModeEnabled, ctx.synth.enableIamAccess
        )
        queries = config.queries or {}
        datastore = uses_datastore(ctx)
        respond = _with_result if datastore else _same
        operations: list[tuple[str, str, str, str, str, tuple[Any, Any], DataSource | None]] = []
        if queries.get("get"):
            operations.append(
                (
                    "Query",
                    str(queries["get"]),
                    f"Get{resource_name(model)}Resolver",
                    templates.GET_REQUEST,
                    respond(templates.GET_RESPONSE),
                    QUERY_SLOTS,
                    source,
                )
            )
        if queries.get("list"):
            operations.append(
                (
                    "Query",
                    str(queries["list"]),
                    f"List{resource_name(model)}Resolver",
                    templates.list_request(ctx.config.line),
                    respond(templates.DEFAULT_RESPONSE),
                    QUERY_SLOTS,
                    source,
                )
            )
        if queries.get("sync"):
            operations.append(
                (
                    "Query",
                    str(queries["sync"]),
                    f"Sync{resource_name(model)}Resolver",
                    templates.SYNC_REQUEST,
                    respond(templates.DEFAULT_RESPONSE),
                    QUERY_SLOTS,
                    source,
                )
            )
        mutations = config.mutations or {}
        create_request = templates.CREATE_REQUEST.replace("{model}", model)
        index_fields = [
            f.name.value
            for f in ctx.output.get(model).fields or ()
            if find_directive(f, "index") is not None
        ]
        if index_fields:
            typename_line = f'$util.qr($mergedValues.put("__typename", "{model}"))\n'
            listed = ", ".join(f'"{name}"' for name in index_fields)
            create_request = create_request.replace(
                typename_line,
                typename_line
                + "#set( $nullIndexFields = [] )\n"
                + f"#set( $indexFields = [{listed}] )\n"
                + "#foreach( $entry in $util.map.copyAndRetainAllKeys($mergedValues, "
                "$indexFields).entrySet() )\n"
                + "  #if( $util.isNull($entry.value) )\n"
                + "    $util.qr($nullIndexFields.add($entry.key))\n"
                + "  #end\n"
                + "#end\n"
                + "#set( $mergedValues = $util.map.copyAndRemoveAllKeys($mergedValues, "
                "$nullIndexFields) )\n",
            )
        update_request, delete_request = templates.UPDATE_REQUEST, templates.DELETE_REQUEST
        if datastore:
            update_request, delete_request = _versioned(update_request, delete_request)
        for kind, request in (
            ("create", create_request),
            ("update", update_request),
            ("delete", delete_request),
        ):
            if mutations.get(kind):
                operations.append(
                    (
                        "Mutation",
                        str(mutations[kind]),
                        f"{to_upper(kind)}{resource_name(model)}Resolver",
                        request,
                        respond(templates.MUTATION_RESPONSE),
                        MUTATION_SLOTS,
                        source,
                    )
                )
        for (
            type_name,
            field_name,
            logical_id,
            request,
            response,
            slot_names,
            data_source,
        ) in operations:
            resolver = TransformerResolver(
                type_name,
                field_name,
                logical_id,
                Template.s3(request, f"{type_name}.{field_name}.req.vtl"),
                Template.s3(response, f"{type_name}.{field_name}.res.vtl"),
                slot_names,
                data_source,
                stack,
            )
            slot_file = f"{type_name}.{field_name}.{{slotName}}.{{slotIndex}}.req.vtl"
            if field_name == mutations.get("create"):
                resolver.add_to_slot(
                    "init",
                    Template.s3(
                        slots.create_init_template(
                            config.timestamps, self._initialize_id(ctx, model)
                        ),
                        slot_file,
                    ),
                )
            elif field_name == mutations.get("update"):
                resolver.add_to_slot(
                    "init", Template.s3(slots.update_init_template(config.timestamps), slot_file)
                )
            resolver.add_to_slot("postAuth", Template.s3(post_auth, slot_file))
            self.resolvers[resolver.key] = ctx.add_resolver(resolver)
        if config.level == "off" or not config.subscriptions:
            return
        for kind, mutation_kind in (
            ("onCreate", "create"),
            ("onUpdate", "update"),
            ("onDelete", "delete"),
        ):
            if not mutations.get(mutation_kind):
                continue
            for field_name in config.subscriptions.get(kind) or []:
                resolver = TransformerResolver(
                    "Subscription",
                    str(field_name),
                    ResolverResourceIDs.resolver("Subscription", str(field_name)),
                    Template.s3(
                        templates.SUBSCRIPTION_REQUEST, f"Subscription.{field_name}.req.vtl"
                    ),
                    Template.s3(
                        templates.SUBSCRIPTION_RESPONSE, f"Subscription.{field_name}.res.vtl"
                    ),
                    SUBSCRIPTION_SLOTS,
                    None,
                    stack,
                )
                if config.level == "on":
                    resolver.add_to_slot(
                        "postAuth",
                        Template.s3(
                            post_auth,
                            f"Subscription.{field_name}.{{slotName}}.{{slotIndex}}.req.vtl",
                        ),
                    )
                self.resolvers[resolver.key] = ctx.add_resolver(resolver)

    @staticmethod
    def _initialize_id(ctx: TransformerContext, model: str) -> bool:
        obj = ctx.output.get(model)
        for f in obj.fields or ():
            if f.name.value == "id":
                inner = unwrap_non_null(f.type)
                return isinstance(inner, ast.NamedTypeNode) and inner.name.value in ("ID", "String")
        return False


def _replace(node: Any, **changes: Any) -> Any:
    values = {key: getattr(node, key, None) for key in node.keys}
    values.update(changes)
    return type(node)(**values)


_ERROR = "$util.error($ctx.error.message, $ctx.error.type)"
_VERSION = '$util.defaultIfNull($args.input["_version"], 0)'


def _same(text: str) -> str:
    return text


def _with_result(text: str) -> str:
    """DataStore responses hand the conflicting item back with the error."""
    return text.replace(_ERROR, "$util.error($ctx.error.message, $ctx.error.type, $ctx.result)")


def _versioned(update: str, delete: str) -> tuple[str, str]:
    """Update and delete requests of a versioned (DataStore) model."""
    sync_keys = '"_version", "_deleted", "_lastChangedAt"'
    update = update.replace("#set( $keyFields = [] )", f"#set( $keyFields = [{sync_keys}] )")
    update = update.replace(
        '#set( $keyFields = ["id"] )', f'#set( $keyFields = ["id", {sync_keys}] )'
    )
    update = update.replace(
        '"update": $update\n} )', f'"update": $update,\n  "_version": {_VERSION}\n}} )'
    )
    delete = delete.replace(
        "$util.toJson($DeleteRequest)",
        f'$util.qr($DeleteRequest.put("_version", {_VERSION}))\n$util.toJson($DeleteRequest)',
    )
    return update, delete


def _wrapper_is_list(type_: ast.TypeNode) -> bool:
    """FieldWrapper.isList of the transformer core: a non-null list does not count."""
    return isinstance(type_, ast.ListTypeNode)


def _nullable(value: ast.InputValueDefinitionNode) -> ast.InputValueDefinitionNode:
    return make_input_value(value.name.value, unwrap_non_null(value.type))
