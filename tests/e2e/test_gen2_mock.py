"""`amplify mock` in the Gen 2 example (examples/gen2): aws-amplify v6 configured from the
rewritten amplify_outputs.json, hot reload of resource.ts, and the outputs restored on stop."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.mock.gen2.session import Gen2MockSession
from amplify_mock.mock.options import MockOptions
from tests.e2e.test_mock_session import Recorder

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gen2"
MODULES = EXAMPLE / "node_modules"
SCRIPT = ROOT / "tests" / "js" / "gen2" / "gen2_flow.test.mjs"
USERS = [
    {"username": "alice@example.com", "password": "Alice-pass-1"},
    {"username": "bob@example.com", "password": "Bob-pass-1"},
]
ORIGINAL_OUTPUTS = (
    b'{\n  "version": "1.4",\n  "data": {"url": "https://cloud.example/graphql"}\n}\n'
)


def gen2_project(tmp_path: Path) -> Path:
    """A copy of the example (its node_modules linked, not copied) with seed users."""
    assert (MODULES / "aws-amplify").is_dir(), "run .ci/setup.d/npm-packages.sh first"
    root = tmp_path / "app"
    shutil.copytree(
        EXAMPLE,
        root,
        ignore=shutil.ignore_patterns("node_modules", ".amplify", "amplify_outputs.json"),
    )
    (root / "node_modules").symlink_to(MODULES)
    seed = tmp_path / "seed" / "cognito"
    seed.mkdir(parents=True)
    (seed / "users.json").write_text(json.dumps(USERS))
    return root


def options(tmp_path: Path, **changes: Any) -> MockOptions:
    values: dict[str, Any] = {
        "port": 0,
        "dynamodb_port": 0,
        "cognito_port": 0,
        # aws-amplify's testing endpoint for Storage is always http://localhost:20005
        "storage_port": 20005,
        "watch": False,
        "codegen": False,
        "seed_data": tmp_path / "seed",
    }
    values.update(changes)
    return MockOptions(**values)


async def run_flow(session: Gen2MockSession) -> dict[str, Any]:
    assert session.local_ca is not None
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(SCRIPT),
        str(MODULES),
        str(session.project_root / "amplify_outputs.json"),
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(session.local_ca)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await asyncio.wait_for(proc.communicate(), 120)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, stderr.decode()[-3000:]
    result: dict[str, Any] = json.loads(stdout.decode().strip().splitlines()[-1])
    return result


async def test_gen2_example_end_to_end_with_aws_amplify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gen2_project(tmp_path)
    (root / "amplify_outputs.json").write_bytes(ORIGINAL_OUTPUTS)
    recorder = Recorder()
    session = Gen2MockSession(root, options(tmp_path), recorder)
    await session.start()
    try:
        result = await run_flow(session)
    finally:
        await session.stop()
    assert (root / "amplify_outputs.json").read_bytes() == ORIGINAL_OUTPUTS
    # the example's .gitignore has `.amplify` (as create-amplify writes it): left as it is
    assert (root / ".gitignore").read_text() == (EXAMPLE / ".gitignore").read_text()
    owner = result["create"]["owner"]
    expected = {
        "signIn": True,
        "subscribed": True,
        "create": {"content": "buy milk", "owner": owner},
        "subscriptionEvent": True,
        "list": ["buy milk"],
        "relation": {"belongsTo": "buy milk", "hasMany": ["skimmed"]},
        "sayHello": "Hello, Alice!",
        "addTodo": {"content": "from APPSYNC_JS", "done": False, "owner": owner},
        "upload": {"path": "public/notes/alice.txt", "listed": ["public/notes/alice.txt"]},
        "privateUpload": "alice only",
        "bobIdentity": True,
        "bobReadsAlicesPrivateFile": {"error": "AccessDenied: Access Denied"},
        "guestReadsPublic": "hello from alice",
        "guestUploadsPublic": {"error": "AccessDenied: Access Denied"},
        "guestCreatesTodo": {
            "error": "Unauthorized: Not Authorized to access createTodo on type Mutation"
        },
        "bobReadsAlicesTodo": {
            "error": "Unauthorized: Not Authorized to access getTodo on type Query"
        },
    }
    assert {key: result.get(key) for key in expected} == expected, result
    stored = root / ".amplify" / "mock-data" / "S3" / "todofiles-local"
    assert (stored / "public" / "notes" / "alice.txt").read_text() == "hello from alice"
    assert not (stored / "public" / "notes" / "guest.txt").exists()
    # the storage trigger (onUpload) ran the TypeScript function for each upload
    printed = capsys.readouterr().out.splitlines()
    assert "[on-upload] uploaded todofiles-local/public/notes/alice.txt (16 bytes)" in printed


async def wait_for_line(recorder: Recorder, text: str, start: int, timeout: float = 30) -> str:
    """The first message at or after index `start` containing `text` (polls)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for _level, message in recorder.lines[start:]:
            if text in message:
                return message
        await asyncio.sleep(0.05)
    raise AssertionError(f"no {text!r} in:\n{recorder.text()}")


def todo_fields(session: Gen2MockSession) -> set[str]:
    assert session.running.appsync is not None
    todo = session.running.appsync.holder.state.schema.get_type("Todo")
    return set(getattr(todo, "fields", {}))


