"""`$util.http.*`: request header copies and response headers for HTTP resolvers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers import java_types as jt

__all__ = ["HttpUtil"]

#: Headers AppSync never forwards with `copyHeaders`.
_RESTRICTED = {
    "authorization",
    "connection",
    "content-length",
    "host",
    "expect",
    "keep-alive",
    "upgrade",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "transfer-encoding",
    "x-amzn-requestid",
    "x-amzn-trace-id",
    "x-api-key",
}


class HttpUtil:
    """`$util.http`; response headers set here are collected per render."""

    vtl_name = "$util.http"

    def __init__(self) -> None:
        self.response_headers: dict[str, str] = {}

    def copyHeaders(self, headers: Mapping[str, Any] | None) -> dict[str, Any]:
        return {k: v for k, v in (headers or {}).items() if k.lower() not in _RESTRICTED}

    def addResponseHeader(self, name: Any, value: Any) -> str:
        self.response_headers[jt.to_java_string(name)] = jt.to_java_string(value)
        return jt.VOID

    def addResponseHeaders(self, headers: Mapping[str, Any]) -> str:
        for name, value in headers.items():
            self.addResponseHeader(name, value)
        return jt.VOID
