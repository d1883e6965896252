"""The console's JSON endpoints under /console/api/, all listed in `add_routes`."""

from __future__ import annotations

import copy
import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from amplify_mock.simulators.appsync.dashboard import buckets, functions, tables
from amplify_mock.simulators.appsync.dashboard.errors import (
    ConsoleError,
    DynamoDBConsoleError,
    LambdaConsoleError,
    TraceNotFound,
)
from amplify_mock.simulators.appsync.dashboard.services import DashboardServices
from amplify_mock.simulators.appsync.tracing import trace_summary

__all__ = ["DASHBOARD", "add_routes"]

DASHBOARD = web.AppKey("appsync_dashboard", DashboardServices)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_API = "/console/api"


def _json(body: Any, status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(body, default=str, separators=(",", ":")),
        status=status,
        content_type="application/json",
    )


def _console(handler: Callable[[web.Request, DashboardServices], Awaitable[Any]]) -> Handler:
    """Runs a handler with the services; its answer as JSON, a `ConsoleError` in its shape."""

    async def handle(request: web.Request) -> web.StreamResponse:
        try:
            answer = await handler(request, request.app[DASHBOARD])
        except ConsoleError as err:
            return _json(err.to_wire(), err.http_status)
        if isinstance(answer, web.StreamResponse):
            return answer
        return _json(answer)

    return handle


async def _body(request: web.Request, invalid: Callable[[str], ConsoleError]) -> Any:
    try:
        return json.loads(await request.text() or "null")
    except (ValueError, RecursionError) as err:
        raise invalid(f"The request body is not JSON: {err}") from err


def _dynamodb_invalid(message: str) -> ConsoleError:
    return DynamoDBConsoleError("SerializationException", message)


def _lambda_invalid(message: str) -> ConsoleError:
    return LambdaConsoleError(message, code="InvalidRequestContentException", status=400)


# -- info and traces ----------------------------------------------------------------------------
async def info(request: web.Request, services: DashboardServices) -> Any:
    return services.info()


async def list_traces(request: web.Request, services: DashboardServices) -> Any:
    tracer = services.tracer
    kept = list(tracer.recent) if tracer is not None else []
    return {"traces": [trace_summary(t) for t in reversed(kept)]}


async def get_trace(request: web.Request, services: DashboardServices) -> Any:
    request_id = request.match_info["request_id"]
    found = services.tracer.find(request_id) if services.tracer is not None else None
    if found is None:
        raise TraceNotFound(request_id)
    trace = copy.deepcopy(found)
    for entry in trace["entries"]:
        for error in entry.get("errors") or ():
            location = error.get("location") if isinstance(error, dict) else None
            if isinstance(location, dict):
                location["overrideFile"] = services.override_file(location.get("file"))
    return trace


async def events(request: web.Request) -> web.StreamResponse:
    return await request.app[DASHBOARD].events.serve(request)


# -- tables -----------------------------------------------------------------------------------
async def list_tables(request: web.Request, services: DashboardServices) -> Any:
    return {"Tables": await tables.list_tables(services.get_dynamodb())}


async def scan_table(request: web.Request, services: DashboardServices) -> Any:
    body = await _body(request, _dynamodb_invalid) or {}
    start = body.get("startKey") if isinstance(body, dict) else None
    return await tables.scan(services.get_dynamodb(), request.match_info["table"], start)


async def query_table(request: web.Request, services: DashboardServices) -> Any:
    body = await _body(request, _dynamodb_invalid)
    if not isinstance(body, dict):
        raise _dynamodb_invalid("The query must be a JSON object.")
    return await tables.query(services.get_dynamodb(), request.match_info["table"], body)


async def put_item(request: web.Request, services: DashboardServices) -> Any:
    item = await _body(request, _dynamodb_invalid)
    return await tables.put_item(services.get_dynamodb(), request.match_info["table"], item)


async def delete_item(request: web.Request, services: DashboardServices) -> Any:
    key = await _body(request, _dynamodb_invalid)
    return await tables.delete_item(services.get_dynamodb(), request.match_info["table"], key)


# -- buckets ----------------------------------------------------------------------------------
async def list_buckets(request: web.Request, services: DashboardServices) -> Any:
    return {"Buckets": await buckets.list_buckets(services.get_s3())}


async def list_objects(request: web.Request, services: DashboardServices) -> Any:
    prefix = request.query.get("prefix", "")
    return await buckets.list_objects(services.get_s3(), request.match_info["bucket"], prefix)


