"""Listing pages over sorted keys: prefixes, delimiters, markers, max-keys, tokens."""

from __future__ import annotations

import pytest

from amplify_mock.simulators.s3.errors import InvalidArgument
from amplify_mock.simulators.s3.listing import (
    decode_token,
    encode_token,
    list_page,
    parse_max_keys,
)

KEYS = sorted(["a/1", "a/2", "b/x/1", "b/y", "c", "d/1"])


def test_list_page_without_delimiter_returns_keys_in_order() -> None:
    page = list_page(KEYS, prefix="", delimiter="", after="", max_keys=1000)

    assert page.keys == KEYS
    assert (page.is_truncated, page.last) == (False, "d/1")


def test_list_page_groups_common_prefixes_once() -> None:
    page = list_page(KEYS, prefix="", delimiter="/", after="", max_keys=1000)

    assert page.common_prefixes == ["a/", "b/", "d/"]
    assert page.keys == ["c"]


def test_list_page_prefix_and_delimiter_nest() -> None:
    page = list_page(KEYS, prefix="b/", delimiter="/", after="", max_keys=1000)

    assert (page.common_prefixes, page.keys) == (["b/x/"], ["b/y"])


def test_list_page_truncates_and_resumes_after_common_prefix() -> None:
    first = list_page(KEYS, prefix="", delimiter="/", after="", max_keys=2)
    assert first.last is not None
    second = list_page(KEYS, prefix="", delimiter="/", after=first.last, max_keys=2)

    assert (first.common_prefixes, first.is_truncated, first.last) == (["a/", "b/"], True, "b/")
    assert (second.common_prefixes, second.keys, second.is_truncated) == (["d/"], ["c"], False)


def test_list_page_max_keys_zero_is_empty() -> None:
    page = list_page(KEYS, prefix="", delimiter="", after="", max_keys=0)

    assert (page.keys, page.common_prefixes, page.last) == ([], [], None)


def test_list_page_orders_by_code_point_like_utf8_bytes() -> None:
    keys = sorted(["é", "z", "Z", "日"])

    assert list_page(keys, prefix="", delimiter="", after="", max_keys=10).keys == [
        "Z",
        "z",
        "é",
        "日",
    ]


def test_token_round_trips_unicode_key() -> None:
    assert decode_token(encode_token("public/日本 +%.txt")) == "public/日本 +%.txt"


@pytest.mark.parametrize("token", ["***", "", "%%%", "////"])
def test_decode_token_garbage_is_invalid_argument(token: str) -> None:
    with pytest.raises(InvalidArgument) as excinfo:
        decode_token(token)

    assert excinfo.value.message == "The continuation token provided is incorrect"


@pytest.mark.parametrize(("value", "expected"), [(None, 1000), ("5", 5), ("5000", 1000)])
def test_parse_max_keys_caps_at_1000(value: str | None, expected: int) -> None:
    assert parse_max_keys(value) == expected


def test_parse_max_keys_negative_is_invalid_argument() -> None:
    with pytest.raises(InvalidArgument) as excinfo:
        parse_max_keys("-1")

    assert excinfo.value.message == "Provided max-keys not an integer or within integer range"
