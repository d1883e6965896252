"""Watches project folders with watchdog and hands debounced batches of changes to the loop.

watchdog's first event for a save can arrive before the editor has finished writing the file
(and editors often write a temp file, then rename it). So events are collected until the
folder has been quiet for `debounce` seconds, and only then is the callback called, once,
with every path that changed. The callback runs on the asyncio loop; watchdog's thread only
ever calls `loop.call_soon_threadsafe`.
"""

from __future__ import annotations

import asyncio
import fnmatch
import logging
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

__all__ = ["DEFAULT_IGNORES", "ChangeCallback", "ProjectWatcher"]

LOG = logging.getLogger(__name__)

#: A batch of changed paths (absolute), delivered once the folders are quiet.
ChangeCallback = Callable[[frozenset[Path]], Awaitable[None]]

#: Path parts and file-name patterns never worth a reload: build output, mock data, editor noise.
DEFAULT_IGNORES: tuple[str, ...] = (
    "build",
    "mock-data",
    "mock-api-resources",
    "node_modules",
    "__pycache__",
    ".git",
    "*.swp",
    "*.swx",
    "*~",
    ".#*",
    "*.tmp",
    "4913",  # vim's write probe
)


class _Forwarder(FileSystemEventHandler):
    """Runs on watchdog's thread: forwards each relevant path to the loop, nothing else."""

    def __init__(self, watcher: ProjectWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder's own mtime: its files' events follow
        paths = [event.src_path]
        if getattr(event, "dest_path", ""):
            paths.append(event.dest_path)
        for raw in paths:
            path = Path(raw.decode() if isinstance(raw, bytes) else raw)
            if not self.watcher.is_ignored(path):
                self.watcher.loop.call_soon_threadsafe(self.watcher.notice, path)


class ProjectWatcher:
    """Debounced recursive watcher over a few folders, feeding one async callback."""

    def __init__(
        self,
        roots: Iterable[Path],
        callback: ChangeCallback,
        *,
        loop: asyncio.AbstractEventLoop,
        debounce: float = 0.05,
        ignores: tuple[str, ...] = DEFAULT_IGNORES,
    ) -> None:
        self.roots = [root.resolve() for root in roots]
        self.callback = callback
        self.loop = loop
        self.debounce = debounce
        self.ignores = ignores
        self._pending: set[Path] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._running: asyncio.Task[None] | None = None
        self._observer: Observer | None = None  # type: ignore[valid-type]

    def is_ignored(self, path: Path) -> bool:
        """Match the ignore list against the path below its watched root only."""
        parts = path.parts
        for root in self.roots:
            if path.is_relative_to(root):
                parts = path.relative_to(root).parts
                break
        return any(
            pattern in parts or fnmatch.fnmatch(path.name, pattern) for pattern in self.ignores
        )

    def start(self) -> None:
        """Start watching every root that exists (missing roots are skipped)."""
        observer = Observer()
        handler = _Forwarder(self)
        for root in self.roots:
            if root.is_dir():
                observer.schedule(handler, str(root), recursive=True)
        observer.daemon = True
        observer.start()
        self._observer = observer

    async def stop(self) -> None:
        """Stop the observer thread and wait for a callback that is running."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()
            await asyncio.to_thread(observer.join, 5)
        if self._running is not None:
            await asyncio.gather(self._running, return_exceptions=True)

    def notice(self, path: Path) -> None:
        """Loop side: remember `path` and restart the quiet-period timer."""
        self._pending.add(path)
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self.loop.call_later(self.debounce, self._flush)

    def _flush(self) -> None:
        self._timer = None
        if self._running is not None and not self._running.done():
            # A reload is in progress: try again after it, with everything gathered so far.
            self._timer = self.loop.call_later(self.debounce, self._flush)
            return
        batch, self._pending = frozenset(self._pending), set()
        if batch:
            self._running = self.loop.create_task(self._deliver(batch))

    async def _deliver(self, batch: frozenset[Path]) -> None:
        try:
            await self.callback(batch)
        except Exception:
            LOG.exception("reload after changes to %s failed", sorted(map(str, batch)))
