"""`push` through the awscloudformation provider: the whole call sequence, with Stubber."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from amplify_mock.cloud.aws.cloud import AwsCloud
from amplify_mock.project.categories.function import add_function
from amplify_mock.project.project import Project
from amplify_mock.project.push import push

NOW = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def test_push_aws_call_sequence(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    add_function(project, "hello")
    provider = project.provider_info()
    stack, bucket = provider["StackName"], provider["DeploymentBucketName"]
    stack_id = provider["StackId"]
    nested_id = f"{stack_id}-functionhello"
    session = boto3.Session(
        aws_access_key_id="AKID", aws_secret_access_key="secret", region_name="us-east-1"
    )
    s3, cfn = session.client("s3"), session.client("cloudformation")
    uploaded: list[str] = []

    def described(status: str, outputs: dict[str, str] | None = None, sid: str = stack_id) -> Any:
        entry: dict[str, Any] = {
            "StackName": stack,
            "StackId": sid,
            "StackStatus": status,
            "CreationTime": NOW,
        }
        entry["Outputs"] = [{"OutputKey": k, "OutputValue": v} for k, v in (outputs or {}).items()]
        return {"Stacks": [entry]}

    def resources(nested: bool) -> Any:
        summaries = []
        if nested:
            summaries.append(
                {
                    "LogicalResourceId": "functionhello",
                    "PhysicalResourceId": nested_id,
                    "ResourceType": "AWS::CloudFormation::Stack",
                    "LastUpdatedTimestamp": NOW,
                    "ResourceStatus": "UPDATE_COMPLETE",
                }
            )
        return {"StackResourceSummaries": summaries}

    with Stubber(s3) as s3_stub, Stubber(cfn) as cfn_stub:
        cfn_stub.add_response("describe_stacks", described("CREATE_COMPLETE"), {"StackName": stack})
        cfn_stub.add_response("list_stack_resources", resources(False), {"StackName": stack})
        for _ in range(3):  # function template, function zip, root template
            s3_stub.add_response("put_object", {}, {"Bucket": bucket, "Key": ANY, "Body": ANY})
        cfn_stub.add_response("describe_stacks", described("CREATE_COMPLETE"), {"StackName": stack})
        cfn_stub.add_response(
            "update_stack",
            {"StackId": stack_id},
            {
                "StackName": stack,
                "TemplateBody": ANY,
                "Parameters": [
                    {"ParameterKey": "DeploymentBucketName", "ParameterValue": bucket},
                    {"ParameterKey": "AuthRoleName", "ParameterValue": provider["AuthRoleName"]},
                    {
                        "ParameterKey": "UnauthRoleName",
                        "ParameterValue": provider["UnauthRoleName"],
                    },
                ],
                "Capabilities": ANY,
            },
        )
        cfn_stub.add_response("describe_stacks", described("UPDATE_COMPLETE"), {"StackName": stack})
        cfn_stub.add_response("describe_stacks", described("UPDATE_COMPLETE"), {"StackName": stack})
        cfn_stub.add_response("list_stack_resources", resources(True), {"StackName": stack})
        cfn_stub.add_response(
            "describe_stacks",
            described("UPDATE_COMPLETE", {"Name": "hello-dev", "Arn": "arn:fn"}, nested_id),
            {"StackName": nested_id},
        )
        s3_stub.add_response(
            "put_object", {}, {"Bucket": bucket, "Key": "#current-cloud-backend.zip", "Body": ANY}
        )
        original_put = s3.put_object

        def recording_put(**kwargs: Any) -> Any:
            uploaded.append(kwargs["Key"])
            return original_put(**kwargs)

        monkeypatch.setattr(s3, "put_object", recording_put)
        cloud = AwsCloud(None, "us-east-1", s3=s3, cloudformation=cfn, sleep=lambda _: None)
        monkeypatch.setattr("amplify_mock.project.push.cloud_for", lambda *a, **k: cloud)
        result = push(project)
        s3_stub.assert_no_pending_responses()
        cfn_stub.assert_no_pending_responses()
    assert result.deployed
    assert uploaded[0].startswith("amplify-builds/hello-") and uploaded[0].endswith("-build.zip")
    assert uploaded[1] == "amplify-cfn-templates/function/hello-cloudformation-template.json"
    assert uploaded[2:] == [
        "amplify-cfn-templates/root-cloudformation-stack.json",
        "#current-cloud-backend.zip",
    ]
    assert project.amplify_meta()["function"]["hello"]["output"] == {
        "Name": "hello-dev",
        "Arn": "arn:fn",
    }
