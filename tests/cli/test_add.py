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


def test_add_api_second_api_is_refused(initialized: Path) -> None:
    run_ok("add", "api", "--name", "first", "--auth-type", "API_KEY", "--schema-template", "single")
    result = CliRunner().invoke(
        cli,
        ["add", "api", "--name", "second", "--auth-type", "API_KEY", "--schema-template", "single"],
    )
    assert (result.exit_code, result.output) == (
        1,
        "This project already has a GraphQL API ('first'); a project has only one.\n"
        "Resolution: Change it through its files in amplify/backend/api/first/.\n",
    )
    assert set(_config(initialized)["api"]) == {"first"}


def test_add_storage_second_storage_is_refused(initialized: Path) -> None:
    run_ok("add", "storage", "--name", "pics", "--auth-access", "READ", "--guest-access", "")
    result = CliRunner().invoke(
        cli, ["add", "storage", "--name", "docs", "--auth-access", "READ", "--guest-access", ""]
    )
    assert (result.exit_code, result.output) == (
        1,
        "This project already has S3 storage ('pics'); a project has only one.\n"
        "Resolution: Change it through its files in amplify/backend/storage/pics/.\n",
    )


def test_add_auth_second_auth_is_refused(initialized: Path) -> None:
    run_ok("add", "auth", "--name", "users")
    result = CliRunner().invoke(cli, ["add", "auth", "--name", "others"])
    assert (result.exit_code, result.output) == (
        1,
        "This project already has auth ('users'); a project has only one.\n"
        "Resolution: Change it through its files in amplify/backend/auth/users/.\n",
    )
    assert set(_config(initialized)["auth"]) == {"users"}


def test_add_storage_invalid_bucket_name_is_refused(initialized: Path) -> None:
    args = ["--name", "pics", "--bucket", "My_Bucket", "--auth-access", "READ"]
    result = CliRunner().invoke(cli, ["add", "storage", *args, "--guest-access", ""])
    assert (result.exit_code, result.output) == (
        1,
        "Invalid bucket name 'My_Bucket': use 3 to 47 lowercase letters, digits and hyphens.\n",
    )
    assert "storage" not in _config(initialized)
