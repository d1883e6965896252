"""Request authorization: which auth mode a request uses, and the `$ctx.identity` it gets."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType, AuthProvider
from amplify_mock.simulators.appsync.errors import UnauthorizedRequest

__all__ = [
    "AUTH_ACCESS_KEY_ID",
    "LambdaAuthorizerInvoker",
    "RequestAuth",
    "TokenVerifier",
    "authorize_request",
    "b64url_decode",
    "bearer_token",
    "decode_jwt",
]

#: The access key id that `amplify mock` treats as the authenticated IAM role.
AUTH_ACCESS_KEY_ID = "ASIAVJKIAM-AuthRole"
ACCOUNT_ID = "12345678910"
AUTH_ROLE_ARN = f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/authRole/CognitoIdentityCredentials"
UNAUTH_ROLE_ARN = f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/unAuthRole/CognitoIdentityCredentials"


class TokenVerifier(Protocol):
    """Checks a JWT's signature (`--verify-tokens`); raises `UnauthorizedRequest` if bad."""

    def verify(self, token: str, claims: Mapping[str, Any]) -> None: ...


#: Calls the project's Lambda authorizer with AppSync's event and returns its answer.
LambdaAuthorizerInvoker = Callable[[str, dict[str, Any]], Awaitable[Any]]


@dataclass(frozen=True)
class RequestAuth:
    """The auth mode a request was accepted with, and what AppSync exposes about the caller."""

    mode: AuthenticationType
    identity: dict[str, Any] | None = None
    claims: Mapping[str, Any] | None = None
    groups: tuple[str, ...] = ()
    denied_fields: frozenset[str] = field(default_factory=frozenset)


#: Every API-key request is authorized the same way (RequestAuth is immutable).
_API_KEY_AUTH = RequestAuth(AuthenticationType.API_KEY)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value or None


def bearer_token(authorization: str) -> str:
    """The token of an `Authorization` header, which may or may not start with `Bearer `."""
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return authorization


def b64url_decode(text: str) -> bytes:
    """A JWT part: base64url with its `=` padding left off.

    :raises binascii.Error: not base64.
    """
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decode_jwt(token: str) -> dict[str, Any] | None:
    """The claims of a JWT (with or without `Bearer `), or None when it is not a JWT."""
    parts = bearer_token(token).split(".")
    if len(parts) != 3:
        return None
    try:
        claims = json.loads(b64url_decode(parts[1]))
    except (binascii.Error, ValueError, RecursionError):
        return None
    return claims if isinstance(claims, dict) else None


def _strip_slash(value: str) -> str:
    return value[:-1] if value.endswith("/") else value


def _groups(claims: Mapping[str, Any]) -> tuple[str, ...]:
    groups = claims.get("cognito:groups")
    if isinstance(groups, str):
        return (groups,)
    if isinstance(groups, list):
        return tuple(str(g) for g in groups)
    return ()


async def authorize_request(
    config: ApiConfig,
    headers: Mapping[str, str],
    source_ip: str,
    *,
    verifier: TokenVerifier | None = None,
    lambda_authorizer: LambdaAuthorizerInvoker | None = None,
    request_context: Mapping[str, Any] | None = None,
) -> RequestAuth:
    """Pick the auth mode of a request the way AppSync (and `amplify mock`) does.

    Order: `x-api-key`, then a SigV4 `Authorization` header, then a JWT routed by `iss`
    (`https://cognito-idp.` = user pools, a configured issuer = OIDC), then the Lambda
    authorizer. Signatures are not checked unless a `verifier` is given.

    :raises UnauthorizedRequest: no enabled mode accepts the request (HTTP 401).
    """
    modes = config.auth_modes
    api_key = _header(headers, "x-api-key")
    authorization = _header(headers, "Authorization")
    if AuthenticationType.API_KEY in modes and api_key is not None:
        if api_key != config.api_key:
            raise UnauthorizedRequest("Invalid API key")
        return _API_KEY_AUTH
    if authorization is None:
        raise UnauthorizedRequest("Missing authorization")
    if AuthenticationType.AWS_IAM in modes and authorization.startswith("AWS4-HMAC-SHA256"):
        return _iam_auth(authorization, source_ip)
    claims = decode_jwt(authorization)
    if claims is not None:
        issuer = str(claims.get("iss", ""))
        if AuthenticationType.AMAZON_COGNITO_USER_POOLS in modes and issuer.startswith(
            "https://cognito-idp."
        ):
            if verifier is not None:
                verifier.verify(authorization, claims)
            return _user_pool_auth(config, claims, source_ip)
        oidc = _oidc_provider(config, issuer)
        if oidc is not None:
            if verifier is not None:
                verifier.verify(authorization, claims)
            return _oidc_auth(claims)
    provider = config.find_auth_provider(AuthenticationType.AWS_LAMBDA)
    if provider is not None and lambda_authorizer is not None:
        return await _lambda_auth(
            provider, authorization, headers, lambda_authorizer, request_context
        )
    raise UnauthorizedRequest("Invalid JWT token")


