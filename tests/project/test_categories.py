"""`amplify add api | function | storage | auth | hosting`: files, backend-config, meta."""

from __future__ import annotations

import json

import pytest

from amplify_mock.project.categories.api import (
    SCHEMA_TEMPLATES,
    AddApiRequest,
    AuthMode,
    add_api,
    parse_add_api_request,
)
from amplify_mock.project.categories.auth import add_auth
from amplify_mock.project.categories.function import add_function
from amplify_mock.project.categories.hosting import add_hosting
from amplify_mock.project.categories.resources import remove_resource
from amplify_mock.project.categories.storage import add_storage, parse_add_storage_request
from amplify_mock.project.errors import (
    HeadlessArgumentError,
    InvalidNameError,
    InvalidOptionError,
    ResourceExistsError,
    ResourceNotFoundError,
)
from amplify_mock.project.project import Project

HEADLESS_API = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "AppSync",
        "apiName": "notes",
        "transformSchema": "type Note @model { id: ID! text: String }",
        "defaultAuthType": {"mode": "API_KEY", "keyDescription": "k", "expirationTime": 30},
        "additionalAuthTypes": [{"mode": "AWS_IAM"}, {"mode": "AMAZON_COGNITO_USER_POOLS"}],
    },
}


def test_add_api_headless_request(project: Project) -> None:
    add_api(project, parse_add_api_request(json.dumps(HEADLESS_API)))
    folder = project.paths.resource_dir("api", "notes")
    assert (folder / "schema.graphql").read_text() == "type Note @model { id: ID! text: String }"
    for name in ("parameters.json", "transform.conf.json", "stacks/CustomResources.json"):
        assert (folder / name).is_file()
    entry = project.backend_config()["api"]["notes"]
    auth_name = next(iter(project.backend_config()["auth"]))
    assert entry["output"]["authConfig"] == {
        "defaultAuthentication": {
            "authenticationType": "API_KEY",
            "apiKeyConfig": {"apiKeyExpirationDays": 30, "description": "k"},
        },
        "additionalAuthenticationProviders": [
            {"authenticationType": "AWS_IAM"},
            {
                "authenticationType": "AMAZON_COGNITO_USER_POOLS",
                "userPoolConfig": {"userPoolId": f"auth{auth_name}"},
            },
        ],
    }
    assert entry["dependsOn"] == [
        {"category": "auth", "resourceName": auth_name, "attributes": ["UserPoolId"]}
    ]
    parameters = json.loads((folder / "parameters.json").read_text())
    assert parameters["AuthCognitoUserPoolId"] == {
        "Fn::GetAtt": [f"auth{auth_name}", "Outputs.UserPoolId"]
    }
    assert project.amplify_meta()["api"]["notes"] == entry


def test_parse_add_api_request_missing_schema() -> None:
    request = {"version": 1, "serviceConfiguration": {"apiName": "x", "defaultAuthType": {}}}
    with pytest.raises(HeadlessArgumentError) as err:
        parse_add_api_request(json.dumps(request))
    assert err.value.message == (
        "Invalid value for the add api request: missing required key "
        "'serviceConfiguration.transformSchema'."
    )


def test_parse_add_api_request_unknown_mode() -> None:
    service = dict(HEADLESS_API["serviceConfiguration"])  # type: ignore[call-overload]
    service["defaultAuthType"] = {"mode": "PASSWORD"}
    with pytest.raises(HeadlessArgumentError) as err:
        parse_add_api_request(json.dumps({"serviceConfiguration": service}))
    assert err.value.message == (
        "Invalid value for the add api request: defaultAuthType.mode 'PASSWORD' is not one of "
        "API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT, AWS_LAMBDA."
    )


def test_add_api_twice_is_an_error(project: Project) -> None:
    request = AddApiRequest("blog", SCHEMA_TEMPLATES["single"], AuthMode("API_KEY"))
    add_api(project, request)
    with pytest.raises(ResourceExistsError) as err:
        add_api(project, request)
    assert err.value.message == "The api resource 'blog' already exists."


def test_add_function_nodejs(project: Project) -> None:
    add_function(project, "hello")
    folder = project.paths.resource_dir("function", "hello")
    template = json.loads((folder / "hello-cloudformation-template.json").read_text())
    function = template["Resources"]["LambdaFunction"]["Properties"]
    assert function["Handler"] == "index.handler"
    assert function["Runtime"] == "nodejs18.x"
    assert function["Timeout"] == 25
    assert function["Environment"]["Variables"]["ENV"] == {"Ref": "env"}
    assert json.loads((folder / "function-parameters.json").read_text()) == {"lambdaLayers": []}
    assert "exports.handler" in (folder / "src/index.js").read_text()
    assert json.loads((folder / "src/package.json").read_text())["main"] == "index.js"
    assert json.loads((folder / "src/event.json").read_text())["key1"] == "value1"
    assert project.backend_config()["function"]["hello"] == {
        "build": True,
        "providerPlugin": "awscloudformation",
        "service": "Lambda",
    }


