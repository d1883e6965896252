"""`amplify mock` and the project's Cognito auth: the local pool's settings, seed users, and the
AppSync check of user-pool tokens against the local key.

The pool, client and identity pool ids are the pushed ones (amplify-meta.json outputs) when the
project was pushed, so the app keeps its ids; otherwise stable ids derived from the project and
resource names. Password rules, sign-in attributes and guest access come from the auth
resource's parameters.json / cli-inputs.json.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json
from amplify_mock.errors import AmplifyMockError
from amplify_mock.project.project import Project
from amplify_mock.simulators.appsync.auth import TokenVerifier, bearer_token
from amplify_mock.simulators.appsync.errors import UnauthorizedRequest
from amplify_mock.simulators.appsync.jwks import JwksVerifier
from amplify_mock.simulators.cognito import PasswordPolicy, PoolSettings, UserPool
from amplify_mock.simulators.cognito.account import confirm
from amplify_mock.simulators.cognito.errors import CognitoError
from amplify_mock.simulators.cognito.state import Group

__all__ = [
    "AuthResource",
    "LocalUserPoolVerifier",
    "SeedUsersError",
    "ensure_project_groups",
    "find_auth_resource",
    "load_seed_users",
    "pool_settings",
]

_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_CHARACTER_RULES = {
    "requires lowercase": "require_lowercase",
    "requires uppercase": "require_uppercase",
    "requires numbers": "require_numbers",
    "requires symbols": "require_symbols",
}


@dataclass(frozen=True)
class AuthResource:
    """The project's Cognito auth resource (Gen 1 `auth` category)."""

    name: str
    parameters: Mapping[str, Any]
    outputs: Mapping[str, Any]


def find_auth_resource(project: Project) -> AuthResource | None:
    """The first `auth` resource with service Cognito, or None."""
    meta = project.amplify_meta().get("auth") or {}
    config = project.backend_config().get("auth") or {}
    for name, entry in {**config, **meta}.items():
        if not isinstance(entry, dict) or entry.get("service") != "Cognito":
            continue
        folder = project.paths.resource_dir("auth", name)
        parameters = dict(read_json(folder / "parameters.json", default={}))
        inputs = read_json(folder / "cli-inputs.json", default={})
        parameters.update((inputs.get("cognitoConfig") or {}) if isinstance(inputs, dict) else {})
        frontend = entry.get("frontendAuthConfig") or {}
        if "usernameAttributes" in frontend and "usernameAttributes" not in parameters:
            parameters["usernameAttributes"] = frontend["usernameAttributes"]
        outputs = (meta.get(name) or {}).get("output") or {}
        return AuthResource(name, parameters, outputs)
    return None


def _derived(seed: str, length: int, alphabet: str) -> str:
    digest = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big")
    chars = []
    for _ in range(length):
        digest, index = divmod(digest, len(alphabet))
        chars.append(alphabet[index])
    return "".join(chars)


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def _lower_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(str(v).lower() for v in value)


def pool_settings(project: Project, auth: AuthResource, region: str) -> PoolSettings:
    """The local pool's settings for `auth` (ids from the cloud outputs when pushed)."""
    seed = f"{project.name}/{auth.name}"
    outputs = auth.outputs
    pool_id = str(outputs.get("UserPoolId") or f"{region}_{_derived(seed, 9, _ALPHANUMERIC)}")
    region = pool_id.split("_", 1)[0]
    client_ids = tuple(
        str(outputs[key]) for key in ("AppClientIDWeb", "AppClientID") if outputs.get(key)
    ) or (_derived(seed + "/web", 26, "0123456789abcdefghijklmnopqrstuvwxyz"),)
    identity_pool = str(
        outputs.get("IdentityPoolId") or f"{region}:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"
    )
    parameters = auth.parameters
    characters = {c.lower() for c in _lower_list(parameters.get("passwordPolicyCharacters"))}
    rules = {field: True for label, field in _CHARACTER_RULES.items() if label in characters}
    try:
        min_length = int(parameters.get("passwordPolicyMinLength") or 8)
    except (TypeError, ValueError):
        min_length = 8
    username_attributes = tuple(
        "phone_number" if a in ("phone_number", "phone") else a
        for a in _lower_list(parameters.get("usernameAttributes"))
    )
    auto_verified = _lower_list(parameters.get("autoVerifiedAttributes")) or ("email",)
    return PoolSettings(
        region=region,
        user_pool_id=pool_id,
        client_ids=client_ids,
        identity_pool_id=identity_pool,
        allow_unauthenticated=_truthy(parameters.get("allowUnauthenticatedIdentities", True)),
        username_attributes=username_attributes,
        auto_verified=tuple("phone_number" if a == "phone" else a for a in auto_verified),
        password_policy=PasswordPolicy(min_length=min_length, **rules),
    )


