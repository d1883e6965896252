"""What a transform run is configured with: transform.conf.json, feature flags, auth config."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

__all__ = [
    "AUTH_MODES",
    "AuthConfig",
    "AuthProvider",
    "FeatureFlags",
    "TransformConfig",
]

AuthMode = Literal[
    "API_KEY", "AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "OPENID_CONNECT", "AWS_LAMBDA"
]
AUTH_MODES: tuple[str, ...] = (
    "API_KEY",
    "AMAZON_COGNITO_USER_POOLS",
    "AWS_IAM",
    "OPENID_CONNECT",
    "AWS_LAMBDA",
)

# The values `amplify init` writes into a new project's cli.json for the v1 transformer.
_NEW_PROJECT_FLAGS: dict[str, bool] = {
    "addMissingOwnerFields": True,
    "improvePluralization": False,
    "validateTypeNameReservedWords": True,
    "enableIterativeGSIUpdates": True,
    "secondaryKeyAsGSI": True,
    "skipOverrideMutationInputTypes": True,
}


# (flag, value when absent from cli.json) - the CLI's defaults for existing projects.
_EXISTING_PROJECT_DEFAULTS: dict[str, bool] = {
    "addMissingOwnerFields": False,
    "improvePluralization": False,
    "validateTypeNameReservedWords": True,
    "enableIterativeGSIUpdates": False,
    "secondaryKeyAsGSI": False,
    "skipOverrideMutationInputTypes": False,
}


@dataclass(frozen=True)
class FeatureFlags:
    """The `graphqltransformer` feature flags of amplify/cli.json, by their camelCase names.

    A flag that is absent reads as the default the transformer passes, else False, as the
    CLI's feature-flag provider does; with `ignore_defaults` an absent flag is always False
    (the provider Amplify's own e2e tests use).
    """

    values: Mapping[str, bool] = field(default_factory=lambda: dict(_NEW_PROJECT_FLAGS))
    ignore_defaults: bool = False

    @classmethod
    def new_project(cls, **overrides: bool) -> FeatureFlags:
        return cls({**_NEW_PROJECT_FLAGS, **overrides})

    @classmethod
    def from_cli_json(cls, cli_json: Mapping[str, Any]) -> FeatureFlags:
        """Flags from a parsed amplify/cli.json (`features.graphqltransformer`).

        Names match case-insensitively, as in the CLI; an absent flag takes the CLI's default
        for existing projects (new projects get every flag written by `amplify init`).
        """
        section = (cli_json.get("features") or {}).get("graphqltransformer") or {}
        lowered = {str(k).lower(): v for k, v in section.items()}
        values = {
            name: bool(lowered.get(name.lower(), default))
            for name, default in _EXISTING_PROJECT_DEFAULTS.items()
        }
        return cls(values, ignore_defaults=True)

    def get_boolean(self, name: str, default: bool | None = None) -> bool:
        if name in self.values:
            return bool(self.values[name])
        if self.ignore_defaults:
            return False
        return bool(default) if default is not None else False


@dataclass(frozen=True)
class AuthProvider:
    """One authorization mode of the API (the Amplify CLI `authConfig` provider shape)."""

    authentication_type: str
    api_key_expiration_days: int | None = None
    api_key_description: str | None = None
    user_pool_id: str | None = None
    openid_connect_config: Mapping[str, Any] | None = None
    lambda_config: Mapping[str, Any] | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AuthProvider:
        api_key = data.get("apiKeyConfig") or {}
        user_pool = data.get("userPoolConfig") or {}
        return cls(
            authentication_type=str(data["authenticationType"]),
            api_key_expiration_days=api_key.get("apiKeyExpirationDays"),
            api_key_description=api_key.get("description"),
            user_pool_id=user_pool.get("userPoolId"),
            openid_connect_config=data.get("openIDConnectConfig"),
            lambda_config=data.get("lambdaAuthorizerConfig"),
        )


@dataclass(frozen=True)
class AuthConfig:
    """Default and additional authorization modes (`authConfig` in backend-config.json)."""

    default_authentication: AuthProvider = field(
        default_factory=lambda: AuthProvider(
            "API_KEY", api_key_expiration_days=7, api_key_description=""
        )
    )
    additional_authentication_providers: tuple[AuthProvider, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AuthConfig:
        return cls(
            default_authentication=AuthProvider.from_json(data["defaultAuthentication"]),
            additional_authentication_providers=tuple(
                AuthProvider.from_json(p)
                for p in data.get("additionalAuthenticationProviders") or ()
            ),
        )

    def modes(self) -> list[str]:
        return [self.default_authentication.authentication_type] + [
            p.authentication_type for p in self.additional_authentication_providers
        ]


@dataclass(frozen=True)
class TransformConfig:
    """Everything one transform run reads besides the schema.

    `version` is transform.conf.json `Version` (5 for projects made by current CLIs; >= 5
    adds `condition:` arguments and `Model*ConditionInput` types). `now` fixes the clock the
    API key expiry is computed from (None: the real clock). `stack_mapping` is
    transform.conf.json `StackMapping` (resource id -> stack name). `resolver_config` is
    transform.conf.json `ResolverConfig` (DataStore conflict detection: sync table, sync
    queries, `_version` fields).
    """

    version: int | None = 5
    feature_flags: FeatureFlags = field(default_factory=FeatureFlags)
    auth_config: AuthConfig = field(default_factory=AuthConfig)
    now: datetime | None = None
    stack_mapping: Mapping[str, str] = field(default_factory=dict)
    add_aws_iam_auth_in_output_schema: bool = False
    resolver_config: Mapping[str, Any] | None = None

    @classmethod
    def from_transform_conf(
        cls,
        transform_conf: Mapping[str, Any],
        *,
        feature_flags: FeatureFlags | None = None,
        auth_config: AuthConfig | None = None,
        now: datetime | None = None,
    ) -> TransformConfig:
        """Build from a parsed transform.conf.json (`Version`, `StackMapping`)."""
        version = transform_conf.get("Version")
        return cls(
            version=int(version) if version is not None else None,
            feature_flags=feature_flags or FeatureFlags(),
            auth_config=auth_config or AuthConfig(),
            now=now,
            stack_mapping=dict(transform_conf.get("StackMapping") or {}),
            resolver_config=transform_conf.get("ResolverConfig"),
        )
