"""Service and bucket operations: ListBuckets, Create/Head/DeleteBucket, location, listings."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from aiohttp import web

from amplify_mock.simulators.s3.errors import AccessDenied, InvalidArgument, NoSuchKey
from amplify_mock.simulators.s3.listing import (
    ListingPage,
    decode_token,
    encode_token,
    list_page,
    parse_max_keys,
)
from amplify_mock.simulators.s3.metadata import ObjectMeta
from amplify_mock.simulators.s3.state import S3Call
from amplify_mock.simulators.s3.storage import ObjectStore
from amplify_mock.simulators.s3.wire import element, iso_time, owner, url_encode, xml_response

__all__ = [
    "create_bucket",
    "delete_bucket",
    "get_bucket_location",
    "head_bucket",
    "list_buckets",
    "list_objects",
    "list_objects_v2",
]


async def list_buckets(call: S3Call) -> web.StreamResponse:
    buckets = await asyncio.to_thread(call.state.store.list_buckets)
    nodes = [
        element(
            "Bucket",
            None,
            [element("Name", bucket.name), element("CreationDate", iso_time(bucket.created))],
        )
        for bucket in buckets
    ]
    return xml_response(
        element("ListAllMyBucketsResult", None, [owner(), element("Buckets", None, nodes)])
    )


async def create_bucket(call: S3Call) -> web.StreamResponse:
    """:raises AccessDenied: the endpoint serves only its configured buckets."""
    if not call.state.settings.allow_create_bucket:
        raise AccessDenied("The local S3 mock serves only the project's storage buckets")
    await asyncio.to_thread(call.state.store.create_bucket, call.bucket)
    return web.Response(status=200, headers={"Location": f"/{call.bucket}"})


async def head_bucket(call: S3Call) -> web.StreamResponse:
    await asyncio.to_thread(call.state.store.bucket_dir, call.bucket)
    return web.Response(status=200, headers={"x-amz-bucket-region": call.state.settings.region})


async def delete_bucket(call: S3Call) -> web.StreamResponse:
    await asyncio.to_thread(call.state.store.delete_bucket, call.bucket)
    return web.Response(status=204)


async def get_bucket_location(call: S3Call) -> web.StreamResponse:
    await asyncio.to_thread(call.state.store.bucket_dir, call.bucket)
    region = call.state.settings.region
    return xml_response(element("LocationConstraint", None if region == "us-east-1" else region))


def _page(
    store: ObjectStore, bucket: str, prefix: str, delimiter: str, after: str, max_keys: int
) -> tuple[ListingPage, list[ObjectMeta]]:
    page = list_page(
        store.list_keys(bucket), prefix=prefix, delimiter=delimiter, after=after, max_keys=max_keys
    )
    metas = []
    for key in page.keys:
        try:
            metas.append(store.head_object(bucket, key))
        except NoSuchKey:
            continue
    return page, metas


def _contents(metas: Sequence[ObjectMeta], encode: bool, with_owner: bool) -> list[ET.Element]:
    nodes: list[ET.Element] = []
    for meta in metas:
        children = [
            element("Key", url_encode(meta.key, encode)),
            element("LastModified", iso_time(meta.last_modified)),
            element("ETag", f'"{meta.etag}"'),
            element("Size", meta.size),
            element("StorageClass", "STANDARD"),
        ]
        if with_owner:
            children.append(owner())
        nodes.append(element("Contents", None, children))
    return nodes


def _encoding(call: S3Call) -> bool:
    value = call.query.get("encoding-type")
    if value is None:
        return False
    if value != "url":
        raise InvalidArgument(
            "Invalid Encoding Method specified in Request",
            ArgumentName="encoding-type",
            ArgumentValue=value,
        )
    return True


async def list_objects(call: S3Call) -> web.StreamResponse:
    """ListObjects (v1): `marker` resumes; NextMarker only with a delimiter, as in S3."""
    query = call.query
    encode = _encoding(call)
    prefix, delimiter = query.get("prefix", ""), query.get("delimiter", "")
    marker, max_keys = query.get("marker", ""), parse_max_keys(query.get("max-keys"))
    page, metas = await asyncio.to_thread(
        _page, call.state.store, call.bucket, prefix, delimiter, marker, max_keys
    )
    children: list[ET.Element] = [
        element("Name", call.bucket),
        element("Prefix", url_encode(prefix, encode)),
        element("Marker", url_encode(marker, encode)),
        element("MaxKeys", max_keys),
    ]
    if delimiter:
        children.append(element("Delimiter", url_encode(delimiter, encode)))
    children.append(element("IsTruncated", page.is_truncated))
    if delimiter and page.is_truncated and page.last is not None:
        children.append(element("NextMarker", url_encode(page.last, encode)))
    if encode:
        children.append(element("EncodingType", "url"))
    children.extend(_contents(metas, encode, with_owner=True))
    children.extend(_common_prefixes(page, encode))
    return xml_response(element("ListBucketResult", None, children))


def _common_prefixes(page: ListingPage, encode: bool) -> list[ET.Element]:
    return [
        element("CommonPrefixes", None, [element("Prefix", url_encode(prefix, encode))])
        for prefix in page.common_prefixes
    ]


async def list_objects_v2(call: S3Call) -> web.StreamResponse:
    """ListObjectsV2: an opaque continuation token beats `start-after`."""
    query = call.query
    encode = _encoding(call)
    prefix, delimiter = query.get("prefix", ""), query.get("delimiter", "")
    max_keys = parse_max_keys(query.get("max-keys"))
    token = query.get("continuation-token")
    start_after = query.get("start-after", "")
    after = decode_token(token) if token is not None else start_after
    page, metas = await asyncio.to_thread(
        _page, call.state.store, call.bucket, prefix, delimiter, after, max_keys
    )
    children: list[ET.Element] = [
        element("Name", call.bucket),
        element("Prefix", url_encode(prefix, encode)),
    ]
    if delimiter:
        children.append(element("Delimiter", url_encode(delimiter, encode)))
    children += [
        element("MaxKeys", max_keys),
        element("KeyCount", len(page.keys) + len(page.common_prefixes)),
        element("IsTruncated", page.is_truncated),
    ]
    if encode:
        children.append(element("EncodingType", "url"))
    if token is not None:
        children.append(element("ContinuationToken", token))
    if page.is_truncated and page.last is not None:
        children.append(element("NextContinuationToken", encode_token(page.last)))
    if start_after:
        children.append(element("StartAfter", url_encode(start_after, encode)))
    with_owner = query.get("fetch-owner", "").lower() == "true"
    children.extend(_contents(metas, encode, with_owner))
    children.extend(_common_prefixes(page, encode))
    return xml_response(element("ListBucketResult", None, children))
