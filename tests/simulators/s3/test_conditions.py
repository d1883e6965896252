"""Range parsing and the conditional-request rules S3 applies."""

from __future__ import annotations

from email.utils import formatdate

import pytest

from amplify_mock.simulators.s3.conditions import (
    check_copy_conditions,
    check_read_conditions,
    parse_range,
)
from amplify_mock.simulators.s3.errors import InvalidRange, NotModified, PreconditionFailed

MODIFIED = 1_700_000_000.0
BEFORE = formatdate(MODIFIED - 3600, usegmt=True)
AFTER = formatdate(MODIFIED + 3600, usegmt=True)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-0", (0, 0)),
        ("bytes=2-", (2, 9)),
        ("bytes=-3", (7, 9)),
        ("bytes=-30", (0, 9)),
        ("bytes=4-2", None),
        ("bytes=0-1,4-5", None),
        ("items=0-1", None),
        ("bytes=x-1", None),
    ],
    ids=["none", "first", "open", "suffix", "big-suffix", "reversed", "multi", "unit", "junk"],
)
def test_parse_range_of_ten_bytes(header: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_range(header, 10) == expected


@pytest.mark.parametrize(("header", "size"), [("bytes=10-", 10), ("bytes=-0", 10), ("bytes=0-", 0)])
def test_parse_range_unsatisfiable_is_invalid_range(header: str, size: int) -> None:
    with pytest.raises(InvalidRange) as excinfo:
        parse_range(header, size)

    assert excinfo.value.details == {"RangeRequested": header, "ActualObjectSize": size}


def test_if_match_true_overrides_failing_if_unmodified_since() -> None:
    check_read_conditions({"If-Match": '"abc"', "If-Unmodified-Since": BEFORE}, "abc", MODIFIED)


def test_if_none_match_false_overrides_if_modified_since() -> None:
    check_read_conditions({"If-None-Match": '"zzz"', "If-Modified-Since": AFTER}, "abc", MODIFIED)


@pytest.mark.parametrize(
    ("headers", "error", "condition"),
    [
        ({"If-Match": '"zzz"'}, PreconditionFailed, "If-Match"),
        ({"If-Unmodified-Since": BEFORE}, PreconditionFailed, "If-Unmodified-Since"),
        ({"If-None-Match": '"abc"'}, NotModified, None),
        ({"If-None-Match": "*"}, NotModified, None),
        ({"If-Modified-Since": AFTER}, NotModified, None),
    ],
    ids=["if-match", "if-unmodified-since", "if-none-match", "if-none-match-star", "ims"],
)
def test_check_read_conditions_failures(
    headers: dict[str, str], error: type[Exception], condition: str | None
) -> None:
    with pytest.raises(error) as excinfo:
        check_read_conditions(headers, "abc", MODIFIED)

    if condition is not None:
        assert excinfo.value.details == {"Condition": condition}  # type: ignore[attr-defined]


def test_invalid_date_header_is_ignored() -> None:
    check_read_conditions({"If-Modified-Since": "yesterday"}, "abc", MODIFIED)


def test_copy_source_if_none_match_failure_is_precondition_failed() -> None:
    with pytest.raises(PreconditionFailed) as excinfo:
        check_copy_conditions({"x-amz-copy-source-if-none-match": '"abc"'}, "abc", MODIFIED)

    assert excinfo.value.details == {"Condition": "x-amz-copy-source-If-None-Match"}
