"""`amplify mock --log-level`: AppSync field logs to `mock-data/logs/appsync.log` and the terminal.

One JSON object per line in the file (as AppSync writes them to CloudWatch), size-rotated; a
compact line per entry on the terminal. At NONE (the default) no sink exists, so the resolvers
collect and render nothing.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from resolvers.resolver import execute_resolver
from resolvers.trace import LogLevel

__all__ = ["LOG_LEVELS", "FieldLog", "compact_line", "field_log_for", "logging_runner"]

LOG_LEVELS = ("NONE", "ERROR", "ALL")
#: Rotate `appsync.log` at this size, keeping this many old files (appsync.log.1 ...).
MAX_BYTES = 10 * 1024 * 1024
BACKUP_COUNT = 3
_TEMPLATE_PREVIEW = 400


class FieldLog:
    """A `resolvers.trace.FieldLogSink`: JSON lines to a rotated file, compact lines to `echo`."""

    def __init__(
        self,
        level: LogLevel,
        log_file: Path,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        self.level: LogLevel = level
        self.log_file = log_file
        self._echo = echo
        log_file.parent.mkdir(parents=True, exist_ok=True)
        self._handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
        self._handler.setFormatter(logging.Formatter("%(message)s"))

    def write(self, entries: list[dict[str, Any]]) -> None:
        for entry in entries:
            line = json.dumps(entry, default=str, separators=(",", ":"))
            self._handler.emit(logging.LogRecord("appsync", logging.INFO, "", 0, line, None, None))
            if self._echo is not None:
                self._echo(compact_line(entry))

    def close(self) -> None:
        self._handler.close()


def compact_line(entry: Mapping[str, Any]) -> str:
    """One readable terminal line: type, field path, function, the rendered text or error."""
    path = ".".join(str(p) for p in entry.get("path") or ())
    head = f"[{entry.get('logType')}] {entry.get('parentType')}.{entry.get('fieldName')} ({path})"
    if entry.get("functionName"):
        head += f" fn={entry['functionName']}"
    parts = [head]
    errors = entry.get("errors") or []
    if entry.get("logType") == "Tracing":
        parts.append(f"{entry.get('duration', 0) / 1e6:.2f}ms")
        parts.append("ERROR" if entry.get("fieldInError") else "ok")
    elif entry.get("logType") == "ApplicationLog":
        parts.append(f"{entry.get('level')}: {entry.get('message')}")
    elif entry.get("logType") == "DataSourceInvocation":
        parts.append(f"{entry.get('dataSource')} <- {_short(entry.get('request'))}")
        parts.append(f"-> {_short(entry.get('response'))}")
    elif "transformedTemplate" in entry:
        parts.append(_short(entry["transformedTemplate"]))
    elif "evaluationResult" in entry:
        parts.append(_short(entry["evaluationResult"]))
    for error in errors:
        if isinstance(error, Mapping):
            parts.append(f"error: {error.get('message')}")
    return " ".join(parts)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = " ".join(text.split())
    return text if len(text) <= _TEMPLATE_PREVIEW else text[:_TEMPLATE_PREVIEW] + "..."


def logging_runner(sink: FieldLog | None) -> Any:
    """The resolver runner: plain `execute_resolver` without a sink (nothing on the hot path)."""
    if sink is None:
        return execute_resolver
    return partial(execute_resolver, log=sink)


def field_log_for(level: str, mock_data_dir: Path, reporter: Any) -> FieldLog | None:
    """The sink for `--log-level` (None at NONE), printing through the session's reporter."""
    upper = level.upper()
    chosen: LogLevel
    if upper == "ALL":
        chosen = "ALL"
    elif upper == "ERROR":
        chosen = "ERROR"
    else:
        return None
    return FieldLog(chosen, mock_data_dir / "logs" / "appsync.log", reporter.info)
