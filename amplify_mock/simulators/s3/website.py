"""S3 static website hosting on the local S3 port: index and error documents, folder redirects.

A bucket with a website configuration (the hosting bucket of `amplify hosting add`) answers a
browser's unsigned GET or HEAD as its S3 website endpoint would: `/` and `dir/` serve the
index document, `dir` (no object, but `dir/<index>` exists) is a 302 to `dir/`, an object with
`x-amz-website-redirect-location` is a 301 there, and a missing key is a 404 with the error
document's body (or S3's HTML error page). Signed requests (SDKs, Amplify JS, presigned URLs)
to the same bucket keep the REST API, so publishing and listing still work on one port.

Not emulated: RoutingRules, RedirectAllRequestsTo, 403 for objects that are not public.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Mapping

from aiohttp import web

from amplify_mock.simulators.s3 import objects
from amplify_mock.simulators.s3.errors import NoSuchBucket, NoSuchKey, S3Error
from amplify_mock.simulators.s3.metadata import ObjectMeta
from amplify_mock.simulators.s3.state import S3Call, WebsiteConfiguration
from amplify_mock.simulators.s3.wire import new_request_ids, object_headers

__all__ = ["WebsiteConfiguration", "is_website_request", "serve_website"]

#: Query parameters that mark a request as signed (header auth is the Authorization header).
_SIGNATURE_PARAMETERS = frozenset({"X-Amz-Signature", "X-Amz-Credential", "Signature"})
_MAX_ERROR_DOCUMENT = 1 << 20
_REASONS = {404: "Not Found", 403: "Forbidden", 400: "Bad Request", 500: "Internal Server Error"}


def is_website_request(request: web.BaseRequest, query: Mapping[str, str]) -> bool:
    """A browser's request: GET or HEAD carrying no AWS signature."""
    if request.method not in ("GET", "HEAD") or "Authorization" in request.headers:
        return False
    return not _SIGNATURE_PARAMETERS.intersection(query)


async def _find(call: S3Call, key: str) -> ObjectMeta | None:
    try:
        return await asyncio.to_thread(call.state.store.head_object, call.bucket, key)
    except NoSuchKey:
        return None


async def serve_website(
    call: S3Call, config: WebsiteConfiguration, *, prefix: str
) -> web.StreamResponse:
    """Answer one website request; `prefix` is the URL path before the key (`/<bucket>` for
    path-style requests, empty for virtual-host ones), used for redirect locations."""
    try:
        return await _serve(call, config, prefix)
    except S3Error as err:
        return await _error_page(call, config, err)


async def _serve(call: S3Call, config: WebsiteConfiguration, prefix: str) -> web.StreamResponse:
    key = call.key
    if not key and prefix and not call.request.rel_url.raw_path.endswith("/"):
        # path-style `/<bucket>`: relative links in the index document need the slash
        return _redirect(302, f"{prefix}/")
    if not key or key.endswith("/"):
        index_key = key + config.index_document
        if await _find(call, index_key) is None:
            raise NoSuchKey(Key=index_key)
        return await _serve_object(call, index_key)
    meta = await _find(call, key)
    if meta is None:
        if await _find(call, f"{key}/{config.index_document}") is not None:
            return _redirect(302, f"{prefix}/{key}/")
        raise NoSuchKey(Key=key)
    redirect = meta.headers.get("x-amz-website-redirect-location")
    if redirect:
        return _redirect(301, redirect)
    return await _serve_object(call, key)


def _redirect(status: int, location: str) -> web.Response:
    return web.Response(status=status, headers={"Location": location, **new_request_ids()})


async def _serve_object(call: S3Call, key: str) -> web.StreamResponse:
    """GetObject semantics (conditional requests, Range) without the REST query overrides."""
    return await objects.get_object(S3Call(call.request, call.state, call.bucket, key, {}))


def _read_document(call: S3Call, key: str) -> tuple[bytes, ObjectMeta] | None:
    try:
        file, meta = call.state.store.open_object(call.bucket, key)
    except S3Error:
        return None
    if file is None:
        return None
    with file:
        return file.read(_MAX_ERROR_DOCUMENT), meta


async def _error_page(
    call: S3Call, config: WebsiteConfiguration, error: S3Error
) -> web.StreamResponse:
    """The error document for a 4xx (status kept), else S3's own HTML error page."""
    document_error: S3Error | None = None
    if config.error_document and 400 <= error.status < 500 and not isinstance(error, NoSuchBucket):
        found = await asyncio.to_thread(_read_document, call, config.error_document)
        if found is not None:
            body, meta = found
            headers = object_headers(meta)
            return web.Response(
                status=error.status,
                body=b"" if call.request.method == "HEAD" else body,
                headers=headers,
            )
        document_error = NoSuchKey(Key=config.error_document)
    ids = new_request_ids()
    if call.request.method == "HEAD":
        return web.Response(status=error.status, headers=ids)
    return web.Response(
        status=error.status,
        text=_html_error(error, ids, document_error),
        content_type="text/html",
        headers=ids,
    )


def _items(error: S3Error) -> list[str]:
    lines = [f"Code: {error.code}", f"Message: {error.message}"]
    lines += [f"{name}: {value}" for name, value in error.details.items()]
    return [f"<li>{html.escape(line)}</li>" for line in lines]


def _html_error(error: S3Error, ids: Mapping[str, str], document_error: S3Error | None) -> str:
    title = f"{error.status} {_REASONS.get(error.status, 'Error')}"
    lines = ["<html>", f"<head><title>{title}</title></head>", "<body>", f"<h1>{title}</h1>"]
    lines += ["<ul>", *_items(error)]
    lines += [
        f"<li>RequestId: {ids['x-amz-request-id']}</li>",
        f"<li>HostId: {ids['x-amz-id-2']}</li>",
    ]
    lines.append("</ul>")
    if document_error is not None:
        lines += [
            "<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>",
            "<ul>",
            *_items(document_error),
            "</ul>",
        ]
    lines += ["<hr/>", "</body>", "</html>", ""]
    return "\n".join(lines)
