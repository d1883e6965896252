"""`defineAuth` as the local Cognito: the pool's settings and its groups.

Ids are stable per project (derived from the project folder's name), so a restarted mock
keeps its users and the app keeps its config. Gen 2's pool: sign-in with email (or phone),
the username is the user's sub, guests allowed in the identity pool, and Cognito's default
password policy (8 characters with lower, upper, numbers and symbols).

Not emulated: external providers, MFA, the auth triggers, custom senders.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from amplify_mock.gen2 import AuthDefinition
from amplify_mock.simulators.cognito import PasswordPolicy, PoolSettings, UserPool
from amplify_mock.simulators.cognito.state import Group

__all__ = ["ensure_groups", "pool_settings"]

_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _derived(seed: str, length: int, alphabet: str) -> str:
    digest = int.from_bytes(hashlib.sha256(seed.encode()).digest(), "big")
    chars = []
    for _ in range(length):
        digest, index = divmod(digest, len(alphabet))
        chars.append(alphabet[index])
    return "".join(chars)


def pool_settings(auth: AuthDefinition, project_root: Path, region: str) -> PoolSettings:
    """The local pool for `auth`, its ids stable for the project."""
    seed = f"gen2/{project_root.name}/{auth.name or 'auth'}"
    username_attributes = tuple(
        "phone_number" if method == "phone" else method
        for method in auth.login_with
        if method in ("email", "phone")
    )
    return PoolSettings(
        region=region,
        user_pool_id=f"{region}_{_derived(seed, 9, _ALPHANUMERIC)}",
        client_ids=(_derived(seed + "/client", 26, "0123456789abcdefghijklmnopqrstuvwxyz"),),
        identity_pool_id=f"{region}:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}",
        allow_unauthenticated=True,
        username_attributes=username_attributes,
        auto_verified=username_attributes[:1] or ("email",),
        password_policy=PasswordPolicy(
            min_length=8,
            require_lowercase=True,
            require_uppercase=True,
            require_numbers=True,
            require_symbols=True,
        ),
    )


def ensure_groups(pool: UserPool, auth: AuthDefinition) -> list[str]:
    """Create the `groups` of defineAuth that the local pool lacks (precedence in order, as
    the auth construct sets it); returns the names created."""
    created = []
    for precedence, name in enumerate(auth.groups):
        if name in pool.store.groups:
            continue
        pool.store.groups[name] = Group(name, precedence=precedence, created=pool.clock())
        created.append(name)
    if created:
        pool.store.save()
    return created
