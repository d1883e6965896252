"""`amplify add api` with AWS_LAMBDA (a new authorizer function) -> `amplify mock api`: the
authConfig the project engine writes is the one the mock's AWS_LAMBDA mode uses."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner

from amplify_mock.cli.main import cli
from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockOptions, MockSession
from tests.e2e.test_mock_session import Recorder

pytestmark = pytest.mark.e2e


def _run(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("AMPLIFY_MOCK_CLOUD", raising=False)
    root = tmp_path / "myapp"
    root.mkdir()
    monkeypatch.setenv("AMPLIFY_PROJECT_DIR", str(root))
    _run("init", "--amplify", '{"envName":"dev"}', "--yes")
    # A v2 model without @auth answers only sandbox (API key) callers, so a Lambda-authorized
    # API needs v2 @auth (issue 14); this test keeps the project on the v1 transformer.
    cli_json = root / "amplify" / "cli.json"
    config = json.loads(cli_json.read_text())
    config["features"]["graphqltransformer"]["useexperimentalpipelinedtransformer"] = False
    config["features"]["graphqltransformer"]["transformerversion"] = 1
    cli_json.write_text(json.dumps(config))
    return root


async def test_added_lambda_authorizer_guards_the_mock_api(app: Path) -> None:
    # name, default mode, a new authorizer function, TTL, schema template
    _run("add", "api", stdin="notes\nAWS_LAMBDA\nnew\n300\nsingle\n")
    options = MockOptions(
        categories=frozenset({"api"}), port=0, dynamodb_port=0, watch=False, codegen=False
    )
    session = MockSession(load_mock_project(app), options, Recorder())
    await session.start()
    try:
        assert session.graphql_url is not None
        query = {"query": "{ listTodos { items { id } } }"}
        async with aiohttp.ClientSession() as http:
            headers = {"Authorization": "custom-authorized"}
            async with http.post(session.graphql_url, json=query, headers=headers) as response:
                assert response.status == 200
                assert await response.json() == {"data": {"listTodos": {"items": []}}}
            headers = {"Authorization": "someone-else"}
            async with http.post(session.graphql_url, json=query, headers=headers) as response:
                assert response.status == 401
    finally:
        await session.stop()
