"""The AppSync realtime protocol at /graphql/realtime (subprotocol `graphql-ws`)."""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import WSMsgType, web
from graphql import OperationType

from amplify_mock.simulators.appsync.auth import RequestAuth
from amplify_mock.simulators.appsync.errors import (
    UnauthorizedRequest,
    error_body,
    unauthorized_body,
)
from amplify_mock.simulators.appsync.execution import RequestContext, operation_type
from amplify_mock.simulators.appsync.state import StateHolder
from amplify_mock.simulators.appsync.subscriptions import Subscriber, SubscriptionHub

__all__ = ["CONNECTION_TIMEOUT_MS", "RealtimeConnection", "decode_header_param"]

LOG = logging.getLogger(__name__)
PROTOCOL = "graphql-ws"
CONNECTION_TIMEOUT_MS = 300_000

#: Authorizes one set of headers (the connection's or a subscription's).
Authorizer = Callable[[Mapping[str, str]], Awaitable[RequestAuth]]


def decode_header_param(raw: str | None) -> dict[str, str]:
    """The `header` query parameter: base64 JSON of the auth headers (and `host`)."""
    if not raw:
        return {}
    # Clients send standard or URL-safe base64; a `+` may arrive as a space after URL decoding.
    text = raw.strip().replace(" ", "+").replace("-", "+").replace("_", "/").rstrip("=")
    try:
        decoded = json.loads(base64.b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        return {}
    return {str(k).lower(): str(v) for k, v in decoded.items()} if isinstance(decoded, dict) else {}


class RealtimeConnection:
    """One websocket: connection_init/ack, keep-alive, start/start_ack/data/stop/complete."""

    def __init__(
        self,
        ws: web.WebSocketResponse,
        holder: StateHolder,
        hub: SubscriptionHub,
        authorize: Authorizer,
        connection_headers: Mapping[str, str],
        keep_alive_interval: float,
    ) -> None:
        self.ws = ws
        self.holder = holder
        self.hub = hub
        self.authorize = authorize
        self.connection_headers = dict(connection_headers)
        self.keep_alive_interval = keep_alive_interval
        self.subscriptions: dict[str, Subscriber] = {}
        self.keep_alive: asyncio.Task[None] | None = None
        self.send_lock = asyncio.Lock()

    async def send(self, message: dict[str, Any]) -> None:
        if self.ws.closed:
            return
        async with self.send_lock:
            await self.ws.send_str(json.dumps(message))

    async def run(self) -> None:
        try:
            async for msg in self.ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                try:
                    message = json.loads(msg.data)
                except ValueError:
                    await self._error("", error_body("Invalid message: not JSON"))
                    continue
                await self._dispatch(message if isinstance(message, dict) else {})
        finally:
            await self.close()

    async def close(self) -> None:
        if self.keep_alive is not None:
            self.keep_alive.cancel()
        for subscriber in self.subscriptions.values():
            self.hub.remove(subscriber)
        self.subscriptions.clear()

    async def _dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "connection_init":
            await self.send(
                {
                    "type": "connection_ack",
                    "payload": {"connectionTimeoutMs": CONNECTION_TIMEOUT_MS},
                }
            )
            await self.send({"type": "ka"})
            if self.keep_alive is None:
                self.keep_alive = asyncio.get_running_loop().create_task(self._keep_alive())
        elif kind == "start":
            await self._start(message)
        elif kind == "stop":
            sub_id = str(message.get("id", ""))
            subscriber = self.subscriptions.pop(sub_id, None)
            if subscriber is not None:
                self.hub.remove(subscriber)
            await self.send({"type": "complete", "id": sub_id})
        else:
            await self._error(
                str(message.get("id", "")), error_body(f"Invalid message type {kind!r}")
            )

    async def _keep_alive(self) -> None:
        while not self.ws.closed:
            await asyncio.sleep(self.keep_alive_interval)
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.send({"type": "ka"})

    async def _error(self, sub_id: str, payload: dict[str, Any]) -> None:
        await self.send({"type": "error", "id": sub_id, "payload": payload})

    async def _start(self, message: dict[str, Any]) -> None:
        sub_id = str(message.get("id", ""))
        payload = message.get("payload") or {}
        try:
            request = json.loads(payload.get("data") or "{}")
        except ValueError:
            await self._error(sub_id, error_body("Invalid subscription request: data is not JSON"))
            return
        extensions = payload.get("extensions") or {}
        raw_headers = extensions.get("authorization") or self.connection_headers
        headers = {str(k).lower(): str(v) for k, v in raw_headers.items()}
        try:
            auth = await self.authorize(headers)
        except UnauthorizedRequest as err:
            await self._error(sub_id, unauthorized_body(err))
            return
        state = self.holder.state
        query = request.get("query") or ""
        variables = request.get("variables") or {}
        operation_name = request.get("operationName")
        prepared = state.prepare(query)
        if prepared.errors:
            body = await state.execute(prepared, RequestContext(auth, {"headers": headers}))
            await self._error(sub_id, body)
            return
        if operation_type(prepared, operation_name) is not OperationType.SUBSCRIPTION:
            await self._error(
                sub_id, error_body("Only subscription operations are supported on this path")
            )
            return
        context = RequestContext(auth, {"headers": headers, "domainName": None})
        body = await state.execute(
            prepared, context, variables=variables, operation_name=operation_name
        )
        if body.get("errors"):
            await self._error(sub_id, body)
            return
        if sub_id in self.subscriptions:
            self.hub.remove(self.subscriptions.pop(sub_id))
        for field_name, arguments in context.subscription_arguments.items():
            extension = context.subscription_extensions.get(field_name) or {}
            subscriber = Subscriber(
                subscription_id=sub_id,
                field_name=field_name,
                state=state,
                prepared=prepared,
                variables=variables,
                operation_name=operation_name,
                auth=auth,
                request={"headers": headers, "domainName": None},
                arguments=arguments,
                send=self.send,
                enhanced_filter=_enhanced_filter(extension),
            )
            self.subscriptions[sub_id] = subscriber
            self.hub.add(subscriber)
        await self.send({"type": "start_ack", "id": sub_id, "payload": {}})


def _enhanced_filter(extensions: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for key in ("subscriptionFilter", "setSubscriptionFilter", "filter"):
        value = extensions.get(key)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        if isinstance(value, Mapping):
            return value
    return None
