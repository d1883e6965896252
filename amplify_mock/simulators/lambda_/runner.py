"""`LambdaRunner`: runs the project's functions in warm (or fresh) worker processes.

Not emulated: concurrency (one worker per function serves invocations one after another),
memory limits, layers, provisioned concurrency, and runtimes other than Node.js and Python.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import shutil
import sys
import time
import uuid
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from amplify_mock.simulators.lambda_.build import python_packages_dir
from amplify_mock.simulators.lambda_.config import (
    FunctionConfig,
    function_dir,
    list_functions,
    load_function_config,
)
from amplify_mock.simulators.lambda_.environment import build_environment
from amplify_mock.simulators.lambda_.errors import FunctionNotFoundError, LambdaRunnerError
from amplify_mock.simulators.lambda_.parameters import (
    MOCK_API_KEY,
    MOCK_API_PORT,
    ProjectSettings,
    default_parameters,
)
from amplify_mock.simulators.lambda_.worker import (
    InvocationOutcome,
    OutputSink,
    Worker,
    log_output,
)
from resolvers.data_sources.lambda_ import LambdaInvokeError

__all__ = ["DEFAULT_TIMEOUT_SECONDS", "FunctionCatalog", "LambdaRunner", "ParameterSource"]

LOG = logging.getLogger(__name__)

#: `amplify mock function`'s timeout when neither the template nor the caller sets one.
DEFAULT_TIMEOUT_SECONDS = 10.0

#: Lambda's limit for loading a handler (the init phase), separate from the invoke timeout.
INIT_TIMEOUT_SECONDS = 10.0

RUNTIME_DIR = Path(__file__).resolve().parent / "runtime"

#: Resolved CloudFormation parameter values, or a function of the function name giving them.
ParameterSource = Mapping[str, Any] | Callable[[str], Mapping[str, Any]]

_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", ".git", ".venv"})


class FunctionCatalog(Protocol):
    """Where the functions come from when they are not Gen 1 `amplify/backend/function/`
    folders (Gen 2 `defineFunction`s): names, resolved configs and change fingerprints."""

    region: str

    def names(self) -> list[str]: ...

    def find(self, function_name: str) -> str | None:
        """The catalog's name for `function_name` (a name or deployed name), or None."""
        ...

    def location(self, name: str) -> Path:
        """Where the function `name` would be defined (for the not-found message)."""
        ...

    def config(self, name: str) -> FunctionConfig:
        """:raises LambdaRunnerError: the function cannot be built or loaded."""
        ...

    def fingerprint(self, name: str) -> object:
        """Changes whenever the function's code or settings change (a new worker then)."""
        ...


