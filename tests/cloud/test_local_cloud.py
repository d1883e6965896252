"""`LocalCloud`: stacks in a folder store, resource diffs, buckets, rollback, stack locking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.provider import (
    BucketNotFoundError,
    DeploymentError,
    ObjectNotFoundError,
    StackNotFoundError,
)

CHILD: dict[str, Any] = {
    "Parameters": {"env": {"Type": "String"}},
    "Resources": {
        "Table": {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {"TableName": {"Fn::Sub": "Todo-${env}"}},
        },
        "Api": {"Type": "AWS::AppSync::GraphQLApi", "Properties": {"Name": "todo"}},
        "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "users"}},
    },
    "Outputs": {
        "TableArn": {"Value": {"Fn::GetAtt": ["Table", "Arn"]}},
        "Url": {"Value": {"Fn::GetAtt": ["Api", "GraphQLUrl"]}},
        "PoolId": {"Value": {"Ref": "Pool"}},
    },
}


def _root(bucket: str = "data-bucket", with_child: bool = True) -> dict[str, Any]:
    resources: dict[str, Any] = {
        "Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": bucket}},
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app-role"}},
    }
    if with_child:
        resources["apitodo"] = {
            "Type": "AWS::CloudFormation::Stack",
            "Properties": {
                "TemplateURL": "https://s3.amazonaws.com/deploy/amplify-cfn-templates/api/t.json",
                "Parameters": {"env": "dev"},
            },
        }
    return {
        "Resources": resources,
        "Outputs": {"RoleArn": {"Value": {"Fn::GetAtt": ["Role", "Arn"]}}},
    }


@pytest.fixture
def cloud(tmp_path: Path) -> LocalCloud:
    return LocalCloud(tmp_path / "mock-data", "us-east-1")


def test_local_deploy_creates_resources_and_nested_outputs(cloud: LocalCloud) -> None:
    deployed = cloud.deploy_stack("app", _root(), {}, nested_templates={"apitodo": CHILD})
    assert deployed.outputs == {"RoleArn": "arn:aws:iam::123456789012:role/app-role"}
    nested = deployed.nested_outputs["apitodo"]
    assert nested["TableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/Todo-dev"
    assert nested["Url"].endswith(".appsync-api.us-east-1.amazonaws.com/graphql")
    assert nested["PoolId"].startswith("us-east-1_")
    assert deployed.changes == {"create": 6, "update": 0, "delete": 0}
    assert cloud.bucket_exists("data-bucket")
    tables = cloud.resources("app", "AWS::DynamoDB::Table")
    assert [t["PhysicalResourceId"] for t in tables] == ["Todo-dev"]


def test_local_ids_are_stable_across_deployments(cloud: LocalCloud) -> None:
    first = cloud.deploy_stack("app", _root(), {}, nested_templates={"apitodo": CHILD})
    second = cloud.deploy_stack("app", _root(), {}, nested_templates={"apitodo": CHILD})
    assert first.nested_outputs == second.nested_outputs
    assert second.changes == {"create": 0, "update": 0, "delete": 0}


def test_local_update_replaces_bucket_and_deletes_removed(cloud: LocalCloud) -> None:
    cloud.deploy_stack("app", _root(), {}, nested_templates={"apitodo": CHILD})
    deployed = cloud.deploy_stack("app", _root("new-bucket", with_child=False), {})
    assert deployed.changes == {"create": 0, "update": 1, "delete": 4}
    assert not cloud.bucket_exists("data-bucket")
    assert cloud.bucket_exists("new-bucket")


def test_local_failed_deploy_rolls_back_new_buckets(cloud: LocalCloud) -> None:
    cloud.deploy_stack("other", _root("taken", with_child=False), {})
    template = _root(with_child=False)
    template["Resources"]["Second"] = {
        "Type": "AWS::S3::Bucket",
        "Properties": {"BucketName": "taken"},
    }
    with pytest.raises(DeploymentError) as err:
        cloud.deploy_stack("app", template, {})
    assert err.value.message == (
        "Deployment of stack 'app' failed at resource 'Second': bucket 'taken' already exists."
    )
    assert not cloud.bucket_exists("data-bucket")
    with pytest.raises(StackNotFoundError):
        cloud.describe_stack("app")


def test_local_bad_reference_is_a_deployment_error(cloud: LocalCloud) -> None:
    template = {"Resources": {}, "Outputs": {"X": {"Value": {"Ref": "Nope"}}}}
    with pytest.raises(DeploymentError) as err:
        cloud.deploy_stack("app", template, {})
    assert err.value.message == (
        "Deployment of stack 'app' failed at resource 'Outputs.X.Value.Ref': "
        "Ref to unknown parameter or resource 'Nope'."
    )


def test_local_nested_template_read_from_bucket(cloud: LocalCloud) -> None:
    cloud.deploy_stack(
        "base",
        {"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "deploy"}}}},
        {},
    )
    import json

    cloud.put_object("deploy", "amplify-cfn-templates/api/t.json", json.dumps(CHILD).encode())
    deployed = cloud.deploy_stack("app", _root(), {})
    assert "TableArn" in deployed.nested_outputs["apitodo"]


def test_local_delete_stack_keeps_retained_buckets(cloud: LocalCloud) -> None:
    template = {
        "Resources": {
            "Kept": {
                "Type": "AWS::S3::Bucket",
                "DeletionPolicy": "Retain",
                "Properties": {"BucketName": "kept"},
            },
            "Gone": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "gone"}},
        }
    }
    cloud.deploy_stack("app", template, {})
    cloud.delete_stack("app")
    assert cloud.bucket_exists("kept")
    assert not cloud.bucket_exists("gone")
    assert cloud.stack_names() == []


def test_local_objects(cloud: LocalCloud) -> None:
    with pytest.raises(BucketNotFoundError) as err:
        cloud.put_object("nobucket", "k", b"x")
    assert err.value.message == "Bucket 'nobucket' does not exist."
    cloud.create_bucket("b")
    cloud.put_object("b", "dir/k.txt", b"hello")
    assert cloud.get_object("b", "dir/k.txt") == b"hello"
    with pytest.raises(ObjectNotFoundError):
        cloud.get_object("b", "missing")
    cloud.empty_bucket("b")
    assert cloud.list_objects("b") == []
