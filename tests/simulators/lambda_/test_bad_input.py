"""Functions that cannot run: clear errors naming the function and the file, never a hang."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amplify_mock.simulators.lambda_ import LambdaRunner
from amplify_mock.simulators.lambda_.errors import (
    FunctionConfigError,
    FunctionNotFoundError,
    UnsupportedRuntimeError,
)
from resolvers.data_sources.lambda_ import LambdaInvokeError
from tests.simulators.lambda_.project import add_function


def src(project: Path, name: str) -> Path:
    return project / "amplify" / "backend" / "function" / name / "src"


async def test_runner_node_missing_export_is_handler_not_found(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(project, "fn", {"src/index.js": "exports.other = () => 1;"})
    outcome = await runner.invoke_detailed("fn", {})
    assert outcome.error == {
        "errorType": "Runtime.HandlerNotFound",
        "errorMessage": "Function fn: index.handler is undefined or not exported "
        f"(file {src(project, 'fn') / 'index.js'})",
        "stackTrace": [],
    }


async def test_runner_node_missing_file_is_import_module_error(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(project, "fn", {"src/other.js": "exports.handler = () => 1;"})
    outcome = await runner.invoke_detailed("fn", {})
    assert outcome.error == {
        "errorType": "Runtime.ImportModuleError",
        "errorMessage": f"Function fn: cannot find module {src(project, 'fn') / 'index'}.js "
        'for handler "index.handler"',
        "stackTrace": [],
    }


async def test_runner_node_syntax_error_names_file_and_line(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(
        project, "fn", {"src/index.js": "exports.handler = async () => {\n  return (;\n};"}
    )
    outcome = await runner.invoke_detailed("fn", {})
    assert outcome.error is not None
    assert outcome.error["errorType"] == "Runtime.UserCodeSyntaxError"
    assert outcome.error["errorMessage"] == (
        f"Function fn: syntax error in {src(project, 'fn') / 'index.js'}:2: "
        "SyntaxError: Unexpected token ';'"
    )


async def test_runner_python_syntax_error_names_file_and_line(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(project, "pyfn", {"src/index.py": "def handler(event, context)\n    return 1\n"})
    outcome = await runner.invoke_detailed("pyfn", {})
    assert outcome.error == {
        "errorType": "Runtime.UserCodeSyntaxError",
        "errorMessage": f"Function pyfn: syntax error in {src(project, 'pyfn') / 'index.py'}:1: "
        "expected ':'",
        "stackTrace": [],
    }


async def test_runner_python_missing_handler_is_handler_not_found(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(project, "pyfn", {"src/index.py": "def other(event, context):\n    return 1\n"})
    with pytest.raises(LambdaInvokeError) as caught:
        await runner.invoke("pyfn", {})
    assert caught.value.error_type == "Runtime.HandlerNotFound"
    assert caught.value.message == (
        "Function pyfn: handler 'handler' missing on module 'index' "
        f"(file {src(project, 'pyfn') / 'index.py'})"
    )


async def test_runner_node_non_json_result_is_marshal_error(
    runner: LambdaRunner, project: Path
) -> None:
    source = "exports.handler = async () => { const a = {}; a.self = a; return a; };"
    add_function(project, "fn", {"src/index.js": source})
    outcome = await runner.invoke_detailed("fn", {})
    assert outcome.error is not None
    assert outcome.error["errorType"] == "Runtime.MarshalError"
    assert outcome.error["errorMessage"].startswith(
        "Function fn: unable to marshal the handler's response as JSON: "
        "Converting circular structure to JSON"
    )


async def test_runner_python_non_json_result_is_marshal_error(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(project, "pyfn", {"src/index.py": "def handler(e, c):\n    return {1, 2}\n"})
    outcome = await runner.invoke_detailed("pyfn", {})
    assert outcome.error == {
        "errorType": "Runtime.MarshalError",
        "errorMessage": "Function pyfn: unable to marshal the handler's response as JSON: "
        "Object of type set is not JSON serializable",
        "stackTrace": [],
    }


async def test_runner_worker_recovers_after_a_fixed_syntax_error(
    runner: LambdaRunner, project: Path
) -> None:
    folder = add_function(project, "fn", {"src/index.js": "exports.handler = ("})
    assert (await runner.invoke_detailed("fn", {})).error is not None
    (folder / "src" / "index.js").write_text("exports.handler = async () => 'fixed';")
    assert await runner.invoke("fn", {}) == "fixed"


async def test_runner_unknown_function_is_not_found(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "known", {"src/index.js": "exports.handler = async () => 1;"})
    folder = project / "amplify" / "backend" / "function" / "ghost"
    with pytest.raises(FunctionNotFoundError) as caught:
        await runner.invoke_detailed("ghost", {})
    assert caught.value.message == (
        f"Function 'ghost' not found: {folder} does not exist (functions in this project: known)."
    )
    with pytest.raises(LambdaInvokeError) as as_invoke_error:
        await runner.invoke("ghost", {})
    assert as_invoke_error.value.error_type == "Lambda:ResourceNotFoundException"


async def test_runner_template_without_handler_is_config_error(
    runner: LambdaRunner, project: Path
) -> None:
    folder = add_function(project, "fn", {"src/index.js": "exports.handler = async () => 1;"})
    template = folder / "fn-cloudformation-template.json"
    doc = json.loads(template.read_text())
    del doc["Resources"]["LambdaFunction"]["Properties"]["Handler"]
    template.write_text(json.dumps(doc))
    with pytest.raises(FunctionConfigError) as caught:
        await runner.invoke_detailed("fn", {})
    assert caught.value.message == (
        f"Function fn: {template}: could not parse the handler for fn (no Properties.Handler)"
    )


async def test_runner_template_not_json_is_config_error(
    runner: LambdaRunner, project: Path
) -> None:
    folder = add_function(project, "fn", {"src/index.js": "exports.handler = async () => 1;"})
    template = folder / "fn-cloudformation-template.json"
    template.write_text("{ not json")
    with pytest.raises(FunctionConfigError) as caught:
        await runner.invoke_detailed("fn", {})
    assert caught.value.message == f"Function fn: {template}: is not a JSON CloudFormation template"


async def test_runner_unsupported_runtime_is_named(runner: LambdaRunner, project: Path) -> None:
    folder = add_function(project, "fn", {"src/index.js": "x"}, runtime="java11")
    with pytest.raises(UnsupportedRuntimeError) as caught:
        await runner.invoke_detailed("fn", {})
    assert caught.value.message == (
        f"Function fn: runtime 'java11' ({folder / 'fn-cloudformation-template.json'}) is not "
        "supported by the mock; only nodejs* and python* runtimes run locally."
    )


async def test_runner_missing_interpreter_is_reported(project: Path) -> None:
    add_function(project, "fn", {"src/index.js": "exports.handler = async () => 1;"})
    async with LambdaRunner(project, node_executable="/nonexistent/node") as runner:
        outcome = await runner.invoke_detailed("fn", {})
    assert outcome.error is not None
    assert outcome.error["errorType"] == "Runtime.InvalidEntrypoint"
    assert outcome.error["errorMessage"].startswith("Function fn: cannot start /nonexistent/node: ")


async def test_runner_function_without_template_uses_index_handler(
    runner: LambdaRunner, project: Path
) -> None:
    add_function(
        project,
        "bare",
        {"src/index.py": "def handler(e, c):\n    return 'bare'\n"},
        template=False,
    )
    assert await runner.invoke("bare", {}) == "bare"
