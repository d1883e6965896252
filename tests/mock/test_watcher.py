"""The debounced watchdog watcher: one batch per burst of writes, ignores, errors."""

from __future__ import annotations

import asyncio
from pathlib import Path

from amplify_mock.mock.watcher import ProjectWatcher


async def wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


async def test_hot_reload_delivers_a_burst_as_one_batch(tmp_path: Path) -> None:
    batches: list[frozenset[Path]] = []

    async def on_change(paths: frozenset[Path]) -> None:
        batches.append(paths)

    watcher = ProjectWatcher([tmp_path], on_change, loop=asyncio.get_running_loop(), debounce=0.3)
    watcher.start()
    try:
        target = tmp_path / "Query.getTodo.req.vtl"
        with target.open("w") as handle:  # a slow, multi-part write
            handle.write("#set($x = 1)\n")
            handle.flush()
            await asyncio.sleep(0.05)
            handle.write("$util.toJson($x)\n")
        (tmp_path / "schema.graphql").write_text("type Todo { id: ID! }\n")
        await wait_for(lambda: batches)
        await asyncio.sleep(0.5)
        assert len(batches) == 1
        assert {p.name for p in batches[0]} >= {"Query.getTodo.req.vtl", "schema.graphql"}
        assert target.read_text().endswith("$util.toJson($x)\n")
    finally:
        await watcher.stop()


async def test_hot_reload_ignores_build_and_editor_files(tmp_path: Path) -> None:
    batches: list[frozenset[Path]] = []

    async def on_change(paths: frozenset[Path]) -> None:
        batches.append(paths)

    (tmp_path / "build").mkdir()
    watcher = ProjectWatcher([tmp_path], on_change, loop=asyncio.get_running_loop(), debounce=0.05)
    watcher.start()
    try:
        (tmp_path / "build" / "schema.graphql").write_text("x")
        (tmp_path / ".schema.graphql.swp").write_text("x")
        (tmp_path / "real.vtl").write_text("x")
        await wait_for(lambda: batches)
        await asyncio.sleep(0.2)
        names = {p.name for batch in batches for p in batch}
        assert names == {"real.vtl"}
    finally:
        await watcher.stop()


async def test_hot_reload_root_named_build_is_still_watched(tmp_path: Path) -> None:
    root = tmp_path / "build" / "project"
    root.mkdir(parents=True)
    batches: list[frozenset[Path]] = []

    async def on_change(paths: frozenset[Path]) -> None:
        batches.append(paths)

    watcher = ProjectWatcher([root], on_change, loop=asyncio.get_running_loop(), debounce=0.05)
    watcher.start()
    try:
        (root / "schema.graphql").write_text("x")
        await wait_for(lambda: batches)
        assert {p.name for p in batches[0]} == {"schema.graphql"}
    finally:
        await watcher.stop()


async def test_hot_reload_failing_callback_keeps_watching(tmp_path: Path) -> None:
    calls: list[int] = []

    async def on_change(paths: frozenset[Path]) -> None:
        calls.append(len(paths))
        if len(calls) == 1:
            raise RuntimeError("broken reload")

    watcher = ProjectWatcher([tmp_path], on_change, loop=asyncio.get_running_loop(), debounce=0.05)
    watcher.start()
    try:
        (tmp_path / "a.vtl").write_text("x")
        await wait_for(lambda: len(calls) == 1)
        await asyncio.sleep(0.2)
        (tmp_path / "b.vtl").write_text("y")
        await wait_for(lambda: len(calls) == 2)
    finally:
        await watcher.stop()
