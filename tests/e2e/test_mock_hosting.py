"""`amplify hosting add` + `amplify publish` on the local cloud, then `amplify mock` serves the
hosting bucket as an S3 static website on the local S3 port."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner

from amplify_mock.cli.main import cli
from amplify_mock.simulators.mock_project import load_mock_project
from amplify_mock.simulators.session import MockOptions, MockSession
from tests.e2e.test_mock_session import Recorder

pytestmark = pytest.mark.e2e

BUCKET = "myapp-hostingbucket-dev"


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("AMPLIFY_MOCK_CLOUD", raising=False)
    app = tmp_path / "myapp"
    app.mkdir()
    monkeypatch.setenv("AMPLIFY_PROJECT_DIR", str(app))
    _run("init", "--amplify", '{"envName":"dev"}', "--yes")
    _run("hosting", "add")
    _run("hosting", "configure", "--index-doc", "index.html", "--error-doc", "404.html")
    (app / "build/docs").mkdir(parents=True)
    (app / "build/index.html").write_text("<h1>home</h1>")
    (app / "build/404.html").write_text("<h1>not here</h1>")
    (app / "build/docs/index.html").write_text("<h1>docs</h1>")
    output = _run("publish", "--yes", "--no-build")
    assert f"http://localhost:20005/{BUCKET}/index.html" in output
    return app


async def test_mock_serves_published_hosting_bucket_as_website(published: Path) -> None:
    recorder = Recorder()
    options = MockOptions(storage_port=0, watch=False)
    session = MockSession(load_mock_project(published), options, recorder)
    await session.start()
    try:
        assert session.running.s3 is not None
        base = session.running.s3.url
        assert (
            f"Hosting bucket {BUCKET} is served as a website at {base}/{BUCKET}/"
            in recorder.text("info")
        )
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/{BUCKET}/") as response:
                assert (response.status, await response.text()) == (200, "<h1>home</h1>")
            async with http.get(f"{base}/{BUCKET}/docs", allow_redirects=False) as response:
                assert (response.status, response.headers["Location"]) == (302, f"/{BUCKET}/docs/")
            async with http.get(f"{base}/{BUCKET}/docs/") as response:
                assert (response.status, await response.text()) == (200, "<h1>docs</h1>")
            async with http.get(f"{base}/{BUCKET}/missing") as response:
                assert (response.status, await response.text()) == (404, "<h1>not here</h1>")
    finally:
        await session.stop()
