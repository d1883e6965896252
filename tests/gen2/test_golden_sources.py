"""Each Gen 2 golden case's schema is what its project's resource.ts gives through the Node
step, and its options are the data construct's settings for that project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amplify_mock.gen2 import data_transform_options, load_backend
from tests.gen2.conftest import PROJECTS
from tests.transformer.v2.golden_support import GOLDEN_DIR

CASES = sorted(p.name for p in PROJECTS.iterdir() if (p / "amplify" / "backend.ts").is_file())


def test_golden_sources_every_project_has_a_case() -> None:
    golden = {p.name for p in GOLDEN_DIR.glob("gen2-*")}
    assert {f"gen2-{name}" for name in CASES} == golden
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", CASES)
def test_golden_sources_resource_ts_gives_the_case_schema(name: str, node_modules: Path) -> None:
    case = GOLDEN_DIR / f"gen2-{name}"
    data = load_backend(PROJECTS / name, node_modules=node_modules).data
    assert data is not None
    assert data.schema == (case / "schema.graphql").read_text(encoding="utf-8")
    assert data_transform_options(data) == json.loads((case / "options.json").read_text())
