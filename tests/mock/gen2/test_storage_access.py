"""defineStorage access rules on the local S3: who may do what where."""

from __future__ import annotations

import pytest

from amplify_mock.gen2 import StorageAccessRule
from amplify_mock.mock.gen2.storage_access import Caller, is_allowed

ACCESS = {
    "public/*": (
        StorageAccessRule("guest", ("read",)),
        StorageAccessRule("authenticated", ("read", "write", "delete")),
    ),
    "public/locked/*": (StorageAccessRule("groups", ("read", "write"), groups=("ADMINS",)),),
    "private/{entity_id}/*": (StorageAccessRule("entity", ("read", "write"), entity="identity"),),
}
GUEST = Caller("us-east-1:guest", authenticated=False)
ALICE = Caller("us-east-1:alice", authenticated=True)
ADMIN = Caller("us-east-1:admin", authenticated=True, groups=("ADMINS",))

CASES = [
    ("guest-get-public", GUEST, "get", "public/a.txt", True),
    ("guest-list-public", GUEST, "list", "public/", True),
    ("guest-write-public", GUEST, "write", "public/a.txt", False),
    ("user-write-public", ALICE, "write", "public/notes/a.txt", True),
    ("user-delete-public", ALICE, "delete", "public/a.txt", True),
    ("nested-path-wins-over-public", ALICE, "get", "public/locked/a.txt", False),
    ("group-member-nested-path", ADMIN, "write", "public/locked/a.txt", True),
    ("own-private", ALICE, "write", "private/us-east-1:alice/a.txt", True),
    ("own-private-list", ALICE, "list", "private/us-east-1:alice/", True),
    ("other-private", ALICE, "get", "private/us-east-1:bob/a.txt", False),
    ("own-private-no-delete", ALICE, "delete", "private/us-east-1:alice/a.txt", False),
    ("guest-private", GUEST, "get", "private/us-east-1:guest/a.txt", False),
    ("outside-every-path", ADMIN, "get", "other/a.txt", False),
    ("list-everything", ALICE, "list", "", False),
]


@pytest.mark.parametrize(
    ("caller", "action", "key", "allowed"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_storage_access(caller: Caller, action: str, key: str, allowed: bool) -> None:
    assert is_allowed(ACCESS, action, key, caller) is allowed
