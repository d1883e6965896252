"""Multipart uploads: create, upload and copy parts, complete, abort, list parts and uploads."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

from aiohttp import web

from amplify_mock.simulators.s3.body import receive_body
from amplify_mock.simulators.s3.checksums import ALGORITHMS
from amplify_mock.simulators.s3.conditions import check_copy_conditions
from amplify_mock.simulators.s3.errors import InvalidArgument, MalformedXML
from amplify_mock.simulators.s3.objects import parse_copy_source, stored_from_headers
from amplify_mock.simulators.s3.state import S3Call
from amplify_mock.simulators.s3.storage import check_part_number
from amplify_mock.simulators.s3.wire import element, iso_time, owner, parse_xml, xml_response

__all__ = [
    "abort_multipart_upload",
    "complete_multipart_upload",
    "create_multipart_upload",
    "list_multipart_uploads",
    "list_parts",
    "upload_part",
    "upload_part_copy",
]

_MAX_PARTS = 1000


async def create_multipart_upload(call: S3Call) -> web.StreamResponse:
    headers = call.request.headers
    algorithm = headers.get("x-amz-checksum-algorithm")
    if algorithm is not None and algorithm.upper() not in ALGORITHMS.values():
        raise InvalidArgument(
            "Checksum algorithm provided is unsupported.",
            ArgumentName="x-amz-checksum-algorithm",
            ArgumentValue=algorithm,
        )
    upload = await asyncio.to_thread(
        call.state.store.create_upload,
        call.bucket,
        call.key,
        stored_from_headers(headers),
        algorithm.upper() if algorithm else None,
    )
    extra = {}
    if upload.checksum_algorithm:
        extra["x-amz-checksum-algorithm"] = upload.checksum_algorithm
    result = element(
        "InitiateMultipartUploadResult",
        None,
        [
            element("Bucket", call.bucket),
            element("Key", call.key),
            element("UploadId", upload.upload_id),
        ],
    )
    return xml_response(result, headers=extra)


async def upload_part(call: S3Call) -> web.StreamResponse:
    store = call.state.store
    number = check_part_number(call.query.get("partNumber", ""))
    upload = await asyncio.to_thread(
        store.get_upload, call.bucket, call.key, call.query["uploadId"]
    )
    body = await receive_body(call.request, store.staging_dir)
    part = await asyncio.to_thread(
        store.put_part, upload, number, body.path, body.md5_hex, body.size, body.checksums
    )
    headers = {"ETag": f'"{part.etag}"'}
    headers.update({f"x-amz-checksum-{k.lower()}": v for k, v in part.checksums.items()})
    return web.Response(status=200, headers=headers)


def _copy_range(header: str | None, size: int) -> tuple[int, int] | None:
    """:raises InvalidArgument: a malformed or out-of-object `x-amz-copy-source-range`."""
    if header is None:
        return None
    first, _, last = header.removeprefix("bytes=").partition("-")
    if not first.isdigit() or not last.isdigit() or int(first) > int(last) or int(last) >= size:
        raise InvalidArgument(
            f"Range specified is not valid for source object of size: {size}",
            ArgumentName="x-amz-copy-source-range",
            ArgumentValue=header,
        )
    return int(first), int(last)


async def upload_part_copy(call: S3Call) -> web.StreamResponse:
    store = call.state.store
    headers = call.request.headers
    number = check_part_number(call.query.get("partNumber", ""))
    upload = await asyncio.to_thread(
        store.get_upload, call.bucket, call.key, call.query["uploadId"]
    )
    source = parse_copy_source(headers["x-amz-copy-source"])
    source_meta = await asyncio.to_thread(store.head_object, *source)
    check_copy_conditions(headers, source_meta.etag, source_meta.last_modified)
    byte_range = _copy_range(headers.get("x-amz-copy-source-range"), source_meta.size)
    staged, md5_hex, size, _ = await asyncio.to_thread(store.copy_to_staging, source, byte_range)
    part = await asyncio.to_thread(store.put_part, upload, number, staged, md5_hex, size, {})
    result = element(
        "CopyPartResult",
        None,
        [element("LastModified", iso_time(part.last_modified)), element("ETag", f'"{part.etag}"')],
    )
    return xml_response(result)


def _requested_parts(body: bytes) -> list[tuple[int, str]]:
    root = parse_xml(body)
    if root.tag != "CompleteMultipartUpload":
        raise MalformedXML()
    parts = []
    for node in root.findall("Part"):
        number, etag = node.findtext("PartNumber"), node.findtext("ETag")
        if number is None or etag is None or not number.strip().isdigit():
            raise MalformedXML()
        parts.append((int(number), etag.strip()))
    return parts


async def complete_multipart_upload(call: S3Call) -> web.StreamResponse:
    store = call.state.store
    upload = await asyncio.to_thread(
        store.get_upload, call.bucket, call.key, call.query["uploadId"]
    )
    requested = _requested_parts(await call.request.read())
    meta = await asyncio.to_thread(store.complete_upload, upload, requested)
    call.state.events.emit(
        call.bucket, "ObjectCreated:CompleteMultipartUpload", call.key, meta.size, meta.etag
    )
    location = f"{call.request.scheme}://{call.request.host}/{call.bucket}/{call.key}"
    result = element(
        "CompleteMultipartUploadResult",
        None,
        [
            element("Location", location),
            element("Bucket", call.bucket),
            element("Key", call.key),
            element("ETag", f'"{meta.etag}"'),
        ],
    )
    return xml_response(result)


async def abort_multipart_upload(call: S3Call) -> web.StreamResponse:
    store = call.state.store
    upload = await asyncio.to_thread(
        store.get_upload, call.bucket, call.key, call.query["uploadId"]
    )
    await asyncio.to_thread(store.abort_upload, upload)
    return web.Response(status=204)


async def list_parts(call: S3Call) -> web.StreamResponse:
    store = call.state.store
    upload = await asyncio.to_thread(
        store.get_upload, call.bucket, call.key, call.query["uploadId"]
    )
    marker_text = call.query.get("part-number-marker", "0")
    max_text = call.query.get("max-parts", str(_MAX_PARTS))
    if not marker_text.isdigit() or not max_text.isdigit():
        raise InvalidArgument("Provided part-number-marker or max-parts not an integer")
    marker, max_parts = int(marker_text), min(int(max_text), _MAX_PARTS)
    parts = [p for p in await asyncio.to_thread(store.list_parts, upload) if p.part_number > marker]
    page, truncated = parts[:max_parts], len(parts) > max_parts
    children: list[ET.Element] = [
        element("Bucket", call.bucket),
        element("Key", call.key),
        element("UploadId", upload.upload_id),
        element("PartNumberMarker", marker),
        element("NextPartNumberMarker", page[-1].part_number if page else 0),
        element("MaxParts", max_parts),
        element("IsTruncated", truncated),
        element("Initiator", None, [element("ID", "amplify-mock")]),
        owner(),
        element("StorageClass", "STANDARD"),
    ]
    if upload.checksum_algorithm:
        children.append(element("ChecksumAlgorithm", upload.checksum_algorithm))
    for part in page:
        part_children = [
            element("PartNumber", part.part_number),
            element("LastModified", iso_time(part.last_modified)),
            element("ETag", f'"{part.etag}"'),
            element("Size", part.size),
        ]
        part_children += [element(f"Checksum{k}", v) for k, v in part.checksums.items()]
        children.append(element("Part", None, part_children))
    return xml_response(element("ListPartsResult", None, children))


async def list_multipart_uploads(call: S3Call) -> web.StreamResponse:
    uploads = await asyncio.to_thread(call.state.store.list_uploads, call.bucket)
    prefix = call.query.get("prefix", "")
    nodes = [
        element(
            "Upload",
            None,
            [
                element("Key", upload.key),
                element("UploadId", upload.upload_id),
                element("Initiator", None, [element("ID", "amplify-mock")]),
                owner(),
                element("StorageClass", "STANDARD"),
                element("Initiated", iso_time(upload.initiated)),
            ],
        )
        for upload in uploads
        if upload.key.startswith(prefix)
    ]
    children = [
        element("Bucket", call.bucket),
        element("KeyMarker", ""),
        element("UploadIdMarker", ""),
        element("Prefix", prefix),
        element("MaxUploads", _MAX_PARTS),
        element("IsTruncated", False),
        *nodes,
    ]
    return xml_response(element("ListMultipartUploadsResult", None, children))
