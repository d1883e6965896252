"""`amplify add api | function | storage | auth | hosting` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.cli.conftest import run_ok


def _config(app: Path) -> dict[str, dict[str, object]]:
    return dict(json.loads((app / "amplify/backend/backend-config.json").read_text()))


def test_add_api_interactive(initialized: Path) -> None:
    output = run_ok("add", "api", stdin="notes\nAPI_KEY\nblog\n")
    assert "Successfully added resource notes locally." in output
    assert (
        "type Blog @model" in (initialized / "amplify/backend/api/notes/schema.graphql").read_text()
    )


def test_add_api_with_options(initialized: Path) -> None:
    run_ok(
        "add",
        "api",
        "--name",
        "multi",
        "--auth-type",
        "AWS_IAM",
        "--auth-type",
        "AMAZON_COGNITO_USER_POOLS",
        "--schema-template",
        "owner",
    )
    config = _config(initialized)
    assert set(config) == {"api", "auth"}


def test_add_api_headless_bad_json(initialized: Path) -> None:
    result = CliRunner().invoke(cli, ["add", "api", "--headless"], input="{nope")
    assert result.exit_code == 1
    assert "Invalid value for the add api request: malformed JSON" in result.output
    assert not (initialized / "amplify/backend/api").exists()


def test_add_function_prompts(initialized: Path) -> None:
    run_ok("add", "function", stdin="greeter\npython\n")
    assert (initialized / "amplify/backend/function/greeter/src/index.py").is_file()


def test_add_storage_options(initialized: Path) -> None:
    run_ok("add", "storage", "--name", "pics", "--auth-access", "READ", "--guest-access", "")
    assert set(_config(initialized)) == {"auth", "storage"}


def test_add_storage_unknown_access(initialized: Path) -> None:
    result = CliRunner().invoke(
        cli, ["add", "storage", "--name", "pics", "--auth-access", "WRITE", "--guest-access", ""]
    )
    assert result.exit_code == 1
    assert "Invalid value for --auth-access: unknown access 'WRITE'." in result.output


def test_add_auth_and_hosting(initialized: Path) -> None:
    run_ok("add", "auth", "--name", "users")
    run_ok("hosting", "add")
    assert set(_config(initialized)) == {"auth", "hosting"}
