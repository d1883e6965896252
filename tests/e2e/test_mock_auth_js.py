"""aws-amplify v6 (6.8.2 and the latest 6.x) signs up, confirms, signs in with SRP, calls an
owner-protected mutation and signs out against `amplify mock`, configured only from the
rewritten aws-exports.js."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockSession
from tests.e2e.test_mock_auth import auth_project, mock_options
from tests.e2e.test_mock_session import Recorder

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "js" / "auth" / "auth_flow.test.mjs"
LATEST = ROOT / "tests" / "js" / "auth" / "node_modules"
PINNED = ROOT / "tests" / "js" / "appsync" / "node_modules"  # aws-amplify 6.8.2


async def run_flow(modules: Path, session: MockSession, recorder: Recorder) -> dict[str, Any]:
    assert (modules / "aws-amplify").is_dir(), "run .ci/setup.d/npm-packages.sh first"
    assert session.local_ca is not None and session.local_ca.is_file()
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(SCRIPT),
        str(modules),
        str(session.project.root / "src" / "aws-exports.js"),
        env={
            **os.environ,
            "NODE_EXTRA_CA_CERTS": str(session.local_ca),
            "STORAGE_FIX": "1" if modules == LATEST else "0",
        },
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdin is not None
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), 60)
        username = json.loads(line)["needCode"]
        printed = next(m for _l, m in recorder.lines if f"code for user {username}:" in m)
        proc.stdin.write(printed.rsplit(": ", 1)[1].encode() + b"\n")
        await proc.stdin.drain()
        stdout, stderr = await asyncio.wait_for(proc.communicate(), 60)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, stderr.decode()[-3000:]
    result: dict[str, Any] = json.loads(stdout.decode().strip().splitlines()[-1])
    return result


GEO = {
    "maps": {"items": {"demomap-dev": {"style": "VectorEsriStreets"}}, "default": "demomap-dev"},
    "searchIndices": {"items": ["demoplaces-dev"], "default": "demoplaces-dev"},
}


def add_geo(exports: Path) -> None:
    """Puts a Geo category into aws-exports.js as `amplify push` writes it."""
    geo = {
        "amazon_location_service": {
            "region": "us-east-1",
            "maps": GEO["maps"],
            "search_indices": GEO["searchIndices"],
        }
    }
    text = exports.read_text()
    head, tail = text.split("const awsmobile = ", 1)
    body, rest = tail.split("};", 1)
    config = json.loads(body + "}")
    config["geo"] = geo
    exports.write_text(f"{head}const awsmobile = {json.dumps(config, indent=4)};{rest}")


@pytest.mark.parametrize("modules", [LATEST, PINNED], ids=["latest", "6.8.2"])
async def test_aws_amplify_auth_flow(modules: Path, tmp_path: Path) -> None:
    recorder = Recorder()
    root = auth_project(tmp_path)
    if modules == PINNED:
        # 6.8.x has no identityPoolEndpoint: its fetchAuthSession would dial the real
        # cognito-identity endpoint and fail, so the identity pool stays out of the config
        (root / "amplify" / "mock.json").write_text('{"frontendIdentityPool": false}')
    add_geo(root / "src" / "aws-exports.js")
    # aws-amplify's testing endpoint for Storage is always http://localhost:20005
    storage_port = 20005 if modules == LATEST else 0
    session = MockSession(
        load_mock_project(root), mock_options(storage_port=storage_port), recorder
    )
    await session.start()
    try:
        result = await run_flow(modules, session, recorder)
    finally:
        await session.stop()
    expected = {
        "signUpStep": "CONFIRM_SIGN_UP",
        "confirmStep": "DONE",
        "wrongPassword": "NotAuthorizedException: Incorrect username or password.",
        "signedIn": True,
        "tokenUse": "access",
        "email": f"{result['currentUser']}@example.com",
        "owner": True,
        "subscriptionEvent": True,
        "afterSignOut": "UserUnAuthenticatedException",
        "geo": GEO,
    }
    assert {k: result[k] for k in expected} == expected, result
    if modules == PINNED:
        assert result["version"] == "6.8.2"
        assert (result["identityId"], result["accessKeyId"]) == (None, None)
    else:
        # 6.9+ reads identityPoolEndpoint: signed-in credentials come from the local pool
        assert result["identityId"].startswith("us-east-1:")
        assert result["accessKeyId"] == "ASIAVJKIAM-AuthRole"
        # with the upstream one-line fix, Storage reaches the local S3 with the local
        # identity pool's credentials and identity id
        assert result["storage"] == f"note of {result['currentUser']}"
        stored = session.project.mock_data_dir / "S3" / "demofiles-dev" / "private"
        assert (stored / result["identityId"] / "note.txt").read_text() == result["storage"]
