"""Gen 2 custom handlers: .js and .ts (bundled by esbuild) entry files served as the pipeline
resolver ampx deploys, with problems reported at file:line:col of the file the user wrote."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from amplify_mock.gen2.definition import JsHandler, JsResolver
from amplify_mock.simulators.appsync.custom_handlers import (
    CustomHandlerError,
    custom_handler_resolver,
    load_handler_code,
)
from resolvers.js import JsRuntimeError
from resolvers.resolver import execute_resolver
from tests.resolvers.test_resolver import RecordingDataSource, invocation

ROOT = Path(__file__).resolve().parents[3]
ESBUILD = ROOT / "examples" / "gen2" / "node_modules" / ".bin" / "esbuild"


@dataclass(frozen=True)
class Handler:
    entry: Path
    data_source: str


@pytest.fixture
def esbuild() -> Path:
    assert ESBUILD.is_file(), "run .ci/setup.d/npm-packages.sh (examples/gen2 installs esbuild)"
    return ESBUILD


GET_POST_JS = """import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  return ddb.get({ key: { id: ctx.args.id } });
}
export function response(ctx) {
  return { ...ctx.result, apiId: ctx.stash.awsAppsyncApiId, branch: ctx.stash.amplifyBranchName };
}
"""

LIKE_TS = """import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { likesOf } from './likes';

type Post = { id: string; likes?: number };

export function request(ctx: { args: { id: string }; prev: { result: Post } }) {
  const post: Post = ctx.prev.result;
  return ddb.update({ key: { id: ctx.args.id }, update: { likes: likesOf(post) + 1 } });
}

