"""The `.gitignore` block `amplify init` appends (or creates) at the project root."""

from __future__ import annotations

from pathlib import Path

from amplify_mock.base.files import write_text

__all__ = ["GITIGNORE_ENTRIES", "update_gitignore"]

_BEGIN = "#amplify-do-not-edit-begin"
_END = "#amplify-do-not-edit-end"

GITIGNORE_ENTRIES = (
    "amplify/\\#current-cloud-backend",
    "amplify/.config/local-*",
    "amplify/logs",
    "amplify/mock-data",
    "amplify/mock-api-resources",
    "amplify/backend/amplify-meta.json",
    "amplify/backend/.temp",
    "build/",
    "dist/",
    "node_modules/",
    "aws-exports.js",
    "awsconfiguration.json",
    "amplifyconfiguration.json",
    "amplifyconfiguration.dart",
    "amplify-build-config.json",
    "amplify-gradle-config.json",
    "amplifytools.xcconfig",
    ".secret-*",
    "**.sample",
)


def update_gitignore(project_root: Path) -> Path:
    """Create `.gitignore` or replace the Amplify block in it, keeping the user's lines."""
    path = project_root / ".gitignore"
    block = "\n".join((_BEGIN, *GITIGNORE_ENTRIES, _END)) + "\n"
    if not path.exists():
        write_text(path, block)
        return path
    text = path.read_text(encoding="utf-8")
    if _BEGIN in text and _END in text:
        before, rest = text.split(_BEGIN, 1)
        after = rest.split(_END, 1)[1].lstrip("\n")
        text = before + block + after
    else:
        text = text + ("" if text.endswith("\n") or not text else "\n") + "\n" + block
    write_text(path, text)
    return path
