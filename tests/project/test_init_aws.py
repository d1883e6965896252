"""`init_project` through the awscloudformation provider: the root stack call sequence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from amplify_mock.cloud.aws.cloud import AwsCloud
from amplify_mock.project.init import init_project
from tests.project.conftest import FIXED_NOW, make_request

STACK = "amplify-todoapp-dev-030405"
STACK_ID = f"arn:aws:cloudformation:us-east-1:111122223333:stack/{STACK}/1"
NOW = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def test_init_aws_call_sequence(project_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = boto3.Session(
        aws_access_key_id="AKID", aws_secret_access_key="secret", region_name="us-east-1"
    )
    s3, cfn = session.client("s3"), session.client("cloudformation")
    outputs = {
        "Region": "us-east-1",
        "StackName": STACK,
        "StackId": STACK_ID,
        "DeploymentBucketName": f"{STACK}-deployment",
        "AuthRoleArn": f"arn:aws:iam::111122223333:role/{STACK}-authRole",
        "UnauthRoleArn": f"arn:aws:iam::111122223333:role/{STACK}-unauthRole",
        "AuthRoleName": f"{STACK}-authRole",
        "UnauthRoleName": f"{STACK}-unauthRole",
    }

    def described(status: str, with_outputs: bool = False) -> Any:
        stack: dict[str, Any] = {
            "StackName": STACK,
            "StackId": STACK_ID,
            "StackStatus": status,
            "CreationTime": NOW,
        }
        if with_outputs:
            stack["Outputs"] = [{"OutputKey": k, "OutputValue": v} for k, v in outputs.items()]
        return {"Stacks": [stack]}

    with Stubber(s3) as s3_stub, Stubber(cfn) as cfn_stub:
        cfn_stub.add_client_error(
            "describe_stacks",
            service_error_code="ValidationError",
            service_message=f"Stack with id {STACK} does not exist",
            expected_params={"StackName": STACK},
        )
        cfn_stub.add_response(
            "create_stack",
            {"StackId": STACK_ID},
            {
                "StackName": STACK,
                "TemplateBody": ANY,
                "Parameters": [
                    {
                        "ParameterKey": "DeploymentBucketName",
                        "ParameterValue": f"{STACK}-deployment",
                    },
                    {"ParameterKey": "AuthRoleName", "ParameterValue": f"{STACK}-authRole"},
                    {"ParameterKey": "UnauthRoleName", "ParameterValue": f"{STACK}-unauthRole"},
                ],
                "Capabilities": ANY,
            },
        )
        cfn_stub.add_response(
            "describe_stacks", described("CREATE_IN_PROGRESS"), {"StackName": STACK}
        )
        cfn_stub.add_response("describe_stacks", described("CREATE_COMPLETE"), {"StackName": STACK})
        cfn_stub.add_response(
            "describe_stacks", described("CREATE_COMPLETE", True), {"StackName": STACK}
        )
        cfn_stub.add_response(
            "list_stack_resources", {"StackResourceSummaries": []}, {"StackName": STACK}
        )
        s3_stub.add_client_error("get_object", service_error_code="NoSuchKey", http_status_code=404)
        s3_stub.add_response(
            "put_object",
            {},
            {"Bucket": f"{STACK}-deployment", "Key": "#current-cloud-backend.zip", "Body": ANY},
        )
        cloud = AwsCloud(None, "us-east-1", s3=s3, cloudformation=cfn, sleep=lambda _: None)
        monkeypatch.setattr("amplify_mock.project.envs.open_cloud", lambda *a, **k: cloud)
        result = init_project(project_root, make_request(), clock=lambda: FIXED_NOW)
        s3_stub.assert_no_pending_responses()
        cfn_stub.assert_no_pending_responses()
    provider = result.project.team_provider_info()["dev"]["awscloudformation"]
    assert {k: v for k, v in provider.items() if k != "AmplifyAppId"} == {
        key: outputs[key]
        for key in (
            "AuthRoleName",
            "UnauthRoleArn",
            "AuthRoleArn",
            "Region",
            "DeploymentBucketName",
            "UnauthRoleName",
            "StackName",
            "StackId",
        )
    }
    assert not (project_root / "amplify" / "mock-data").exists()
