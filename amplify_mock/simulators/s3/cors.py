"""CORS for browser apps: preflights always succeed, responses expose what Amplify JS reads.

This mirrors the CORS rule the Amplify CLI puts on storage buckets (all origins, all headers,
GET/HEAD/PUT/POST/DELETE), and additionally exposes each response's `x-amz-meta-*` headers
so browser code can read object metadata.
"""

from __future__ import annotations

from aiohttp import web

__all__ = ["add_cors_headers", "preflight_response"]

_ALLOWED_METHODS = "GET, HEAD, PUT, POST, DELETE"
_EXPOSED = (
    "ETag",
    "x-amz-server-side-encryption",
    "x-amz-request-id",
    "x-amz-id-2",
    "x-amz-version-id",
    "Content-Length",
    "Content-Range",
    "Content-Type",
    "Content-Disposition",
    "Content-Encoding",
    "Cache-Control",
    "Last-Modified",
    "Accept-Ranges",
)
_MAX_AGE = "3000"


def preflight_response(request: web.BaseRequest) -> web.Response:
    """A 200 answer to any OPTIONS request, whether or not the object exists."""
    headers = {
        "Access-Control-Allow-Methods": _ALLOWED_METHODS,
        "Access-Control-Max-Age": _MAX_AGE,
    }
    requested = request.headers.get("Access-Control-Request-Headers")
    if requested:
        headers["Access-Control-Allow-Headers"] = requested
    return web.Response(status=200, headers=headers)


def add_cors_headers(request: web.BaseRequest, response: web.StreamResponse) -> None:
    """Called just before headers go out (streamed bodies included)."""
    if "Origin" not in request.headers:
        return
    response.headers["Access-Control-Allow-Origin"] = "*"
    exposed = list(_EXPOSED)
    exposed += [
        name
        for name in response.headers
        if name.lower().startswith(("x-amz-meta-", "x-amz-checksum-"))
    ]
    response.headers["Access-Control-Expose-Headers"] = ", ".join(exposed)
    response.headers.add("Vary", "Origin")
