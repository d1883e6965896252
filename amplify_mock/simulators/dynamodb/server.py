"""The DynamoDB JSON protocol over HTTP (boto3, the aws cli, NoSQL Workbench, user Lambdas).

`POST /` with `X-Amz-Target: DynamoDB_20120810.<Operation>` (or `DynamoDBStreams_20120810.`)
and an `application/x-amz-json-1.0` body; errors are HTTP 400 with
`{"__type": "com.amazonaws.dynamodb.v20120810#<Code>", "message": ...}`. Signatures are not
verified. `create_app(store)` is the aiohttp app factory; `start_server` hosts it in the
running event loop (on 127.0.0.1:62224 by default, the next free port when that one is taken).
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import uuid
import zlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.dynamodb.errors import (
    DynamoDBError,
    InternalServerError,
    SerializationException,
    UnknownOperationException,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.operations import SLOW_OPERATIONS
from amplify_mock.simulators.dynamodb.store import Store
from amplify_mock.simulators.dynamodb.values import TOO_DEEP

__all__ = [
    "DEFAULT_PORT",
    "STORE",
    "DynamoDBServer",
    "NoFreePortError",
    "create_app",
    "handle_wire",
    "start_server",
]

LOG = logging.getLogger(__name__)

DEFAULT_PORT = 62224
#: DynamoDB's request size limit (16 MB).
MAX_REQUEST_BYTES = 16 * 1024 * 1024
CONTENT_TYPE = "application/x-amz-json-1.0"
_PREFIXES = ("DynamoDB_20120810.", "DynamoDBStreams_20120810.")

STORE = web.AppKey("dynamodb_store", Store)


def _operation(target: str | None) -> str:
    for prefix in _PREFIXES:
        if target and target.startswith(prefix):
            return target[len(prefix) :]
    raise UnknownOperationException(target or "")


def handle_wire(store: Store, target: str | None, body: bytes) -> tuple[int, bytes]:
    """One request of the JSON protocol: (HTTP status, response body), never raising."""
    try:
        operation = _operation(target)
        try:
            params = json.loads(body or b"{}")
        except RecursionError as err:
            # JSON nested this deep (hundreds of levels) can only be nested attribute values.
            raise ValidationException(TOO_DEEP) from err
        except ValueError as err:
            raise SerializationException(
                "Start of structure or map found where not expected"
            ) from err
        if not isinstance(params, Mapping):
            raise SerializationException("Start of structure or map found where not expected")
        result: Any = store.dispatch(operation, dict(params))
        status = 200
    except DynamoDBError as err:
        result, status = err.to_wire(), err.status
    except Exception as err:
        LOG.exception("DynamoDB %s failed", target)
        failure = InternalServerError(f"Internal server error: {type(err).__name__}")
        result, status = failure.to_wire(), failure.status
    return status, json.dumps(result, separators=(",", ":")).encode()


#: Browser tools (dynamodb-admin and the like) call the endpoint cross-origin, as DynamoDB
#: Local allows by default (`-cors *`).
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Expose-Headers": "x-amzn-RequestId, x-amz-crc32",
    "Access-Control-Max-Age": "172800",
}


def _headers(payload: bytes) -> dict[str, str]:
    return {
        **_CORS,
        "Content-Type": CONTENT_TYPE,
        "x-amzn-RequestId": uuid.uuid4().hex,
        "x-amz-crc32": str(zlib.crc32(payload)),
    }


def _error_response(error: DynamoDBError, status: int | None = None) -> web.Response:
    payload = json.dumps(error.to_wire(), separators=(",", ":")).encode()
    return web.Response(status=status or error.status, body=payload, headers=_headers(payload))


@web.middleware
async def _errors_as_json(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every answer in DynamoDB's JSON error shape: aiohttp's own errors (404, 405, 413) and
    any bug, which is logged with its traceback and answered as InternalServerError."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        return _error_response(
            ValidationException(f"Request size exceeded the maximum of {MAX_REQUEST_BYTES} bytes"),
            413,
        )
    except web.HTTPException as err:
        if err.status < 400:
            raise
        return _error_response(
            UnknownOperationException(f"{request.method} {request.path}"), err.status
        )
    except Exception:
        LOG.exception("DynamoDB endpoint failed on %s %s", request.method, request.path)
        return _error_response(InternalServerError("Internal server error"))


async def _handle(request: web.Request) -> web.Response:
    store = request.app[STORE]
    target = request.headers.get("X-Amz-Target")
    body = await request.read()
    operation = (target or "").rsplit(".", 1)[-1]
    if operation not in SLOW_OPERATIONS:
        with store.claimed() as free:
            if free:
                status, payload = handle_wire(store, target, body)
                return web.Response(status=status, body=payload, headers=_headers(payload))
    status, payload = await asyncio.to_thread(handle_wire, store, target, body)
    return web.Response(status=status, body=payload, headers=_headers(payload))


async def _health(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "service": "dynamodb"}, headers=_CORS)


async def _preflight(_request: web.Request) -> web.Response:
    return web.Response(status=200, headers=_CORS)


def create_app(store: Store) -> web.Application:
    """The aiohttp application serving `store` (the caller owns the store's lifetime)."""
    app = web.Application(client_max_size=MAX_REQUEST_BYTES, middlewares=[_errors_as_json])
    app[STORE] = store
    app.router.add_post("/", _handle)
    app.router.add_get("/", _health)
    app.router.add_route("OPTIONS", "/", _preflight)
    return app


class NoFreePortError(AmplifyMockError):
    """Every port tried for the DynamoDB endpoint is in use."""

    def __init__(self, host: str, first: int, last: int) -> None:
        super().__init__(
            f"No free port for the DynamoDB endpoint on {host} between {first} and {last}.",
            resolution="Stop the process using the port or set another port in mock.json.",
        )


@dataclass
class DynamoDBServer:
    """A running endpoint: its URL and how to stop it."""

    runner: web.AppRunner
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def stop(self) -> None:
        await self.runner.cleanup()


async def start_server(
    store: Store,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    find_free: bool = True,
    attempts: int = 100,
) -> DynamoDBServer:
    """Serve `store` in the running loop on `port`, or the next free one if `find_free`.

    Port 0 lets the OS choose.

    :raises NoFreePortError: no port in `port .. port + attempts - 1` could be bound.
    """
    # in-flight requests get a short grace at stop (`amplify mock` stops within 2 s)
    runner = web.AppRunner(create_app(store), access_log=None, shutdown_timeout=0.5)
    await runner.setup()
    last = port + (attempts - 1 if find_free and port else 0)
    for candidate in range(port, last + 1):
        # address reuse: a restart gets the same port even with clients connected at the stop
        site = web.TCPSite(runner, host, candidate, reuse_address=True)
        try:
            await site.start()
        except OSError as err:
            if err.errno != errno.EADDRINUSE:
                await runner.cleanup()
                raise
            continue
        bound = int(runner.addresses[0][1])  # the OS's choice when `candidate` is 0
        if candidate != port:
            LOG.warning("DynamoDB port %s is in use; the endpoint is on %s instead", port, bound)
        LOG.info("DynamoDB endpoint on http://%s:%s", host, bound)
        return DynamoDBServer(runner, host, bound)
    await runner.cleanup()
    raise NoFreePortError(host, port, last)
