"""@auth rule bookkeeping: defaults, validation, splitting by operation, `@aws_*` directives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import value_from_ast_untyped
from graphql.language import ast

from transformer.config import AuthConfig
from transformer.definitions import make_directive
from transformer.errors import InvalidDirectiveError
from transformer.naming import graphql_name, plurality, to_upper

__all__ = [
    "ConfiguredProviders",
    "ModelConfiguration",
    "Rule",
    "SplitRules",
    "rules_from_directive",
]

Rule = dict[str, Any]

PROVIDER_DIRECTIVES = (
    ("apiKey", "aws_api_key"),
    ("iam", "aws_iam"),
    ("oidc", "aws_oidc"),
    ("userPools", "aws_cognito_user_pools"),
)
_MODE_TO_PROVIDER = {
    "AMAZON_COGNITO_USER_POOLS": "userPools",
    "API_KEY": "apiKey",
    "AWS_IAM": "iam",
    "OPENID_CONNECT": "oidc",
}


def rules_from_directive(directive: ast.DirectiveNode) -> list[Rule]:
    """The `rules:` argument as dicts; iam rules are marked to generate IAM policies."""
    rules: list[Rule] = []
    for arg in directive.arguments or ():
        if arg.name.value == "rules":
            rules = list(value_from_ast_untyped(arg.value) or [])
    return [
        {**r, "generateIAMPolicy": True} if r.get("provider") == "iam" else dict(r) for r in rules
    ]


@dataclass
class ConfiguredProviders:
    """Which auth providers the API has (`userPools`, `apiKey`, `iam`, `oidc`)."""

    default: str | None
    only_default: bool
    has_api_key: bool
    has_user_pools: bool
    has_oidc: bool
    has_iam: bool

    @classmethod
    def from_auth_config(cls, config: AuthConfig) -> ConfiguredProviders:
        modes = config.modes()
        return cls(
            default=_MODE_TO_PROVIDER.get(config.default_authentication.authentication_type),
            only_default=not config.additional_authentication_providers,
            has_api_key="API_KEY" in modes,
            has_user_pools="AMAZON_COGNITO_USER_POOLS" in modes,
            has_oidc="OPENID_CONNECT" in modes,
            has_iam="AWS_IAM" in modes,
        )


def ensure_default_providers(rules: Sequence[Rule]) -> None:
    for rule in rules:
        if not rule.get("provider"):
            allow = rule.get("allow")
            if allow in ("owner", "groups", "private"):
                rule["provider"] = "userPools"
            elif allow == "public":
                rule["provider"] = "apiKey"
            else:
                rule["provider"] = None


def validate_strategy(rule: Rule, providers: ConfiguredProviders) -> None:
    """:raises InvalidDirectiveError: a provider the strategy or the API does not support."""
    allow, provider = rule.get("allow"), rule.get("provider")
    if allow == "groups" and provider not in ("userPools", "oidc"):
        raise InvalidDirectiveError(
            "@auth directive with 'groups' strategy only supports 'userPools' and 'oidc' "
            f"providers, but found '{_js(provider)}' assigned."
        )
    checks = {
        "owner": (("userPools", "oidc"), "'userPools' (default) and 'oidc'"),
        "public": (("apiKey", "iam"), "'apiKey' (default) and 'iam'"),
        "private": (("userPools", "iam"), "'userPools' (default) and 'iam'"),
    }
    if allow in checks:
        allowed, text = checks[allow]
        if provider is not None and provider not in allowed:
            raise InvalidDirectiveError(
                f"@auth directive with '{allow}' strategy only supports {text} providers, but "
                f"found '{provider}' assigned."
            )
    missing = {
        "apiKey": (providers.has_api_key, "API Key"),
        "oidc": (providers.has_oidc, "OPENID_CONNECT"),
        "userPools": (providers.has_user_pools, "Cognito User Pools"),
        "iam": (providers.has_iam, "IAM"),
    }
    if provider in missing and not missing[provider][0]:
        raise InvalidDirectiveError(
            f"@auth directive with '{provider}' provider found, but the project has no "
            f"{missing[provider][1]} authentication provider configured."
        )


def _js(value: Any) -> str:
    return "null" if value is None else str(value)


def common_rule_validation(rule: Rule) -> None:
    allow = rule.get("allow")
    if allow == "groups" and (rule.get("identityClaim") or rule.get("identityField")):
        raise InvalidDirectiveError(
            "\n            @auth identityField/Claim can only be used for 'allow: owner'"
        )
    if allow == "owner" and rule.get("groupClaim"):
        raise InvalidDirectiveError(
            "\n            @auth groupClaim can only be used 'allow: groups'"
        )
    if rule.get("groupsField") and rule.get("groups"):
        raise InvalidDirectiveError(
            "This rule has groupsField and groups, please use one or the other"
        )
    if rule.get("identityField") and rule.get("identityClaim"):
        raise InvalidDirectiveError(
            "Please use consider IdentifyClaim over IdentityField as it is deprecated."
        )


RuleList = list[Rule]


def _rule_list() -> RuleList:
    return []


@dataclass
class SplitRules:
    """Rules by query (`get`, `list`) and by operation (`create`, ..., `read`)."""

    get: RuleList = field(default_factory=_rule_list)
    list: RuleList = field(default_factory=_rule_list)
    create: RuleList = field(default_factory=_rule_list)
    update: RuleList = field(default_factory=_rule_list)
    delete: RuleList = field(default_factory=_rule_list)
    read: RuleList = field(default_factory=_rule_list)


def _match_list(rule: Rule, key: str, op: str) -> bool:
    """v1 semantics: an absent list matches every operation, `null` matches none."""
    value = rule.get(key, _ABSENT)
    if value is _ABSENT:
        return True
    if value is None:
        return False
    return op in (value if isinstance(value, list) else [value])


_ABSENT = object()


def split_rules(rules: Sequence[Rule]) -> SplitRules:
    """Rules per query (get, list) and per operation (create, update, delete, read)."""
    out = SplitRules()
    for rule in rules:
        if "operations" in rule:
            if _match_list(rule, "operations", "read"):
                out.get.append(rule)
                out.list.append(rule)
                out.read.append(rule)
            for op in ("create", "update", "delete"):
                if _match_list(rule, "operations", op):
                    getattr(out, op).append(rule)
        else:
            if "queries" not in rule:
                out.get.append(rule)
                out.list.append(rule)
                out.read.append(rule)
            else:
                if _match_list(rule, "queries", "get"):
                    out.get.append(rule)
                if _match_list(rule, "queries", "list"):
                    out.list.append(rule)
            if "mutations" not in rule:
                out.create.append(rule)
                out.update.append(rule)
                out.delete.append(rule)
            else:
                for op in ("create", "update", "delete"):
                    if _match_list(rule, "mutations", op):
                        getattr(out, op).append(rule)
    return out


def directives_for_rules(
    rules: Sequence[Rule], providers: ConfiguredProviders, add_default_if_needed: bool = True
) -> list[ast.ConstDirectiveNode]:
    """The `@aws_*` directives a type or field needs for these rules in a multi-auth API."""
    if not rules:
        return []
    names: list[str] = []
    default = providers.default
    for provider, directive_name in PROVIDER_DIRECTIVES:
        if (default != provider and any(r.get("provider") == provider for r in rules)) or (
            default == provider
            and any(r.get("provider") != provider and add_default_if_needed for r in rules)
        ):
            names.append(directive_name)
    default_directive = dict(PROVIDER_DIRECTIVES).get(default or "")
    if (
        any(r.get("provider") == default for r in rules)
        and any(r.get("provider") != default for r in rules)
        and default_directive not in names
    ):
        names.append(str(default_directive))
    return [make_directive(n) for n in names]


class ModelConfiguration:
    """Which operations and subscriptions @model generates for a type, and their names."""

    def __init__(
        self,
        directive: ast.DirectiveNode,
        definition: ast.ObjectTypeDefinitionNode,
        improve_pluralization: bool,
    ) -> None:
        type_name = definition.name.value
        args = {a.name.value: value_from_ast_untyped(a.value) for a in directive.arguments or ()}

        def name_for(operation: str, override: str | None = None, is_list: bool = False) -> str:
            if override:
                return override
            suffix = (
                plurality(to_upper(type_name), improve_pluralization)
                if is_list
                else to_upper(type_name)
            )
            return graphql_name(operation + suffix)

        self._have: dict[str, bool] = {}
        self._names: dict[str, Any] = {}
        mutations = args.get("mutations", _ABSENT)
        for op in ("create", "update", "delete"):
            if mutations is None:
                self._have[op], self._names[op] = False, None
            elif isinstance(mutations, dict):
                self._have[op] = bool(mutations.get(op))
                self._names[op] = name_for(op, mutations.get(op)) if mutations.get(op) else None
            else:
                self._have[op], self._names[op] = True, name_for(op)
        queries = args.get("queries", _ABSENT)
        for op, is_list in (("get", False), ("list", True)):
            if queries is None:
                self._have[op], self._names[op] = False, None
            elif isinstance(queries, dict):
                self._have[op] = bool(queries.get(op))
                self._names[op] = (
                    name_for(op, queries.get(op), is_list) if queries.get(op) else None
                )
            else:
                self._have[op], self._names[op] = True, name_for(op, None, is_list)
        subscriptions = args.get("subscriptions", _ABSENT)
        level = "on"
        sub_names: dict[str, list[str]] = {"onCreate": [], "onUpdate": [], "onDelete": []}
        if subscriptions is None:
            level = "off"
        elif isinstance(subscriptions, dict) and (
            subscriptions.get("onCreate")
            or subscriptions.get("onUpdate")
            or subscriptions.get("onDelete")
        ):
            for op in sub_names:
                for name in subscriptions.get(op) or []:
                    sub_names[op].append(name_for(op, name))
        else:
            for op in sub_names:
                sub_names[op].append(name_for(op))
        if isinstance(subscriptions, dict) and subscriptions.get("level"):
            level = subscriptions["level"]
        for op, mutation in (
            ("onCreate", "create"),
            ("onUpdate", "update"),
            ("onDelete", "delete"),
        ):
            self._have[op] = self._have[mutation]
            self._names[op] = sub_names[op]
        self._have["level"], self._names["level"] = True, level

    def should_have(self, op: str) -> bool:
        return self._have[op]

    def get_name(self, op: str) -> Any:
        return self._names[op] if self._have[op] else None
