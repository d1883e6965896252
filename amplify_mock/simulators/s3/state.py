"""Settings of one local S3 endpoint and the state its handlers share."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from amplify_mock.simulators.s3.events import EventCallback
from amplify_mock.simulators.s3.storage import ObjectStore

__all__ = ["EventDispatcher", "S3Call", "S3Settings", "S3State", "WebsiteConfiguration"]

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebsiteConfiguration:
    """A bucket's static website hosting: its IndexDocument suffix and ErrorDocument key."""

    index_document: str = "index.html"
    error_document: str | None = None


@dataclass(frozen=True)
class S3Settings:
    """How to run the endpoint.

    `root` is the folder holding one folder per bucket (`amplify/mock-data/S3` in a
    project); `buckets` are created at start (the names the frontend config carries,
    `<bucketName>-<env>`); `bucket_folders` maps a served name to a different folder name
    (the Amplify CLI keeps `<bucketName>-<env>` in `mock-data/S3/<bucketName>`);
    `clock` is injectable so presigned-URL expiry is testable; `websites` maps a bucket
    name to its website configuration (browser requests then get website semantics).
    """

    root: Path
    buckets: tuple[str, ...] = ()
    bucket_folders: Mapping[str, str] = field(default_factory=dict)
    region: str = "us-east-1"
    allow_create_bucket: bool = True
    on_event: EventCallback | None = None
    clock: Callable[[], float] = time.time
    virtual_host_suffixes: tuple[str, ...] = ("localhost",)
    websites: Mapping[str, WebsiteConfiguration] = field(default_factory=dict)
    #: checks each object request's caller against access rules (raises `AccessDenied`);
    #: None: any credentials work
    authorizer: Callable[[S3Access], None] | None = None


@dataclass(frozen=True)
class S3Access:
    """What an authorizer decides on: the operation, its bucket and key (or list prefix), and
    the caller's credentials (the session token of the request, header or presigned URL)."""

    operation: str
    bucket: str
    key: str
    session_token: str | None
    access_key_id: str | None


class EventDispatcher:
    """Runs `on_event` in the background (S3 notifies asynchronously) and logs its failures."""

    def __init__(self, callback: EventCallback | None) -> None:
        self._callback = callback
        self._tasks: set[asyncio.Task[None]] = set()

    def emit(
        self, bucket: str, event_name: str, key: str, size: int | None, etag: str | None
    ) -> None:
        if self._callback is None:
            return
        task = asyncio.create_task(self._run(self._callback, bucket, event_name, key, size, etag))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _run(
        callback: EventCallback,
        bucket: str,
        event_name: str,
        key: str,
        size: int | None,
        etag: str | None,
    ) -> None:
        try:
            await callback(bucket, event_name, key, size, etag)
        except Exception:
            LOG.exception("S3 event handler failed for %s on s3://%s/%s", event_name, bucket, key)

    async def drain(self, timeout: float) -> None:
        """Wait (bounded) for events still being delivered when the endpoint stops."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)


@dataclass
class S3State:
    settings: S3Settings
    store: ObjectStore
    events: EventDispatcher
    #: held from a conditional write's check to its store, so of two PutObjects with the same
    #: If-Match exactly one wins (S3 decides conditional writes atomically)
    conditional_writes: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass(frozen=True)
class S3Call:
    """One request, resolved to its bucket and key (empty strings when not addressed)."""

    request: web.Request
    state: S3State
    bucket: str
    key: str
    query: Mapping[str, str] = field(default_factory=dict)
