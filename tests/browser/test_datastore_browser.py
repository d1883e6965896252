"""@aws-amplify/datastore 5.x web apps (two chromium contexts: two IndexedDBs) against
`amplify mock` on the DataStore project of tests/e2e/test_datastore_js.py, through the same
scenario; client B goes offline with the browser's network emulation (offline/online events).
Screenshots of both pages are written to the test's folder."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockSession
from tests.browser.test_auth_flow import run, spki_hash
from tests.e2e.datastore_clients import BrowserDriver, datastore_project
from tests.e2e.test_datastore_js import run_scenario
from tests.e2e.test_mock_auth import mock_options
from tests.e2e.test_mock_session import Recorder

ROOT = Path(__file__).resolve().parents[2]
WEB_DIR = ROOT / "tests" / "js" / "datastore" / "web"

pytestmark = pytest.mark.e2e


@pytest.fixture
async def mock(tmp_path: Path) -> AsyncIterator[MockSession]:
    root = datastore_project(tmp_path)
    session = MockSession(load_mock_project(root), mock_options(), Recorder())
    await session.start()
    try:
        yield session
    finally:
        await session.stop()


async def test_datastore_web_apps_sync_merge_reject_resolve_and_go_offline(
    mock: MockSession, tmp_path: Path
) -> None:
    assert shutil.which("chromium"), "run .ci/setup.d/chromium.sh (apt package chromium)"
    assert (ROOT / "tests" / "browser" / "node_modules" / "playwright-core").is_dir()
    assert mock.state is not None and mock.local_ca is not None and mock.running.appsync
    site_dir, artifacts = tmp_path / "site", tmp_path / "artifacts"
    site_dir.mkdir()
    artifacts.mkdir()
    await run("node", str(WEB_DIR / "build.mjs"), str(site_dir))
    runner = web.AppRunner(web.Application())
    runner.app.router.add_static("/", site_dir)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    endpoint = f"http://localhost:{mock.running.appsync.port}/graphql"
    driver = BrowserDriver(
        f"http://127.0.0.1:{runner.addresses[0][1]}/index.html",
        endpoint,
        str(mock.state.config.api_key),
        spki_hash(mock.local_ca.with_name("localhost.pem")),
        artifacts,
    )
    try:
        await driver.start()
        await driver.loaded()
        a, b = driver.client("A"), driver.client("B")
        assert await a.call("start") and await b.call("start")
        await run_scenario(mock, a, b, b)
        for client in (a, b):
            await client.call("screenshot", name=f"client-{client.name}")
    finally:
        await driver.close()
        await runner.cleanup()
    assert [e for e in driver.events if e.get("event") == "pageerror"] == []
    for name in ("A", "B"):
        assert (artifacts / f"client-{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
