"""amplify-mock Python Lambda worker: loads one handler once, then serves invocations.

Runs as a script under the function's Python, never imported by amplify-mock. The protocol is
JSON lines over the socket whose fd is argv[1] (see bootstrap.js); stdout and stderr stay the
handler's own. argv: fd, task root, handler, function name, extra sys.path folders...
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import os
import socket
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

Handler = Callable[[Any, Any], Any]


class LambdaContext:
    """The `context` object of the Python runtime, with its attribute names."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.function_name: str = raw.get("functionName", "")
        self.function_version: str = raw.get("functionVersion", "$LATEST")
        self.invoked_function_arn: str = raw.get("invokedFunctionArn", "")
        self.memory_limit_in_mb: str = str(raw.get("memoryLimitInMB", "128"))
        self.aws_request_id: str = raw.get("awsRequestId", "")
        self.log_group_name: str = raw.get("logGroupName", "")
        self.log_stream_name: str = raw.get("logStreamName", "")
        self.identity: Any = raw.get("identity")
        self.client_context: Any = raw.get("clientContext")
        self._deadline_ms: int = int(raw.get("deadlineMs", 0))

    def get_remaining_time_in_millis(self) -> int:
        return max(0, self._deadline_ms - int(time.time() * 1000))


class InitError(Exception):
    def __init__(self, error_type: str, message: str, stack: list[str] | None = None) -> None:
        super().__init__(message)
        self.payload = {"errorType": error_type, "errorMessage": message, "stackTrace": stack or []}


def lambda_error(err: BaseException) -> dict[str, Any]:
    stack = traceback.format_list(traceback.extract_tb(err.__traceback__))
    return {"errorMessage": str(err), "errorType": type(err).__name__, "stackTrace": stack}


def load_handler(task_root: str, spec: str, function_name: str) -> Handler:
    directory, _, base = spec.rpartition("/")
    module_name, _, attribute = base.rpartition(".")
    if not module_name or not attribute:
        raise InitError(
            "Runtime.MalformedHandlerName",
            f'Function {function_name}: bad handler "{spec}" '
            '(expected "<module>.<function>", e.g. "index.handler")',
        )
    root = os.path.join(task_root, directory) if directory else task_root
    sys.path.insert(0, root)
    file = os.path.join(root, *module_name.split(".")) + ".py"
    if not os.path.exists(file) and not os.path.isdir(os.path.join(root, *module_name.split("."))):
        raise InitError(
            "Runtime.ImportModuleError",
            f'Function {function_name}: cannot find module {file} for handler "{spec}"',
        )
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as err:
        raise InitError(
            "Runtime.UserCodeSyntaxError",
            f"Function {function_name}: syntax error in {err.filename}:{err.lineno}: {err.msg}",
        ) from err
    except Exception as err:  # the module's own import-time failure
        detail = lambda_error(err)
        raise InitError(
            "Runtime.ImportModuleError",
            f"Function {function_name}: loading {file} failed: "
            f"{detail['errorType']}: {detail['errorMessage']}",
            detail["stackTrace"],
        ) from err
    handler = getattr(module, attribute, None)
    if not callable(handler):
        raise InitError(
            "Runtime.HandlerNotFound",
            f"Function {function_name}: handler '{attribute}' missing on module "
            f"'{module_name}' (file {file})",
        )
    return handler  # type: ignore[no-any-return]


def run_handler(handler: Handler, event: Any, context: LambdaContext) -> Any:
    result = handler(event, context)
    if inspect.isawaitable(result):

        async def wait() -> Any:
            return await result

        result = asyncio.run(wait())
    return result


def reply(channel: Any, message: dict[str, Any]) -> None:
    channel.write(json.dumps(message).encode("utf-8") + b"\n")
    channel.flush()


def serve(request: dict[str, Any], handler: Handler, function_name: str, channel: Any) -> None:
    request_id = request.get("id")
    try:
        result = run_handler(handler, request.get("event"), LambdaContext(request["context"]))
    except Exception as err:
        reply(channel, {"id": request_id, "error": lambda_error(err)})
        return
    try:
        text = json.dumps({"id": request_id, "result": result})
    except (TypeError, ValueError) as err:
        reply(
            channel,
            {
                "id": request_id,
                "error": {
                    "errorType": "Runtime.MarshalError",
                    "errorMessage": f"Function {function_name}: unable to marshal the "
                    f"handler's response as JSON: {err}",
                    "stackTrace": [],
                },
            },
        )
        return
    channel.write(text.encode("utf-8") + b"\n")
    channel.flush()


def main() -> None:
    fd, task_root, spec, function_name, *extra_paths = sys.argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sock = socket.socket(fileno=int(fd))
    reader = sock.makefile("rb")
    writer = sock.makefile("wb")
    for folder in reversed(extra_paths):
        sys.path.insert(0, folder)
    try:
        handler = load_handler(task_root, spec, function_name)
    except InitError as err:
        reply(writer, {"initError": err.payload})
        return
    except Exception as err:
        reply(writer, {"initError": lambda_error(err)})
        return
    reply(writer, {"ready": True})
    for line in reader:
        if line.strip():
            serve(json.loads(line), handler, function_name, writer)
            sys.stdout.flush()
            sys.stderr.flush()


if __name__ == "__main__":
    main()
