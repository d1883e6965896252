"""Clients satisfying the resolvers' `DynamoDBClient` protocol: the embedded store, or an endpoint.

`StoreClient` calls the store in process (no HTTP, no boto3 on the hot path); `EndpointClient`
sends the same wire JSON to any DynamoDB-compatible endpoint (`--dynamodb-endpoint`), signed
with botocore's SigV4 and sent with aiohttp, so the event loop never blocks.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

from amplify_mock.simulators.dynamodb.errors import DynamoDBError
from amplify_mock.simulators.dynamodb.operations import is_slow
from amplify_mock.simulators.dynamodb.store import Store
from resolvers.data_sources.dynamodb import DynamoDBRequestError

__all__ = ["EndpointClient", "StoreClient"]


class StoreClient:
    """The embedded store behind the `DynamoDBClient` protocol."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """:raises DynamoDBRequestError: the store's error, with its code and wire body."""
        try:
            if not is_slow(self.store, operation, params):
                with self.store.claimed() as free:
                    if free:
                        return self.store.dispatch(operation, params)
            return await asyncio.to_thread(self.store.dispatch, operation, params)
        except DynamoDBError as err:
            raise DynamoDBRequestError(err.code, err.message, err.to_wire()) from err


class EndpointClient:
    """A DynamoDB-compatible HTTP endpoint (real DynamoDB, DynamoDB Local, LocalStack, ours).

    Credentials come from botocore's usual chain; with none configured, fake ones are used
    (local endpoints do not check signatures).
    """

    def __init__(
        self,
        endpoint_url: str,
        *,
        region: str = "us-east-1",
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        self.endpoint_url = endpoint_url
        self.region = region
        self._session = session
        self._owns_session = session is None
        self._credentials: Any = None

    def _signed_headers(self, operation: str, body: bytes) -> dict[str, str]:
        import botocore.auth
        import botocore.awsrequest
        import botocore.credentials
        import botocore.session

        if self._credentials is None:
            found = botocore.session.get_session().get_credentials()
            self._credentials = found or botocore.credentials.Credentials("fake", "fake")
        request = botocore.awsrequest.AWSRequest(
            method="POST",
            url=self.endpoint_url,
            data=body,
            headers={
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": f"DynamoDB_20120810.{operation}",
            },
        )
        botocore.auth.SigV4Auth(self._credentials, "dynamodb", self.region).add_auth(request)
        return {k: str(v) for k, v in request.headers.items()}

    async def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """:raises DynamoDBRequestError: the endpoint's error (`__type` after `#` is the code)."""
        body = json.dumps(params).encode()
        headers = self._signed_headers(operation, body)
        if self._session is None or self._session.closed:
            # One keep-alive session for the client's life, made in the loop that uses it.
            self._session = aiohttp.ClientSession()
            self._owns_session = True
        async with self._session.post(self.endpoint_url, data=body, headers=headers) as response:
            text = await response.text()
        payload = json.loads(text) if text else {}
        if response.status >= 400:
            code = str(payload.get("__type", "InternalServerError")).rsplit("#", 1)[-1]
            message = payload.get("message") or payload.get("Message") or text
            raise DynamoDBRequestError(code, str(message), payload)
        return dict(payload)

    async def close(self) -> None:
        """Close the HTTP session this client opened (not one passed in)."""
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None
