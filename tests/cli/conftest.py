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


@pytest.fixture
def initialized(app_dir: Path) -> Path:
    from click.testing import CliRunner

    from amplify_mock.cli.main import cli

    result = CliRunner().invoke(cli, ["init", "--amplify", '{"envName":"dev"}', "--yes"])
    assert result.exit_code == 0, result.output
    return app_dir


def run_ok(*args: str, stdin: str | None = None) -> str:
    from click.testing import CliRunner

    from amplify_mock.cli.main import cli

    result = CliRunner().invoke(cli, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output
