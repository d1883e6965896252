"""The local user pool: settings, stored users, the signing key, codes, tokens and their checks.

The operations (sign_up.py, auth_flows.py, account.py, admin.py) work through this object;
it owns what they share: the password policy, verification codes (printed through `notify`,
never e-mailed), token issuance and the access-token check.
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amplify_mock.simulators.cognito import srp
from amplify_mock.simulators.cognito.challenges import PendingChallenges
from amplify_mock.simulators.cognito.errors import (
    CodeMismatchException,
    ExpiredCodeException,
    InvalidParameterException,
    InvalidPasswordException,
    NotAuthorizedException,
    ResourceNotFoundException,
    UserNotFoundException,
)
from amplify_mock.simulators.cognito.signing import SigningKey, TokenError
from amplify_mock.simulators.cognito.state import PoolSettings, PoolStore, User, VerificationCode

__all__ = ["Notifier", "Params", "UserPool"]

#: Where confirmation codes go: the terminal of `amplify mock` (a line per code).
Notifier = Callable[[str], None]

TOKEN_SECONDS = 3600
SIGN_UP_CODE_SECONDS = 24 * 3600
RESET_CODE_SECONDS = 3600
_SYMBOLS = re.compile(r"[\^$*.\[\]{}()?\"!@#%&/\\,><':;|_~`=+\- ]")


class Params:
    """A request's JSON members, with Cognito's answers for missing or mistyped ones."""

    def __init__(self, body: Mapping[str, Any]) -> None:
        self.body = body

    def text(self, name: str) -> str:
        value = self.body.get(name)
        if not isinstance(value, str) or not value:
            raise InvalidParameterException(
                f"1 validation error detected: Value null at '{name[0].lower()}{name[1:]}' "
                "failed to satisfy constraint: Member must not be null"
            )
        return value

    def optional(self, name: str) -> str | None:
        value = self.body.get(name)
        return value if isinstance(value, str) else None

    def mapping(self, name: str) -> dict[str, str]:
        value = self.body.get(name) or {}
        if not isinstance(value, dict):
            raise InvalidParameterException(f"{name} must be a map of strings")
        return {str(k): str(v) for k, v in value.items()}

    def attributes(self, name: str) -> dict[str, str]:
        """A `[{"Name": ..., "Value": ...}]` list as a dict."""
        value = self.body.get(name) or []
        if not isinstance(value, list):
            raise InvalidParameterException(f"{name} must be a list of attributes")
        result: dict[str, str] = {}
        for item in value:
            if not isinstance(item, dict) or not isinstance(item.get("Name"), str):
                raise InvalidParameterException(f"{name}: every attribute needs a Name")
            result[item["Name"]] = str(item.get("Value", ""))
        return result


@dataclass(frozen=True)
class IssuedCredentials:
    """Whom the identity pool handed a set of credentials: what a local service (the S3's
    access rules) needs to know about a signed request's caller."""

    identity_id: str
    authenticated: bool
    sub: str | None
    expires: float


