"""The AppSync realtime protocol at /graphql/realtime (subprotocol `graphql-ws`).

Every message is checked at the boundary: one that is not JSON, not an object, of an unknown
type, or a `start` whose payload, data, query, variables, operationName, extensions or
authorization has the wrong type is answered with an `error` message and the connection
stays open. A client that stops reading while events keep coming is disconnected once
`MAX_BACKLOG` events wait for it, instead of being buffered without bound.
"""

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

from amplify_mock.simulators.appsync.auth import RequestAuth, check_operation_permission
from amplify_mock.simulators.appsync.errors import (
    UnauthorizedRequest,
    error_body,
    internal_failure_body,
    unauthorized_body,
)
from amplify_mock.simulators.appsync.execution import RequestContext, operation_type
from amplify_mock.simulators.appsync.http_request import MAX_JSON_DEPTH, json_depth_exceeds
from amplify_mock.simulators.appsync.state import StateHolder
from amplify_mock.simulators.appsync.subscriptions import (
    MAX_BACKLOG,
    Subscriber,
    SubscriptionHub,
)

__all__ = ["CONNECTION_TIMEOUT_MS", "RealtimeConnection", "decode_header_param"]

LOG = logging.getLogger(__name__)
PROTOCOL = "graphql-ws"
CONNECTION_TIMEOUT_MS = 300_000

#: Authorizes one set of headers (the connection's or a subscription's).
Authorizer = Callable[[Mapping[str, str]], Awaitable[RequestAuth]]
_BAD_REQUEST = "BadRequestException"
#: Close code for a client too slow to take its events (RFC 6455: "try again later").
SLOW_CONSUMER_CLOSE = 1013


class InvalidMessage(Exception):
    """A realtime message of the wrong shape; answered with an `error` message."""

    def __init__(self, message: str, error_type: str = _BAD_REQUEST) -> None:
        super().__init__(message)
        self.message = message
        self.error_type = error_type


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
        self.closing: asyncio.Task[None] | None = None

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
                await self._receive(msg.data)
        finally:
            await self.close()

    async def _receive(self, text: str) -> None:
        sub_id = ""
        try:
            if json_depth_exceeds(text, MAX_JSON_DEPTH):
                raise InvalidMessage("Invalid message: nested too deeply")
            try:
                message = json.loads(text)
            except (ValueError, RecursionError) as err:
                raise InvalidMessage("Invalid message: not JSON") from err
            if not isinstance(message, dict):
                raise InvalidMessage("Invalid message: not a JSON object")
            raw_id = message.get("id")
            sub_id = raw_id if isinstance(raw_id, str) else ""
            await self._dispatch(message)
        except InvalidMessage as err:
            await self._error(sub_id, error_body(err.message, err.error_type))
        except (asyncio.CancelledError, ConnectionError):
            raise
        except Exception:
            LOG.exception("realtime message failed")
            await self._error(sub_id, internal_failure_body())

    def _too_slow(self) -> None:
        """A subscriber's backlog is full: the protocol's error, then the socket closes."""
        if self.closing is None and not self.ws.closed:
            LOG.warning("realtime client too slow: %d events waiting; disconnecting", MAX_BACKLOG)
            self.closing = asyncio.get_running_loop().create_task(self._close_slow())

    async def _close_slow(self) -> None:
        await self.close()
        with contextlib.suppress(ConnectionError, RuntimeError, asyncio.TimeoutError):
            async with asyncio.timeout(1):
                await self.ws.send_str(
                    json.dumps(
                        {
                            "type": "connection_error",
                            "payload": error_body(
                                "Client is not reading its messages fast enough.",
                                "LimitExceededError",
                            ),
                        }
                    )
                )
        with contextlib.suppress(ConnectionError, RuntimeError, asyncio.TimeoutError):
            async with asyncio.timeout(2):
                await self.ws.close(code=SLOW_CONSUMER_CLOSE, message=b"Slow consumer")

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
            sub_id = message.get("id")
            if not isinstance(sub_id, str):
                raise InvalidMessage("Invalid stop message: id must be a string")
            subscriber = self.subscriptions.pop(sub_id, None)
            if subscriber is not None:
                self.hub.remove(subscriber)
            await self.send({"type": "complete", "id": sub_id})
        else:
            raise InvalidMessage(
                f"{kind if isinstance(kind, str) else json.dumps(kind)} not supported through "
                "the realtime channel",
                "UnsupportedOperation",
            )

    async def _keep_alive(self) -> None:
        while not self.ws.closed:
            await asyncio.sleep(self.keep_alive_interval)
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.send({"type": "ka"})

    async def _error(self, sub_id: str, payload: dict[str, Any]) -> None:
        await self.send({"type": "error", "id": sub_id, "payload": payload})

    async def _start(self, message: dict[str, Any]) -> None:
        """:raises InvalidMessage: a part of the start message has the wrong type."""
        sub_id = message.get("id")
        if not isinstance(sub_id, str) or not sub_id:
            raise InvalidMessage("Invalid start message: id must be a non-empty string")
        payload = message.get("payload")
        if not isinstance(payload, dict):
            raise InvalidMessage("Invalid start message: payload must be an object")
        data = payload.get("data")
        if not isinstance(data, str):
            raise InvalidMessage("Invalid start message: payload.data must be a JSON string")
        try:
            request = json.loads(data) if not json_depth_exceeds(data, MAX_JSON_DEPTH) else None
        except (ValueError, RecursionError):
            request = None
        if not isinstance(request, dict):
            await self._error(sub_id, error_body("Invalid subscription request: data is not JSON"))
            return
        extensions = payload.get("extensions")
        if extensions is None:
            extensions = {}
        if not isinstance(extensions, dict):
            raise InvalidMessage("Invalid start message: payload.extensions must be an object")
        raw_headers = extensions.get("authorization") or self.connection_headers
        if not isinstance(raw_headers, dict):
            raise InvalidMessage("Invalid start message: authorization must be an object")
        headers = {str(k).lower(): str(v) for k, v in raw_headers.items()}
        query = request.get("query")
        variables = request.get("variables")
        operation_name = request.get("operationName")
        if not isinstance(query, str):
            raise InvalidMessage("Invalid subscription request: query must be a string")
        if variables is not None and not isinstance(variables, dict):
            raise InvalidMessage("Invalid subscription request: variables must be an object")
        if operation_name is not None and not isinstance(operation_name, str):
            raise InvalidMessage("Invalid subscription request: operationName must be a string")
        variables = variables or {}
        try:
            auth = await self.authorize(headers)
        except UnauthorizedRequest as err:
            await self._error(sub_id, unauthorized_body(err))
            return
        state = self.holder.state
        prepared = await state.prepare_async(query)
        if prepared.errors:
            body = await state.execute(prepared, RequestContext(auth, {"headers": headers}))
            await self._error(sub_id, body)
            return
        if operation_type(prepared, operation_name) is not OperationType.SUBSCRIPTION:
            await self._error(
                sub_id, error_body("Only subscription operations are supported on this path")
            )
            return
        try:
            check_operation_permission(state, auth, prepared, operation_name)
        except UnauthorizedRequest as err:
            await self._error(sub_id, unauthorized_body(err))
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
                on_backlog=self._too_slow,
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
