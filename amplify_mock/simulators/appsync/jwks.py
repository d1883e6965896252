"""`--verify-tokens`: checks JWT signatures and expiry against a JWKS file or URL.

By default the mock, like `amplify mock`, decodes tokens without checking them. With a JWKS,
RS256/RS384/RS512 (RSA keys) and HS256/HS384/HS512 (`oct` keys) signatures are verified with
the standard library only. Not emulated: EC (ES256...) and PS* algorithms, which are refused
with a clear message.
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import json
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.appsync.auth import UNPARSABLE_JWT, b64url_decode, bearer_token
from amplify_mock.simulators.appsync.errors import UnauthorizedRequest

__all__ = ["JwksError", "JwksVerifier"]

_HASHES = {"256": hashlib.sha256, "384": hashlib.sha384, "512": hashlib.sha512}
#: DER prefixes of the DigestInfo for EMSA-PKCS1-v1_5 (RFC 8017, section 9.2 note 1).
_DIGEST_INFO = {
    "256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "512": bytes.fromhex("3051300d060960864801650304020305000440"),
}


class JwksError(AmplifyMockError):
    """A JWKS that cannot be read or has no usable key."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(
            f"Cannot use the JWKS {source}: {reason}",
            resolution='Pass a JWKS file or URL ({"keys": [...]}) to --verify-tokens.',
        )


def _b64int(text: str) -> int:
    return int.from_bytes(b64url_decode(text), "big")


class JwksVerifier:
    """A `TokenVerifier` backed by a JSON Web Key Set."""

    def __init__(self, keys: list[Mapping[str, Any]], *, leeway: int = 60) -> None:
        self.keys = keys
        self.leeway = leeway

    @classmethod
    def from_source(cls, source: str) -> JwksVerifier:
        """Read the JWKS from a file path or an http(s) URL (blocking; call at start-up).

        :raises JwksError: unreadable, not JSON, or no keys.
        """
        try:
            if source.startswith(("http://", "https://")):
                with urllib.request.urlopen(source, timeout=10) as response:
                    document = json.loads(response.read())
            else:
                document = json.loads(Path(source).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise JwksError(source, str(err)) from err
        keys = document.get("keys") if isinstance(document, dict) else None
        if not isinstance(keys, list) or not keys:
            raise JwksError(source, 'it has no "keys" list')
        return cls(keys)

    def verify(self, token: str, claims: Mapping[str, Any]) -> None:
        """:raises UnauthorizedRequest: bad signature, unknown key, or an expired token."""
        try:
            header_b64, payload_b64, signature_b64 = bearer_token(token).split(".")
            header = json.loads(b64url_decode(header_b64))
            signature = b64url_decode(signature_b64)
        except (ValueError, binascii.Error, RecursionError) as err:
            raise UnauthorizedRequest(UNPARSABLE_JWT) from err
        if not isinstance(header, dict):
            raise UnauthorizedRequest(UNPARSABLE_JWT)
        algorithm = str(header.get("alg", ""))
        key = self._key(header.get("kid"), algorithm)
        signed = f"{header_b64}.{payload_b64}".encode()
        if not _check_signature(algorithm, key, signed, signature):
            raise UnauthorizedRequest("Token signature is not valid")
        self._check_times(claims)

    def _check_times(self, claims: Mapping[str, Any]) -> None:
        """`exp`, `nbf` and `iat` are NumericDate numbers (RFC 7519); `nbf` is honoured.

        :raises UnauthorizedRequest: a claim of the wrong type, expired, or not yet valid.
        """
        for name in ("exp", "nbf", "iat"):
            value = claims.get(name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                raise UnauthorizedRequest(f"Invalid JWT token: claim {name} is not a number")
        now = time.time()
        expires, not_before = claims.get("exp"), claims.get("nbf")
        if expires is not None and expires + self.leeway < now:
            raise UnauthorizedRequest("Token has expired.")
        if not_before is not None and not_before - self.leeway > now:
            raise UnauthorizedRequest("Token is not yet valid")

    def _key(self, kid: Any, algorithm: str) -> Mapping[str, Any]:
        family = "oct" if algorithm.startswith("HS") else "RSA"
        if algorithm[:2] not in ("HS", "RS") or algorithm[2:] not in _HASHES:
            raise UnauthorizedRequest(f"Token algorithm {algorithm or 'none'} is not supported")
        candidates = [k for k in self.keys if k.get("kty") == family]
        if kid is not None:
            candidates = [k for k in candidates if k.get("kid") == kid]
        if not candidates:
            raise UnauthorizedRequest("No key in the JWKS matches the token")
        return candidates[0]


def _check_signature(
    algorithm: str, key: Mapping[str, Any], signed: bytes, signature: bytes
) -> bool:
    bits = algorithm[2:]
    digest = _HASHES[bits]
    if algorithm.startswith("HS"):
        expected = hmac.new(b64url_decode(str(key.get("k", ""))), signed, digest).digest()
        return hmac.compare_digest(expected, signature)
    modulus, exponent = _b64int(str(key["n"])), _b64int(str(key["e"]))
    size = (modulus.bit_length() + 7) // 8
    if len(signature) != size:
        return False
    encoded = pow(int.from_bytes(signature, "big"), exponent, modulus).to_bytes(size, "big")
    digest_info = _DIGEST_INFO[bits] + digest(signed).digest()
    padding = size - len(digest_info) - 3
    expected = b"\x00\x01" + b"\xff" * padding + b"\x00" + digest_info
    return padding >= 8 and hmac.compare_digest(encoded, expected)
