"""The AppSync scalars (AWSDate, AWSDateTime, AWSJSON, ...) with the formats AppSync accepts."""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLScalarType,
    IntValueNode,
    StringValueNode,
    ValueNode,
    print_ast,
)

__all__ = ["APPSYNC_SCALARS"]

_OFFSET = r"(Z|[+-]\d{2}:\d{2}(:\d{2})?)"
_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?"
_DATE_RE = re.compile(rf"^{_DATE}{_OFFSET}?$")
_TIME_RE = re.compile(rf"^{_TIME}{_OFFSET}?$")
_DATETIME_RE = re.compile(rf"^{_DATE}T{_TIME}{_OFFSET}$")
#: RFC 822 `local-part@domain-part`: AppSync takes a domain without a dot (`a@localhost`).
_EMAIL_RE = re.compile(r"^[^\s@]+@[^\s@]+$")
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")
_PHONE_RE = re.compile(r"^\+?[\d\s\-().]{3,}$")


def _check_date_parts(text: str) -> bool:
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match is not None:
        month, day = int(match.group(2)), int(match.group(3))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return False
    time_match = re.search(r"(?:^|T)(\d{2}):(\d{2})(?::(\d{2}))?", text)
    if time_match is not None:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        if hour > 23 or minute > 59 or second > 59:
            return False
    return True


def _pattern_check(pattern: re.Pattern[str], dates: bool = False) -> Callable[[str], bool]:
    # Cached: every response coerces the same stored timestamps (createdAt, updatedAt) again.
    @lru_cache(maxsize=4096)
    def check(value: str) -> bool:
        return bool(pattern.match(value)) and (not dates or _check_date_parts(value))

    return check


def _ip_check(value: str) -> bool:
    try:
        ipaddress.ip_interface(value)
    except ValueError:
        return False
    return True


def _phone_check(value: str) -> bool:
    return bool(_PHONE_RE.match(value)) and sum(c.isdigit() for c in value) >= 3


def _string_scalar(name: str, check: Callable[[str], bool], description: str) -> GraphQLScalarType:
    def coerce(value: Any) -> str:
        if not isinstance(value, str) or not check(value):
            raise GraphQLError(f"Invalid value for {name}: {_show(value)}")
        return value

    def coerce_literal(node: ValueNode, *_: Any) -> str:
        if not isinstance(node, StringValueNode):
            raise GraphQLError(f"Can only validate strings as {name} but got a: {node.kind}")
        return coerce(node.value)

    return GraphQLScalarType(
        name,
        description=description,
        coerce_output_value=coerce,
        coerce_input_value=coerce,
        coerce_input_literal=coerce_literal,
    )


def _show(value: Any) -> str:
    return json.dumps(value) if isinstance(value, str) else repr(value)


def _timestamp_input(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise GraphQLError(f"Invalid value for AWSTimestamp: {_show(value)}")
    return value


def _timestamp_output(value: Any) -> int:
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return _timestamp_input(value)


def _timestamp_literal(node: ValueNode, *_: Any) -> int:
    if not isinstance(node, IntValueNode):
        raise GraphQLError(
            f"Can only validate integers as AWSTimestamp but got a: {print_ast(node)}"
        )
    return int(node.value)


def _json_input(value: Any) -> Any:
    if not isinstance(value, str):
        # AppSync accepts a JSON value given directly in variables as well.
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as err:
        raise GraphQLError(f"Invalid value for AWSJSON: {_show(value)} is not JSON") from err


def _json_output(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def _json_literal(node: ValueNode, *_: Any) -> Any:
    if not isinstance(node, StringValueNode):
        raise GraphQLError(f"Can only validate strings as AWSJSON but got a: {node.kind}")
    return _json_input(node.value)


APPSYNC_SCALARS: dict[str, GraphQLScalarType] = {
    "AWSDate": _string_scalar(
        "AWSDate", _pattern_check(_DATE_RE, True), "An ISO 8601 date: YYYY-MM-DD[offset]."
    ),
    "AWSTime": _string_scalar(
        "AWSTime", _pattern_check(_TIME_RE, True), "An ISO 8601 time: hh:mm[:ss[.sss]][offset]."
    ),
    "AWSDateTime": _string_scalar(
        "AWSDateTime",
        _pattern_check(_DATETIME_RE, True),
        "An ISO 8601 date and time with a required offset: YYYY-MM-DDThh:mm[:ss[.sss]]Z.",
    ),
    "AWSEmail": _string_scalar(
        "AWSEmail", _pattern_check(_EMAIL_RE), "An email address (local@domain)."
    ),
    "AWSURL": _string_scalar("AWSURL", _pattern_check(_URL_RE), "A URL with a scheme."),
    "AWSPhone": _string_scalar("AWSPhone", _phone_check, "A phone number."),
    "AWSIPAddress": _string_scalar(
        "AWSIPAddress", _ip_check, "An IPv4 or IPv6 address, optionally with a CIDR prefix."
    ),
    "AWSTimestamp": GraphQLScalarType(
        "AWSTimestamp",
        description="Seconds since 1970-01-01T00:00Z.",
        coerce_output_value=_timestamp_output,
        coerce_input_value=_timestamp_input,
        coerce_input_literal=_timestamp_literal,
    ),
    "AWSJSON": GraphQLScalarType(
        "AWSJSON",
        description="A JSON value, sent and returned as a string.",
        coerce_output_value=_json_output,
        coerce_input_value=_json_input,
        coerce_input_literal=_json_literal,
    ),
}
