"""The data browser's buckets: list, upload, download, delete through the local S3's own store.

Uploads and deletes emit the same `ObjectCreated:Put` / `ObjectRemoved:Delete` events as the
S3 endpoint, so a storage trigger runs as it would for an app's upload.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

from aiohttp import web

from amplify_mock.simulators.appsync.dashboard.errors import S3ConsoleError

if TYPE_CHECKING:
    from amplify_mock.simulators.s3.state import S3State

__all__ = ["delete_object", "list_buckets", "list_objects", "open_object", "upload_object"]

#: At most this many keys in one listing (S3's page size).
MAX_KEYS = 1000


@contextlib.contextmanager
def _s3_errors(**resource: str) -> Iterator[None]:
    from amplify_mock.simulators.s3.errors import S3Error

    try:
        yield
    except S3Error as err:
        details = {k: str(v) for k, v in err.details.items()}
        raise S3ConsoleError(err.code, err.message, err.status, **{**resource, **details}) from err


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


async def list_buckets(state: S3State) -> list[dict[str, Any]]:
    buckets = await asyncio.to_thread(state.store.list_buckets)
    return [{"Name": b.name, "CreationDate": _iso(b.created)} for b in buckets]


def _listing(state: S3State, bucket: str, prefix: str) -> dict[str, Any]:
    store = state.store
    keys = [k for k in store.list_keys(bucket) if k.startswith(prefix)]
    contents = []
    for key in keys[:MAX_KEYS]:
        meta = store.head_object(bucket, key)
        contents.append(
            {
                "Key": key,
                "Size": meta.size,
                "LastModified": _iso(meta.last_modified),
                "ETag": f'"{meta.etag}"',
            }
        )
    return {
        "Name": bucket,
        "Prefix": prefix,
        "KeyCount": len(contents),
        "IsTruncated": len(keys) > MAX_KEYS,
        "Contents": contents,
    }


async def list_objects(state: S3State, bucket: str, prefix: str = "") -> dict[str, Any]:
    """ListObjectsV2's answer as JSON (first `MAX_KEYS` keys under `prefix`).

    :raises S3ConsoleError: NoSuchBucket.
    """
    with _s3_errors(BucketName=bucket):
        return await asyncio.to_thread(_listing, state, bucket, prefix)


async def open_object(state: S3State, bucket: str, key: str) -> tuple[BinaryIO | None, Any]:
    """The object's open file (None for a folder marker) and metadata.

    :raises S3ConsoleError: NoSuchBucket, NoSuchKey.
    """
    with _s3_errors(BucketName=bucket, Key=key):
        return await asyncio.to_thread(state.store.open_object, bucket, key)


async def upload_object(
    state: S3State, bucket: str, key: str, request: web.Request
) -> dict[str, Any]:
    """PutObject with the request's body and Content-Type, as the S3 endpoint stores it.

    :raises S3ConsoleError: NoSuchBucket, an unusable key, a body shorter than declared.
    """
    from amplify_mock.simulators.s3.body import receive_body
    from amplify_mock.simulators.s3.storage import StoredObject

    if not key:
        raise S3ConsoleError("InvalidArgument", "An object key is required.", 400, Key=key)
    with _s3_errors(BucketName=bucket, Key=key):
        state.store.bucket_dir(bucket)
        body = await receive_body(request, state.store.staging_dir)
        stored = StoredObject(request.headers.get("Content-Type"), {}, {})
        meta = await asyncio.to_thread(state.store.put_object, bucket, key, body, stored)
    state.events.emit(bucket, "ObjectCreated:Put", key, meta.size, meta.etag)
    return {"ETag": f'"{meta.etag}"', "Size": meta.size}


async def delete_object(state: S3State, bucket: str, key: str) -> dict[str, Any]:
    """DeleteObject (idempotent, as S3's).

    :raises S3ConsoleError: NoSuchBucket.
    """
    with _s3_errors(BucketName=bucket, Key=key):
        removed = await asyncio.to_thread(state.store.delete_object, bucket, key)
    if removed:
        state.events.emit(bucket, "ObjectRemoved:Delete", key, None, None)
    return {"Deleted": removed}
