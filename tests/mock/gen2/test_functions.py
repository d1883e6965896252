"""Gen 2 functions: TypeScript handlers bundled with esbuild and run by the Lambda runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.gen2.functions import (
    FunctionBuildError,
    Gen2Function,
    Gen2FunctionCatalog,
    bundle_functions,
    esbuild_binary,
)
from amplify_mock.simulators.lambda_ import LambdaRunner
from amplify_mock.simulators.lambda_.errors import FunctionNotFoundError

ROOT = Path(__file__).resolve().parents[3]
NODE_MODULES = ROOT / "examples" / "gen2" / "node_modules"

HANDLER = """import { env } from '$amplify/env/say-hello';
import { greeting } from './greeting';
type Event = { arguments: { name: string } };
export const handler = async (event: Event): Promise<string> =>
  `${greeting(env.GREETING)}, ${event.arguments.name}! ${env.AMPLIFY_DATA_DEFAULT_NAME ?? '-'}`;
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "amplify" / "functions" / "say-hello"
    folder.mkdir(parents=True)
    (folder / "handler.ts").write_text(HANDLER)
    (folder / "greeting.ts").write_text("export const greeting = (g: string) => g.toUpperCase();\n")
    (tmp_path / "node_modules").symlink_to(NODE_MODULES)
    return tmp_path


def say_hello(project: Path) -> Gen2Function:
    entry = project / "amplify" / "functions" / "say-hello" / "handler.ts"
    return Gen2Function("say-hello", entry, {"GREETING": "Hello"}, timeout_seconds=5)


async def test_gen2_function_bundled_and_invoked_by_name_and_alias(project: Path) -> None:
    out = project / ".amplify" / "mock-data" / "functions"
    bundle_functions(project, [say_hello(project)], out, esbuild=esbuild_binary(project))
    assert (out / "say-hello.cjs").is_file()
    # the typed env module `ampx` generates, written when missing
    assert (project / ".amplify" / "generated" / "env" / "say-hello.ts").is_file()
    catalog = Gen2FunctionCatalog(
        project, [say_hello(project)], out, region="eu-west-1", aliases={"FnSayHello": "say-hello"}
    )
    catalog.data_access = {"say-hello": {"AMPLIFY_DATA_DEFAULT_NAME": "amplifyData"}}
    async with LambdaRunner(project, catalog=catalog) as runner:
        assert runner.function_names() == ["say-hello"]
        event = {"arguments": {"name": "Ada"}}
        assert await runner.invoke("say-hello", event) == "HELLO, Ada! amplifyData"
        assert await runner.invoke("FnSayHello", event) == "HELLO, Ada! amplifyData"
        config = runner.load_config("FnSayHello")
        assert (config.timeout, config.memory_size, config.runtime) == (5, 512, "nodejs20.x")


async def test_gen2_function_unknown_name_lists_the_functions(project: Path) -> None:
    catalog = Gen2FunctionCatalog(project, [say_hello(project)], project, region="us-east-1")
    runner = LambdaRunner(project, catalog=catalog)
    with pytest.raises(FunctionNotFoundError) as caught:
        runner.resolve_name("sayBye")
    where = project / "amplify" / "functions" / "sayBye" / "resource.ts"
    assert caught.value.message == (
        f"Function 'sayBye' not found: {where} does not exist "
        "(functions in this project: say-hello)."
    )


def test_gen2_function_syntax_error_names_file_line_column(project: Path) -> None:
    handler = project / "amplify" / "functions" / "say-hello" / "handler.ts"
    handler.write_text("export const handler = async () => {\n  return 1 +;\n};\n")
    out = project / "out"
    with pytest.raises(FunctionBuildError) as caught:
        bundle_functions(project, [say_hello(project)], out, esbuild=esbuild_binary(project))
    assert caught.value.message == f'{handler}:2:13: Unexpected ";"'
    assert not (out / "say-hello.cjs").exists()


def test_gen2_function_without_esbuild_names_npm_install(tmp_path: Path) -> None:
    with pytest.raises(AmplifyMockError) as caught:
        esbuild_binary(tmp_path)
    assert caught.value.message == f"esbuild is not installed in {tmp_path / 'node_modules'}."
    assert caught.value.resolution == f"Run `npm install` in {tmp_path}."
