"""Reads a `POST /graphql` body into a `GraphQLRequest`, refusing what AppSync refuses (400).

AppSync answers an empty body with "Request body is empty." and anything that is not a JSON
object with a string `query` (optional object `variables`, optional string `operationName`)
with "Unable to parse GraphQL query.", both as `MalformedHttpRequestException`. The JSON is
parsed with a bounded nesting depth, so no body can exhaust the interpreter's stack.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from amplify_mock.simulators.appsync.errors import MalformedRequest

__all__ = ["MAX_JSON_DEPTH", "GraphQLRequest", "parse_graphql_request", "read_graphql_request"]

#: Deeper JSON is refused (input objects of real schemas nest a few levels).
MAX_JSON_DEPTH = 64
_UNPARSABLE = "Unable to parse GraphQL query."
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


@dataclass(frozen=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any]
    operation_name: str | None


async def read_graphql_request(request: web.Request) -> GraphQLRequest:
    """:raises MalformedRequest: unreadable (bad `Content-Encoding`), too large or malformed."""
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge as err:
        raise MalformedRequest("Request body is too large.", 413, unread_body=True) from err
    except web.RequestPayloadError as err:
        raise MalformedRequest("Unable to read the request body.", unread_body=True) from err
    return parse_graphql_request(raw)


def parse_graphql_request(raw: bytes) -> GraphQLRequest:
    """:raises MalformedRequest: empty, not JSON, too deep, or of the wrong shape."""
    if not raw.strip():
        raise MalformedRequest("Request body is empty.")
    if json_depth_exceeds(raw, MAX_JSON_DEPTH):
        raise MalformedRequest(_UNPARSABLE)
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError) as err:
        raise MalformedRequest(_UNPARSABLE) from err
    if not isinstance(body, dict):
        raise MalformedRequest(_UNPARSABLE)
    query = body.get("query")
    variables = body.get("variables")
    operation_name = body.get("operationName")
    if not isinstance(query, str) or not query.strip():
        raise MalformedRequest(_UNPARSABLE)
    if variables is not None and not isinstance(variables, dict):
        raise MalformedRequest(_UNPARSABLE)
    if operation_name is not None and not isinstance(operation_name, str):
        raise MalformedRequest(_UNPARSABLE)
    return GraphQLRequest(query, variables or {}, operation_name or None)


def json_depth_exceeds(raw: bytes | str, limit: int) -> bool:
    """Whether a JSON text nests arrays/objects deeper than `limit` (linear, no recursion)."""
    data = raw.encode() if isinstance(raw, str) else raw
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    brackets = _BRACKET.findall(_STRING.sub(b"", data))
    depth = 0
    for bracket in brackets:
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False
