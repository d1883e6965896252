"""Request traces: a request's field log entries with AppSync's `RequestSummary` and
`ExecutionSummary`, for the `--log-level` file and terminal and for the console's trace view.

Off the hot path when nobody reads: without a `--log-level` file and without a trace watcher,
`Tracer.begin` returns None and the resolvers run without a sink (collecting nothing). The last
`KEEP` traces are kept (a ring buffer) only while a watcher is connected or at `--log-level ALL`.

Not emulated: `RequestSummary` / `ExecutionSummary` of realtime (subscription) requests;
`parsing` covers parse and validation together (a cached document costs neither), so
`validation` has a zero duration.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from typing import Any

from amplify_mock.simulators.appsync.field_log import FieldLog
from resolvers.resolver import FieldInvocation, ResolverConfig, ResolverOutcome, execute_resolver
from resolvers.trace import LOCAL_API_ARN, LogLevel

__all__ = ["GRAPHQL_API_ID", "KEEP", "RequestLog", "Tracer", "trace_summary", "traced_runner"]

#: The `graphQLAPIId` of the local API in the request-level entries.
GRAPHQL_API_ID = LOCAL_API_ARN.rsplit("/", 1)[-1]
#: How many request traces the console can look back on.
KEEP = 200

_REQUEST_LOG: ContextVar[RequestLog | None] = ContextVar("appsync_request_log", default=None)

TraceWatcher = Callable[[dict[str, Any]], None]


def traced_runner(
    config: ResolverConfig, call: FieldInvocation, data_sources: Mapping[str, Any], /
) -> Awaitable[ResolverOutcome]:
    """The resolver runner of a traced endpoint: the request's log if one is being taken."""
    log = _REQUEST_LOG.get()
    if log is None:
        return execute_resolver(config, call, data_sources)
    return execute_resolver(config, call, data_sources, log=log)


class RequestLog:
    """The `resolvers.trace.FieldLogSink` of one GraphQL request: every field's entries."""

    def __init__(self, level: LogLevel) -> None:
        self.level: LogLevel = level
        self.request_id = str(uuid.uuid4())
        self.started_ns = time.perf_counter_ns()
        self.started_at = time.time()
        self.entries: list[dict[str, Any]] = []
        self.parsing: tuple[int, int] = (0, 0)
        self.operation_name: str | None = None
        self.query: str | None = None
        self.variables: Any = None
        self.body: Mapping[str, Any] | None = None

    def write(self, entries: list[dict[str, Any]]) -> None:
        self.entries.extend(entries)

    def parsed(self, started_ns: int) -> None:
        """The document was parsed and validated from `started_ns` until now."""
        self.parsing = (started_ns - self.started_ns, time.perf_counter_ns() - started_ns)

    def activate(self) -> Callable[[], None]:
        """Make this the log of the resolvers run from here on; returns the undo."""
        token = _REQUEST_LOG.set(self)
        return lambda: _REQUEST_LOG.reset(token)


