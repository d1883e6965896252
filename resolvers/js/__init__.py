"""The APPSYNC_JS runtime (JavaScript resolvers and functions, runtime version 1.0.0)."""

from __future__ import annotations

from resolvers.js.code import CodeError, JsCode, JsOutcome, JsRuntimeError, evaluate, validate
from resolvers.js.validator import CodeIssue

__all__ = [
    "CodeError",
    "CodeIssue",
    "JsCode",
    "JsOutcome",
    "JsRuntimeError",
    "evaluate",
    "validate",
]
