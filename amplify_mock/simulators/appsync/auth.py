"""Request authorization: which auth mode a request uses, and the `$ctx.identity` it gets."""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphql import DocumentNode, GraphQLSchema, OperationDefinitionNode

from amplify_mock.simulators.appsync.auth_iam import (
    ACCOUNT_ID,
    AUTH_ACCESS_KEY_ID,
    IamCredentialStore,
    check_iam_permission,
    find_credential,
    iam_identity,
    parse_sigv4,
    verify_signature,
)
from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType, AuthProvider
from amplify_mock.simulators.appsync.errors import UnauthorizedRequest

__all__ = [
    "AUTH_ACCESS_KEY_ID",
    "LambdaAuthorizerInvoker",
    "RequestAuth",
    "SignedRequest",
    "TokenVerifier",
    "authorize_request",
    "b64url_decode",
    "bearer_token",
    "check_operation_permission",
    "decode_jwt",
]

#: AppSync's 401 messages.
NO_VALID_HEADER = "Valid authorization header not provided."
UNPARSABLE_JWT = "Unable to parse JWT token."
NOT_AUTHORIZED = "You are not authorized to make this call."


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
    #: The IAM role of an `AWS_IAM` caller (its policy is checked per top-level field).
    iam_role: str | None = None


@dataclass(frozen=True)
class SignedRequest:
    """What a SigV4 signature covers besides the headers (checked when the secret is known)."""

    method: str
    path: str
    query: str
    body: bytes


LOG = logging.getLogger(__name__)

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
    signed: SignedRequest | None = None,
    iam_credentials: IamCredentialStore | None = None,
) -> RequestAuth:
    """Pick the auth mode of a request the way AppSync does, and build its `$ctx.identity`.

    Order: `x-api-key`, then a SigV4 `Authorization` header, then a JWT routed by `iss`
    (`https://cognito-idp.` = user pools, a configured issuer = OIDC), then the Lambda
    authorizer. JWT signatures are checked when a `verifier` is given; SigV4 signatures when
    `iam_credentials` knows the key's secret and `signed` is given.

    :raises UnauthorizedRequest: no enabled mode accepts the request (HTTP 401; 403 for a
        refused signature), in AppSync's words.
    """
    modes = config.auth_modes
    api_key = _header(headers, "x-api-key")
    authorization = _header(headers, "Authorization")
    if AuthenticationType.API_KEY in modes and api_key is not None:
        if api_key != config.api_key:
            raise UnauthorizedRequest(NOT_AUTHORIZED)
        return _API_KEY_AUTH
    if authorization is None:
        raise UnauthorizedRequest(NO_VALID_HEADER)
    if authorization.startswith("AWS4-HMAC-SHA256"):
        if AuthenticationType.AWS_IAM not in modes:
            raise UnauthorizedRequest(NO_VALID_HEADER)
        return _iam_auth(config, authorization, headers, source_ip, signed, iam_credentials)
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
    raise UnauthorizedRequest(UNPARSABLE_JWT if claims is None else NO_VALID_HEADER)


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


def _iam_auth(
    config: ApiConfig,
    authorization: str,
    headers: Mapping[str, str],
    source_ip: str,
    signed: SignedRequest | None,
    credentials: IamCredentialStore | None,
) -> RequestAuth:
    """:raises IamSignatureError: a malformed header, an unknown key or a wrong signature."""
    header = parse_sigv4(authorization, headers)
    credential = find_credential(credentials, header.access_key)
    if credential.secret_key is not None and signed is not None:
        verify_signature(
            header,
            credential.secret_key,
            method=signed.method,
            path=signed.path,
            query=signed.query,
            headers=headers,
            body=signed.body,
        )
    identity, role = iam_identity(credential, config.iam, source_ip)
    return RequestAuth(AuthenticationType.AWS_IAM, identity, iam_role=role)


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
        LOG.warning("Lambda authorizer %s failed: %s", function_name, err)
        raise UnauthorizedRequest(NOT_AUTHORIZED) from err
    if not isinstance(answer, dict) or answer.get("isAuthorized") is not True:
        raise UnauthorizedRequest(NOT_AUTHORIZED)
    context = answer.get("resolverContext") or {}
    denied = frozenset(str(f) for f in answer.get("deniedFields") or ())
    return RequestAuth(
        AuthenticationType.AWS_LAMBDA, {"resolverContext": context}, denied_fields=denied
    )


class _Prepared(Protocol):
    @property
    def document(self) -> DocumentNode | None: ...

    def operation(self, operation_name: str | None) -> OperationDefinitionNode | None: ...


class _State(Protocol):
    @property
    def config(self) -> ApiConfig: ...

    @property
    def schema(self) -> GraphQLSchema: ...


def check_operation_permission(
    state: _State, auth: RequestAuth, prepared: _Prepared, operation_name: str | None
) -> None:
    """An IAM caller's role policy against the operation's top-level fields.

    :raises UnauthorizedRequest: "Permission denied" (HTTP 401).
    """
    operation = prepared.operation(operation_name)
    if auth.iam_role is None or operation is None or prepared.document is None:
        return
    check_iam_permission(
        state.config.iam, auth.iam_role, state.schema, prepared.document, operation
    )