class UserPool:
    """One user pool (with its app clients and identity pool settings) served locally."""

    def __init__(
        self,
        settings: PoolSettings,
        data_dir: Path,
        *,
        notify: Notifier | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.notify = notify or (lambda _line: None)
        self.store = PoolStore(data_dir / f"{settings.user_pool_id}.json", clock)
        self.key = SigningKey.load_or_create(data_dir / "signing-key.pem")
        self.challenges = PendingChallenges()
        #: session token -> the identity its credentials were issued for (kept in memory: a
        #: restarted mock refuses old credentials until the app fetches new ones)
        self.issued_credentials: dict[str, IssuedCredentials] = {}

    # -- clients and users -------------------------------------------------------------------
    def check_client(self, client_id: str) -> None:
        """:raises ResourceNotFoundException: not one of the pool's app clients."""
        if client_id not in self.settings.client_ids:
            raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")

    def check_pool(self, user_pool_id: str) -> None:
        if user_pool_id != self.settings.user_pool_id:
            raise ResourceNotFoundException(f"User pool {user_pool_id} does not exist.")

    def find_user(self, name: str) -> User | None:
        return self.store.find(name, self.settings.username_attributes)

    def credentials_caller(self, session_token: str) -> IssuedCredentials | None:
        """The identity of unexpired credentials this pool issued, else None."""
        issued = self.issued_credentials.get(session_token)
        if issued is None or issued.expires <= self.clock():
            return None
        return issued

    def groups_of_sub(self, sub: str) -> tuple[str, ...]:
        """The groups of the user whose `sub` this is (none for an unknown sub)."""
        user = next((u for u in self.store.users.values() if u.sub == sub), None)
        if user is None:
            return ()
        return tuple(g.name for g in self.store.groups.values() if user.username in g.members)

    def user(self, name: str) -> User:
        """:raises UserNotFoundException: no such user (by username or sign-in alias)."""
        user = self.find_user(name)
        if user is None:
            raise UserNotFoundException("User does not exist.")
        return user

    # -- passwords ---------------------------------------------------------------------------
    def check_policy(self, password: str) -> None:
        """:raises InvalidPasswordException: with Cognito's message for the first rule broken."""
        policy = self.settings.password_policy
        prefix = "Password did not conform with policy: "
        if len(password) < policy.min_length:
            raise InvalidPasswordException(prefix + "Password not long enough")
        if policy.require_lowercase and not re.search("[a-z]", password):
            raise InvalidPasswordException(prefix + "Password must have lowercase characters")
        if policy.require_uppercase and not re.search("[A-Z]", password):
            raise InvalidPasswordException(prefix + "Password must have uppercase characters")
        if policy.require_numbers and not re.search("[0-9]", password):
            raise InvalidPasswordException(prefix + "Password must have numeric characters")
        if policy.require_symbols and not _SYMBOLS.search(password):
            raise InvalidPasswordException(prefix + "Password must have symbol characters")

    def verifier(self, username: str, password: str) -> tuple[str, str]:
        return srp.make_verifier(self.settings.pool_name, username, password)

    def set_password(self, user: User, password: str) -> None:
        self.check_policy(password)
        user.salt, user.verifier = self.verifier(user.username, password)
        user.modified = self.clock()

    def password_matches(self, user: User, password: str) -> bool:
        if not user.verifier:
            return False
        return srp.check_password(
            self.settings.pool_name, user.username, password, user.salt, user.verifier
        )

    # -- codes -------------------------------------------------------------------------------
    def send_code(self, user: User, purpose: str, seconds: float) -> dict[str, str]:
        """Make a 6-digit code, print it, and return CodeDeliveryDetails."""
        code = f"{secrets.randbelow(10**6):06d}"
        user.codes = [c for c in user.codes if c.purpose != purpose]
        user.codes.append(VerificationCode(purpose, code, self.clock() + seconds))
        attribute = purpose.split(":", 1)[1] if purpose.startswith("attribute:") else None
        details = self.delivery(user, attribute)
        self.notify(
            f"Cognito: {_PURPOSES.get(purpose.split(':')[0], purpose)} code for user "
            f"{self.display_name(user)}: {code}"
        )
        return details

    def display_name(self, user: User) -> str:
        alias = next(
            (user.attributes[a] for a in self.settings.username_attributes if a in user.attributes),
            None,
        )
        return f"{alias} ({user.username})" if alias else user.username

    def delivery(self, user: User, attribute: str | None = None) -> dict[str, str]:
        name = attribute or ("email" if "email" in user.attributes else "phone_number")
        value = user.attributes.get(name, "")
        medium = "SMS" if name == "phone_number" else "EMAIL"
        return {"AttributeName": name, "DeliveryMedium": medium, "Destination": _mask(value)}

    def use_code(self, user: User, purpose: str, code: str) -> None:
        """Check and consume a code.

        :raises CodeMismatchException, ExpiredCodeException: Cognito's messages.
        """
        stored = user.take_code(purpose)
        if stored is None or stored.expires < self.clock():
            raise ExpiredCodeException("Invalid code provided, please request a code again.")
        if not secrets.compare_digest(stored.code, code):
            raise CodeMismatchException("Invalid verification code provided, please try again.")
        user.codes.remove(stored)

    # -- tokens ------------------------------------------------------------------------------
    def issue_tokens(
        self, user: User, client_id: str, *, refresh: bool = True, auth_time: float | None = None
    ) -> dict[str, Any]:
        """AuthenticationResult: id, access (and refresh) tokens valid one hour."""
        now = int(self.clock())
        origin_jti = str(uuid.uuid4())
        event_id = str(uuid.uuid4())
        groups = [g.name for g in self.store.groups_of(user.username)]
        common: dict[str, Any] = {"sub": user.sub}
        if groups:
            common["cognito:groups"] = groups
        common["iss"] = self.settings.issuer
        timing = {"auth_time": int(auth_time or now), "exp": now + TOKEN_SECONDS, "iat": now}
        id_claims: dict[str, Any] = {
            **common,
            **_id_token_attributes(user),
            "cognito:username": user.username,
            "origin_jti": origin_jti,
            "aud": client_id,
            "event_id": event_id,
            "token_use": "id",
            **timing,
            "jti": str(uuid.uuid4()),
        }
        access_claims: dict[str, Any] = {
            **common,
            "client_id": client_id,
            "origin_jti": origin_jti,
            "event_id": event_id,
            "token_use": "access",
            "scope": "aws.cognito.signin.user.admin",
            **timing,
            "jti": str(uuid.uuid4()),
            "username": user.username,
        }
        result: dict[str, Any] = {
            "AccessToken": self.key.sign(access_claims),
            "ExpiresIn": TOKEN_SECONDS,
            "TokenType": "Bearer",
        }
        if refresh:
            result["RefreshToken"] = self.store.new_refresh_token(
                user.username, client_id, origin_jti
            )
        result["IdToken"] = self.key.sign(id_claims)
        return result

    def access_token_user(self, token: str) -> tuple[User, dict[str, Any]]:
        """The user an access token belongs to.

        :raises NotAuthorizedException: invalid, expired or revoked access token.
        """
        try:
            claims = self.key.verify(token, now=self.clock())
        except TokenError as err:
            reason = (
                "Access Token has expired" if err.reason == "expired" else "Invalid Access Token"
            )
            raise NotAuthorizedException(reason) from err
        if claims.get("token_use") != "access" or claims.get("iss") != self.settings.issuer:
            raise NotAuthorizedException("Invalid Access Token")
        user = self.store.users.get(str(claims.get("username")))
        if user is None:
            raise NotAuthorizedException("Invalid Access Token")
        if claims.get("iat", 0) < user.signed_out_at or self._revoked(claims):
            raise NotAuthorizedException("Access Token has been revoked")
        return user, claims

    def _revoked(self, claims: Mapping[str, Any]) -> bool:
        origin = claims.get("origin_jti")
        return any(t.revoked and t.origin_jti == origin for t in self.store.refresh_tokens.values())

    def id_token_claims(self, token: str) -> dict[str, Any] | None:
        """The claims of a valid id token of this pool (identity pool logins), else None."""
        try:
            claims = self.key.verify(token, now=self.clock())
        except TokenError:
            return None
        if claims.get("token_use") != "id" or claims.get("iss") != self.settings.issuer:
            return None
        return claims


_PURPOSES = {
    "signup": "sign-up confirmation",
    "forgot": "password reset",
    "attribute": "verification",
}


def _id_token_attributes(user: User) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    for name, value in user.attributes.items():
        if name.endswith("_verified"):
            claims[name] = value == "true"
        else:
            claims[name] = value
    return claims


def _mask(value: str) -> str:
    """Cognito's masked destination: `a***@e***` / `+*******1234`."""
    if "@" in value:
        local, domain = value.split("@", 1)
        return f"{local[:1]}***@{domain[:1]}***"
    return "+" + "*" * max(len(value) - 5, 0) + value[-4:] if value else ""
