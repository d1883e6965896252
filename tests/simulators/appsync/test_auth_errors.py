"""Bad or missing credentials per provider, answered as AppSync answers them, on oracle v2 builds.

A request no mode accepts is refused whole (HTTP 401 `UnauthorizedException`, or 403 for a SigV4
header AWS refuses); a caller of an accepted mode that a field's rules leave out gets HTTP 200
with that field null and an `Unauthorized` field error.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
from amplify_mock.simulators.appsync.auth_iam import IamCredential
from amplify_mock.simulators.appsync.state import StateHolder, build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store

GOLDEN = Path(__file__).parents[2] / "transformer" / "v2" / "golden"
#: userPools default, API_KEY and IAM; public/private IAM and API-key models.
MULTI_AUTH = GOLDEN / "peer-auth-multi-auth" / "build"
#: userPools default, IAM, API_KEY, OIDC (https://issuer.example) and Lambda; owner models.
ALL_MODES = GOLDEN / "peer-auth-auth-exhaustive-t1a" / "build"
API_KEY = "da2-test-key"
ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]

CREATE_PUBLIC = 'mutation { createPostPublic(input: {title: "t"}) { id title } }'
GET_PUBLIC_IAM = '{ getPostPublicIAM(id: "x") { id } }'
GET_OWNER = '{ getProfileeade293b(profileId: "x") { profileId } }'


def _jwt(claims: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256'})}.{part(claims)}.c2ln"


def _user_pool_token() -> str:
    now = int(time.time())
    return _jwt(
        {
            "sub": "s1",
            "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_MOCKPOOL",
            "cognito:username": "alice",
            "token_use": "id",
            "exp": now + 600,
            "iat": now,
        }
    )


def _unauthorized_field(field: str, type_name: str) -> dict[str, Any]:
    return {
        "path": [field],
        "data": None,
        "errorType": "Unauthorized",
        "errorInfo": None,
        "locations": [{"line": 1, "column": 3, "sourceName": None}],
        "message": f"Not Authorized to access {field} on type {type_name}",
    }


def _refused(error_type: str, message: str) -> dict[str, Any]:
    return {"errors": [{"errorType": error_type, "message": message}]}


class _Credentials:
    """An issuer of IAM credentials that knows one key's secret (as the local identity pool)."""

    def find_credential(self, access_key: str) -> IamCredential | None:
        if access_key != "ASIAKNOWNKEY":
            return None
        return IamCredential(
            "ASIAKNOWNKEY", "known-secret", authenticated=True, identity_id="us-east-1:id-1"
        )


async def _client(
    aiohttp_client: ClientFactory, build: Path, options: EndpointOptions | None = None
) -> AsyncIterator[TestClient[Any, Any]]:
    store = Store.open(None)
    client = StoreClient(store)
    state = build_api_state(
        build, data_source_factory=data_source_factory(dynamodb_client=client), api_key=API_KEY
    )
    await ensure_tables(client, state.config)
    yield await aiohttp_client(create_app(StateHolder(state), options=options))
    store.close()


@pytest.fixture
async def multi_auth(aiohttp_client: ClientFactory) -> AsyncIterator[TestClient[Any, Any]]:
    options = EndpointOptions(iam_credentials=_Credentials())
    async for client in _client(aiohttp_client, MULTI_AUTH, options):
        yield client


@pytest.fixture
async def all_modes(aiohttp_client: ClientFactory) -> AsyncIterator[TestClient[Any, Any]]:
    async def authorizer(function_name: str, event: dict[str, Any]) -> Any:
        token = event["authorizationToken"]
        return {
            "isAuthorized": token.startswith("allow"),
            "resolverContext": {"token": token},
            "deniedFields": ["Query.getProfileeade293b"] if token == "allow-denied" else [],
        }

    options = EndpointOptions(lambda_authorizer=authorizer)
    async for client in _client(aiohttp_client, ALL_MODES, options):
        yield client


