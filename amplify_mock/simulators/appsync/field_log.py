"""`amplify mock --log-level`: AppSync field logs to `mock-data/logs/appsync.log` and the terminal.

One JSON object per line in the file (as AppSync writes them to CloudWatch), size-rotated and
written in batches (a request's lines cost a list append; the file is written on the loop's next
turns, at most `FLUSH_SECONDS` later); a compact line per entry on the terminal. At NONE (the
default) no file log exists, so unless the console's trace view is open the resolvers collect
and render nothing (see `tracing`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from resolvers.trace import LogLevel

__all__ = ["LOG_LEVELS", "FieldLog", "compact_line", "field_log_for"]

LOG_LEVELS = ("NONE", "ERROR", "ALL")
#: Rotate `appsync.log` at this size, keeping this many old files (appsync.log.1 ...).
MAX_BYTES = 10 * 1024 * 1024
BACKUP_COUNT = 3
#: Lines wait at most this long (or until `FLUSH_BYTES` are pending) before they are written.
FLUSH_SECONDS = 0.1
FLUSH_BYTES = 256 * 1024
_TEMPLATE_PREVIEW = 400
#: One encoder for every line (`json.dumps` with options builds a new one per call).
_ENCODER = json.JSONEncoder(separators=(",", ":"), default=str)


class RotatingLines:
    """Appends lines to a file in batches, rotating it (`.1` ... `.N`) past `max_bytes`."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.backups = backups
        self._pending: list[str] = []
        self._pending_bytes = 0
        self._scheduled = False
        self._file: IO[str] | None = None
        self._size = path.stat().st_size if path.is_file() else 0

    def add(self, line: str) -> None:
        self._pending.append(line)
        self._pending_bytes += len(line) + 1
        if self._pending_bytes >= FLUSH_BYTES:
            self.flush()
        elif not self._scheduled:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                self.flush()
                return
            self._scheduled = True
            loop.call_later(FLUSH_SECONDS, self.flush)

    def flush(self) -> None:
        self._scheduled = False
        lines, self._pending, self._pending_bytes = self._pending, [], 0
        batch: list[str] = []
        for line in lines:
            size = len(line.encode("utf-8")) + 1
            if self._size and self._size + size > self.max_bytes:
                self._write(batch)
                batch = []
                self._rotate()
            batch.append(line)
            self._size += size
        self._write(batch)

    def _write(self, lines: list[str]) -> None:
        if not lines:
            return
        if self._file is None:
            self._file = self.path.open("a", encoding="utf-8")
        self._file.write("\n".join(lines) + "\n")
        self._file.flush()

    def _rotate(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        for n in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{n + 1}"))
        if self.path.exists():
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        self._size = 0

    def close(self) -> None:
        self.flush()
        if self._file is not None:
            self._file.close()
            self._file = None


class FieldLog:
    """JSON lines to a rotated file, compact lines to `echo` (the terminal)."""

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
        self._lines = RotatingLines(log_file, MAX_BYTES, BACKUP_COUNT)

    def write(self, entries: list[dict[str, Any]], *, echo: bool = True) -> None:
        """Each entry as a line of the file and, with `echo`, a compact terminal line."""
        for entry in entries:
            self._lines.add(_ENCODER.encode(entry))
            if echo and self._echo is not None:
                self._echo(compact_line(entry))

    def write_encoded(
        self, entries: list[dict[str, Any]], lines: list[str], *, echo: bool = True
    ) -> None:
        """`write` for entries already encoded as `lines` (the request-level summaries)."""
        for line in lines:
            self._lines.add(line)
        if echo and self._echo is not None:
            for entry in entries:
                self._echo(compact_line(entry))

    def flush(self) -> None:
        self._lines.flush()

    def close(self) -> None:
        self._lines.close()


def compact_line(entry: Mapping[str, Any]) -> str:
    """One readable terminal line: type, field path, function, the rendered text or error."""
    log_type = entry.get("logType")
    if log_type == "RequestSummary":
        return (
            f"[RequestSummary] {entry.get('requestId')} status={entry.get('statusCode')} "
            f"{entry.get('latency', 0) / 1e6:.2f}ms"
        )
    if log_type == "ExecutionSummary":
        parsing = entry.get("parsing") or {}
        return (
            f"[ExecutionSummary] {entry.get('requestId')} {entry.get('duration', 0) / 1e6:.2f}ms "
            f"parsing={parsing.get('duration', 0) / 1e6:.2f}ms"
        )
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
            location = error.get("location")
            if isinstance(location, Mapping):
                where = f"{location.get('file')}:{location.get('line')}:{location.get('column')}"
                parts.append(f"at {where}")
    return " ".join(parts)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = " ".join(text.split())
    return text if len(text) <= _TEMPLATE_PREVIEW else text[:_TEMPLATE_PREVIEW] + "..."


def field_log_for(level: str, mock_data_dir: Path, reporter: Any) -> FieldLog | None:
    """The file log of `--log-level` (None at NONE), printing through the session's reporter."""
    upper = level.upper()
    chosen: LogLevel
    if upper == "ALL":
        chosen = "ALL"
    elif upper == "ERROR":
        chosen = "ERROR"
    else:
        return None
    return FieldLog(chosen, mock_data_dir / "logs" / "appsync.log", reporter.info)
