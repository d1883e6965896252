"""EvaluateCode / EvaluateMappingTemplate on the local endpoint, driven by boto3."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from amplify_mock.simulators.appsync.server import AppSyncServer
from amplify_mock.simulators.appsync.state import build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory
from tests.simulators.appsync.conftest import BUILDS

RUNTIME = {"name": "APPSYNC_JS", "runtimeVersion": "1.0.0"}
CODE = """import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  ctx.stash.seen = true;
  util.appendError('note', 'Warning');
  console.log('getting', ctx.args.id);
  return ddb.get({ key: { id: ctx.args.id } });
}
export function response(ctx) {
  if (!ctx.result) {
    util.error('Not found', 'NotFound');
  }
  return ctx.result;
}
"""


@pytest.fixture
async def client() -> AsyncIterator[Any]:
    state = build_api_state(BUILDS["todo"], data_source_factory=data_source_factory())
    server = AppSyncServer(state, port=0)
    await server.start()
    appsync = boto3.client(
        "appsync",
        endpoint_url=f"http://127.0.0.1:{server.port}",
        region_name="us-east-1",
        aws_access_key_id="fake",
        aws_secret_access_key="fake",
        config=Config(retries={"max_attempts": 0}),
    )
    yield appsync
    await server.stop()


async def test_evaluate_code_request(client: Any) -> None:
    answer = await asyncio.to_thread(
        client.evaluate_code,
        runtime=RUNTIME,
        code=CODE,
        context=json.dumps({"arguments": {"id": "t1"}}),
        function="request",
    )
    assert json.loads(answer["evaluationResult"]) == {
        "operation": "GetItem",
        "key": {"id": {"S": "t1"}},
    }
    assert json.loads(answer["stash"]) == {"seen": True}
    assert answer["logs"] == ["getting t1"]
    assert json.loads(answer["outErrors"]) == [
        {"errorType": "Warning", "message": "note", "data": None, "errorInfo": None}
    ]
    assert "error" not in answer


async def test_evaluate_code_through_the_aws_cli(client: Any, tmp_path: Path) -> None:
    """`aws appsync evaluate-code --endpoint-url` (the AWS CLI setup installs) as users run it."""
    (tmp_path / "resolver.js").write_text(CODE)
    aws = Path(sys.executable).with_name("aws")
    command = [
        str(aws),
        "appsync",
        "evaluate-code",
        "--runtime",
        "name=APPSYNC_JS,runtimeVersion=1.0.0",
        "--code",
        f"file://{tmp_path / 'resolver.js'}",
        "--context",
        json.dumps({"arguments": {"id": "t1"}}),
        "--function",
        "request",
        "--endpoint-url",
        client.meta.endpoint_url,
        "--region",
        "us-east-1",
    ]
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "fake", "AWS_SECRET_ACCESS_KEY": "fake"}
    run = await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, timeout=60
    )

    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert json.loads(answer["evaluationResult"]) == {
        "operation": "GetItem",
        "key": {"id": {"S": "t1"}},
    }
    assert answer["logs"] == ["getting t1"]


async def test_evaluate_code_response_util_error(client: Any) -> None:
    answer = await asyncio.to_thread(
        client.evaluate_code,
        runtime=RUNTIME,
        code=CODE,
        context=json.dumps({"arguments": {"id": "t1"}, "result": None}),
        function="response",
    )
    assert answer["error"] == {"message": "Not found"}
    assert "evaluationResult" not in answer


async def test_evaluate_code_with_unsupported_feature_is_bad_request(client: Any) -> None:
    code = "export function request(ctx) {\n  while (true) {}\n}\n"
    with pytest.raises(ClientError) as caught:
        await asyncio.to_thread(
            client.evaluate_code, runtime=RUNTIME, code=code, context="{}", function="request"
        )
    error = caught.value.response
    assert error["Error"]["Code"] == "BadRequestException"
    assert error["Error"]["Message"] == "The code contains one or more errors."
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error["reason"] == "CODE_ERROR"
    assert error["detail"]["codeErrors"] == [
        {
            "errorType": "LINT_ERROR",
            "value": "While statements are not supported.",
            "location": {"line": 2, "column": 3, "span": 5},
        }
    ]


async def test_evaluate_code_runtime_error_names_line_and_column(client: Any) -> None:
    code = "export function request(ctx) {\n  return ctx.args.a.b;\n}\n"
    answer = await asyncio.to_thread(
        client.evaluate_code, runtime=RUNTIME, code=code, context="{}", function="request"
    )
    assert answer["error"] == {
        "message": "code.js:2:20: TypeError: cannot read property 'b' of undefined"
    }


async def test_evaluate_code_runaway_loop_ends_and_the_server_keeps_answering(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("resolvers.js.code.TIME_LIMIT_MS", 100.0)
    code = (
        "export function request(ctx) {\n  let n = 0;\n  const a = Array(5000).fill(1);\n"
        "  for (const x of a) { for (const y of a) { n = n + x * y; } }\n  return { n };\n}\n"
    )
    answer = await asyncio.to_thread(
        client.evaluate_code, runtime=RUNTIME, code=code, context="{}", function="request"
    )
    assert answer["error"] == {
        "message": "code.js: Execution timed out after 100 ms (request function)"
    }
    again = await asyncio.to_thread(
        client.evaluate_code,
        runtime=RUNTIME,
        code="export function request(ctx) { return { ok: true }; }",
        context="{}",
        function="request",
    )
    assert json.loads(again["evaluationResult"]) == {"ok": True}


async def test_evaluate_code_bad_context_json(client: Any) -> None:
    with pytest.raises(ClientError) as caught:
        await asyncio.to_thread(
            client.evaluate_code,
            runtime=RUNTIME,
            code=CODE,
            context="{not json",
            function="request",
        )
    assert caught.value.response["Error"]["Code"] == "BadRequestException"
    assert caught.value.response["Error"]["Message"].startswith("The context is not valid JSON")


async def test_evaluate_mapping_template(client: Any) -> None:
    template = (
        '$util.qr($ctx.stash.put("k", 1))'
        '{"version": "2018-05-29", "operation": "GetItem", '
        '"key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)}}'
    )
    answer = await asyncio.to_thread(
        client.evaluate_mapping_template,
        template=template,
        context=json.dumps({"arguments": {"id": "t1"}}),
    )
    assert json.loads(answer["evaluationResult"]) == {
        "version": "2018-05-29",
        "operation": "GetItem",
        "key": {"id": {"S": "t1"}},
    }
    assert json.loads(answer["stash"]) == {"k": 1}


async def test_evaluate_mapping_template_error(client: Any) -> None:
    answer = await asyncio.to_thread(
        client.evaluate_mapping_template,
        template='$util.error("nope", "Custom")',
        context="{}",
    )
    assert answer["error"] == {"message": "nope"}
