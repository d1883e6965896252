"""HTTP Range and the conditional headers S3 honours on GetObject, HeadObject and copies."""

from __future__ import annotations

from collections.abc import Mapping
from email.utils import parsedate_to_datetime

from amplify_mock.simulators.s3.errors import InvalidRange, NotModified, PreconditionFailed

__all__ = ["check_copy_conditions", "check_read_conditions", "etag_matches", "parse_range"]


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive byte range to serve, or None for the whole object.

    A header S3 cannot parse (or a multi-range one) is ignored, as S3 ignores it.

    :raises InvalidRange: the range starts past the end of the object.
    """
    if not header or not header.startswith("bytes=") or "," in header:
        return None
    first, sep, last = header[len("bytes=") :].strip().partition("-")
    if not sep or (first and not first.isdigit()) or (last and not last.isdigit()):
        return None
    if not first:
        if not last:
            return None
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise InvalidRange(RangeRequested=header, ActualObjectSize=size)
        return max(0, size - suffix), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        raise InvalidRange(RangeRequested=header, ActualObjectSize=size)
    return start, min(end, size - 1)


def etag_matches(header: str, etag: str) -> bool:
    """True if `etag` (unquoted) is in an If-Match / If-None-Match list or the list is `*`."""
    candidates = [item.strip() for item in header.split(",")]
    return any(
        item == "*" or item.strip('"').removeprefix("W/").strip('"') == etag for item in candidates
    )


def _not_modified_since(header: str | None, last_modified: float) -> bool | None:
    """True if the object was not modified after the header's date; None if absent/invalid."""
    if header is None:
        return None
    try:
        when = parsedate_to_datetime(header).timestamp()
    except (TypeError, ValueError):
        return None
    return int(last_modified) <= when


def check_read_conditions(headers: Mapping[str, str], etag: str, last_modified: float) -> None:
    """S3's order: If-Match beats If-Unmodified-Since, If-None-Match beats If-Modified-Since.

    :raises PreconditionFailed: If-Match or If-Unmodified-Since does not hold (412).
    :raises NotModified: If-None-Match or If-Modified-Since does not hold (304).
    """
    if_match = headers.get("If-Match")
    if if_match is not None:
        if not etag_matches(if_match, etag):
            raise PreconditionFailed(Condition="If-Match")
    elif _not_modified_since(headers.get("If-Unmodified-Since"), last_modified) is False:
        raise PreconditionFailed(Condition="If-Unmodified-Since")
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        if etag_matches(if_none_match, etag):
            raise NotModified()
    elif _not_modified_since(headers.get("If-Modified-Since"), last_modified):
        raise NotModified()


def check_copy_conditions(headers: Mapping[str, str], etag: str, last_modified: float) -> None:
    """The `x-amz-copy-source-if-*` headers; every failure is a 412 for a copy.

    :raises PreconditionFailed: a copy-source condition does not hold.
    """
    prefix = "x-amz-copy-source-"
    if_match = headers.get(prefix + "if-match")
    if if_match is not None:
        if not etag_matches(if_match, etag):
            raise PreconditionFailed(Condition=prefix + "If-Match")
    elif _not_modified_since(headers.get(prefix + "if-unmodified-since"), last_modified) is False:
        raise PreconditionFailed(Condition=prefix + "If-Unmodified-Since")
    if_none_match = headers.get(prefix + "if-none-match")
    if if_none_match is not None:
        if etag_matches(if_none_match, etag):
            raise PreconditionFailed(Condition=prefix + "If-None-Match")
    elif _not_modified_since(headers.get(prefix + "if-modified-since"), last_modified):
        raise PreconditionFailed(Condition=prefix + "If-Modified-Since")
