"""@auth rules: reading them from the directive, their defaults, validation with the real
transformer's messages, and the roles (role definitions) they turn into."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graphql.language import ast

from transformer.definitions import directive_arguments
from transformer.v2.config import V2Config
from transformer.v2.errors import InvalidDirectiveError

__all__ = [
    "AUTH_PROVIDER_DIRECTIVES",
    "DEFAULT_GROUP_CLAIM",
    "IDENTITY_CLAIM_DELIMITER",
    "MODEL_OPERATIONS",
    "READ_MODEL_OPERATIONS",
    "AuthProviders",
    "AuthRule",
    "RoleDefinition",
    "configured_providers",
    "is_provider_equal",
    "js_json",
    "read_rules",
    "validate_field_rules",
    "validate_rules",
]

DEFAULT_OWNER_FIELD = "owner"
DEFAULT_GROUPS_FIELD = "groups"
DEFAULT_IDENTITY_CLAIM = "username"
DEFAULT_UNIQUE_IDENTITY_CLAIM = "sub::username"
DEFAULT_COGNITO_IDENTITY_CLAIM = "cognito:username"
DEFAULT_GROUP_CLAIM = "cognito:groups"
IDENTITY_CLAIM_DELIMITER = "::"
READ_MODEL_OPERATIONS = ("get", "list", "search", "listen", "sync")
MODEL_OPERATIONS = ("create", "update", "delete", *READ_MODEL_OPERATIONS)
#: provider -> the AppSync directive its callers need, in the order the directives are added
AUTH_PROVIDER_DIRECTIVES = (
    ("apiKey", "aws_api_key"),
    ("iam", "aws_iam"),
    ("identityPool", "aws_iam"),
    ("oidc", "aws_oidc"),
    ("userPools", "aws_cognito_user_pools"),
    ("function", "aws_lambda"),
)


def is_provider_equal(provider: str | None, other: str | None) -> bool:
    """`iam` and `identityPool` name the same provider."""
    if provider == other:
        return True
    return provider in ("iam", "identityPool") and other in ("iam", "identityPool")


def js_json(value: Any) -> str:
    """JSON.stringify: compact, object keys whose value is undefined (None here) left out."""

    def strip(item: Any) -> Any:
        if isinstance(item, dict):
            return {k: strip(v) for k, v in item.items() if v is not None}
        if isinstance(item, list):
            return [strip(v) for v in item]
        return item

    return json.dumps(strip(value), separators=(",", ":"), ensure_ascii=False)


@dataclass
class AuthRule:
    allow: str
    provider: str | None = None
    owner_field: str | None = None
    identity_claim: str | None = None
    group_claim: str | None = None
    groups: list[str] | None = None
    groups_field: str | None = None
    operations: list[str] | None = None
    generate_iam_policy: bool = False

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> AuthRule:
        groups = value.get("groups")
        if isinstance(groups, str):
            groups = [groups]
        operations = value.get("operations")
        return cls(
            allow=value.get("allow"),  # type: ignore[arg-type]
            provider=value.get("provider"),
            owner_field=value.get("ownerField"),
            identity_claim=value.get("identityClaim"),
            group_claim=value.get("groupClaim"),
            groups=list(groups) if groups is not None else None,
            groups_field=value.get("groupsField"),
            operations=list(operations) if operations is not None else None,
        )


@dataclass
class RoleDefinition:
    """One role of an access control matrix (e.g. `Post:userPools:owner:owner:sub::username`).

    The `allowed_fields`... values are set per protected operation, as the real transformer
    does on its shared role objects (the last operation protected wins)."""

    provider: str
    strategy: str
    static: bool
    claim: str | None = None
    entity: str | None = None
    is_entity_list: bool | None = None
    allowed_fields: list[str] | None = None
    null_allowed_fields: list[str] | None = None
    are_all_fields_allowed: bool | None = None
    are_all_fields_null_allowed: bool | None = None


@dataclass(frozen=True)
class AuthProviders:
    """The API's configured auth providers, as the auth transformer sees them."""

    default: str
    only_default: bool
    has_admin_roles: bool
    has_identity_pool_id: bool
    has_api_key: bool
    has_user_pools: bool
    has_oidc: bool
    has_lambda: bool
    has_iam: bool
    should_add_default_service_directive: bool
    generic_iam_access: bool


