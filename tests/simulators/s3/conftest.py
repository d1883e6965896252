"""Fixtures: the local S3 on a free port in a background loop (boto3 blocks), and an in-loop app."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from amplify_mock.simulators.s3 import S3Server, S3Settings

BUCKET = "storagebucket1234-dev"


class FakeClock:
    """Wall-clock time plus an offset tests can move forward (presigned-URL expiry)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        import time

        return time.time() + self.offset


@dataclass
class RecordedEvents:
    items: list[tuple[str, str, str, int | None, str | None]] = field(default_factory=list)

    async def __call__(
        self, bucket: str, event_name: str, key: str, size: int | None, etag: str | None
    ) -> None:
        self.items.append((bucket, event_name, key, size, etag))


class ThreadedS3:
    """An S3Server running in its own thread and loop, so blocking clients can call it."""

    def __init__(self, settings: S3Settings, port: int = 0) -> None:
        self.settings = settings
        self._port = port
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.server: S3Server | None = None

    def start(self) -> None:
        self._thread.start()
        server = S3Server(self.settings, host="127.0.0.1", port=self._port)
        asyncio.run_coroutine_threadsafe(server.start(), self._loop).result(30)
        self.server = server

    def stop(self) -> None:
        if self._loop.is_closed():
            return
        if self.server is not None:
            asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(30)
            self.server = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
        self._loop.close()

    @property
    def endpoint(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.port}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def events() -> RecordedEvents:
    return RecordedEvents()


@pytest.fixture
def s3_root(tmp_path: Path) -> Path:
    return tmp_path / "amplify" / "mock-data" / "S3"


@pytest.fixture
def settings(s3_root: Path, clock: FakeClock, events: RecordedEvents) -> S3Settings:
    return S3Settings(root=s3_root, buckets=(BUCKET,), clock=clock, on_event=events)


@pytest.fixture
def make_s3() -> Iterator[Callable[[S3Settings], ThreadedS3]]:
    started: list[ThreadedS3] = []

    def make(settings: S3Settings) -> ThreadedS3:
        s3 = ThreadedS3(settings)
        s3.start()
        started.append(s3)
        return s3

    yield make
    for s3 in started:
        s3.stop()


@pytest.fixture
def s3(make_s3: Callable[[S3Settings], ThreadedS3], settings: S3Settings) -> ThreadedS3:
    return make_s3(settings)


def boto_client(endpoint: str, **config: Any) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIAMOCK",
        aws_secret_access_key="mock-secret",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}, **config),
    )


@pytest.fixture
def client(s3: ThreadedS3) -> Any:
    return boto_client(s3.endpoint)
