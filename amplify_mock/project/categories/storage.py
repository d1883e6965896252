"""`amplify add storage`: an S3 bucket with guest/authenticated access through IAM policies.

The bucket needs auth (the identity pool hands out the roles), so adding storage adds the
default auth resource when the project has none, as the Amplify CLI does.
Not emulated: DynamoDB (NoSQL) storage resources, S3 Lambda triggers, user-group access.
"""

from __future__ import annotations

import re
from typing import Any

from amplify_mock.project.categories.auth import ensure_auth
from amplify_mock.project.categories.resources import add_resource, short_id
from amplify_mock.project.errors import HeadlessArgumentError, InvalidNameError
from amplify_mock.project.project import Project

__all__ = ["ACCESS", "add_storage", "storage_template"]

#: access choice -> S3 actions
ACCESS = {
    "CREATE_AND_UPDATE": ["s3:PutObject"],
    "READ": ["s3:GetObject"],
    "DELETE": ["s3:DeleteObject"],
}

#: the Amplify CLI's rule; `-<env>` is appended, and the result must be an S3 bucket name
_BUCKET_NAME = re.compile(r"[a-z0-9-]{3,47}")


def _policy(
    role_param: str, policy_param: str, actions_param: str, condition: str
) -> dict[str, Any]:
    bucket = {"Ref": "S3Bucket"}
    return {
        "Type": "AWS::IAM::Policy",
        "Condition": condition,
        "Properties": {
            "PolicyName": {"Ref": policy_param},
            "Roles": [{"Ref": role_param}],
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": {"Fn::Split": [",", {"Ref": actions_param}]},
                        "Resource": [{"Fn::Join": ["", ["arn:aws:s3:::", bucket, "/public/*"]]}],
                    }
                ],
            },
        },
    }


def storage_template() -> dict[str, Any]:
    """The storage resource's `s3-cloudformation-template.json`."""
    string = {"Type": "String"}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "S3 resource stack creation using Amplify CLI",
        "Parameters": {
            "bucketName": string,
            "authPolicyName": string,
            "unauthPolicyName": string,
            "authRoleName": string,
            "unauthRoleName": string,
            "s3PermissionsAuthenticatedPublic": string,
            "s3PermissionsGuestPublic": {"Type": "String", "Default": "DISALLOW"},
            "triggerFunction": string,
            "env": string,
        },
        "Conditions": {
            "ShouldNotCreateEnvResources": {"Fn::Equals": [{"Ref": "env"}, "NONE"]},
            "CreateAuthPublic": {
                "Fn::Not": [
                    {"Fn::Equals": [{"Ref": "s3PermissionsAuthenticatedPublic"}, "DISALLOW"]}
                ]
            },
            "CreateGuestPublic": {
                "Fn::Not": [{"Fn::Equals": [{"Ref": "s3PermissionsGuestPublic"}, "DISALLOW"]}]
            },
        },
        "Resources": {
            "S3Bucket": {
                "Type": "AWS::S3::Bucket",
                "DeletionPolicy": "Retain",
                "Properties": {
                    "BucketName": {
                        "Fn::If": [
                            "ShouldNotCreateEnvResources",
                            {"Ref": "bucketName"},
                            {"Fn::Join": ["", [{"Ref": "bucketName"}, "-", {"Ref": "env"}]]},
                        ]
                    },
                    "CorsConfiguration": {
                        "CorsRules": [
                            {
                                "AllowedHeaders": ["*"],
                                "AllowedMethods": ["GET", "HEAD", "PUT", "POST", "DELETE"],
                                "AllowedOrigins": ["*"],
                                "ExposedHeaders": [
                                    "x-amz-server-side-encryption",
                                    "x-amz-request-id",
                                    "x-amz-id-2",
                                    "ETag",
                                ],
                                "Id": "S3CORSRuleId1",
                                "MaxAge": 3000,
                            }
                        ]
                    },
                },
            },
            "S3AuthPublicPolicy": _policy(
                "authRoleName",
                "authPolicyName",
                "s3PermissionsAuthenticatedPublic",
                "CreateAuthPublic",
            ),
            "S3GuestPublicPolicy": _policy(
                "unauthRoleName",
                "unauthPolicyName",
                "s3PermissionsGuestPublic",
                "CreateGuestPublic",
            ),
        },
        "Outputs": {
            "BucketName": {
                "Value": {"Ref": "S3Bucket"},
                "Description": "Bucket name for the S3 bucket",
            },
            "Region": {"Value": {"Ref": "AWS::Region"}},
        },
    }


def _actions(access: list[str], where: str) -> list[str]:
    actions: list[str] = []
    for item in access:
        if item not in ACCESS:
            raise HeadlessArgumentError(
                where, f"unknown access '{item}' (choose from {', '.join(ACCESS)})"
            )
        actions.extend(ACCESS[item])
    return actions


def add_storage(
    project: Project,
    name: str,
    *,
    bucket_name: str | None = None,
    auth_access: list[str] | None = None,
    guest_access: list[str] | None = None,
) -> str:
    """Add an S3 storage resource (and auth when missing); returns its name.

    :raises HeadlessArgumentError: an unknown access level.
    :raises InvalidNameError: the bucket name breaks the naming rule.
    :raises ResourceExistsError: a storage resource of that name exists.
    """
    if bucket_name is not None and not _BUCKET_NAME.fullmatch(bucket_name):
        raise InvalidNameError(
            "bucket name", bucket_name, "use 3 to 47 lowercase letters, digits and hyphens"
        )
    auth_access = (
        auth_access if auth_access is not None else ["CREATE_AND_UPDATE", "READ", "DELETE"]
    )
    guest_access = guest_access or []
    auth_actions = _actions(auth_access, "--auth-access")
    guest_actions = _actions(guest_access, "--guest-access")
    ensure_auth(project)
    policy_id = short_id()
    bucket = (bucket_name or f"{name.lower()}{short_id()}")[:47]
    parameters = {
        "bucketName": bucket,
        "authPolicyName": f"s3_amplify_{policy_id}",
        "unauthPolicyName": f"s3_amplify_{policy_id}",
        "authRoleName": {"Ref": "AuthRoleName"},
        "unauthRoleName": {"Ref": "UnauthRoleName"},
        "s3PermissionsAuthenticatedPublic": ",".join(auth_actions) or "DISALLOW",
        "s3PermissionsGuestPublic": ",".join(guest_actions) or "DISALLOW",
        "triggerFunction": "NONE",
    }
    cli_inputs: dict[str, Any] = {
        "resourceName": name,
        "policyUUID": policy_id,
        "bucketName": bucket,
        "storageAccess": "authAndGuest" if guest_actions else "authOnly",
        "guestAccess": guest_access,
        "authAccess": auth_access,
        "triggerFunction": "NONE",
        "groupAccess": {},
    }
    add_resource(
        project,
        "storage",
        name,
        {"service": "S3", "providerPlugin": "awscloudformation", "dependsOn": []},
        {
            "s3-cloudformation-template.json": storage_template(),
            "parameters.json": parameters,
            "cli-inputs.json": cli_inputs,
        },
    )
    return name
