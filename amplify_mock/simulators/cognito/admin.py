"""The administrator's calls (IAM-signed in AWS; any caller here): users, groups, listing.

Not emulated: ListUsers filters other than `attr = "value"` and `attr ^= "prefix"`,
pagination tokens (every user comes in one page up to Limit), user import jobs.
"""

from __future__ import annotations

import re
from typing import Any

from amplify_mock.simulators.cognito.account import (
    check_alias_free,
    check_attribute_values,
    confirm,
    internal_username,
    remove_user,
    sign_out_everywhere,
)
from amplify_mock.simulators.cognito.errors import (
    GroupExistsException,
    InvalidParameterException,
    NotAuthorizedException,
    ResourceNotFoundException,
    UsernameExistsException,
)
from amplify_mock.simulators.cognito.state import Group, User
from amplify_mock.simulators.cognito.user_pool import RESET_CODE_SECONDS, Params, UserPool

__all__ = ["OPERATIONS", "user_record"]

_FILTER = re.compile(r'^\s*([\w:]+)\s*(\^?=)\s*"([^"]*)"\s*$')


def user_record(user: User, attributes_key: str = "Attributes") -> dict[str, Any]:
    """A UserType (ListUsers, AdminCreateUser) for `user`."""
    return {
        "Username": user.username,
        attributes_key: user.attribute_list(),
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status,
    }


def _pool_user(pool: UserPool, params: Params) -> User:
    pool.check_pool(params.text("UserPoolId"))
    return pool.user(params.text("Username"))


