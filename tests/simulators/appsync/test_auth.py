"""Tests of auth-mode routing and the `$ctx.identity` each mode gets."""

from __future__ import annotations

from typing import Any

import pytest

from amplify_mock.simulators.appsync.auth import authorize_request
from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType, AuthProvider
from amplify_mock.simulators.appsync.errors import UnauthorizedRequest

from .conftest import API_KEY, jwt, user_pool_token

MODES = AuthenticationType
IP = "127.0.0.1"


def _config(*modes: AuthenticationType) -> ApiConfig:
    providers = [
        AuthProvider(
            m,
            oidc_issuer="https://issuer.example.com/" if m is MODES.OPENID_CONNECT else None,
            lambda_function_name="authorizer" if m is MODES.AWS_LAMBDA else None,
        )
        for m in modes
    ]
    return ApiConfig(
        name="api",
        schema_sdl="type Query { a: String }",
        default_auth=providers[0],
        additional_auth=tuple(providers[1:]),
        api_key=API_KEY if MODES.API_KEY in modes else None,
    )


ALL = _config(MODES.AMAZON_COGNITO_USER_POOLS, MODES.API_KEY, MODES.AWS_IAM, MODES.OPENID_CONNECT)


async def test_authorize_request_api_key() -> None:
    auth = await authorize_request(ALL, {"x-api-key": API_KEY}, IP)
    assert auth.mode is MODES.API_KEY
    assert auth.identity is None


async def test_authorize_request_user_pool_identity() -> None:
    token = user_pool_token("alice", ["Admin"])
    auth = await authorize_request(ALL, {"authorization": token}, IP)
    assert auth.mode is MODES.AMAZON_COGNITO_USER_POOLS
    assert auth.groups == ("Admin",)
    assert auth.identity == {
        "sub": "sub-alice",
        "issuer": "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_fake",
        "username": "alice",
        "claims": auth.claims,
        "sourceIp": [IP],
        "defaultAuthStrategy": "ALLOW",
        "groups": ["Admin"],
    }


async def test_authorize_request_accepts_bearer_prefix() -> None:
    auth = await authorize_request(ALL, {"Authorization": "Bearer " + user_pool_token()}, IP)
    assert auth.mode is MODES.AMAZON_COGNITO_USER_POOLS


async def test_authorize_request_oidc_routed_by_issuer_without_slash() -> None:
    token = jwt({"sub": "s1", "iss": "https://issuer.example.com", "email": "a@b.c"})
    auth = await authorize_request(ALL, {"authorization": token}, IP)
    assert auth.mode is MODES.OPENID_CONNECT
    assert auth.identity == {
        "sub": "s1",
        "issuer": "https://issuer.example.com",
        "claims": {"sub": "s1", "iss": "https://issuer.example.com", "email": "a@b.c"},
    }


@pytest.mark.parametrize(
    ("access_key", "arn_role", "auth_type"),
    [
        ("ASIAVJKIAM-AuthRole", "authRole", "authenticated"),
        ("ASIAVJKIAM-UnAuthRole", "unAuthRole", "unauthenticated"),
    ],
    ids=["auth-role", "unauth-role"],
)
async def test_authorize_request_iam_roles(access_key: str, arn_role: str, auth_type: str) -> None:
    header = (
        f"AWS4-HMAC-SHA256 Credential={access_key}/20240101/us-east-1/appsync/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=abc"
    )
    auth = await authorize_request(
        ALL, {"authorization": header, "x-amz-date": "20240101T000000Z"}, IP
    )
    assert auth.mode is MODES.AWS_IAM
    assert auth.iam_role == arn_role
    assert auth.identity is not None
    assert auth.identity["userArn"] == (
        f"arn:aws:sts::12345678910:assumed-role/{arn_role}/CognitoIdentityCredentials"
    )
    assert auth.identity["username"].endswith(":CognitoIdentityCredentials")
    assert auth.identity["username"].startswith("AROA")
    assert auth.identity["cognitoIdentityAuthType"] == auth_type
    pool = "us-east-1:00000000-0000-0000-0000-000000000000"
    assert auth.identity["cognitoIdentityPoolId"] == pool
    assert auth.identity["cognitoIdentityId"].startswith("us-east-1:")
    assert auth.identity["sourceIp"] == [IP]


@pytest.mark.parametrize(
    ("config", "headers", "message"),
    [
        (ALL, {}, "Valid authorization header not provided."),
        (ALL, {"x-api-key": "wrong"}, "You are not authorized to make this call."),
        (ALL, {"authorization": "garbage"}, "Unable to parse JWT token."),
        (
            ALL,
            {"authorization": jwt({"iss": "https://other.example.com", "sub": "x"})},
            "Valid authorization header not provided.",
        ),
        (
            _config(MODES.API_KEY),
            {"authorization": user_pool_token()},
            "Valid authorization header not provided.",
        ),
    ],
    ids=["missing", "wrong-key", "not-a-jwt", "unknown-issuer", "mode-disabled"],
)
async def test_authorize_request_rejects(
    config: ApiConfig, headers: dict[str, str], message: str
) -> None:
    with pytest.raises(UnauthorizedRequest) as info:
        await authorize_request(config, headers, IP)
    assert info.value.message == message


async def test_authorize_request_lambda_authorizer() -> None:
    calls: list[tuple[str, dict[str, Any]]] = []

    async def invoke(function_name: str, event: dict[str, Any]) -> Any:
        calls.append((function_name, event))
        return {
            "isAuthorized": event["authorizationToken"] == "letmein",
            "resolverContext": {"user": "u1"},
            "deniedFields": ["Query.secret"],
        }

    config = _config(MODES.AWS_LAMBDA)
    auth = await authorize_request(
        config, {"authorization": "letmein"}, IP, lambda_authorizer=invoke
    )
    assert auth.mode is MODES.AWS_LAMBDA
    assert auth.identity == {"resolverContext": {"user": "u1"}}
    assert auth.denied_fields == frozenset({"Query.secret"})
    assert calls[0][0] == "authorizer"
    with pytest.raises(UnauthorizedRequest) as info:
        await authorize_request(config, {"authorization": "no"}, IP, lambda_authorizer=invoke)
    assert info.value.message == "You are not authorized to make this call."