export function response(ctx: { result: Post; error?: { message: string } }): Post {
  if (ctx.error) {
    util.error(ctx.error.message);
  }
  return ctx.result;
}
"""

LIKES_TS = """export const likesOf = (post: { likes?: number }): number => post.likes ?? 0;
"""


async def test_js_and_ts_handlers_run_as_ampx_pipeline(tmp_path: Path, esbuild: Path) -> None:
    (tmp_path / "getPost.js").write_text(GET_POST_JS, encoding="utf-8")
    (tmp_path / "likePost.ts").write_text(LIKE_TS, encoding="utf-8")
    (tmp_path / "likes.ts").write_text(LIKES_TS, encoding="utf-8")
    config = custom_handler_resolver(
        "Mutation",
        "likePost",
        [
            Handler(tmp_path / "getPost.js", "PostTable"),
            Handler(tmp_path / "likePost.ts", "Posts2"),
        ],
        api_id="abc123",
        branch_name="main",
        esbuild=esbuild,
    )
    assert (config.kind, [f.name for f in config.functions]) == (
        "PIPELINE",
        ["Fn_Mutation_likePost_1", "Fn_Mutation_likePost_2"],
    )
    posts = RecordingDataSource("PostTable", result={"id": "p1", "likes": 4})
    updates = RecordingDataSource("Posts2", result={"id": "p1", "likes": 5})
    outcome = await execute_resolver(
        config, invocation(id="p1"), {"PostTable": posts, "Posts2": updates}
    )
    assert posts.requests == [{"operation": "GetItem", "key": {"id": {"S": "p1"}}}]
    assert updates.requests == [
        {
            "operation": "UpdateItem",
            "key": {"id": {"S": "p1"}},
            "update": {
                "expression": "SET #likes = :likes_0",
                "expressionNames": {"#likes": "likes"},
                "expressionValues": {":likes_0": {"N": "5"}},
            },
        }
    ]
    assert outcome.data == {"id": "p1", "likes": 5}


async def test_stash_has_the_api_id_and_branch(tmp_path: Path) -> None:
    (tmp_path / "getPost.js").write_text(GET_POST_JS, encoding="utf-8")
    config = custom_handler_resolver(
        "Query", "getPost", [Handler(tmp_path / "getPost.js", "PostTable")], api_id="abc123"
    )
    posts = RecordingDataSource("PostTable", result={"id": "p1"})
    outcome = await execute_resolver(config, invocation(id="p1"), {"PostTable": posts})
    assert outcome.data == {"id": "p1", "apiId": "abc123", "branch": "sandbox"}


def test_ts_rule_break_is_reported_at_the_typescript_line(tmp_path: Path, esbuild: Path) -> None:
    entry = tmp_path / "loop.ts"
    entry.write_text(
        "type Args = { n: number };\n"
        "export function request(ctx: { args: Args }) {\n"
        "  let n: number = ctx.args.n;\n"
        "  while (n > 0) { n = n - 1; }\n"
        "  return {};\n"
        "}\n"
        "export const response = (ctx: { result: unknown }) => ctx.result;\n",
        encoding="utf-8",
    )
    with pytest.raises(CustomHandlerError) as caught:
        load_handler_code(entry, esbuild=esbuild)
    assert caught.value.message == f"{entry}:4:3: While statements are not supported."


def test_js_rule_break_is_reported_at_its_line(tmp_path: Path) -> None:
    entry = tmp_path / "random.js"
    entry.write_text(
        "export function request(ctx) {\n  return { r: Math.random() };\n}\n", encoding="utf-8"
    )
    with pytest.raises(CustomHandlerError) as caught:
        load_handler_code(entry)
    assert caught.value.message == f"{entry}:2:15: Method Math.random is not implemented"


def test_ts_syntax_error_is_esbuilds_file_line_column(tmp_path: Path, esbuild: Path) -> None:
    entry = tmp_path / "bad.ts"
    entry.write_text("export function request(ctx: any) {\n  return { a: ;\n}\n", encoding="utf-8")
    with pytest.raises(CustomHandlerError) as caught:
        load_handler_code(entry, esbuild=esbuild)
    assert caught.value.message == f'{entry}:2:15: Unexpected ";"'


def test_missing_handler_file(tmp_path: Path) -> None:
    with pytest.raises(CustomHandlerError) as caught:
        load_handler_code(tmp_path / "nope.js")
    assert caught.value.message == f"{tmp_path / 'nope.js'}: the handler file does not exist"


def test_handler_of_another_type(tmp_path: Path) -> None:
    entry = tmp_path / "handler.py"
    entry.write_text("print(1)\n", encoding="utf-8")
    with pytest.raises(CustomHandlerError) as caught:
        load_handler_code(entry)
    assert caught.value.message == f"{entry}: a custom handler is a .js or .ts file"


async def test_ts_runtime_error_is_reported_at_the_typescript_line(
    tmp_path: Path, esbuild: Path
) -> None:
    entry = tmp_path / "broken.ts"
    entry.write_text(
        "import { util } from '@aws-appsync/utils';\n"
        "type Post = { author: { name: string } };\n"
        "export function request(ctx: { args: { id: string } }) {\n"
        "  return { id: ctx.args.id };\n"
        "}\n"
        "export function response(ctx: { result: Post }) {\n"
        "  const post: Post = ctx.result;\n"
        "  return util.str.toUpper(post.author.name);\n"
        "}\n",
        encoding="utf-8",
    )
    config = custom_handler_resolver(
        "Query", "getPost", [Handler(entry, "NONE")], api_id="abc", esbuild=esbuild
    )
    none = RecordingDataSource("NONE", type_name="NONE", result={})
    with pytest.raises(JsRuntimeError) as caught:
        await execute_resolver(config, invocation(id="p1"), {"NONE": none})
    assert caught.value.message == (
        f"{entry}:8:38: TypeError: cannot read property 'name' of undefined"
    )


async def test_gen2_loaders_handlers_fit_the_entry_point(tmp_path: Path) -> None:
    """`amplify_mock.gen2`'s `JsResolver` handlers go in as they are."""
    (tmp_path / "getPost.js").write_text(GET_POST_JS, encoding="utf-8")
    resolver = JsResolver("Query", "getPost", (JsHandler(tmp_path / "getPost.js", "PostTable"),))
    config = custom_handler_resolver(
        resolver.type_name, resolver.field_name, resolver.handlers, api_id="gen2api"
    )
    posts = RecordingDataSource("PostTable", result={"id": "p1"})
    outcome = await execute_resolver(config, invocation(id="p1"), {"PostTable": posts})
    assert outcome.data == {"id": "p1", "apiId": "gen2api", "branch": "sandbox"}
