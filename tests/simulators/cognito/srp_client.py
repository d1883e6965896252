"""The client side of Cognito's USER_SRP_AUTH, written from amazon-cognito-identity-js's
AuthenticationHelper (independently of the server code), for boto3 tests."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from typing import Any

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E"
    "3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF"
    "5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D3"
    "9A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08"
    "CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183"
    "995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458"
    "DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12F"
    "FA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB"
    "3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2


def pad_hex(value: int) -> str:
    """padHex: even-length hex, "00" in front when the first nibble is 8-f."""
    text = format(value, "x")
    if len(text) % 2:
        text = "0" + text
    if text[0] in "89abcdef":
        text = "00" + text
    return text


def hex_hash(hex_text: str) -> str:
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest()


K = int(hex_hash("00" + N_HEX.lower() + "02"), 16)


def now_string(moment: datetime | None = None) -> str:
    moment = moment or datetime.now(UTC)
    return moment.strftime("%a %b ") + str(moment.day) + moment.strftime(" %H:%M:%S UTC %Y")


class SrpClient:
    def __init__(self, pool_id: str) -> None:
        self.pool_name = pool_id.split("_", 1)[1]
        self.a = int.from_bytes(secrets.token_bytes(128), "big") % N
        self.big_a = pow(G, self.a, N)

    def auth_parameters(self, username: str) -> dict[str, str]:
        return {"USERNAME": username, "SRP_A": format(self.big_a, "x")}

    def challenge_responses(
        self, challenge: dict[str, str], password: str, timestamp: str | None = None
    ) -> dict[str, Any]:
        user_id = challenge["USER_ID_FOR_SRP"]
        big_b = int(challenge["SRP_B"], 16)
        salt = int(challenge["SALT"], 16)
        u = int(hex_hash(pad_hex(self.big_a) + pad_hex(big_b)), 16)
        inner = hashlib.sha256(f"{self.pool_name}{user_id}:{password}".encode()).hexdigest()
        x = int(hex_hash(pad_hex(salt) + inner), 16)
        s = pow(big_b - K * pow(G, x, N), self.a + u * x, N)
        prk = hmac.new(bytes.fromhex(pad_hex(u)), bytes.fromhex(pad_hex(s)), hashlib.sha256)
        key = hmac.new(prk.digest(), b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
        timestamp = timestamp or now_string()
        secret_block = base64.b64decode(challenge["SECRET_BLOCK"])
        message = self.pool_name.encode() + user_id.encode() + secret_block + timestamp.encode()
        signature = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
        return {
            "USERNAME": user_id,
            "PASSWORD_CLAIM_SECRET_BLOCK": challenge["SECRET_BLOCK"],
            "TIMESTAMP": timestamp,
            "PASSWORD_CLAIM_SIGNATURE": signature,
        }


def srp_sign_in(client: Any, pool_id: str, client_id: str, username: str, password: str) -> Any:
    """InitiateAuth USER_SRP_AUTH + RespondToAuthChallenge PASSWORD_VERIFIER with boto3."""
    srp = SrpClient(pool_id)
    started = client.initiate_auth(
        AuthFlow="USER_SRP_AUTH", ClientId=client_id, AuthParameters=srp.auth_parameters(username)
    )
    assert started["ChallengeName"] == "PASSWORD_VERIFIER", started
    return client.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="PASSWORD_VERIFIER",
        Session=started.get("Session"),
        ChallengeResponses=srp.challenge_responses(started["ChallengeParameters"], password),
    )
