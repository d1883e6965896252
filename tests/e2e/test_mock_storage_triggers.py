"""S3 events of `amplify mock storage` reach the trigger function its template wires, filtered."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import aiohttp
import pytest

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockOptions, MockSession
from tests.e2e.test_mock_session import DEMO, Recorder, wait_for

pytestmark = pytest.mark.e2e

HANDLER = """
const fs = require('fs');
exports.handler = async (event) => {
  const record = event.Records[0];
  fs.appendFileSync(process.env.TRIGGER_LOG,
    JSON.stringify([record.eventName, record.s3.bucket.name, record.s3.object.key]) + '\\n');
  return 'ok';
};
"""


def add_s3_trigger(project: Path, log: Path) -> None:
    functions = project / "amplify" / "backend" / "function"
    template = json.loads(
        (functions / "wordCount" / "wordCount-cloudformation-template.json").read_text()
    )
    target = functions / "S3Trigger1"
    (target / "src").mkdir(parents=True)
    (target / "src" / "index.js").write_text(HANDLER)
    (target / ".env").write_text(f"TRIGGER_LOG={log}\n")
    (target / "S3Trigger1-cloudformation-template.json").write_text(json.dumps(template))
    for name in ("backend-config.json", "amplify-meta.json"):
        path = project / "amplify" / "backend" / name
        config = json.loads(path.read_text())
        config["function"]["S3Trigger1"] = {
            "providerPlugin": "awscloudformation",
            "service": "Lambda",
        }
        path.write_text(json.dumps(config))
    storage = project / "amplify" / "backend" / "storage" / "demofiles"
    stack = json.loads((storage / "s3-cloudformation-template.json").read_text())
    stack["Parameters"]["functionS3Trigger1Arn"] = {"Type": "String"}
    stack["Resources"]["S3Bucket"]["Properties"]["NotificationConfiguration"] = {
        "LambdaConfigurations": [
            {
                "Event": "s3:ObjectCreated:*",
                "Function": {"Ref": "functionS3Trigger1Arn"},
                "Filter": {
                    "S3Key": {
                        "Rules": [
                            {
                                "Name": "prefix",
                                "Value": {"Fn::Join": ["", ["protected/", {"Ref": "AWS::Region"}]]},
                            }
                        ]
                    }
                },
            },
            {"Event": "s3:ObjectRemoved:*", "Function": {"Ref": "functionS3Trigger1Arn"}},
        ]
    }
    (storage / "s3-cloudformation-template.json").write_text(json.dumps(stack))


async def test_mock_storage_trigger_filters_and_delivers(tmp_path: Path) -> None:
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    log = tmp_path / "trigger.log"
    add_s3_trigger(project, log)
    options = MockOptions(
        categories=frozenset({"storage", "function"}), storage_port=0, watch=False
    )
    session = MockSession(load_mock_project(project), options, Recorder())
    await session.start()
    try:
        assert session.running.s3 is not None
        base = f"{session.running.s3.url}/demofiles-dev"
        async with aiohttp.ClientSession() as http:
            for key in ("public/skipped.txt", "protected/us-east-1/kept.txt"):
                async with http.put(f"{base}/{key}", data=b"x") as response:
                    assert response.status == 200
            async with http.delete(f"{base}/public/skipped.txt") as response:
                assert response.status == 204

        def lines() -> list[list[str]]:
            if not log.exists():
                return []
            return [json.loads(line) for line in log.read_text().splitlines()]

        await wait_for(lambda: len(lines()) >= 2)
        await asyncio.sleep(0.3)  # nothing else may arrive
        assert sorted(lines()) == [
            ["ObjectCreated:Put", "demofiles-dev", "protected/us-east-1/kept.txt"],
            ["ObjectRemoved:Delete", "demofiles-dev", "public/skipped.txt"],
        ]
    finally:
        await session.stop()


def test_mock_storage_bad_parameters_json_names_the_file(tmp_path: Path) -> None:
    from amplify_mock.errors import AmplifyMockError
    from amplify_mock.mock.gen1.storage_triggers import load_bucket_triggers

    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    mock = load_mock_project(project)
    parameters = project / "amplify/backend/storage/demofiles/parameters.json"
    parameters.write_text('{"bucketName": }')  # broken after discovery (an edit while mocking)
    with pytest.raises(AmplifyMockError) as err:
        load_bucket_triggers(mock)
    assert str(err.value) == f"{parameters}:1:16: Expecting value"
