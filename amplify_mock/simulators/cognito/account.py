"""A user's own calls: sign-up and its confirmation, forgotten passwords, and the calls made
with an access token (GetUser, UpdateUserAttributes, VerifyUserAttribute, ChangePassword,
GlobalSignOut, RevokeToken, DeleteUser).

Not emulated: client secrets (SECRET_HASH is ignored), Lambda triggers, MFA settings calls.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from amplify_mock.simulators.cognito.errors import (
    AliasExistsException,
    InvalidParameterException,
    NotAuthorizedException,
    UsernameExistsException,
)
from amplify_mock.simulators.cognito.state import User
from amplify_mock.simulators.cognito.user_pool import (
    RESET_CODE_SECONDS,
    SIGN_UP_CODE_SECONDS,
    Params,
    UserPool,
)

__all__ = ["OPERATIONS"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_PHONE = re.compile(r"^\+[0-9]{4,15}$")


def check_attribute_values(attributes: dict[str, str]) -> None:
    """:raises InvalidParameterException: a malformed email or phone number."""
    email = attributes.get("email")
    if email is not None and not _EMAIL.match(email):
        raise InvalidParameterException("Invalid email address format.")
    phone = attributes.get("phone_number")
    if phone is not None and not _PHONE.match(phone):
        raise InvalidParameterException("Invalid phone number format.")


def internal_username(pool: UserPool, username: str, attributes: dict[str, str]) -> str:
    """The stored username: the given one, or a UUID when the pool signs in by email/phone.

    :raises InvalidParameterException: the username is not the email/phone the pool expects.
    """
    aliases = pool.settings.username_attributes
    if not aliases:
        return username
    if "email" in aliases and _EMAIL.match(username):
        attributes["email"] = username
    elif "phone_number" in aliases and _PHONE.match(username):
        attributes["phone_number"] = username
    else:
        raise InvalidParameterException("Username should be either an email or a phone number.")
    return str(uuid.uuid4())


def check_alias_free(pool: UserPool, attributes: dict[str, str], username: str) -> None:
    for alias in pool.settings.username_attributes:
        value = attributes.get(alias)
        other = pool.find_user(value) if value else None
        if other is not None and other.username != username:
            raise UsernameExistsException("An account with the given email already exists.")


def sign_up(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_client(params.text("ClientId"))
    username, password = params.text("Username"), params.text("Password")
    attributes = params.attributes("UserAttributes")
    check_attribute_values(attributes)
    stored = internal_username(pool, username, attributes)
    if pool.store.users.get(stored) is not None:
        raise UsernameExistsException("User already exists")
    check_alias_free(pool, attributes, stored)
    pool.check_policy(password)
    for name in pool.settings.auto_verified:
        if name in attributes:
            attributes[f"{name}_verified"] = "false"
    salt, verifier = pool.verifier(stored, password)
    user = pool.store.add_user(stored, attributes, "UNCONFIRMED", salt, verifier)
    details = pool.send_code(user, "signup", SIGN_UP_CODE_SECONDS)
    pool.store.save()
    return {"UserConfirmed": False, "UserSub": user.sub, "CodeDeliveryDetails": details}


def confirm_sign_up(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_client(params.text("ClientId"))
    user = pool.user(params.text("Username"))
    code = params.text("ConfirmationCode")
    if user.status != "UNCONFIRMED":
        raise NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")
    pool.use_code(user, "signup", code)
    confirm(pool, user)
    pool.store.save()
    return {}


def confirm(pool: UserPool, user: User) -> None:
    """CONFIRMED, with the auto-verified attributes (email by default) marked verified."""
    user.status = "CONFIRMED"
    for name in pool.settings.auto_verified:
        if name in user.attributes:
            user.attributes[f"{name}_verified"] = "true"
    user.modified = pool.clock()


def resend_confirmation_code(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_client(params.text("ClientId"))
    user = pool.user(params.text("Username"))
    if user.status != "UNCONFIRMED":
        raise InvalidParameterException("User is already confirmed.")
    details = pool.send_code(user, "signup", SIGN_UP_CODE_SECONDS)
    pool.store.save()
    return {"CodeDeliveryDetails": details}


def forgot_password(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_client(params.text("ClientId"))
    user = pool.user(params.text("Username"))
    if not any(a in user.attributes for a in ("email", "phone_number")):
        raise InvalidParameterException(
            "Cannot reset password for the user as there is no registered/verified email or "
            "phone_number"
        )
    details = pool.send_code(user, "forgot", RESET_CODE_SECONDS)
    pool.store.save()
    return {"CodeDeliveryDetails": details}


def confirm_forgot_password(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_client(params.text("ClientId"))
    user = pool.user(params.text("Username"))
    code, password = params.text("ConfirmationCode"), params.text("Password")
    pool.check_policy(password)
    pool.use_code(user, "forgot", code)
    pool.set_password(user, password)
    if user.status in ("RESET_REQUIRED", "FORCE_CHANGE_PASSWORD"):
        user.status = "CONFIRMED"
    pool.store.save()
    return {}


def get_user(pool: UserPool, params: Params) -> dict[str, Any]:
    user, _claims = pool.access_token_user(params.text("AccessToken"))
    return {"Username": user.username, "UserAttributes": user.attribute_list()}


def update_user_attributes(pool: UserPool, params: Params) -> dict[str, Any]:
    user, _claims = pool.access_token_user(params.text("AccessToken"))
    changes = params.attributes("UserAttributes")
    if "sub" in changes:
        raise InvalidParameterException("Cannot modify an already provided sub attribute")
    check_attribute_values(changes)
    for alias in pool.settings.username_attributes:
        value = changes.get(alias)
        other = pool.find_user(value) if value else None
        if other is not None and other.username != user.username:
            raise AliasExistsException("An account with the given email already exists.")
    deliveries = []
    for name, value in changes.items():
        if user.attributes.get(name) == value:
            continue
        user.attributes[name] = value
        if name in pool.settings.auto_verified:
            user.attributes[f"{name}_verified"] = "false"
            deliveries.append(pool.send_code(user, f"attribute:{name}", SIGN_UP_CODE_SECONDS))
    user.modified = pool.clock()
    pool.store.save()
    return {"CodeDeliveryDetailsList": deliveries}


def verify_user_attribute(pool: UserPool, params: Params) -> dict[str, Any]:
    user, _claims = pool.access_token_user(params.text("AccessToken"))
    name = params.text("AttributeName")
    pool.use_code(user, f"attribute:{name}", params.text("Code"))
    user.attributes[f"{name}_verified"] = "true"
    pool.store.save()
    return {}


def get_user_attribute_verification_code(pool: UserPool, params: Params) -> dict[str, Any]:
    user, _claims = pool.access_token_user(params.text("AccessToken"))
    name = params.text("AttributeName")
    if name not in user.attributes:
        raise InvalidParameterException(f"User does not have the attribute {name}")
    details = pool.send_code(user, f"attribute:{name}", SIGN_UP_CODE_SECONDS)
    pool.store.save()
    return {"CodeDeliveryDetails": details}


def change_password(pool: UserPool, params: Params) -> dict[str, Any]:
    user, _claims = pool.access_token_user(params.text("AccessToken"))
    previous, proposed = params.text("PreviousPassword"), params.text("ProposedPassword")
    if not pool.password_matches(user, previous):
        raise NotAuthorizedException("Incorrect username or password.")
    pool.set_password(user, proposed)
    pool.store.save()
    return {}


def global_sign_out(pool: UserPool, params: Params) -> dict[str, Any]:
    user, _claims = pool.access_token_user(params.text("AccessToken"))
    sign_out_everywhere(pool, user)
    return {}


def sign_out_everywhere(pool: UserPool, user: User) -> None:
    """Revoke every token of the user issued so far (GlobalSignOut, AdminUserGlobalSignOut)."""
    user.signed_out_at = pool.clock() + 1  # iat is whole seconds: this second's tokens too
    for token in pool.store.refresh_tokens.values():
        if token.username == user.username:
            token.revoked = True
    pool.store.save()


def revoke_token(pool: UserPool, params: Params) -> dict[str, Any]:
    client_id = params.text("ClientId")
    pool.check_client(client_id)
    stored = pool.store.refresh_token(params.text("Token"))
    if stored is None or stored.client_id != client_id:
        raise NotAuthorizedException("Invalid Refresh Token")
    stored.revoked = True
    pool.store.save()
    return {}


def delete_user(pool: UserPool, params: Params) -> dict[str, Any]:
    user, _claims = pool.access_token_user(params.text("AccessToken"))
    remove_user(pool, user)
    return {}


def remove_user(pool: UserPool, user: User) -> None:
    del pool.store.users[user.username]
    for group in pool.store.groups.values():
        if user.username in group.members:
            group.members.remove(user.username)
    for digest in [d for d, t in pool.store.refresh_tokens.items() if t.username == user.username]:
        del pool.store.refresh_tokens[digest]
    pool.store.save()


OPERATIONS = {
    "SignUp": sign_up,
    "ConfirmSignUp": confirm_sign_up,
    "ResendConfirmationCode": resend_confirmation_code,
    "ForgotPassword": forgot_password,
    "ConfirmForgotPassword": confirm_forgot_password,
    "GetUser": get_user,
    "UpdateUserAttributes": update_user_attributes,
    "VerifyUserAttribute": verify_user_attribute,
    "GetUserAttributeVerificationCode": get_user_attribute_verification_code,
    "ChangePassword": change_password,
    "GlobalSignOut": global_sign_out,
    "RevokeToken": revoke_token,
    "DeleteUser": delete_user,
}
