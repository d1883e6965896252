"""The AWS_LAMBDA data source: Invoke, BatchInvoke, errors, a two-function @function pipeline."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.simulators.lambda_ import LambdaRunner
from resolvers.data_sources.base import create_data_source
from resolvers.data_sources.lambda_ import LambdaDataSource, LambdaInvokeError
from resolvers.errors import DataSourceError
from tests.simulators.lambda_.project import add_function, write_project


class FakeInvoker:
    """Records calls and answers with a function of the payload (or raises)."""

    def __init__(self, answer: Any = None, error: LambdaInvokeError | None = None) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.answer = answer
        self.error = error

    async def invoke(self, function_name: str, payload: Any) -> Any:
        self.calls.append((function_name, payload))
        if self.error is not None:
            raise self.error
        return self.answer(payload) if callable(self.answer) else self.answer


def invoke_request(payload: Any) -> dict[str, Any]:
    return {"version": "2018-05-29", "operation": "Invoke", "payload": payload}


async def test_lambda_data_source_invoke_sends_payload_returns_result() -> None:
    invoker = FakeInvoker(answer=lambda p: {"got": p})
    source = LambdaDataSource("EchoLambdaDataSource", function_name="echo-dev", invoker=invoker)
    assert await source.invoke(invoke_request({"a": 1})) == {"got": {"a": 1}}
    assert invoker.calls == [("echo-dev", {"a": 1})]


async def test_lambda_data_source_is_registered_as_aws_lambda() -> None:
    source = create_data_source(
        "AWS_LAMBDA", "EchoLambdaDataSource", function_name="echo", invoker=FakeInvoker(1)
    )
    assert isinstance(source, LambdaDataSource)
    assert (source.type, source.name) == ("AWS_LAMBDA", "EchoLambdaDataSource")


async def test_lambda_data_source_function_error_is_lambda_unhandled() -> None:
    invoker = FakeInvoker(error=LambdaInvokeError("TypeError", "x is not a function"))
    source = LambdaDataSource("Ds", function_name="fn", invoker=invoker)
    with pytest.raises(DataSourceError) as caught:
        await source.invoke(invoke_request({}))
    assert (caught.value.error_type, caught.value.message) == (
        "Lambda:Unhandled",
        "x is not a function",
    )


async def test_lambda_data_source_unknown_operation_is_rejected() -> None:
    source = LambdaDataSource("Ds", function_name="fn", invoker=FakeInvoker(1))
    with pytest.raises(DataSourceError) as caught:
        await source.invoke({"version": "2018-05-29", "operation": "GetItem"})
    assert (caught.value.error_type, caught.value.message) == (
        "MappingTemplate",
        "Unsupported operation 'GetItem' for Lambda data source 'Ds' "
        "(expected 'Invoke' or 'BatchInvoke').",
    )


async def test_lambda_data_source_event_invocation_returns_null_at_once() -> None:
    invoker = FakeInvoker(answer="ignored")
    source = LambdaDataSource("Ds", function_name="fn", invoker=invoker)
    request = {**invoke_request({"n": 1}), "invocationType": "Event"}
    assert await source.invoke(request) is None
    for _ in range(5):
        await asyncio.sleep(0)
    assert invoker.calls == [("fn", {"n": 1})]


async def test_lambda_data_source_batch_invoke_sends_one_list() -> None:
    invoker = FakeInvoker(answer=lambda payloads: [p["id"] * 10 for p in payloads])
    source = LambdaDataSource("Ds", function_name="fn", invoker=invoker, max_batch_size=5)
    requests = [
        {"version": "2018-05-29", "operation": "BatchInvoke", "payload": {"id": i}}
        for i in range(3)
    ]
    results = await asyncio.gather(*(source.invoke(r) for r in requests))
    assert results == [0, 10, 20]
    assert invoker.calls == [("fn", [{"id": 0}, {"id": 1}, {"id": 2}])]


async def test_lambda_data_source_batch_invoke_respects_max_batch_size() -> None:
    invoker = FakeInvoker(answer=lambda payloads: [p["id"] for p in payloads])
    source = LambdaDataSource("Ds", function_name="fn", invoker=invoker, max_batch_size=2)
    requests = [{"operation": "BatchInvoke", "payload": {"id": i}} for i in range(5)]
    assert await asyncio.gather(*(source.invoke(r) for r in requests)) == [0, 1, 2, 3, 4]
    assert [len(payload) for _, payload in invoker.calls] == [2, 2, 1]


async def test_lambda_data_source_batch_invoke_wrong_length_fails_every_field() -> None:
    source = LambdaDataSource("Ds", function_name="fn", invoker=FakeInvoker(answer=[1]))
    requests = [{"operation": "BatchInvoke", "payload": {"id": i}} for i in range(2)]
    results = await asyncio.gather(*(source.invoke(r) for r in requests), return_exceptions=True)
    assert all(isinstance(r, DataSourceError) for r in results)
    assert str(results[0]) == (
        "Lambda 'fn' returned 1 results for a BatchInvoke of 2 payloads; a batched function "
        "must return a list of the same length."
    )


def function_event(field: str, arguments: dict[str, Any], prev: Any) -> dict[str, Any]:
    """The payload graphql-function-transformer's request template renders."""
    return {
        "typeName": "Query",
        "fieldName": field,
        "arguments": arguments,
        "identity": None,
        "source": None,
        "request": {"headers": {"x-api-key": "da2-fakeApiId123456"}},
        "prev": prev,
    }


async def test_lambda_data_source_function_pipeline_of_two_real_functions(tmp_path: Path) -> None:
    project = write_project(tmp_path / "app")
    add_function(
        project,
        "echo",
        {"src/index.js": "exports.handler = async (event) => event.arguments.msg;\n"},
    )
    add_function(
        project,
        "shout",
        {
            "src/index.py": (
                "def handler(event, context):\n    return event['prev']['result'].upper() + '!'\n"
            )
        },
    )
    async with LambdaRunner(project) as runner:
        first = LambdaDataSource("EchoLambdaDataSource", function_name="echo-dev", invoker=runner)
        second = LambdaDataSource(
            "ShoutLambdaDataSource", function_name="shout-dev", invoker=runner
        )
        arguments = {"msg": "hi"}
        result = await first.invoke(
            invoke_request(function_event("shout", arguments, {"result": {}}))
        )
        result = await second.invoke(
            invoke_request(function_event("shout", arguments, {"result": result}))
        )
    assert result == "HI!"


async def test_lambda_data_source_real_function_error_reaches_graphql_shape(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path / "app")
    source = "exports.handler = async () => { throw new Error('Word count failed'); };\n"
    add_function(project, "wordCount", {"src/index.js": source})
    async with LambdaRunner(project) as runner:
        data_source = LambdaDataSource("Ds", function_name="wordCount-dev", invoker=runner)
        with pytest.raises(DataSourceError) as caught:
            await data_source.invoke(invoke_request({}))
    assert (caught.value.error_type, caught.value.message) == (
        "Lambda:Unhandled",
        "Word count failed",
    )
