"""The @auth plugin: rules -> roles per model (access control matrices), the schema changes,
and the auth slots of every model operation, field, relation and subscription."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphql.language import ast

from transformer.definitions import (
    find_directive,
    get_base_type,
    is_list_type,
    make_field,
    make_named_type,
)
from transformer.naming import ResolverResourceIDs, to_upper
from transformer.v2.auth import iam, schema, vtl_field, vtl_mutation, vtl_query
from transformer.v2.auth.acm import AccessControlMatrix
from transformer.v2.auth.relations import auto_generated_fields, relational_primary_map
from transformer.v2.auth.rules import (
    DEFAULT_GROUP_CLAIM,
    DEFAULT_GROUPS_FIELD,
    DEFAULT_IDENTITY_CLAIM,
    DEFAULT_OWNER_FIELD,
    DEFAULT_UNIQUE_IDENTITY_CLAIM,
    IDENTITY_CLAIM_DELIMITER,
    MODEL_OPERATIONS,
    READ_MODEL_OPERATIONS,
    AuthProviders,
    AuthRule,
    RoleDefinition,
    configured_providers,
    is_provider_equal,
    read_rules,
    validate_field_rules,
    validate_rules,
)
from transformer.v2.auth.vtl_common import (
    generate_auth_request_expression,
    generate_field_resolver_for_owner,
)
from transformer.v2.context import TransformerContext
from transformer.v2.errors import InvalidDirectiveError
from transformer.v2.model.datastore import uses_datastore
from transformer.v2.plugin import TransformerPlugin
from transformer.v2.resolver import Template, TransformerResolver

__all__ = ["AuthPlugin"]

_NON_MODEL_OPERATIONS = ("list", "get", "search", "listen", "sync")
_ROOT_TYPES = ("Query", "Mutation", "Subscription")


class TransformerContractError(InvalidDirectiveError):
    """A schema the auth transformer cannot work with (graphql-transformer-core's class)."""

    oracle_name = "TransformerContractError"


class AuthPlugin(TransformerPlugin):
    directive = "auth"
    #: interface fields are walked too, to refuse @auth on them as the real transformer does
    walks_interface_fields = True

    def __init__(self) -> None:
        self.providers: AuthProviders | None = None
        self.role_map: dict[str, RoleDefinition] = {}
        self.models: dict[str, AccessControlMatrix] = {}
        self.non_model: dict[str, AccessControlMatrix] = {}
        self.seen_non_model: dict[str, set[str]] = {}
        self.policy = iam.PolicyResources()
        self._templates: dict[Any, str] = {}

    # ---- collecting rules -------------------------------------------------------------------
    def before(self, ctx: TransformerContext) -> None:
        self.providers = configured_providers(ctx.config)

    @property
    def configured(self) -> AuthProviders:
        assert self.providers is not None
        return self.providers

    def object(
        self, ctx: TransformerContext, definition: ast.ObjectTypeDefinitionNode, directive: Any
    ) -> None:
        if find_directive(definition, "model") is None:
            raise TransformerContractError(
                "Types annotated with @auth must also be annotated with @model."
            )
        name = definition.name.value
        rules = read_rules(directive, is_field=False)
        validate_rules(rules, self.configured, name)
        acm = AccessControlMatrix(
            name, MODEL_OPERATIONS, [f.name.value for f in definition.fields or ()]
        )
        self.policy.flag(rules)
        self.policy.add_type(name, rules)
        join_types = ctx.metadata.get("joinTypeList") or ()
        self._convert_rules(ctx, acm, rules, name in join_types, None, None)
        self.models[name] = acm

    def field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> None:
        type_name, field_name = parent.name.value, definition.name.value
        if isinstance(parent, ast.InterfaceTypeDefinitionNode):
            raise InvalidDirectiveError(
                "The @auth directive cannot be placed on an interface's field. See "
                f"{type_name}.{field_name}"
            )
        on_root = type_name in _ROOT_TYPES
        is_model = find_directive(parent, "model") is not None
        rules = read_rules(directive, is_field=True)
        validate_field_rules(directive, on_root, is_model, field_name)
        validate_rules(rules, self.configured, field_name)
        self.policy.flag(rules)
        self.policy.add_field(type_name, field_name, rules)
        if is_model:
            acm = self.models.get(type_name)
            if acm is None:
                acm = AccessControlMatrix(
                    type_name, MODEL_OPERATIONS, [f.name.value for f in parent.fields or ()]
                )
            else:
                acm.reset_access_for_resource(field_name)
            self._convert_rules(ctx, acm, rules, False, field_name, None)
            self.models[type_name] = acm
        else:
            key = f"{type_name}:{field_name}"
            acm = AccessControlMatrix(key, _NON_MODEL_OPERATIONS, [key])
            static = [r for r in rules if r.allow != "owner" and not r.groups_field]
            self._convert_rules(ctx, acm, static, False, key, _NON_MODEL_OPERATIONS)
            self.non_model[key] = acm

    def _convert_rules(
        self,
        ctx: TransformerContext,
        acm: AccessControlMatrix,
        rules: list[AuthRule],
        allow_overwrite: bool,
        field: str | None,
        override_operations: tuple[str, ...] | None,
    ) -> None:
        for rule in rules:
            # an empty `operations: []` grants nothing (it is not the default)
            operations: Sequence[str] = MODEL_OPERATIONS
            if override_operations:
                operations = override_operations
            elif rule.operations is not None:
                operations = rule.operations
            if rule.groups and not rule.groups_field:
                for group in rule.groups:
                    claim = rule.group_claim or DEFAULT_GROUP_CLAIM
                    role = f"{acm.name}:{rule.provider}:staticGroup:{group}:{claim}"
                    self.role_map[role] = RoleDefinition(
                        str(rule.provider), rule.allow, True, claim, group
                    )
                    acm.set_role(role, field, operations, allow_overwrite)
                continue
            role, definition = self._role(ctx, acm, rule)
            self.role_map.setdefault(role, definition)
            acm.set_role(role, field, operations, allow_overwrite)

    def _role(
        self, ctx: TransformerContext, acm: AccessControlMatrix, rule: AuthRule
    ) -> tuple[str, RoleDefinition]:
        provider = str(rule.provider)
        if provider == "apiKey":
            return f"{acm.name}:apiKey:public", RoleDefinition(provider, rule.allow, True)
        if provider == "function":
            return f"{acm.name}:function:custom", RoleDefinition(provider, rule.allow, True)
        if provider in ("iam", "identityPool"):
            claim = "authRole" if rule.allow == "private" else "unauthRole"
            return f"{acm.name}:iam:{rule.allow}", RoleDefinition(provider, rule.allow, True, claim)
        if provider in ("oidc", "userPools"):
            if rule.allow == "groups":
                claim = rule.group_claim or DEFAULT_GROUP_CLAIM
                entity = rule.groups_field or DEFAULT_GROUPS_FIELD
                return (
                    f"{acm.name}:{provider}:dynamicGroup:{entity}:{claim}",
                    RoleDefinition(
                        provider, rule.allow, False, claim, entity, self._is_list(ctx, acm, entity)
                    ),
                )
            if rule.allow == "owner":
                entity = rule.owner_field or DEFAULT_OWNER_FIELD
                default_claim = (
                    DEFAULT_UNIQUE_IDENTITY_CLAIM
                    if ctx.parameters.useSubUsernameForDefaultIdentityClaim
                    else DEFAULT_IDENTITY_CLAIM
                )
                claim = rule.identity_claim or default_claim
                return (
                    f"{acm.name}:{provider}:owner:{entity}:{claim}",
                    RoleDefinition(
                        provider, rule.allow, False, claim, entity, self._is_list(ctx, acm, entity)
                    ),
                )
            if rule.allow == "private":
                return f"{acm.name}:{provider}:private", RoleDefinition(provider, rule.allow, True)
        raise TransformerContractError(f"Could not create a role from {rule}")

    @staticmethod
    def _is_list(ctx: TransformerContext, acm: AccessControlMatrix, name: str) -> bool:
        node = ctx.output.get(acm.name)
        found = next((f for f in node.fields or () if f.name.value == name), None)
        return found is not None and is_list_type(found.type)

    # ---- schema -------------------------------------------------------------------------------
    def _providers_of(self, roles: list[str]) -> list[str]:
        providers: list[str] = []
        for role in roles:
            if self.role_map[role].provider not in providers:
                providers.append(self.role_map[role].provider)
        iam_callers = self.configured.has_admin_roles or self.configured.generic_iam_access
        if iam_callers and "identityPool" not in providers:
            providers.append("identityPool")
        return providers

    def transform_schema(self, ctx: TransformerContext) -> None:
        if ctx.config.line == "gen2" and (
            ctx.parameters.sandboxModeEnabled or ctx.synth.enableIamAccess
        ):
            schema.add_iam_everywhere(ctx)
        for model, acm in self.models.items():
            for role in acm.roles:
                definition = self.role_map[role]
                if not definition.static and any(
                    is_provider_equal(definition.provider, p) for p in ("userPools", "oidc")
                ):
                    schema.remove_input_field(
                        ctx, f"ModelSubscription{model}FilterInput", str(definition.entity)
                    )
        for model, acm in self.models.items():
            definition = ctx.output.get(model)
            owner_fields = [
                str(self.role_map[r].entity)
                for r in acm.roles
                if self.role_map[r].strategy == "owner"
            ]
            for input_name in (
                f"Model{model}FilterInput",
                f"Model{model}ConditionInput",
                f"ModelSubscription{model}FilterInput",
            ):
                schema.add_input_fields(ctx, input_name, owner_fields)
            self._add_owner_fields(ctx, model, owner_fields)
            providers = self._providers_of(acm.roles)
            add_default = (
                self.configured.should_add_default_service_directive if not providers else False
            )
            directives = schema.service_directives(providers, self.configured, add_default)
            schema.extend_type(ctx, model, directives)
            self._protect_operations(ctx, definition, acm)
            self._propagate(ctx, ctx.output.get(model), providers)
        for key, acm in self.non_model.items():
            type_name, field_name = key.split(":")
            directives = schema.service_directives(
                self._providers_of(acm.roles), self.configured, False
            )
            if directives:
                schema.add_directives_to_field(ctx, type_name, field_name, directives)

    def _add_owner_fields(
        self, ctx: TransformerContext, model: str, owner_fields: list[str]
    ) -> None:
        node = ctx.output.get(model)
        existing = [f.name.value for f in node.fields or ()]
        added = [
            make_field(name, [], make_named_type("String"))
            for name in owner_fields
            if name not in existing
        ]
        if added:
            ctx.output.put(_replace(node, fields=(*(node.fields or ()), *added)))

    def _has_rules_for(self, acm: AccessControlMatrix, operation: str) -> bool:
        roles = acm.roles_per_operation(operation, operation == "delete")
        return any(
            is_provider_equal(self.role_map[r].provider, self.configured.default) for r in roles
        ) or (not roles and self.configured.should_add_default_service_directive)

    def _protect_operations(
        self, ctx: TransformerContext, definition: Any, acm: AccessControlMatrix
    ) -> None:
        name = definition.name.value
        config = ctx.metadata["models"][name]

        def add(type_name: str, operation: str, field_name: Any) -> None:
            if not field_name:
                return
            include_default = self._has_rules_for(acm, operation)
            providers = self._providers_of(
                acm.roles_per_operation(operation, operation == "delete")
            )
            directives = schema.service_directives(providers, self.configured, include_default)
            if directives:
                schema.add_directives_to_operation(ctx, type_name, str(field_name), directives)
            self.policy.add_operation(
                type_name, str(field_name), [self.role_map[r] for r in acm.roles]
            )

        queries = config.queries or {}
        mutations = config.mutations or {}
        add("Query", "get", queries.get("get"))
        add("Query", "list", queries.get("list"))
        add("Query", "sync", queries.get("sync"))
        add("Mutation", "create", mutations.get("create"))
        add("Mutation", "update", mutations.get("update"))
        add("Mutation", "delete", mutations.get("delete"))
        for _index, query in _indices(ctx, name):
            add("Query", "list", query)
            add("Query", "get", query)
        subscriptions = config.subscriptions
        level = (subscriptions or {}).get("level") or "on"
        if level != "on" or not subscriptions:
            return
        arguments = [
            str(self.role_map[r].entity)
            for r in acm.roles_per_operation("listen")
            if self.role_map[r].strategy == "owner"
            and not vtl_query.field_is_list(definition.fields or (), self.role_map[r].entity)
        ]
        for kind, mutation in (
            ("onCreate", "create"),
            ("onUpdate", "update"),
            ("onDelete", "delete"),
        ):
            if subscriptions.get(kind) and mutations.get(mutation):
                for subscription in subscriptions[kind]:
                    add("Subscription", "listen", subscription)
                    schema.add_subscription_arguments(ctx, subscription, arguments)

    def _propagate(self, ctx: TransformerContext, definition: Any, providers: list[str]) -> None:
        nested = []
        for f in definition.fields or ():
            found = ctx.output.get(get_base_type(f.type))
            if (
                isinstance(found, ast.ObjectTypeDefinitionNode)
                and find_directive(found, "model") is None
            ):
                nested.append(found)
        for node in nested:
            name = node.name.value
            seen = name in self.seen_non_model
            directives = schema.service_directives(providers, self.configured, seen)
            if not seen:
                self.seen_non_model[name] = {d.name.value for d in directives}
                if any(d.name.value == "aws_iam" for d in directives) or is_provider_equal(
                    self.configured.default, "identityPool"
                ):
                    self.policy.add_resource(name, None, public=True)
            else:
                current = self.seen_non_model[name]
                directives = [d for d in directives if d.name.value not in current]
                current.update(d.name.value for d in directives)
            if directives or not seen:
                schema.extend_type(ctx, name, directives)
                self._propagate(ctx, ctx.output.get(name), providers)

    # ---- resolvers ----------------------------------------------------------------------------
    def _template(self, generate: Any, *args: Any) -> str:
        """Models with the same rules get the same template text: print it once."""
        key = (generate, *(_freeze(a) for a in args))
        text = self._templates.get(key)
        if text is None:
            text = self._templates[key] = generate(*args)
        return text

    def generate_resolvers(self, ctx: TransformerContext) -> None:
        iam.generate_policies(ctx, self.policy, self.configured)
        for model, acm in self.models.items():
            self._protect_model(ctx, model, acm)
        for key, acm in self.non_model.items():
            type_name, field_name = key.split(":")
            self._protect_field(ctx, ctx.output.get(type_name), type_name, field_name, acm.roles)

    def _roles(
        self, acm: AccessControlMatrix, operation: str, full: bool = False
    ) -> list[RoleDefinition]:
        return [self.role_map[r] for r in acm.roles_per_operation(operation, full)]

    def _protect_model(self, ctx: TransformerContext, model: str, acm: AccessControlMatrix) -> None:
        definition = ctx.output.get(model)
        fields = list(definition.fields or ())
        config = ctx.metadata["models"][model]
        queries = config.queries or {}
        for kind in ("get", "list", "sync"):
            name = queries.get(kind)
            if not name:
                continue
            if kind == "sync" and not uses_datastore(ctx):
                continue
            text = self._template(
                vtl_query.auth_expression_for_queries,
                self.configured,
                self._roles(acm, kind),
                fields,
                _key_schema(ctx, model, None),
                _key_schema(ctx, model, None)[0][0],
                False,
            )
            self._add_auth(ctx, "Query", str(name), text)
        for index, query in _indices(ctx, model):
            text = self._template(
                vtl_query.auth_expression_for_queries,
                self.configured,
                self._roles(acm, "list"),
                fields,
                _key_schema(ctx, model, index),
                None,
                True,
            )
            self._add_auth(ctx, "Query", query, text)
        read_roles = list(dict.fromkeys(acm.roles_per_operation("get")))
        error_fields: list[str] = []
        for f in fields:
            if not acm.has_resource(f.name.value):
                continue
            field_read_roles = _read_roles_for_field(acm, read_roles, f.name.value)
            allowed = [
                r
                for r in field_read_roles
                if any(acm.is_allowed(r, f.name.value, op) for op in READ_MODEL_OPERATIONS)
            ]
            needs_resolver = len(allowed) < len(field_read_roles)
            if needs_resolver and isinstance(f.type, ast.NonNullTypeNode):
                error_fields.append(f.name.value)
            if _is_relational(f):
                self._protect_relational(ctx, definition, model, f, allowed, needs_resolver)
            elif needs_resolver:
                self._protect_field(ctx, definition, model, f.name.value, allowed)
        level = (config.subscriptions or {}).get("level") or "on"
        if error_fields and level == "on":
            listed = "[" + ",".join(f'"{n}"' for n in error_fields) + "]"
            raise InvalidDirectiveError(
                "When using field-level authorization rules you need to add rules to all of the "
                "model's required fields with at least read permissions. "
                f'Found model "{model}" with required fields {listed} missing field-level '
                "authorization rules.\n\nFor more information visit "
                "https://docs.amplify.aws/cli/graphql/authorization-rules/#field-level-authorization-rules"
            )
        for kind, name in (config.mutations or {}).items():
            if not name:
                continue
            if kind == "create":
                self._protect_create(ctx, definition, str(name), acm)
            elif kind == "update":
                self._protect_update(ctx, definition, str(name), acm)
            elif kind == "delete":
                self._protect_delete(ctx, definition, str(name), acm)
        subscriptions = config.subscriptions or {}
        if subscriptions and (subscriptions.get("level") or "on") == "on":
            text = self._template(
                vtl_field.auth_expression_for_subscriptions,
                self.configured,
                self._roles(acm, "listen"),
            )
            mutations = config.mutations or {}
            for kind, mutation in (
                ("onCreate", "create"),
                ("onUpdate", "update"),
                ("onDelete", "delete"),
            ):
                if subscriptions.get(kind) and mutations.get(mutation):
                    for name in subscriptions[kind]:
                        self._add_auth(ctx, "Subscription", str(name), text)
        if ctx.parameters.useSubUsernameForDefaultIdentityClaim:
            for role in acm.roles:
                definition_ = self.role_map[role]
                multi = len((definition_.claim or "").split(IDENTITY_CLAIM_DELIMITER)) > 1
                if definition_.strategy == "owner" and multi:
                    self._owner_field_resolver(ctx, definition, model, str(definition_.entity))

    def _add_auth(
        self,
        ctx: TransformerContext,
        type_name: str,
        field_name: str,
        request: str,
        response: str | None = None,
        data_source: Any = None,
    ) -> None:
        resolver = ctx.get_resolver(type_name, field_name)
        if resolver is None:
            return
        base = f"{type_name}.{field_name}.{{slotName}}.{{slotIndex}}"
        resolver.add_to_slot(
            "auth",
            Template.s3(request, f"{base}.req.vtl"),
            Template.s3(response, f"{base}.res.vtl") if response is not None else None,
            data_source,
        )

    def _protect_create(
        self, ctx: TransformerContext, definition: Any, field_name: str, acm: AccessControlMatrix
    ) -> None:
        resources = acm.resources
        roles = []
        for role in acm.roles_per_operation("create"):
            found = self.role_map[role]
            allowed = [r for r in resources if acm.is_allowed(role, r, "create")]
            found.are_all_fields_allowed = len(allowed) == len(resources)
            found.allowed_fields = auto_generated_fields(ctx, definition, allowed, resources)
            roles.append(found)
        text = self._template(
            vtl_mutation.auth_expression_for_create,
            self.configured,
            roles,
            list(definition.fields or ()),
            ctx.parameters.populateOwnerFieldForStaticGroupAuth,
        )
        self._add_auth(ctx, "Mutation", field_name, text)

    def _protect_update(
        self, ctx: TransformerContext, definition: Any, field_name: str, acm: AccessControlMatrix
    ) -> None:
        resources = acm.resources
        names = list(
            dict.fromkeys([*acm.roles_per_operation("update"), *acm.roles_per_operation("delete")])
        )
        primary = _primary_key_name(definition)
        roles = []
        for role in names:
            allowed = [r for r in resources if acm.is_allowed(role, r, "update")]
            null_allowed = [r for r in resources if acm.is_allowed(role, r, "delete")]
            found = self.role_map[role]
            found.are_all_fields_allowed = len(allowed) == len(resources)
            found.are_all_fields_null_allowed = len(null_allowed) == len(resources)
            found.allowed_fields = auto_generated_fields(
                ctx, definition, list(dict.fromkeys([*allowed, primary])), resources
            )
            found.null_allowed_fields = null_allowed
            roles.append(found)
        model = definition.name.value
        text = self._template(
            vtl_mutation.auth_expression_for_update,
            self.configured,
            roles,
            list(definition.fields or ()),
        )
        self._add_auth(
            ctx,
            "Mutation",
            field_name,
            self._template(generate_auth_request_expression),
            text,
            ctx.data_sources.get(model),
        )

    def _protect_delete(
        self, ctx: TransformerContext, definition: Any, field_name: str, acm: AccessControlMatrix
    ) -> None:
        resources = acm.resources
        roles = []
        for role in acm.roles_per_operation("delete", True):
            found = self.role_map[role]
            found.allowed_fields = [r for r in resources if acm.is_allowed(role, r, "delete")]
            roles.append(found)
        model = definition.name.value
        text = self._template(
            vtl_mutation.auth_expression_for_delete,
            self.configured,
            roles,
            list(definition.fields or ()),
        )
        self._add_auth(
            ctx,
            "Mutation",
            field_name,
            self._template(generate_auth_request_expression),
            text,
            ctx.data_sources.get(model),
        )

    def _protect_relational(
        self,
        ctx: TransformerContext,
        definition: Any,
        model: str,
        field: ast.FieldDefinitionNode,
        field_roles: list[str],
        needs_resolver: bool,
    ) -> None:
        redact = needs_resolver
        required = isinstance(field.type, ast.NonNullTypeNode)
        if required:
            redact = False
        related_name = get_base_type(field.type)
        if related_name.startswith("Model") and related_name.endswith("Connection"):
            related_name = related_name[len("Model") : -len("Connection")]
        related = ctx.output.get(related_name)
        if related is None:
            raise TransformerContractError(f"Could not find type: {related_name}")
        field_auth: str | None = None
        related_acm = self.models.get(related_name)
        if related_acm is not None:
            names = list(
                dict.fromkeys(
                    [
                        *related_acm.roles_per_operation("get"),
                        *related_acm.roles_per_operation("list"),
                        *related_acm.roles_per_operation("sync"),
                        *related_acm.roles_per_operation("search"),
                        *related_acm.roles_per_operation("listen"),
                    ]
                )
            )
            roles = [self.role_map[r] for r in names]
            related_auth = self._template(
                vtl_query.auth_expression_for_relation_query,
                self.configured,
                roles,
                list(related.fields or ()),
                relational_primary_map(ctx, definition, field, related),
            )
            if not required and not redact:
                filtered = roles
                if any(r.provider == "userPools" and r.strategy == "private" for r in filtered):
                    filtered = [
                        r
                        for r in filtered
                        if not (r.provider == "userPools" and r.strategy != "private")
                    ]
                if any(r.provider == "oidc" and r.strategy == "private" for r in filtered):
                    filtered = [
                        r
                        for r in filtered
                        if not (r.provider == "oidc" and r.strategy != "private")
                    ]
                field_definitions = [self.role_map[r] for r in field_roles]
                for field_role in field_definitions:
                    if _has_access_to_both_sides(field_role, filtered):
                        identical = len(field_definitions) == len(filtered) and all(
                            any(
                                _identical(fr, related_role) and not _dynamic_or_custom(fr)
                                for fr in field_definitions
                            )
                            for related_role in filtered
                        )
                        redact = not identical
                        break
        else:
            related_auth = vtl_field.post_auth_expression_for_field(
                ctx.parameters.sandboxModeEnabled, ctx.synth.enableIamAccess
            )
        if needs_resolver:
            field_auth = self._template(
                vtl_field.auth_expression_for_field,
                self.configured,
                [self.role_map[r] for r in field_roles],
                list(definition.fields or ()),
                None,
            )
        model_config = ctx.metadata["models"].get(model)
        subs_enabled = bool(
            model_config is not None
            and model_config.subscriptions
            and model_config.subscriptions.get("level") == "on"
        )
        if subs_enabled and redact and not ctx.parameters.subscriptionsInheritPrimaryAuth:
            related_auth = f"{vtl_field.set_denied_field_flag('Mutation', True)}\n{related_auth}"
        elif needs_resolver:
            related_auth = (
                f"{vtl_field.set_denied_field_flag('Mutation', subs_enabled)}\n{related_auth}"
            )
        resolver = ctx.get_resolver(model, field.name.value)
        if resolver is None:
            return
        base = f"{model}.{field.name.value}.{{slotName}}.{{slotIndex}}"
        if field_auth is not None:
            resolver.add_to_slot(
                "auth",
                Template.s3(field_auth, f"{base}.req.vtl"),
                Template.s3(related_auth, f"{base}.res.vtl"),
            )
        else:
            resolver.add_to_slot("auth", Template.s3(related_auth, f"{base}.req.vtl"))

    def _protect_field(
        self,
        ctx: TransformerContext,
        definition: Any,
        type_name: str,
        field_name: str,
        role_names: list[str],
    ) -> None:
        roles = [self.role_map[r] for r in role_names]
        is_model = find_directive(definition, "model") is not None
        stack = _scope_for_field(ctx, definition, field_name, is_model)
        host_resolver = ctx.metadata.get("hostResolvers", {}).get(f"{type_name}.{field_name}")
        if host_resolver is not None:
            self._protect_host_resolver(ctx, host_resolver, stack, type_name, field_name, roles)
            return
        text = self._template(
            vtl_field.auth_expression_for_field,
            self.configured,
            roles,
            list(definition.fields or ()),
            field_name,
        )
        subs_enabled = False
        if is_model:
            config = ctx.metadata["models"][type_name]
            subs_enabled = bool(config.subscriptions and config.subscriptions.get("level") == "on")
        response = vtl_field.field_auth_response("Mutation", field_name, subs_enabled)
        existing = ctx.get_resolver(type_name, field_name)
        if existing is not None:
            base = f"{type_name}.{field_name}.{{slotName}}.{{slotIndex}}"
            existing.add_to_slot(
                "auth",
                Template.s3(text, f"{base}.req.vtl"),
                Template.s3(response, f"{base}.res.vtl"),
            )
            existing.stack = stack
            return
        ctx.add_resolver(
            TransformerResolver(
                type_name,
                field_name,
                ResolverResourceIDs.resolver(type_name, field_name),
                Template.s3(text, f"{type_name}.{field_name}.req.vtl"),
                Template.s3(response, f"{type_name}.{field_name}.res.vtl"),
                (("init",), ("finish",)),
                None,
                stack,
            )
        )

    def _protect_host_resolver(
        self,
        ctx: TransformerContext,
        resolver: Any,
        stack: Any,
        type_name: str,
        field_name: str,
        roles: list[RoleDefinition],
    ) -> None:
        """A resolver another directive wrote itself (@function): the check becomes the
        first function of its pipeline."""
        assert ctx.host is not None
        text = self._template(
            vtl_field.auth_expression_for_field, self.configured, roles, [], field_name
        )
        none = ctx.ensure_none_data_source()
        # the real transformer creates the NONE data source here, without a description
        none.resource.body["Properties"].pop("Description", None)
        name = f"{to_upper(type_name)}{to_upper(field_name)}AuthFN"
        request_name = f"{type_name}.{field_name}.auth.req.vtl"
        function = ctx.host.add_function(
            stack or ctx.stacks.root,
            name,
            (Template.s3(text, request_name), request_name),
            (Template.inline("$util.toJson({})"), None),
            none,
        )
        functions = resolver.body["Properties"]["PipelineConfig"]["Functions"]
        functions.insert(0, function.get_att("FunctionId"))

    def _owner_field_resolver(
        self, ctx: TransformerContext, definition: Any, type_name: str, field_name: str
    ) -> None:
        text = generate_field_resolver_for_owner(field_name)
        resolver = ctx.get_resolver(type_name, field_name)
        if resolver is not None:
            resolver.add_to_slot(
                "finish",
                None,
                Template.s3(text, f"{type_name}.{field_name}.{{slotName}}.{{slotIndex}}.res.vtl"),
            )
            return
        is_model = find_directive(definition, "model") is not None
        ctx.add_resolver(
            TransformerResolver(
                type_name,
                field_name,
                ResolverResourceIDs.resolver(type_name, field_name),
                Template.s3(
                    '$util.toJson({"version":"2018-05-29","payload":{}})',
                    f"{type_name}.{field_name}.req.vtl",
                ),
                Template.s3(text, f"{type_name}.{field_name}.res.vtl"),
                (("init",), ("finish",)),
                None,
                _scope_for_field(ctx, definition, field_name, is_model),
            )
        )


def _freeze(value: Any) -> Any:
    """A hashable stand-in for a template generator argument (roles by value, fields by name
    and list-ness, the only things the templates read from them)."""
    if isinstance(value, RoleDefinition):
        return (
            value.provider,
            value.strategy,
            value.static,
            value.claim,
            value.entity,
            value.is_entity_list,
            _freeze(value.allowed_fields),
            _freeze(value.null_allowed_fields),
            value.are_all_fields_allowed,
            value.are_all_fields_null_allowed,
        )
    if isinstance(value, ast.FieldDefinitionNode):
        return (value.name.value, is_list_type(value.type))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    return value


def _replace(node: Any, **changes: Any) -> Any:
    values = {key: getattr(node, key, None) for key in node.keys}
    values.update(changes)
    return type(node)(**values)


def _indices(ctx: TransformerContext, model: str) -> list[tuple[str, str]]:
    """(index name, query field) of the model's @index queries, in declaration order."""
    return list(ctx.metadata.get("indexQueries", {}).get(model, []))


def _key_schema(ctx: TransformerContext, model: str, index: str | None) -> list[tuple[str, str]]:
    properties = ctx.tables[model].body["Properties"]
    schema = properties["KeySchema"]
    if index is not None:
        for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            for found in properties.get(kind) or ():
                if found["IndexName"] == index:
                    schema = found["KeySchema"]
                    return [(k["AttributeName"], k["KeyType"]) for k in schema]
    return [(k["AttributeName"], k["KeyType"]) for k in schema]


def _primary_key_name(definition: Any) -> str:
    for f in definition.fields or ():
        if find_directive(f, "primaryKey") is not None:
            name: str = f.name.value
            return name
    return "id"


def _is_relational(field: ast.FieldDefinitionNode) -> bool:
    return any(
        d.name.value in ("hasOne", "belongsTo", "hasMany", "manyToMany")
        for d in field.directives or ()
    )


def _scope_for_field(
    ctx: TransformerContext, definition: Any, field_name: str, is_model: bool
) -> Any:
    node = next(f for f in definition.fields or () if f.name.value == field_name)
    names = [d.name.value for d in node.directives or ()]
    if "function" in names:
        return ctx.stack_for("FunctionDirectiveStack")
    if "predictions" in names:
        return ctx.stack_for("PredictionsDirectiveStack")
    if "sql" in names:
        return ctx.stack_for("CustomSQLStack")
    if is_model:
        return ctx.stack_for(definition.name.value)
    return None


def _read_roles_for_field(acm: AccessControlMatrix, read_roles: list[str], field: str) -> list[str]:
    """A private role that reads every operation stands for every role of its provider."""
    allowed = list(read_roles)
    for provider in ("userPools", "oidc"):
        private = f"{acm.name}:{provider}:private"
        if private in read_roles and all(
            acm.is_allowed(private, field, op) for op in ("get", "list", "sync", "search", "listen")
        ):
            allowed = [
                r for r in allowed if not (r.startswith(f"{acm.name}:{provider}:") and r != private)
            ]
    return allowed


def _identical(one: RoleDefinition, other: RoleDefinition) -> bool:
    return (
        one.provider == other.provider
        and one.strategy == other.strategy
        and one.static == other.static
        and one.claim == other.claim
        and one.entity == other.entity
    )


def _has_access_to_both_sides(field_role: RoleDefinition, related: list[RoleDefinition]) -> bool:
    return any(
        _identical(r, field_role)
        or (
            r.provider == field_role.provider
            and r.provider in ("userPools", "oidc", "identityPool")
            and (field_role.strategy == "private" or r.strategy == "private")
        )
        for r in related
    )


def _dynamic_or_custom(role: RoleDefinition) -> bool:
    return (not role.static and role.strategy in ("owner", "groups")) or role.strategy == "custom"
