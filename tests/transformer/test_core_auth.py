"""@auth behaviours that are easy to read in isolation (whole builds live in test_core_builds)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from transformer import AuthConfig, TransformConfig, TransformerError, transform
from transformer.errors import InvalidDirectiveError

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def _auth(default: str, *additional: str, days: int = 7, description: str = "") -> AuthConfig:
    def provider(mode: str) -> dict[str, object]:
        out: dict[str, object] = {"authenticationType": mode}
        if mode == "API_KEY":
            out["apiKeyConfig"] = {"apiKeyExpirationDays": days, "description": description}
        if mode == "OPENID_CONNECT":
            out["openIDConnectConfig"] = {"issuerUrl": "https://issuer/", "clientId": "c"}
        return out

    return AuthConfig.from_json(
        {
            "defaultAuthentication": provider(default),
            "additionalAuthenticationProviders": [provider(m) for m in additional],
        }
    )


def test_auth_adds_aws_directives_for_non_default_providers() -> None:
    sdl = "type Post @model @auth(rules: [{allow: owner}, {allow: public}]) { id: ID! }"
    result = transform(
        sdl, TransformConfig(auth_config=_auth("AMAZON_COGNITO_USER_POOLS", "API_KEY"), now=NOW)
    )
    assert "type Post @aws_api_key @aws_cognito_user_pools {" in result.schema
    assert "getPost(id: ID!): Post @aws_api_key @aws_cognito_user_pools" in result.schema


def test_auth_owner_rule_adds_owner_argument_to_subscriptions() -> None:
    sdl = "type Post @model @auth(rules: [{allow: owner}]) { id: ID! }"
    result = transform(
        sdl, TransformConfig(auth_config=_auth("AMAZON_COGNITO_USER_POOLS"), now=NOW)
    )
    assert 'onCreatePost(owner: String!): Post @aws_subscribe(mutations: ["createPost"])' in (
        result.schema
    )
    assert "owner: String" in result.schema
    assert "Subscription.onCreatePost.res.vtl" in result.resolvers


def test_auth_api_key_expiry_counts_from_injected_now() -> None:
    result = transform(
        "type A @model { id: ID! }",
        TransformConfig(auth_config=_auth("API_KEY", days=1, description="dev"), now=NOW),
    )
    key = result.root_stack["Resources"]["GraphQLAPIKey"]["Properties"]
    assert key["Description"] == "dev"
    assert key["Expires"]["Fn::If"][2] == int(NOW.timestamp()) + 86400 + 1800


def test_auth_iam_rules_create_role_policies_in_the_root_stack() -> None:
    sdl = "type A @model @auth(rules: [{allow: public, provider: iam}]) { id: ID! }"
    result = transform(sdl, TransformConfig(auth_config=_auth("AWS_IAM"), now=NOW))
    resources = result.root_stack["Resources"]
    assert resources["AuthRolePolicy01"]["Type"] == "AWS::IAM::ManagedPolicy"
    assert resources["UnauthRolePolicy01"]["Properties"]["Roles"] == [{"Ref": "unauthRoleName"}]
    assert "unauthRoleName" in result.root_stack["Parameters"]


def test_auth_oidc_default_configures_the_api() -> None:
    result = transform(
        "type A @model { id: ID! }",
        TransformConfig(auth_config=_auth("OPENID_CONNECT", "AWS_IAM"), now=NOW),
    )
    api = result.root_stack["Resources"]["GraphQLAPI"]["Properties"]
    assert api["AuthenticationType"] == "OPENID_CONNECT"
    assert api["OpenIDConnectConfig"] == {"Issuer": "https://issuer/", "ClientId": "c"}
    assert api["AdditionalAuthenticationProviders"] == [{"AuthenticationType": "AWS_IAM"}]


def test_auth_provider_the_api_lacks_is_rejected() -> None:
    sdl = "type A @model @auth(rules: [{allow: private, provider: iam}]) { id: ID! }"
    with pytest.raises(InvalidDirectiveError) as info:
        transform(sdl, TransformConfig(auth_config=_auth("API_KEY"), now=NOW))
    assert str(info.value) == (
        "@auth directive with 'iam' provider found, but the project has no IAM authentication "
        "provider configured."
    )
    assert (info.value.line, info.value.column) == (1, 15)


def test_auth_unknown_auth_mode_is_rejected() -> None:
    config = AuthConfig.from_json({"defaultAuthentication": {"authenticationType": "NOPE"}})
    with pytest.raises(TransformerError) as info:
        transform("type A @model { id: ID! }", TransformConfig(auth_config=config))
    assert str(info.value) == "Invalid auth mode NOPE"