async def _post(
    client: TestClient[Any, Any], query: str, headers: dict[str, str]
) -> tuple[int, Any]:
    response = await client.post("/graphql", json={"query": query}, headers=headers)
    return response.status, await response.json()


def _signed(client: TestClient[Any, Any], query: str, key: str, secret: str) -> dict[str, str]:
    """Headers of a request signed by botocore's SigV4 (service appsync), as SDKs sign it."""
    url = str(client.make_url("/graphql"))
    request = AWSRequest(
        method="POST",
        url=url,
        data=json.dumps({"query": query}),
        headers={"Content-Type": "application/json"},
    )
    SigV4Auth(Credentials(key, secret), "appsync", "us-east-1").add_auth(request)
    return dict(request.headers.items())


# ---- API key ---------------------------------------------------------------------------------


async def test_auth_errors_api_key_wrong_key_is_401(multi_auth: TestClient[Any, Any]) -> None:
    status, body = await _post(multi_auth, CREATE_PUBLIC, {"x-api-key": "da2-wrong"})
    assert (status, body) == (
        401,
        _refused("UnauthorizedException", "You are not authorized to make this call."),
    )


async def test_auth_errors_no_credentials_is_401(multi_auth: TestClient[Any, Any]) -> None:
    status, body = await _post(multi_auth, CREATE_PUBLIC, {})
    assert (status, body) == (
        401,
        _refused("UnauthorizedException", "Valid authorization header not provided."),
    )


async def test_auth_errors_api_key_on_a_user_pool_field_is_a_field_error(
    multi_auth: TestClient[Any, Any],
) -> None:
    status, body = await _post(
        multi_auth, '{ getPostPrivate(id: "x") { id } }', {"x-api-key": API_KEY}
    )
    assert status == 200
    assert body == {
        "data": {"getPostPrivate": None},
        "errors": [_unauthorized_field("getPostPrivate", "Query")],
    }


# ---- user pools -------------------------------------------------------------------------------


async def test_auth_errors_user_pool_unparsable_token_is_401(
    multi_auth: TestClient[Any, Any],
) -> None:
    status, body = await _post(multi_auth, CREATE_PUBLIC, {"Authorization": "[object Object]"})
    assert (status, body) == (
        401,
        _refused("UnauthorizedException", "Unable to parse JWT token."),
    )


async def test_auth_errors_user_pool_on_an_api_key_field_is_a_field_error(
    multi_auth: TestClient[Any, Any],
) -> None:
    status, body = await _post(
        multi_auth, '{ getPostPublic(id: "x") { id } }', {"Authorization": _user_pool_token()}
    )
    assert status == 200
    assert body == {
        "data": {"getPostPublic": None},
        "errors": [_unauthorized_field("getPostPublic", "Query")],
    }


# ---- IAM --------------------------------------------------------------------------------------


async def test_auth_errors_iam_header_without_signature_is_403(
    multi_auth: TestClient[Any, Any],
) -> None:
    header = (
        "AWS4-HMAC-SHA256 Credential=ASIAVJKIAM-UnAuthRole/20240101/us-east-1/appsync/aws4_request"
    )
    status, body = await _post(multi_auth, GET_PUBLIC_IAM, {"Authorization": header})
    assert (status, body) == (
        403,
        _refused(
            "IncompleteSignatureException",
            "Authorization header requires 'Signature' parameter. Authorization header requires "
            "'SignedHeaders' parameter. Authorization header requires existence of either a "
            f"'X-Amz-Date' or a 'Date' header. Authorization={header}",
        ),
    )


async def test_auth_errors_iam_empty_credentials_are_403(
    multi_auth: TestClient[Any, Any],
) -> None:
    header = (
        "AWS4-HMAC-SHA256 Credential=/20240101/us-east-1/appsync/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64
    )
    status, body = await _post(
        multi_auth, GET_PUBLIC_IAM, {"Authorization": header, "x-amz-date": "20240101T000000Z"}
    )
    assert (status, body) == (
        403,
        _refused(
            "UnrecognizedClientException", "The security token included in the request is invalid."
        ),
    )


