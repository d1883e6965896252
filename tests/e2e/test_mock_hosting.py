"""`amplify hosting add` + `amplify publish` on the local cloud, then `amplify mock` serves the
hosting bucket as an S3 static website on the local S3 port."""

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


async def test_prod_hosting_is_served_through_a_caching_cloudfront_front(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PROD: the pushed distribution has CloudFront ids; `amplify mock` serves it on its own
    port with a cache; a publish without -c leaves the cached page, `publish -c` refreshes."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("AMPLIFY_MOCK_CLOUD", raising=False)
    monkeypatch.delenv("AMPLIFY_MOCK_CLOUD_STORE", raising=False)
    app = tmp_path / "prodapp"
    app.mkdir()
    monkeypatch.setenv("AMPLIFY_PROJECT_DIR", str(app))
    _run("init", "--amplify", '{"envName":"dev"}', "--yes")
    assert "Hosting added (PROD)." in _run("hosting", "add", "--environment", "PROD")
    (app / "build").mkdir()
    (app / "build/index.html").write_text("<h1>v1</h1>")
    first = _run("publish", "--yes", "--no-build")
    assert "publish with -c to invalidate them" in first
    meta = json.loads((app / "amplify/backend/amplify-meta.json").read_text())
    output = meta["hosting"]["S3AndCloudFront"]["output"]
    distribution = output["CloudFrontDistributionID"]
    assert distribution.startswith("E") and len(distribution) == 14
    assert output["CloudFrontSecureURL"] == f"https://{output['CloudFrontDomainName']}"
    assert output["CloudFrontDomainName"].endswith(".cloudfront.net")

    recorder = Recorder()
    options = MockOptions(storage_port=0, cloudfront_port=0, watch=False)
    session = MockSession(load_mock_project(app), options, recorder)
    await session.start()
    try:
        (front,) = session.running.cloudfront
        assert f"CloudFront distribution {distribution} of prodapp-hostingbucket-dev is served" in (
            recorder.text("info")
        )
        async with aiohttp.ClientSession() as http:

            async def get(path: str) -> tuple[int, str, str]:
                async with http.get(f"{front.url}{path}") as response:
                    return response.status, await response.text(), response.headers["X-Cache"]

            assert await get("/") == (200, "<h1>v1</h1>", "Miss from cloudfront")
            assert await get("/") == (200, "<h1>v1</h1>", "Hit from cloudfront")
            assert await get("/app/route") == (200, "<h1>v1</h1>", "Miss from cloudfront")
            (app / "build/index.html").write_text("<h1>v2</h1>")
            _run("publish", "--yes", "--no-build")
            assert await get("/") == (200, "<h1>v1</h1>", "Hit from cloudfront")  # cached
            invalidated = _run("publish", "--yes", "--no-build", "-c")
            assert f"of distribution {distribution} created for /*." in invalidated
            assert await get("/") == (200, "<h1>v2</h1>", "Miss from cloudfront")
            async with http.post(f"{front.url}/") as response:
                assert response.status == 405
    finally:
        await session.stop()
