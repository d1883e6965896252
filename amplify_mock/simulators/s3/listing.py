"""One page of a ListObjects / ListObjectsV2 answer over a sorted key list."""

from __future__ import annotations

import base64
import binascii
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from amplify_mock.simulators.s3.errors import InvalidArgument

__all__ = ["ListingPage", "decode_token", "encode_token", "list_page", "parse_max_keys"]

MAX_KEYS = 1000


@dataclass(frozen=True)
class ListingPage:
    keys: list[str]
    common_prefixes: list[str]
    is_truncated: bool
    last: str | None  # the last key or common prefix returned: the next page starts after it


def list_page(
    keys: Sequence[str], *, prefix: str, delimiter: str, after: str, max_keys: int
) -> ListingPage:
    """Keys and common prefixes after `after`, grouped by `delimiter`, at most `max_keys` in all.

    A common prefix counts once toward `max_keys`, as in S3; a marker inside a common prefix
    skips the whole prefix (that is how S3 resumes after one).
    """
    start = max(bisect_left(keys, prefix), bisect_right(keys, after) if after else 0)
    entries: list[tuple[str, bool]] = []
    last_prefix: str | None = None
    for index in range(start, len(keys)):
        key = keys[index]
        if not key.startswith(prefix):
            break
        if delimiter:
            cut = key.find(delimiter, len(prefix))
            if cut >= 0:
                common = key[: cut + len(delimiter)]
                if common == last_prefix or (after and common <= after):
                    continue
                last_prefix = common
                entries.append((common, True))
                if len(entries) > max_keys:
                    break
                continue
        entries.append((key, False))
        if len(entries) > max_keys:
            break
    truncated = len(entries) > max_keys
    page = entries[:max_keys]
    return ListingPage(
        keys=[name for name, is_prefix in page if not is_prefix],
        common_prefixes=[name for name, is_prefix in page if is_prefix],
        is_truncated=truncated,
        last=page[-1][0] if page else None,
    )


def parse_max_keys(value: str | None) -> int:
    """:raises InvalidArgument: not a non-negative integer (S3 caps larger values at 1000)."""
    if value is None:
        return MAX_KEYS
    if not value.isdigit():
        raise InvalidArgument(
            "Provided max-keys not an integer or within integer range",
            ArgumentName="max-keys",
            ArgumentValue=value,
        )
    return min(int(value), MAX_KEYS)


def encode_token(last: str) -> str:
    return base64.urlsafe_b64encode(last.encode("utf-8")).decode()


def decode_token(token: str) -> str:
    """:raises InvalidArgument: the token was not made by `encode_token`."""
    try:
        last = base64.b64decode(token.encode("ascii"), altchars=b"-_", validate=True).decode()
        if not last:
            raise ValueError(token)
        return last
    except (binascii.Error, UnicodeError, ValueError) as err:
        raise InvalidArgument(
            "The continuation token provided is incorrect",
            ArgumentName="continuation-token",
        ) from err
