"""The function environment: resolved template variables, Lambda defaults, .env, no host leaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.simulators.lambda_ import LambdaRunner
from amplify_mock.simulators.lambda_.environment import parse_dotenv
from tests.simulators.lambda_.project import add_function

NODE_ENV = "exports.handler = async () => process.env;\n"
PYTHON_ENV = "import os\ndef handler(event, context):\n    return dict(os.environ)\n"

API_VARIABLES = {
    "API_DEMOAPI_GRAPHQLAPIENDPOINTOUTPUT": {"Ref": "apidemoapiGraphQLAPIEndpointOutput"},
    "API_DEMOAPI_GRAPHQLAPIKEYOUTPUT": {"Ref": "apidemoapiGraphQLAPIKeyOutput"},
    "API_DEMOAPI_GRAPHQLAPIIDOUTPUT": {"Ref": "apidemoapiGraphQLAPIIdOutput"},
    "API_DEMOAPI_TODOTABLE_NAME": {
        "Fn::ImportValue": {"Fn::Sub": "${apidemoapiGraphQLAPIIdOutput}:GetAtt:TodoTable:Name"}
    },
    "API_DEMOAPI_TODOTABLE_ARN": {
        "Fn::Join": [
            "",
            [
                "arn:aws:dynamodb:",
                {"Ref": "AWS::Region"},
                ":",
                {"Ref": "AWS::AccountId"},
                ":table/",
                {
                    "Fn::ImportValue": {
                        "Fn::Sub": "${apidemoapiGraphQLAPIIdOutput}:GetAtt:TodoTable:Name"
                    }
                },
            ],
        ]
    },
    "STORAGE_FILES_BUCKETNAME": {"Ref": "storagefilesBucketName"},
    "GREETING": {"Fn::Sub": "hello-${env}-${AWS::Region}"},
}

DEPENDS_ON = [
    {
        "category": "api",
        "resourceName": "demoapi",
        "attributes": [
            "GraphQLAPIIdOutput",
            "GraphQLAPIEndpointOutput",
            "GraphQLAPIKeyOutput",
        ],
    }
]

EXPECTED = {
    "ENV": "dev",
    "REGION": "us-east-1",
    "API_DEMOAPI_GRAPHQLAPIENDPOINTOUTPUT": "http://localhost:20002/graphql",
    "API_DEMOAPI_GRAPHQLAPIKEYOUTPUT": "da2-fakeApiId123456",
    "API_DEMOAPI_GRAPHQLAPIIDOUTPUT": "abc123",
    "API_DEMOAPI_TODOTABLE_NAME": "Todo-abc123-dev",
    "API_DEMOAPI_TODOTABLE_ARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Todo-abc123-dev",
    "STORAGE_FILES_BUCKETNAME": "files-bucket-dev",
    "GREETING": "hello-dev-us-east-1",
    "AWS_REGION": "us-east-1",
    "AWS_LAMBDA_FUNCTION_NAME": "fn",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
    "AWS_LAMBDA_FUNCTION_VERSION": "1",
    "_HANDLER": "index.handler",
    "TZ": "UTC",
    "AWS_ACCESS_KEY_ID": "fakeAccessKeyId",
    "AWS_SECRET_ACCESS_KEY": "fakeSecretAccessKey",
    "FROM_DOTENV": "dotenv value",
}


@pytest.mark.parametrize(
    ("file", "source"),
    [("src/index.js", NODE_ENV), ("src/index.py", PYTHON_ENV)],
    ids=["nodejs", "python"],
)
async def test_runner_environment_is_built_like_amplify_mock(
    project: Path, monkeypatch: pytest.MonkeyPatch, file: str, source: str
) -> None:
    monkeypatch.setenv("HOST_SECRET", "must-not-leak")
    folder = add_function(
        project,
        "fn",
        {file: source, ".env": "# comment\nFROM_DOTENV='dotenv value'\n"},
        variables=API_VARIABLES,
        depends_on=DEPENDS_ON,
    )
    async with LambdaRunner(
        project, parameters={"storagefilesBucketName": "files-bucket-dev"}
    ) as r:
        env = await r.invoke("fn", {})
    assert {key: env.get(key) for key in EXPECTED} == EXPECTED
    assert env["LAMBDA_TASK_ROOT"] == str(folder)
    assert "HOST_SECRET" not in env
    assert "HOME" not in env


async def test_runner_api_endpoint_and_key_point_at_given_mock(project: Path) -> None:
    add_function(
        project, "fn", {"src/index.js": NODE_ENV}, variables=API_VARIABLES, depends_on=DEPENDS_ON
    )
    parameters = {"storagefilesBucketName": "b"}
    async with LambdaRunner(
        project,
        parameters=parameters,
        api_endpoint="http://127.0.0.1:5555/graphql",
        api_key="da2-other",
    ) as r:
        env = await r.invoke("fn", {})
    assert env["API_DEMOAPI_GRAPHQLAPIENDPOINTOUTPUT"] == "http://127.0.0.1:5555/graphql"
    assert env["API_DEMOAPI_GRAPHQLAPIKEYOUTPUT"] == "da2-other"


async def test_runner_parameters_callable_and_exports_are_used(project: Path) -> None:
    add_function(
        project, "fn", {"src/index.js": NODE_ENV}, variables=API_VARIABLES, depends_on=DEPENDS_ON
    )
    async with LambdaRunner(
        project,
        parameters=lambda name: {"storagefilesBucketName": f"bucket-of-{name}"},
        exports={"abc123:GetAtt:TodoTable:Name": "TodoTable"},
    ) as r:
        env = await r.invoke("fn", {})
    assert env["STORAGE_FILES_BUCKETNAME"] == "bucket-of-fn"
    assert env["API_DEMOAPI_TODOTABLE_NAME"] == "TodoTable"


async def test_runner_unresolvable_variable_is_left_unset(project: Path) -> None:
    add_function(
        project, "fn", {"src/index.js": NODE_ENV}, variables={"MISSING": {"Ref": "nothingHere"}}
    )
    async with LambdaRunner(project) as r:
        env = await r.invoke("fn", {})
    assert "MISSING" not in env
    assert env["ENV"] == "dev"


def test_parse_dotenv_reads_quotes_comments_and_export() -> None:
    text = "A=1\n# skipped\nexport B=\"two\\nlines\"\nC=plain # trailing\nD='x y'\nnot a line\n"
    assert parse_dotenv(text) == {"A": "1", "B": "two\nlines", "C": "plain", "D": "x y"}
