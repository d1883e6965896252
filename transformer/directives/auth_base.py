"""Shared state and helpers of the @auth transformer: providers, rules, schema edits, IAM."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from typing import Any

from graphql.language import ast

from transformer.config import TransformConfig
from transformer.context import TransformerContext
from transformer.definitions import (
    find_directive,
    find_field,
    get_base_type,
    is_list_type,
    make_field,
    make_named_type,
    name_node,
)
from transformer.directives import auth_snippets as vtl
from transformer.directives.auth_rules import (
    ConfiguredProviders,
    Rule,
    directives_for_rules,
    ensure_default_providers,
    rules_from_directive,
    split_rules,
)
from transformer.errors import TransformerError
from transformer.mapping_template import ast as a
from transformer.naming import ModelResourceIDs as M
from transformer.plugin import Transformer

__all__ = [
    "AUTH_NON_MODEL_TYPES",
    "AuthBase",
    "dynamic_group_rules",
    "field_is_list",
    "has_provider_auth_rules",
    "modes_to_check",
    "owner_rules",
    "static_group_rules",
]

LOG = logging.getLogger(__name__)
AUTH_NON_MODEL_TYPES = "authNonModelTypes"
_VALID_MODES = ("API_KEY", "AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "OPENID_CONNECT", "AWS_LAMBDA")


def owner_rules(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.get("allow") == "owner"]


def static_group_rules(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.get("allow") == "groups" and r.get("groups")]


def dynamic_group_rules(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.get("allow") == "groups" and not r.get("groups")]


def has_provider_auth_rules(rules: Sequence[Rule]) -> bool:
    return any(
        r.get("provider") == "userPools" and r.get("allow") in ("public", "private") for r in rules
    )


def checked_rule_groups(
    rules: Sequence[Rule],
) -> tuple[list[Rule], list[Rule], list[Rule]] | None:
    """The static group, dynamic group and owner rules a resolver's VTL checks.

    None when there are none, or when a userPools public/private rule is among `rules`: that
    rule lets every signed-in user pool user through, so v1 adds no resolver checks.
    """
    static, dynamic, owners = (
        static_group_rules(rules),
        dynamic_group_rules(rules),
        owner_rules(rules),
    )
    if not (static or dynamic or owners) or has_provider_auth_rules(rules):
        return None
    return static, dynamic, owners


def modes_to_check(*rule_lists: Sequence[Rule]) -> list[str]:
    modes = []
    for provider in ("userPools", "oidc"):
        if any(r.get("provider") == provider for rules in rule_lists for r in rules):
            modes.append(provider)
    return modes


def field_is_list(parent: ast.ObjectTypeDefinitionNode) -> Callable[[str], bool]:
    def check(name: str) -> bool:
        field = find_field(parent, name)
        return is_list_type(field.type) if field is not None else False

    return check


class AuthBase(Transformer):
    """Configured providers, IAM policy bookkeeping and the schema edits @auth makes."""

    def __init__(self, config: TransformConfig | None = None) -> None:
        super().__init__(config)
        self.auth_config = self.config.auth_config
        for mode in self.auth_config.modes():
            if mode not in _VALID_MODES:
                raise TransformerError(f"Invalid auth mode {mode}")
        self.providers = ConfiguredProviders.from_auth_config(self.auth_config)
        self.generate_auth_role_policy = False
        self.generate_unauth_role_policy = False
        self.auth_policy_resources: dict[str, None] = {}
        self.unauth_policy_resources: dict[str, None] = {}

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
        field = find_field(node, field_name)
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
        field = find_field(node, operation)
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
            dict.fromkeys(r.get("ownerField") or "owner" for r in owner_rules(rules))
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
        owners = owner_rules(rules)
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
        directive = find_directive(definition, "auth")
        if directive is None:
            return True
        rules = rules_from_directive(directive)
        ensure_default_providers(rules)
        return any(r.get("provider") == self.providers.default for r in rules)

    def _type_has_rules_for(self, definition: Any, operation: str) -> bool:
        directive = find_directive(definition, "auth")
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
            expressions.append(vtl.auth_mode_determination(modes, self._is_user_pool_default()))
        expressions.append(vtl.auth_mode_check_wrapped(modes, a.compound(checks)))
        return expressions
