"""Warm workers, reloads, fresh processes and timeouts that kill the process tree."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from amplify_mock.simulators.lambda_ import LambdaRunner
from tests.simulators.lambda_.project import add_function

COUNTER = "let count = 0;\nexports.handler = async () => ({ count: ++count, pid: process.pid });\n"


def pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def wait_until_gone(pid: int, seconds: float = 5.0) -> bool:
    """Poll until the process is gone (a child re-parented to init is reaped by init)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not pid_exists(pid):
            return True
        await asyncio.sleep(0.02)
    return False


async def test_runner_warm_worker_keeps_module_state(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "fn", {"src/index.js": COUNTER})
    first = await runner.invoke("fn", {})
    second = await runner.invoke("fn", {})
    assert (first["count"], second["count"]) == (1, 2)
    assert first["pid"] == second["pid"] == runner.worker_pid("fn")


async def test_runner_restarts_worker_when_source_changes(
    runner: LambdaRunner, project: Path
) -> None:
    folder = add_function(project, "fn", {"src/index.js": COUNTER})
    first = await runner.invoke("fn", {})
    index = folder / "src" / "index.js"
    index.write_text(COUNTER.replace("count: ++count", "count: 100 + ++count"))
    stat = index.stat()
    os.utime(index, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = await runner.invoke("fn", {})
    assert second["count"] == 101
    assert second["pid"] != first["pid"]
    assert await wait_until_gone(first["pid"])


async def test_runner_invalidate_starts_new_worker(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "fn", {"src/index.js": COUNTER})
    first = await runner.invoke("fn", {})
    runner.invalidate("fn")
    second = await runner.invoke("fn", {})
    assert second["count"] == 1
    assert second["pid"] != first["pid"]


async def test_runner_fresh_mode_uses_new_process_each_time(project: Path) -> None:
    add_function(project, "fn", {"src/index.js": COUNTER})
    async with LambdaRunner(project, fresh=True) as fresh:
        first = await fresh.invoke("fn", {})
        second = await fresh.invoke("fn", {})
    assert (first["count"], second["count"]) == (1, 1)
    assert first["pid"] != second["pid"]
    assert await wait_until_gone(first["pid"])


async def test_runner_close_stops_workers(runner: LambdaRunner, project: Path) -> None:
    add_function(project, "fn", {"src/index.js": COUNTER})
    pid = (await runner.invoke("fn", {}))["pid"]
    await runner.close()
    assert await wait_until_gone(pid)
    assert runner.worker_pid("fn") is None


@pytest.mark.parametrize("fresh", [False, True], ids=["warm", "fresh"])
async def test_runner_timeout_kills_process_and_its_children(
    project: Path, tmp_path: Path, fresh: bool
) -> None:
    child_pid_file = tmp_path / "child.pid"
    source = (
        "const { spawn } = require('child_process');\n"
        "const fs = require('fs');\n"
        "exports.handler = async (event) => {\n"
        "  const child = spawn('sleep', ['60'], { stdio: 'ignore' });\n"
        "  fs.writeFileSync(event.pidFile, String(child.pid));\n"
        "  await new Promise(() => {});\n"
        "};\n"
    )
    add_function(project, "slow", {"src/index.js": source}, timeout=1)
    async with LambdaRunner(project, fresh=fresh) as runner:
        outcome = await runner.invoke_detailed("slow", {"pidFile": str(child_pid_file)})
        assert outcome.error == {
            "errorType": "Sandbox.Timedout",
            "errorMessage": "Task timed out after 1.00 seconds",
            "stackTrace": [],
        }
        assert outcome.pid is not None
        assert not pid_exists(outcome.pid)
        assert await wait_until_gone(int(child_pid_file.read_text()))
        assert runner.worker_pid("slow") is None


async def test_runner_timeout_override_beats_template(project: Path) -> None:
    source = "def handler(event, context):\n    import time\n    time.sleep(30)\n"
    add_function(project, "pyslow", {"src/index.py": source}, timeout=30)
    async with LambdaRunner(project, timeout=1) as runner:
        outcome = await runner.invoke_detailed("pyslow", {})
    assert outcome.error is not None
    assert outcome.error["errorMessage"] == "Task timed out after 1.00 seconds"
    assert outcome.pid is not None and not pid_exists(outcome.pid)


async def test_runner_works_again_after_timeout(project: Path) -> None:
    source = (
        "exports.handler = async (event) => {\n"
        "  if (event.hang) { await new Promise(() => {}); }\n"
        "  return 'ok';\n"
        "};\n"
    )
    add_function(project, "fn", {"src/index.js": source})
    async with LambdaRunner(project, timeout=1) as runner:
        assert (await runner.invoke_detailed("fn", {"hang": True})).error is not None
        assert await runner.invoke("fn", {}) == "ok"


async def test_runner_process_exit_is_runtime_exit_error(
    runner: LambdaRunner, project: Path
) -> None:
    source = (
        "exports.handler = async (event) => {\n"
        "  if (event.exit) { console.error('bye'); process.exit(3); }\n"
        "  return 'ok';\n"
        "};\n"
    )
    add_function(project, "fn", {"src/index.js": source})
    outcome = await runner.invoke_detailed("fn", {"exit": True})
    assert outcome.error == {
        "errorType": "Runtime.ExitError",
        "errorMessage": "Function fn: Runtime exited with error: exit status 3 "
        "(during the invocation)",
        "stackTrace": ["bye"],
    }
    assert await runner.invoke("fn", {}) == "ok"
