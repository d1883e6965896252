"""Peer conformance: the Amplify CLI's own mock e2e suite against our transformer + endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from .appsync_peer import PEER_DIR, run_case_file

CASE_FILES = sorted((PEER_DIR / "cases").glob("*.json"))


@pytest.mark.e2e
@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
async def test_appsync_peer_case_file_passes(case_file: Path, tmp_path: Path) -> None:
    result = await run_case_file(case_file, "ours", tmp_path, timeout=300)
    failures = [line for line in result.output.splitlines() if line.startswith("FAIL")]
    assert result.failed == 0, "\n".join(failures) or result.output[-2000:]
    assert result.passed > 0
