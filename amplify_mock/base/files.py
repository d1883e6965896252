"""Atomic file writes and JSON reads: every project and per-user file goes through here."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from amplify_mock.errors import AmplifyMockError

__all__ = [
    "ProjectFileError",
    "copy_tree_atomic",
    "read_json",
    "remove_tree",
    "removed_on_failure",
    "write_bytes",
    "write_json",
    "write_text",
]


class ProjectFileError(AmplifyMockError):
    """A project or per-user file is missing or unreadable."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Could not read {path}: {reason}.", "Fix or restore the file.")
        self.path = path


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to a temp file beside `path` and rename it over `path`.

    A crash or an exception half way leaves either the old file or the new one, never a
    truncated file, so the `amplify/` tree stays readable after a failed command.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Atomically write UTF-8 text (see `write_bytes`)."""
    write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: Any) -> None:
    """Write `data` as JSON indented with 4 spaces, as the Amplify CLI does."""
    write_text(path, json.dumps(data, indent=4) + "\n")


def read_json(path: Path, default: Any = None) -> Any:
    """Read a JSON file; a missing file gives `default` when one is given.

    :raises ProjectFileError: the file is missing (and no default) or is not valid JSON.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        if default is not None:
            return default
        raise ProjectFileError(path, "the file does not exist") from err
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ProjectFileError(path, f"invalid JSON at line {err.lineno}: {err.msg}") from err


def copy_tree_atomic(source: Path, target: Path, *, ignore: tuple[str, ...] = ()) -> None:
    """Replace `target` with a copy of `source`: copy beside it, then swap with renames."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        shutil.copytree(
            source, staging / "tree", ignore=shutil.ignore_patterns(*ignore) if ignore else None
        )
        old = staging / "old"
        if target.exists():
            os.replace(target, old)
        os.replace(staging / "tree", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_tree(path: Path) -> None:
    """Remove a directory tree if it exists."""
    if path.exists():
        shutil.rmtree(path)


@contextlib.contextmanager
def removed_on_failure(path: Path) -> Iterator[None]:
    """Remove `path` when the block fails and `path` did not exist before it, so a failed
    `amplify init` or `amplify pull` leaves no half-written `amplify/` folder behind."""
    existed = path.exists()
    try:
        yield
    except BaseException:
        if not existed:
            shutil.rmtree(path, ignore_errors=True)
        raise
