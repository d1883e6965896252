"""The `util` methods the JavaScript runtime delegates to the shared Python `$util` code.

Ids, time, encodings, the transform helpers and `util.matches` behave exactly as in VTL
(one implementation, and `resolvers.util.frozen` freezes both runtimes' clock and ids).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from typing import Any

from resolvers.util import Util
from resolvers.util.core import CoreUtil

__all__ = ["call", "serve"]

_SERVING = threading.local()  # `context`: the `$ctx` of the handler running on this thread


def serve(context: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """Lets the handler about to run read the parts of `context` it asks for (`ctx.identity`,
    `ctx.info`...); returns the context served before, to restore afterwards."""
    previous: Mapping[str, Any] | None = getattr(_SERVING, "context", None)
    _SERVING.context = context
    return previous


_UTIL = Util()
_CORE = CoreUtil()


def _table() -> dict[str, Callable[..., Any]]:
    table: dict[str, Callable[..., Any]] = {
        name: getattr(_CORE, name)
        for name in (
            "autoId",
            "autoUlid",
            "autoKsuid",
            "escapeJavaScript",
            "urlEncode",
            "urlDecode",
            "base64Encode",
            "base64Decode",
            "matches",
        )
    }
    for name in (
        "nowISO8601",
        "nowEpochSeconds",
        "nowEpochMilliSeconds",
        "nowFormatted",
        "parseFormattedToEpochMilliSeconds",
        "parseISO8601ToEpochMilliSeconds",
        "epochMilliSecondsToSeconds",
        "epochMilliSecondsToISO8601",
        "epochMilliSecondsToFormatted",
    ):
        table[f"time.{name}"] = getattr(_UTIL.time, name)
    for name in ("toDynamoDBFilterExpression", "toDynamoDBConditionExpression",
                 "toSubscriptionFilter"):  # fmt: skip
        table[f"transform.{name}"] = getattr(_UTIL.transform, name)
    table["transform.toElasticsearchQueryDSL"] = _unsupported(
        "util.transform.toElasticsearchQueryDSL"
    )
    table["dynamodb.toS3Object"] = _UTIL.dynamodb.toS3Object
    table["dynamodb.fromS3ObjectJson"] = _UTIL.dynamodb.fromS3ObjectJson
    table["http.copyHeaders"] = _UTIL.http.copyHeaders
    return table


def _unsupported(name: str) -> Callable[..., Any]:
    def fail(*_args: Any) -> Any:
        raise ValueError(f"{name} is not emulated (no OpenSearch data source locally)")

    return fail


_TABLE = _table()


def call(name: str, args_json: str) -> str:
    """Run util method `name` on JSON arguments; `{"value": ...}` or `{"error": message}`."""
    if name.startswith("ctx."):
        context = getattr(_SERVING, "context", None) or {}
        return json.dumps({"value": context.get(name[4:])}, default=str)
    function = _TABLE.get(name)
    if function is None:
        return json.dumps({"error": f"util.{name} is not a function"})
    args = json.loads(args_json)
    while args and args[-1] is None and name.startswith(("time.", "dynamodb.")):
        args.pop()
    try:
        value = function(*args)
    except Exception as err:
        return json.dumps({"error": str(err) or type(err).__name__})
    return json.dumps({"value": value}, default=str)
