"""`amplify mock` in process on the demo project: real servers, real files, hot reload."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockOptions, MockSession
from amplify_mock.simulators.appsync.errors import PortInUseError

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
SEED = ROOT / "mock-data"
API_KEY = "da2-fakeApiId123456"

pytestmark = pytest.mark.e2e


class Recorder:
    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []

    def info(self, message: str) -> None:
        self.lines.append(("info", message))

    def warning(self, message: str) -> None:
        self.lines.append(("warning", message))

    def error(self, message: str) -> None:
        self.lines.append(("error", message))

    def text(self, level: str | None = None) -> str:
        return "\n".join(m for lvl, m in self.lines if level in (None, lvl))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file the mock must leave byte-identical (config and user sources)."""
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[:2] not in (
            ("amplify", "mock-data"),
            ("amplify", "mock-api-resources"),
        ):
            if relative.parts[0] == "src" and relative.parts[1:2] == ("graphql",):
                continue  # codegen output
            if "build" in relative.parts:
                continue  # gql-compile output
            files[str(relative)] = path.read_bytes()
    return files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


def options(**overrides: Any) -> MockOptions:
    base: dict[str, Any] = {
        "categories": frozenset({"api", "storage", "function"}),
        "port": 0,
        "storage_port": 0,
        "dynamodb_port": 0,
        "debounce": 0.05,
    }
    base.update(overrides)
    return MockOptions(**base)


@pytest.fixture
async def session(project: Path) -> AsyncIterator[tuple[MockSession, Recorder]]:
    recorder = Recorder()
    mock = MockSession(load_mock_project(project), options(seed_data=SEED), recorder)
    await mock.start()
    try:
        yield mock, recorder
    finally:
        await mock.stop()


async def graphql(session: MockSession, query: str, **variables: Any) -> dict[str, Any]:
    assert session.graphql_url is not None
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            session.graphql_url,
            json={"query": query, "variables": variables},
            headers={"x-api-key": API_KEY},
        ) as response,
    ):
        body: dict[str, Any] = await response.json()
        return body


