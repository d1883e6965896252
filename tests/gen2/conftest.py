"""Gen 2 tests load backends with the packages installed once in examples/gen2 (setup)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = Path(__file__).resolve().parent / "projects"
NODE_MODULES = ROOT / "examples" / "gen2" / "node_modules"


@pytest.fixture
def node_modules() -> Path:
    return NODE_MODULES
