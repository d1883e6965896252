"""The aiohttp application of the local AppSync endpoint; every route is listed here."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aiohttp import web
from graphql import OperationType

from amplify_mock.simulators.appsync.auth import (
    LambdaAuthorizerInvoker,
    RequestAuth,
    SignedRequest,
    TokenVerifier,
    authorize_request,
    check_operation_permission,
)
from amplify_mock.simulators.appsync.auth_iam import IamCredentialStore
from amplify_mock.simulators.appsync.dashboard import DashboardServices, add_routes
from amplify_mock.simulators.appsync.errors import (
    ExecutionTimeoutError,
    MalformedRequest,
    ResponseSizeLimitError,
    UnauthorizedRequest,
    error_body,
    internal_failure_body,
    unauthorized_body,
)
from amplify_mock.simulators.appsync.evaluate import (
    handle_evaluate_code,
    handle_evaluate_template,
)
from amplify_mock.simulators.appsync.execution import RequestContext, operation_type
from amplify_mock.simulators.appsync.http_request import read_graphql_request
from amplify_mock.simulators.appsync.limits import REQUEST_TIMEOUT_SECONDS, RESPONSE_SIZE_LIMIT
from amplify_mock.simulators.appsync.realtime import (
    PROTOCOL,
    RealtimeConnection,
    decode_header_param,
)
from amplify_mock.simulators.appsync.state import StateHolder
from amplify_mock.simulators.appsync.subscriptions import SubscriptionHub
from amplify_mock.simulators.appsync.tracing import RequestLog, Tracer

__all__ = ["HOLDER", "HUB", "OPTIONS", "EndpointOptions", "create_app"]

LOG = logging.getLogger(__name__)
CONSOLE_DIR = Path(__file__).parent / "console"


@dataclass(frozen=True)
class EndpointOptions:
    """Injected behaviour: token verification, the Lambda authorizer, clearing the tables."""

    verifier: TokenVerifier | None = None
    lambda_authorizer: LambdaAuthorizerInvoker | None = None
    #: The issuer of IAM credentials (the local identity pool): signatures of its keys are
    #: verified.
    iam_credentials: IamCredentialStore | None = None
    clear_data: Callable[[], Awaitable[list[str]]] | None = None
    keep_alive_interval: float = 60.0
    #: AppSync's per-request deadline and response size limit (smaller ones in tests).
    request_timeout: float = REQUEST_TIMEOUT_SECONDS
    response_size_limit: int = RESPONSE_SIZE_LIMIT
    #: Request traces for `--log-level` and the console (the state's runner must be
    #: `tracing.traced_runner` for field entries).
    tracer: Tracer | None = None
    #: The console's data browser, functions and user pool (filled in as services start).
    dashboard: DashboardServices | None = None


HOLDER = web.AppKey("appsync_state_holder", StateHolder)
HUB = web.AppKey("appsync_subscription_hub", SubscriptionHub)
OPTIONS = web.AppKey("appsync_options", EndpointOptions)
#: Set once the endpoint may answer: `amplify mock` holds requests until the frontend config
#: names the endpoint, so no client sees an answer before the rewrite is done.
READY = web.AppKey("appsync_ready", asyncio.Event)

_JSON = "application/json"
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Allow-Methods": "GET,POST,DELETE,OPTIONS",
    "Access-Control-Expose-Headers": "x-amzn-RequestId",
}


def _json(body: Any, status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(body, separators=(",", ":")),
        status=status,
        content_type=_JSON,
        headers=_CORS,
    )


def _source_ip(request: web.Request) -> str:
    return request.remote or "127.0.0.1"


async def _authorize(
    request: web.Request,
    headers: Mapping[str, str],
    extra: Mapping[str, Any] | None = None,
    signed: SignedRequest | None = None,
) -> RequestAuth:
    options = request.app[OPTIONS]
    return await authorize_request(
        request.app[HOLDER].state.config,
        headers,
        _source_ip(request),
        verifier=options.verifier,
        lambda_authorizer=options.lambda_authorizer,
        request_context=extra,
        signed=signed,
        iam_credentials=options.iam_credentials,
    )


async def handle_graphql(request: web.Request) -> web.Response:
    """POST /graphql: read the body (400 if malformed), auth (401), parse/validate, execute.

    The execution runs under AppSync's deadline; aiohttp cancels it when the client goes away
    (the runner has `handler_cancellation`), and resolvers yield to the loop as they go. A
    request log is taken only when the tracer has a reader (`tracing.Tracer.begin`).
    """
    tracer = request.app[OPTIONS].tracer
    log = tracer.begin() if tracer is not None else None
    if log is None:
        response = await _graphql(request, None, str(uuid.uuid4()))
    else:
        assert tracer is not None
        undo = log.activate()
        try:
            response = await _graphql(request, log, log.request_id)
        finally:
            undo()
        tracer.finish(log, response.status)
    return response


async def _graphql(request: web.Request, log: RequestLog | None, request_id: str) -> web.Response:
    """The answer, with AppSync's `x-amzn-RequestId` (the `requestId` of the log entries)."""
    response = await _answer(request, log, request_id)
    response.headers["x-amzn-RequestId"] = request_id
    return response


