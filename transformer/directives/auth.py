"""@auth: owner, group, public and private rules on @model types and fields, multi-auth.

Adds `@aws_*` directives for non-default providers, authorization snippets to the @model
resolvers, subscription resolvers with owner arguments, IAM policies for iam rules.

Not emulated: the Admin UI iam extension when `add_aws_iam_auth_in_output_schema` is on is
implemented, @searchable and DataStore sync query protection are not.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from typing import Any

from graphql.language import ast

from transformer.cloudformation.resources import string_parameter
from transformer.config import TransformConfig
from transformer.context import TransformerContext
from transformer.definitions import (
    directive_arguments,
    get_base_type,
    is_list_type,
    make_field,
    make_input_value,
    make_named_type,
    make_non_null_type,
    name_node,
)
from transformer.directives import auth_resources as res
from transformer.directives.auth_rules import (
    ConfiguredProviders,
    ModelConfiguration,
    Rule,
    common_rule_validation,
    directives_for_rules,
    ensure_default_providers,
    rules_from_directive,
    split_rules,
    validate_strategy,
)
from transformer.errors import InvalidDirectiveError, TransformerError
from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_template
from transformer.naming import ModelResourceIDs as M
from transformer.naming import ResolverResourceIDs as R
from transformer.naming import ResourceConstants as RC
from transformer.plugin import Transformer

__all__ = ["AuthTransformer"]

LOG = logging.getLogger(__name__)
AUTH_NON_MODEL_TYPES = "authNonModelTypes"

AUTH_DIRECTIVE_SDL = """
directive @auth(rules: [AuthRule!]!) on OBJECT | FIELD_DEFINITION
input AuthRule {
  allow: AuthStrategy!
  identityField: String @deprecated(reason: "The 'identityField' argument is replaced by the 'identityClaim'.")
  provider: AuthProvider
  identityClaim: String
  groupClaim: String
  ownerField: String
  groupsField: String
  groups: [String]
  operations: [ModelOperation]
  queries: [ModelQuery] @deprecated(reason: "The 'queries' argument will be replaced by the 'operations' argument in a future release.")
  mutations: [ModelMutation] @deprecated(reason: "The 'mutations' argument will be replaced by the 'operations' argument in a future release.")
}
enum AuthStrategy {
  owner
  groups
  private
  public
}
enum AuthProvider {
  apiKey
  iam
  oidc
  userPools
}
enum ModelOperation {
  create
  update
  delete
  read
}
enum ModelQuery @deprecated(reason: "ModelQuery will be replaced by the 'ModelOperation' in a future release.") {
  get
  list
}
enum ModelMutation @deprecated(reason: "ModelMutation will be replaced by the 'ModelOperation' in a future release.") {
  create
  update
  delete
}
"""  # noqa: E501

_VALID_MODES = ("API_KEY", "AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "OPENID_CONNECT", "AWS_LAMBDA")


def _owner_rules(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.get("allow") == "owner"]


def _static_group_rules(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.get("allow") == "groups" and r.get("groups")]


def _dynamic_group_rules(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.get("allow") == "groups" and not r.get("groups")]


def _has_provider_auth_rules(rules: Sequence[Rule]) -> bool:
    return any(
        r.get("provider") == "userPools" and r.get("allow") in ("public", "private") for r in rules
    )


def _modes_to_check(*rule_lists: Sequence[Rule]) -> list[str]:
    modes = []
    for provider in ("userPools", "oidc"):
        if any(r.get("provider") == provider for rules in rule_lists for r in rules):
            modes.append(provider)
    return modes


def _field_is_list(parent: ast.ObjectTypeDefinitionNode) -> Callable[[str], bool]:
    def check(name: str) -> bool:
        field = next((f for f in parent.fields or () if f.name.value == name), None)
        return is_list_type(field.type) if field is not None else False

    return check


class AuthTransformer(Transformer):
    """The v1 ModelAuthTransformer."""

    name = "ModelAuthTransformer"
    directive_sdl = AUTH_DIRECTIVE_SDL

    def __init__(self, config: TransformConfig | None = None) -> None:
        self.config = config or TransformConfig()
        self.auth_config = self.config.auth_config
        for mode in self.auth_config.modes():
            if mode not in _VALID_MODES:
                raise TransformerError(f"Invalid auth mode {mode}")
        self.providers = ConfiguredProviders.from_auth_config(self.auth_config)
        self.generate_auth_role_policy = False
        self.generate_unauth_role_policy = False
        self.auth_policy_resources: dict[str, None] = {}
        self.unauth_policy_resources: dict[str, None] = {}

    # ---- lifecycle ----------------------------------------------------------------------
    def before(self, ctx: TransformerContext) -> None:
        api_key = next(
            (
                p
                for p in (
                    *self.auth_config.additional_authentication_providers,
                    self.auth_config.default_authentication,
                )
                if p.authentication_type == "API_KEY"
            ),
            None,
        )
        template = res.init_template(
            api_key.api_key_expiration_days if api_key else 7,
            api_key.api_key_description if api_key else None,
            self.config.now,
        )
        ctx.merge_resources(template["Resources"])
        ctx.merge_parameters(template["Parameters"])
        ctx.merge_outputs(template["Outputs"])
        ctx.merge_conditions(template["Conditions"])
        api = ctx.get_resource(RC.GRAPHQL_API)
        ctx.set_resource(RC.GRAPHQL_API, res.update_graphql_api_with_auth(api, self.auth_config))
        ctx.metadata.setdefault(AUTH_NON_MODEL_TYPES, {})

    def after(self, ctx: TransformerContext) -> None:
        if self.generate_auth_role_policy:
            if not self.auth_policy_resources:
                if not self._admin_ui_enabled():
                    raise TransformerError(
                        "AuthRole policies should be generated, but no resources were added"
                    )
            else:
                ctx.merge_parameters(
                    {
                        RC.AUTH_ROLE_NAME: string_parameter(
                            "Reference to the name of the Auth Role created for the project."
                        )
                    }
                )
                for i, policy in enumerate(
                    res.iam_policies_for_role(True, self.auth_policy_resources)
                ):
                    ctx.merge_resources({f"{RC.AUTH_ROLE_POLICY}{i + 1:02d}": policy})
        if self.generate_unauth_role_policy:
            if not self.unauth_policy_resources:
                raise TransformerError(
                    "UnauthRole policies should be generated, but no resources were added"
                )
            ctx.merge_parameters(
                {
                    RC.UNAUTH_ROLE_NAME: string_parameter(
                        "Reference to the name of the Unauth Role created for the project."
                    )
                }
            )
            for i, policy in enumerate(
                res.iam_policies_for_role(False, self.unauth_policy_resources)
            ):
                ctx.merge_resources({f"{RC.UNAUTH_ROLE_POLICY}{i + 1:02d}": policy})

    # ---- @auth on a type -----------------------------------------------------------------
    def object(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        model = next((d for d in definition.directives or () if d.name.value == "model"), None)
        if model is None:
            raise InvalidDirectiveError(
                "Types annotated with @auth must also be annotated with @model."
            )
        type_name = definition.name.value
        rules = rules_from_directive(directive)
        if self._admin_ui_enabled():
            rules.append({"allow": "private", "provider": "iam", "generateIAMPolicy": False})
        ensure_default_providers(rules)
        for rule in rules:
            validate_strategy(rule, self.providers)
            if rule.get("mutations") and rule.get("operations"):
                LOG.warning(
                    "It is not recommended to use 'mutations' and 'operations'. The 'operations' "
                    "argument will be used."
                )
            if rule.get("queries") and rule.get("operations"):
                LOG.warning(
                    "It is not recommended to use 'queries' and 'operations'. The 'operations' "
                    "argument will be used."
                )
            common_rule_validation(rule)
        self._add_owner_fields(ctx, type_name, rules)
        self._set_policy_flags(rules)
        self._propagate_to_nested_types(definition, rules, ctx)
        config = ModelConfiguration(
            model, definition, ctx.feature_flags.get_boolean("improvePluralization")
        )
        directives = self._directives(rules, self._should_add_default() if not rules else False)
        if directives:
            self._extend_type(ctx, type_name, directives)
        self._add_type_references(type_name, rules)
        split = split_rules(rules)
        self._protect_create(ctx, R.create(type_name), split.create, definition, config)
        self._protect_update_or_delete(
            ctx, R.update(type_name), split.update, definition, config, True
        )
        self._protect_update_or_delete(
            ctx, R.delete(type_name), split.delete, definition, config, False
        )
        self._protect_get(ctx, R.get(type_name), split.get, definition, config, True)
        self._protect_list(ctx, R.list(type_name), split.list, definition, config, None, True)
        self._protect_connections(ctx, definition, split.read, config)
        self._protect_queries(ctx, definition, split.read, config)
        if config.get_name("level") != "off":
            for op in ("onCreate", "onUpdate", "onDelete"):
                for name in config.get_name(op) or []:
                    self._add_subscription_resolver(
                        ctx, split.read, definition, config.get_name("level"), name
                    )
        self._update_mutation_condition_input(ctx, definition, rules)

    # ---- @auth on a field ----------------------------------------------------------------
    def field(
        self,
        parent: ast.ObjectTypeDefinitionNode | ast.InterfaceTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        if isinstance(parent, ast.InterfaceTypeDefinitionNode):
            raise InvalidDirectiveError(
                "The @auth directive cannot be placed on an interface's field. See "
                f"{parent.name.value}{definition.name.value}"
            )
        model = next((d for d in parent.directives or () if d.name.value == "model"), None)
        is_root = parent.name.value in (
            ctx.get_query_type_name(),
            ctx.get_mutation_type_name(),
            ctx.get_subscription_type_name(),
        )
        if is_root:
            LOG.warning(
                "Be careful when using @auth directives on a field in a root type. @auth "
                "directives on field definitions use the source object to perform authorization "
                "logic and the source will be an empty object for fields on root types. Static "
                "group authorization should perform as expected."
            )
        rules = rules_from_directive(directive)
        if not is_root:
            self._add_owner_fields(ctx, parent.name.value, rules)
        ensure_default_providers(rules)
        for rule in rules:
            validate_strategy(rule, self.providers)
            if rule.get("queries") or rule.get("mutations"):
                raise InvalidDirectiveError(
                    "@auth directives used on field definitions may not specify the 'queries' or "
                    "'mutations' arguments. All @auth directives used on field definitions are "
                    "performed when the field is resolved and can be thought of as 'read' "
                    "operations."
                )
            if is_root and rule.get("operations"):
                raise InvalidDirectiveError(
                    "@auth rules on fields within Query, Mutation, Subscription cannot specify "
                    "'operations' argument as these rules are already on an operation already."
                )
            if model is None and rule.get("operations"):
                raise InvalidDirectiveError(
                    "@auth rules on fields within types that does not have @model directive "
                    "cannot specify 'operations' argument as there are operations will be "
                    "generated by the CLI."
                )
            common_rule_validation(rule)
        self._set_policy_flags(rules)
        self._add_field_references(parent.name.value, definition.name.value, rules)
        include_default = self._type_needs_default_provider_access(parent)
        type_directives = [] if is_root else self._directives(rules, include_default)
        if type_directives:
            self._extend_type(ctx, parent.name.value, type_directives)

        def for_op(op: str) -> list[Rule]:
            def matches(rule: Rule) -> bool:
                if "operations" not in rule:
                    return True
                operations = rule["operations"]
                return bool(operations) and op in operations

            return [r for r in rules if matches(r)]

        if model is not None:
            config = ModelConfiguration(
                model, parent, ctx.feature_flags.get_boolean("improvePluralization")
            )
            self._protect_read_for_field(ctx, parent, definition, for_op("read"), config)
            self._protect_create_for_field(ctx, parent, definition, for_op("create"), config)
            self._protect_update_or_delete(
                ctx,
                R.update(parent.name.value),
                for_op("update"),
                parent,
                config,
                True,
                definition,
                "onUpdate",
            )
            # v1 protects field deletes on the update resolver.
            self._protect_update_or_delete(
                ctx,
                R.update(parent.name.value),
                for_op("delete"),
                parent,
                config,
                False,
                definition,
                "onDelete",
            )
        else:
            directives = self._directives(rules, False)
            if directives:
                self._add_directives_to_field(
                    ctx, parent.name.value, definition.name.value, directives
                )
            self._protect_field(ctx, parent, definition, _static_group_rules(rules))

    # ---- helpers: schema ------------------------------------------------------------------
    def _admin_ui_enabled(self) -> bool:
        return self.providers.has_iam and self.config.add_aws_iam_auth_in_output_schema

    def _should_add_default(self) -> bool:
        return (
            self._admin_ui_enabled()
            and self.auth_config.default_authentication.authentication_type != "AWS_IAM"
        )

    def _directives(
        self, rules: Sequence[Rule], add_default_if_needed: bool = True
    ) -> list[ast.ConstDirectiveNode]:
        return directives_for_rules(rules, self.providers, add_default_if_needed)

    @staticmethod
    def _extend_type(
        ctx: TransformerContext, type_name: str, directives: Sequence[ast.ConstDirectiveNode]
    ) -> None:
        ctx.add_object_extension(
            ast.ObjectTypeExtensionNode(
                name=name_node(type_name), directives=tuple(directives), fields=(), interfaces=()
            )
        )

    @staticmethod
    def _add_directives_to_field(
        ctx: TransformerContext,
        type_name: str,
        field_name: str,
        directives: Sequence[ast.ConstDirectiveNode],
    ) -> None:
        """Add directives to a field; like v1, the field moves to the end of its type."""
        node = ctx.get_type(type_name)
        if node is None:
            return
        field = next((f for f in node.fields or () if f.name.value == field_name), None)
        if field is None:
            return
        existing = {d.name.value for d in field.directives or ()}
        new = [d for d in directives if d.name.value not in existing]
        if new:
            field = dataclasses.replace(field, directives=(*(field.directives or ()), *new))
        others = tuple(f for f in node.fields or () if f.name.value != field_name)
        ctx.put_type(dataclasses.replace(node, fields=(*others, field)))

    def _add_directives_to_operation(
        self,
        ctx: TransformerContext,
        type_name: str | None,
        operation: str,
        directives: Sequence[ast.ConstDirectiveNode],
    ) -> None:
        if type_name is None:
            return
        self._add_directives_to_field(ctx, type_name, operation, directives)
        node = ctx.get_type(type_name)
        if node is None:
            return
        field = next((f for f in node.fields or () if f.name.value == operation), None)
        if field is not None and isinstance(field.type, ast.NamedTypeNode):
            self._extend_type(ctx, field.type.name.value, directives)

    def _add_owner_fields(
        self, ctx: TransformerContext, type_name: str, rules: Sequence[Rule]
    ) -> None:
        if not ctx.feature_flags.get_boolean("addMissingOwnerFields", True):
            return
        obj = ctx.get_object(type_name)
        if obj is None:
            return
        existing = {f.name.value for f in obj.fields or ()}
        owner_fields = list(
            dict.fromkeys(r.get("ownerField") or "owner" for r in _owner_rules(rules))
        )
        to_add = [f for f in owner_fields if f not in existing]
        if to_add:
            extra = tuple(make_field(f, [], make_named_type("String")) for f in to_add)
            ctx.put_type(dataclasses.replace(obj, fields=(*(obj.fields or ()), *extra)))

    def _add_owner(self, ctx: TransformerContext, type_name: str) -> None:
        if ctx.feature_flags.get_boolean("addMissingOwnerFields", True):
            return
        node = ctx.get_type(type_name)
        if not any(f.name.value == "owner" for f in node.fields or ()):
            node = dataclasses.replace(
                node, fields=(*node.fields, make_field("owner", [], make_named_type("String")))
            )
        ctx.put_type(node)

    def _propagate_to_nested_types(
        self,
        type_node: ast.ObjectTypeDefinitionNode,
        rules: Sequence[Rule],
        ctx: TransformerContext,
    ) -> None:
        seen: dict[str, list[str]] = ctx.metadata[AUTH_NON_MODEL_TYPES]
        for field in type_node.fields or ():
            nested = ctx.get_type(get_base_type(field.type))
            if not isinstance(nested, ast.ObjectTypeDefinitionNode) or any(
                d.name.value == "model" for d in nested.directives or ()
            ):
                continue
            name = nested.name.value
            directives = self._directives(rules, True)
            old = seen.get(name)
            current = [d for d in directives if old is None or d.name.value not in old]
            if current:
                seen[name] = list(dict.fromkeys([*(d.name.value for d in current), *(old or [])]))
                self._extend_type(ctx, name, current)
                self.unauth_policy_resources[f"{name}/null"] = None
                self.auth_policy_resources[f"{name}/null"] = None
                self._propagate_to_nested_types(nested, rules, ctx)

    def _update_mutation_condition_input(
        self,
        ctx: TransformerContext,
        definition: ast.ObjectTypeDefinitionNode,
        rules: Sequence[Rule],
    ) -> None:
        condition = ctx.get_type(M.condition_input(definition.name.value))
        if condition is None or not rules:
            return
        names: set[str] = set()
        owners = _owner_rules(rules)
        names.update(r["ownerField"] for r in owners if r.get("ownerField"))
        if any(not r.get("ownerField") for r in owners):
            names.add("owner")
        groups = [r for r in rules if r.get("allow") == "groups"]
        names.update(r["groupsField"] for r in groups if r.get("groupsField"))
        if any(not r.get("groupsField") for r in groups):
            names.add("groups")
        if names:
            ctx.put_type(
                dataclasses.replace(
                    condition,
                    fields=tuple(f for f in condition.fields or () if f.name.value not in names),
                )
            )

    # ---- helpers: IAM bookkeeping ----------------------------------------------------------
    def _set_policy_flags(self, rules: Sequence[Rule]) -> None:
        if any(
            r.get("allow") in ("private", "public") and r.get("provider") == "iam" for r in rules
        ):
            self.generate_auth_role_policy = True
        if any(r.get("allow") == "public" and r.get("provider") == "iam" for r in rules):
            self.generate_unauth_role_policy = True

    def _add_references(self, key: str, rules: Sequence[Rule]) -> None:
        iam = [r for r in rules if r.get("provider") == "iam" and r.get("generateIAMPolicy")]
        if any(r.get("allow") == "public" for r in iam):
            self.unauth_policy_resources[key] = None
            self.auth_policy_resources[key] = None
        if any(r.get("allow") == "private" for r in iam):
            self.auth_policy_resources[key] = None

    def _add_type_references(self, type_name: str, rules: Sequence[Rule]) -> None:
        self._add_references(f"{type_name}/null", rules)

    def _add_field_references(
        self, type_name: str | None, field_name: str, rules: Sequence[Rule]
    ) -> None:
        self._add_references(f"{type_name}/{field_name}", rules)

    def _type_needs_default_provider_access(self, definition: Any) -> bool:
        directive = next((d for d in definition.directives or () if d.name.value == "auth"), None)
        if directive is None:
            return True
        rules = rules_from_directive(directive)
        ensure_default_providers(rules)
        return any(r.get("provider") == self.providers.default for r in rules)

    def _type_has_rules_for(self, definition: Any, operation: str) -> bool:
        directive = next((d for d in definition.directives or () if d.name.value == "auth"), None)
        if directive is None:
            return self._should_add_default()
        rules = rules_from_directive(directive)
        ensure_default_providers(rules)
        split = split_rules(rules)

        def has_default(items: Sequence[Rule]) -> bool:
            return any(r.get("provider") == self.providers.default for r in items)

        if operation in ("create", "update", "delete"):
            items = getattr(split, operation)
            return has_default(items) or (not items and self._should_add_default())
        if operation in ("get", "list"):
            return (
                has_default(split.read)
                or has_default(getattr(split, operation))
                or (not split.read and not split.list and self._should_add_default())
            )
        return False

    def _is_user_pool_default(self) -> bool:
        return self.providers.default == "userPools"

    def _wrap(self, modes: list[str], checks: Sequence[a.Expression | None]) -> list[a.Expression]:
        expressions: list[a.Expression] = []
        if modes:
            expressions.append(res.auth_mode_determination(modes, self._is_user_pool_default()))
        expressions.append(res.auth_mode_check_wrapped(modes, a.compound(checks)))
        return expressions

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
        static, dynamic, owners = (
            _static_group_rules(rules),
            _dynamic_group_rules(rules),
            _owner_rules(rules),
        )
        if (static or dynamic or owners) and not _has_provider_auth_rules(rules):
            expressions = self._wrap(
                _modes_to_check(owners, static, dynamic),
                [
                    res.static_group_authorization(static),
                    a.newline(),
                    res.dynamic_group_authorization_for_create(dynamic),
                    a.newline(),
                    res.owner_authorization_for_create(owners, _field_is_list(parent)),
                    a.newline(),
                    res.throw_if_unauthorized(),
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
        static, dynamic, owners = (
            _static_group_rules(rules),
            _dynamic_group_rules(rules),
            _owner_rules(rules),
        )
        if (static or dynamic or owners) and not _has_provider_auth_rules(rules):
            field_name = field.name.value if field is not None else None
            is_list = _field_is_list(parent)
            not_static = a.iff(
                a.raw(f"! ${res.static_authorization_variable(field)}"),
                a.compound(
                    [
                        res.dynamic_group_authorization_for_update_or_delete(
                            dynamic, is_list, field_name
                        ),
                        a.newline(),
                        res.owner_authorization_for_update_or_delete(owners, is_list, field_name),
                        a.newline(),
                        res.collect_auth_condition(),
                    ]
                ),
            )
            expressions = self._wrap(
                _modes_to_check(owners, static, dynamic),
                [
                    res.static_group_authorization(static, field),
                    a.newline(),
                    not_static,
                    a.newline(),
                    res.throw_if_not_static_group_authorized_or_auth_condition_is_empty(field),
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
            self._prepend_response(resolver, res.set_operation_expression(mutation_type))
        else:
            resolver["Properties"]["ResponseMappingTemplate"] = template

    def _single_object_expression(
        self, rules: Sequence[Rule], object_path: str = "ctx.result"
    ) -> a.Expression | None:
        static, dynamic, owners = (
            _static_group_rules(rules),
            _dynamic_group_rules(rules),
            _owner_rules(rules),
        )
        if not (static or dynamic or owners) or _has_provider_auth_rules(rules):
            return None
        modes = _modes_to_check(owners, static, dynamic)
        expressions: list[a.Expression] = [res.return_if_empty(object_path)]
        expressions += self._wrap(
            modes,
            [
                res.static_group_authorization(static),
                a.newline(),
                res.dynamic_group_authorization_for_read(dynamic, object_path),
                a.newline(),
                res.owner_authorization_for_read(owners, object_path),
                a.newline(),
                res.throw_if_unauthorized(),
            ],
        )
        return a.compound(expressions)

    def _list_expression(
        self, rules: Sequence[Rule], item_list: str = "ctx.result.items"
    ) -> a.Expression | None:
        static, dynamic, owners = (
            _static_group_rules(rules),
            _dynamic_group_rules(rules),
            _owner_rules(rules),
        )
        if not (static or dynamic or owners) or _has_provider_auth_rules(rules):
            return None
        filter_items = a.iff(
            a.not_(a.ref(RC.IS_STATIC_GROUP_AUTHORIZED)),
            a.compound(
                [
                    a.set_(a.ref("items"), a.list_([])),
                    a.for_each(
                        a.ref("item"),
                        a.ref(item_list),
                        [
                            res.dynamic_group_authorization_for_read(
                                dynamic,
                                "item",
                                RC.IS_LOCAL_DYNAMIC_GROUP_AUTHORIZED,
                                a.raw("false"),
                            ),
                            a.newline(),
                            res.owner_authorization_for_read(
                                owners, "item", RC.IS_LOCAL_OWNER_AUTHORIZED, a.raw("false")
                            ),
                            a.newline(),
                            res.append_item_if_locally_authorized(),
                        ],
                    ),
                    a.set_(a.ref(item_list), a.ref("items")),
                ]
            ),
        )
        return a.compound(
            self._wrap(
                _modes_to_check(owners, static, dynamic),
                [
                    res.static_group_authorization(static),
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
        model_name = definition.name.value
        for input_def in ctx.input_document.definitions:
            if not isinstance(input_def, ast.ObjectTypeDefinitionNode):
                continue
            for field in input_def.fields or ():
                if get_base_type(field.type) != model_name or not any(
                    d.name.value == "connection" for d in field.directives or ()
                ):
                    continue
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
        none_data_source = ctx.get_resource(RC.NONE_DATA_SOURCE)
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
            static, owners = _static_group_rules(rules), _owner_rules(rules)
            if (static or owners) and not _has_provider_auth_rules(rules):
                expressions = self._wrap(
                    _modes_to_check(owners, static),
                    [
                        res.static_group_authorization(static),
                        a.newline(),
                        res.owner_authorization_for_subscriptions(owners),
                        a.newline(),
                        res.throw_if_subscription_unauthorized(),
                    ],
                )
                self._prepend_response(resolver, print_template(a.compound(expressions)))
                ctx.set_resource(resource_id, resolver)
                if any(not r.get("ownerField") for r in owners):
                    self._add_owner(ctx, parent.name.value)
                self._add_subscription_owner_argument(
                    ctx, field_name, owners, not self._owner_argument_optional(rules)
                )
        if not none_data_source:
            ctx.set_resource(RC.NONE_DATA_SOURCE, res.none_data_source())
        ctx.map_resource_to_stack(parent.name.value, resource_id)

    @staticmethod
    def _owner_argument_optional(rules: Sequence[Rule]) -> bool:
        if len(_owner_rules(rules)) > 1:
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
            if not ctx.get_resource(RC.NONE_DATA_SOURCE):
                ctx.set_resource(RC.NONE_DATA_SOURCE, res.none_data_source())
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
            static = _static_group_rules(static_rules)
            modes = _modes_to_check(static)
            expressions = self._wrap(
                modes,
                [
                    res.static_group_authorization(static, field),
                    a.newline(),
                    res.throw_if_static_group_unauthorized(field),
                ],
            )
            parts.append(print_template(a.compound(expressions)))
        if not resolver:
            resolver = res.blank_resolver(type_name, field_name)
            ctx.set_resource(resource_id, resolver)
            if not ctx.get_resource(RC.NONE_DATA_SOURCE):
                ctx.set_resource(RC.NONE_DATA_SOURCE, res.none_data_source())
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
                res.operation_check_expression(ctx.get_mutation_type_name(), field)
            )
        resolver["Properties"]["RequestMappingTemplate"] = "\n\n".join(
            [print_template(expression), resolver["Properties"]["RequestMappingTemplate"]]
        )
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
        static, dynamic, owners = (
            _static_group_rules(rules),
            _dynamic_group_rules(rules),
            _owner_rules(rules),
        )
        if (static or dynamic or owners) and not _has_provider_auth_rules(rules):
            expressions = self._wrap(
                _modes_to_check(owners, static, dynamic),
                [
                    res.static_group_authorization(static, field),
                    a.newline(),
                    res.dynamic_group_authorization_for_create_by_field(dynamic, field.name.value),
                    a.newline(),
                    res.owner_authorization_for_create_by_field(
                        owners, field.name.value, _field_is_list(parent)
                    ),
                    a.newline(),
                    res.throw_if_unauthorized(field),
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
