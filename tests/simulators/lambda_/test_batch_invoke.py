"""The AWS_LAMBDA data source's BatchInvoke when the invoker itself fails (not the function)."""

from __future__ import annotations

import asyncio
from typing import Any

from resolvers.data_sources.lambda_ import LambdaDataSource


class BrokenInvoker:
    """An invoker that fails before any function runs (e.g. a runtime that cannot start)."""

    async def invoke(self, function_name: str, payload: Any) -> Any:
        raise RuntimeError(f"cannot start {function_name}")


async def test_batch_invoke_invoker_failure_reaches_every_field_without_hanging() -> None:
    source = LambdaDataSource("Ds", function_name="fn", invoker=BrokenInvoker())
    requests = [{"operation": "BatchInvoke", "payload": {"id": i}} for i in range(2)]
    results = await asyncio.wait_for(
        asyncio.gather(*(source.invoke(r) for r in requests), return_exceptions=True), timeout=10
    )
    assert [(type(r), str(r)) for r in results] == [(RuntimeError, "cannot start fn")] * 2
