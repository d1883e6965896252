"""The server side of Cognito's SRP-6a (USER_SRP_AUTH), byte for byte what the clients compute.

Group: the 3072-bit prime of RFC 5054 with g = 2; H = SHA-256; integers are hashed in their
two's-complement minimal big-endian form (Java's BigInteger.toByteArray, `pad`). The client
proves the password with a signature over pool name, user id, SECRET_BLOCK and TIMESTAMP keyed
by the first 16 bytes of an HKDF of the shared secret S (info "Caldera Derived Key").

The pool stores only the salt and the verifier v = g^x, x = H(salt | H(pool + user + ":" +
password)): the same pair checks USER_PASSWORD_AUTH passwords.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

__all__ = [
    "G",
    "K",
    "N",
    "SrpServerSession",
    "check_password",
    "hkdf_key",
    "make_verifier",
    "pad",
    "password_signature",
]

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E"
    "3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF"
    "5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D3"
    "9A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08"
    "CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183"
    "995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458"
    "DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12F"
    "FA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB"
    "3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)
G = 2
_INFO = b"Caldera Derived Key\x01"


def pad(value: int) -> bytes:
    """Two's-complement minimal big-endian bytes of n >= 0 (0x00 before a set high bit)."""
    return value.to_bytes(value.bit_length() // 8 + 1, "big")


def _h(data: bytes) -> int:
    return int.from_bytes(hashlib.sha256(data).digest(), "big")


K = _h(pad(N) + pad(G))


def _x(pool_name: str, user_id: str, password: str, salt: int) -> int:
    inner = hashlib.sha256(f"{pool_name}{user_id}:{password}".encode()).hexdigest()
    return _h(pad(salt) + bytes.fromhex(inner))


def make_verifier(pool_name: str, user_id: str, password: str) -> tuple[str, str]:
    """A new (salt, verifier) pair, both hex, for a password."""
    salt = int.from_bytes(secrets.token_bytes(16), "big")
    return format(salt, "x"), format(pow(G, _x(pool_name, user_id, password, salt), N), "x")


def check_password(pool_name: str, user_id: str, password: str, salt: str, verifier: str) -> bool:
    """Whether `password` is the one the stored (salt, verifier) pair was made from."""
    x = _x(pool_name, user_id, password, int(salt, 16))
    return hmac.compare_digest(format(pow(G, x, N), "x"), verifier)


def hkdf_key(shared: int, u: int) -> bytes:
    """RFC 5869 HKDF-SHA256, one block, salt = pad(u), ikm = pad(S), first 16 bytes."""
    prk = hmac.new(pad(u), pad(shared), hashlib.sha256).digest()
    return hmac.new(prk, _INFO, hashlib.sha256).digest()[:16]


def password_signature(
    key: bytes, pool_name: str, user_id: str, secret_block: bytes, timestamp: str
) -> str:
    """PASSWORD_CLAIM_SIGNATURE: base64 HMAC-SHA256 over pool, user, secret block, timestamp."""
    message = pool_name.encode() + user_id.encode() + secret_block + timestamp.encode()
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


@dataclass(frozen=True)
class SrpServerSession:
    """One PASSWORD_VERIFIER challenge: the server's B for the client's A and a stored verifier."""

    a_public: int
    b_private: int
    b_public: int
    verifier: int

    @classmethod
    def start(cls, a_public_hex: str, verifier_hex: str) -> SrpServerSession:
        """:raises ValueError: SRP_A is not hex or is 0 mod N (which would leak the key)."""
        a_public = int(a_public_hex, 16)
        if a_public % N == 0:
            raise ValueError("SRP_A mod N is zero")
        verifier = int(verifier_hex, 16)
        while True:
            b_private = int.from_bytes(secrets.token_bytes(128), "big")
            b_public = (K * verifier + pow(G, b_private, N)) % N
            if b_public % N:
                return cls(a_public, b_private, b_public, verifier)

    def derived_key(self) -> bytes:
        """The 16-byte key both sides derive: S = (A * v^u)^b mod N through HKDF."""
        u = _h(pad(self.a_public) + pad(self.b_public))
        shared = pow(self.a_public * pow(self.verifier, u, N), self.b_private, N)
        return hkdf_key(shared, u)