class LambdaRunner:
    """Invokes `amplify/backend/function/<name>/` handlers; implements `LambdaInvoker`.

    One long-lived worker per function keeps module state between invocations as a warm
    Lambda container does; it is replaced when the function's source, template or `.env`
    changes, or after `invalidate`. With `fresh=True` every invocation gets a new process.
    `parameters` are merged over the values read from the project files (see
    `parameters.default_parameters`); `exports` answers `Fn::ImportValue`.
    """

    def __init__(
        self,
        project_root: Path,
        *,
        parameters: ParameterSource | None = None,
        exports: Mapping[str, Any] | None = None,
        api_endpoint: str = f"http://localhost:{MOCK_API_PORT}/graphql",
        api_key: str = MOCK_API_KEY,
        fresh: bool = False,
        timeout: float | None = None,
        output: OutputSink | None = None,
        node_executable: str | None = None,
        python_executable: str | None = None,
        extra_environment: Mapping[str, str] | None = None,
        catalog: FunctionCatalog | None = None,
    ) -> None:
        self.project_root = Path(project_root).resolve()
        self.catalog = catalog
        self.parameters = parameters
        self.exports: Mapping[str, Any] = exports if exports is not None else {}
        self.api_endpoint = api_endpoint
        self.api_key = api_key
        self.fresh = fresh
        self.timeout = timeout
        self.output = output or log_output
        self.node_executable = node_executable or shutil.which("node") or "node"
        self.python_executable = python_executable or sys.executable
        self.extra_environment = dict(extra_environment or {})
        self._workers: dict[str, Worker] = {}
        #: Every worker started, for `kill_now` (weak: a stopped worker may go).
        self._started: weakref.WeakSet[Worker] = weakref.WeakSet()
        self._locks: dict[str, asyncio.Lock] = {}
        self._stale: set[str] = set()

    async def __aenter__(self) -> LambdaRunner:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    def function_names(self) -> list[str]:
        """The project's functions (folders with a `src/`, or the catalog's), sorted."""
        if self.catalog is not None:
            return sorted(self.catalog.names())
        return list_functions(self.project_root)

    def resolve_name(self, function_name: str) -> str:
        """The function folder for a name, an ARN, or a deployed name ending in `-<env>`.

        :raises FunctionNotFoundError: nothing matches.
        """
        candidates = [function_name]
        if function_name.startswith("arn:"):
            tail = function_name.split(":function:", 1)[-1].split("function/", 1)[-1]
            candidates.append(tail.split("/", 1)[0].split(":", 1)[0])
        for name in list(candidates):
            head, sep, _env = name.rpartition("-")
            if sep:
                candidates.append(head)
        if self.catalog is not None:
            for name in candidates:
                found = self.catalog.find(name) if name else None
                if found is not None:
                    return found
            raise FunctionNotFoundError(
                function_name, self.catalog.location(function_name), self.function_names()
            )
        for name in candidates:
            if name and function_dir(self.project_root, name).is_dir():
                return name
        raise FunctionNotFoundError(
            function_name, function_dir(self.project_root, function_name), self.function_names()
        )

    def function_parameters(self, name: str, settings: ProjectSettings) -> dict[str, Any]:
        """The parameter values `name`'s template is resolved with."""
        params = default_parameters(
            self.project_root,
            name,
            api_endpoint=self.api_endpoint,
            api_key=self.api_key,
            settings=settings,
        )
        if callable(self.parameters):
            params.update(self.parameters(name))
        elif self.parameters is not None:
            params.update(self.parameters)
        return params

    def load_config(self, function_name: str) -> FunctionConfig:
        """`function_name`'s resolved configuration.

        :raises LambdaRunnerError: the function is missing or its template is unusable.
        """
        return self._load(function_name)[0]

    def _load(self, function_name: str) -> tuple[FunctionConfig, dict[str, Any], ProjectSettings]:
        """The configuration with the parameters and project settings it was resolved from
        (a worker's region and account come from them: read once per spawn, not twice).

        :raises LambdaRunnerError: the function is missing or its template is unusable.
        """
        name = self.resolve_name(function_name)
        settings = ProjectSettings.read(self.project_root)
        if self.catalog is not None:
            return self.catalog.config(name), {"AWS::Region": self.catalog.region}, settings
        params = self.function_parameters(name, settings)
        config = load_function_config(self.project_root, name, params, exports=self.exports)
        return config, params, settings

    def invalidate(self, function_name: str | None = None) -> None:
        """Make the next invocation start a new worker (all functions when no name is given)."""
        names = [function_name] if function_name else list(self._workers)
        self._stale.update(names)

    def worker_pid(self, function_name: str) -> int | None:
        """The pid of the warm worker of a function, if one is running."""
        worker = self._workers.get(function_name)
        return worker.pid if worker is not None and worker.alive else None

    async def invoke(self, function_name: str, payload: Any) -> Any:
        """Run the function with `payload` as its event and return its result.

        :raises LambdaInvokeError: the function returned an error, timed out, crashed or
            could not be loaded (the function's `errorType` and `errorMessage`).
        """
        try:
            outcome = await self.invoke_detailed(function_name, payload)
        except LambdaRunnerError as err:
            raise LambdaInvokeError(err.error_type, err.message) from err
        if outcome.error is not None:
            raise LambdaInvokeError(
                str(outcome.error.get("errorType") or "Error"),
                str(outcome.error.get("errorMessage") or ""),
                stack_trace=[str(line) for line in outcome.error.get("stackTrace") or []],
            )
        return outcome.result

    async def invoke_detailed(
        self, function_name: str, payload: Any, *, timeout: float | None = None
    ) -> InvocationOutcome:
        """Run the function and return the whole outcome (result or error, request id, pid).

        :raises LambdaRunnerError: the function is missing or its template is unusable.
        """
        name = self.resolve_name(function_name)
        lock = self._locks.setdefault(name, asyncio.Lock())
        async with lock:
            if self.fresh:
                config, params, settings = self._load(name)
                seconds = self._timeout(config, timeout)
                worker, error = await self._spawn(
                    config, params, settings, seconds, fingerprint=None
                )
                if error is not None:
                    return self._failed(error, worker)
                try:
                    return await worker.invoke(
                        payload, self._context(worker, config, seconds), seconds
                    )
                finally:
                    await worker.stop()
            worker, config, error = await self._warm_worker(name, timeout)
            if error is not None:
                return self._failed(error, worker)
            seconds = self._timeout(config, timeout)
            outcome = await worker.invoke(payload, self._context(worker, config, seconds), seconds)
            if not worker.alive:
                self._workers.pop(name, None)
            return outcome

    async def close(self, grace: float = 0.5) -> None:
        """Stop every worker (the bootstraps exit when their channel closes), and kill the
        process group of every worker ever started, idle or busy, with its children."""
        workers, self._workers = list(self._workers.values()), {}
        try:
            await asyncio.gather(*(w.close_gracefully(grace) for w in workers))
        finally:
            self.kill_now()

    def kill_now(self) -> None:
        """Kill every worker's process group now (also those of fresh invocations)."""
        for worker in [*self._workers.values(), *self._started]:
            worker.kill_now()

    def _timeout(self, config: FunctionConfig, override: float | None) -> float:
        for value in (override, self.timeout, config.timeout):
            if value is not None and value > 0:
                return float(value)
        return DEFAULT_TIMEOUT_SECONDS

    @staticmethod
    def _failed(error: dict[str, Any], worker: Worker | None) -> InvocationOutcome:
        return InvocationOutcome(
            request_id="", error=error, pid=worker.pid if worker is not None else None
        )

    async def _warm_worker(
        self, name: str, timeout: float | None
    ) -> tuple[Worker, FunctionConfig, dict[str, Any] | None]:
        fingerprint = await asyncio.to_thread(self._fingerprint, name)
        worker = self._workers.get(name)
        if (
            worker is not None
            and worker.alive
            and worker.fingerprint == fingerprint
            and name not in self._stale
        ):
            assert worker.config is not None
            return worker, worker.config, None
        self._stale.discard(name)
        if worker is not None:
            del self._workers[name]
            await worker.close_gracefully(grace=0.5)
            LOG.info("Function %s changed; restarting its worker", name)
        config, params, settings = self._load(name)
        seconds = self._timeout(config, timeout)
        new_worker, error = await self._spawn(
            config, params, settings, seconds, fingerprint=fingerprint
        )
        if error is None:
            self._workers[name] = new_worker
        return new_worker, config, error

    async def _spawn(
        self,
        config: FunctionConfig,
        params: Mapping[str, Any],
        settings: ProjectSettings,
        timeout: float,
        *,
        fingerprint: object,
    ) -> tuple[Worker, dict[str, Any] | None]:
        region = str(params.get("AWS::Region") or settings.region)
        env = build_environment(config, region=region, extra=self.extra_environment)
        if config.language == "nodejs":
            command = [self.node_executable, str(RUNTIME_DIR / "bootstrap.js")]
            arguments = [str(config.src_dir), config.handler, config.name]
        else:
            command = [self.python_executable, "-u", "-B", str(RUNTIME_DIR / "bootstrap.py")]
            arguments = [str(config.src_dir), config.handler, config.name]
            packages = python_packages_dir(config)
            if packages.is_dir():
                arguments.append(str(packages))
        worker = Worker(
            config.name,
            command,
            arguments,
            cwd=config.src_dir if config.src_dir.is_dir() else config.function_dir,
            env=env,
            sink=self.output,
            fingerprint=fingerprint,
        )
        worker.config = config
        worker.region = region
        worker.account_id = str(params.get("AWS::AccountId") or settings.account_id)
        self._started.add(worker)
        error = await worker.start(max(timeout, INIT_TIMEOUT_SECONDS))
        return worker, error

    @staticmethod
    def _context(worker: Worker, config: FunctionConfig, timeout: float) -> dict[str, Any]:
        region, account = worker.region, worker.account_id
        now = dt.datetime.now(dt.UTC)
        return {
            "functionName": config.name,
            "functionVersion": "$LATEST",
            "invokedFunctionArn": f"arn:aws:lambda:{region}:{account}:function:{config.name}",
            "memoryLimitInMB": str(config.memory_size),
            "awsRequestId": str(uuid.uuid4()),
            "logGroupName": f"/aws/lambda/{config.name}",
            "logStreamName": f"{now:%Y/%m/%d}/[$LATEST]{uuid.uuid4().hex}",
            "deadlineMs": int(time.time() * 1000 + timeout * 1000),
        }

    def _fingerprint(self, name: str) -> object:
        """A cheap change detector: newest mtime and file count of everything the worker read."""
        if self.catalog is not None:
            return self.catalog.fingerprint(name)
        folder = function_dir(self.project_root, name)
        newest, count = 0, 0
        for path in (
            folder / f"{name}-cloudformation-template.json",
            folder / ".env",
            folder / "parameters.json",
        ):
            try:
                newest = max(newest, path.stat().st_mtime_ns)
                count += 1
            except OSError:
                pass
        stack = [folder / "src"]
        while stack:
            try:
                entries = list(os.scandir(stack.pop()))
            except OSError:
                continue
            for entry in entries:
                try:
                    newest = max(newest, entry.stat(follow_symlinks=False).st_mtime_ns)
                except OSError:
                    continue
                count += 1
                if entry.is_dir(follow_symlinks=False) and entry.name not in _SKIPPED_DIRS:
                    stack.append(Path(entry.path))
        return newest, count
