"""Generated malformed Cognito requests: never a 5xx, Cognito's JSON error shape, still serving."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from amplify_mock.simulators.cognito import account, admin, auth_flows, identity_pool
from tests.simulators.cognito.conftest import CLIENT_ID, POOL_ID, LocalCognito

TARGETS = [
    *(f"AWSCognitoIdentityProviderService.{name}" for name in account.OPERATIONS),
    *(f"AWSCognitoIdentityProviderService.{name}" for name in auth_flows.OPERATIONS),
    *(f"AWSCognitoIdentityProviderService.{name}" for name in admin.OPERATIONS),
    *(f"AWSCognitoIdentityService.{name}" for name in identity_pool.OPERATIONS),
]
#: The members the operations read, so generated bodies reach past the first null check.
MEMBERS = [
    "ClientId",
    "UserPoolId",
    "IdentityPoolId",
    "IdentityId",
    "Logins",
    "Username",
    "Password",
    "PreviousPassword",
    "ProposedPassword",
    "ConfirmationCode",
    "AccessToken",
    "RefreshToken",
    "Token",
    "AuthFlow",
    "AuthParameters",
    "ChallengeName",
    "ChallengeResponses",
    "Session",
    "UserAttributes",
    "UserAttributeNames",
    "AttributeName",
    "Code",
    "GroupName",
    "Limit",
    "Filter",
    "PaginationToken",
    "MessageAction",
    "TemporaryPassword",
    "Permanent",
    "ClientMetadata",
]
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(MEMBERS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
bodies = (
    st.dictionaries(st.sampled_from(MEMBERS), json_values, max_size=6).map(
        lambda body: json.dumps(body).encode()
    )
    | json_values.map(lambda value: json.dumps(value).encode())
    | st.binary(max_size=64)
)
#: Header values a client can send (printable ASCII).
targets = st.sampled_from(TARGETS) | st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40
)


def _call(url: str, method: str, target: str | None, body: bytes | None) -> tuple[int, Any]:
    headers = {"Content-Type": "application/x-amz-json-1.1"}
    if target is not None:
        headers["X-Amz-Target"] = target
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def _still_serves(cognito: LocalCognito) -> None:
    status, body = _call(
        cognito.url + "/",
        "POST",
        "AWSCognitoIdentityProviderService.InitiateAuth",
        json.dumps(
            {
                "ClientId": CLIENT_ID,
                "AuthFlow": "USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": "nobody-here", "PASSWORD": "Passw0rd!"},
            }
        ).encode(),
    )
    assert (status, body["__type"]) == (400, "UserNotFoundException")


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=targets, body=bodies)
@example(target="AWSCognitoIdentityProviderService.SignUp", body=b'{"ClientId": [1]}')
@example(target="AWSCognitoIdentityService.GetId", body=b'{"IdentityPoolId": {"a": 1}}')
@example(
    target="AWSCognitoIdentityProviderService.AdminCreateUser",
    body=json.dumps({"UserPoolId": POOL_ID, "Username": {"x": 1}}).encode(),
)
@example(target="AWSCognitoIdentityProviderService.InitiateAuth", body=b"[" * 5000 + b"]" * 5000)
def test_cognito_malformed_call_is_a_4xx_in_cognito_shape(
    cognito: LocalCognito, target: str, body: bytes
) -> None:
    status, answer = _call(cognito.url + "/", "POST", target, body)
    assert status < 500, answer
    if status >= 400:
        assert isinstance(answer.get("__type"), str) and answer["__type"], answer
        assert isinstance(answer.get("message"), str), answer
    _still_serves(cognito)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    method=st.sampled_from(["GET", "PUT", "DELETE", "PATCH", "POST"]),
    path=st.text(alphabet="abcxyz/._-%20", max_size=30),
)
@example(method="GET", path="nope")
@example(method="PUT", path="")
def test_cognito_unknown_route_is_a_4xx_in_cognito_shape(
    cognito: LocalCognito, method: str, path: str
) -> None:
    status, answer = _call(f"{cognito.url}/{path}", method, None, b"{}")
    assert 400 <= status < 500 or (status == 200 and path.strip("/") == ".well-known/jwks.json")
    if status >= 400:
        assert isinstance(answer.get("__type"), str) and answer["__type"], answer
    _still_serves(cognito)


def test_cognito_oversize_body_is_a_4xx_in_cognito_shape(cognito: LocalCognito) -> None:
    status, answer = _call(
        cognito.url + "/",
        "POST",
        "AWSCognitoIdentityProviderService.SignUp",
        b'{"ClientId": "' + b"x" * (2 << 20) + b'"}',
    )
    assert (status, answer["__type"]) == (413, "SerializationException")
    _still_serves(cognito)
