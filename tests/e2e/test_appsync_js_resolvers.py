"""A Gen 1 project with APPSYNC_JS resolvers in stacks/CustomResources.json, served by
`amplify mock` and queried by the aws-amplify v6 client (npm)."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockOptions, MockSession
from tests.e2e.test_mock_session import Recorder, graphql, wait_for

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
OVERLAY = Path(__file__).parent / "data" / "appsync_js_gen1"
JS_DIR = ROOT / "tests" / "js" / "appsync"
API_KEY = "da2-fakeApiId123456"

pytestmark = pytest.mark.e2e


def js_project(tmp_path: Path) -> Path:
    """The demo project plus JS resolvers: a unit resolver and a JS/VTL pipeline."""
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    api = root / "amplify" / "backend" / "api" / "demoapi"
    schema = api / "schema.graphql"
    extra = (OVERLAY / "schema.extra.graphql").read_text(encoding="utf-8")
    schema.write_text(schema.read_text(encoding="utf-8") + extra, encoding="utf-8")
    for folder in ("resolvers", "pipelineFunctions", "stacks"):
        shutil.copytree(OVERLAY / folder, api / folder, dirs_exist_ok=True)
    return root


@pytest.fixture
async def started(tmp_path: Path) -> AsyncIterator[tuple[MockSession, Recorder, Path]]:
    options = MockOptions(
        categories=frozenset({"api"}), port=0, storage_port=0, dynamodb_port=0, debounce=0.05
    )
    project = js_project(tmp_path)
    recorder = Recorder()
    mock = MockSession(load_mock_project(project), options, recorder)
    await mock.start()
    try:
        yield mock, recorder, project
    finally:
        await mock.stop()


@pytest.fixture
def session(started: tuple[MockSession, Recorder, Path]) -> MockSession:
    return started[0]


async def test_js_resolver_edit_reloads_and_a_broken_edit_keeps_the_last_good_api(
    started: tuple[MockSession, Recorder, Path],
) -> None:
    mock, recorder, project = started
    created = await graphql(
        mock, 'mutation { createTodo(input: {id: "r1", name: "reload"}) { id } }'
    )
    assert created == {"data": {"createTodo": {"id": "r1"}}}
    code = project / "amplify" / "backend" / "api" / "demoapi" / "resolvers" / "Query.getTodoJs.js"
    code.write_text(code.read_text().replace("util.str.toUpper", "util.str.toLower"))

    async def lower() -> bool:
        body = await graphql(mock, '{ getTodoJs(id: "r1") { name } }')
        return body == {"data": {"getTodoJs": {"name": "reload"}}}

    await wait_for(lower)
    assert "Mapping template change detected. Reloading..." in recorder.text()
    code.write_text(code.read_text().replace("return {", "while (true) {}\n  return {", 1))
    await wait_for(lambda: "While statements are not supported." in recorder.text("error"))
    assert "resolvers/Query.getTodoJs.js:" in recorder.text("error")
    assert await graphql(mock, '{ getTodoJs(id: "r1") { name } }') == {
        "data": {"getTodoJs": {"name": "reload"}}
    }


async def test_aws_amplify_queries_js_unit_and_mixed_pipeline_resolvers(
    session: MockSession,
) -> None:
    assert (JS_DIR / "node_modules" / "aws-amplify").is_dir(), (
        "run .ci/setup.d/npm-packages.sh to install aws-amplify for this test"
    )
    assert session.graphql_url is not None
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(JS_DIR / "appsync_js_resolvers.test.mjs"),
        session.graphql_url,
        API_KEY,
        cwd=JS_DIR,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), 90)
    assert proc.returncode == 0, stderr.decode()[-2000:]
    result = json.loads(stdout.decode().strip().splitlines()[-1])
    assert result == {
        "mutation": {"createTodo": {"id": "js-1", "name": "Write JS resolvers"}},
        "unit": {"getTodoJs": {"id": "js-1", "name": "WRITE JS RESOLVERS", "priority": 2}},
        "pipeline": {
            "todoSummary": {
                "id": "js-1",
                "summary": "Write JS resolvers [priority 2]",
                "trail": "before>js>vtl>after",
            }
        },
        "missing": {
            "data": {"getTodoJs": None},
            "errors": [{"message": "Todo nope not found", "errorType": "NotFound"}],
        },
    }
