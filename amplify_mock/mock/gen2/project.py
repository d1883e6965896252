"""Where a Gen 2 project is (`amplify/backend.ts`) and where its mock keeps its data.

Everything the mock writes goes under `.amplify/mock-data/` (tables, objects, the local
Cognito's users, the compiled API, the bundled functions, the outputs backup), which the
project's .gitignore gets on the first run (Gen 2 projects usually ignore `.amplify` already).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from amplify_mock.base.files import write_text

__all__ = [
    "GITIGNORE_LINE",
    "Gen2Paths",
    "add_mock_data_to_gitignore",
    "find_gen2_root",
    "mock_region",
]

#: The mock's data folder, as the .gitignore line that keeps it out of git.
GITIGNORE_LINE = ".amplify/mock-data"


def find_gen2_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `amplify/backend.ts`, or None."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / "amplify" / "backend.ts").is_file():
            return folder
        if (folder / "amplify" / ".config" / "project-config.json").is_file():
            return None  # a Gen 1 project
    return None


def mock_region() -> str:
    """The region the local services answer for: `AWS_REGION`, else us-east-1."""
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"


@dataclass(frozen=True)
class Gen2Paths:
    """The mock's folders for one Gen 2 project."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / ".amplify" / "mock-data"

    @property
    def dynamodb_dir(self) -> Path:
        return self.data_dir / "dynamodb"

    @property
    def s3_dir(self) -> Path:
        return self.data_dir / "S3"

    @property
    def cognito_dir(self) -> Path:
        return self.data_dir / "cognito"

    @property
    def build_dir(self) -> Path:
        """The compiled data API (the v2 transformer's output), rebuilt on each change."""
        return self.data_dir / "api-build"

    @property
    def bundle_dir(self) -> Path:
        return self.data_dir / "functions"


def add_mock_data_to_gitignore(project_root: Path) -> bool:
    """Append `.amplify/mock-data` to the project's .gitignore (creating it) unless it, or
    `.amplify` as a whole, is ignored already; True when a line was added."""
    path = project_root / ".gitignore"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    present = {line.strip().strip("/") for line in text.splitlines()}
    if present & {".amplify", GITIGNORE_LINE, ".amplify/*"}:
        return False
    separator = "" if text.endswith("\n") or not text else "\n"
    write_text(path, text + separator + GITIGNORE_LINE + "\n")
    return True
