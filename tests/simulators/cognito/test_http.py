"""The endpoint's wire: bad bodies and unknown targets get Cognito's JSON errors, CORS works."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from tests.simulators.cognito.conftest import LocalCognito


def post(url: str, target: str | None, body: bytes) -> tuple[int, dict[str, str], dict[str, str]]:
    headers = {"Content-Type": "application/x-amz-json-1.1"}
    if target:
        headers["X-Amz-Target"] = target
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), json.loads(err.read())


def test_malformed_json_and_unknown_operation(cognito: LocalCognito) -> None:
    status, headers, body = post(
        cognito.url + "/", "AWSCognitoIdentityProviderService.SignUp", b"{nope"
    )
    assert status == 400
    assert body == {
        "__type": "SerializationException",
        "message": "Start of structure or map found where not expected.",
    }
    assert headers["x-amzn-ErrorType"] == "SerializationException:"
    status, _headers, body = post(
        cognito.url + "/", "AWSCognitoIdentityProviderService.Nope", b"{}"
    )
    assert (status, body["__type"]) == (400, "UnknownOperationException")
    assert body["message"] == "Unknown operation AWSCognitoIdentityProviderService.Nope"
    status, _headers, body = post(
        cognito.url + "/", "AWSCognitoIdentityProviderService.SignUp", b'{"ClientId": 5}'
    )
    assert (status, body["__type"]) == (400, "InvalidParameterException")
    assert body["message"] == (
        "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_cors_preflight(cognito: LocalCognito) -> None:
    request = urllib.request.Request(
        cognito.url + "/",
        method="OPTIONS",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent",
        },
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Access-Control-Allow-Headers"] == (
            "content-type,x-amz-target,x-amz-user-agent"
        )
