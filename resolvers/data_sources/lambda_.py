"""The AWS_LAMBDA data source: `Invoke` and `BatchInvoke` requests to an injected Lambda invoker.

Not emulated: the `version` check of the request (any version is accepted), Lambda
`invocationType: "Event"` delivery guarantees (the call is fired and forgotten).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Mapping
from typing import Any, Protocol

from resolvers.data_sources.base import UnsupportedOperationError, register_data_source_type
from resolvers.errors import DataSourceError

__all__ = ["LambdaDataSource", "LambdaInvokeError", "LambdaInvoker", "LambdaUnhandledError"]

LOG = logging.getLogger(__name__)

#: AppSync's errorType for any error a Lambda function returned.
UNHANDLED = "Lambda:Unhandled"

#: How many payloads one `BatchInvoke` call to the function carries at most (AppSync's default).
DEFAULT_MAX_BATCH_SIZE = 5


class LambdaInvokeError(Exception):
    """A Lambda invocation that ended in an error: the function's `errorType` and `errorMessage`.

    Raised by a `LambdaInvoker`; `stack_trace` is the function's `stackTrace` when it sent one.
    """

    def __init__(
        self, error_type: str, message: str, *, stack_trace: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stack_trace = stack_trace or []


class LambdaUnhandledError(DataSourceError):
    """What a resolver sees of a failed invocation (AppSync's `Lambda:Unhandled`)."""

    error_type = UNHANDLED


class LambdaInvoker(Protocol):
    """Runs a Lambda function with a JSON payload and returns its JSON result."""

    async def invoke(self, function_name: str, payload: Any) -> Any: ...


class _Batch:
    """Payloads waiting for one `BatchInvoke` call, each with the future of its own result."""

    def __init__(self) -> None:
        self.payloads: list[Any] = []
        self.futures: list[asyncio.Future[Any]] = []

    def fail(self, error: BaseException) -> None:
        """Every waiting field gets `error`; left unset, they would wait forever."""
        for future in self.futures:
            if not future.done():
                future.set_exception(error)


class LambdaDataSource:
    """An AppSync Lambda data source bound to one function.

    `Invoke` sends the request's `payload` as the event and returns the function's result.
    `BatchInvoke` collects the payloads of the fields resolved in the same event-loop turn
    (up to `max_batch_size`), sends them as one list, and hands each caller the element at
    its index, as AppSync does for batched resolvers.
    """

    type = "AWS_LAMBDA"

    def __init__(
        self,
        name: str,
        *,
        function_name: str,
        invoker: LambdaInvoker,
        max_batch_size: int = DEFAULT_MAX_BATCH_SIZE,
        **_config: Any,
    ) -> None:
        self.name = name
        self.function_name = function_name
        self.invoker = invoker
        self.max_batch_size = max(1, max_batch_size)
        self._batch: _Batch | None = None
        self._background: set[asyncio.Task[Any]] = set()

    async def invoke(self, request: Mapping[str, Any]) -> Any:
        """Run the request template's operation.

        :raises LambdaUnhandledError: `Lambda:Unhandled` with the function's `errorMessage`.
        :raises UnsupportedOperationError: an operation neither `Invoke` nor `BatchInvoke`.
        """
        operation = request.get("operation")
        payload = request.get("payload")
        if operation == "Invoke":
            if request.get("invocationType") == "Event":
                self._fire_and_forget(payload)
                return None
            return await self._call(payload)
        if operation == "BatchInvoke":
            return await self._enqueue(payload)
        raise UnsupportedOperationError(
            f"Unsupported operation {operation!r} for Lambda data source {self.name!r} "
            "(expected 'Invoke' or 'BatchInvoke')."
        )

    async def _call(self, payload: Any) -> Any:
        try:
            return await self.invoker.invoke(self.function_name, payload)
        except LambdaInvokeError as err:
            raise LambdaUnhandledError(err.message) from err

    def _fire_and_forget(self, payload: Any) -> None:
        async def run() -> None:
            try:
                await self.invoker.invoke(self.function_name, payload)
            except LambdaInvokeError as err:
                LOG.warning("Lambda %s (Event invocation) failed: %s", self.function_name, err)

        self._in_background(run())

    def _in_background(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run `coroutine` as a task this data source holds until it ends (the loop keeps
        only a weak reference to a task)."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _enqueue(self, payload: Any) -> Any:
        loop = asyncio.get_running_loop()
        batch = self._batch
        if batch is None:
            batch = self._batch = _Batch()
            loop.call_soon(self._schedule_flush, batch, 3)
        future: asyncio.Future[Any] = loop.create_future()
        batch.payloads.append(payload)
        batch.futures.append(future)
        if len(batch.payloads) >= self.max_batch_size:
            self._start_flush(batch)
        return await future

    def _schedule_flush(self, batch: _Batch, turns_left: int) -> None:
        """Give other resolvers a few loop turns to join the batch before it is sent."""
        if self._batch is not batch:
            return
        if turns_left > 0:
            asyncio.get_running_loop().call_soon(self._schedule_flush, batch, turns_left - 1)
            return
        self._start_flush(batch)

    def _start_flush(self, batch: _Batch) -> None:
        if self._batch is batch:
            self._batch = None
        self._in_background(self._flush(batch))

    async def _flush(self, batch: _Batch) -> None:
        try:
            results = await self.invoker.invoke(self.function_name, batch.payloads)
        except LambdaInvokeError as err:
            batch.fail(LambdaUnhandledError(err.message))
            return
        except Exception as err:
            batch.fail(err)  # as `Invoke` lets it propagate
            return
        if not isinstance(results, list) or len(results) != len(batch.payloads):
            count = len(results) if isinstance(results, list) else "a non-list"
            batch.fail(
                LambdaUnhandledError(
                    f"Lambda {self.function_name!r} returned {count} results for a BatchInvoke "
                    f"of {len(batch.payloads)} payloads; a batched function must return a list "
                    "of the same length."
                )
            )
            return
        for future, result in zip(batch.futures, results, strict=True):
            if not future.done():
                future.set_result(result)


register_data_source_type(LambdaDataSource.type, LambdaDataSource)
