"""Writes mock variants of the app's config files and restores the originals byte for byte.

The original bytes are saved in a manifest first (base64, with the hash of what the mock
wrote), so a mock killed with `kill -9` is repaired on the next start or by
`--restore-config`. A file that changed since the mock wrote it (the user, an `amplify push`,
an `ampx` run) is kept: the restore never overwrites work it did not write.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from pathlib import Path

from amplify_mock.base.files import write_text
from amplify_mock.errors import AmplifyMockError

__all__ = ["ConfigBackup", "ConfigRestoreError", "PlannedFile"]

LOG = logging.getLogger(__name__)

#: a config file: its path, its original bytes (None: it did not exist), the mock's bytes
PlannedFile = tuple[Path, bytes | None, bytes]


class ConfigRestoreError(AmplifyMockError):
    """The backup manifest itself is unreadable, so nothing can be restored from it."""

    def __init__(self, manifest: Path, reason: str) -> None:
        super().__init__(
            f"Cannot restore the frontend config from {manifest}: {reason}",
            "Check the app's config file (aws-exports.js, amplify_outputs.json) by hand, "
            "then delete that file.",
        )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _write_bytes(path: Path, data: bytes) -> None:
    write_text(path, data.decode("utf-8"))


class ConfigBackup:
    """The files one mock run rewrote, recorded in `manifest` (relative to `project_root`)."""

    def __init__(self, project_root: Path, manifest: Path) -> None:
        self.project_root = project_root
        self.manifest = project_root / manifest

    def write(self, planned: list[PlannedFile]) -> list[Path]:
        """Save the originals in the manifest, then write the mock variants.

        The caller computes every new text first, so a file that cannot be rewritten
        leaves every config file untouched.
        """
        entries = {
            str(path.relative_to(self.project_root)): {
                "original": None if original is None else base64.b64encode(original).decode(),
                "mockedSha256": _sha256(mocked),
            }
            for path, original, mocked in planned
        }
        write_text(self.manifest, json.dumps({"files": entries}, indent=2) + "\n")
        for path, _original, mocked in planned:
            _write_bytes(path, mocked)
        return [path for path, _o, _m in planned]

    def restore(self) -> list[Path]:
        """Restore every file the manifest lists; returns those restored.

        :raises ConfigRestoreError: the manifest exists but cannot be read.
        """
        raw = read_bytes(self.manifest)
        if raw is None:
            return []
        try:
            files = json.loads(raw)["files"]
        except (ValueError, KeyError, TypeError) as err:
            raise ConfigRestoreError(self.manifest, f"not a backup manifest ({err})") from err
        restored: list[Path] = []
        for relative, entry in files.items():
            path = self.project_root / relative
            current = read_bytes(path)
            if current is not None and _sha256(current) != entry["mockedSha256"]:
                LOG.warning("%s changed while mocking; keeping the new version", path)
                continue
            original = entry["original"]
            if original is None:
                path.unlink(missing_ok=True)
            else:
                _write_bytes(path, base64.b64decode(original))
            restored.append(path)
        self.manifest.unlink()
        return restored
