"""`amplify add function`: a Lambda function from the Node.js or Python hello-world template.

Not emulated: Lambda layers, scheduled (CloudWatch) triggers, DynamoDB/S3 triggers chosen
at add time, access to other categories' resources, .NET/Go/Java runtimes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from amplify_mock.base.files import read_json, write_json
from amplify_mock.project.categories.resources import add_resource, env_suffixed, find_resources
from amplify_mock.project.errors import FunctionNotFoundError, InvalidOptionError
from amplify_mock.project.project import Project

__all__ = [
    "RESERVED_VARIABLES",
    "RUNTIMES",
    "add_function",
    "add_invoke_permission",
    "function_template",
    "require_function",
    "update_function",
]

#: runtime choice -> (Lambda runtime, handler file, source)
RUNTIMES: dict[str, tuple[str, str, str]] = {
    "nodejs": (
        "nodejs18.x",
        "index.js",
        "/**\n * @type {import('@types/aws-lambda').APIGatewayProxyHandler}\n */\n"
        "exports.handler = async (event) => {\n"
        "    console.log(`EVENT: ${JSON.stringify(event)}`);\n"
        "    return {\n"
        "        statusCode: 200,\n"
        "        body: JSON.stringify('Hello from Lambda!'),\n"
        "    };\n"
        "};\n",
    ),
    "python": (
        "python3.11",
        "index.py",
        "import json\n\n\n"
        "def handler(event, context):\n"
        "    print('received event:')\n"
        "    print(event)\n"
        "    return {\n"
        "        'statusCode': 200,\n"
        "        'body': json.dumps('Hello from your new Amplify Python lambda!')\n"
        "    }\n",
    ),
}

_SAMPLE_EVENT = {"key1": "value1", "key2": "value2", "key3": "value3"}


def function_template(
    name: str, role_name: str, runtime: str, *, timeout: int = 25
) -> dict[str, Any]:
    """The function's `<name>-cloudformation-template.json`."""
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Lambda Function resource stack creation using Amplify CLI",
        "Parameters": {
            "CloudWatchRule": {
                "Type": "String",
                "Default": "NONE",
                "Description": " Schedule Expression",
            },
            "deploymentBucketName": {"Type": "String"},
            "env": {"Type": "String"},
            "s3Key": {"Type": "String"},
        },
        "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [{"Ref": "env"}, "NONE"]}},
        "Resources": {
            "LambdaFunction": {
                "Type": "AWS::Lambda::Function",
                "Metadata": {"aws:asset:path": "./src", "aws:asset:property": "Code"},
                "Properties": {
                    "Code": {
                        "S3Bucket": {"Ref": "deploymentBucketName"},
                        "S3Key": {"Ref": "s3Key"},
                    },
                    "Handler": "index.handler",
                    "FunctionName": env_suffixed(name),
                    "Environment": {
                        "Variables": {"ENV": {"Ref": "env"}, "REGION": {"Ref": "AWS::Region"}}
                    },
                    "Role": {"Fn::GetAtt": ["LambdaExecutionRole", "Arn"]},
                    "Runtime": runtime,
                    "Layers": [],
                    "Timeout": timeout,
                },
            },
            "LambdaExecutionRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": env_suffixed(role_name),
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": ["lambda.amazonaws.com"]},
                                "Action": ["sts:AssumeRole"],
                            }
                        ],
                    },
                },
            },
        },
        "Outputs": {
            "Name": {"Value": {"Ref": "LambdaFunction"}},
            "Arn": {"Value": {"Fn::GetAtt": ["LambdaFunction", "Arn"]}},
            "Region": {"Value": {"Ref": "AWS::Region"}},
            "LambdaExecutionRole": {"Value": {"Ref": "LambdaExecutionRole"}},
        },
    }


