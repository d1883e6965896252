"""The local user pool's data: settings, users, groups and refresh tokens, in one JSON file.

`amplify/mock-data/cognito/<user pool id>.json` holds everything (passwords only as SRP salt and
verifier, refresh tokens only as SHA-256 hashes); every change is written atomically before the
call answers, so a killed mock loses nothing it acknowledged.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Group",
    "PasswordPolicy",
    "PoolSettings",
    "PoolStore",
    "User",
    "VerificationCode",
]


@dataclass(frozen=True)
class PasswordPolicy:
    """The pool's password rules (Amplify's default: 8 characters, no character classes)."""

    min_length: int = 8
    require_lowercase: bool = False
    require_uppercase: bool = False
    require_numbers: bool = False
    require_symbols: bool = False


@dataclass(frozen=True)
class PoolSettings:
    """What the project says about its user pool and identity pool."""

    region: str
    user_pool_id: str
    client_ids: tuple[str, ...]
    identity_pool_id: str | None = None
    allow_unauthenticated: bool = True
    #: "email" / "phone_number": users sign in with that attribute; their username is their sub.
    username_attributes: tuple[str, ...] = ()
    auto_verified: tuple[str, ...] = ("email",)
    password_policy: PasswordPolicy = PasswordPolicy()

    @property
    def pool_name(self) -> str:
        """The part after `_` of the pool id: the SRP "pool name"."""
        return self.user_pool_id.split("_", 1)[1]

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool_id}"


@dataclass
class VerificationCode:
    """A code sent for sign-up, a forgotten password or an attribute change."""

    purpose: str  # "signup", "forgot" or "attribute:<name>"
    code: str
    expires: float


@dataclass
class User:
    username: str
    sub: str
    attributes: dict[str, str]
    status: str  # UNCONFIRMED, CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED
    salt: str
    verifier: str
    created: float
    modified: float
    enabled: bool = True
    codes: list[VerificationCode] = field(default_factory=list)
    #: tokens issued before this instant are revoked (GlobalSignOut, AdminUserGlobalSignOut)
    signed_out_at: float = 0.0

    def attribute_list(self) -> list[dict[str, str]]:
        return [{"Name": "sub", "Value": self.sub}] + [
            {"Name": k, "Value": v} for k, v in self.attributes.items() if k != "sub"
        ]

    def take_code(self, purpose: str) -> VerificationCode | None:
        for code in self.codes:
            if code.purpose == purpose:
                return code
        return None


@dataclass
class Group:
    name: str
    description: str = ""
    precedence: int | None = None
    role_arn: str | None = None
    created: float = 0.0
    members: list[str] = field(default_factory=list)


@dataclass
class RefreshToken:
    username: str
    client_id: str
    origin_jti: str
    issued: float
    revoked: bool = False


class PoolStore:
    """Users, groups and refresh tokens of one user pool, persisted to one JSON file."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock
        self.users: dict[str, User] = {}
        self.groups: dict[str, Group] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}
        self.identities: dict[str, str] = {}  # login key (sub or "unauth:<id>") -> identity id
        self._load()

    def _load(self) -> None:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        for raw in document.get("users", []):
            codes = [VerificationCode(**c) for c in raw.pop("codes", [])]
            user = User(**raw, codes=codes)
            self.users[user.username] = user
        for raw in document.get("groups", []):
            group = Group(**raw)
            self.groups[group.name] = group
        for digest, raw in document.get("refreshTokens", {}).items():
            self.refresh_tokens[digest] = RefreshToken(**raw)
        self.identities = dict(document.get("identities", {}))

    def save(self) -> None:
        """Write everything atomically (temporary file, then rename)."""
        document: dict[str, Any] = {
            "users": [asdict(u) for u in self.users.values()],
            "groups": [asdict(g) for g in self.groups.values()],
            "refreshTokens": {k: asdict(v) for k, v in self.refresh_tokens.items()},
            "identities": self.identities,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        temporary.replace(self.path)

    # -- users -------------------------------------------------------------------------------
    def find(self, name: str, username_attributes: tuple[str, ...]) -> User | None:
        """A user by username, or by a verified... any alias attribute the pool signs in with."""
        user = self.users.get(name)
        if user is not None:
            return user
        for attribute in username_attributes:
            for candidate in self.users.values():
                if candidate.attributes.get(attribute) == name:
                    return candidate
        return None

    def add_user(
        self, username: str, attributes: dict[str, str], status: str, salt: str, verifier: str
    ) -> User:
        now = self.clock()
        sub = attributes.pop("sub", None) or str(uuid.uuid4())
        user = User(username, sub, attributes, status, salt, verifier, now, now)
        self.users[username] = user
        return user

    def by_sub(self, sub: str) -> User | None:
        return next((u for u in self.users.values() if u.sub == sub), None)

    def groups_of(self, username: str) -> list[Group]:
        """The user's groups, by precedence (lowest first) then name, as Cognito lists them."""
        groups = [g for g in self.groups.values() if username in g.members]
        return sorted(groups, key=lambda g: (g.precedence is None, g.precedence or 0, g.name))

    def iter_users(self) -> Iterator[User]:
        return iter(sorted(self.users.values(), key=lambda u: u.created))

    # -- refresh tokens ----------------------------------------------------------------------
    def new_refresh_token(self, username: str, client_id: str, origin_jti: str) -> str:
        token = secrets.token_urlsafe(96)
        self.refresh_tokens[_digest(token)] = RefreshToken(
            username, client_id, origin_jti, self.clock()
        )
        return token

    def refresh_token(self, token: str) -> RefreshToken | None:
        return self.refresh_tokens.get(_digest(token))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
