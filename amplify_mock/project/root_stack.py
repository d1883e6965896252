"""The root (parent) stack: the deployment bucket and the auth/unauth roles, then nested stacks."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["ROOT_OUTPUT_KEYS", "provider_outputs", "root_stack_names", "root_stack_template"]

#: the keys of the root stack's outputs, as team-provider-info.json and amplify-meta.json hold them
ROOT_OUTPUT_KEYS = (
    "AuthRoleName",
    "UnauthRoleArn",
    "AuthRoleArn",
    "Region",
    "DeploymentBucketName",
    "UnauthRoleName",
    "StackName",
    "StackId",
    "AmplifyAppId",
)


def root_stack_names(project_name: str, env_name: str, now: dt.datetime) -> dict[str, str]:
    """Stack, bucket and role names: `amplify-<project>-<env>-<HHMMSS>` and suffixes."""
    project = re.sub(r"[^a-z0-9]", "", project_name.lower())[:20] or "amplify"
    stack_name = f"amplify-{project}-{env_name}-{now.strftime('%H%M%S')}"
    return {
        "StackName": stack_name,
        "DeploymentBucketName": f"{stack_name}-deployment",
        "AuthRoleName": f"{stack_name}-authRole",
        "UnauthRoleName": f"{stack_name}-unauthRole",
    }


def _role(name_param: str, kind: str) -> dict[str, Any]:
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "RoleName": {"Ref": name_param},
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "",
                        "Effect": "Deny",
                        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": {
                            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": kind}
                        },
                    }
                ],
            },
        },
    }


def root_stack_template() -> dict[str, Any]:
    """The root stack as `amplify init` deploys it (no nested stacks yet)."""
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Root Stack for AWS Amplify CLI",
        "Parameters": {
            "DeploymentBucketName": {"Type": "String", "Default": "DeploymentBucket"},
            "AuthRoleName": {"Type": "String", "Default": "AuthRoleName"},
            "UnauthRoleName": {"Type": "String", "Default": "UnauthRoleName"},
        },
        "Resources": {
            "DeploymentBucket": {
                "Type": "AWS::S3::Bucket",
                "DeletionPolicy": "Delete",
                "Properties": {"BucketName": {"Ref": "DeploymentBucketName"}},
            },
            "AuthRole": _role("AuthRoleName", "authenticated"),
            "UnauthRole": _role("UnauthRoleName", "unauthenticated"),
        },
        "Outputs": {
            "Region": {"Value": {"Ref": "AWS::Region"}},
            "StackName": {"Value": {"Ref": "AWS::StackName"}},
            "StackId": {"Value": {"Ref": "AWS::StackId"}},
            "DeploymentBucketName": {"Value": {"Ref": "DeploymentBucketName"}},
            "AuthRoleArn": {"Value": {"Fn::GetAtt": ["AuthRole", "Arn"]}},
            "UnauthRoleArn": {"Value": {"Fn::GetAtt": ["UnauthRole", "Arn"]}},
            "AuthRoleName": {"Value": {"Ref": "AuthRole"}},
            "UnauthRoleName": {"Value": {"Ref": "UnauthRole"}},
        },
    }


def provider_outputs(outputs: dict[str, Any]) -> dict[str, Any]:
    """The root stack outputs in the documented key order."""
    return {key: outputs[key] for key in ROOT_OUTPUT_KEYS if key in outputs}