def add_function(
    project: Project, name: str, runtime: str = "nodejs", *, source: str | None = None
) -> str:
    """Add a function folder: template, parameters, src/ with handler and event.json.

    `source` replaces the hello-world handler (the S3 trigger and Lambda authorizer
    templates).

    :raises InvalidOptionError: unknown runtime.
    :raises ResourceExistsError: a function of that name exists.
    """
    if runtime not in RUNTIMES:
        runtimes = ", ".join(sorted(RUNTIMES))
        raise InvalidOptionError(
            "--runtime",
            f"unknown runtime '{runtime}' (runtimes: {runtimes})",
            f"Choose one of: {runtimes}.",
        )
    lambda_runtime, handler_file, default_source = RUNTIMES[runtime]
    source = default_source if source is None else source
    role_name = f"{re.sub(r'[^a-zA-Z0-9]', '', project.name)}LambdaRole{name}"[:64]
    files: dict[str, Any] = {
        f"{name}-cloudformation-template.json": function_template(name, role_name, lambda_runtime),
        "function-parameters.json": {"lambdaLayers": []},
        f"src/{handler_file}": source,
        "src/event.json": json.dumps(_SAMPLE_EVENT, indent=2) + "\n",
        "amplify.state": {
            "pluginId": f"amplify-{runtime}-function-runtime-provider",
            "functionRuntime": runtime,
            "defaultEditorFile": f"src/{handler_file}",
            "useLegacyBuild": runtime == "nodejs",
        },
    }
    if runtime == "nodejs":
        files["src/package.json"] = {
            "name": name,
            "version": "2.0.0",
            "description": "Lambda function generated by Amplify",
            "main": "index.js",
            "license": "Apache-2.0",
        }
    else:
        files["Pipfile"] = (
            '[[source]]\nurl = "https://pypi.python.org/simple"\nverify_ssl = true\n'
            'name = "pypi"\n\n[packages]\n\n[requires]\npython_version = "3.11"\n'
        )
    add_resource(
        project,
        "function",
        name,
        {"build": True, "providerPlugin": "awscloudformation", "service": "Lambda"},
        files,
    )
    return name


def require_function(project: Project, name: str, where: str) -> str:
    """The name of a Lambda function of the project, which `where` (an option or key) names.

    :raises FunctionNotFoundError: the project has no function of that name.
    """
    functions = find_resources(project, "function", "Lambda")
    if name not in functions:
        raise FunctionNotFoundError(name, where, functions)
    return name


def add_invoke_permission(project: Project, name: str, logical_id: str, principal: str) -> None:
    """Let an AWS service invoke the function: an `AWS::Lambda::Permission` in its template.

    The Amplify CLI adds one for AppSync when a function becomes the API's Lambda authorizer.
    """
    folder = project.paths.resource_dir("function", name)
    path = folder / f"{name}-cloudformation-template.json"
    template = dict(read_json(path))
    template.setdefault("Resources", {})[logical_id] = {
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "FunctionName": {"Ref": "LambdaFunction"},
            "Action": "lambda:InvokeFunction",
            "Principal": principal,
        },
    }
    write_json(path, template)


#: variables the function template sets itself (and Lambda's own AWS_* ones)
RESERVED_VARIABLES = frozenset({"ENV", "REGION"})
_VARIABLE = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]{0,99}$")


def update_function(
    project: Project,
    name: str,
    *,
    set_variables: dict[str, str] | None = None,
    remove_variables: tuple[str, ...] = (),
    timeout: int | None = None,
) -> dict[str, Any]:
    """`amplify update function`: environment variables and the timeout, written into the
    function's template (which `amplify push` deploys and `amplify mock` reads); returns the
    function's variables after the update.

    :raises FunctionNotFoundError: no such function.
    :raises InvalidOptionError: a bad or reserved variable name, an unknown one to remove, or
        a timeout outside 1-900 seconds.
    """
    require_function(project, name, "the function to update")
    path = project.paths.resource_dir("function", name) / f"{name}-cloudformation-template.json"
    template = dict(read_json(path))
    properties = template["Resources"]["LambdaFunction"]["Properties"]
    variables = properties.setdefault("Environment", {}).setdefault("Variables", {})
    for key, value in (set_variables or {}).items():
        if not _VARIABLE.match(key) or key in RESERVED_VARIABLES or key.startswith("AWS_"):
            raise InvalidOptionError(
                "--env",
                f"'{key}' is not a variable name you can set",
                "Use letters, digits and underscores, starting with a letter; ENV, REGION "
                "and AWS_* are set by Amplify and Lambda.",
            )
        variables[key] = value
    for key in remove_variables:
        if key not in variables or key in RESERVED_VARIABLES:
            raise InvalidOptionError(
                "--remove-env", f"the function has no variable '{key}' of yours", "Check the name."
            )
        del variables[key]
    if timeout is not None:
        if not 1 <= timeout <= 900:
            raise InvalidOptionError(
                "--timeout", f"{timeout} is not 1 to 900 seconds", "Lambda allows 1 to 900."
            )
        properties["Timeout"] = timeout
    write_json(path, template)
    return dict(variables)
