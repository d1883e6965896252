"""Project file helpers: removing a half-written folder after a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.base.files import removed_on_failure, write_json


def test_removed_on_failure_removes_folder_the_block_created(tmp_path: Path) -> None:
    folder = tmp_path / "amplify"
    with pytest.raises(RuntimeError, match=r"^boom$"), removed_on_failure(folder):
        write_json(folder / "backend" / "backend-config.json", {})
        raise RuntimeError("boom")
    assert not folder.exists()


def test_removed_on_failure_keeps_folder_that_existed(tmp_path: Path) -> None:
    folder = tmp_path / "amplify"
    write_json(folder / "team-provider-info.json", {})
    with pytest.raises(RuntimeError, match=r"^boom$"), removed_on_failure(folder):
        raise RuntimeError("boom")
    assert (folder / "team-provider-info.json").is_file()


def test_removed_on_failure_keeps_folder_on_success(tmp_path: Path) -> None:
    folder = tmp_path / "amplify"
    with removed_on_failure(folder):
        write_json(folder / "cli.json", {})
    assert (folder / "cli.json").is_file()