class LocalUserPoolVerifier:
    """AppSync's check of JWTs while the local pool runs.

    Tokens of the local pool must carry its signature and be unexpired; tokens naming any other
    Cognito user pool are refused (they cannot be checked offline); other issuers (OIDC) go to
    the `--verify-tokens` verifier when there is one, else pass unchecked as before.
    """

    def __init__(self, pool: UserPool, fallback: TokenVerifier | None = None) -> None:
        self.issuer = pool.settings.issuer
        self._local = JwksVerifier(pool.key.jwks()["keys"], leeway=0)
        self._fallback = fallback

    def verify(self, token: str, claims: Mapping[str, Any]) -> None:
        """:raises UnauthorizedRequest: a bad, expired or foreign user-pool token."""
        issuer = str(claims.get("iss", ""))
        if issuer == self.issuer:
            self._local.verify(bearer_token(token), claims)
        elif issuer.startswith("https://cognito-idp."):
            raise UnauthorizedRequest(f"Token issuer {issuer} is not the local user pool")
        elif self._fallback is not None:
            self._fallback.verify(token, claims)


def ensure_project_groups(pool: UserPool, project: Project) -> list[str]:
    """Create the user pool groups of `amplify add auth` (the userPoolGroups resource's
    user-pool-group-precedence.json) that the local pool lacks; returns the names created."""
    path = project.paths.resource_dir("auth", "userPoolGroups") / "user-pool-group-precedence.json"
    entries = read_json(path, default=[])
    created = []
    for entry in entries if isinstance(entries, list) else []:
        name = entry.get("groupName") if isinstance(entry, dict) else None
        if not isinstance(name, str) or name in pool.store.groups:
            continue
        precedence = entry.get("precedence")
        pool.store.groups[name] = Group(
            name,
            precedence=precedence if isinstance(precedence, int) else None,
            created=pool.clock(),
        )
        created.append(name)
    if created:
        pool.store.save()
    return created


class SeedUsersError(AmplifyMockError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: {reason}",
            'Fix the seed file: a JSON list of {"username", "password", "attributes", "groups"}.',
        )


def load_seed_users(pool: UserPool, seed_dir: Path) -> int:
    """Create the users of `<seed>/cognito/users.json` that do not exist yet (confirmed,
    with their groups); returns how many were created.

    :raises SeedUsersError: the file is not a list of users, or a user is refused by the pool.
    """
    path = seed_dir / "cognito" / "users.json"
    if not path.is_file():
        return 0
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise SeedUsersError(path, f"{err.lineno}:{err.colno}: {err.msg}") from err
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SeedUsersError(path, "not a JSON list of objects")
    created = 0
    for index, entry in enumerate(entries):
        username, password = entry.get("username"), entry.get("password")
        if not isinstance(username, str) or not isinstance(password, str):
            raise SeedUsersError(path, f"user {index}: needs a username and a password")
        if pool.find_user(username) is not None:
            continue
        attributes = {str(k): str(v) for k, v in (entry.get("attributes") or {}).items()}
        try:
            pool.check_policy(password)
        except CognitoError as err:
            raise SeedUsersError(path, f"user {username}: {err.message}") from err
        stored = username
        if pool.settings.username_attributes:
            stored = str(uuid.uuid4())
            alias = pool.settings.username_attributes[0]
            attributes.setdefault(alias, username)
        salt, verifier = pool.verifier(stored, password)
        user = pool.store.add_user(stored, attributes, "CONFIRMED", salt, verifier)
        confirm(pool, user)
        for group_name in entry.get("groups") or []:
            group = pool.store.groups.setdefault(
                str(group_name), Group(str(group_name), created=pool.clock())
            )
            group.members.append(stored)
        created += 1
    pool.store.save()
    return created
