"""`AwsCloud`: the S3 + CloudFormation call sequence, checked with botocore's Stubber."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.stub import ANY, Stubber

from amplify_mock.cloud.aws.cloud import CAPABILITIES, AwsCloud, AwsRequestError
from amplify_mock.cloud.provider import DeploymentError, ObjectNotFoundError, StackNotFoundError

STACK = "amplify-app-dev-101010"
STACK_ID = f"arn:aws:cloudformation:us-east-1:123456789012:stack/{STACK}/abc"
NESTED_ID = f"arn:aws:cloudformation:us-east-1:123456789012:stack/{STACK}-apiblog-X/def"
TEMPLATE = {"Resources": {"apiblog": {"Type": "AWS::CloudFormation::Stack"}}}
PARAMETERS = {"DeploymentBucketName": "bucket", "AuthRoleName": "a", "Flag": True}
NOW = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def clients() -> Iterator[tuple[Any, Any, Stubber, Stubber]]:
    session = boto3.Session(
        aws_access_key_id="AKID", aws_secret_access_key="secret", region_name="us-east-1"
    )
    s3 = session.client("s3")
    cfn = session.client("cloudformation")
    with Stubber(s3) as s3_stub, Stubber(cfn) as cfn_stub:
        yield s3, cfn, s3_stub, cfn_stub
        s3_stub.assert_no_pending_responses()
        cfn_stub.assert_no_pending_responses()


def _cloud(clients: tuple[Any, Any, Stubber, Stubber]) -> AwsCloud:
    s3, cfn, _, _ = clients
    return AwsCloud(None, "us-east-1", s3=s3, cloudformation=cfn, sleep=lambda _: None)


def _stack(
    status: str, outputs: dict[str, str] | None = None, stack_id: str = STACK_ID
) -> dict[str, Any]:
    stack: dict[str, Any] = {
        "StackName": STACK,
        "StackId": stack_id,
        "StackStatus": status,
        "CreationTime": NOW,
    }
    if outputs:
        stack["Outputs"] = [{"OutputKey": k, "OutputValue": v} for k, v in outputs.items()]
    return {"Stacks": [stack]}


def _missing(stub: Stubber, stack: str = STACK) -> None:
    stub.add_client_error(
        "describe_stacks",
        service_error_code="ValidationError",
        service_message=f"Stack with id {stack} does not exist",
        http_status_code=400,
        expected_params={"StackName": stack},
    )


def _expect_outputs(stub: Stubber) -> None:
    stub.add_response(
        "describe_stacks",
        _stack("CREATE_COMPLETE", {"StackName": STACK, "Region": "us-east-1"}),
        {"StackName": STACK},
    )
    stub.add_response(
        "list_stack_resources",
        {
            "StackResourceSummaries": [
                {
                    "LogicalResourceId": "apiblog",
                    "PhysicalResourceId": NESTED_ID,
                    "ResourceType": "AWS::CloudFormation::Stack",
                    "LastUpdatedTimestamp": NOW,
                    "ResourceStatus": "CREATE_COMPLETE",
                },
                {
                    "LogicalResourceId": "DeploymentBucket",
                    "PhysicalResourceId": "bucket",
                    "ResourceType": "AWS::S3::Bucket",
                    "LastUpdatedTimestamp": NOW,
                    "ResourceStatus": "CREATE_COMPLETE",
                },
            ]
        },
        {"StackName": STACK},
    )
    stub.add_response(
        "describe_stacks",
        _stack("CREATE_COMPLETE", {"GraphQLAPIIdOutput": "api123"}, NESTED_ID),
        {"StackName": NESTED_ID},
    )


def test_aws_deploy_creates_stack_and_reads_nested_outputs(
    clients: tuple[Any, Any, Stubber, Stubber],
) -> None:
    _, _, s3_stub, cfn_stub = clients
    s3_stub.add_response(
        "put_object",
        {},
        {
            "Bucket": "bucket",
            "Key": "amplify-cfn-templates/api/cloudformation-template.json",
            "Body": b"{}",
        },
    )
    _missing(cfn_stub)
    cfn_stub.add_response(
        "create_stack",
        {"StackId": STACK_ID},
        {
            "StackName": STACK,
            "TemplateBody": json.dumps(TEMPLATE),
            "Parameters": [
                {"ParameterKey": "DeploymentBucketName", "ParameterValue": "bucket"},
                {"ParameterKey": "AuthRoleName", "ParameterValue": "a"},
                {"ParameterKey": "Flag", "ParameterValue": "true"},
            ],
            "Capabilities": CAPABILITIES,
        },
    )
    cfn_stub.add_response("describe_stacks", _stack("CREATE_IN_PROGRESS"), {"StackName": STACK})
    cfn_stub.add_response("describe_stacks", _stack("CREATE_COMPLETE"), {"StackName": STACK})
    _expect_outputs(cfn_stub)
    cloud = _cloud(clients)
    cloud.put_object("bucket", "amplify-cfn-templates/api/cloudformation-template.json", b"{}")
    deployed = cloud.deploy_stack(STACK, TEMPLATE, PARAMETERS)
    assert deployed.stack_id == STACK_ID
    assert deployed.outputs == {"StackName": STACK, "Region": "us-east-1"}
    assert deployed.nested_outputs == {"apiblog": {"GraphQLAPIIdOutput": "api123"}}


def test_aws_deploy_updates_existing_stack(clients: tuple[Any, Any, Stubber, Stubber]) -> None:
    _, _, _, cfn_stub = clients
    cfn_stub.add_response("describe_stacks", _stack("CREATE_COMPLETE"), {"StackName": STACK})
    cfn_stub.add_response(
        "update_stack",
        {"StackId": STACK_ID},
        {
            "StackName": STACK,
            "TemplateBody": ANY,
            "Parameters": ANY,
            "Capabilities": CAPABILITIES,
        },
    )
    cfn_stub.add_response("describe_stacks", _stack("UPDATE_IN_PROGRESS"), {"StackName": STACK})
    cfn_stub.add_response("describe_stacks", _stack("UPDATE_COMPLETE"), {"StackName": STACK})
    _expect_outputs(cfn_stub)
    deployed = _cloud(clients).deploy_stack(STACK, TEMPLATE, PARAMETERS)
    assert deployed.nested_outputs["apiblog"] == {"GraphQLAPIIdOutput": "api123"}


def test_aws_deploy_no_updates_is_not_an_error(
    clients: tuple[Any, Any, Stubber, Stubber],
) -> None:
    _, _, _, cfn_stub = clients
    cfn_stub.add_response("describe_stacks", _stack("UPDATE_COMPLETE"), {"StackName": STACK})
    cfn_stub.add_client_error(
        "update_stack",
        service_error_code="ValidationError",
        service_message="No updates are to be performed.",
        http_status_code=400,
    )
    _expect_outputs(cfn_stub)
    deployed = _cloud(clients).deploy_stack(STACK, TEMPLATE, PARAMETERS)
    assert deployed.outputs["Region"] == "us-east-1"


def test_aws_deploy_rollback_names_failed_resource(
    clients: tuple[Any, Any, Stubber, Stubber],
) -> None:
    _, _, _, cfn_stub = clients
    cfn_stub.add_response("describe_stacks", _stack("UPDATE_COMPLETE"), {"StackName": STACK})
    cfn_stub.add_response("update_stack", {"StackId": STACK_ID})
    cfn_stub.add_response(
        "describe_stacks", _stack("UPDATE_ROLLBACK_IN_PROGRESS"), {"StackName": STACK}
    )
    cfn_stub.add_response(
        "describe_stacks", _stack("UPDATE_ROLLBACK_COMPLETE"), {"StackName": STACK}
    )
    event = {
        "StackId": STACK_ID,
        "EventId": "1",
        "StackName": STACK,
        "Timestamp": NOW,
        "LogicalResourceId": "storagefiles",
        "ResourceStatus": "UPDATE_FAILED",
        "ResourceStatusReason": "files-dev already exists",
    }
    cfn_stub.add_response("describe_stack_events", {"StackEvents": [event]}, {"StackName": STACK})
    with pytest.raises(DeploymentError) as err:
        _cloud(clients).deploy_stack(STACK, TEMPLATE, PARAMETERS)
    assert err.value.message == (
        f"Deployment of stack '{STACK}' failed at resource 'storagefiles': "
        "UPDATE_FAILED: files-dev already exists."
    )


def test_aws_delete_stack_waits_until_gone(clients: tuple[Any, Any, Stubber, Stubber]) -> None:
    _, _, _, cfn_stub = clients
    cfn_stub.add_response("describe_stacks", _stack("UPDATE_COMPLETE"), {"StackName": STACK})
    cfn_stub.add_response("delete_stack", {}, {"StackName": STACK})
    cfn_stub.add_response("describe_stacks", _stack("DELETE_IN_PROGRESS"), {"StackName": STACK})
    _missing(cfn_stub)
    _cloud(clients).delete_stack(STACK)


def test_aws_describe_missing_stack(clients: tuple[Any, Any, Stubber, Stubber]) -> None:
    _, _, _, cfn_stub = clients
    _missing(cfn_stub)
    with pytest.raises(StackNotFoundError) as err:
        _cloud(clients).describe_stack(STACK)
    assert err.value.message == f"Stack '{STACK}' does not exist in the cloud."


def test_aws_get_missing_object(clients: tuple[Any, Any, Stubber, Stubber]) -> None:
    _, _, s3_stub, _ = clients
    s3_stub.add_client_error("get_object", service_error_code="NoSuchKey", http_status_code=404)
    with pytest.raises(ObjectNotFoundError) as err:
        _cloud(clients).get_object("bucket", "#current-cloud-backend.zip")
    assert err.value.message == "Object s3://bucket/#current-cloud-backend.zip does not exist."


def test_aws_empty_bucket_deletes_every_page(clients: tuple[Any, Any, Stubber, Stubber]) -> None:
    _, _, s3_stub, _ = clients
    s3_stub.add_response(
        "list_objects_v2",
        {"Contents": [{"Key": "a"}], "IsTruncated": True, "NextContinuationToken": "t"},
        {"Bucket": "bucket"},
    )
    s3_stub.add_response(
        "delete_objects",
        {},
        {"Bucket": "bucket", "Delete": {"Objects": [{"Key": "a"}], "Quiet": True}},
    )
    s3_stub.add_response(
        "list_objects_v2",
        {"Contents": [{"Key": "b"}], "IsTruncated": False},
        {"Bucket": "bucket", "ContinuationToken": "t"},
    )
    s3_stub.add_response(
        "delete_objects",
        {},
        {"Bucket": "bucket", "Delete": {"Objects": [{"Key": "b"}], "Quiet": True}},
    )
    _cloud(clients).empty_bucket("bucket")


def test_aws_unexpected_client_error_is_aws_request_error(
    clients: tuple[Any, Any, Stubber, Stubber],
) -> None:
    _, _, _, cfn_stub = clients
    cfn_stub.add_client_error(
        "describe_stacks", service_error_code="AccessDenied", service_message="not allowed"
    )
    with pytest.raises(AwsRequestError) as err:
        _cloud(clients).describe_stack(STACK)
    assert err.value.message == (
        "AWS request failed: An error occurred (AccessDenied) when calling the "
        "DescribeStacks operation: not allowed"
    )


def test_aws_unreachable_endpoint_is_aws_request_error() -> None:
    session = boto3.Session(
        aws_access_key_id="AKID", aws_secret_access_key="secret", region_name="us-east-1"
    )
    config = Config(retries={"total_max_attempts": 1}, connect_timeout=5)
    s3 = session.client("s3", endpoint_url="http://127.0.0.1:1", config=config)
    cloud = AwsCloud(None, "us-east-1", s3=s3, cloudformation=session.client("cloudformation"))
    with pytest.raises(AwsRequestError) as err:
        cloud.put_object("bucket", "key", b"x")
    assert err.value.message == (
        'AWS request failed: Could not connect to the endpoint URL: "http://127.0.0.1:1/bucket/key"'
    )
    assert err.value.resolution == (
        "Check the awscloudformation provider's profile or access keys, the region and the "
        "network (unset AMPLIFY_MOCK_CLOUD to deploy to the local cloud instead)."
    )
