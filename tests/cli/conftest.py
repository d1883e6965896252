"""CLI test fixtures: an isolated home and a project folder passed via AMPLIFY_PROJECT_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.project.conftest import isolated_home  # noqa: F401  (autouse fixture)


@pytest.fixture
def app_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "myapp"
    root.mkdir()
    monkeypatch.setenv("AMPLIFY_PROJECT_DIR", str(root))
    return root
