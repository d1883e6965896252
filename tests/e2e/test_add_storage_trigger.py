"""`amplify add storage --trigger-function` -> push -> `amplify mock storage`: the template the
project engine writes is what the mock evaluates, so S3 events reach the function."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner

from amplify_mock.cli.main import cli
from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockOptions, MockSession
from tests.e2e.test_mock_session import Recorder, wait_for

pytestmark = pytest.mark.e2e

HANDLER = """
const fs = require('fs');
exports.handler = async (event) => {
  const record = event.Records[0];
  fs.appendFileSync(process.env.TRIGGER_LOG,
    JSON.stringify([record.eventName, record.s3.bucket.name, record.s3.object.key]) + '\\n');
};
"""


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
    return root


async def test_added_storage_trigger_receives_s3_events(app: Path, tmp_path: Path) -> None:
    log = tmp_path / "trigger.log"
    _run("add", "function", "--name", "onupload", "--runtime", "nodejs")
    function_dir = app / "amplify/backend/function/onupload"
    (function_dir / "src/index.js").write_text(HANDLER)
    (function_dir / ".env").write_text(f"TRIGGER_LOG={log}\n")
    storage = ["--name", "pics", "--bucket", "picsbucket", "--auth-access", "READ"]
    _run("add", "storage", *storage, "--guest-access", "", "--trigger-function", "onupload")
    assert "All resources are updated in the cloud" in _run("push", "--yes")
    options = MockOptions(
        categories=frozenset({"storage", "function"}), storage_port=0, watch=False
    )
    session = MockSession(load_mock_project(app), options, Recorder())
    await session.start()
    try:
        assert session.running.s3 is not None
        base = f"{session.running.s3.url}/picsbucket-dev"
        async with aiohttp.ClientSession() as http:
            async with http.put(f"{base}/public/a.txt", data=b"x") as response:
                assert response.status == 200

            def lines() -> list[list[str]]:
                if not log.exists():
                    return []
                return [json.loads(line) for line in log.read_text().splitlines()]

            await wait_for(lambda: len(lines()) >= 1)
            async with http.delete(f"{base}/public/a.txt") as response:
                assert response.status == 204
            await wait_for(lambda: len(lines()) >= 2)
        await asyncio.sleep(0.2)  # nothing else may arrive
        assert lines() == [
            ["ObjectCreated:Put", "picsbucket-dev", "public/a.txt"],
            ["ObjectRemoved:Delete", "picsbucket-dev", "public/a.txt"],
        ]
    finally:
        await session.stop()
