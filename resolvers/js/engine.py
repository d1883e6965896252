"""The JavaScript engine behind APPSYNC_JS: QuickJS, embedded; the only module importing it.

Chosen by measurement on this project's machine (2 cores, x86_64, load average 10-20 from
other work, so wall times are inflated; candidates interleaved in one script): a getItem
resolver's request + response, context in and result out as JSON, wall time:

    engine                              startup     per request+response
    QuickJS (PyPI `quickjs` 1.19.4)     0.6 ms      0.35-0.46 ms
    V8 (PyPI `mini-racer` 0.14.1)       1,400 ms    1.7-2.5 ms (every call crosses a thread)
    V8 (PyPI `py-mini-racer` 0.6.0)     -           0.19 ms per call of an empty function
    warm Node 20 worker over a pipe     1,800 ms    0.63-1.5 ms (two process round trips)

QuickJS won on both counts, and calls into it cost 1-4 us. PyPI has a manylinux x86_64
wheel (CPython 3.11), which a fresh venv installs with pip alone; elsewhere (aarch64) pip
builds its sdist, plain C, with the system compiler. The runtime as
built here (bench/bench_appsync_js.py, best of runs, CPU time, with the restrictions and the
time-limit checks in place): the getTodo resolver's request + response 88-101 us in
APPSYNC_JS (44-50 us per evaluation) against 24-26 us for the generated VTL templates (3.5-4.2x;
load average 9-20 on 2 cores); engine start with the prelude 13-26 ms unloaded, first load of
a resolver's code about 1-5 ms. Where the time goes: QuickJS's JSON (JSON.parse of the
context parts with a Todo item 4.6 us, JSON.stringify of the outcome 9.5 us) and the
binding's call, so the context crosses as one JSON array and the parts a handler rarely reads
(identity, source, info, request) only when it reads them.

A QuickJS runtime must stay on the thread that made it, so each thread gets its own `Engine`
(`engine()`), with the runtime prelude loaded once. This QuickJS lacks a few ES2022
built-ins AppSync offers (`Object.hasOwn`, `Array.prototype.at`, `findLast`); the prelude
adds them.

Not emulated: column numbers from the engine itself (QuickJS reports lines only, and no line
for a fault on a function's first line, where the function's line stands in); the column is
found on that line from the error's subject (`resolvers.js.code`).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import quickjs

__all__ = ["PRELUDE_LINES", "Engine", "EngineError", "engine"]

#: The prelude is compiled after this many blank lines, so a stack frame with a line past it
#: is the runtime's own, and the first frame before it is the resolver code's.
PRELUDE_LINES = 100_000

#: Memory for one engine; a runaway allocation fails the call, not the server.
MEMORY_LIMIT_BYTES = 256 * 1024 * 1024

_FRAME = re.compile(r"at (?:(\S+) )?\(?<input>:(\d+)(?::(\d+))?\)?")


@dataclass
class EngineError(Exception):
    """A JavaScript error: `name` (SyntaxError, TypeError...), message, and its line if known."""

    name: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


def _parse_exception(text: str) -> EngineError:
    first, _, stack = text.partition("\n")
    name, sep, message = first.partition(": ")
    if not sep:
        name, message = "Error", first
    return _with_frame(EngineError(name, message), stack)


def _with_frame(error: EngineError, stack: str) -> EngineError:
    for match in _FRAME.finditer(stack):
        line = int(match.group(2))
        if line < PRELUDE_LINES:
            error.line = line
            error.column = int(match.group(3)) if match.group(3) else None
            break
    return error


class Engine:
    """One QuickJS context with the APPSYNC_JS runtime loaded; code is loaded once by id."""

    def __init__(self, bridge: Callable[[str, str], str]) -> None:
        self._context = quickjs.Context()
        self._context.set_memory_limit(MEMORY_LIMIT_BYTES)
        self._context.add_callable("__py", bridge)
        prelude = resources.files("resolvers.js").joinpath("runtime.js").read_text("utf-8")
        self._context.eval("\n" * PRELUDE_LINES + prelude)
        self._invoke = self._context.get("__invoke")
        self._loaded: set[str] = set()

    def load(self, code_id: str, factory_source: str, time_limit_ms: float) -> None:
        """Compile `factory_source` (a function expression of `__modules`) under `code_id`.

        :raises EngineError: the code does not compile or its top level fails.
        """
        if code_id in self._loaded:
            return
        try:
            self._context.eval(
                f"__load({json.dumps(code_id)}, {factory_source}, {float(time_limit_ms)!r});"
            )
        except quickjs.JSException as err:
            raise _parse_exception(str(err)) from None
        self._loaded.add(code_id)

    def invoke(self, code_id: str, function: str, parts_json: str, time_limit_ms: float) -> Any:
        """Call export `function` of loaded code with `ctx`'s arguments, stash, prev, result
        and error as one JSON array; the outcome as Python (`kind` "timeout" past
        `time_limit_ms`: QuickJS's own time limit cannot be combined with calls into Python, so
        the code itself checks the clock, see `module.py`).

        :raises EngineError: the engine itself failed (time or memory limit, stack overflow).
        """
        try:
            out = self._invoke(code_id, function, parts_json, time_limit_ms)
        except quickjs.StackOverflow:
            raise EngineError("RangeError", "Maximum call stack size exceeded") from None
        except quickjs.JSException as err:
            raise _parse_exception(str(err)) from None
        result = json.loads(out)
        if result.get("kind") == "exception":
            error = _with_frame(EngineError(result["name"], result["message"]), result["stack"])
            result["line"], result["column"] = error.line, error.column
        return result


_LOCAL = threading.local()


def engine(bridge: Callable[[str, str], str]) -> Engine:
    """This thread's engine (QuickJS runtimes must not cross threads)."""
    found: Engine | None = getattr(_LOCAL, "engine", None)
    if found is None:
        found = Engine(bridge)
        _LOCAL.engine = found
    return found
