"""Tests of the AppSync scalars' accepted formats (input values, literals, output)."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLError, StringValueNode

from amplify_mock.appsync_prelude import APPSYNC_SCALAR_NAMES
from amplify_mock.simulators.appsync.scalars import APPSYNC_SCALARS

VALID = [
    ("AWSDate", "1970-01-01"),
    ("AWSDate", "1970-01-01Z"),
    ("AWSDate", "1970-01-01-07:00"),
    ("AWSTime", "12:00"),
    ("AWSTime", "12:00:34"),
    ("AWSTime", "12:00:34.123Z"),
    ("AWSTime", "12:30:24-07:00"),
    ("AWSDateTime", "1970-01-01T12:00Z"),
    ("AWSDateTime", "1970-01-01T12:00:00.000Z"),
    ("AWSDateTime", "1970-01-01T12:00:00+05:30"),
    ("AWSDateTime", "1970-01-01T12:00:00.123456789-07:00:28"),
    ("AWSEmail", "user@example.com"),
    ("AWSEmail", "local-part@domain-part"),
    ("AWSURL", "https://example.com/a?b=c"),
    ("AWSURL", "mailto:someone@example.com"),
    ("AWSPhone", "+1 555 123 4567"),
    ("AWSPhone", "555-123-4567"),
    ("AWSIPAddress", "127.0.0.1"),
    ("AWSIPAddress", "10.0.0.0/8"),
    ("AWSIPAddress", "::1"),
    ("AWSIPAddress", "2001:db8::/32"),
]

INVALID = [
    ("AWSDate", "1970-1-1"),
    ("AWSDate", "1970-13-01"),
    ("AWSDate", "01/01/1970"),
    ("AWSTime", "25:00"),
    ("AWSTime", "12"),
    ("AWSDateTime", "1970-01-01T12:00:00"),
    ("AWSDateTime", "1970-01-01"),
    ("AWSEmail", "not-an-email"),
    ("AWSEmail", "two@at@signs"),
    ("AWSURL", "example.com"),
    ("AWSPhone", "phone"),
    ("AWSIPAddress", "300.1.1.1"),
]


@pytest.mark.parametrize(("scalar", "value"), VALID, ids=[f"{s}-{v}" for s, v in VALID])
def test_scalar_accepts_appsync_format(scalar: str, value: str) -> None:
    scalar_type = APPSYNC_SCALARS[scalar]
    assert scalar_type.coerce_input_value(value) == value
    assert scalar_type.coerce_input_literal(StringValueNode(value=value)) == value
    assert scalar_type.coerce_output_value(value) == value


@pytest.mark.parametrize(("scalar", "value"), INVALID, ids=[f"{s}-{v}" for s, v in INVALID])
def test_scalar_rejects_bad_format(scalar: str, value: str) -> None:
    with pytest.raises(GraphQLError) as info:
        APPSYNC_SCALARS[scalar].coerce_input_value(value)
    assert info.value.message == f'Invalid value for {scalar}: "{value}"'


def test_scalar_timestamp_is_an_integer() -> None:
    timestamp = APPSYNC_SCALARS["AWSTimestamp"]
    assert timestamp.coerce_input_value(1700000000) == 1700000000
    assert timestamp.coerce_output_value("1700000000") == 1700000000
    with pytest.raises(GraphQLError) as info:
        timestamp.coerce_input_value("soon")
    assert info.value.message == 'Invalid value for AWSTimestamp: "soon"'


@pytest.mark.parametrize(
    ("given", "parsed"),
    [('{"a": [1, 2]}', {"a": [1, 2]}), ("3", 3), ('"s"', "s"), ("null", None)],
    ids=["object", "number", "string", "null"],
)
def test_scalar_json_input_is_parsed(given: str, parsed: Any) -> None:
    assert APPSYNC_SCALARS["AWSJSON"].coerce_input_value(given) == parsed


def test_scalar_json_output_is_a_string() -> None:
    assert APPSYNC_SCALARS["AWSJSON"].coerce_output_value({"a": 1}) == '{"a":1}'
    assert APPSYNC_SCALARS["AWSJSON"].coerce_output_value('{"a": 1}') == '{"a": 1}'


def test_scalar_json_rejects_invalid_json() -> None:
    with pytest.raises(GraphQLError) as info:
        APPSYNC_SCALARS["AWSJSON"].coerce_input_value("{nope")
    assert info.value.message == 'Invalid value for AWSJSON: "{nope" is not JSON'


def test_appsync_scalars_cover_the_prelude_scalars() -> None:
    assert list(APPSYNC_SCALARS) == list(APPSYNC_SCALAR_NAMES)
