"""LambdaRunner with real Node.js and Python handlers: results, callbacks, errors, context."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

import pytest

from amplify_mock.simulators.lambda_ import LambdaRunner
from resolvers.data_sources.lambda_ import LambdaInvokeError
from tests.simulators.lambda_.conftest import OutputLines
from tests.simulators.lambda_.project import add_function

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

NODE_HANDLERS = {
    "sync": "exports.handler = (event) => ({ echo: event.value, kind: 'sync' });",
    "async": (
        "exports.handler = async (event) => {\n"
        "  await new Promise((r) => setTimeout(r, 5));\n"
        "  return { echo: event.value, kind: 'async' };\n"
        "};"
    ),
    "callback": (
        "exports.handler = function (event, context, callback) {\n"
        "  setTimeout(() => callback(null, { echo: event.value, kind: 'callback' }), 5);\n"
        "};"
    ),
    "succeed": (
        "exports.handler = function (event, context) {\n"
        "  setTimeout(() => context.succeed({ echo: event.value, kind: 'succeed' }), 5);\n"
        "};"
    ),
    "done": (
        "exports.handler = function (event, context) {\n"
        "  setTimeout(() => context.done(null, { echo: event.value, kind: 'done' }), 5);\n"
        "};"
    ),
}


@pytest.mark.parametrize("kind", sorted(NODE_HANDLERS), ids=sorted(NODE_HANDLERS))
async def test_runner_node_handler_styles_return_result(
    runner: LambdaRunner, project: Path, kind: str
) -> None:
    add_function(project, "fn", {"src/index.js": NODE_HANDLERS[kind]})
    assert await runner.invoke("fn", {"value": 42}) == {"echo": 42, "kind": kind}


async def test_runner_node_callback_without_result_returns_null(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(
        project, "fn", {"src/index.js": "exports.handler = function (e, c, cb) { cb(); };"}
    )
    assert await runner.invoke("fn", {}) is None


async def test_runner_node_handler_without_callback_call_returns_null_when_loop_drains(
    runner: LambdaRunner, project: Path
) -> None:
    source = "exports.handler = function (e, c, cb) { setTimeout(() => {}, 5); };"
    add_function(project, "fn", {"src/index.js": source})
    assert await runner.invoke("fn", {}) is None


async def test_runner_python_sync_handler_returns_result(
    runner: LambdaRunner, project: Path
) -> None:
    source = "def handler(event, context):\n    return {'echo': event['value'], 'kind': 'sync'}\n"
    add_function(project, "pyfn", {"src/index.py": source})
    assert await runner.invoke("pyfn", {"value": 7}) == {"echo": 7, "kind": "sync"}


async def test_runner_python_async_handler_returns_result(
    runner: LambdaRunner, project: Path
) -> None:
    source = (
        "import asyncio\n"
        "async def handler(event, context):\n"
        "    await asyncio.sleep(0.005)\n"
        "    return [event['value'], 'async']\n"
    )
    add_function(project, "pyfn", {"src/index.py": source})
    assert await runner.invoke("pyfn", {"value": 7}) == [7, "async"]


async def test_runner_node_thrown_error_is_lambda_error(
    runner: LambdaRunner, project: Path
) -> None:
    source = "exports.handler = async () => { throw new TypeError('bad input'); };"
    add_function(project, "fn", {"src/index.js": source})
    with pytest.raises(LambdaInvokeError) as caught:
        await runner.invoke("fn", {})
    assert (caught.value.error_type, caught.value.message) == ("TypeError", "bad input")
    assert any("index.js" in line for line in caught.value.stack_trace)


async def test_runner_node_callback_error_is_lambda_error(
    runner: LambdaRunner, project: Path
) -> None:
    source = "exports.handler = (e, c, cb) => { cb(new Error('nope')); };"
    add_function(project, "fn", {"src/index.js": source})
    outcome = await runner.invoke_detailed("fn", {})
    assert outcome.error is not None
    assert (outcome.error["errorType"], outcome.error["errorMessage"]) == ("Error", "nope")


async def test_runner_node_string_error_keeps_its_type(runner: LambdaRunner, project: Path) -> None:
    source = "exports.handler = (e, c, cb) => { cb('plain failure'); };"
    add_function(project, "fn", {"src/index.js": source})
    outcome = await runner.invoke_detailed("fn", {})
    assert outcome.error == {
        "errorType": "string",
        "errorMessage": "plain failure",
        "stackTrace": [],
    }


async def test_runner_python_exception_is_lambda_error(runner: LambdaRunner, project: Path) -> None:
    source = "def handler(event, context):\n    raise ValueError('missing id')\n"
    add_function(project, "pyfn", {"src/index.py": source})
    outcome = await runner.invoke_detailed("pyfn", {})
    assert outcome.error is not None
    assert outcome.error["errorType"] == "ValueError"
    assert outcome.error["errorMessage"] == "missing id"
    assert any("index.py" in line for line in outcome.error["stackTrace"])


async def test_runner_node_context_has_lambda_fields(runner: LambdaRunner, project: Path) -> None:
    source = (
        "exports.handler = async (e, context) => ({\n"
        "  functionName: context.functionName, awsRequestId: context.awsRequestId,\n"
        "  arn: context.invokedFunctionArn, memory: context.memoryLimitInMB,\n"
        "  remaining: context.getRemainingTimeInMillis(),\n"
        "});"
    )
    add_function(project, "fn", {"src/index.js": source}, timeout=7)
    result = await runner.invoke("fn", {})
    assert result["functionName"] == "fn"
    assert UUID.match(result["awsRequestId"])
    assert result["arn"] == "arn:aws:lambda:us-east-1:123456789012:function:fn"
    assert result["memory"] == "128"
    assert 0 < result["remaining"] <= 7000


async def test_runner_python_context_has_lambda_fields(runner: LambdaRunner, project: Path) -> None:
    source = (
        "def handler(event, context):\n"
        "    return {'name': context.function_name, 'id': context.aws_request_id,\n"
        "            'arn': context.invoked_function_arn,\n"
        "            'memory': context.memory_limit_in_mb,\n"
        "            'remaining': context.get_remaining_time_in_millis()}\n"
    )
    add_function(project, "pyfn", {"src/index.py": source})
    result = await runner.invoke("pyfn", {})
    assert result["name"] == "pyfn"
    assert UUID.match(result["id"])
    assert result["arn"] == "arn:aws:lambda:us-east-1:123456789012:function:pyfn"
    assert result["memory"] == "128"
    assert 0 < result["remaining"] <= 10000


async def test_runner_handler_output_goes_to_sink_not_protocol(
    runner: LambdaRunner, project: Path, output: OutputLines
) -> None:
    source = (
        "exports.handler = async () => {\n"
        '  console.log(\'{"id": 1, "result": "fake"}\');\n'
        "  process.stdout.write('no newline');\n"
        "  console.error('to stderr');\n"
        "  return 'real';\n"
        "};"
    )
    add_function(project, "fn", {"src/index.js": source})
    assert await runner.invoke("fn", {}) == "real"
    await runner.close()
    assert ("fn", "stdout", '{"id": 1, "result": "fake"}') in output.lines
    assert ("fn", "stderr", "to stderr") in output.lines
    assert ("fn", "stdout", "no newline") in output.lines


async def test_runner_default_sink_prints_prefixed_lines_on_the_same_stream(
    project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    source = "exports.handler = async () => { console.log('out'); console.error('err'); return 1 };"
    add_function(project, "fn", {"src/index.js": source})
    default_runner = LambdaRunner(project)
    try:
        assert await default_runner.invoke("fn", {}) == 1
    finally:
        await default_runner.close()
    captured = capfd.readouterr()
    assert "[fn] out\n" in captured.out
    assert "[fn] err\n" in captured.err


async def test_runner_python_print_goes_to_sink(
    runner: LambdaRunner, project: Path, output: OutputLines
) -> None:
    source = "def handler(event, context):\n    print('hello from python')\n    return 1\n"
    add_function(project, "pyfn", {"src/index.py": source})
    assert await runner.invoke("pyfn", {}) == 1
    await runner.close()
    assert ("pyfn", "stdout", "hello from python") in output.lines


async def test_runner_handler_string_and_runtime_come_from_template(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(
        project,
        "fn",
        {"src/lib/app.js": "exports.main = async () => 'from app.main';"},
        handler="lib/app.main",
    )
    assert await runner.invoke("fn", {}) == "from app.main"


async def test_runner_esm_module_handler(runner: LambdaRunner, project: Path) -> None:
    source = "export const handler = async (event) => ({ esm: event.n + 1 });\n"
    add_function(project, "fn", {"src/index.mjs": source})
    assert await runner.invoke("fn", {"n": 1}) == {"esm": 2}


async def test_runner_resolves_deployed_name_with_env_suffix(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(project, "wordCount", {"src/index.js": "exports.handler = async () => 3;"})
    assert await runner.invoke("wordCount-dev", {}) == 3
    arn = "arn:aws:lambda:us-east-1:123456789012:function:wordCount-dev"
    assert await runner.invoke(arn, {}) == 3


async def test_runner_accepts_relative_project_root(project: Path) -> None:
    add_function(project, "fn", {"src/index.js": "exports.handler = async () => 'relative';"})
    relative = Path(os.path.relpath(project, Path.cwd()))
    async with LambdaRunner(relative) as runner:
        assert await runner.invoke("fn", {}) == "relative"


async def test_runner_concurrent_invocations_each_get_their_result(
    runner: LambdaRunner, project: Path
) -> None:
    source = (
        "exports.handler = async (event) => {\n"
        "  await new Promise((r) => setTimeout(r, 5 - event.n));\n"
        "  return event.n;\n"
        "};"
    )
    add_function(project, "fn", {"src/index.js": source})
    add_function(project, "py", {"src/index.py": "def handler(e, c):\n    return -e['n']\n"})
    calls = [runner.invoke("fn", {"n": n}) for n in range(5)]
    calls += [runner.invoke("py", {"n": n}) for n in range(5)]
    assert await asyncio.gather(*calls) == [0, 1, 2, 3, 4, 0, -1, -2, -3, -4]


async def test_runner_large_payload_round_trips(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "fn", {"src/index.js": "exports.handler = async (e) => e;"})
    payload = {"blob": "x" * 3_000_000, "unicode": "héllo ✓"}
    assert await runner.invoke("fn", payload) == payload
