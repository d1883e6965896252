"""Object operations: PutObject, CopyObject, GetObject, HeadObject, DeleteObject(s)."""

from __future__ import annotations

import asyncio
from typing import BinaryIO
from urllib.parse import unquote

from aiohttp import web
from multidict import CIMultiDictProxy

from amplify_mock.simulators.s3.body import receive_body
from amplify_mock.simulators.s3.conditions import (
    check_copy_conditions,
    check_read_conditions,
    etag_matches,
    parse_range,
)
from amplify_mock.simulators.s3.errors import (
    InvalidArgument,
    InvalidRequest,
    MalformedXML,
    NoSuchKey,
    NotImplementedOperation,
    NotModified,
    PreconditionFailed,
    S3Error,
)
from amplify_mock.simulators.s3.keys import key_to_path
from amplify_mock.simulators.s3.metadata import ObjectMeta
from amplify_mock.simulators.s3.state import S3Call
from amplify_mock.simulators.s3.storage import StoredObject
from amplify_mock.simulators.s3.wire import (
    element,
    http_date,
    iso_time,
    object_headers,
    parse_xml,
    xml_response,
)

__all__ = [
    "copy_object",
    "delete_object",
    "delete_objects",
    "get_object",
    "parse_copy_source",
    "put_object",
    "stored_from_headers",
]

_SYSTEM_HEADERS = (
    "Cache-Control",
    "Content-Disposition",
    "Content-Encoding",
    "Content-Language",
    "Expires",
    "x-amz-website-redirect-location",
)
_RESPONSE_OVERRIDES = {
    "response-content-type": "Content-Type",
    "response-content-language": "Content-Language",
    "response-expires": "Expires",
    "response-cache-control": "Cache-Control",
    "response-content-disposition": "Content-Disposition",
    "response-content-encoding": "Content-Encoding",
}
_READ_BLOCK = 1 << 20
_MAX_DELETE = 1000


def stored_from_headers(headers: CIMultiDictProxy[str]) -> StoredObject:
    """Content-Type, system metadata and `x-amz-meta-*` from a write request."""
    kept: dict[str, str] = {}
    for name in _SYSTEM_HEADERS:
        value = headers.get(name)
        if value is None:
            continue
        if name == "Content-Encoding":
            value = ", ".join(
                part.strip() for part in value.split(",") if part.strip() != "aws-chunked"
            )
            if not value:
                continue
        kept[name] = value
    user = {
        name.lower()[len("x-amz-meta-") :]: value
        for name, value in headers.items()
        if name.lower().startswith("x-amz-meta-")
    }
    return StoredObject(headers.get("Content-Type"), kept, user)


def _checksum_headers(meta: ObjectMeta) -> dict[str, str]:
    return {f"x-amz-checksum-{name.lower()}": value for name, value in meta.checksums.items()}


def _is_conditional(call: S3Call) -> bool:
    headers = call.request.headers
    return headers.get("If-None-Match") is not None or headers.get("If-Match") is not None


async def _check_write_conditions(call: S3Call) -> None:
    """Conditional writes (`If-None-Match: *`, `If-Match`), which S3 supports on PutObject."""
    headers = call.request.headers
    if_none_match = headers.get("If-None-Match")
    if_match = headers.get("If-Match")
    if if_none_match is None and if_match is None:
        return
    store = call.state.store
    try:
        meta: ObjectMeta | None = await asyncio.to_thread(store.head_object, call.bucket, call.key)
    except NoSuchKey:
        meta = None
    if if_none_match is not None and meta is not None and etag_matches(if_none_match, meta.etag):
        raise PreconditionFailed(Condition="If-None-Match")
    if if_match is not None:
        if meta is None:
            raise NoSuchKey(Key=call.key)
        if not etag_matches(if_match, meta.etag):
            raise PreconditionFailed(Condition="If-Match")


async def put_object(call: S3Call) -> web.StreamResponse:
    await _check_write_conditions(call)
    store = call.state.store
    key_to_path(store.bucket_dir(call.bucket), call.key)  # refuse before reading the body
    stored = stored_from_headers(call.request.headers)
    body = await receive_body(call.request, store.staging_dir)
    if _is_conditional(call):
        async with call.state.conditional_writes:  # check again: another write may have won
            await _check_write_conditions(call)
            meta = await asyncio.to_thread(store.put_object, call.bucket, call.key, body, stored)
    else:
        meta = await asyncio.to_thread(store.put_object, call.bucket, call.key, body, stored)
    call.state.events.emit(call.bucket, "ObjectCreated:Put", call.key, meta.size, meta.etag)
    headers = {"ETag": f'"{meta.etag}"', **_checksum_headers(meta)}
    if meta.checksums:
        headers["x-amz-checksum-type"] = "FULL_OBJECT"
    return web.Response(status=200, headers=headers)


