"""The functions panel: invoke a project function with an event; its result and printed lines."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.appsync.dashboard.errors import LambdaConsoleError

if TYPE_CHECKING:
    from amplify_mock.simulators.lambda_ import LambdaRunner

__all__ = ["FunctionOutput", "invoke_function", "list_functions"]

#: Printed lines kept per function (older ones are dropped).
KEEP_LINES = 500


class FunctionOutput:
    """Tees the runner's output sink: each printed line also goes to a per-function buffer."""

    def __init__(self, runner: LambdaRunner) -> None:
        self._next = runner.output
        self.lines: dict[str, deque[tuple[int, str, str]]] = {}
        self._count = 0
        runner.output = self

    def __call__(self, function_name: str, stream: str, line: str) -> None:
        self._count += 1
        buffer = self.lines.setdefault(function_name, deque(maxlen=KEEP_LINES))
        buffer.append((self._count, stream, line))
        self._next(function_name, stream, line)

    @property
    def mark(self) -> int:
        return self._count

    def since(self, function_name: str, mark: int) -> list[dict[str, str]]:
        return [
            {"stream": stream, "line": line}
            for n, stream, line in self.lines.get(function_name, ())
            if n > mark
        ]


def list_functions(runner: LambdaRunner) -> list[dict[str, Any]]:
    return [{"FunctionName": name} for name in runner.function_names()]


async def invoke_function(
    runner: LambdaRunner, output: FunctionOutput | None, name: str, event: Any
) -> dict[str, Any]:
    """Lambda's Invoke answer (StatusCode, FunctionError, Payload) plus the printed lines.

    :raises LambdaConsoleError: ResourceNotFoundException (no such function), or the
        function cannot be loaded.
    """
    from amplify_mock.simulators.lambda_.errors import FunctionNotFoundError, LambdaRunnerError

    mark = output.mark if output is not None else 0
    started = time.perf_counter()
    try:
        outcome = await runner.invoke_detailed(name, event)
    except FunctionNotFoundError as err:
        raise LambdaConsoleError(err.message, code="ResourceNotFoundException", status=404) from err
    except LambdaRunnerError as err:
        raise LambdaConsoleError(
            err.message, code=err.error_type.removeprefix("Lambda:"), status=400
        ) from err
    for _ in range(3):  # let the pumps forward the last lines the handler printed
        await asyncio.sleep(0)
    answer: dict[str, Any] = {
        "StatusCode": 200,
        "ExecutedVersion": "$LATEST",
        "DurationMs": round((time.perf_counter() - started) * 1000, 2),
        "Logs": output.since(runner.resolve_name(name), mark) if output is not None else [],
    }
    if outcome.error is not None:
        answer["FunctionError"] = "Unhandled"
        answer["Payload"] = outcome.error
    else:
        answer["Payload"] = outcome.result
    return answer
