"""The local identity pool (AWSCognitoIdentityService): GetId, GetCredentialsForIdentity,
GetOpenIdToken.

An identity signed in with a valid id token of the local user pool gets the project's
authenticated role; any other identity gets the unauthenticated role when the pool allows
guests. The credentials are the access key ids the local AppSync maps to those roles
(`ASIAVJKIAM-AuthRole` / `ASIAVJKIAM-UnAuthRole`) with a session token the pool remembers
(`UserPool.credentials_caller`), so a local service can tell whom a request comes from (the
Gen 2 storage access rules); signatures are not checked.

Not emulated: other identity providers (Google, SAML, developer identities), role mappings
by rules or token groups (`cognito:preferred_role`), MergeIdentities.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from amplify_mock.simulators.cognito.errors import (
    InvalidParameterException,
    NotAuthorizedException,
    ResourceNotFoundException,
)
from amplify_mock.simulators.cognito.user_pool import IssuedCredentials, Params, UserPool

__all__ = ["AUTH_ACCESS_KEY_ID", "OPERATIONS", "UNAUTH_ACCESS_KEY_ID"]

#: The access key ids the local AppSync treats as the Auth and the Unauth role.
AUTH_ACCESS_KEY_ID = "ASIAVJKIAM-AuthRole"
UNAUTH_ACCESS_KEY_ID = "ASIAVJKIAM-UnAuthRole"
CREDENTIALS_SECONDS = 3600
OPENID_ISSUER = "https://cognito-identity.amazonaws.com"
_LOGINS_MISMATCH = (
    "Logins don't match. Please include at least one valid login for this identity or identity "
    "pool."
)
_NO_GUESTS = "Unauthenticated access is not supported for this identity pool."


def _check_pool(pool: UserPool, identity_pool_id: str) -> None:
    if identity_pool_id != pool.settings.identity_pool_id:
        raise ResourceNotFoundException(f"IdentityPool '{identity_pool_id}' not found.")


def _login_sub(pool: UserPool, params: Params) -> str | None:
    """The user-pool sub of the request's Logins, None without logins.

    :raises NotAuthorizedException: a login of another provider or an invalid token.
    """
    logins = params.mapping("Logins")
    if not logins:
        return None
    provider = f"cognito-idp.{pool.settings.region}.amazonaws.com/{pool.settings.user_pool_id}"
    token = logins.get(provider)
    if token is None:
        raise NotAuthorizedException(
            f"Invalid login token. Issuer doesn't match providerName (expected {provider})."
        )
    claims = pool.id_token_claims(token)
    if claims is None:
        raise NotAuthorizedException(
            "Invalid login token. Token expired or not signed by the pool."
        )
    return str(claims["sub"])


def _identity_for(pool: UserPool, sub: str | None) -> str:
    region = pool.settings.region
    identities = pool.store.identities
    if sub is not None and sub in identities:
        return identities[sub]
    identity_id = f"{region}:{uuid.uuid4()}"
    identities[sub or f"unauth:{identity_id}"] = identity_id
    pool.store.save()
    return identity_id


def _known(pool: UserPool, identity_id: str) -> str | None:
    """The login key (sub or unauth:...) of a known identity id."""
    return next((k for k, v in pool.store.identities.items() if v == identity_id), None)


def get_id(pool: UserPool, params: Params) -> dict[str, Any]:
    _check_pool(pool, params.text("IdentityPoolId"))
    sub = _login_sub(pool, params)
    if sub is None and not pool.settings.allow_unauthenticated:
        raise NotAuthorizedException(_NO_GUESTS)
    return {"IdentityId": _identity_for(pool, sub)}


def _authenticated(pool: UserPool, params: Params) -> tuple[str, bool]:
    identity_id = params.text("IdentityId")
    owner = _known(pool, identity_id)
    if owner is None:
        raise ResourceNotFoundException(f"Identity '{identity_id}' not found.")
    sub = _login_sub(pool, params)
    if sub is None:
        if not pool.settings.allow_unauthenticated:
            raise NotAuthorizedException(_NO_GUESTS)
        if not owner.startswith("unauth:"):
            raise NotAuthorizedException(_LOGINS_MISMATCH)
        return identity_id, False
    if owner.startswith("unauth:"):
        # a guest signing in keeps the guest identity (Cognito links it to the login)
        del pool.store.identities[owner]
        pool.store.identities[sub] = identity_id
        pool.store.save()
    elif owner != sub:
        raise NotAuthorizedException(_LOGINS_MISMATCH)
    return identity_id, True


def get_credentials_for_identity(pool: UserPool, params: Params) -> dict[str, Any]:
    identity_id, authenticated = _authenticated(pool, params)
    token = secrets.token_urlsafe(200)
    expires = int(pool.clock()) + CREDENTIALS_SECONDS
    sub = _known(pool, identity_id) if authenticated else None
    pool.issued_credentials[token] = IssuedCredentials(identity_id, authenticated, sub, expires)
    return {
        "IdentityId": identity_id,
        "Credentials": {
            "AccessKeyId": AUTH_ACCESS_KEY_ID if authenticated else UNAUTH_ACCESS_KEY_ID,
            "SecretKey": secrets.token_urlsafe(30),
            "SessionToken": token,
            "Expiration": expires,
        },
    }


def get_open_id_token(pool: UserPool, params: Params) -> dict[str, Any]:
    identity_id, authenticated = _authenticated(pool, params)
    if pool.settings.identity_pool_id is None:
        raise InvalidParameterException("The project has no identity pool.")
    now = int(pool.clock())
    token = pool.key.sign(
        {
            "sub": identity_id,
            "aud": pool.settings.identity_pool_id,
            "amr": ["authenticated" if authenticated else "unauthenticated"],
            "iss": OPENID_ISSUER,
            "exp": now + 600,
            "iat": now,
        }
    )
    return {"IdentityId": identity_id, "Token": token}


OPERATIONS = {
    "GetId": get_id,
    "GetCredentialsForIdentity": get_credentials_for_identity,
    "GetOpenIdToken": get_open_id_token,
}
