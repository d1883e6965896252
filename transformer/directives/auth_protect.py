"""How @auth protects resolvers: @model operations, connections, queries, subscriptions, fields."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from graphql.language import ast

from transformer.context import TransformerContext
from transformer.definitions import (
    directive_arguments,
    get_base_type,
    is_list_type,
    make_input_value,
    make_named_type,
    make_non_null_type,
)
from transformer.directives import auth_checks as checks
from transformer.directives import auth_resources as res
from transformer.directives import auth_snippets as vtl
from transformer.directives.auth_base import (
    AuthBase,
    checked_rule_groups,
    field_is_list,
    has_provider_auth_rules,
    modes_to_check,
    owner_rules,
    static_group_rules,
)
from transformer.directives.auth_rules import (
    ModelConfiguration,
    Rule,
)
from transformer.errors import InvalidDirectiveError
from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_template
from transformer.naming import ResolverResourceIDs as R
from transformer.naming import ResourceConstants as RC

__all__ = ["AuthProtection"]


_CONNECTIONS_KEY = "authConnectionFields"


def _connection_fields(
    ctx: TransformerContext,
) -> dict[str, list[tuple[ast.ObjectTypeDefinitionNode, ast.FieldDefinitionNode]]]:
    """@connection fields of the input document by returned type, built once per run."""
    index = ctx.metadata.get(_CONNECTIONS_KEY)
    if index is None:
        index = {}
        for input_def in ctx.input_document.definitions:
            if not isinstance(input_def, ast.ObjectTypeDefinitionNode):
                continue
            for field in input_def.fields or ():
                if any(d.name.value == "connection" for d in field.directives or ()):
                    index.setdefault(get_base_type(field.type), []).append((input_def, field))
        ctx.metadata[_CONNECTIONS_KEY] = index
    return index


def _ensure_none_data_source(ctx: TransformerContext) -> None:
    """The NONE data source the subscription and field resolvers @auth adds run against."""
    if not ctx.get_resource(RC.NONE_DATA_SOURCE):
        ctx.set_resource(RC.NONE_DATA_SOURCE, res.none_data_source())


class AuthProtection(AuthBase):
    """Adds the authorization snippets to the resolvers @model, @key and @connection made."""

    # ---- protecting @model operations -------------------------------------------------------
    def _protect_create(
        self,
        ctx: TransformerContext,
        resource_id: str,
        rules: Sequence[Rule],
        parent: ast.ObjectTypeDefinitionNode,
        config: ModelConfiguration,
    ) -> None:
        resolver = ctx.get_resource(resource_id)
        if not rules or not resolver:
            return
        mutation_type = ctx.get_mutation_type_name()
        if config.should_have("create"):
            operation = config.get_name("create")
            directives = self._directives(rules, self._type_has_rules_for(parent, "create"))
            if directives:
                self._add_directives_to_operation(ctx, mutation_type, operation, directives)
            self._add_field_references(mutation_type, operation, rules)
        groups = checked_rule_groups(rules)
        if groups is not None:
            static, dynamic, owners = groups
            expressions = self._wrap(
                modes_to_check(owners, static, dynamic),
                [
                    checks.static_group_authorization(static),
                    a.newline(),
                    checks.dynamic_group_authorization_for_create(dynamic),
                    a.newline(),
                    checks.owner_authorization_for_create(owners, field_is_list(parent)),
                    a.newline(),
                    vtl.throw_if_unauthorized(),
                ],
            )
            self._prepend_request(resolver, print_template(a.compound(expressions)))

    @staticmethod
    def _prepend_request(resolver: Any, text: str) -> None:
        properties = resolver["Properties"]
        properties["RequestMappingTemplate"] = "\n\n".join(
            [text, properties["RequestMappingTemplate"]]
        )

    @staticmethod
    def _prepend_response(resolver: Any, text: str) -> None:
        properties = resolver["Properties"]
        properties["ResponseMappingTemplate"] = "\n\n".join(
            [text, properties["ResponseMappingTemplate"]]
        )

    def _protect_update_or_delete(
        self,
        ctx: TransformerContext,
        resource_id: str,
        rules: Sequence[Rule],
        parent: ast.ObjectTypeDefinitionNode,
        config: ModelConfiguration,
        is_update: bool,
        field: ast.FieldDefinitionNode | None = None,
        subscription_operation: str | None = None,
    ) -> None:
        resolver = ctx.get_resource(resource_id)
        if not rules or not resolver:
            return
        mutation_type = ctx.get_mutation_type_name()
        op = "update" if is_update else "delete"
        if config.should_have(op):
            operation = config.get_name(op)
            include_default = field is None and self._type_has_rules_for(parent, op)
            directives = self._directives(rules, include_default)
            if directives:
                self._add_directives_to_operation(ctx, mutation_type, operation, directives)
            self._add_field_references(mutation_type, operation, rules)
        groups = checked_rule_groups(rules)
        if groups is not None:
            static, dynamic, owners = groups
            field_name = field.name.value if field is not None else None
            is_list = field_is_list(parent)
            not_static = a.iff(
                a.raw(f"! ${checks.static_authorization_variable(field)}"),
                a.compound(
                    [
                        checks.dynamic_group_authorization_for_update_or_delete(
                            dynamic, is_list, field_name
                        ),
                        a.newline(),
                        checks.owner_authorization_for_update_or_delete(
                            owners, is_list, field_name
                        ),
                        a.newline(),
                        vtl.collect_auth_condition(),
                    ]
                ),
            )
            expressions = self._wrap(
                modes_to_check(owners, static, dynamic),
                [
                    checks.static_group_authorization(static, field),
                    a.newline(),
                    not_static,
                    a.newline(),
                    vtl.throw_if_not_static_group_authorized_or_auth_condition_is_empty(field),
                ],
            )
            if field is not None:
                condition = (
                    f'$ctx.args.input.containsKey("{field_name}")'
                    if is_update
                    else f'$ctx.args.input.containsKey("{field_name}") && '
                    f'$util.isNull($ctx.args.input.get("{field_name}"))'
                )
                text = print_template(a.iff(a.raw(condition), a.compound(expressions)))
            else:
                text = print_template(a.compound(expressions))
            self._prepend_request(resolver, text)
        if (
            field is not None
            and subscription_operation
            and config.should_have(subscription_operation)
            and config.get_name("level") == "on"
        ):
            target = resolver
            if subscription_operation == "onDelete":
                target = ctx.get_resource(R.delete(parent.name.value))
            self._ensure_operation_expression(target, mutation_type)

    def _ensure_operation_expression(self, resolver: Any, mutation_type: str | None) -> None:
        template = resolver["Properties"]["ResponseMappingTemplate"]
        if f'$ctx.result.put("operation", "{mutation_type}")' not in template:
            self._prepend_response(resolver, vtl.set_operation_expression(mutation_type))

    def _single_object_expression(
        self, rules: Sequence[Rule], object_path: str = "ctx.result"
    ) -> a.Expression | None:
        groups = checked_rule_groups(rules)
        if groups is None:
            return None
        static, dynamic, owners = groups
        modes = modes_to_check(owners, static, dynamic)
        expressions: list[a.Expression] = [vtl.return_if_empty(object_path)]
        expressions += self._wrap(
            modes,
            [
                checks.static_group_authorization(static),
                a.newline(),
                checks.dynamic_group_authorization_for_read(dynamic, object_path),
                a.newline(),
                checks.owner_authorization_for_read(owners, object_path),
                a.newline(),
                vtl.throw_if_unauthorized(),
            ],
        )
        return a.compound(expressions)

    def _list_expression(
        self, rules: Sequence[Rule], item_list: str = "ctx.result.items"
    ) -> a.Expression | None:
        groups = checked_rule_groups(rules)
        if groups is None:
            return None
        static, dynamic, owners = groups
        filter_items = a.iff(
            a.not_(a.ref(RC.IS_STATIC_GROUP_AUTHORIZED)),
            a.compound(
                [
                    a.set_(a.ref("items"), a.list_([])),
                    a.for_each(
                        a.ref("item"),
                        a.ref(item_list),
                        [
                            checks.dynamic_group_authorization_for_read(
                                dynamic,
                                "item",
                                RC.IS_LOCAL_DYNAMIC_GROUP_AUTHORIZED,
                                a.raw("false"),
                            ),
                            a.newline(),
                            checks.owner_authorization_for_read(
                                owners, "item", RC.IS_LOCAL_OWNER_AUTHORIZED, a.raw("false")
                            ),
                            a.newline(),
                            vtl.append_item_if_locally_authorized(),
                        ],
                    ),
                    a.set_(a.ref(item_list), a.ref("items")),
                ]
            ),
        )
        return a.compound(
            self._wrap(
                modes_to_check(owners, static, dynamic),
                [
                    checks.static_group_authorization(static),
                    a.newline(),
                    a.comment("[Start] If not static group authorized, filter items"),
                    filter_items,
                    a.comment("[End] If not static group authorized, filter items"),
                ],
            )
        )

    def _protect_get(
        self,
        ctx: TransformerContext,
        resource_id: str,
        rules: Sequence[Rule],
        parent: ast.ObjectTypeDefinitionNode | None,
        config: ModelConfiguration,
        update_schema: bool,
    ) -> None:
        resolver = ctx.get_resource(resource_id)
        if not rules or not resolver:
            return
        operation = None
        if config.should_have("get") and update_schema:
            operation = config.get_name("get")
            include_default = (
                self._type_has_rules_for(parent, "get")
                if parent is not None
                else self._should_add_default()
            )
            directives = self._directives(rules, include_default)
            if directives:
                self._add_directives_to_operation(
                    ctx, ctx.get_query_type_name(), operation, directives
                )
        if operation:
            self._add_field_references(ctx.get_query_type_name(), operation, rules)
        expression = self._single_object_expression(rules)
        if expression is not None:
            self._prepend_response(resolver, print_template(expression))

    def _protect_list(
        self,
        ctx: TransformerContext,
        resource_id: str,
        rules: Sequence[Rule],
        parent: ast.ObjectTypeDefinitionNode | None,
        config: ModelConfiguration,
        explicit_operation: str | None,
        update_schema: bool,
    ) -> None:
        resolver = ctx.get_resource(resource_id)
        if not rules or not resolver:
            return
        if config.should_have("list"):
            operation = explicit_operation or config.get_name("list")
            include_default = (
                self._type_has_rules_for(parent, "list")
                if parent is not None
                else self._should_add_default()
            )
            directives = self._directives(rules, include_default)
            if directives and update_schema:
                self._add_directives_to_operation(
                    ctx, ctx.get_query_type_name(), operation, directives
                )
            self._add_field_references(ctx.get_query_type_name(), operation, rules)
        expression = self._list_expression(rules)
        if expression is not None:
            self._prepend_response(resolver, print_template(expression))

    def _protect_connections(
        self,
        ctx: TransformerContext,
        definition: ast.ObjectTypeDefinitionNode,
        rules: Sequence[Rule],
        config: ModelConfiguration,
    ) -> None:
        for input_def, field in _connection_fields(ctx).get(definition.name.value, ()):
            resource_id = R.resolver(input_def.name.value, field.name.value)
            directives = self._directives(rules, False)
            if directives:
                self._add_directives_to_operation(
                    ctx, input_def.name.value, field.name.value, directives
                )
            if is_list_type(field.type):
                self._protect_list(ctx, resource_id, rules, None, config, None, False)
            else:
                self._protect_get(ctx, resource_id, rules, None, config, False)

    @staticmethod
    def _is_sync_enabled(ctx: TransformerContext, type_name: str) -> bool:
        config = ctx.resolver_config or {}
        return bool(config.get("project") or (config.get("models") or {}).get(type_name))

    def _protect_sync_query(
        self,
        ctx: TransformerContext,
        definition: ast.ObjectTypeDefinitionNode,
        resource_id: str,
        rules: Sequence[Rule],
    ) -> None:
        """The DataStore sync query filters items like list queries do."""
        resolver = ctx.get_resource(resource_id)
        if not rules or not resolver:
            return
        operation = resolver["Properties"]["FieldName"]
        directives = self._directives(rules, self._type_has_rules_for(definition, "list"))
        if directives:
            self._add_directives_to_operation(ctx, ctx.get_query_type_name(), operation, directives)
        self._add_field_references(ctx.get_query_type_name(), operation, rules)
        expression = self._list_expression(rules)
        if expression is not None:
            self._prepend_response(resolver, print_template(expression))

    def _protect_queries(
        self,
        ctx: TransformerContext,
        definition: ast.ObjectTypeDefinitionNode,
        rules: Sequence[Rule],
        config: ModelConfiguration,
    ) -> None:
        for directive in definition.directives or ():
            if directive.name.value != "key":
                continue
            args = directive_arguments(directive)
            if args.get("name") and args.get("queryField"):
                resource_id = R.resolver(ctx.get_query_type_name() or "Query", args["queryField"])
                self._protect_list(ctx, resource_id, rules, None, config, args["queryField"], True)

    # ---- subscriptions --------------------------------------------------------------------
    def _add_subscription_resolver(
        self,
        ctx: TransformerContext,
        rules: Sequence[Rule],
        parent: ast.ObjectTypeDefinitionNode,
        level: str,
        field_name: str,
    ) -> None:
        resource_id = R.resolver("Subscription", field_name)
        resolver = res.subscription_resolver(field_name)
        if not rules:
            return
        if level == "public":
            ctx.set_resource(resource_id, resolver)
        else:
            subscription_type = ctx.get_subscription_type_name()
            directives = self._directives(rules, self._type_has_rules_for(parent, "get"))
            if directives and subscription_type:
                self._add_directives_to_field(ctx, subscription_type, field_name, directives)
            self._add_field_references(subscription_type, field_name, rules)
            static, owners = static_group_rules(rules), owner_rules(rules)
            if (static or owners) and not has_provider_auth_rules(rules):
                expressions = self._wrap(
                    modes_to_check(owners, static),
                    [
                        checks.static_group_authorization(static),
                        a.newline(),
                        checks.owner_authorization_for_subscriptions(owners),
                        a.newline(),
                        vtl.throw_if_subscription_unauthorized(),
                    ],
                )
                self._prepend_response(resolver, print_template(a.compound(expressions)))
                ctx.set_resource(resource_id, resolver)
                if any(not r.get("ownerField") for r in owners):
                    self._add_owner(ctx, parent.name.value)
                self._add_subscription_owner_argument(
                    ctx, field_name, owners, not self._owner_argument_optional(rules)
                )
        _ensure_none_data_source(ctx)
        ctx.map_resource_to_stack(parent.name.value, resource_id)

    @staticmethod
    def _owner_argument_optional(rules: Sequence[Rule]) -> bool:
        if len(owner_rules(rules)) > 1:
            return True
        return any(
            (r.get("allow") == "groups" and not r.get("groupsField"))
            or r.get("allow") in ("private", "public")
            for r in rules
        )

    @staticmethod
    def _add_subscription_owner_argument(
        ctx: TransformerContext, field_name: str, owners: Sequence[Rule], non_null: bool
    ) -> None:
        subscription = ctx.get_subscription()
        if subscription is None:
            return
        arguments = tuple(
            make_input_value(
                r.get("ownerField") or "owner",
                make_non_null_type(make_named_type("String"))
                if non_null
                else make_named_type("String"),
            )
            for r in owners
        )
        ctx.put_type(
            dataclasses.replace(
                subscription,
                fields=tuple(
                    dataclasses.replace(f, arguments=arguments) if f.name.value == field_name else f
                    for f in subscription.fields or ()
                ),
            )
        )

    # ---- field-level rules ------------------------------------------------------------------
    def _ensure_resolver(
        self, ctx: TransformerContext, type_name: str, field_name: str, map_to_stack: bool
    ) -> tuple[str, Any]:
        resource_id = R.resolver(type_name, field_name)
        resolver = ctx.get_resource(resource_id)
        if not resolver:
            _ensure_none_data_source(ctx)
            if map_to_stack:
                ctx.map_resource_to_stack(type_name, resource_id)
            resolver = res.blank_resolver(type_name, field_name)
        return resource_id, resolver

    def _protect_field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        field: ast.FieldDefinitionNode,
        static_rules: Sequence[Rule],
    ) -> None:
        type_name, field_name = parent.name.value, field.name.value
        resource_id = R.resolver(type_name, field_name)
        resolver = ctx.get_resource(resource_id)
        parts: list[str] = []
        if static_rules:
            static = static_group_rules(static_rules)
            modes = modes_to_check(static)
            expressions = self._wrap(
                modes,
                [
                    checks.static_group_authorization(static, field),
                    a.newline(),
                    vtl.throw_if_static_group_unauthorized(field),
                ],
            )
            parts.append(print_template(a.compound(expressions)))
        if not resolver:
            resolver = res.blank_resolver(type_name, field_name)
            ctx.set_resource(resource_id, resolver)
            _ensure_none_data_source(ctx)
        parts.append(resolver["Properties"]["RequestMappingTemplate"])
        resolver["Properties"]["RequestMappingTemplate"] = "\n\n".join(parts)

    def _protect_read_for_field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        field: ast.FieldDefinitionNode,
        rules: Sequence[Rule],
        config: ModelConfiguration,
    ) -> None:
        if not rules:
            return
        query_type = ctx.get_query_type_name()
        directives = self._directives(rules, False)
        if directives:
            self._add_directives_to_field(ctx, parent.name.value, field.name.value, directives)
            for op in ("get", "list"):
                if config.should_have(op):
                    include_default = self._type_has_rules_for(parent, op)
                    self._add_directives_to_operation(
                        ctx,
                        query_type,
                        config.get_name(op),
                        self._directives(rules, include_default),
                    )
        for op in ("get", "list"):
            if config.should_have(op):
                self._add_field_references(query_type, config.get_name(op), rules)
        resource_id, resolver = self._ensure_resolver(
            ctx, parent.name.value, field.name.value, True
        )
        expression = self._single_object_expression(rules, "ctx.source")
        if config.get_name("level") == "on":
            if isinstance(field.type, ast.NonNullTypeNode):
                raise InvalidDirectiveError(
                    f"\nPer-field auth on the required field {field.name.value} is not supported "
                    "with subscriptions.\nEither make the field optional, set auth on the object "
                    "and not the field, or disable subscriptions for the object (setting level to "
                    "off or public)\n"
                )
            resolver["Properties"]["ResponseMappingTemplate"] = print_template(
                vtl.operation_check_expression(ctx.get_mutation_type_name(), field)
            )
        self._prepend_request(resolver, print_template(expression))
        ctx.set_resource(resource_id, resolver)

    def _protect_create_for_field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        field: ast.FieldDefinitionNode,
        rules: Sequence[Rule],
        config: ModelConfiguration,
    ) -> None:
        type_name = parent.name.value
        resolver = ctx.get_resource(R.create(type_name))
        mutation_type = ctx.get_mutation_type_name()
        if not rules or not resolver:
            return
        directives = self._directives(rules, False)
        operation = None
        if directives:
            self._add_directives_to_field(ctx, type_name, field.name.value, directives)
            if config.should_have("create"):
                include_default = self._type_has_rules_for(parent, "create")
                operation = config.get_name("create")
                self._add_directives_to_operation(
                    ctx, mutation_type, operation, self._directives(rules, include_default)
                )
        if operation:
            self._add_field_references(mutation_type, operation, rules)
        groups = checked_rule_groups(rules)
        if groups is not None:
            static, dynamic, owners = groups
            expressions = self._wrap(
                modes_to_check(owners, static, dynamic),
                [
                    checks.static_group_authorization(static, field),
                    a.newline(),
                    checks.dynamic_group_authorization_for_create_by_field(
                        dynamic, field.name.value
                    ),
                    a.newline(),
                    checks.owner_authorization_for_create_by_field(
                        owners, field.name.value, field_is_list(parent)
                    ),
                    a.newline(),
                    vtl.throw_if_unauthorized(field),
                ],
            )
            text = print_template(
                a.iff(
                    a.raw(f'$ctx.args.input.containsKey("{field.name.value}")'),
                    a.compound(expressions),
                )
            )
            self._prepend_request(resolver, text)
        if config.should_have("onCreate") and config.get_name("level") == "on":
            self._ensure_operation_expression(resolver, mutation_type)
