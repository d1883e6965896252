"""`amplify mock api` as a user runs it: a real process, SIGTERM, kill -9 and restart."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_mock_session import DEMO, SEED, snapshot

pytestmark = pytest.mark.e2e

MOCK_API = (sys.executable, "-m", "amplify_mock", "mock", "api", "--port", "0")
READY = re.compile(r"AppSync Mock endpoint is running at (http://\S+/graphql)")


class MockProcess:
    """`python -m amplify_mock mock api ...` in a project folder, read line by line."""

    def __init__(self, project: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [*MOCK_API, *args],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        self.lines: list[str] = []

    def wait_ready(self, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.lines.append(line.rstrip("\n"))
            match = READY.search(line)
            if match:
                return match.group(1)
        raise AssertionError("mock did not become ready:\n" + "\n".join(self.lines))

    def finish(self, timeout: float = 30.0) -> int:
        out, _ = self.process.communicate(timeout=timeout)
        self.lines.extend(out.splitlines())
        return self.process.returncode


def query(url: str, text: str) -> dict[str, Any]:
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": text}).encode(),
        headers={"content-type": "application/json", "x-api-key": "da2-fakeApiId123456"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body: dict[str, Any] = json.load(response)
        return body


def processes_under(project: Path) -> list[int]:
    """PIDs whose command line or working directory is inside the project (Lambda workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if str(project) in cmdline or cwd.startswith(str(project)):
            found.append(int(entry.name))
    return found


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    yield root
    for pid in processes_under(root):
        os.kill(pid, signal.SIGKILL)


def test_mock_cli_sigterm_stops_and_restores(project: Path) -> None:
    before = snapshot(project)
    mock = MockProcess(project, "--seed-data", str(SEED))
    url = mock.wait_ready()
    body = query(url, '{ getPost(id: "post-1") { title wordCount } }')
    assert body == {"data": {"getPost": {"title": "No Java required", "wordCount": 11}}}
    assert "da2-fakeApiId123456" in (project / "src" / "aws-exports.js").read_text()
    mock.process.send_signal(signal.SIGTERM)
    assert mock.finish() == 0
    assert "Mock servers stopped; the frontend config is restored." in mock.lines
    assert snapshot(project) == before
    deadline = time.monotonic() + 10
    while processes_under(project) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_under(project) == []


def test_mock_cli_kill_9_then_restart_restores(project: Path) -> None:
    before = snapshot(project)
    mock = MockProcess(project, "--seed-data", str(SEED))
    url = mock.wait_ready()
    query(url, 'mutation { createTodo(input: {id: "kept", name: "written before kill"}) { id } }')
    os.killpg(mock.process.pid, signal.SIGKILL)
    mock.finish()
    assert snapshot(project) != before  # aws-exports.js still points at the dead mock

    again = MockProcess(project)
    url = again.wait_ready()
    assert "Restored src/aws-exports.js left by a previous mock run." in again.lines
    body = query(url, '{ getTodo(id: "kept") { name } }')
    assert body == {"data": {"getTodo": {"name": "written before kill"}}}
    again.process.send_signal(signal.SIGINT)
    assert again.finish() == 0
    assert snapshot(project) == before


def test_mock_cli_restore_config_after_kill(project: Path) -> None:
    before = snapshot(project)
    mock = MockProcess(project)
    mock.wait_ready()
    os.killpg(mock.process.pid, signal.SIGKILL)
    mock.finish()
    result = subprocess.run(
        [sys.executable, "-m", "amplify_mock", "mock", "--restore-config"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Restored src/aws-exports.js"
    assert snapshot(project) == before


def test_mock_cli_not_an_amplify_project(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "amplify_mock", "mock", "api"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert f"No Amplify project found in {tmp_path.resolve()}." in result.stderr
    assert "Resolution: Run `amplify init` in the project directory." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_mock_cli_unreadable_https_files(project: Path) -> None:
    before = snapshot(project)
    result = subprocess.run(
        [*MOCK_API, "--https", "missing.key", "missing.cert"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Cannot use the HTTPS key missing.key and certificate missing.cert" in result.stderr
    assert "Resolution: Generate a pair with `openssl req" in result.stderr
    assert snapshot(project) == before
