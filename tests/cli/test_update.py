"""`amplify update <category>` and `amplify <category> update`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.cli.conftest import run_ok

ADD_API = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "AppSync",
        "apiName": "notes",
        "transformSchema": "type Note @model {\n  id: ID!\n}\n",
        "defaultAuthType": {"mode": "API_KEY", "expirationTime": 7},
    },
}


def _variables(app: Path, name: str) -> dict[str, object]:
    path = app / f"amplify/backend/function/{name}/{name}-cloudformation-template.json"
    properties = json.loads(path.read_text())["Resources"]["LambdaFunction"]["Properties"]
    return dict(properties["Environment"]["Variables"]) | {"Timeout": properties["Timeout"]}


def test_update_function_headless(initialized: Path) -> None:
    run_ok("add", "function", "--name", "fn", "--runtime", "nodejs")
    output = run_ok("update", "function", "fn", "--env", "TABLE=notes", "--timeout", "60")
    assert "Environment variables of fn: TABLE" in output
    assert "Successfully updated resource fn locally." in output
    assert _variables(initialized, "fn") == {
        "ENV": {"Ref": "env"},
        "REGION": {"Ref": "AWS::Region"},
        "TABLE": "notes",
        "Timeout": 60,
    }
    run_ok("function", "update", "--remove-env", "TABLE", "--yes")
    assert "TABLE" not in _variables(initialized, "fn")
    reserved = CliRunner().invoke(cli, ["update", "function", "fn", "--env", "AWS_REGION=x"])
    assert reserved.exit_code == 1
    assert "Invalid value for --env: 'AWS_REGION' is not a variable name you can set." in (
        reserved.output
    )
    slow = CliRunner().invoke(cli, ["update", "function", "fn", "--timeout", "901"])
    assert slow.exit_code == 1
    assert "Invalid value for --timeout: 901 is not 1 to 900 seconds." in slow.output


def test_update_function_interactive(initialized: Path) -> None:
    run_ok("add", "function", "--name", "fn", "--runtime", "nodejs")
    answers = "\nGREETING\nhello\ntimeout\n30\ndone\n"
    output = run_ok("update", "function", stdin=answers)
    assert "Which setting do you want to update? (environment-variables, timeout, done)" in output
    assert "Enter the environment variable name:" in output
    assert _variables(initialized, "fn")["GREETING"] == "hello"
    assert _variables(initialized, "fn")["Timeout"] == 30


def test_update_storage_access(initialized: Path) -> None:
    run_ok("add", "storage", "--name", "files", "--bucket", "files", "--auth-access", "READ",
           "--guest-access", "")  # fmt: skip
    run_ok("update", "storage", "--auth-access", "READ,DELETE", "--guest-access", "READ")
    parameters = json.loads(
        (initialized / "amplify/backend/storage/files/parameters.json").read_text()
    )
    assert parameters["s3PermissionsAuthenticatedPublic"] == "s3:GetObject,s3:DeleteObject"
    assert parameters["s3PermissionsGuestPublic"] == "s3:GetObject"
    inputs = json.loads((initialized / "amplify/backend/storage/files/cli-inputs.json").read_text())
    assert (inputs["storageAccess"], inputs["guestAccess"]) == ("authAndGuest", ["READ"])
    bad = CliRunner().invoke(cli, ["update", "storage", "--auth-access", "WRITE", "--yes"])
    assert bad.exit_code == 1
    assert "Invalid value for --auth-access: unknown access 'WRITE'." in bad.output


def test_update_api_key_and_conflict_detection_hook(initialized: Path) -> None:
    run_ok("add", "api", "--headless", stdin=json.dumps(ADD_API))
    run_ok("api", "update", "--api-key-expiration", "30", "--api-key-description", "ci")
    config = json.loads((initialized / "amplify/backend/backend-config.json").read_text())
    default = config["api"]["notes"]["output"]["authConfig"]["defaultAuthentication"]
    assert default["apiKeyConfig"] == {"apiKeyExpirationDays": 30, "description": "ci"}
    hook = CliRunner().invoke(cli, ["update", "api", "--conflict-detection", "AUTOMERGE"])
    assert hook.exit_code == 1
    assert "Conflict detection (AUTOMERGE) for the API 'notes' is not emulated yet." in (
        hook.output
    )
    auth = CliRunner().invoke(cli, ["update", "auth"])
    assert auth.exit_code == 1
    assert "`amplify update auth` is not emulated." in auth.output