async def test_gen2_hot_reload_of_resource_and_handler(tmp_path: Path) -> None:
    root = gen2_project(tmp_path)
    recorder = Recorder()
    session = Gen2MockSession(root, options(tmp_path, storage_port=0, watch=True), recorder)
    await session.start()
    try:
        assert session.running.runner is not None
        event = {"arguments": {"name": "Ada"}}
        assert await session.running.runner.invoke("say-hello", event) == "Hello, Ada!"
        assert "priority" not in todo_fields(session)
        resource = root / "amplify" / "data" / "resource.ts"
        source = resource.read_text()
        mark = len(recorder.lines)
        resource.write_text(
            source.replace("done: a.boolean(),", "done: a.boolean(),\n      priority: a.integer(),")
        )
        await wait_for_line(recorder, "Reloaded in", mark)
        assert "priority" in todo_fields(session)
        # a syntax error: file:line:col, and the last good backend keeps serving
        mark = len(recorder.lines)
        serving = session.running.appsync.holder.state if session.running.appsync else None
        resource.write_text(source.replace("done: a.boolean(),", "done: a.boolean(,"))
        error = await wait_for_line(recorder, "Reloading failed", mark)
        assert f"{resource}:" in error, error
        assert session.running.appsync is not None
        assert session.running.appsync.holder.state is serving
        # a handler edit: bundled again, the next invocation runs the new code
        mark = len(recorder.lines)
        handler = root / "amplify" / "functions" / "say-hello" / "handler.ts"
        handler.write_text(
            handler.read_text().replace("`${env.GREETING}, ", "`${env.GREETING} again, ")
        )
        await wait_for_line(recorder, "Reloaded in", mark)
        assert await session.running.runner.invoke("say-hello", event) == "Hello again, Ada!"
    finally:
        await session.stop()


MOCK = (sys.executable, "-m", "amplify_mock", "mock", "api", "--port", "0", "--no-watch")


def start_cli(root: Path) -> tuple[subprocess.Popen[str], list[str]]:
    (root / "amplify" / "mock.json").write_text(
        json.dumps({"dynamoDbPort": 0, "cognitoPort": 0, "storagePort": 0})
    )
    process = subprocess.Popen(
        MOCK,
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,
    )
    lines: list[str] = []
    assert process.stdout is not None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if "amplify_outputs.json points at the local endpoints" in line:
            return process, lines
    process.kill()
    raise AssertionError("mock did not become ready:\n" + "\n".join(lines))


def test_gen2_cli_restores_outputs_on_sigterm_and_after_kill_9(tmp_path: Path) -> None:
    root = gen2_project(tmp_path)
    outputs = root / "amplify_outputs.json"
    outputs.write_bytes(ORIGINAL_OUTPUTS)
    process, lines = start_cli(root)
    url = json.loads(outputs.read_text())["API"]["GraphQL"]["endpoint"]
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": "{ listTodos { items { id } } }"}).encode(),
        headers={"content-type": "application/json", "x-api-key": "da2-fakeApiId123456"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.load(response)
    assert body["errors"][0]["errorType"] == "Unauthorized", body
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0, "\n".join(lines) + out
    assert outputs.read_bytes() == ORIGINAL_OUTPUTS
    # kill -9 leaves the rewritten file; the next start (or --restore-config) repairs it
    process, lines = start_cli(root)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert outputs.read_bytes() != ORIGINAL_OUTPUTS
    restored = subprocess.run(
        (sys.executable, "-m", "amplify_mock", "mock", "--restore-config"),
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.splitlines() == ["Restored amplify_outputs.json"]
    assert outputs.read_bytes() == ORIGINAL_OUTPUTS


async def test_gen2_seed_data_and_reset(tmp_path: Path) -> None:
    """Seeded users persist under .amplify/mock-data; --reset empties tables and objects."""
    root = gen2_project(tmp_path)
    session = Gen2MockSession(root, options(tmp_path, storage_port=0), Recorder())
    await session.start()
    try:
        client = session.running.dynamodb_client
        assert client is not None and session.running.cognito is not None
        tables = (await client.call("ListTables", {}))["TableNames"]
        todo_table = next(name for name in tables if name.startswith("Todo"))
        await client.call("PutItem", {"TableName": todo_table, "Item": {"id": {"S": "t1"}}})
        bucket = root / ".amplify" / "mock-data" / "S3" / "todofiles-local"
        assert bucket.is_dir()
        (bucket / "public").mkdir(exist_ok=True)
        (bucket / "public" / "kept-until-reset.txt").write_text("x")
        users = session.running.cognito.pool.store.users
        assert len(users) == 2
    finally:
        await session.stop()
    recorder = Recorder()
    session = Gen2MockSession(
        root, options(tmp_path, storage_port=0, reset=True, seed_data=None), recorder
    )
    await session.start()
    try:
        client = session.running.dynamodb_client
        assert client is not None and session.running.cognito is not None
        scanned = await client.call("Scan", {"TableName": todo_table})
        assert scanned["Items"] == []
        assert not (bucket / "public" / "kept-until-reset.txt").exists()
        # users are not mock data that --reset clears (as for Gen 1)
        assert len(session.running.cognito.pool.store.users) == 2
        assert "Mock data cleared (tables and storage objects)." in recorder.text("info")
    finally:
        await session.stop()
