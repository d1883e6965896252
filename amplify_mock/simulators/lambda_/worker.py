"""One function process (Node.js or Python bootstrap) and the JSON-lines protocol spoken with it.

The protocol travels over a socketpair handed to the child as an extra fd, so the handler's
stdout and stderr stay free: they are read line by line and passed to an output sink with the
function name. The child runs in its own session, so a timeout kills it with all its children.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amplify_mock.simulators.lambda_.config import FunctionConfig

__all__ = ["InvocationOutcome", "OutputSink", "Worker", "log_output", "timeout_error"]

LOG = logging.getLogger(__name__)

#: Receives each line a handler prints: (function name, "stdout" | "stderr", line).
OutputSink = Callable[[str, str, str], None]

#: Largest protocol line accepted (Lambda's synchronous payload limit is 6 MB).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
_STDERR_TAIL_LINES = 20


def log_output(function_name: str, stream: str, line: str) -> None:
    """The default sink: the line on the same stream of this process, prefixed with the name.

    Not the logger: the CLI logs at WARNING, and the Amplify CLI's mock shows what a handler
    prints in the terminal (`amplify mock` builds its runner with this default sink).
    """
    target = sys.stderr if stream == "stderr" else sys.stdout
    print(f"[{function_name}] {line}", file=target, flush=True)


def timeout_error(seconds: float) -> dict[str, Any]:
    """The error Lambda reports for an invocation that overran its timeout."""
    return {
        "errorType": "Sandbox.Timedout",
        "errorMessage": f"Task timed out after {seconds:.2f} seconds",
        "stackTrace": [],
    }


@dataclass
class InvocationOutcome:
    """What one invocation produced: a result, or a Lambda error payload."""

    request_id: str
    result: Any = None
    error: dict[str, Any] | None = None
    duration_ms: float = 0.0
    pid: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Worker:
    """A started bootstrap process for one function, serving one invocation at a time.

    The child gets `command`, then the protocol fd, then `arguments` on its command line.
    """

    def __init__(
        self,
        function_name: str,
        command: Sequence[str],
        arguments: Sequence[str],
        *,
        cwd: Path,
        env: dict[str, str],
        sink: OutputSink,
        fingerprint: object = None,
    ) -> None:
        self.function_name = function_name
        self.command = list(command)
        self.arguments = list(arguments)
        self.cwd = cwd
        self.env = env
        self.sink = sink
        self.fingerprint = fingerprint
        self.process: asyncio.subprocess.Process | None = None
        self.init_error: dict[str, Any] | None = None
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._pumps: list[asyncio.Task[None]] = []
        self._stderr_tail: deque[str] = deque(maxlen=_STDERR_TAIL_LINES)
        self._next_id = 0
        self.config: FunctionConfig | None = None
        self.region = "us-test-1"
        self.account_id = "12345678910"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def start(self, timeout: float) -> dict[str, Any] | None:
        """Spawn the process and wait for its handler to load.

        Returns None when ready, else the Lambda error payload of the failed init (the
        process is then stopped).
        """
        parent, child = socket.socketpair()
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.command,
                str(child.fileno()),
                *self.arguments,
                cwd=str(self.cwd),
                env=self.env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                pass_fds=(child.fileno(),),
                start_new_session=True,
            )
        except OSError as err:
            parent.close()
            child.close()
            return _runtime_error(
                "Runtime.InvalidEntrypoint",
                f"Function {self.function_name}: cannot start {self.command[0]}: {err}",
            )
        child.close()
        self._reader, self._writer = await asyncio.open_unix_connection(
            sock=parent, limit=MAX_MESSAGE_BYTES
        )
        assert self.process.stdout is not None and self.process.stderr is not None
        self._pumps = [
            asyncio.create_task(self._pump(self.process.stdout, "stdout")),
            asyncio.create_task(self._pump(self.process.stderr, "stderr")),
        ]
        try:
            message = await asyncio.wait_for(self._read_message(), timeout)
        except TimeoutError:
            await self.stop()
            return timeout_error(timeout)
        if message is None:
            error = await self._exit_error("before its handler was loaded")
            await self.stop()
            return error
        if "initError" in message:
            await self.stop()
            self.init_error = dict(message["initError"])
            return self.init_error
        return None

    async def invoke(
        self, event: Any, context: dict[str, Any], timeout: float
    ) -> InvocationOutcome:
        """Send one event and wait for its reply, killing the process when `timeout` passes."""
        request_id = str(context.get("awsRequestId", ""))
        started = time.perf_counter()
        outcome = InvocationOutcome(request_id=request_id, pid=self.pid)
        if not self.alive or self._writer is None:
            outcome.error = _runtime_error(
                "Runtime.ExitError", f"Function {self.function_name}: the runtime is not running"
            )
            return outcome
        self._next_id += 1
        message_id = self._next_id
        try:
            line = json.dumps({"id": message_id, "event": event, "context": context})
        except (TypeError, ValueError) as err:
            outcome.error = _runtime_error(
                "InvalidRequestContentException",
                f"Function {self.function_name}: the event is not JSON: {err}",
            )
            return outcome
        self._writer.write(line.encode("utf-8") + b"\n")
        try:
            await self._writer.drain()
            reply = await asyncio.wait_for(self._read_reply(message_id), timeout)
        except TimeoutError:
            await self.stop()
            outcome.error = timeout_error(timeout)
        except ConnectionError:
            outcome.error = await self._exit_error("during the invocation")
            await self.stop()
        else:
            if reply is None:
                outcome.error = await self._exit_error("during the invocation")
                await self.stop()
            elif "error" in reply:
                outcome.error = dict(reply["error"])
            else:
                outcome.result = reply.get("result")
        await _let_output_through()
        outcome.duration_ms = (time.perf_counter() - started) * 1000
        return outcome

    async def stop(self) -> None:
        """Kill the process group and wait until the process and its output are gone."""
        process = self.process
        self._close_channel()
        if process is not None:
            # the whole group, even when the bootstrap already exited: a handler's children
            # (spawned processes, daemons) must not outlive the mock
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        if process is not None:
            await process.wait()
        if self._pumps:
            await self._wait_for_pumps(2)
            for pump in self._pumps:
                pump.cancel()
            self._pumps = []

    def kill_now(self) -> None:
        """Kill the process group without waiting (a shutdown out of time)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)

    async def close_gracefully(self, grace: float = 2.0) -> None:
        """Close the protocol channel so the bootstrap exits by itself, then make sure."""
        self._close_channel()
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), grace)
        await self.stop()

    def _close_channel(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    async def _wait_for_pumps(self, timeout: float) -> None:
        """Give the output pumps up to `timeout` seconds to forward what the process printed."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*self._pumps, return_exceptions=True), timeout)

    async def _read_message(self) -> dict[str, Any] | None:
        assert self._reader is not None
        try:
            raw = await self._reader.readline()
        except (ValueError, asyncio.LimitOverrunError, ConnectionError):
            return None
        if not raw:
            return None
        try:
            message = json.loads(raw)
        except ValueError:
            return None
        return message if isinstance(message, dict) else None

    async def _read_reply(self, message_id: int) -> dict[str, Any] | None:
        while True:
            message = await self._read_message()
            if message is None or message.get("id") == message_id:
                return message

    async def _exit_error(self, when: str) -> dict[str, Any]:
        process = self.process
        code: int | None = None
        if process is not None:
            with contextlib.suppress(TimeoutError):
                code = await asyncio.wait_for(process.wait(), 2)
        await self._wait_for_pumps(1)
        if code is None:
            status = "the protocol channel closed"
        elif code < 0:
            status = f"signal: {signal.Signals(-code).name.lower().removeprefix('sig')}"
        else:
            status = f"exit status {code}"
        return {
            "errorType": "Runtime.ExitError",
            "errorMessage": f"Function {self.function_name}: Runtime exited with error: "
            f"{status} ({when})",
            "stackTrace": list(self._stderr_tail),
        }

    async def _pump(self, stream: asyncio.StreamReader, name: str) -> None:
        while True:
            try:
                raw = await stream.readline()
            except (ValueError, asyncio.LimitOverrunError):
                raw = await stream.read(65536)
            if not raw:
                return
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if name == "stderr":
                self._stderr_tail.append(line)
            try:
                self.sink(self.function_name, name, line)
            except Exception:  # a broken sink must not stop the pump (and block the child)
                LOG.exception("output sink failed for %s", self.function_name)


async def _let_output_through() -> None:
    """Let the pumps forward what the handler printed before its reply arrived."""
    for _ in range(3):
        await asyncio.sleep(0)


def _runtime_error(error_type: str, message: str) -> dict[str, Any]:
    return {"errorType": error_type, "errorMessage": message, "stackTrace": []}
