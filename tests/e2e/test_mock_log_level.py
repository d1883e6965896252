"""`amplify mock api --log-level ALL|ERROR`: AppSync's log lines, compact on the terminal."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_mock_cli import MockProcess, processes_under, query
from tests.e2e.test_mock_session import DEMO

pytestmark = pytest.mark.e2e

BROKEN = '## broken on purpose\n#set($x = $util.parseJson("{bad"))\n$x\n'


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    yield root
    for pid in processes_under(root):
        os.kill(pid, signal.SIGKILL)


def _stop(mock: MockProcess) -> list[str]:
    mock.process.send_signal(signal.SIGTERM)
    assert mock.finish() == 0
    return mock.lines


def _wait_for_file(path: Path, text: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = path.read_text() if path.is_file() else ""
        if text in content:
            return content
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared in {path}")


def test_mock_log_level_all_prints_every_entry_compactly(project: Path) -> None:
    mock = MockProcess(project, "--log-level", "ALL")
    url = mock.wait_ready()
    created = query(url, 'mutation { createTodo(input: {id: "t1", name: "Milk"}) { id } }')
    assert created == {"data": {"createTodo": {"id": "t1"}}}
    got = query(url, '{ getTodo(id: "t1") { id name } }')
    assert got == {"data": {"getTodo": {"id": "t1", "name": "Milk"}}}
    log_file = project / "amplify" / "mock-data" / "logs" / "appsync.log"
    _wait_for_file(log_file, '"RequestSummary"')
    lines = _stop(mock)
    printed = [line for line in lines if line.startswith("[")]
    request = next(line for line in printed if line.startswith("[RequestMapping] Query.getTodo"))
    assert request.startswith("[RequestMapping] Query.getTodo (getTodo) {") and '"t1"' in request
    data_source = "[DataSourceInvocation] Query.getTodo (getTodo) "
    assert any(line.startswith(data_source) for line in printed)
    assert any(
        line.startswith("[Tracing] Query.getTodo (getTodo) ") and line.endswith("ms ok")
        for line in printed
    )
    assert sum(line.startswith("[RequestSummary] ") for line in printed) == 2
    assert sum(line.startswith("[ExecutionSummary] ") for line in printed) == 2
    entries = [json.loads(line) for line in log_file.read_text().splitlines()]
    types = [e["logType"] for e in entries]
    assert types.count("RequestSummary") == 2 and types.count("Tracing") >= 2


def test_mock_log_level_error_prints_only_the_failing_field(project: Path) -> None:
    resolvers = project / "amplify" / "backend" / "api" / "demoapi" / "resolvers"
    resolvers.mkdir(exist_ok=True)
    (resolvers / "Query.getTodo.res.vtl").write_text(BROKEN)
    mock = MockProcess(project, "--log-level", "ERROR")
    url = mock.wait_ready()
    query(url, 'mutation { createTodo(input: {id: "t1", name: "Milk"}) { id } }')
    got = query(url, '{ getTodo(id: "t1") { id } }')
    assert got["data"] == {"getTodo": None}
    log_file = project / "amplify" / "mock-data" / "logs" / "appsync.log"
    _wait_for_file(log_file, '"fieldInError":true')
    _wait_for_file(log_file, '"statusCode":200')
    lines = _stop(mock)
    printed = [line for line in lines if line.startswith("[")]
    failed = [line for line in printed if "error: " in line]
    assert failed, "\n".join(lines)
    assert all(" Query.getTodo (getTodo)" in line for line in failed)
    assert failed[0].endswith("Query.getTodo.res.vtl:2:1")
    assert not any(line.startswith("[RequestMapping] Mutation.createTodo") for line in printed)
    # the terminal shows the request-level entries of the failed request only
    assert sum(line.startswith("[RequestSummary] ") for line in printed) == 1
