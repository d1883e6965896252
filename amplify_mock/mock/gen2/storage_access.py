"""defineStorage's `access` rules enforced on the local S3 for the local identities.

The caller is the identity the local identity pool issued the request's credentials to
(guest or signed in, its identity id and the user's groups). A key (or a list prefix) falls
under the most specific path that covers it (`private/{entity_id}/*` over `private/*`), with
`{entity_id}` matching one path segment; that path's rules decide: `guest`, `authenticated`,
`groups([...])`, `entity('identity')` (the segment is the caller's identity id). `read` is
get + list. Anything outside every path is denied, as the IAM policies of the storage
construct deny it.

Callers that are not local identities are let through: requests without a session token
(boto3 and the AWS CLI with static keys, the console) and the Lambda runner's fixed
credentials (a function's own access, `allow.resource(fn)`, is not checked). Credentials the
local pool did not issue (or that expired, or that a restarted mock forgot) are refused.

Not emulated: the keys inside a DeleteObjects body and a CopyObject's source are not checked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from amplify_mock.gen2 import StorageAccessRule
from amplify_mock.simulators.cognito import UserPool
from amplify_mock.simulators.lambda_.environment import FAKE_CREDENTIALS
from amplify_mock.simulators.s3.errors import AccessDenied
from amplify_mock.simulators.s3.state import S3Access

__all__ = ["Caller", "StorageRules", "storage_authorizer"]

LOG = logging.getLogger(__name__)

_ENTITY = "{entity_id}"
_ACTIONS: dict[str, str] = {
    "GetObject": "get",
    "HeadObject": "get",
    "ListObjects": "list",
    "ListObjectsV2": "list",
    "ListMultipartUploads": "list",
    "ListParts": "write",
    "PutObject": "write",
    "CopyObject": "write",
    "CreateMultipartUpload": "write",
    "UploadPart": "write",
    "UploadPartCopy": "write",
    "CompleteMultipartUpload": "write",
    "AbortMultipartUpload": "write",
    "DeleteObject": "delete",
    "DeleteObjects": "delete",
}
#: what each defineStorage action allows
_GRANTS: dict[str, frozenset[str]] = {
    "read": frozenset({"get", "list"}),
    "get": frozenset({"get"}),
    "list": frozenset({"list"}),
    "write": frozenset({"write"}),
    "delete": frozenset({"delete"}),
}


@dataclass(frozen=True)
class Caller:
    """A local identity: guest or signed in, its identity id and its user's groups."""

    identity_id: str
    authenticated: bool
    groups: tuple[str, ...] = ()


#: bucket name -> its access (path -> rules)
StorageRules = Mapping[str, Mapping[str, tuple[StorageAccessRule, ...]]]


def _covers(path: str, key: str, caller: Caller) -> tuple[bool, bool]:
    """Whether `path` (`public/*`) covers `key`, and whether its `{entity_id}` is the caller."""
    prefix = path[:-1] if path.endswith("*") else path
    if _ENTITY not in prefix:
        return key.startswith(prefix), False
    before, _, after = prefix.partition(_ENTITY)
    if not key.startswith(before):
        return False, False
    entity, separator, tail = key[len(before) :].partition("/")
    if not entity or not separator:
        return False, False
    return ("/" + tail).startswith(after), entity == caller.identity_id


def _allows(rule: StorageAccessRule, action: str, caller: Caller, own_entity: bool) -> bool:
    if not any(action in _GRANTS.get(granted, frozenset()) for granted in rule.actions):
        return False
    if rule.principal == "guest":
        return not caller.authenticated
    if rule.principal == "authenticated":
        return caller.authenticated
    if rule.principal == "groups":
        return caller.authenticated and bool(set(rule.groups) & set(caller.groups))
    if rule.principal == "entity":
        return caller.authenticated and own_entity
    return False


def is_allowed(
    access: Mapping[str, tuple[StorageAccessRule, ...]], action: str, key: str, caller: Caller
) -> bool:
    """The decision of the most specific path covering `key` (none covering: denied)."""
    best: tuple[int, tuple[StorageAccessRule, ...], bool] | None = None
    for path, rules in access.items():
        covered, own = _covers(path, key, caller)
        if covered and (best is None or len(path) > best[0]):
            best = (len(path), rules, own)
    if best is None:
        return False
    _length, rules, own = best
    return any(_allows(rule, action, caller, own) for rule in rules)


def storage_authorizer(pool: UserPool | None, rules: StorageRules) -> Callable[[S3Access], None]:
    """The local S3's authorizer for the Gen 2 buckets in `rules`.

    :raises AccessDenied: (from the returned callable) the caller may not do that there.
    """
    function_token = FAKE_CREDENTIALS["AWS_SESSION_TOKEN"]

    def authorize(request: S3Access) -> None:
        access = rules.get(request.bucket)
        action = _ACTIONS.get(request.operation)
        token = request.session_token
        if access is None or action is None or token is None or token == function_token:
            return
        issued = pool.credentials_caller(token) if pool is not None else None
        if issued is None:
            raise AccessDenied(
                "The security token included in the request is not one the local identity "
                "pool issued (or it expired)"
            )
        caller = Caller(
            issued.identity_id,
            issued.authenticated,
            pool.groups_of_sub(issued.sub) if pool is not None and issued.sub else (),
        )
        if not is_allowed(access, action, request.key, caller):
            LOG.info("S3 %s %s/%s denied to %s", request.operation, request.bucket,
                     request.key, caller)  # fmt: skip
            raise AccessDenied()

    return authorize
