"""`amplify update <category>` and `amplify <category> update`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
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


def test_update_api_key(initialized: Path) -> None:
    run_ok("add", "api", "--headless", stdin=json.dumps(ADD_API))
    run_ok("api", "update", "--api-key-expiration", "30", "--api-key-description", "ci")
    config = json.loads((initialized / "amplify/backend/backend-config.json").read_text())
    default = config["api"]["notes"]["output"]["authConfig"]["defaultAuthentication"]
    assert default["apiKeyConfig"] == {"apiKeyExpirationDays": 30, "description": "ci"}
    auth = CliRunner().invoke(cli, ["update", "auth"])
    assert auth.exit_code == 1
    assert "`amplify update auth` is not emulated." in auth.output


# -- conflict detection (DataStore) ----------------------------------------------------------
DATASTORE_API = {
    "version": 1,
    "serviceConfiguration": {
        **ADD_API["serviceConfiguration"],  # type: ignore[dict-item]
        "transformSchema": "type Note @model {\n  id: ID!\n}\n\n"
        "type Post @model {\n  id: ID!\n  title: String\n}\n",
    },
}


def _conf(app: Path) -> dict[str, Any]:
    return dict(json.loads((app / "amplify/backend/api/notes/transform.conf.json").read_text()))


def _inputs(app: Path) -> dict[str, Any]:
    path = app / "amplify/backend/api/notes/cli-inputs.json"
    return dict(json.loads(path.read_text())["serviceConfiguration"])


def _update_request(conflict_resolution: dict[str, Any]) -> str:
    return json.dumps(
        {
            "version": 1,
            "serviceModification": {
                "serviceName": "AppSync",
                "conflictResolution": conflict_resolution,
            },
        }
    )


def test_update_api_headless_conflict_detection_per_model(initialized: Path) -> None:
    run_ok("add", "api", "--headless", stdin=json.dumps(DATASTORE_API))
    run_ok("add", "function", "--name", "resolver", "--runtime", "nodejs")
    request = {
        "defaultResolutionStrategy": {"type": "AUTOMERGE"},
        "perModelResolutionStrategy": [
            {
                "entityName": "Post",
                "resolutionStrategy": {
                    "type": "LAMBDA",
                    "resolver": {"type": "EXISTING", "name": "resolver"},
                },
            },
            {"entityName": "Note", "resolutionStrategy": {"type": "OPTIMISTIC_CONCURRENCY"}},
        ],
    }
    output = run_ok("update", "api", "--headless", stdin=_update_request(request))
    assert "Conflict detection (required for DataStore): Enabled" in output
    assert "- Post: Custom Lambda (resolver)" in output
    assert _conf(initialized) == {
        "Version": 5,
        "ElasticsearchWarning": True,
        "ResolverConfig": {
            "project": {"ConflictHandler": "AUTOMERGE", "ConflictDetection": "VERSION"},
            "models": {
                "Post": {
                    "ConflictHandler": "LAMBDA",
                    "ConflictDetection": "VERSION",
                    "LambdaConflictHandler": {"name": "resolver"},
                },
                "Note": {
                    "ConflictHandler": "OPTIMISTIC_CONCURRENCY",
                    "ConflictDetection": "VERSION",
                },
            },
        },
    }
    assert _inputs(initialized)["conflictResolution"] == request
    # an empty conflictResolution disables it, as the CLI's "Disable conflict detection"
    output = run_ok("update", "api", "--headless", stdin=_update_request({}))
    assert "Conflict detection (required for DataStore): Disabled" in output
    assert "ResolverConfig" not in _conf(initialized)
    assert _inputs(initialized)["conflictResolution"] == {}


def test_update_api_new_lambda_conflict_handler(initialized: Path) -> None:
    run_ok("add", "api", "--headless", stdin=json.dumps(DATASTORE_API))
    output = run_ok("update", "api", "--conflict-detection", "LAMBDA", "--conflict-function", "new")
    [name] = [p.name for p in (initialized / "amplify/backend/function").iterdir()]
    assert re.fullmatch(r"syncConflictHandler[0-9a-f]{8}", name)
    assert f"Successfully added {name} function locally" in output
    handler = (initialized / f"amplify/backend/function/{name}/src/index.js").read_text()
    assert "action: 'RESOLVE'" in handler
    assert _conf(initialized)["ResolverConfig"] == {
        "project": {
            "ConflictHandler": "LAMBDA",
            "ConflictDetection": "VERSION",
            "LambdaConflictHandler": {"name": f"{name}-${{env}}"},
        }
    }
    assert _inputs(initialized)["conflictResolution"] == {
        "defaultResolutionStrategy": {
            "type": "LAMBDA",
            "resolver": {"type": "EXISTING", "name": f"{name}-${{env}}"},
        }
    }
    config = json.loads((initialized / "amplify/backend/backend-config.json").read_text())
    assert config["function"][name]["service"] == "Lambda"


def test_update_api_interactive_conflict_detection(initialized: Path) -> None:
    run_ok("add", "api", "--headless", stdin=json.dumps(DATASTORE_API))
    run_ok("add", "function", "--name", "resolver", "--runtime", "nodejs")
    # enable -> Auto Merge default -> override per model: Post -> Custom Lambda, existing
    answers = "enable-conflict-detection\nAUTOMERGE\ny\nPost\nLAMBDA\nexisting\nresolver\n"
    output = run_ok("update", "api", stdin=answers)
    for line in (
        "General information\n- Name: notes",
        "Authorization modes\n- Default: API key",
        "Conflict detection (required for DataStore)\n- Disabled",
        "Select a setting to edit (authorization-modes, enable-conflict-detection):",
        "Select the default resolution strategy (AUTOMERGE, OPTIMISTIC_CONCURRENCY, LAMBDA)"
        " [AUTOMERGE]:",
        "Do you want to override default per model settings? [y/N]:",
        "Select the models from below (Note, Post; comma separated):",
        "Select the resolution strategy for Post model",
        "Select from the options below (new, existing) [new]:",
        "Enter lambda function name (resolver):",
    ):
        assert line in output, line
    assert _conf(initialized)["ResolverConfig"] == {
        "project": {"ConflictHandler": "AUTOMERGE", "ConflictDetection": "VERSION"},
        "models": {
            "Post": {
                "ConflictHandler": "LAMBDA",
                "ConflictDetection": "VERSION",
                "LambdaConflictHandler": {"name": "resolver"},
            }
        },
    }
    # enabled: the summary shows the strategy, and the choices change
    output = run_ok(
        "update", "api", stdin="conflict-resolution-strategy\nOPTIMISTIC_CONCURRENCY\n\n"
    )
    assert "- Conflict resolution strategy: Auto Merge" in output
    assert (
        "Select a setting to edit (authorization-modes, conflict-resolution-strategy, "
        "disable-conflict-detection):"
    ) in output
    assert _conf(initialized)["ResolverConfig"] == {
        "project": {"ConflictHandler": "OPTIMISTIC_CONCURRENCY", "ConflictDetection": "VERSION"}
    }
    run_ok("update", "api", stdin="disable-conflict-detection\n")
    assert "ResolverConfig" not in _conf(initialized)


#: (case, arguments, stdin, the error the user reads)
CONFLICT_ERRORS: list[tuple[str, list[str], str | None, str]] = [
    (
        "LAMBDA without a function",
        ["--conflict-detection", "LAMBDA"],
        None,
        "Invalid value for --conflict-function: the LAMBDA strategy needs a function.",
    ),
    (
        "a function without LAMBDA",
        ["--conflict-function", "resolver"],
        None,
        "Invalid value for --conflict-function: it goes with --conflict-detection LAMBDA.",
    ),
    (
        "an EXISTING function the project lacks",
        ["--conflict-detection", "LAMBDA", "--conflict-function", "missing"],
        None,
        "The function 'missing' named by the LAMBDA resolver's name does not exist in this "
        "project.",
    ),
    (
        "a per-model strategy for a type that is not a model",
        ["--headless"],
        _update_request(
            {
                "perModelResolutionStrategy": [
                    {"entityName": "Comment", "resolutionStrategy": {"type": "AUTOMERGE"}}
                ]
            }
        ),
        "'Comment' is not a @model type of the API 'notes' (models: Note, Post).",
    ),
    (
        "an unknown strategy",
        ["--headless"],
        _update_request({"defaultResolutionStrategy": {"type": "MERGE"}}),
        "Invalid value for the update api request: 'defaultResolutionStrategy.type' must be one "
        "of AUTOMERGE, OPTIMISTIC_CONCURRENCY, LAMBDA (got 'MERGE').",
    ),
    (
        "a LAMBDA strategy without a resolver",
        ["--headless"],
        _update_request({"defaultResolutionStrategy": {"type": "LAMBDA"}}),
        "Invalid value for the update api request: 'defaultResolutionStrategy.resolver.type' "
        "must be NEW or EXISTING for a LAMBDA strategy.",
    ),
    (
        "an auth mode change",
        ["--headless"],
        json.dumps({"version": 1, "serviceModification": {"defaultAuthType": {"mode": "AWS_IAM"}}}),
        "Invalid value for the update api request: 'defaultAuthType' is not emulated: "
        "`amplify update api` changes conflict detection and the API key only.",
    ),
]


@pytest.mark.parametrize(
    ("arguments", "stdin", "message"),
    [c[1:] for c in CONFLICT_ERRORS],
    ids=[c[0] for c in CONFLICT_ERRORS],
)
def test_update_api_conflict_detection_errors(
    initialized: Path, arguments: list[str], stdin: str | None, message: str
) -> None:
    run_ok("add", "api", "--headless", stdin=json.dumps(DATASTORE_API))
    before = _conf(initialized)
    result = CliRunner().invoke(cli, ["update", "api", *arguments], input=stdin)
    assert result.exit_code == 1, result.output
    assert message in " ".join(result.output.split()), result.output
    assert _conf(initialized) == before


def test_add_api_headless_with_conflict_resolution(initialized: Path) -> None:
    request = json.loads(json.dumps(DATASTORE_API))
    request["serviceConfiguration"]["conflictResolution"] = {
        "defaultResolutionStrategy": {"type": "OPTIMISTIC_CONCURRENCY"},
        "perModelResolutionStrategy": [
            {"entityName": "Post", "resolutionStrategy": {"type": "AUTOMERGE"}}
        ],
    }
    run_ok("add", "api", "--headless", stdin=json.dumps(request))
    assert _conf(initialized)["ResolverConfig"] == {
        "project": {"ConflictHandler": "OPTIMISTIC_CONCURRENCY", "ConflictDetection": "VERSION"},
        "models": {"Post": {"ConflictHandler": "AUTOMERGE", "ConflictDetection": "VERSION"}},
    }
    assert (
        _inputs(initialized)["conflictResolution"]
        == (request["serviceConfiguration"]["conflictResolution"])
    )
