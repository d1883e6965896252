"""Fixtures: the local Cognito endpoint on a free port in a background loop (boto3 blocks)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from amplify_mock.simulators.cognito import CognitoServer, PoolSettings, UserPool

REGION = "us-east-1"
POOL_ID = "us-east-1_MockPool1"
CLIENT_ID = "3mockclient0000000000000ab"
IDENTITY_POOL_ID = "us-east-1:00000000-0000-4000-8000-000000000001"


class FakeClock:
    """Wall-clock time plus an offset tests move forward (code and token expiry)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@dataclass
class Codes:
    """The lines the pool printed; `last(user)` is the newest code printed for that user."""

    lines: list[str] = field(default_factory=list)

    def __call__(self, line: str) -> None:
        self.lines.append(line)

    def last(self, user: str) -> str:
        for line in reversed(self.lines):
            if f" {user}" in line:
                return line.rsplit(": ", 1)[1]
        raise AssertionError(f"no code printed for {user}: {self.lines}")


@dataclass
class LocalCognito:
    pool: UserPool
    server: CognitoServer
    codes: Codes
    clock: FakeClock

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, service: str = "cognito-idp") -> Any:
        return boto3.client(
            service,
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id="local",
            aws_secret_access_key="local",
            config=Config(retries={"max_attempts": 1}),
        )


def settings(**overrides: Any) -> PoolSettings:
    values: dict[str, Any] = {
        "region": REGION,
        "user_pool_id": POOL_ID,
        "client_ids": (CLIENT_ID,),
        "identity_pool_id": IDENTITY_POOL_ID,
    }
    values.update(overrides)
    return PoolSettings(**values)


def start_cognito(data_dir: Path, pool_settings: PoolSettings) -> Iterator[LocalCognito]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    codes, clock = Codes(), FakeClock()
    pool = UserPool(pool_settings, data_dir, notify=codes, clock=clock)
    server = CognitoServer(pool, host="127.0.0.1", port=0)
    asyncio.run_coroutine_threadsafe(server.start(), loop).result(30)
    try:
        yield LocalCognito(pool, server, codes, clock)
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@pytest.fixture
def cognito(tmp_path: Path) -> Iterator[LocalCognito]:
    yield from start_cognito(tmp_path / "cognito", settings())


@pytest.fixture
def email_cognito(tmp_path: Path) -> Iterator[LocalCognito]:
    """A pool whose users sign in with their email (Cognito stores a UUID username)."""
    yield from start_cognito(tmp_path / "cognito", settings(username_attributes=("email",)))
