"""The local Cognito endpoint as an aiohttp application: user pools and identity pools on one port.

request -> CORS preflight? -> `X-Amz-Target` (AWSCognitoIdentityProviderService.* or
AWSCognitoIdentityService.*) -> JSON body -> operation -> Cognito errors serialised once.
`GET /<user pool id>/.well-known/jwks.json` (and `/.well-known/jwks.json`) publish the key
that signs the pool's tokens.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web

from amplify_mock.simulators.cognito import account, admin, auth_flows, identity_pool
from amplify_mock.simulators.cognito.errors import (
    CognitoError,
    InternalErrorException,
    SerializationException,
    UnknownOperationException,
)
from amplify_mock.simulators.cognito.user_pool import Params, UserPool

__all__ = ["USER_POOL", "create_app"]

LOG = logging.getLogger(__name__)
USER_POOL = web.AppKey("user_pool", UserPool)

Operation = Callable[[UserPool, Params], dict[str, Any]]

_SERVICES: dict[str, Mapping[str, Operation]] = {
    "AWSCognitoIdentityProviderService": {
        **account.OPERATIONS,
        **auth_flows.OPERATIONS,
        **admin.OPERATIONS,
    },
    "AWSCognitoIdentityService": identity_pool.OPERATIONS,
}
_CONTENT_TYPE = "application/x-amz-json-1.1"
_MAX_BODY = 1 << 20
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date",
}


def _json(status: int, body: Mapping[str, Any], headers: Mapping[str, str]) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(body).encode(),
        content_type=_CONTENT_TYPE,
        headers={**_CORS, **headers},
    )


def _error(err: CognitoError, request_id: str) -> web.Response:
    return _json(
        err.status,
        {"__type": err.code, "message": err.message},
        {"x-amzn-RequestId": request_id, "x-amzn-ErrorType": f"{err.code}:"},
    )


def _operation(target: str) -> Operation:
    service, _, name = target.partition(".")
    operation = _SERVICES.get(service, {}).get(name)
    if operation is None:
        raise UnknownOperationException(f"Unknown operation {target or '(no X-Amz-Target)'}")
    return operation


async def handle_call(request: web.Request) -> web.Response:
    request_id = str(uuid.uuid4())
    try:
        operation = _operation(request.headers.get("X-Amz-Target", ""))
        try:
            body = json.loads(await request.read() or b"{}")
        except (ValueError, UnicodeDecodeError, RecursionError) as err:  # deep JSON too
            raise SerializationException(
                "Start of structure or map found where not expected."
            ) from err
        if not isinstance(body, dict):
            raise SerializationException("Start of structure or map found where not expected.")
        answer = operation(request.app[USER_POOL], Params(body))
    except CognitoError as err:
        return _error(err, request_id)
    except web.HTTPException:  # aiohttp's own (an oversize body): shaped by _errors_as_json
        raise
    except Exception:  # a bug of ours: Cognito's JSON error shape, never an HTML 500
        LOG.exception("Cognito operation failed")
        return _error(InternalErrorException("Internal error (amplify mock)."), request_id)
    return _json(200, answer, {"x-amzn-RequestId": request_id})


async def handle_preflight(request: web.Request) -> web.Response:
    return web.Response(
        status=200,
        headers={
            **_CORS,
            "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
            "Access-Control-Allow-Headers": request.headers.get(
                "Access-Control-Request-Headers", "*"
            ),
            "Access-Control-Max-Age": "86400",
        },
    )


async def handle_jwks(request: web.Request) -> web.Response:
    pool = request.app[USER_POOL]
    pool_id = request.match_info.get("pool_id")
    if pool_id is not None and pool_id != pool.settings.user_pool_id:
        return _error(
            UnknownOperationException(f"User pool {pool_id} does not exist."), str(uuid.uuid4())
        )
    return _json(200, pool.key.jwks(), {})


@web.middleware
async def _errors_as_json(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """aiohttp's own errors (404, 405, an oversize body's 413) in Cognito's JSON error shape."""
    try:
        return await handler(request)
    except web.HTTPException as err:
        if err.status < 400:
            raise
        error: CognitoError = UnknownOperationException(f"{request.method} {request.path}")
        if isinstance(err, web.HTTPRequestEntityTooLarge):
            error = SerializationException(
                f"Request size exceeded the maximum of {_MAX_BODY} bytes"
            )
        error.status = err.status
        return _error(error, str(uuid.uuid4()))


def create_app(pool: UserPool) -> web.Application:
    app = web.Application(client_max_size=_MAX_BODY, middlewares=[_errors_as_json])
    app[USER_POOL] = pool
    app.router.add_post("/", handle_call)
    app.router.add_route("OPTIONS", "/{tail:.*}", handle_preflight)
    app.router.add_get("/.well-known/jwks.json", handle_jwks)
    app.router.add_get("/{pool_id}/.well-known/jwks.json", handle_jwks)
    return app
