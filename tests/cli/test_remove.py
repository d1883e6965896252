"""`amplify remove <category> [name]` and `amplify <category> remove`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.cli.conftest import run_ok


def _config(app: Path) -> dict[str, object]:
    return dict(json.loads((app / "amplify/backend/backend-config.json").read_text()))


def test_remove_named_resource_headless(initialized: Path) -> None:
    run_ok("add", "function", "--name", "one", "--runtime", "nodejs")
    run_ok("add", "function", "--name", "two", "--runtime", "nodejs")
    output = run_ok("remove", "function", "one", "--yes")
    assert "Successfully removed resource one locally" in output
    assert list(_config(initialized)["function"]) == ["two"]  # type: ignore[call-overload]
    assert not (initialized / "amplify/backend/function/one").exists()


def test_remove_interactive_choice_and_confirm(initialized: Path) -> None:
    run_ok("add", "function", "--name", "one", "--runtime", "nodejs")
    run_ok("add", "function", "--name", "two", "--runtime", "nodejs")
    output = run_ok("function", "remove", stdin="two\ny\n")
    assert "Choose the resource you would want to remove (one, two):" in output
    assert "Are you sure you want to delete the resource?" in output
    assert list(_config(initialized)["function"]) == ["one"]  # type: ignore[call-overload]
    declined = run_ok("remove", "function", stdin="n\n")
    assert "Nothing removed." in declined
    assert list(_config(initialized)["function"]) == ["one"]  # type: ignore[call-overload]


def test_remove_errors(initialized: Path) -> None:
    result = CliRunner().invoke(cli, ["remove", "storage", "--yes"])
    assert result.exit_code == 1
    assert "Invalid value for storage: no storage resource to remove in this project." in (
        result.output
    )
    run_ok("add", "function", "--name", "one", "--runtime", "nodejs")
    run_ok("add", "function", "--name", "two", "--runtime", "nodejs")
    several = CliRunner().invoke(cli, ["remove", "function", "--yes"])
    assert several.exit_code == 1
    assert "the project has several function resources (one, two)" in several.output
    unknown = CliRunner().invoke(cli, ["remove", "function", "nope", "--yes"])
    assert unknown.exit_code == 1
    assert "The function resource 'nope' does not exist in this project." in unknown.output


def test_remove_refuses_a_resource_others_depend_on(initialized: Path) -> None:
    run_ok("add", "function", "--name", "trig", "--runtime", "nodejs")
    run_ok(
        "add", "storage", "--name", "files", "--bucket", "files", "--auth-access", "READ",
        "--guest-access", "", "--trigger-function", "trig",
    )  # fmt: skip
    result = CliRunner().invoke(cli, ["remove", "function", "trig", "--yes"])
    assert result.exit_code == 1
    assert "Resource cannot be removed because storage/files depends on it." in result.output
    assert "trig" in _config(initialized)["function"]  # type: ignore[operator]
