"""Finding a Gen 2 project and keeping the mock's data out of git."""

from __future__ import annotations

from pathlib import Path

from amplify_mock.mock.gen2.project import add_mock_data_to_gitignore, find_gen2_root


def test_gen2_root_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "amplify").mkdir()
    (tmp_path / "amplify" / "backend.ts").write_text("")
    (tmp_path / "src" / "app").mkdir(parents=True)
    assert find_gen2_root(tmp_path / "src" / "app") == tmp_path


def test_gen2_root_not_found_in_a_gen1_project(tmp_path: Path) -> None:
    (tmp_path / "amplify" / ".config").mkdir(parents=True)
    (tmp_path / "amplify" / ".config" / "project-config.json").write_text("{}")
    assert find_gen2_root(tmp_path) is None


def test_gen2_gitignore_gets_the_mock_data_once(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("node_modules")
    assert add_mock_data_to_gitignore(tmp_path) is True
    assert add_mock_data_to_gitignore(tmp_path) is False
    assert (tmp_path / ".gitignore").read_text() == "node_modules\n.amplify/mock-data\n"


def test_gen2_gitignore_left_alone_when_amplify_folder_is_ignored(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("# amplify\n.amplify\n")
    assert add_mock_data_to_gitignore(tmp_path) is False
    assert (tmp_path / ".gitignore").read_text() == "# amplify\n.amplify\n"