_PROVIDER_OF_TYPE = {
    "AMAZON_COGNITO_USER_POOLS": "userPools",
    "API_KEY": "apiKey",
    "AWS_IAM": "identityPool",
    "OPENID_CONNECT": "oidc",
    "AWS_LAMBDA": "function",
}


def configured_providers(config: V2Config) -> AuthProviders:
    types = config.auth_types
    has_iam = "AWS_IAM" in types
    admin = has_iam and len(config.synth.adminRoles) > 0
    iam_access = config.synth.enableIamAccess
    return AuthProviders(
        default=_PROVIDER_OF_TYPE.get(types[0], "apiKey"),
        only_default=len(types) == 1,
        has_admin_roles=admin,
        has_identity_pool_id=config.synth.identityPoolId is not None,
        has_api_key="API_KEY" in types,
        has_user_pools="AMAZON_COGNITO_USER_POOLS" in types,
        has_oidc="OPENID_CONNECT" in types,
        has_lambda="AWS_LAMBDA" in types,
        has_iam=has_iam,
        should_add_default_service_directive=(admin or iam_access) and types[0] != "AWS_IAM",
        generic_iam_access=iam_access,
    )


def _raw_rules(directive: ast.DirectiveNode) -> list[dict[str, Any]]:
    rules = directive_arguments(directive).get("rules")
    return [dict(r) for r in rules or []]


def read_rules(directive: ast.DirectiveNode, *, is_field: bool) -> list[AuthRule]:
    """The rules with their default provider and `read` split into its operations.

    :raises InvalidDirectiveError: read operations named at the field level or beside `read`.
    """
    rules = [AuthRule.from_value(r) for r in _raw_rules(directive)]
    for rule in rules:
        operations = rule.operations if rule.operations is not None else list(MODEL_OPERATIONS)
        if is_field and rule.operations is not None:
            offending = [o for o in rule.operations if o != "read" and o in READ_MODEL_OPERATIONS]
            if offending:
                raise InvalidDirectiveError(
                    f"'{','.join(offending)}' operation is not allowed at the field level."
                )
        offending = [o for o in operations if o != "read" and o in READ_MODEL_OPERATIONS]
        if "read" in operations and offending:
            joined = ",".join(offending)
            raise InvalidDirectiveError(
                f"'{joined}' operations are specified in addition to 'read'. Either remove "
                f"'read' to limit access only to '{joined}' or only keep 'read' to grant all "
                f"{','.join(READ_MODEL_OPERATIONS)} access."
            )
        if not rule.provider:
            rule.provider = {
                "owner": "userPools",
                "groups": "userPools",
                "private": "userPools",
                "public": "apiKey",
                "custom": "function",
            }[rule.allow]
        if is_provider_equal(rule.provider, "identityPool"):
            rule.generate_iam_policy = True
        if rule.operations is not None and "read" in rule.operations:
            ops = list(rule.operations)
            ops.remove("read")
            rule.operations = [*ops, "get", "list", "listen", "search", "sync"]
    return rules