async def _answer(request: web.Request, log: RequestLog | None, request_id: str) -> web.Response:
    state = request.app[HOLDER].state
    options = request.app[OPTIONS]
    try:
        body = await read_graphql_request(request)
    except MalformedRequest as err:
        response = _json(error_body(err.message, err.error_type), err.status)
        if err.unread_body:
            response.force_close()
        return response
    if log is not None:
        log.query, log.operation_name, log.variables = (
            body.query,
            body.operation_name,
            body.variables,
        )
    headers = {k.lower(): v for k, v in request.headers.items()}
    try:
        auth = await _authorize(
            request,
            headers,
            {
                "queryString": body.query,
                "operationName": body.operation_name,
                "variables": body.variables,
            },
            SignedRequest(request.method, request.path, request.query_string, await request.read())
            if options.iam_credentials is not None
            else None,
        )
    except UnauthorizedRequest as err:
        if log is not None:
            log.body = unauthorized_body(err)
        return _json(unauthorized_body(err), err.status)
    if log is not None:
        parse_started = time.perf_counter_ns()
        prepared = await state.prepare_async(body.query)
        log.parsed(parse_started)
        operation = prepared.operation(body.operation_name)
        if log.operation_name is None and operation is not None and operation.name is not None:
            log.operation_name = operation.name.value
    else:
        prepared = await state.prepare_async(body.query)
    if auth.iam_role is not None:
        try:
            check_operation_permission(state, auth, prepared, body.operation_name)
        except UnauthorizedRequest as err:
            if log is not None:
                log.body = unauthorized_body(err)
            return _json(unauthorized_body(err), err.status)
    if operation_type(prepared, body.operation_name) is OperationType.SUBSCRIPTION:
        return _json(
            error_body(
                "Subscription requests are only supported on the realtime endpoint "
                "/graphql/realtime"
            ),
            400,
        )
    context = RequestContext(
        auth,
        {"headers": headers, "domainName": None},
        publish=request.app[HUB].publish,
        limits=replace(state.limits, timeout=options.request_timeout),
        request_id=request_id,
    )
    try:
        async with asyncio.timeout(options.request_timeout):
            result = await state.execute(
                prepared, context, variables=body.variables, operation_name=body.operation_name
            )
    except TimeoutError:
        LOG.warning("request cut off at the %.0f s deadline", options.request_timeout)
        timeout = ExecutionTimeoutError()
        if log is not None:
            log.body = {"data": None, **error_body(timeout.message, timeout.error_type)}
        return _json({"data": None, **error_body(timeout.message, timeout.error_type)})
    if log is not None:
        log.body = result
    text = json.dumps(result, separators=(",", ":"))
    if len(text) > options.response_size_limit:
        too_large = ResponseSizeLimitError(options.response_size_limit)
        return _json({"data": None, **error_body(too_large.message, too_large.error_type)})
    return web.Response(text=text, content_type=_JSON, headers=_CORS)


async def handle_graphql_get(request: web.Request) -> web.StreamResponse:
    """GET /graphql: a websocket upgrade to the realtime path, or a clear error."""
    return _json(
        error_body(
            "GraphQL requests must be sent with POST (JSON body). "
            "Open / for the console; subscriptions use /graphql/realtime.",
            "MethodNotAllowed",
        ),
        405,
    )


