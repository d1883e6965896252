"""Runs an APPSYNC_JS handler (`request` / `response` export) against a resolver context."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from resolvers.errors import ResolverError, TemplateError
from resolvers.js import bridge
from resolvers.js.engine import EngineError, engine
from resolvers.js.lexer import LexError
from resolvers.js.module import FACTORY_HEAD, ModuleError, to_factory
from resolvers.js.validator import CodeIssue, check

__all__ = [
    "TIME_LIMIT_MS",
    "CodeError",
    "JsCode",
    "JsOutcome",
    "JsRuntimeError",
    "JsTimeoutError",
    "evaluate",
    "validate",
]

Handler = Literal["request", "response"]

#: How long one handler call may run. AppSync documents no figure for a single evaluation
#: (only the request's 30 seconds); this one keeps a runaway loop from holding the server.
TIME_LIMIT_MS = 1000.0


@dataclass(frozen=True)
class JsCode:
    """An APPSYNC_JS resolver or function's code and the file it came from; `origin` maps a
    line and column of `text` to the file, line, column and text of the line it was built from
    (a bundle's source map), for the errors the code raises while running."""

    text: str
    file_name: str
    origin: Callable[[int, int], tuple[str, int, int, str] | None] | None = field(
        default=None, compare=False, repr=False
    )


class CodeError(TemplateError):
    """Code that breaks a runtime restriction or does not parse; `issues` lists each
    (EvaluateCode's `codeErrors`), the message names the first as `file:line:col`."""

    error_type = "CodeError"

    def __init__(self, file_name: str, issues: list[CodeIssue]) -> None:
        first = issues[0]
        super().__init__(first.message, file=file_name, line=first.line, column=first.column)
        self.issues = issues


class JsRuntimeError(TemplateError):
    """An uncaught JavaScript error (TypeError, ReferenceError...) in a handler."""

    error_type = "CodeError"


class JsTimeoutError(TemplateError):
    """A handler still running after `TIME_LIMIT_MS` (a runaway loop), ended by the runtime."""

    error_type = "ExecutionTimeout"


@dataclass
class JsOutcome:
    """A handler's return value (or `runtime.earlyReturn` value), and what it collected."""

    value: Any
    early_return: bool = False
    errors: list[ResolverError] = field(default_factory=list)
    extensions: dict[str, Any] = field(default_factory=dict)
    logs: list[str] = field(default_factory=list)
    response_headers: dict[str, str] = field(default_factory=dict)


_CACHE_LIMIT = 4096
_VALIDATED: dict[str, str] = {}
_KEYS: dict[str, str] = {}
_LOCK = threading.Lock()
_LOADED = threading.local()  # `engines`: the code keys this thread's engine has loaded


def validate(code: JsCode) -> list[CodeIssue]:
    """The restriction and syntax problems of `code` (empty when it may run)."""
    issues = check(code.text)
    if issues:
        return issues
    try:
        to_factory(code.text)
    except ModuleError as err:
        return [CodeIssue("PARSER_ERROR", err.message, err.line, err.column, 1)]
    except LexError as err:
        return [CodeIssue("PARSER_ERROR", err.message, err.line, err.column, 1)]
    try:
        _load(code)
    except CodeError as err:
        return err.issues
    return []


def _load(code: JsCode) -> str:
    """Check and compile `code` once per engine; its id.

    :raises CodeError: a restriction, an import or a syntax error.
    """
    known = _KEYS.get(code.text)
    if known is not None and known in getattr(_LOADED, "engines", ()):
        return known
    key = hashlib.sha1(code.text.encode("utf-8")).hexdigest()
    factory = _VALIDATED.get(key)
    if factory is None:
        issues = check(code.text)
        if issues:
            raise CodeError(code.file_name, issues)
        try:
            factory = to_factory(code.text)
        except (ModuleError, LexError) as err:
            raise CodeError(
                code.file_name, [CodeIssue("PARSER_ERROR", err.message, err.line, err.column, 1)]
            ) from None
        with _LOCK:
            if len(_VALIDATED) >= _CACHE_LIMIT:
                _VALIDATED.clear()
                _KEYS.clear()
            _VALIDATED[key] = factory
    try:
        engine(bridge.call).load(key, factory, TIME_LIMIT_MS)
    except EngineError as err:
        line = err.line or 1
        column = err.column or _column(code.text, line, err.message)
        if line == 1 and err.column:
            column = max(1, err.column - len(FACTORY_HEAD))
        issue = CodeIssue("PARSER_ERROR", f"{err.name}: {err.message}", line, column, 1)
        raise CodeError(code.file_name, [issue]) from None
    _KEYS[code.text] = key
    _LOADED.engines = getattr(_LOADED, "engines", set()) | {key}
    return key


_SUBJECT = re.compile(r"'([^']+)'")


def _column(text: str, line: int, message: str, default: int | None = None) -> int:
    """Where on `line` the error's subject (`'x' is not defined`, `property 'y'`) appears;
    else `default`, else the line's first non-blank column."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return 1
    source_line = lines[line - 1]
    match = _SUBJECT.search(message)
    if match is not None:
        subject = match.group(1)
        for probe in (f".{subject}", f"?.{subject}", subject):
            found = source_line.find(probe)
            if found >= 0:
                return found + 1
    if default is not None:
        return default
    return len(source_line) - len(source_line.lstrip()) + 1


def _definition_line(text: str, name: str) -> int | None:
    match = re.search(rf"\bfunction\s+{re.escape(name)}\b|\b{re.escape(name)}\s*=", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _plain(value: Any) -> Any:
    return str(value)


#: The parts of `$ctx` sent with every call; the others are read through the bridge on use.
_PARTS = ("arguments", "stash", "prev", "result", "error")
_ENCODE = json.JSONEncoder(default=_plain, separators=(",", ":")).encode


def evaluate(code: JsCode, handler: Handler, context: dict[str, Any]) -> JsOutcome:
    """Call `handler` of `code` with `context` (the `$ctx` map `build_context` makes).

    `context["stash"]` and `context["arguments"]` are updated in place with the handler's
    changes, so they flow through a pipeline as in AppSync.

    :raises CodeError: the code breaks a restriction or does not compile.
    :raises JsRuntimeError: the handler raised a JavaScript error (`file:line:col`).
    :raises JsTimeoutError: the handler ran past `TIME_LIMIT_MS`.
    :raises ResolverError: `util.error` / `util.unauthorized`.
    """
    key = _load(code)
    try:
        parts = _ENCODE([context.get(name) for name in _PARTS])
        previous = bridge.serve(context)
        try:
            out = engine(bridge.call).invoke(key, handler, parts, TIME_LIMIT_MS)
        finally:
            bridge.serve(previous)
    except EngineError as err:
        raise JsRuntimeError(f"{err.name}: {err.message}", file=code.file_name) from None
    if "stash" in out:
        _sync(context, "stash", out["stash"])
    if "args" in out:
        _sync(context, "arguments", out["args"])
    outcome = JsOutcome(value=out.get("value"))
    if "errors" in out:
        outcome.errors = [_error(e) for e in out["errors"]]
    if "extensions" in out:
        outcome.extensions = out["extensions"]
    if "logs" in out:
        outcome.logs = out["logs"]
    if "headers" in out:
        outcome.response_headers = out["headers"]
    kind = out["kind"]
    if kind == "ok":
        return outcome
    if kind == "early":
        outcome.early_return = True
        return outcome
    if kind == "timeout":
        raise JsTimeoutError(
            f"Execution timed out after {TIME_LIMIT_MS:g} ms ({handler} function)",
            file=code.file_name,
        )
    if kind == "missing":
        raise JsRuntimeError(f"The code does not export a {handler} function", file=code.file_name)
    if kind == "error":
        error = _error(out["error"])
        error.appended = outcome.errors  # type: ignore[attr-defined]
        raise error
    line = out.get("line") or _definition_line(code.text, handler)
    column = out.get("column") or (_column(code.text, line, out["message"]) if line else None)
    file_name = code.file_name
    if code.origin is not None and line is not None:
        found = code.origin(line, column or 1)
        if found is not None:
            file_name, line, column, source_line = found
            column = _column(source_line, 1, out["message"], default=column)
    raise JsRuntimeError(
        f"{out['name']}: {out['message']}", file=file_name, line=line, column=column
    )


def _sync(context: dict[str, Any], key: str, value: Any) -> None:
    target = context.get(key)
    if isinstance(target, dict) and isinstance(value, Mapping) and value is not target:
        target.clear()
        target.update(value)


def _error(raw: Mapping[str, Any]) -> ResolverError:
    return ResolverError(
        str(raw.get("message")),
        error_type=raw.get("type"),
        data=raw.get("data"),
        error_info=raw.get("info"),
    )
