"""End to end, offline: init -> add api/function/storage -> push -> status -> env add ->
env checkout -> (mock) -> env remove, through the installed `amplify` command."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
import pytest

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockOptions, MockSession
from tests.project.amplify_subprocess import amplify

pytestmark = pytest.mark.e2e

ADD_API_REQUEST = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "AppSync",
        "apiName": "todoapi",
        # a new project builds with the v2 transformer: public models need the sandbox rule
        "transformSchema": (
            "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }\n\n"
            "type Todo @model {\n  id: ID!\n  name: String!\n}\n"
        ),
        "defaultAuthType": {"mode": "API_KEY", "expirationTime": 7},
    },
}


def _json(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text()))


def mock_step(app: Path) -> None:
    """`amplify mock` on the pushed project: the API and the bucket served locally, the
    frontend config pointed at them while running and restored after."""
    exports = app / "src/aws-exports.js"
    before = exports.read_bytes()

    async def run() -> None:
        options = MockOptions(port=0, storage_port=0, dynamodb_port=0, watch=False)
        session = MockSession(load_mock_project(app), options, _Quiet())
        await session.start()
        try:
            assert session.graphql_url is not None and session.running.s3 is not None
            assert session.graphql_url in exports.read_text()
            async with aiohttp.ClientSession() as http:
                headers = {"x-api-key": "da2-fakeApiId123456"}
                query = 'mutation { createTodo(input: {name: "from mock"}) { id name } }'
                async with http.post(
                    session.graphql_url, json={"query": query}, headers=headers
                ) as response:
                    body = await response.json()
                assert body["data"]["createTodo"]["name"] == "from mock"
                url = f"{session.running.s3.url}/todofiles-dev/public/hello.txt"
                async with http.put(url, data=b"hello") as response:
                    assert response.status == 200
            assert (app / "amplify/mock-data/S3/todofiles-dev/public/hello.txt").read_bytes() == (
                b"hello"
            )
        finally:
            await session.stop()

    asyncio.run(run())
    assert exports.read_bytes() == before


class _Quiet:
    def info(self, message: str) -> None: ...

    def warning(self, message: str) -> None: ...

    def error(self, message: str) -> None:
        raise AssertionError(message)


def test_project_lifecycle_offline(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    app = tmp_path / "app"
    app.mkdir()
    amplify(app, home, "init", "--amplify", '{"projectName":"todoapp","envName":"dev"}', "--yes")
    amplify(app, home, "add", "api", "--headless", stdin=json.dumps(ADD_API_REQUEST))
    amplify(app, home, "add", "function", "--name", "hello", "--runtime", "nodejs")
    amplify(
        app,
        home,
        "add",
        "storage",
        "--name",
        "files",
        "--bucket",
        "todofiles",
        "--auth-access",
        "CREATE_AND_UPDATE,READ",
        "--guest-access",
        "READ",
    )
    status = amplify(app, home, "status").stdout
    assert "| Api      | todoapi" in status and "Create" in status

    push = amplify(app, home, "push", "--yes").stdout
    assert "All resources are updated in the cloud" in push
    exports = (app / "src/aws-exports.js").read_text()
    assert ".appsync-api.us-east-1.amazonaws.com/graphql" in exports
    assert '"aws_user_files_s3_bucket": "todofiles-dev"' in exports

    status = amplify(app, home, "status").stdout
    assert "Create" not in status and "Update" not in status
    assert "GraphQL endpoint: https://" in status and "GraphQL API KEY: da2-" in status
    assert status.count("No Change") == 4  # api, auth, function, storage

    amplify(app, home, "env", "add", "--name", "prod", "--yes")
    assert _json(app / "amplify/.config/local-env-info.json")["envName"] == "prod"
    status = amplify(app, home, "status").stdout
    assert status.count("Create") == 4  # nothing deployed in prod yet
    amplify(app, home, "push", "--yes")
    assert (
        '"aws_user_files_s3_bucket": "todofiles-prod"' in (app / "src/aws-exports.js").read_text()
    )
    assert amplify(app, home, "status").stdout.count("No Change") == 4

    amplify(app, home, "env", "checkout", "dev")
    assert _json(app / "amplify/.config/local-env-info.json")["envName"] == "dev"
    assert amplify(app, home, "status").stdout.count("No Change") == 4
    assert "todofiles-dev" in (app / "src/aws-exports.js").read_text()
    mock_step(app)

    amplify(app, home, "env", "remove", "prod", "--yes")
    assert json.loads(amplify(app, home, "env", "list", "--json").stdout) == {"envs": ["dev"]}
    cloud = home / ".amplify/local-cloud"  # the per-user local cloud, outside the project
    stacks = sorted(p.name for p in (cloud / "stacks").iterdir())
    assert len(stacks) == 1 and stacks[0].startswith("amplify-todoapp-dev-")
    buckets = sorted(p.stem for p in (cloud / "buckets").iterdir())
    assert [b for b in buckets if "prod" in b] == ["todofiles-prod"]  # storage is Retain