async def handle_realtime(request: web.Request) -> web.StreamResponse:
    """GET /graphql/realtime: the AppSync realtime websocket."""
    ws = web.WebSocketResponse(protocols=(PROTOCOL,), autoping=True)
    await ws.prepare(request)
    if ws.ws_protocol != PROTOCOL:
        await ws.close(code=1002, message=b"Invalid protocol")
        return ws
    connection_headers = decode_header_param(request.query.get("header"))
    if not connection_headers:
        # aws-amplify v6 sends the headers as a `header-<base64url>` subprotocol instead.
        for offered in request.headers.get("Sec-WebSocket-Protocol", "").split(","):
            if offered.strip().startswith("header-"):
                connection_headers = decode_header_param(offered.strip()[len("header-") :])

    async def authorize(headers: Mapping[str, str]) -> RequestAuth:
        return await _authorize(request, headers)

    try:
        await authorize(connection_headers)
    except UnauthorizedRequest as err:
        payload = unauthorized_body(err, errorCode=err.status)
        await ws.send_str(json.dumps({"type": "connection_error", "payload": payload}))
        await ws.close(code=1002)
        return ws
    connection = RealtimeConnection(
        ws,
        request.app[HOLDER],
        request.app[HUB],
        authorize,
        connection_headers,
        request.app[OPTIONS].keep_alive_interval,
    )
    await connection.run()
    return ws


async def handle_api_config(request: web.Request) -> web.Response:
    """GET /api-config: what the console needs (auth modes, API key, schema)."""
    return _json(request.app[HOLDER].state.config.to_wire())


async def handle_clear_data(request: web.Request) -> web.Response:
    """DELETE /clear-data: empty every table of the API, whatever its key."""
    clear = request.app[OPTIONS].clear_data
    if clear is None:
        return _json({"message": "No data store is attached"}, 500)
    try:
        tables = await clear()
    except Exception as err:  # reported to the console, which shows the message
        LOG.exception("clearing the data failed")
        return _json({"message": str(err)}, 500)
    return _json({"message": f"Successfully deleted {json.dumps(tables)} tables"})


async def handle_options(request: web.Request) -> web.Response:
    return web.Response(status=204, headers=_CORS)


async def handle_console(request: web.Request) -> web.StreamResponse:
    """GET /: the GraphiQL console (built from npm packages at setup, never from a CDN)."""
    index = CONSOLE_DIR / "index.html"
    if not index.is_file():
        return web.Response(
            status=503,
            text="The console is not installed: run .ci/setup.d/npm-packages.sh",
            content_type="text/plain",
        )
    return web.FileResponse(index)


@web.middleware
async def _appsync_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every answer in AppSync's JSON error shape: aiohttp's own HTTP errors (404, 405, 413)
    keep their status; a bug of ours is logged with its traceback and answered as AppSync's
    `InternalFailure` (500), and the server keeps serving."""
    ready = request.app[READY]
    if not ready.is_set():
        await ready.wait()
    try:
        return await handler(request)
    except web.HTTPException as err:
        if err.status < 400:
            raise
        return _json(error_body(err.reason, _HTTP_ERROR_TYPES.get(err.status)), err.status)
    except (asyncio.CancelledError, ConnectionError):
        raise
    except Exception:
        LOG.exception("AppSync endpoint failed on %s %s", request.method, request.rel_url)
        return _json(internal_failure_body(), 500)


_HTTP_ERROR_TYPES = {
    404: "NotFoundException",
    405: "MethodNotAllowed",
    413: "MalformedHttpRequestException",
}


def create_app(
    holder: StateHolder,
    *,
    options: EndpointOptions | None = None,
    hub: SubscriptionHub | None = None,
) -> web.Application:
    """The endpoint's application: /graphql, /graphql/realtime, /api-config, /clear-data, /,
    the console's API under /console/api/, and AppSync's EvaluateCode /
    EvaluateMappingTemplate under /v1/."""
    app = web.Application(client_max_size=10 * 1024 * 1024, middlewares=[_appsync_errors])
    app[HOLDER] = holder
    app[HUB] = hub or SubscriptionHub()
    app[OPTIONS] = options or EndpointOptions()
    app[READY] = asyncio.Event()
    app[READY].set()
    app.router.add_post("/graphql", handle_graphql)
    app.router.add_get("/graphql", handle_graphql_get)
    app.router.add_get("/graphql/realtime", handle_realtime)
    app.router.add_get("/api-config", handle_api_config)
    app.router.add_delete("/clear-data", handle_clear_data)
    app.router.add_post("/v1/dataplane-evaluatecode", handle_evaluate_code)
    app.router.add_post("/v1/dataplane-evaluatetemplate", handle_evaluate_template)
    for path in ("/graphql", "/api-config", "/clear-data"):
        app.router.add_route("OPTIONS", path, handle_options)
    app.router.add_get("/", handle_console)
    options = app[OPTIONS]
    add_routes(app, options.dashboard or DashboardServices(tracer=options.tracer))
    app.router.add_static("/console/", CONSOLE_DIR)
    return app
