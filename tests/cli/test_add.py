"""`amplify add api | function | storage | auth | hosting` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
    assert (result.exit_code, result.output) == (
        1,
        "Invalid value for --auth-access: unknown access 'WRITE'.\n"
        "Resolution: Give a comma-separated list of CREATE_AND_UPDATE, READ, DELETE "
        "(for example --auth-access CREATE_AND_UPDATE,READ).\n",
    )


def test_add_storage_unknown_guest_access(initialized: Path) -> None:
    result = CliRunner().invoke(
        cli, ["add", "storage", "--name", "pics", "--auth-access", "READ", "--guest-access", "ALL"]
    )
    assert (result.exit_code, result.output) == (
        1,
        "Invalid value for --guest-access: unknown access 'ALL'.\n"
        "Resolution: Give a comma-separated list of CREATE_AND_UPDATE, READ, DELETE "
        "(for example --guest-access CREATE_AND_UPDATE,READ); an empty value gives guests "
        "no access.\n",
    )


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


def _storage_dir(app: Path) -> Path:
    return app / "amplify/backend/storage/pics"


def _assert_trigger_wired(app: Path, function: str) -> None:
    folder = _storage_dir(app)
    parameters = json.loads((folder / "parameters.json").read_text())
    inputs = json.loads((folder / "cli-inputs.json").read_text())
    assert parameters["triggerFunction"] == inputs["triggerFunction"] == function
    assert _config(app)["storage"]["pics"]["dependsOn"] == [
        {
            "category": "function",
            "resourceName": function,
            "attributes": ["Name", "Arn", "LambdaExecutionRole"],
        }
    ]
    template = json.loads((folder / "s3-cloudformation-template.json").read_text())
    arn = {"Ref": f"function{function}Arn"}
    bucket = template["Resources"]["S3Bucket"]
    assert bucket["Properties"]["NotificationConfiguration"] == {
        "LambdaConfigurations": [
            {"Event": "s3:ObjectCreated:*", "Function": arn},
            {"Event": "s3:ObjectRemoved:*", "Function": arn},
        ]
    }
    assert bucket["DependsOn"] == ["TriggerPermissions"]
    assert template["Parameters"][f"function{function}Arn"] == {
        "Type": "String",
        "Default": f"function{function}Arn",
    }
    permission = template["Resources"]["TriggerPermissions"]
    assert permission["Type"] == "AWS::Lambda::Permission"
    assert permission["Properties"]["Principal"] == "s3.amazonaws.com"
    assert permission["Properties"]["FunctionName"] == {"Ref": f"function{function}Name"}


def test_add_storage_trigger_function_option(initialized: Path) -> None:
    run_ok("add", "function", "--name", "onupload", "--runtime", "nodejs")
    args = ["--name", "pics", "--auth-access", "READ", "--guest-access", ""]
    run_ok("add", "storage", *args, "--trigger-function", "onupload")
    _assert_trigger_wired(initialized, "onupload")


def test_add_storage_without_trigger_has_no_notifications(initialized: Path) -> None:
    run_ok("add", "storage", "--name", "pics", "--auth-access", "READ", "--guest-access", "")
    folder = _storage_dir(initialized)
    template = json.loads((folder / "s3-cloudformation-template.json").read_text())
    assert "NotificationConfiguration" not in template["Resources"]["S3Bucket"]["Properties"]
    assert json.loads((folder / "parameters.json").read_text())["triggerFunction"] == "NONE"


def test_add_storage_trigger_function_missing_is_refused(initialized: Path) -> None:
    run_ok("add", "function", "--name", "other", "--runtime", "nodejs")
    args = ["--name", "pics", "--auth-access", "READ", "--guest-access", ""]
    result = CliRunner().invoke(cli, ["add", "storage", *args, "--trigger-function", "nope"])
    assert (result.exit_code, result.output) == (
        1,
        "The function 'nope' named by --trigger-function does not exist in this project.\n"
        "Resolution: Add it first with `amplify add function --name nope`, or name one of: "
        "other.\n",
    )
    assert "storage" not in _config(initialized)


def test_add_storage_interactive_trigger_existing_function(initialized: Path) -> None:
    run_ok("add", "function", "--name", "onupload", "--runtime", "nodejs")
    run_ok("add", "storage", stdin="pics\n\n\ny\nexisting\nonupload\n")
    _assert_trigger_wired(initialized, "onupload")


def test_add_storage_interactive_trigger_new_function(initialized: Path) -> None:
    output = run_ok("add", "storage", stdin="pics\n\n\ny\nnew\nS3Trigger1\n")
    assert "Successfully added resource S3Trigger1 locally." in output
    source = (initialized / "amplify/backend/function/S3Trigger1/src/index.js").read_text()
    assert "record.s3.object.key" in source
    _assert_trigger_wired(initialized, "S3Trigger1")


def _storage_request(**service: object) -> str:
    config = {
        "serviceName": "S3",
        "resourceName": "pics",
        "bucketName": "picsbucket",
        "permissions": {"auth": ["CREATE_AND_UPDATE", "READ"], "guest": ["READ"]},
        **service,
    }
    return json.dumps({"version": 1, "serviceConfiguration": config})


def test_add_storage_headless_new_trigger(initialized: Path) -> None:
    request = _storage_request(lambdaTrigger={"mode": "new", "name": "S3Trigger1"})
    run_ok("add", "storage", "--headless", stdin=request)
    assert set(_config(initialized)["function"]) == {"S3Trigger1"}
    _assert_trigger_wired(initialized, "S3Trigger1")
    inputs = json.loads((_storage_dir(initialized) / "cli-inputs.json").read_text())
    assert (inputs["bucketName"], inputs["authAccess"], inputs["guestAccess"]) == (
        "picsbucket",
        ["CREATE_AND_UPDATE", "READ"],
        ["READ"],
    )


def test_add_storage_headless_existing_trigger_missing(initialized: Path) -> None:
    request = _storage_request(lambdaTrigger={"mode": "existing", "name": "nope"})
    result = CliRunner().invoke(cli, ["add", "storage", "--headless"], input=request)
    assert (result.exit_code, result.output) == (
        1,
        "The function 'nope' named by 'lambdaTrigger.name' does not exist in this project.\n"
        "Resolution: Add it first with `amplify add function --name nope`.\n",
    )


def test_add_storage_headless_unknown_access(initialized: Path) -> None:
    request = _storage_request(permissions={"auth": ["WRITE"]})
    result = CliRunner().invoke(cli, ["add", "storage", "--headless"], input=request)
    assert result.exit_code == 1
    assert result.output.startswith(
        "Invalid value for the add storage request: 'permissions.auth' has unknown access "
        "'WRITE' (choose from CREATE_AND_UPDATE, READ, DELETE).\n"
    )


def _auth_config(app: Path) -> Any:
    return json.loads((app / "amplify/backend/backend-config.json").read_text())["api"]["notes"][
        "output"
    ]["authConfig"]


def _appsync_permission(app: Path, function: str) -> dict[str, object]:
    folder = app / "amplify/backend/function" / function
    template = json.loads((folder / f"{function}-cloudformation-template.json").read_text())
    return dict(template["Resources"]["PermissionForAppSyncToInvokeLambda"])


def test_add_api_lambda_auth_headless(initialized: Path) -> None:
    run_ok("add", "function", "--name", "authorizer", "--runtime", "nodejs")
    request = {
        "version": 1,
        "serviceConfiguration": {
            "serviceName": "AppSync",
            "apiName": "notes",
            "transformSchema": "type Note @model { id: ID! }",
            "defaultAuthType": {"mode": "API_KEY"},
            "additionalAuthTypes": [
                {"mode": "AWS_LAMBDA", "lambdaFunction": "authorizer", "ttlSeconds": "60"}
            ],
        },
    }
    run_ok("add", "api", "--headless", stdin=json.dumps(request))
    assert _auth_config(initialized)["additionalAuthenticationProviders"] == [
        {
            "authenticationType": "AWS_LAMBDA",
            "lambdaAuthorizerConfig": {"lambdaFunction": "authorizer", "ttlSeconds": "60"},
        }
    ]
    assert _appsync_permission(initialized, "authorizer")["Properties"] == {
        "FunctionName": {"Ref": "LambdaFunction"},
        "Action": "lambda:InvokeFunction",
        "Principal": "appsync.amazonaws.com",
    }


def test_add_api_lambda_auth_options(initialized: Path) -> None:
    run_ok("add", "function", "--name", "authorizer", "--runtime", "nodejs")
    args = ["--name", "notes", "--auth-type", "AWS_LAMBDA", "--schema-template", "single"]
    run_ok("add", "api", *args, "--lambda-function", "authorizer")
    assert _auth_config(initialized)["defaultAuthentication"] == {
        "authenticationType": "AWS_LAMBDA",
        "lambdaAuthorizerConfig": {"lambdaFunction": "authorizer", "ttlSeconds": "300"},
    }


def test_add_api_lambda_auth_interactive_new_function(initialized: Path) -> None:
    output = run_ok("add", "api", stdin="notes\nAWS_LAMBDA\nnew\n120\nsingle\n")
    config = _auth_config(initialized)["defaultAuthentication"]
    function = config["lambdaAuthorizerConfig"]["lambdaFunction"]
    assert function.startswith("graphQlLambdaAuthorizer")
    assert f"Successfully added {function} function locally" in output
    assert config["lambdaAuthorizerConfig"]["ttlSeconds"] == "120"
    source = (initialized / f"amplify/backend/function/{function}/src/index.js").read_text()
    assert "isAuthorized" in source
    assert _appsync_permission(initialized, function)["Type"] == "AWS::Lambda::Permission"


def test_add_api_lambda_auth_missing_function(initialized: Path) -> None:
    args = ["--name", "notes", "--auth-type", "AWS_LAMBDA", "--schema-template", "single"]
    result = CliRunner().invoke(cli, ["add", "api", *args, "--lambda-function", "nope"])
    assert (result.exit_code, result.output) == (
        1,
        "The function 'nope' named by the AWS_LAMBDA mode's 'lambdaFunction' does not exist "
        "in this project.\nResolution: Add it first with `amplify add function --name nope`.\n",
    )
    assert "api" not in _config(initialized)


def test_add_api_lambda_auth_bad_ttl(initialized: Path) -> None:
    run_ok("add", "function", "--name", "authorizer", "--runtime", "nodejs")
    args = ["--name", "notes", "--auth-type", "AWS_LAMBDA", "--lambda-function", "authorizer"]
    result = CliRunner().invoke(cli, ["add", "api", *args, "--ttl-seconds", "1h"])
    assert (result.exit_code, result.output) == (
        1,
        "Invalid value for --ttl-seconds: '1h' is not a whole number of seconds from 0 to 3600.\n"
        "Resolution: Give the seconds AppSync caches the authorizer's answer, e.g. "
        "--ttl-seconds 300.\n",
    )


def test_add_api_lambda_auth_headless_needs_function(initialized: Path) -> None:
    request = {
        "version": 1,
        "serviceConfiguration": {
            "serviceName": "AppSync",
            "apiName": "notes",
            "transformSchema": "type Note @model { id: ID! }",
            "defaultAuthType": {"mode": "AWS_LAMBDA"},
        },
    }
    result = CliRunner().invoke(cli, ["add", "api", "--headless"], input=json.dumps(request))
    assert result.exit_code == 1
    assert result.output.startswith(
        "Invalid value for the add api request: defaultAuthType needs 'lambdaFunction' for "
        "AWS_LAMBDA.\n"
    )