async def get_object(request: web.Request, services: DashboardServices) -> Any:
    bucket, key = request.match_info["bucket"], request.query.get("key", "")
    file, meta = await buckets.open_object(services.get_s3(), bucket, key)
    data = b""
    if file is not None:
        with file:
            data = file.read()
    name = key.rsplit("/", 1)[-1] or "object"
    return web.Response(
        body=data,
        content_type=meta.content_type or "application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "ETag": f'"{meta.etag}"',
        },
    )


async def put_object(request: web.Request, services: DashboardServices) -> Any:
    bucket, key = request.match_info["bucket"], request.query.get("key", "")
    return await buckets.upload_object(services.get_s3(), bucket, key, request)


async def delete_object(request: web.Request, services: DashboardServices) -> Any:
    bucket, key = request.match_info["bucket"], request.query.get("key", "")
    return await buckets.delete_object(services.get_s3(), bucket, key)


# -- functions --------------------------------------------------------------------------------
async def list_functions(request: web.Request, services: DashboardServices) -> Any:
    return {"Functions": functions.list_functions(services.get_runner())}


async def invoke_function(request: web.Request, services: DashboardServices) -> Any:
    event = await _body(request, _lambda_invalid)
    return await functions.invoke_function(
        services.get_runner(), services.function_output, request.match_info["name"], event
    )


# -- user pool --------------------------------------------------------------------------------
async def list_users(request: web.Request, services: DashboardServices) -> Any:
    pool = services.get_user_pool()
    return {
        "Users": [
            {
                "Username": user.username,
                "UserStatus": user.status,
                "Enabled": user.enabled,
                "Attributes": user.attribute_list(),
                "Groups": [g.name for g in pool.store.groups_of(user.username)],
            }
            for user in pool.store.iter_users()
        ]
    }


async def sign_in(request: web.Request, services: DashboardServices) -> Any:
    """InitiateAuth (USER_PASSWORD_AUTH) on the local pool with its first app client."""
    from amplify_mock.simulators.cognito.auth_flows import initiate_auth
    from amplify_mock.simulators.cognito.errors import CognitoError
    from amplify_mock.simulators.cognito.user_pool import Params

    pool = services.get_user_pool()
    body = await _body(request, lambda m: ConsoleError(m, code="SerializationException"))
    if not isinstance(body, dict):
        body = {}
    params = {
        "ClientId": pool.settings.client_ids[0] if pool.settings.client_ids else "",
        "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {
            "USERNAME": str(body.get("username") or ""),
            "PASSWORD": str(body.get("password") or ""),
        },
    }
    try:
        return initiate_auth(pool, Params(params))
    except CognitoError as err:
        return _json({"__type": err.code, "message": err.message}, err.status)


def add_routes(app: web.Application, services: DashboardServices) -> None:
    """The console API: every route it serves."""
    app[DASHBOARD] = services
    router = app.router
    router.add_get(f"{_API}/info", _console(info))
    router.add_get(f"{_API}/events", events)
    router.add_get(f"{_API}/traces", _console(list_traces))
    router.add_get(f"{_API}/traces/{{request_id}}", _console(get_trace))
    router.add_get(f"{_API}/tables", _console(list_tables))
    router.add_post(f"{_API}/tables/{{table}}/scan", _console(scan_table))
    router.add_post(f"{_API}/tables/{{table}}/query", _console(query_table))
    router.add_put(f"{_API}/tables/{{table}}/items", _console(put_item))
    router.add_delete(f"{_API}/tables/{{table}}/items", _console(delete_item))
    router.add_get(f"{_API}/buckets", _console(list_buckets))
    router.add_get(f"{_API}/buckets/{{bucket}}/objects", _console(list_objects))
    router.add_get(f"{_API}/buckets/{{bucket}}/object", _console(get_object))
    router.add_put(f"{_API}/buckets/{{bucket}}/object", _console(put_object))
    router.add_delete(f"{_API}/buckets/{{bucket}}/object", _console(delete_object))
    router.add_get(f"{_API}/functions", _console(list_functions))
    router.add_post(f"{_API}/functions/{{name}}/invoke", _console(invoke_function))
    router.add_get(f"{_API}/users", _console(list_users))
    router.add_post(f"{_API}/users/sign-in", _console(sign_in))
