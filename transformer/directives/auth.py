"""@auth: owner, group, public and private rules on @model types and fields, multi-auth.

Adds `@aws_*` directives for non-default providers, authorization snippets to the @model
resolvers, subscription resolvers with owner arguments, IAM policies for iam rules.

The rules live in auth_rules, the shared state in auth_base, resolver protection in
auth_protect, and the VTL in auth_checks / auth_snippets. Not emulated: @searchable (no
search resolvers are generated here).
"""

from __future__ import annotations

from collections.abc import Iterable

from graphql.language import ast

from transformer.cloudformation.resources import string_parameter
from transformer.context import TransformerContext
from transformer.definitions import find_directive
from transformer.directives import auth_resources as res
from transformer.directives.auth_base import AUTH_NON_MODEL_TYPES, LOG, static_group_rules
from transformer.directives.auth_protect import AuthProtection
from transformer.directives.auth_rules import (
    ModelConfiguration,
    Rule,
    common_rule_validation,
    ensure_default_providers,
    rules_from_directive,
    split_rules,
    validate_strategy,
)
from transformer.errors import InvalidDirectiveError, TransformerError
from transformer.naming import ResolverResourceIDs as R
from transformer.naming import ResourceConstants as RC

__all__ = ["AuthTransformer"]

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


class AuthTransformer(AuthProtection):
    """The v1 ModelAuthTransformer."""

    name = "ModelAuthTransformer"
    directive_sdl = AUTH_DIRECTIVE_SDL

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
            if self.auth_policy_resources:
                _add_role_policies(ctx, True, self.auth_policy_resources)
            elif not self._admin_ui_enabled():
                raise TransformerError(
                    "AuthRole policies should be generated, but no resources were added"
                )
        if self.generate_unauth_role_policy:
            if not self.unauth_policy_resources:
                raise TransformerError(
                    "UnauthRole policies should be generated, but no resources were added"
                )
            _add_role_policies(ctx, False, self.unauth_policy_resources)

    # ---- @auth on a type -----------------------------------------------------------------
    def object(
        self,
        definition: ast.ObjectTypeDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        model = find_directive(definition, "model")
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
        if self._is_sync_enabled(ctx, type_name):
            self._protect_sync_query(ctx, definition, R.sync(type_name), split.read)
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
        model = find_directive(parent, "model")
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
            self._protect_field(ctx, parent, definition, static_group_rules(rules))


def _add_role_policies(
    ctx: TransformerContext, authenticated: bool, resources: Iterable[str]
) -> None:
    """The Auth/Unauth role's name parameter and the IAM policies that grant it the fields."""
    role, parameter, policy_id = (
        ("Auth", RC.AUTH_ROLE_NAME, RC.AUTH_ROLE_POLICY)
        if authenticated
        else ("Unauth", RC.UNAUTH_ROLE_NAME, RC.UNAUTH_ROLE_POLICY)
    )
    ctx.merge_parameters(
        {
            parameter: string_parameter(
                f"Reference to the name of the {role} Role created for the project."
            )
        }
    )
    for i, policy in enumerate(res.iam_policies_for_role(authenticated, resources)):
        ctx.merge_resources({f"{policy_id}{i + 1:02d}": policy})