def admin_create_user(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_pool(params.text("UserPoolId"))
    attributes = params.attributes("UserAttributes")
    check_attribute_values(attributes)
    username = internal_username(pool, params.text("Username"), attributes)
    if params.optional("MessageAction") == "RESEND":
        user = pool.user(username)
        return {"User": user_record(user)}
    if pool.store.users.get(username) is not None:
        raise UsernameExistsException("User account already exists")
    check_alias_free(pool, attributes, username)
    temporary = params.optional("TemporaryPassword")
    salt = verifier = ""
    if temporary:
        pool.check_policy(temporary)
        salt, verifier = pool.verifier(username, temporary)
    user = pool.store.add_user(username, attributes, "FORCE_CHANGE_PASSWORD", salt, verifier)
    if temporary and params.optional("MessageAction") != "SUPPRESS":
        pool.notify(f"Cognito: temporary password for user {pool.display_name(user)}: {temporary}")
    pool.store.save()
    return {"User": user_record(user)}


def admin_confirm_sign_up(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    if user.status != "UNCONFIRMED":
        raise NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")
    confirm(pool, user)
    user.codes = [c for c in user.codes if c.purpose != "signup"]
    pool.store.save()
    return {}


def admin_set_user_password(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    pool.set_password(user, params.text("Password"))
    permanent = params.body.get("Permanent") is True
    if permanent:
        user.status = "CONFIRMED"
    elif user.status != "UNCONFIRMED":
        user.status = "FORCE_CHANGE_PASSWORD"
    pool.store.save()
    return {}


def admin_reset_user_password(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    user.status = "RESET_REQUIRED"
    pool.send_code(user, "forgot", RESET_CODE_SECONDS)
    pool.store.save()
    return {}


def admin_get_user(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    return user_record(user, "UserAttributes")


def admin_delete_user(pool: UserPool, params: Params) -> dict[str, Any]:
    remove_user(pool, _pool_user(pool, params))
    return {}


def admin_update_user_attributes(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    changes = params.attributes("UserAttributes")
    if "sub" in changes:
        raise InvalidParameterException("Cannot modify an already provided sub attribute")
    check_attribute_values(changes)
    user.attributes.update(changes)
    user.modified = pool.clock()
    pool.store.save()
    return {}


def admin_delete_user_attributes(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    names = params.body.get("UserAttributeNames") or []
    for name in names:
        user.attributes.pop(str(name), None)
    pool.store.save()
    return {}


def _set_enabled(enabled: bool) -> Any:
    def operation(pool: UserPool, params: Params) -> dict[str, Any]:
        user = _pool_user(pool, params)
        user.enabled = enabled
        pool.store.save()
        return {}

    return operation


def admin_user_global_sign_out(pool: UserPool, params: Params) -> dict[str, Any]:
    sign_out_everywhere(pool, _pool_user(pool, params))
    return {}


# -- groups ---------------------------------------------------------------------------------
def _group_record(pool: UserPool, group: Group) -> dict[str, Any]:
    record: dict[str, Any] = {
        "GroupName": group.name,
        "UserPoolId": pool.settings.user_pool_id,
        "Description": group.description,
        "CreationDate": group.created,
        "LastModifiedDate": group.created,
    }
    if group.precedence is not None:
        record["Precedence"] = group.precedence
    if group.role_arn:
        record["RoleArn"] = group.role_arn
    return record


def _group(pool: UserPool, params: Params) -> Group:
    pool.check_pool(params.text("UserPoolId"))
    name = params.text("GroupName")
    group = pool.store.groups.get(name)
    if group is None:
        raise ResourceNotFoundException("Group not found.")
    return group


def create_group(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_pool(params.text("UserPoolId"))
    name = params.text("GroupName")
    if name in pool.store.groups:
        raise GroupExistsException("A group with the name already exists.")
    precedence = params.body.get("Precedence")
    group = Group(
        name,
        params.optional("Description") or "",
        precedence if isinstance(precedence, int) else None,
        params.optional("RoleArn"),
        pool.clock(),
    )
    pool.store.groups[name] = group
    pool.store.save()
    return {"Group": _group_record(pool, group)}


def get_group(pool: UserPool, params: Params) -> dict[str, Any]:
    return {"Group": _group_record(pool, _group(pool, params))}


def delete_group(pool: UserPool, params: Params) -> dict[str, Any]:
    group = _group(pool, params)
    del pool.store.groups[group.name]
    pool.store.save()
    return {}


def list_groups(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_pool(params.text("UserPoolId"))
    groups = sorted(pool.store.groups.values(), key=lambda g: g.name)
    return {"Groups": [_group_record(pool, g) for g in groups]}


def admin_add_user_to_group(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    group = _group(pool, params)
    if user.username not in group.members:
        group.members.append(user.username)
        pool.store.save()
    return {}


def admin_remove_user_from_group(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    group = _group(pool, params)
    if user.username in group.members:
        group.members.remove(user.username)
        pool.store.save()
    return {}


def admin_list_groups_for_user(pool: UserPool, params: Params) -> dict[str, Any]:
    user = _pool_user(pool, params)
    return {"Groups": [_group_record(pool, g) for g in pool.store.groups_of(user.username)]}


def list_users_in_group(pool: UserPool, params: Params) -> dict[str, Any]:
    group = _group(pool, params)
    users = [pool.store.users[m] for m in group.members if m in pool.store.users]
    return {"Users": [user_record(u) for u in users]}


def list_users(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_pool(params.text("UserPoolId"))
    users = list(pool.store.iter_users())
    text = params.optional("Filter")
    if text:
        match = _FILTER.match(text)
        if match is None:
            raise InvalidParameterException("Error while parsing filter.")
        name, operator, value = match.groups()

        def value_of(user: User) -> str | None:
            if name == "username":
                return user.username
            if name == "sub":
                return user.sub
            if name == "status" or name == "cognito:user_status":
                return user.status
            return user.attributes.get(name)

        users = [
            u
            for u in users
            if (found := value_of(u)) is not None
            and (found == value if operator == "=" else found.startswith(value))
        ]
    limit = params.body.get("Limit")
    if isinstance(limit, int) and limit > 0:
        users = users[:limit]
    return {"Users": [user_record(u) for u in users]}


def describe_user_pool(pool: UserPool, params: Params) -> dict[str, Any]:
    pool.check_pool(params.text("UserPoolId"))
    settings = pool.settings
    policy = settings.password_policy
    return {
        "UserPool": {
            "Id": settings.user_pool_id,
            "Name": settings.pool_name,
            "Arn": f"arn:aws:cognito-idp:{settings.region}:123456789012:userpool/"
            f"{settings.user_pool_id}",
            "Policies": {
                "PasswordPolicy": {
                    "MinimumLength": policy.min_length,
                    "RequireUppercase": policy.require_uppercase,
                    "RequireLowercase": policy.require_lowercase,
                    "RequireNumbers": policy.require_numbers,
                    "RequireSymbols": policy.require_symbols,
                }
            },
            "UsernameAttributes": list(settings.username_attributes),
            "AutoVerifiedAttributes": list(settings.auto_verified),
            "EstimatedNumberOfUsers": len(pool.store.users),
        }
    }


OPERATIONS = {
    "AdminCreateUser": admin_create_user,
    "AdminConfirmSignUp": admin_confirm_sign_up,
    "AdminSetUserPassword": admin_set_user_password,
    "AdminResetUserPassword": admin_reset_user_password,
    "AdminGetUser": admin_get_user,
    "AdminDeleteUser": admin_delete_user,
    "AdminUpdateUserAttributes": admin_update_user_attributes,
    "AdminDeleteUserAttributes": admin_delete_user_attributes,
    "AdminDisableUser": _set_enabled(False),
    "AdminEnableUser": _set_enabled(True),
    "AdminUserGlobalSignOut": admin_user_global_sign_out,
    "AdminAddUserToGroup": admin_add_user_to_group,
    "AdminRemoveUserFromGroup": admin_remove_user_from_group,
    "AdminListGroupsForUser": admin_list_groups_for_user,
    "CreateGroup": create_group,
    "GetGroup": get_group,
    "DeleteGroup": delete_group,
    "ListGroups": list_groups,
    "ListUsersInGroup": list_users_in_group,
    "ListUsers": list_users,
    "DescribeUserPool": describe_user_pool,
}
