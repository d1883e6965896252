"""The project's token signing key: an RSA key made once per project, RS256 JWTs, the JWKS.

The one module that uses `cryptography` for the user pool (key generation, PKCS#1 v1.5
signatures). The key lives in `amplify/mock-data/cognito/signing-key.pem`, so tokens stay valid
across mock restarts and the JWKS an app cached stays right.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

__all__ = ["SigningKey", "TokenError", "b64url", "b64url_decode"]


class TokenError(Exception):
    """A token that is malformed, not signed by this key, or expired (`reason` says which)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _int_b64(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


class SigningKey:
    """An RSA-2048 key with its JWKS `kid` (a hash of the public key)."""

    def __init__(self, key: rsa.RSAPrivateKey) -> None:
        self._key = key
        numbers = key.public_key().public_numbers()
        self._jwk = {
            "alg": "RS256",
            "e": _int_b64(numbers.e),
            "kty": "RSA",
            "n": _int_b64(numbers.n),
        }
        self.kid = b64url(hashlib.sha256(self._jwk["n"].encode()).digest())
        self._jwk = {**self._jwk, "kid": self.kid, "use": "sig"}

    @classmethod
    def load_or_create(cls, path: Path) -> SigningKey:
        """Read the PEM at `path`, or create and save a new key there (mode 0600)."""
        try:
            pem = path.read_bytes()
        except FileNotFoundError:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(pem)
            temporary.chmod(0o600)
            temporary.replace(path)
            return cls(key)
        loaded = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(loaded, rsa.RSAPrivateKey):
            raise ValueError(f"{path} does not hold an RSA private key")
        return cls(loaded)

    def jwks(self) -> dict[str, Any]:
        """The `/.well-known/jwks.json` document."""
        return {"keys": [dict(self._jwk)]}

    def sign(self, claims: Mapping[str, Any]) -> str:
        """An RS256 JWT with this key's `kid`."""
        header = {"kid": self.kid, "alg": "RS256"}
        signing_input = (
            b64url(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + b64url(json.dumps(dict(claims), separators=(",", ":")).encode())
        )
        signature = self._key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{b64url(signature)}"

    def verify(self, token: str, *, now: float | None = None) -> dict[str, Any]:
        """The claims of a token this key signed and that has not expired.

        :raises TokenError: reason "malformed", "signature" or "expired".
        """
        try:
            header_b64, payload_b64, signature_b64 = token.split(".")
            header = json.loads(b64url_decode(header_b64))
            claims = json.loads(b64url_decode(payload_b64))
            signature = b64url_decode(signature_b64)
        except ValueError as err:
            raise TokenError("malformed") from err
        if not isinstance(header, dict) or not isinstance(claims, dict):
            raise TokenError("malformed")
        if header.get("alg") != "RS256" or header.get("kid") != self.kid:
            raise TokenError("signature")
        try:
            self._key.public_key().verify(
                signature,
                f"{header_b64}.{payload_b64}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except InvalidSignature as err:
            raise TokenError("signature") from err
        expires = claims.get("exp")
        if not isinstance(expires, (int, float)) or expires < (time.time() if now is None else now):
            raise TokenError("expired")
        return claims
