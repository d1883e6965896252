"""A web app on the latest aws-amplify 6.x in headless chromium against `amplify mock` with auth:
sign-up, confirmation (code from the mock), SRP sign-in, an owner-protected item whose
subscription event arrives over wss, sign-out; a second user is denied the first user's item.
Screenshots are written to the test's folder.

Not in this flow: Storage (aws-amplify >= 6.9 throws InvalidCustomEndpoint for the local S3, see
README; the Node test shows it with the upstream fix)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockSession
from tests.e2e.test_mock_auth import auth_project, mock_options
from tests.e2e.test_mock_session import Recorder

ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = ROOT / "tests" / "browser"
WEB_DIR = ROOT / "tests" / "js" / "auth" / "web"

pytestmark = pytest.mark.e2e


def spki_hash(certificate: Path) -> str:
    cert = x509.load_pem_x509_certificate(certificate.read_bytes())
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


async def run(*args: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, stderr.decode()[-3000:]
    return stdout.decode()


async def drive(recorder: Recorder, *args: str) -> dict[str, Any]:
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(BROWSER_DIR / "auth_flow.test.mjs"),
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdin is not None and proc.stderr is not None
    try:
        while True:
            try:
                line = await asyncio.wait_for(proc.stdout.readline(), 120)
            except TimeoutError:
                proc.kill()
                raise AssertionError((await proc.stderr.read()).decode()[-4000:]) from None
            assert line, (await proc.stderr.read()).decode()[-3000:] if proc.stderr else ""
            message = json.loads(line)
            if "needCode" not in message:
                result: dict[str, Any] = message
                break
            user = message["needCode"]
            printed = next(m for _l, m in recorder.lines if f"code for user {user}:" in m)
            proc.stdin.write(printed.rsplit(": ", 1)[1].encode() + b"\n")
            await proc.stdin.drain()
        await asyncio.wait_for(proc.wait(), 60)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0
    return result


async def test_web_app_signs_in_and_gets_its_subscription_over_wss(tmp_path: Path) -> None:
    assert shutil.which("chromium"), "run .ci/setup.d/chromium.sh (apt package chromium)"
    assert (BROWSER_DIR / "node_modules" / "playwright-core").is_dir()
    assert (WEB_DIR.parent / "node_modules" / "esbuild").is_dir(), "run npm-packages.sh"
    recorder = Recorder()
    root = auth_project(tmp_path)
    session = MockSession(load_mock_project(root), mock_options(), recorder)
    await session.start()
    site_dir, artifacts = tmp_path / "site", tmp_path / "artifacts"
    site_dir.mkdir()
    artifacts.mkdir()
    runner = web.AppRunner(web.Application())
    try:
        await run(
            "node", str(WEB_DIR / "build.mjs"), str(root / "src" / "aws-exports.js"), str(site_dir)
        )
        runner.app.router.add_static("/", site_dir)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        assert session.local_ca is not None
        certificate = session.local_ca.with_name("localhost.pem")
        result = await drive(
            recorder, f"http://127.0.0.1:{port}/index.html", spki_hash(certificate), str(artifacts)
        )
    finally:
        await runner.cleanup()
        await session.stop()
    assert result["pageErrors"] == []
    expected = {
        "signUp": "CONFIRM_SIGN_UP",
        "confirm": "DONE",
        "signIn": True,
        "subscribed": True,
        "owner": True,
        "subscriptionEvent": True,
        "ownRead": True,
        "signOut": True,
    }
    assert {k: result[k] for k in expected} == expected, result
    assert result["otherUser"]["errorType"] == "Unauthorized", result
    assert result["otherUser"]["error"] == "Not Authorized to access getBlog on type Query"
    assert len(result["screenshots"]) == 3
    for path in result["screenshots"]:
        assert Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
