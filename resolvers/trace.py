"""Field-level logs in AppSync's CloudWatch shape: the hook protocol and one field's collector.

The resolver runtime only collects log entries (plain dicts) for a field when a `FieldLogSink`
is given; where they go (a file, the terminal) is the caller's business. Without a sink nothing
is collected or rendered.

The request-level `RequestSummary` / `ExecutionSummary` entries are the endpoint's (it knows the
request); a sink with a `started_ns` attribute (the request's start, `perf_counter_ns`) gets each
`Tracing` entry's `startOffset` from it.

At ERROR, a pipeline's constant before template (stash puts of literals) and its identity after
template (`$util.toJson($ctx.prev.result)`) are applied without the engine, as with no log, so a
field in error shows no BeforeMapping / AfterMapping entry for them.

Not emulated: `resolverArn` account and API id (a fixed local account and API id stand in),
`excludeVerboseContent`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any, Literal, Protocol

from resolvers.context import copy_value
from resolvers.errors import ResolverError, TemplateError

__all__ = [
    "LOCAL_API_ARN",
    "FieldLogSink",
    "FieldTrace",
    "active_trace",
    "error_entry",
]

#: The API ARN the mock puts in `resolverArn` / `functionArn` (no real account nor API id).
LOCAL_API_ARN = "arn:aws:appsync:us-east-1:123456789012:apis/local"

LogLevel = Literal["ALL", "ERROR"]

_ACTIVE: ContextVar[FieldTrace | None] = ContextVar("resolvers_field_trace", default=None)


class FieldLogSink(Protocol):
    """Receives one field's log entries once the field is resolved (`amplify_mock` implements it).

    `level` ALL: every field's entries; ERROR: only the entries of fields in error.
    """

    level: LogLevel

    def write(self, entries: list[dict[str, Any]]) -> None: ...


def active_trace() -> FieldTrace | None:
    """The trace of the template being rendered, if logging is on (for `$util.log`)."""
    return _ACTIVE.get()


def error_entry(error: BaseException) -> dict[str, Any]:
    """An AppSync log `errors` item; a template error names its file, line and column."""
    entry: dict[str, Any] = {"message": getattr(error, "message", str(error))}
    if isinstance(error, ResolverError) and error.error_type is not None:
        entry["errorType"] = error.error_type
    if isinstance(error, TemplateError):
        entry["location"] = {"file": error.file, "line": error.line, "column": error.column}
    return entry


class FieldTrace:
    """The log entries of one field's resolution, in order; written to the sink at the end.

    Entries are built only when written: at ERROR a field without error costs a few tuples and
    no copies (its entries then show the context as it is when the field fails); at ALL the
    context is copied when each template runs, so every entry shows its own moment.
    """

    def __init__(
        self,
        sink: FieldLogSink,
        *,
        type_name: str,
        field_name: str,
        path: Callable[[], list[Any]] | None,
        request_id: str | None,
        return_type: Any = None,
    ) -> None:
        self.sink = sink
        self.return_type = return_type
        self.type_name = type_name
        self.field_name = field_name
        self.path = path
        self.request_id = request_id
        #: ALL: every template is rendered and logged; at ERROR a pipeline's constant before
        #: template and identity after template take the engine-free path and have no entry.
        self.full = sink.level == "ALL"
        self._copy: Callable[[Any], Any] = copy_value if self.full else _same
        self._pending: list[tuple[Any, ...]] = []
        self.in_error = False
        self._logged: set[int] = set()
        self.started = time.perf_counter_ns()

    def template(
        self,
        log_type: str,
        context: Mapping[str, Any],
        *,
        rendered: str | None = None,
        evaluation: Any = None,
        function: str | None = None,
        error: BaseException | None = None,
    ) -> None:
        """One mapping template (VTL: `transformedTemplate`) or JS handler (`evaluationResult`)."""
        if error is not None:
            self.in_error = True
            self._logged.add(id(error))
        copy = self._copy
        if copy is _same:  # ERROR: the context as it is, picked apart only if written
            self._pending.append(
                ("template", log_type, context, rendered, evaluation, function, error)
            )
            return
        snapshot = {key: copy(context.get(key)) for key in _CONTEXT_KEYS}
        self._pending.append(
            ("template", log_type, snapshot, rendered, copy(evaluation), function, error)
        )

    def data_source(self, name: str, request: Any, result: Any, error: Any) -> None:
        """The data source call and its answer (AppSync shows these inside the contexts)."""
        copy = self._copy
        self._pending.append(("data_source", name, copy(request), copy(result), copy(error)))

    def message(self, level: Literal["INFO", "ERROR"], text: str) -> None:
        """A `$util.log.info/error` (VTL) or `console.log/error` (JS) line."""
        if level == "ERROR":
            self.in_error = True
        self._pending.append(("message", level, text))

    def fail(self, error: BaseException) -> None:
        """The field ends in error (a template error, `$util.error`, a data source failure)."""
        self.in_error = True
        if id(error) not in self._logged:
            self._pending.append(("fail", error))

    def finish(self, appended: list[ResolverError]) -> None:
        """Adds the `Tracing` entry, hands the entries to the sink (ERROR: fields in error only)."""
        if appended:
            self.in_error = True
        if self.sink.level == "ERROR" and not self.in_error:
            return
        base: dict[str, Any] = {
            "path": self.path() if self.path is not None else [self.field_name],
            "fieldName": self.field_name,
            "parentType": self.type_name,
            "resolverArn": f"{LOCAL_API_ARN}/types/{self.type_name}/resolvers/{self.field_name}",
            "requestId": self.request_id,
            "fieldInError": self.in_error,
        }
        entries = [_entry(base, item) for item in self._pending]
        tracing = dict(base)
        tracing.update(
            logType="Tracing",
            duration=time.perf_counter_ns() - self.started,
            errors=[error_entry(err) for err in appended],
        )
        request_started = getattr(self.sink, "started_ns", None)
        if request_started is not None:
            tracing["startOffset"] = self.started - request_started
        if self.return_type is not None:
            tracing["returnType"] = str(self.return_type)
        entries.append(tracing)
        self.sink.write(entries)

    def rendering(self, action: Callable[[], Any]) -> Any:
        """Runs `action` with this trace active, so `$util.log` lines land in it."""
        token = _ACTIVE.set(self)
        try:
            return action()
        finally:
            _ACTIVE.reset(token)


_CONTEXT_KEYS = ("arguments", "stash", "source", "result", "prev", "error", "identity")


def _same(value: Any) -> Any:
    return value


def _entry(base: Mapping[str, Any], item: tuple[Any, ...]) -> dict[str, Any]:
    """The AppSync log entry of one pending item."""
    entry = dict(base)
    kind = item[0]
    if kind == "template":
        _, log_type, snapshot, rendered, evaluation, function, error = item
        entry["logType"] = log_type
        if function is not None:
            entry["functionName"] = function
            entry["functionArn"] = f"{LOCAL_API_ARN}/functions/{function}"
        entry["context"] = {key: snapshot.get(key) for key in _CONTEXT_KEYS}
        if rendered is not None:
            entry["transformedTemplate"] = rendered
        if evaluation is not None:
            entry["evaluationResult"] = evaluation
        entry["errors"] = [error_entry(error)] if error is not None else []
    elif kind == "data_source":
        _, name, request, result, error = item
        entry.update(
            logType="DataSourceInvocation",
            dataSource=name,
            request=request,
            response=result,
            errors=[error] if error is not None else [],
        )
    elif kind == "message":
        entry.update(logType="ApplicationLog", level=item[1], message=item[2])
    else:
        entry.update(logType="FieldError", errors=[error_entry(item[1])])
    return entry
