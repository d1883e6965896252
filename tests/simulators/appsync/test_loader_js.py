"""The loader reads APPSYNC_JS resolvers (`Runtime`, `Code` / `CodeS3Location`) and rejects
code AppSync would reject on deploy, naming file:line:col."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.simulators.appsync.loader import ApiBuildError, load_api_config
from resolvers.js import JsCode
from tests.simulators.appsync.conftest import BUILDS

JS = {"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"}
GOOD = "export function request(ctx) { return {}; }\nexport function response(ctx) { return 1; }\n"


def build_with(tmp_path: Path, properties: dict[str, Any], files: dict[str, str]) -> Path:
    build = tmp_path / "build"
    shutil.copytree(BUILDS["todo"], build)
    for name, text in files.items():
        (build / name).write_text(text, encoding="utf-8")
    stack_path = build / "stacks" / "Todo.json"
    stack = json.loads(stack_path.read_text(encoding="utf-8"))
    resolver = stack["Resources"]["GetTodoResolver"]["Properties"]
    for key in ("RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"):
        resolver.pop(key)
    resolver.update(properties)
    stack_path.write_text(json.dumps(stack), encoding="utf-8")
    return build


def code_of(build: Path) -> JsCode | None:
    config = load_api_config(build)
    resolver = next(r for r in config.resolvers if r.field_name == "getTodo")
    return resolver.code


def test_inline_code(tmp_path: Path) -> None:
    build = build_with(tmp_path, {"Runtime": JS, "Code": GOOD}, {})
    assert code_of(build) == JsCode(GOOD, "Resolver Query.getTodo (inline Code)")


def test_code_s3_location(tmp_path: Path) -> None:
    location = {
        "Fn::Sub": [
            "s3://${S3DeploymentBucket}/${S3DeploymentRootKey}/resolvers/Query.getTodo.js",
            {
                "S3DeploymentBucket": {"Ref": "S3DeploymentBucket"},
                "S3DeploymentRootKey": {"Ref": "S3DeploymentRootKey"},
            },
        ]
    }
    build = build_with(
        tmp_path, {"Runtime": JS, "CodeS3Location": location}, {"resolvers/Query.getTodo.js": GOOD}
    )
    assert code_of(build) == JsCode(GOOD, "resolvers/Query.getTodo.js")


def test_code_breaking_a_runtime_rule_fails_the_load(tmp_path: Path) -> None:
    code = "export function request(ctx) {\n  for (let i = 0; i < 2; i = i + 1) {}\n}\n"
    build = build_with(tmp_path, {"Runtime": JS, "Code": code}, {})
    with pytest.raises(ApiBuildError) as caught:
        load_api_config(build)
    assert caught.value.reason == (
        "Resolver Query.getTodo (inline Code):2:3: For statements are not supported."
    )


def test_other_runtime_versions_are_refused(tmp_path: Path) -> None:
    runtime = {"Name": "APPSYNC_JS", "RuntimeVersion": "2.0.0"}
    build = build_with(tmp_path, {"Runtime": runtime, "Code": GOOD}, {})
    with pytest.raises(ApiBuildError) as caught:
        load_api_config(build)
    assert caught.value.reason == (
        "Resolver Query.getTodo uses runtime APPSYNC_JS 2.0.0; only APPSYNC_JS 1.0.0 is supported"
    )


def test_missing_code_file(tmp_path: Path) -> None:
    location = "s3://bucket/root/resolvers/Query.nothere.js"
    build = build_with(tmp_path, {"Runtime": JS, "CodeS3Location": location}, {})
    with pytest.raises(ApiBuildError) as caught:
        load_api_config(build)
    assert caught.value.reason == "code file resolvers/Query.nothere.js is missing"
