"""AppSync's `EvaluateCode` and `EvaluateMappingTemplate` operations on the local endpoint.

`POST /v1/dataplane-evaluatecode` and `POST /v1/dataplane-evaluatetemplate` (the paths and
shapes of botocore's appsync model), so `aws appsync evaluate-code --endpoint-url ...` and
boto3's `evaluate_code` / `evaluate_mapping_template` test a handler in isolation. Code that
breaks a runtime rule or does not parse is a 400 `BadRequestException` (reason `CODE_ERROR`,
`detail.codeErrors`); an error while running is a 200 whose `error.message` says what failed.

Not emulated: request signing is not checked (any credentials work); `logs` of a mapping
template are empty (`$util.log` output goes to the mock's log).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from resolvers.context import build_context
from resolvers.errors import ResolverError
from resolvers.js import CodeError, CodeIssue, JsCode, evaluate, validate
from resolvers.vtl import render

__all__ = ["BadRequest", "handle_evaluate_code", "handle_evaluate_template"]

_RUNTIME = {"name": "APPSYNC_JS", "runtimeVersion": "1.0.0"}
_CODE_LIMIT = 32_768
_CONTEXT_LIMIT = 28_000
_TEMPLATE_LIMIT = 65_536


class BadRequest(Exception):
    """AppSync's `BadRequestException` (HTTP 400)."""

    error_type = "BadRequestException"

    def __init__(self, message: str, code_errors: list[CodeIssue] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code_errors = code_errors

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message}
        if self.code_errors is not None:
            body["reason"] = "CODE_ERROR"
            body["detail"] = {"codeErrors": [_code_error(i) for i in self.code_errors]}
        return body


def _code_error(issue: CodeIssue) -> dict[str, Any]:
    return {
        "errorType": issue.error_type,
        "value": issue.message,
        "location": {"line": issue.line, "column": issue.column, "span": issue.span},
    }


def _response(
    body: Mapping[str, Any], status: int = 200, error_type: str | None = None
) -> web.Response:
    headers = {"x-amzn-ErrorType": error_type} if error_type else {}
    return web.Response(
        text=json.dumps(body, separators=(",", ":")),
        status=status,
        content_type="application/json",
        headers=headers,
    )


async def _read(request: web.Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.read() or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise BadRequest(f"The request body is not valid JSON: {err}") from None
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.")
    return body


def _string(body: Mapping[str, Any], name: str, limit: int, minimum: int = 1) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise BadRequest(f"1 validation error detected: Value at '{name}' failed to satisfy "
                         "constraint: Member must not be null")  # fmt: skip
    if not minimum <= len(value) <= limit:
        raise BadRequest(
            f"1 validation error detected: Value at '{name}' failed to satisfy constraint: "
            f"Member must have length between {minimum} and {limit}"
        )
    return value


def _context(body: Mapping[str, Any]) -> dict[str, Any]:
    text = _string(body, "context", _CONTEXT_LIMIT, 2)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadRequest(f"The context is not valid JSON: {err}") from None
    if not isinstance(raw, dict):
        raise BadRequest("The context must be a JSON object.")
    prev = raw.get("prev")
    arguments = raw.get("arguments", raw.get("args"))
    return build_context(
        arguments=arguments if isinstance(arguments, dict) else {},
        identity=raw.get("identity"),
        source=raw.get("source"),
        stash=raw.get("stash") if isinstance(raw.get("stash"), dict) else {},
        result=raw.get("result"),
        error=raw.get("error"),
        prev_result=prev.get("result") if isinstance(prev, dict) else None,
        request=raw.get("request"),
        info=raw.get("info"),
    )


def _error_json(error: ResolverError) -> dict[str, Any]:
    return {
        "errorType": error.error_type,
        "message": error.message,
        "data": error.data,
        "errorInfo": error.error_info,
    }


def _outcome(
    context: Mapping[str, Any],
    result: Any,
    errors: list[ResolverError],
    logs: list[str],
    *,
    raw_result: bool = False,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "evaluationResult": result if raw_result else json.dumps(result, separators=(",", ":")),
        "logs": logs,
        "stash": json.dumps(context.get("stash") or {}, separators=(",", ":")),
        "outErrors": json.dumps([_error_json(e) for e in errors], separators=(",", ":")),
    }
    return body


async def handle_evaluate_code(request: web.Request) -> web.Response:
    """`EvaluateCode`: run one export of APPSYNC_JS code against a context."""
    try:
        body = await _read(request)
        runtime = body.get("runtime")
        if (
            not isinstance(runtime, dict)
            or {
                "name": runtime.get("name"),
                "runtimeVersion": runtime.get("runtimeVersion"),
            }
            != _RUNTIME
        ):
            raise BadRequest("Unsupported runtime: only APPSYNC_JS 1.0.0 is supported.")
        code = JsCode(_string(body, "code", _CODE_LIMIT), "code.js")
        context = _context(body)
        function = body.get("function", "request")
        if function not in ("request", "response"):
            raise BadRequest(f"Unsupported function {function!r}: use request or response.")
        issues = validate(code)
        if issues:
            raise BadRequest("The code contains one or more errors.", issues)
    except BadRequest as err:
        return _response(err.body(), 400, err.error_type)
    try:
        outcome = evaluate(code, function, context)
    except CodeError as err:
        return _response(
            BadRequest("The code contains one or more errors.", err.issues).body(),
            400,
            BadRequest.error_type,
        )
    except ResolverError as err:
        appended = list(getattr(err, "appended", ()))
        out = _outcome(context, None, appended, [])
        del out["evaluationResult"]
        out["error"] = {"message": err.message}
        return _response(out)
    return _response(_outcome(context, outcome.value, outcome.errors, outcome.logs))


async def handle_evaluate_template(request: web.Request) -> web.Response:
    """`EvaluateMappingTemplate`: render one VTL mapping template against a context."""
    try:
        body = await _read(request)
        template = _string(body, "template", _TEMPLATE_LIMIT, 2)
        context = _context(body)
    except BadRequest as err:
        return _response(err.body(), 400, err.error_type)
    try:
        rendered = render(template, context, file_name="template")
    except ResolverError as err:
        out = _outcome(context, None, [], [])
        del out["evaluationResult"]
        out["error"] = {"message": err.message}
        return _response(out)
    if rendered.is_return:
        return _response(_outcome(context, rendered.return_value, rendered.errors, []))
    return _response(_outcome(context, rendered.text, rendered.errors, [], raw_result=True))
