"""Tests of `--verify-tokens`: JWKS signature and expiry checks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from amplify_mock.simulators.appsync.auth import authorize_request, decode_jwt
from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType, AuthProvider
from amplify_mock.simulators.appsync.errors import UnauthorizedRequest
from amplify_mock.simulators.appsync.jwks import JwksError, JwksVerifier

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool"
PRIVATE_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _int_b64(value: int) -> str:
    return _b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def _rsa_jwks() -> dict[str, Any]:
    numbers = PRIVATE_KEY.public_key().public_numbers()
    return {
        "keys": [
            {
                "kty": "RSA",
                "kid": "k1",
                "alg": "RS256",
                "n": _int_b64(numbers.n),
                "e": _int_b64(numbers.e),
            }
        ]
    }


def _rs256(claims: dict[str, Any], kid: str = "k1") -> str:
    header = _b64(json.dumps({"alg": "RS256", "kid": kid}).encode())
    signing_input = f"{header}.{_b64(json.dumps(claims).encode())}"
    signature = PRIVATE_KEY.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


def _claims(**extra: Any) -> dict[str, Any]:
    return {
        "sub": "s",
        "iss": ISSUER,
        "cognito:username": "u",
        "exp": int(time.time()) + 600,
        **extra,
    }


def _verify(verifier: JwksVerifier, token: str) -> None:
    claims = decode_jwt(token)
    assert claims is not None
    verifier.verify(token, claims)


def test_jwks_verifier_accepts_rs256_signed_token() -> None:
    _verify(JwksVerifier(_rsa_jwks()["keys"]), _rs256(_claims()))


def test_jwks_verifier_rejects_tampered_token() -> None:
    token = _rs256(_claims())
    header, _, signature = token.split(".")
    forged = f"{header}.{_b64(json.dumps(_claims(sub='admin')).encode())}.{signature}"
    with pytest.raises(UnauthorizedRequest) as info:
        _verify(JwksVerifier(_rsa_jwks()["keys"]), forged)
    assert info.value.message == "Token signature is not valid"


def test_jwks_verifier_rejects_expired_token() -> None:
    with pytest.raises(UnauthorizedRequest) as info:
        _verify(JwksVerifier(_rsa_jwks()["keys"]), _rs256(_claims(exp=int(time.time()) - 3600)))
    assert info.value.message == "Token has expired."


def test_jwks_verifier_rejects_unknown_kid() -> None:
    with pytest.raises(UnauthorizedRequest) as info:
        _verify(JwksVerifier(_rsa_jwks()["keys"]), _rs256(_claims(), kid="other"))
    assert info.value.message == "No key in the JWKS matches the token"


def test_jwks_verifier_hs256_oct_key() -> None:
    secret = b"open-secrete"
    header = _b64(json.dumps({"alg": "HS256"}).encode())
    signing_input = f"{header}.{_b64(json.dumps(_claims()).encode())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    verifier = JwksVerifier([{"kty": "oct", "k": _b64(secret)}])
    _verify(verifier, f"{signing_input}.{_b64(signature)}")
    with pytest.raises(UnauthorizedRequest):
        _verify(verifier, f"{signing_input}.{_b64(b'x' * 32)}")


def test_jwks_verifier_from_file(tmp_path: Path) -> None:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(_rsa_jwks()))
    _verify(JwksVerifier.from_source(str(path)), _rs256(_claims()))


def test_jwks_verifier_from_missing_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    with pytest.raises(JwksError) as info:
        JwksVerifier.from_source(str(path))
    assert info.value.message.startswith(f"Cannot use the JWKS {path}: ")


async def test_authorize_request_with_verifier_refuses_unsigned_token() -> None:
    config = ApiConfig(
        name="a",
        schema_sdl="type Query { a: String }",
        default_auth=AuthProvider(AuthenticationType.AMAZON_COGNITO_USER_POOLS),
    )
    verifier = JwksVerifier(_rsa_jwks()["keys"])
    good = _rs256(_claims())
    auth = await authorize_request(config, {"authorization": good}, "127.0.0.1", verifier=verifier)
    assert auth.mode is AuthenticationType.AMAZON_COGNITO_USER_POOLS
    unsigned = good.rsplit(".", 1)[0] + "." + _b64(b"nope")
    with pytest.raises(UnauthorizedRequest):
        await authorize_request(config, {"authorization": unsigned}, "127.0.0.1", verifier=verifier)


# The claims are made when the test runs, not at collection: a token minted at collection time
# expires (default exp = now + 600 s) before the test runs in a long, loaded suite.
@pytest.mark.parametrize(
    ("make_claims", "message"),
    [
        (
            lambda: _claims(exp=str(int(time.time()) + 600)),
            "Invalid JWT token: claim exp is not a number",
        ),
        (lambda: _claims(exp=True), "Invalid JWT token: claim exp is not a number"),
        (lambda: _claims(nbf=[1]), "Invalid JWT token: claim nbf is not a number"),
        (lambda: _claims(iat={"a": 1}), "Invalid JWT token: claim iat is not a number"),
        (lambda: _claims(nbf=int(time.time()) + 3600), "Token is not yet valid"),
    ],
    ids=["exp-string", "exp-bool", "nbf-list", "iat-object", "nbf-future"],
)
def test_jwks_verifier_checks_time_claims(
    make_claims: Callable[[], dict[str, Any]], message: str
) -> None:
    with pytest.raises(UnauthorizedRequest) as info:
        _verify(JwksVerifier(_rsa_jwks()["keys"]), _rs256(make_claims()))
    assert info.value.message == message


def test_jwks_verifier_accepts_past_nbf_and_iat() -> None:
    now = int(time.time())
    _verify(JwksVerifier(_rsa_jwks()["keys"]), _rs256(_claims(nbf=now - 10, iat=now - 10.5)))


@pytest.mark.parametrize(
    "header",
    [b"[1, 2]", b'"RS256"', b"not json", b"[" * 2000 + b"]" * 2000],
    ids=["list", "string", "not-json", "deep"],
)
async def test_verify_tokens_malformed_header_is_401(header: bytes) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
    from amplify_mock.simulators.appsync.state import StateHolder

    from .conftest import FakeRunner, make_state

    config = ApiConfig(
        name="a",
        schema_sdl="type Query { a: String }",
        default_auth=AuthProvider(AuthenticationType.AMAZON_COGNITO_USER_POOLS),
    )
    state = make_state(config, FakeRunner({}))
    options = EndpointOptions(verifier=JwksVerifier(_rsa_jwks()["keys"]))
    token = _rs256(_claims())
    forged = ".".join([_b64(header), *token.split(".")[1:]])
    async with TestClient(TestServer(create_app(StateHolder(state), options=options))) as client:
        response = await client.post(
            "/graphql", json={"query": "{ a }"}, headers={"Authorization": forged}
        )
        assert response.status == 401
        assert await response.json() == {
            "errors": [
                {
                    "errorType": "UnauthorizedException",
                    "message": "Unable to parse JWT token.",
                }
            ]
        }