async def wait_for(condition: Callable[[], Any], timeout: float = 15.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = condition()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        assert loop.time() < deadline, "timed out waiting for the mock"
        await asyncio.sleep(0.05)


async def test_mock_session_serves_seeded_demo(session: tuple[MockSession, Recorder]) -> None:
    mock, recorder = session
    body = await graphql(mock, "{ listTodos { items { id name } } }")
    names = sorted(item["name"] for item in body["data"]["listTodos"]["items"])
    assert names == ["Change the schema", "Edit a resolver", "Try amplify mock"]
    assert f"AppSync Mock endpoint is running at {mock.graphql_url}" in recorder.text()
    assert "GraphQL IDE is available for local testing at" in recorder.text()
    assert mock.running.s3 is not None
    assert mock.running.s3.url.startswith(("http://127.0.0.1:", "http://[::1]:"))
    assert f"Mock Storage endpoint is running at {mock.running.s3.url}" in recorder.text()


async def test_mock_session_function_field_runs_the_node_handler(
    session: tuple[MockSession, Recorder],
) -> None:
    mock, _ = session
    body = await graphql(mock, '{ getPost(id: "post-1") { title wordCount blog { name } } }')
    assert body == {
        "data": {
            "getPost": {
                "title": "No Java required",
                "wordCount": 11,
                "blog": {"name": "Notes from the local cloud"},
            }
        }
    }


async def test_mock_session_rewrites_and_restores_frontend_config(project: Path) -> None:
    before = snapshot(project)
    recorder = Recorder()
    mock = MockSession(load_mock_project(project), options(), recorder)
    await mock.start()
    try:
        exports = (project / "src" / "aws-exports.js").read_text()
        assert f'"aws_appsync_graphqlEndpoint": "{mock.graphql_url}"' in exports
        assert '"aws_appsync_dangerously_connect_to_http_endpoint_for_testing": true' in exports
        assert '"aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing": true' in (
            exports
        )
        await wait_for(lambda: (project / "src" / "graphql" / "queries.js").is_file())
    finally:
        await mock.stop()
    assert snapshot(project) == before


async def test_mock_session_template_override_and_reload(
    session: tuple[MockSession, Recorder], project: Path
) -> None:
    mock, recorder = session
    generated = project / "amplify" / "mock-api-resources" / "demoapi" / "resolvers"
    template = generated / "Query.getTodo.res.vtl"
    assert template.is_file()
    assert not (
        project / "amplify" / "backend" / "api" / "demoapi" / "resolvers" / template.name
    ).exists()
    override = project / "amplify" / "backend" / "api" / "demoapi" / "resolvers" / template.name
    override.write_text(
        '#set($ctx.result.name = "overridden: " + $ctx.result.name)\n$util.toJson($ctx.result)\n'
    )

    async def overridden() -> bool:
        body = await graphql(mock, '{ getTodo(id: "todo-1") { name } }')
        return body["data"]["getTodo"]["name"] == "overridden: Try amplify mock"

    await wait_for(overridden)
    assert "Mapping template change detected. Reloading..." in recorder.text()
    assert override.read_text().startswith('#set($ctx.result.name = "overridden: "')


async def test_mock_session_schema_edit_adds_a_field(
    session: tuple[MockSession, Recorder], project: Path
) -> None:
    mock, recorder = session
    schema = project / "amplify" / "backend" / "api" / "demoapi" / "schema.graphql"
    schema.write_text(
        schema.read_text().replace("  priority: Int\n", "  priority: Int\n  tag: String\n")
    )

    async def has_field() -> bool:
        body = await graphql(
            mock, 'mutation { createTodo(input: {name: "new", tag: "x"}) { id tag } }'
        )
        return (
            body.get("data", {}) is not None
            and (body.get("data") or {}).get("createTodo", {}) is not None
        )

    await wait_for(has_field)
    assert "GraphQL Schema change detected. Reloading..." in recorder.text()


async def test_mock_session_searchable_is_reported_and_skipped(
    session: tuple[MockSession, Recorder], project: Path
) -> None:
    """Adding `@searchable` on reload: the reload goes through without it, with a warning."""
    mock, recorder = session
    schema = project / "amplify" / "backend" / "api" / "demoapi" / "schema.graphql"
    schema.write_text(
        schema.read_text()
        .replace("type Todo @model", "type Todo @model @searchable")
        .replace("  priority: Int\n", "  priority: Int\n  tag: String\n")
    )

    async def has_field() -> bool:
        body = await graphql(
            mock, 'mutation { createTodo(input: {name: "new", tag: "x"}) { id tag } }'
        )
        return ((body.get("data") or {}).get("createTodo") or {}).get("tag") == "x"

    await wait_for(has_field)
    assert "Not mocked, left out of the local API: Todo @searchable" in recorder.text("warning")
    assert "Reloading failed" not in recorder.text()
    body = await graphql(mock, "{ searchTodos { items { id } } }")
    assert body["errors"][0]["message"] == "Cannot query field 'searchTodos' on type 'Query'."


async def test_mock_session_broken_schema_keeps_serving(
    session: tuple[MockSession, Recorder], project: Path
) -> None:
    mock, recorder = session
    schema = project / "amplify" / "backend" / "api" / "demoapi" / "schema.graphql"
    schema.write_text(schema.read_text().replace("type Todo @model", "type Todo @mode"))
    await wait_for(lambda: "Reloading failed with error" in recorder.text("error"))
    assert 'Unknown directive "@mode".' in recorder.text("error")
    assert f"{schema}:4:" in recorder.text("error")
    body = await graphql(mock, "{ listTodos { items { id } } }")
    assert len(body["data"]["listTodos"]["items"]) == 3


async def test_mock_session_broken_template_keeps_serving(
    session: tuple[MockSession, Recorder], project: Path
) -> None:
    mock, recorder = session
    override = project / "amplify" / "backend" / "api" / "demoapi" / "resolvers"
    (override / "Query.getTodo.res.vtl").write_text("## a typo:\n$util.toJson($context.result\n")
    await wait_for(lambda: "Reloading failed with error" in recorder.text("error"))
    assert f"{override / 'Query.getTodo.res.vtl'}:2:" in recorder.text("error")
    body = await graphql(mock, '{ getTodo(id: "todo-2") { name } }')
    assert body["data"]["getTodo"]["name"] == "Edit a resolver"


async def test_mock_session_port_in_use_leaves_nothing_changed(project: Path) -> None:
    before = snapshot(project)
    first = MockSession(
        load_mock_project(project), options(categories=frozenset({"api"})), Recorder()
    )
    await first.start()
    try:
        assert first.running.appsync is not None
        busy = first.running.appsync.port
        second = MockSession(
            load_mock_project(project),
            options(categories=frozenset({"api"}), port=busy, watch=False),
            Recorder(),
        )
        with pytest.raises(PortInUseError):
            await second.start()
        assert second.running.appsync is None
    finally:
        await first.stop()
    assert snapshot(project) == before


async def test_mock_session_no_api(project: Path) -> None:
    for name in ("amplify-meta.json", "backend-config.json"):
        path = project / "amplify" / "backend" / name
        data = json.loads(path.read_text())
        data.pop("api")
        path.write_text(json.dumps(data))
    mock = MockSession(
        load_mock_project(project), options(categories=frozenset({"api"})), Recorder()
    )
    with pytest.raises(AmplifyMockError) as err:
        await mock.start()
    assert str(err.value) == "No AppSync API is added to the project"


async def test_mock_session_broken_schema_at_start(project: Path) -> None:
    before = snapshot(project)
    schema = project / "amplify" / "backend" / "api" / "demoapi" / "schema.graphql"
    schema.write_text(schema.read_text().replace("type Todo @model", "type Todo @mode"))
    before[str(schema.relative_to(project))] = schema.read_bytes()
    mock = MockSession(load_mock_project(project), options(), Recorder())
    with pytest.raises(AmplifyMockError) as err:
        await mock.start()
    assert 'Unknown directive "@mode".' in str(err.value)
    assert snapshot(project) == before


TODO_COUNT = """
import os

import boto3


def handler(event, context):
    client = boto3.client(
        "dynamodb",
        endpoint_url=os.environ["DDB_ENDPOINT"],
        region_name=os.environ["AWS_REGION"],
    )
    table = os.environ["API_DEMOAPI_TODOTABLE_NAME"]
    return {"table": table, "count": client.scan(TableName=table, Select="COUNT")["Count"]}
"""


def add_python_function_reading_the_api_table(project: Path) -> None:
    """A Python function wired as `amplify add function` wires API access."""
    functions = project / "amplify" / "backend" / "function"
    template = json.loads(
        (functions / "wordCount" / "wordCount-cloudformation-template.json").read_text()
    )
    template["Parameters"]["apidemoapiGraphQLAPIIdOutput"] = {"Type": "String"}
    lambda_function = template["Resources"]["LambdaFunction"]["Properties"]
    lambda_function["Runtime"] = "python3.11"
    lambda_function["Environment"]["Variables"]["API_DEMOAPI_TODOTABLE_NAME"] = {
        "Fn::ImportValue": {"Fn::Sub": "${apidemoapiGraphQLAPIIdOutput}:GetAtt:TodoTable:Name"}
    }
    target = functions / "todoCount"
    (target / "src").mkdir(parents=True)
    (target / "src" / "index.py").write_text(TODO_COUNT)
    (target / "todoCount-cloudformation-template.json").write_text(json.dumps(template))
    for name in ("backend-config.json", "amplify-meta.json"):
        path = project / "amplify" / "backend" / name
        config = json.loads(path.read_text())
        config["function"]["todoCount"] = {
            "build": True,
            "providerPlugin": "awscloudformation",
            "service": "Lambda",
            "dependsOn": [
                {"category": "api", "resourceName": "demoapi", "attributes": ["GraphQLAPIIdOutput"]}
            ],
        }
        path.write_text(json.dumps(config))
    schema = project / "amplify" / "backend" / "api" / "demoapi" / "schema.graphql"
    schema.write_text(
        schema.read_text()
        + '\ntype Query {\n  todoCount: AWSJSON @function(name: "todoCount-${env}")\n}\n'
    )


async def test_mock_session_function_reads_the_mock_table(project: Path) -> None:
    add_python_function_reading_the_api_table(project)
    mock = MockSession(load_mock_project(project), options(seed_data=SEED), Recorder())
    await mock.start()
    try:
        body = await graphql(mock, "{ todoCount }")
        assert json.loads(body["data"]["todoCount"]) == {"table": "TodoTable", "count": 3}
    finally:
        await mock.stop()


async def test_mock_session_reset_clears_tables_and_storage_only(project: Path) -> None:
    recorder = Recorder()
    first = MockSession(load_mock_project(project), options(seed_data=SEED, watch=False), recorder)
    await first.start()
    await first.stop()
    s3 = project / "amplify" / "mock-data" / "S3"
    assert (s3 / "demofiles-dev" / "public" / "welcome.txt").is_file()
    deployment = s3 / "amplify-demo-dev-123456-deployment" / "#current-cloud-backend.zip"
    deployment.parent.mkdir(parents=True)
    deployment.write_bytes(b"zip")
    second = MockSession(load_mock_project(project), options(reset=True, watch=False), recorder)
    await second.start()
    try:
        body = await graphql(second, "{ listTodos { items { id } } }")
        assert body["data"]["listTodos"]["items"] == []
        assert not (s3 / "demofiles-dev" / "public" / "welcome.txt").exists()
        assert deployment.read_bytes() == b"zip"
        assert "Mock data cleared (tables and storage objects)." in recorder.text()
    finally:
        await second.stop()


def add_custom_resolver(project: Path) -> None:
    """A resolver the user adds in a custom stack (NONE data source, their own templates)."""
    api = project / "amplify" / "backend" / "api" / "demoapi"
    stack_path = api / "stacks" / "CustomResources.json"
    stack = json.loads(stack_path.read_text())

    def location(name: str) -> dict[str, Any]:
        return {
            "Fn::Sub": [
                "s3://${S3DeploymentBucket}/${S3DeploymentRootKey}/resolvers/" + name,
                {
                    "S3DeploymentBucket": {"Ref": "S3DeploymentBucket"},
                    "S3DeploymentRootKey": {"Ref": "S3DeploymentRootKey"},
                },
            ]
        }

    stack["Resources"] = {
        "EchoDataSource": {
            "Type": "AWS::AppSync::DataSource",
            "Properties": {"ApiId": {"Ref": "AppSyncApiId"}, "Name": "EchoNone", "Type": "NONE"},
        },
        "QueryEchoResolver": {
            "Type": "AWS::AppSync::Resolver",
            "DependsOn": "EchoDataSource",
            "Properties": {
                "ApiId": {"Ref": "AppSyncApiId"},
                "DataSourceName": "EchoNone",
                "TypeName": "Query",
                "FieldName": "echo",
                "RequestMappingTemplateS3Location": location("Query.echo.req.vtl"),
                "ResponseMappingTemplateS3Location": location("Query.echo.res.vtl"),
            },
        },
    }
    stack_path.write_text(json.dumps(stack))
    (api / "resolvers" / "Query.echo.req.vtl").write_text(
        '{"version": "2018-05-29", "payload": $util.toJson($ctx.args.msg)}\n'
    )
    (api / "resolvers" / "Query.echo.res.vtl").write_text('$util.toJson("echo: ${ctx.result}")\n')
    schema = api / "schema.graphql"
    schema.write_text(schema.read_text() + "\ntype Query {\n  echo(msg: String!): String\n}\n")


async def test_mock_session_custom_stack_resolver(project: Path) -> None:
    add_custom_resolver(project)
    user_templates = project / "amplify/backend/api/demoapi/resolvers"
    before = {p: p.read_bytes() for p in user_templates.iterdir()}
    mock = MockSession(load_mock_project(project), options(watch=False), Recorder())
    await mock.start()
    try:
        body = await graphql(mock, '{ echo(msg: "hi") }')
        assert body == {"data": {"echo": "echo: hi"}}
    finally:
        await mock.stop()
    after = {p: p.read_bytes() for p in user_templates.iterdir()}
    assert after == before  # the mock never writes into the user's resolvers/ folder


async def test_mock_session_key_change_migrates_the_table(
    session: tuple[MockSession, Recorder], project: Path
) -> None:
    mock, recorder = session
    schema = project / "amplify" / "backend" / "api" / "demoapi" / "schema.graphql"
    schema.write_text(
        schema.read_text().replace(
            "type Todo @model", 'type Todo @model @key(fields: ["id", "name"])', 1
        )
    )

    async def migrated() -> bool:
        body = await graphql(mock, '{ getTodo(id: "todo-1", name: "Try amplify mock") { done } }')
        return (body.get("data") or {}).get("getTodo") == {"done": True}

    await wait_for(migrated)
    assert "Table TodoTable:" in recorder.text("warning")
    assert "recreated with 3 of 3 items migrated" in recorder.text("warning")


AUTHORIZER = """
exports.handler = async (event) => ({
  isAuthorized: event.authorizationToken === 'letmein',
  resolverContext: { tenant: 'demo' },
});
"""


def add_lambda_authorizer(project: Path) -> None:
    """AWS_LAMBDA as an extra auth mode, its function, and a field that allows it."""
    add_custom_resolver(project)
    functions = project / "amplify" / "backend" / "function"
    template = (functions / "wordCount" / "wordCount-cloudformation-template.json").read_text()
    (functions / "authorizer" / "src").mkdir(parents=True)
    (functions / "authorizer" / "src" / "index.js").write_text(AUTHORIZER)
    (functions / "authorizer" / "authorizer-cloudformation-template.json").write_text(template)
    for name in ("backend-config.json", "amplify-meta.json"):
        path = project / "amplify" / "backend" / name
        config = json.loads(path.read_text())
        config["function"]["authorizer"] = {
            "providerPlugin": "awscloudformation",
            "service": "Lambda",
        }
        auth = config["api"]["demoapi"]["output"]["authConfig"]
        auth["additionalAuthenticationProviders"].append(
            {
                "authenticationType": "AWS_LAMBDA",
                "lambdaAuthorizerConfig": {"lambdaFunction": "authorizer", "ttlSeconds": "300"},
            }
        )
        path.write_text(json.dumps(config))
    schema = project / "amplify" / "backend" / "api" / "demoapi" / "schema.graphql"
    schema.write_text(
        schema.read_text().replace(
            "echo(msg: String!): String", "echo(msg: String!): String @aws_lambda @aws_api_key"
        )
    )


async def test_mock_session_lambda_authorizer(project: Path) -> None:
    add_lambda_authorizer(project)
    mock = MockSession(load_mock_project(project), options(watch=False), Recorder())
    await mock.start()
    try:
        assert mock.graphql_url is not None
        query = {"query": '{ echo(msg: "hi") }'}
        async with aiohttp.ClientSession() as http:
            async with http.post(
                mock.graphql_url, json=query, headers={"Authorization": "letmein"}
            ) as response:
                assert response.status == 200
                assert await response.json() == {"data": {"echo": "echo: hi"}}
            async with http.post(
                mock.graphql_url, json=query, headers={"Authorization": "wrong"}
            ) as response:
                assert response.status == 401
    finally:
        await mock.stop()


def hs256_token(secret: bytes, claims: dict[str, Any]) -> str:
    import base64
    import hashlib
    import hmac

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "kid": "k1", "typ": "JWT"}).encode())
    payload = b64(json.dumps(claims).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"


async def test_mock_session_verify_tokens(project: Path, tmp_path: Path) -> None:
    import base64
    import time

    secret = b"local-testing-secret"
    jwks = tmp_path / "jwks.json"
    key = base64.urlsafe_b64encode(secret).rstrip(b"=").decode()
    jwks.write_text(json.dumps({"keys": [{"kty": "oct", "kid": "k1", "alg": "HS256", "k": key}]}))
    claims = {
        "sub": "alice-sub",
        "cognito:username": "alice",
        "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_demoPool",
        "token_use": "id",
        "exp": int(time.time()) + 600,
    }
    good = hs256_token(secret, claims)
    forged = hs256_token(b"not-the-secret", claims)
    mock = MockSession(
        load_mock_project(project), options(watch=False, verify_tokens=str(jwks)), Recorder()
    )
    await mock.start()
    try:
        assert mock.graphql_url is not None
        query = {"query": "{ listBlogs { items { id } } }"}
        async with aiohttp.ClientSession() as http:
            async with http.post(
                mock.graphql_url, json=query, headers={"Authorization": good}
            ) as response:
                assert response.status == 200
                assert (await response.json())["data"]["listBlogs"]["items"] == []
            async with http.post(
                mock.graphql_url, json=query, headers={"Authorization": forged}
            ) as response:
                assert response.status == 401
    finally:
        await mock.stop()


async def test_mock_session_function_field_without_the_function(project: Path) -> None:
    schema = project / "amplify" / "backend" / "api" / "demoapi" / "schema.graphql"
    schema.write_text(
        schema.read_text() + '\ntype Query {\n  ghost: String @function(name: "ghost-${env}")\n}\n'
    )
    mock = MockSession(load_mock_project(project), options(watch=False), Recorder())
    await mock.start()
    try:
        body = await graphql(mock, "{ ghost }")
        assert body["data"] == {"ghost": None}
        [error] = body["errors"]
        assert error["errorType"] == "Lambda:Unhandled"
        assert error["message"].startswith("Function 'ghost' not found: ")
        assert error["message"].endswith("(functions in this project: wordCount).")
    finally:
        await mock.stop()


async def test_mock_session_adds_codegen_when_asked(project: Path) -> None:
    (project / ".graphqlconfig.yml").unlink()
    shutil.rmtree(project / "src" / "graphql")
    mock = MockSession(
        load_mock_project(project), options(watch=False, add_codegen=True), Recorder()
    )
    await mock.start()
    try:
        await wait_for(lambda: (project / "src" / "graphql" / "queries.js").is_file())
        config = (project / ".graphqlconfig.yml").read_text()
        assert "schemaPath: amplify/backend/api/demoapi/build/schema.graphql" in config
        assert "codeGenTarget: javascript" in config
    finally:
        await mock.stop()