def _oidc_provider(config: ApiConfig, issuer: str) -> AuthProvider | None:
    for provider in config.auth_providers:
        if (
            provider.authentication_type is AuthenticationType.OPENID_CONNECT
            and provider.oidc_issuer
            and _strip_slash(provider.oidc_issuer) == _strip_slash(issuer)
        ):
            return provider
    return None


def _user_pool_auth(config: ApiConfig, claims: dict[str, Any], source_ip: str) -> RequestAuth:
    groups = _groups(claims)
    username = claims.get("username") or claims.get("cognito:username")
    identity: dict[str, Any] = {
        "sub": claims.get("sub"),
        "issuer": claims.get("iss"),
        "username": username,
        "claims": claims,
        "sourceIp": [source_ip],
        "defaultAuthStrategy": "ALLOW",
        "groups": list(groups) if groups else None,
    }
    return RequestAuth(
        AuthenticationType.AMAZON_COGNITO_USER_POOLS, identity, claims=claims, groups=groups
    )


def _oidc_auth(claims: dict[str, Any]) -> RequestAuth:
    identity = {"sub": claims.get("sub"), "issuer": claims.get("iss"), "claims": claims}
    return RequestAuth(AuthenticationType.OPENID_CONNECT, identity, claims=claims)


def _iam_auth(authorization: str, source_ip: str) -> RequestAuth:
    access_key = None
    if "Credential=" in authorization:
        access_key = authorization.split("Credential=", 1)[1].split("/", 1)[0].strip()
    if not access_key:
        raise UnauthorizedRequest("Missing access key id in the SigV4 Authorization header")
    authenticated = access_key == AUTH_ACCESS_KEY_ID
    identity = {
        "accountId": ACCOUNT_ID,
        "cognitoIdentityPoolId": None,
        "cognitoIdentityId": None,
        "cognitoIdentityAuthType": "authenticated" if authenticated else "unauthenticated",
        "cognitoIdentityAuthProvider": None,
        "sourceIp": [source_ip],
        "userArn": AUTH_ROLE_ARN if authenticated else UNAUTH_ROLE_ARN,
        "username": "auth-user" if authenticated else "unauth-user",
    }
    return RequestAuth(AuthenticationType.AWS_IAM, identity)


async def _lambda_auth(
    provider: AuthProvider,
    token: str,
    headers: Mapping[str, str],
    invoke: LambdaAuthorizerInvoker,
    request_context: Mapping[str, Any] | None,
) -> RequestAuth:
    function_name = provider.lambda_function_name or ""
    event = {
        "authorizationToken": token,
        "requestContext": {
            "apiId": "amplify-test-api-id",
            "accountId": ACCOUNT_ID,
            "requestId": "mock-request",
            **(request_context or {}),
        },
        "requestHeaders": dict(headers),
    }
    try:
        answer = await invoke(function_name, event)
    except Exception as err:  # the authorizer's own failure denies the request
        raise UnauthorizedRequest(f"Lambda authorizer {function_name} failed: {err}") from err
    if not isinstance(answer, dict) or not answer.get("isAuthorized"):
        raise UnauthorizedRequest("Lambda authorizer denied the request")
    context = answer.get("resolverContext") or {}
    denied = frozenset(str(f) for f in answer.get("deniedFields") or ())
    return RequestAuth(
        AuthenticationType.AWS_LAMBDA, {"resolverContext": context}, denied_fields=denied
    )
