"""Fixtures: the store, and boto3 clients on the store (in process) and on moto (reference)."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any

import boto3
import botocore.awsrequest
import pytest

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.server import handle_wire


class _Raw(BytesIO):
    def stream(self, **_kwargs: Any) -> Iterator[bytes]:
        data = self.read()
        while data:
            yield data
            data = self.read()


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(None) as opened:
        yield opened


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


def store_client(store: Store) -> Any:
    """A boto3 DynamoDB client whose requests go through our wire handler, in process."""
    client = boto3.client(
        "dynamodb",
        region_name="us-east-1",
        endpoint_url="http://store.invalid",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )

    def send(request: botocore.awsrequest.AWSPreparedRequest, **_kwargs: Any) -> Any:
        body = request.body if isinstance(request.body, bytes) else (request.body or "").encode()
        status, payload = handle_wire(
            store, request.headers.get("X-Amz-Target", b"").decode(), body
        )
        headers = {"Content-Type": "application/x-amz-json-1.0"}
        return botocore.awsrequest.AWSResponse(request.url, status, headers, _Raw(payload))

    client.meta.events.register("before-send", send)
    return client


@pytest.fixture
def ours(store: Store, aws_env: None) -> Any:
    return store_client(store)


@pytest.fixture
def moto_client(aws_env: None) -> Iterator[Any]:
    from moto import mock_aws

    with mock_aws():
        yield boto3.client("dynamodb", region_name="us-east-1")
