"""Signing in: InitiateAuth / AdminInitiateAuth, RespondToAuthChallenge, refresh-token flows.

USER_SRP_AUTH answers PASSWORD_VERIFIER (SRP_B, SALT, SECRET_BLOCK, USER_ID_FOR_SRP = the
stored username) and checks PASSWORD_CLAIM_SIGNATURE as Cognito does; USER_PASSWORD_AUTH (and
ADMIN_USER_PASSWORD_AUTH) compare the password with the same stored verifier. A user created by
an admin with a temporary password gets NEW_PASSWORD_REQUIRED. Sessions are single use and
expire after three minutes, like Cognito's.

Not emulated: CUSTOM_AUTH (Lambda triggers), USER_AUTH (passwordless), MFA and device challenges.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import secrets
from typing import Any

from amplify_mock.simulators.cognito import srp
from amplify_mock.simulators.cognito.challenges import Pending
from amplify_mock.simulators.cognito.errors import (
    InvalidParameterException,
    NotAuthorizedException,
    UserNotConfirmedException,
)
from amplify_mock.simulators.cognito.state import User
from amplify_mock.simulators.cognito.user_pool import Params, UserPool

__all__ = ["OPERATIONS"]

SESSION_SECONDS = 180
_INCORRECT = "Incorrect username or password."


def _required(parameters: dict[str, str], name: str) -> str:
    value = parameters.get(name)
    if not value:
        raise InvalidParameterException(f"Missing required parameter {name}")
    return value


def initiate_auth(pool: UserPool, params: Params) -> dict[str, Any]:
    client_id = params.text("ClientId")
    pool.check_client(client_id)
    return _start(pool, params.text("AuthFlow"), params.mapping("AuthParameters"), client_id)


def admin_initiate_auth(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_pool(params.text("UserPoolId"))
    client_id = params.text("ClientId")
    pool.check_client(client_id)
    flow = params.text("AuthFlow")
    if flow in ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"):
        flow = "USER_PASSWORD_AUTH"
    return _start(pool, flow, params.mapping("AuthParameters"), client_id)


def _start(pool: UserPool, flow: str, parameters: dict[str, str], client_id: str) -> dict[str, Any]:
    if flow == "USER_SRP_AUTH":
        return _start_srp(pool, parameters, client_id)
    if flow == "USER_PASSWORD_AUTH":
        user = pool.user(_required(parameters, "USERNAME"))
        if not pool.password_matches(user, _required(parameters, "PASSWORD")):
            raise NotAuthorizedException(_INCORRECT)
        return _signed_in(pool, user, client_id)
    if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        return _refresh(pool, _required(parameters, "REFRESH_TOKEN"), client_id)
    if flow == "CUSTOM_AUTH":
        raise InvalidParameterException(
            "Custom auth lambda trigger is not configured for the user pool."
        )
    raise InvalidParameterException(f"Unsupported auth flow {flow} (amplify mock).")


def _start_srp(pool: UserPool, parameters: dict[str, str], client_id: str) -> dict[str, Any]:
    user = pool.user(_required(parameters, "USERNAME"))
    try:
        session_srp = srp.SrpServerSession.start(_required(parameters, "SRP_A"), user.verifier)
    except ValueError as err:
        raise InvalidParameterException("Invalid SRP_A value.") from err
    secret_block = secrets.token_bytes(64)
    session = pool.challenges.add(
        Pending(
            "PASSWORD_VERIFIER",
            user.username,
            client_id,
            pool.clock() + SESSION_SECONDS,
            secret_block,
            session_srp,
        )
    )
    return {
        "ChallengeName": "PASSWORD_VERIFIER",
        "Session": session,
        "ChallengeParameters": {
            "SALT": user.salt,
            "SECRET_BLOCK": base64.b64encode(secret_block).decode(),
            "SRP_B": format(session_srp.b_public, "x"),
            "USERNAME": user.username,
            "USER_ID_FOR_SRP": user.username,
        },
    }


def _signed_in(pool: UserPool, user: User, client_id: str) -> dict[str, Any]:
    """Tokens, or the challenge/status error that comes after a correct password."""
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    if user.status == "UNCONFIRMED":
        raise UserNotConfirmedException("User is not confirmed.")
    if user.status == "RESET_REQUIRED":
        raise NotAuthorizedException("Password reset required for the user")
    if user.status == "FORCE_CHANGE_PASSWORD":
        session = pool.challenges.add(
            Pending(
                "NEW_PASSWORD_REQUIRED", user.username, client_id, pool.clock() + SESSION_SECONDS
            )
        )
        visible = {k: v for k, v in user.attributes.items() if not k.endswith("_verified")}
        return {
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": session,
            "ChallengeParameters": {
                "USER_ID_FOR_SRP": user.username,
                "requiredAttributes": "[]",
                "userAttributes": json.dumps(visible),
            },
        }
    result = pool.issue_tokens(user, client_id)
    pool.store.save()
    return {"ChallengeParameters": {}, "AuthenticationResult": result}


def respond_to_auth_challenge(pool: UserPool, params: Params) -> dict[str, Any]:
    client_id = params.text("ClientId")
    pool.check_client(client_id)
    return _respond(pool, params, client_id)


def admin_respond_to_auth_challenge(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_pool(params.text("UserPoolId"))
    client_id = params.text("ClientId")
    pool.check_client(client_id)
    return _respond(pool, params, client_id)


def _respond(pool: UserPool, params: Params, client_id: str) -> dict[str, Any]:
    challenge = params.text("ChallengeName")
    responses = params.mapping("ChallengeResponses")
    if challenge == "PASSWORD_VERIFIER":
        return _password_verifier(pool, params.optional("Session"), responses, client_id)
    if challenge == "NEW_PASSWORD_REQUIRED":
        pending = pool.challenges.take(params.optional("Session"), challenge, pool.clock())
        user = pool.user(pending.username)
        pool.set_password(user, _required(responses, "NEW_PASSWORD"))
        for key, value in responses.items():
            if key.startswith("userAttributes."):
                user.attributes[key.split(".", 1)[1]] = value
        user.status = "CONFIRMED"
        return _signed_in(pool, user, client_id)
    raise InvalidParameterException(f"Unsupported challenge {challenge} (amplify mock).")


def _password_verifier(
    pool: UserPool, session: str | None, responses: dict[str, str], client_id: str
) -> dict[str, Any]:
    pending = pool.challenges.take(session, "PASSWORD_VERIFIER", pool.clock())
    user = pool.user(pending.username)
    try:
        claimed_block = base64.b64decode(_required(responses, "PASSWORD_CLAIM_SECRET_BLOCK"))
    except (binascii.Error, ValueError) as err:
        raise NotAuthorizedException("Invalid session for the user.") from err
    if claimed_block != pending.secret_block:
        raise NotAuthorizedException("Invalid session for the user.")
    timestamp = _required(responses, "TIMESTAMP")
    signature = _required(responses, "PASSWORD_CLAIM_SIGNATURE")
    assert pending.srp_session is not None
    expected = srp.password_signature(
        pending.srp_session.derived_key(),
        pool.settings.pool_name,
        user.username,
        pending.secret_block,
        timestamp,
    )
    if not hmac.compare_digest(expected, signature):
        raise NotAuthorizedException(_INCORRECT)
    return _signed_in(pool, user, client_id)


def _refresh(pool: UserPool, token: str, client_id: str) -> dict[str, Any]:
    stored = pool.store.refresh_token(token)
    if stored is None or stored.client_id != client_id:
        raise NotAuthorizedException("Invalid Refresh Token")
    if stored.revoked:
        raise NotAuthorizedException("Refresh Token has been revoked")
    user = pool.store.users.get(stored.username)
    if user is None:
        raise NotAuthorizedException("Invalid Refresh Token")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    result = pool.issue_tokens(user, client_id, refresh=False)
    return {"ChallengeParameters": {}, "AuthenticationResult": result}


def get_tokens_from_refresh_token(pool: UserPool, params: Params) -> dict[str, Any]:
    client_id = params.text("ClientId")
    pool.check_client(client_id)
    answer = _refresh(pool, params.text("RefreshToken"), client_id)
    return {"AuthenticationResult": answer["AuthenticationResult"]}


OPERATIONS = {
    "InitiateAuth": initiate_auth,
    "AdminInitiateAuth": admin_initiate_auth,
    "RespondToAuthChallenge": respond_to_auth_challenge,
    "AdminRespondToAuthChallenge": admin_respond_to_auth_challenge,
    "GetTokensFromRefreshToken": get_tokens_from_refresh_token,
}