class Tracer:
    """Takes request logs when someone reads them: the `--log-level` file or a trace watcher."""

    def __init__(self, file_log: FieldLog | None = None, keep: int = KEEP) -> None:
        self.file_log = file_log
        self.recent: deque[dict[str, Any]] = deque(maxlen=keep)
        self._watchers: list[TraceWatcher] = []

    def begin(self) -> RequestLog | None:
        """A log for a new request, or None when nobody would read it."""
        file_log = self.file_log
        if self._watchers:
            return RequestLog("ALL")
        if file_log is None:
            return None
        return RequestLog(file_log.level)

    def watch(self, watcher: TraceWatcher) -> Callable[[], None]:
        """Call `watcher` with each finished trace until the returned function is called."""
        self._watchers.append(watcher)

        def unwatch() -> None:
            if watcher in self._watchers:
                self._watchers.remove(watcher)

        return unwatch

    @property
    def keeping(self) -> bool:
        """Whether finished traces go to the ring buffer (a watcher, or the file at ALL)."""
        return bool(self._watchers) or (self.file_log is not None and self.file_log.level == "ALL")

    def find(self, request_id: str) -> dict[str, Any] | None:
        return next((t for t in self.recent if t["requestId"] == request_id), None)

    def finish(self, log: RequestLog, status: int) -> None:
        """Add the request-level entries; write the file lines and hand the trace on."""
        ended_ns = time.perf_counter_ns()
        latency = ended_ns - log.started_ns
        errors = list((log.body or {}).get("errors") or ())
        execution = _execution_summary(log, latency)
        summary = {
            "logType": "RequestSummary",
            "requestId": log.request_id,
            "graphQLAPIId": GRAPHQL_API_ID,
            "statusCode": status,
            "latency": latency,
        }
        file_log = self.file_log
        if file_log is not None:
            if file_log.level == "ALL":
                file_log.write([*log.entries, execution, summary])
            else:
                failed = [e for e in log.entries if e.get("fieldInError")]
                if failed:
                    file_log.write(failed)
                # AppSync writes the request-level entries at every level; the terminal shows
                # them at ERROR only for a request that failed
                file_log.write_encoded(
                    [execution, summary],
                    [_execution_line(execution), _summary_line(summary)],
                    echo=bool(errors) or status >= 400,
                )
        if not self.keeping:
            return
        trace = {
            "requestId": log.request_id,
            "operationName": log.operation_name,
            "query": log.query,
            "variables": log.variables,
            "startTime": _iso(log.started_at),
            "statusCode": status,
            "duration": latency,
            "errors": errors,
            "entries": [*log.entries, execution, summary],
        }
        self.recent.append(trace)
        for watcher in list(self._watchers):
            watcher(trace)


def trace_summary(trace: Mapping[str, Any]) -> dict[str, Any]:
    """A trace without its entries (the console's request list)."""
    fields = [e for e in trace["entries"] if e.get("logType") == "Tracing"]
    return {
        "requestId": trace["requestId"],
        "operationName": trace["operationName"],
        "startTime": trace["startTime"],
        "statusCode": trace["statusCode"],
        "duration": trace["duration"],
        "errorCount": len(trace["errors"]),
        "fieldCount": len(fields),
    }


def _execution_summary(log: RequestLog, latency: int) -> dict[str, Any]:
    parse_offset, parse_duration = log.parsing
    return {
        "logType": "ExecutionSummary",
        "requestId": log.request_id,
        "graphQLAPIId": GRAPHQL_API_ID,
        "startTime": _iso(log.started_at),
        "endTime": _iso(log.started_at + latency / 1e9),
        "duration": latency,
        "parsing": {"startOffset": parse_offset, "duration": parse_duration},
        "validation": {"startOffset": parse_offset + parse_duration, "duration": 0},
        "version": 1,
    }


def _summary_line(entry: Mapping[str, Any]) -> str:
    """`entry` as JSON (what the encoder writes, at a fraction of its cost: ids and numbers)."""
    return (
        f'{{"logType":"RequestSummary","requestId":"{entry["requestId"]}",'
        f'"graphQLAPIId":"{entry["graphQLAPIId"]}","statusCode":{entry["statusCode"]},'
        f'"latency":{entry["latency"]}}}'
    )


def _execution_line(entry: Mapping[str, Any]) -> str:
    parsing, validation = entry["parsing"], entry["validation"]
    return (
        f'{{"logType":"ExecutionSummary","requestId":"{entry["requestId"]}",'
        f'"graphQLAPIId":"{entry["graphQLAPIId"]}","startTime":"{entry["startTime"]}",'
        f'"endTime":"{entry["endTime"]}","duration":{entry["duration"]},'
        f'"parsing":{{"startOffset":{parsing["startOffset"]},"duration":{parsing["duration"]}}},'
        f'"validation":{{"startOffset":{validation["startOffset"]},'
        f'"duration":{validation["duration"]}}},"version":{entry["version"]}}}'
    )


#: The formatted second of the last timestamp (requests of one second share it).
_LAST_SECOND: list[Any] = [-1, ""]


def _iso(seconds: float) -> str:
    """`2026-12-08T00:42:39.123Z` (CloudWatch's form)."""
    whole = int(seconds)
    if whole != _LAST_SECOND[0]:
        _LAST_SECOND[:] = [whole, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole))]
    return f"{_LAST_SECOND[1]}.{int((seconds - whole) * 1000):03d}Z"