async def test_auth_errors_iam_wrong_signature_is_403(multi_auth: TestClient[Any, Any]) -> None:
    headers = _signed(multi_auth, GET_PUBLIC_IAM, "ASIAKNOWNKEY", "another-secret")
    status, body = await _post(multi_auth, GET_PUBLIC_IAM, headers)
    assert (status, body) == (
        403,
        _refused(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.",
        ),
    )


async def test_auth_errors_iam_good_signature_is_served(multi_auth: TestClient[Any, Any]) -> None:
    query = '{ getPostPrivateIAM(id: "x") { id } }'
    headers = _signed(multi_auth, query, "ASIAKNOWNKEY", "known-secret")
    status, body = await _post(multi_auth, query, headers)
    assert (status, body) == (200, {"data": {"getPostPrivateIAM": None}})


async def test_auth_errors_iam_role_without_policy_is_401(
    multi_auth: TestClient[Any, Any],
) -> None:
    """The unauthenticated role's policy does not list Query.getPostPrivateIAM (private IAM)."""
    query = '{ getPostPrivateIAM(id: "x") { id } }'
    headers = _signed(multi_auth, query, "ASIAVJKIAM-UnAuthRole", "any")
    status, body = await _post(multi_auth, query, headers)
    assert (status, body) == (401, _refused("UnauthorizedException", "Permission denied"))


async def test_auth_errors_iam_on_an_api_key_model_is_401(
    multi_auth: TestClient[Any, Any],
) -> None:
    """The role policy is checked before any field rule: the transformer lists only the fields
    IAM rules allow, so the authenticated role may not call an API-key model's query."""
    query = '{ getPostPublic(id: "x") { id } }'
    headers = _signed(multi_auth, query, "ASIAVJKIAM-AuthRole", "any")
    status, body = await _post(multi_auth, query, headers)
    assert (status, body) == (401, _refused("UnauthorizedException", "Permission denied"))


# ---- OIDC and Lambda ------------------------------------------------------------------------


async def test_auth_errors_oidc_unknown_issuer_is_401(all_modes: TestClient[Any, Any]) -> None:
    token = _jwt({"sub": "s1", "iss": "https://elsewhere.example"})
    status, body = await _post(all_modes, GET_OWNER, {"Authorization": token})
    # Not a user-pool or OIDC token: the Lambda authorizer is asked, and refuses it.
    assert (status, body) == (
        401,
        _refused("UnauthorizedException", "You are not authorized to make this call."),
    )


async def test_auth_errors_oidc_on_a_user_pool_field_is_a_field_error(
    all_modes: TestClient[Any, Any],
) -> None:
    token = _jwt({"sub": "s1", "iss": "https://issuer.example"})
    status, body = await _post(all_modes, GET_OWNER, {"Authorization": token})
    assert status == 200
    assert body == {
        "data": {"getProfileeade293b": None},
        "errors": [_unauthorized_field("getProfileeade293b", "Query")],
    }


async def test_auth_errors_lambda_denied_is_401(all_modes: TestClient[Any, Any]) -> None:
    status, body = await _post(all_modes, GET_OWNER, {"Authorization": "deny-me"})
    assert (status, body) == (
        401,
        _refused("UnauthorizedException", "You are not authorized to make this call."),
    )


async def test_auth_errors_lambda_denied_field_is_a_field_error(
    all_modes: TestClient[Any, Any],
) -> None:
    status, body = await _post(all_modes, GET_OWNER, {"Authorization": "allow-denied"})
    assert status == 200
    assert body == {
        "data": {"getProfileeade293b": None},
        "errors": [_unauthorized_field("getProfileeade293b", "Query")],
    }
