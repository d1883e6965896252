"""`amplify mock` offers codegen only at a terminal, only when the API has none."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from amplify_mock.cli.mock import _offer_codegen
from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.options import MockOptions

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    (root / ".graphqlconfig.yml").unlink()
    return root


def test_mock_offers_codegen_at_a_terminal(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert _offer_codegen(load_mock_project(project), MockOptions()) is True
    assert "Do you want to generate code for your newly created GraphQL API" in (
        capsys.readouterr().out
    )


def test_mock_codegen_answer_no(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert _offer_codegen(load_mock_project(project), MockOptions()) is False


def test_mock_never_prompts_without_a_terminal(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert _offer_codegen(load_mock_project(project), MockOptions()) is False


def test_mock_does_not_offer_when_configured(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / ".graphqlconfig.yml").write_text("projects: {}\n")
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert _offer_codegen(load_mock_project(project), MockOptions()) is False