def parse_copy_source(value: str) -> tuple[str, str]:
    """`x-amz-copy-source: [/]bucket/key[?versionId=...]` (URL-encoded) to (bucket, key).

    :raises InvalidArgument: no bucket or no key.
    """
    raw = value.split("?versionId=", 1)[0]
    if any("\udc80" <= char <= "\udcff" for char in raw):
        # Not UTF-8 on the wire: browsers and Node send a JS string's code units as single
        # bytes (latin-1), and Amplify JS does not percent-encode the copy source.
        raw = raw.encode("utf-8", "surrogateescape").decode("latin-1")
    source = unquote(raw)
    source = source[1:] if source.startswith("/") else source
    bucket, _, key = source.partition("/")
    if not bucket or not key:
        raise InvalidArgument(
            "Invalid copy source object key", ArgumentName="x-amz-copy-source", ArgumentValue=value
        )
    return bucket, key


async def copy_object(call: S3Call) -> web.StreamResponse:
    headers = call.request.headers
    source = parse_copy_source(headers["x-amz-copy-source"])
    store = call.state.store
    source_meta = await asyncio.to_thread(store.head_object, *source)
    check_copy_conditions(headers, source_meta.etag, source_meta.last_modified)
    replace = headers.get("x-amz-metadata-directive", "COPY").upper() == "REPLACE"
    if source == (call.bucket, call.key) and not replace:
        raise InvalidRequest(
            "This copy request is illegal because it is trying to copy an object to itself "
            "without changing the object's metadata, storage class, website redirect location "
            "or encryption attributes."
        )
    stored = stored_from_headers(headers) if replace else None
    meta = await asyncio.to_thread(store.copy_object, source, call.bucket, call.key, stored)
    call.state.events.emit(call.bucket, "ObjectCreated:Copy", call.key, meta.size, meta.etag)
    result = element(
        "CopyObjectResult",
        None,
        [element("LastModified", iso_time(meta.last_modified)), element("ETag", f'"{meta.etag}"')],
    )
    return xml_response(result, headers=_checksum_headers(meta))


def _read(file: BinaryIO, size: int) -> bytes:
    return file.read(size)


async def get_object(call: S3Call) -> web.StreamResponse:
    """GetObject and HeadObject: conditions, Range, response-* overrides, streamed body."""
    request = call.request
    file, meta = await asyncio.to_thread(call.state.store.open_object, call.bucket, call.key)
    try:
        try:
            check_read_conditions(request.headers, meta.etag, meta.last_modified)
        except NotModified:
            validators = {"ETag": f'"{meta.etag}"', "Last-Modified": http_date(meta.last_modified)}
            return web.Response(status=304, headers=validators)
        byte_range = parse_range(request.headers.get("Range"), meta.size)
        headers = object_headers(meta)
        if "partNumber" in call.query:
            raise NotImplementedOperation(
                "GetObject by partNumber is not emulated by the local S3 mock"
            )
        for parameter, header in _RESPONSE_OVERRIDES.items():
            if parameter in call.query:
                headers[header] = call.query[parameter]
        if byte_range is None:
            start, length, status = 0, meta.size, 200
            if request.headers.get("x-amz-checksum-mode", "").upper() == "ENABLED":
                headers.update(_checksum_headers(meta))
                if meta.checksums:
                    headers["x-amz-checksum-type"] = "FULL_OBJECT"
        else:
            start, end = byte_range
            length, status = end - start + 1, 206
            headers["Content-Range"] = f"bytes {start}-{end}/{meta.size}"
        response = web.StreamResponse(status=status, headers=headers)
        response.content_length = length
        await response.prepare(request)
        if request.method == "GET" and file is not None and length:
            await asyncio.to_thread(file.seek, start)
            remaining = length
            while remaining > 0:
                block = await asyncio.to_thread(_read, file, min(_READ_BLOCK, remaining))
                if not block:
                    break
                await response.write(block)
                remaining -= len(block)
        await response.write_eof()
        return response
    finally:
        if file is not None:
            await asyncio.to_thread(file.close)


async def delete_object(call: S3Call) -> web.StreamResponse:
    existed = await asyncio.to_thread(call.state.store.delete_object, call.bucket, call.key)
    if existed:
        call.state.events.emit(call.bucket, "ObjectRemoved:Delete", call.key, None, None)
    return web.Response(status=204)


def _delete_request(root_xml: bytes) -> tuple[list[str], bool]:
    root = parse_xml(root_xml)
    if root.tag != "Delete":
        raise MalformedXML()
    quiet = (root.findtext("Quiet") or "").strip().lower() == "true"
    keys = []
    for node in root.findall("Object"):
        key = node.findtext("Key")
        if key is None:
            raise MalformedXML()
        keys.append(key)
    if not keys or len(keys) > _MAX_DELETE:
        raise MalformedXML()
    return keys, quiet


async def delete_objects(call: S3Call) -> web.StreamResponse:
    keys, quiet = _delete_request(await call.request.read())
    store = call.state.store
    await asyncio.to_thread(store.bucket_dir, call.bucket)
    results = []
    for key in keys:
        try:
            existed = await asyncio.to_thread(store.delete_object, call.bucket, key)
        except S3Error as err:
            results.append(
                element(
                    "Error",
                    None,
                    [
                        element("Key", key),
                        element("Code", err.code),
                        element("Message", err.message),
                    ],
                )
            )
            continue
        if existed:
            call.state.events.emit(call.bucket, "ObjectRemoved:Delete", key, None, None)
        if not quiet:
            results.append(element("Deleted", None, [element("Key", key)]))
    return xml_response(element("DeleteResult", None, results))