def _validate_strategy(rule: AuthRule, providers: AuthProviders) -> None:
    allow, provider = rule.allow, rule.provider
    if allow == "groups" and provider not in ("userPools", "oidc"):
        raise InvalidDirectiveError(
            "@auth directive with 'groups' strategy only supports 'userPools' and 'oidc' "
            f"providers, but found '{provider}' assigned."
        )
    if allow == "groups" and not rule.groups and not rule.groups_field:
        raise InvalidDirectiveError(
            "@auth directive with 'groups' should have a defined groups list or a groupsField."
        )
    if allow == "owner" and provider and provider not in ("userPools", "oidc"):
        raise InvalidDirectiveError(
            "@auth directive with 'owner' strategy only supports 'userPools' (default) and "
            f"'oidc' providers, but found '{provider}' assigned."
        )
    if (
        allow == "public"
        and provider
        and not is_provider_equal(provider, "apiKey")
        and not is_provider_equal(provider, "identityPool")
    ):
        raise InvalidDirectiveError(
            "@auth directive with 'public' strategy only supports 'apiKey' (default) and "
            f"'identityPool' providers, but found '{provider}' assigned."
        )
    if (
        allow == "private"
        and provider
        and not any(is_provider_equal(provider, p) for p in ("userPools", "identityPool", "oidc"))
    ):
        raise InvalidDirectiveError(
            "@auth directive with 'private' strategy only supports 'userPools' (default) and "
            f"'identityPool' providers, but found '{provider}' assigned."
        )
    if allow == "custom" and provider and provider != "function":
        raise InvalidDirectiveError(
            "@auth directive with 'custom' strategy only supports 'function' (default) "
            f"provider, but found '{provider}' assigned."
        )
    missing = {
        "apiKey": (providers.has_api_key, "API Key"),
        "oidc": (providers.has_oidc, "OPENID_CONNECT"),
        "userPools": (providers.has_user_pools, "Cognito User Pools"),
        "iam": (providers.has_iam, "IAM"),
        "identityPool": (providers.has_iam, "IAM"),
        "function": (providers.has_lambda, "Lambda"),
    }.get(provider or "")
    if missing is not None and not missing[0]:
        raise InvalidDirectiveError(
            f"@auth directive with '{provider}' provider found, but the project has no "
            f"{missing[1]} authentication provider configured."
        )


def _common_validation(rule: AuthRule) -> None:
    if rule.allow == "groups" and rule.identity_claim:
        raise InvalidDirectiveError(
            "\n          @auth identityClaim can only be used for 'allow: owner'"
        )
    if rule.allow == "owner" and rule.group_claim:
        raise InvalidDirectiveError("\n          @auth groupClaim can only be used 'allow: groups'")
    if rule.groups_field and rule.groups is not None:
        raise InvalidDirectiveError(
            "This rule has groupsField and groups, please use one or the other"
        )
    if rule.allow == "groups" and rule.groups is not None and len(rule.groups) < 1:
        raise InvalidDirectiveError("@auth rules using groups cannot have an empty list")


def validate_rules(rules: Sequence[AuthRule], providers: AuthProviders, name: str) -> None:
    """:raises InvalidDirectiveError: the real transformer's message for the first bad rule."""
    if not rules:
        raise InvalidDirectiveError(f"@auth on {name} does not have any auth rules.")
    for rule in rules:
        _validate_strategy(rule, providers)
        _common_validation(rule)


def validate_field_rules(
    directive: ast.DirectiveNode, on_root_type: bool, parent_is_model: bool, field_name: str
) -> None:
    """:raises InvalidDirectiveError: `operations` where a field rule cannot have them."""
    rules = _raw_rules(directive)
    if not rules:
        raise InvalidDirectiveError(f"@auth on {field_name} does not have any auth rules.")
    for rule in rules:
        operations = rule.get("operations")
        if on_root_type and operations:
            raise InvalidDirectiveError(
                "@auth rules on fields within Query, Mutation, Subscription cannot specify "
                "'operations' argument as these rules are already on an operation already."
            )
        if not parent_is_model and operations:
            raise InvalidDirectiveError(
                "@auth rules on fields within types that does not have @model directive cannot "
                "specify 'operations' argument as there are operations will be generated by "
                "the CLI."
            )


def role_list_field(rules: Sequence[AuthRule]) -> list[AuthRule]:
    return [r for r in rules if r.allow != "owner" and not r.groups_field]