def test_add_function_python(project: Project) -> None:
    add_function(project, "pyfn", "python")
    folder = project.paths.resource_dir("function", "pyfn")
    template = json.loads((folder / "pyfn-cloudformation-template.json").read_text())
    assert template["Resources"]["LambdaFunction"]["Properties"]["Runtime"] == "python3.11"
    assert "def handler(event, context)" in (folder / "src/index.py").read_text()


def test_add_function_unknown_runtime(project: Project) -> None:
    with pytest.raises(InvalidOptionError) as err:
        add_function(project, "fn", "ruby")
    assert (err.value.message, err.value.resolution) == (
        "Invalid value for --runtime: unknown runtime 'ruby' (runtimes: nodejs, python).",
        "Choose one of: nodejs, python.",
    )


@pytest.mark.parametrize("bucket", ["ab", "Upper", "under_score", "dots.dots", "x" * 48])
def test_add_storage_invalid_bucket_name_is_refused(project: Project, bucket: str) -> None:
    with pytest.raises(InvalidNameError) as err:
        add_storage(project, "files", bucket_name=bucket)
    assert err.value.message == (
        f"Invalid bucket name '{bucket}': use 3 to 47 lowercase letters, digits and hyphens."
    )
    assert "storage" not in project.backend_config()


def test_add_storage_adds_auth_and_policies(project: Project) -> None:
    add_storage(project, "files", bucket_name="myfiles", guest_access=["READ"])
    assert list(project.backend_config()) == ["auth", "storage"]
    folder = project.paths.resource_dir("storage", "files")
    parameters = json.loads((folder / "parameters.json").read_text())
    assert parameters["bucketName"] == "myfiles"
    assert parameters["s3PermissionsAuthenticatedPublic"] == (
        "s3:PutObject,s3:GetObject,s3:DeleteObject"
    )
    assert parameters["s3PermissionsGuestPublic"] == "s3:GetObject"
    assert parameters["authRoleName"] == {"Ref": "AuthRoleName"}
    assert (folder / "s3-cloudformation-template.json").is_file()


def test_add_auth_named(project: Project) -> None:
    add_auth(project, "users")
    entry = project.backend_config()["auth"]["users"]
    assert entry["service"] == "Cognito"
    assert (
        project.paths.resource_dir("auth", "users") / "users-cloudformation-template.json"
    ).is_file()


def test_add_hosting(project: Project) -> None:
    add_hosting(project)
    assert project.backend_config()["hosting"]["S3AndCloudFront"]["service"] == "S3AndCloudFront"


def test_remove_resource(project: Project) -> None:
    add_function(project, "hello")
    remove_resource(project, "function", "hello")
    assert "function" not in project.backend_config()
    assert not project.paths.resource_dir("function", "hello").exists()


def test_remove_resource_unknown(project: Project) -> None:
    with pytest.raises(ResourceNotFoundError) as err:
        remove_resource(project, "function", "nope")
    assert err.value.message == "The function resource 'nope' does not exist in this project."


@pytest.mark.parametrize(
    ("trigger", "reason"),
    [
        ({"mode": "copy", "name": "fn"}, "'lambdaTrigger.mode' must be 'new' or 'existing'"),
        ({"mode": "new"}, "missing required key 'lambdaTrigger.name'"),
        ("fn", "'lambdaTrigger' must be an object"),
    ],
    ids=["mode", "name", "shape"],
)
def test_parse_add_storage_request_bad_trigger(trigger: object, reason: str) -> None:
    request = {
        "version": 1,
        "serviceConfiguration": {
            "serviceName": "S3",
            "permissions": {"auth": ["READ"]},
            "lambdaTrigger": trigger,
        },
    }
    with pytest.raises(HeadlessArgumentError) as err:
        parse_add_storage_request(json.dumps(request))
    assert err.value.message == f"Invalid value for the add storage request: {reason}."


def test_parse_add_storage_request_needs_s3() -> None:
    request = {"version": 1, "serviceConfiguration": {"serviceName": "DynamoDB"}}
    with pytest.raises(HeadlessArgumentError) as err:
        parse_add_storage_request(json.dumps(request))
    assert err.value.message == (
        "Invalid value for the add storage request: only serviceName 'S3' (content storage) "
        "is supported."
    )
