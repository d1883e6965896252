"""A handler's child processes never outlive the runner: its process group is killed on close."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from amplify_mock.simulators.lambda_ import LambdaRunner
from tests.simulators.lambda_.conftest import OutputLines
from tests.simulators.lambda_.project import add_function

#: Starts `sleep 300` (detached from the handler's event loop) and returns its pid.
SPAWNING_HANDLER = (
    "const { spawn } = require('child_process');\n"
    "exports.handler = async () => {\n"
    "  const child = spawn('sleep', ['300'], { stdio: 'ignore' });\n"
    "  child.unref();\n"
    "  return { pid: child.pid };\n"
    "};"
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


async def _wait_gone(pid: int, timeout: float = 5.0) -> bool:
    deadline = asyncio.get_running_loop().time() + timeout
    while _alive(pid):
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("fresh", [False, True], ids=["warm", "fresh"])
async def test_runner_close_kills_handler_children(
    project: Path, output: OutputLines, fresh: bool
) -> None:
    add_function(project, "spawner", {"src/index.js": SPAWNING_HANDLER})
    runner = LambdaRunner(project, output=output, fresh=fresh)
    try:
        result = await runner.invoke("spawner", {})
        child = int(result["pid"])
        if fresh:  # the invocation's process group goes with its process
            assert await _wait_gone(child), f"child {child} outlived its fresh worker"
        else:  # a warm worker keeps its group until the runner closes
            assert _alive(child)
    finally:
        await runner.close()
    assert await _wait_gone(child), f"child {child} outlived the runner"
