"""S3's wire format: XML documents, timestamps, object headers, and the error body."""

from __future__ import annotations

import email.utils
import re
import secrets
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from aiohttp import web

from amplify_mock.simulators.s3.errors import MalformedXML, S3Error
from amplify_mock.simulators.s3.metadata import ObjectMeta

__all__ = [
    "OWNER_ID",
    "S3_NAMESPACE",
    "element",
    "error_response",
    "http_date",
    "iso_time",
    "new_request_ids",
    "object_headers",
    "owner",
    "parse_xml",
    "url_encode",
    "xml_response",
]

S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
OWNER_ID = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a"
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_MAX_XML = 4 * 1024 * 1024


def iso_time(epoch: float) -> str:
    """S3's XML timestamps: `2024-01-01T00:00:00.000Z`."""
    millis = int(epoch * 1000) % 1000
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)) + f".{millis:03d}Z"


def http_date(epoch: float) -> str:
    return email.utils.formatdate(epoch, usegmt=True)


def url_encode(value: str, encode: bool) -> str:
    """Keys and prefixes in listings when the client asked for `encoding-type=url`."""
    return quote(value, safe="/") if encode else value


#: Characters XML 1.0 cannot carry, even escaped (control characters, lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def element(tag: str, text: object = None, children: Iterable[ET.Element] = ()) -> ET.Element:
    """An element whose text is always well-formed XML: a key with a control character is
    written with U+FFFD in its place (clients list such keys with `encoding-type=url`)."""
    node = ET.Element(tag)
    if text is not None:
        value = ("true" if text else "false") if isinstance(text, bool) else str(text)
        node.text = _NOT_XML.sub("\ufffd", value)
    node.extend(children)
    return node


def owner() -> ET.Element:
    return element("Owner", None, [element("ID", OWNER_ID), element("DisplayName", "webfile")])


def xml_response(
    root: ET.Element, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    root.set("xmlns", S3_NAMESPACE)
    return web.Response(
        status=status,
        body=_XML_DECLARATION + ET.tostring(root, encoding="utf-8", xml_declaration=False),
        content_type="application/xml",
        headers=headers,
    )


def parse_xml(body: bytes) -> ET.Element:
    """Parse a request document with namespaces stripped from tag names.

    :raises MalformedXML: not XML, too large, or with a DOCTYPE (entities are refused).
    """
    if len(body) > _MAX_XML or b"<!DOCTYPE" in body.upper():
        raise MalformedXML()
    try:
        root = ET.fromstring(body)
    except ET.ParseError as err:
        raise MalformedXML() from err
    for node in root.iter():
        if "}" in node.tag:
            node.tag = node.tag.split("}", 1)[1]
    return root


def object_headers(meta: ObjectMeta) -> dict[str, str]:
    """The headers GetObject and HeadObject return for an object."""
    headers = {
        "ETag": f'"{meta.etag}"',
        "Last-Modified": http_date(meta.last_modified),
        "Content-Type": meta.content_type,
        "Accept-Ranges": "bytes",
    }
    headers.update(meta.headers)
    for name, value in meta.user_metadata.items():
        headers[f"x-amz-meta-{name}"] = value
    return headers


def new_request_ids() -> dict[str, str]:
    return {
        "x-amz-request-id": secrets.token_hex(8).upper(),
        "x-amz-id-2": secrets.token_urlsafe(48),
    }


def error_response(error: S3Error, request: web.BaseRequest, resource: str) -> web.Response:
    """The one place S3 errors become HTTP: XML `<Error>` body, none for HEAD and 304."""
    ids = new_request_ids()
    if request.method == "HEAD" or error.status == 304:
        return web.Response(status=error.status, headers=ids)
    children: list[Any] = [element("Code", error.code), element("Message", error.message)]
    children.extend(element(name, value) for name, value in error.details.items())
    children.append(element("Resource", resource))
    children.append(element("RequestId", ids["x-amz-request-id"]))
    children.append(element("HostId", ids["x-amz-id-2"]))
    body = _XML_DECLARATION + ET.tostring(element("Error", None, children), encoding="utf-8")
    return web.Response(status=error.status, body=body, content_type="application/xml", headers=ids)
