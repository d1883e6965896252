"""`amplify add storage`: an S3 bucket with guest/authenticated access through IAM policies.

The bucket needs auth (the identity pool hands out the roles), so adding storage adds the
default auth resource when the project has none, as the Amplify CLI does. A trigger function
is wired as the Amplify CLI wires it: `triggerFunction` in parameters and cli-inputs, the
function in `dependsOn` (so push passes `function<Name>Arn|Name|LambdaExecutionRole`), the
bucket's `NotificationConfiguration` for `s3:ObjectCreated:*` and `s3:ObjectRemoved:*`, the
Lambda permission for S3 and the function role's bucket policy.
The headless request is the Amplify CLI's `AddStorageRequest` JSON (`serviceName: "S3"`).
Not emulated: DynamoDB (NoSQL) storage resources, user-group access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from amplify_mock.base.files import read_json, write_json
from amplify_mock.project.categories.auth import ensure_auth
from amplify_mock.project.categories.function import add_function, require_function
from amplify_mock.project.categories.resources import (
    add_resource,
    env_suffixed,
    short_id,
    validate_resource_name,
)
from amplify_mock.project.errors import (
    HeadlessArgumentError,
    InvalidNameError,
    InvalidOptionError,
    ResourceNotFoundError,
)
from amplify_mock.project.headless import parse_json_object
from amplify_mock.project.project import Project

__all__ = [
    "ACCESS",
    "S3_TRIGGER_SOURCE",
    "AddStorageRequest",
    "access_actions",
    "add_storage",
    "add_storage_from_request",
    "parse_add_storage_request",
    "storage_template",
    "update_storage_access",
]

#: access choice -> S3 actions
ACCESS = {
    "CREATE_AND_UPDATE": ["s3:PutObject"],
    "READ": ["s3:GetObject"],
    "DELETE": ["s3:DeleteObject"],
}

#: the Amplify CLI's rule; `-<env>` is appended, and the result must be an S3 bucket name
_BUCKET_NAME = re.compile(r"[a-z0-9-]{3,47}")
_REQUEST = "the add storage request"
_TRIGGER_ATTRIBUTES = ["Name", "Arn", "LambdaExecutionRole"]

#: the handler of a trigger function created with the storage (mode "new")
S3_TRIGGER_SOURCE = (
    "exports.handler = async function (event) {\n"
    "  console.log('Received S3 event:', JSON.stringify(event, null, 2));\n"
    "  const record = event.Records[0];\n"
    "  console.log(`Bucket: ${record.s3.bucket.name}`, `Key: ${record.s3.object.key}`);\n"
    "};\n"
)


@dataclass(frozen=True)
class AddStorageRequest:
    """The headless `AddStorageRequest`: permissions, names and an optional trigger."""

    resource_name: str | None
    bucket_name: str | None
    auth_access: list[str]
    guest_access: list[str]
    trigger_function: str | None = None
    new_trigger: bool = False


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


def _add_trigger(template: dict[str, Any], function: str) -> None:
    """Wire `function` to the bucket's object-created and object-removed events."""
    for attribute in _TRIGGER_ATTRIBUTES:
        parameter = f"function{function}{attribute}"
        template["Parameters"][parameter] = {"Type": "String", "Default": parameter}
    arn = {"Ref": f"function{function}Arn"}
    bucket = template["Resources"]["S3Bucket"]
    bucket["DependsOn"] = ["TriggerPermissions"]
    bucket["Properties"]["NotificationConfiguration"] = {
        "LambdaConfigurations": [
            {"Event": "s3:ObjectCreated:*", "Function": arn},
            {"Event": "s3:ObjectRemoved:*", "Function": arn},
        ]
    }
    template["Resources"]["TriggerPermissions"] = {
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Ref": f"function{function}Name"},
            "Principal": "s3.amazonaws.com",
            "SourceAccount": {"Ref": "AWS::AccountId"},
            "SourceArn": {"Fn::Join": ["", ["arn:aws:s3:::", env_suffixed({"Ref": "bucketName"})]]},
        },
    }
    template["Resources"]["S3TriggerBucketPolicy"] = {
        "Type": "AWS::IAM::Policy",
        "DependsOn": ["S3Bucket"],
        "Properties": {
            "PolicyName": "amplify-lambda-execution-policy-storage",
            "Roles": [{"Ref": f"function{function}LambdaExecutionRole"}],
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": [
                            "s3:PutObject",
                            "s3:GetObject",
                            "s3:ListBucket",
                            "s3:DeleteObject",
                        ],
                        "Resource": [
                            {"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "S3Bucket"}, "/*"]]}
                        ],
                    }
                ],
            },
        },
    }


def storage_template(trigger_function: str | None = None) -> dict[str, Any]:
    """The storage resource's `s3-cloudformation-template.json` (with the trigger wired)."""
    template = _base_template()
    if trigger_function is not None:
        _add_trigger(template, trigger_function)
    return template


def _base_template() -> dict[str, Any]:
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
                    "BucketName": env_suffixed({"Ref": "bucketName"}),
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


def access_actions(access: list[str], option: str) -> list[str]:
    """The S3 actions of the access levels given for `option` (`--auth-access` or
    `--guest-access`).

    :raises InvalidOptionError: an access level that is not one of ACCESS.
    """
    actions: list[str] = []
    for item in access:
        if item not in ACCESS:
            guests = option == "--guest-access"
            raise InvalidOptionError(
                option,
                f"unknown access '{item}'",
                f"Give a comma-separated list of {', '.join(ACCESS)} "
                f"(for example {option} CREATE_AND_UPDATE,READ)"
                + ("; an empty value gives guests no access." if guests else "."),
            )
        actions.extend(ACCESS[item])
    return actions


def _check_bucket_name(bucket_name: str | None) -> None:
    """:raises InvalidNameError: the bucket name breaks the Amplify CLI's rule."""
    if bucket_name is not None and not _BUCKET_NAME.fullmatch(bucket_name):
        raise InvalidNameError(
            "bucket name", bucket_name, "use 3 to 47 lowercase letters, digits and hyphens"
        )


def add_storage(
    project: Project,
    name: str,
    *,
    bucket_name: str | None = None,
    auth_access: list[str] | None = None,
    guest_access: list[str] | None = None,
    trigger_function: str | None = None,
) -> str:
    """Add an S3 storage resource (and auth when missing); returns its name.

    `trigger_function` names an existing function of the project that S3 events invoke.

    :raises InvalidOptionError: an unknown access level.
    :raises InvalidNameError: the bucket name breaks the naming rule.
    :raises FunctionNotFoundError: the trigger function does not exist.
    :raises ResourceExistsError: a storage resource of that name exists.
    """
    if trigger_function is not None:
        require_function(project, trigger_function, "--trigger-function")
    _check_bucket_name(bucket_name)
    auth_access = (
        auth_access if auth_access is not None else ["CREATE_AND_UPDATE", "READ", "DELETE"]
    )
    guest_access = guest_access or []
    auth_actions = access_actions(auth_access, "--auth-access")
    guest_actions = access_actions(guest_access, "--guest-access")
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
        "triggerFunction": trigger_function or "NONE",
    }
    cli_inputs: dict[str, Any] = {
        "resourceName": name,
        "policyUUID": policy_id,
        "bucketName": bucket,
        "storageAccess": "authAndGuest" if guest_actions else "authOnly",
        "guestAccess": guest_access,
        "authAccess": auth_access,
        "triggerFunction": trigger_function or "NONE",
        "groupAccess": {},
    }
    depends_on = []
    if trigger_function is not None:
        depends_on.append(
            {
                "category": "function",
                "resourceName": trigger_function,
                "attributes": list(_TRIGGER_ATTRIBUTES),
            }
        )
    add_resource(
        project,
        "storage",
        name,
        {"service": "S3", "providerPlugin": "awscloudformation", "dependsOn": depends_on},
        {
            "s3-cloudformation-template.json": storage_template(trigger_function),
            "parameters.json": parameters,
            "cli-inputs.json": cli_inputs,
        },
    )
    return name


def _access_list(permissions: dict[str, Any], key: str) -> list[str]:
    value = permissions.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise HeadlessArgumentError(_REQUEST, f"'permissions.{key}' must be a list of strings")
    for item in value:
        if item not in ACCESS:
            raise HeadlessArgumentError(
                _REQUEST,
                f"'permissions.{key}' has unknown access '{item}' (choose from "
                f"{', '.join(ACCESS)})",
            )
    return list(value)


def _trigger(service: dict[str, Any]) -> tuple[str | None, bool]:
    trigger = service.get("lambdaTrigger")
    if trigger is None:
        return None, False
    if not isinstance(trigger, dict):
        raise HeadlessArgumentError(_REQUEST, "'lambdaTrigger' must be an object")
    mode, name = trigger.get("mode"), trigger.get("name")
    if mode not in ("new", "existing"):
        raise HeadlessArgumentError(_REQUEST, "'lambdaTrigger.mode' must be 'new' or 'existing'")
    if not isinstance(name, str) or not name:
        raise HeadlessArgumentError(_REQUEST, "missing required key 'lambdaTrigger.name'")
    return validate_resource_name(name), mode == "new"


def parse_add_storage_request(text: str) -> AddStorageRequest:
    """The Amplify CLI's headless `AddStorageRequest` JSON (S3 only).

    :raises HeadlessArgumentError: malformed JSON or a missing/invalid key.
    """
    data = parse_json_object(_REQUEST, text)
    service = data.get("serviceConfiguration")
    if not isinstance(service, dict):
        raise HeadlessArgumentError(_REQUEST, "missing required key 'serviceConfiguration'")
    if service.get("serviceName") != "S3":
        raise HeadlessArgumentError(
            _REQUEST, "only serviceName 'S3' (content storage) is supported"
        )
    permissions = service.get("permissions")
    if not isinstance(permissions, dict):
        raise HeadlessArgumentError(
            _REQUEST, "missing required key 'serviceConfiguration.permissions'"
        )
    if permissions.get("groups"):
        raise HeadlessArgumentError(
            _REQUEST, "'permissions.groups' (user-group access) is not supported"
        )
    trigger, new_trigger = _trigger(service)
    resource_name = service.get("resourceName")
    bucket_name = service.get("bucketName")
    return AddStorageRequest(
        resource_name=None if resource_name is None else validate_resource_name(str(resource_name)),
        bucket_name=None if bucket_name is None else str(bucket_name),
        auth_access=_access_list(permissions, "auth"),
        guest_access=_access_list(permissions, "guest"),
        trigger_function=trigger,
        new_trigger=new_trigger,
    )


def add_storage_from_request(project: Project, request: AddStorageRequest) -> str:
    """Add the storage a headless request describes; a "new" trigger function is created
    first (Node.js, logging the S3 event), an "existing" one must be in the project.

    :raises FunctionNotFoundError: an "existing" trigger function is not in the project.
    :raises ResourceExistsError: the storage (or a "new" trigger function) exists already.
    """
    name = request.resource_name or f"s3{short_id()}"
    _check_bucket_name(request.bucket_name)
    if request.trigger_function is not None:
        if request.new_trigger:
            add_function(project, request.trigger_function, "nodejs", source=S3_TRIGGER_SOURCE)
        else:
            require_function(project, request.trigger_function, "'lambdaTrigger.name'")
    return add_storage(
        project,
        name,
        bucket_name=request.bucket_name,
        auth_access=request.auth_access,
        guest_access=request.guest_access,
        trigger_function=request.trigger_function,
    )


def update_storage_access(
    project: Project, name: str, *, auth_access: list[str], guest_access: list[str]
) -> None:
    """`amplify update storage`: who may do what on the bucket's public objects, in the
    resource's parameters.json and cli-inputs.json.

    :raises ResourceNotFoundError: no such storage resource.
    :raises InvalidOptionError: an unknown access level.
    """
    if name not in (project.backend_config().get("storage") or {}):
        raise ResourceNotFoundError("storage", name)
    auth_actions = access_actions(auth_access, "--auth-access")
    guest_actions = access_actions(guest_access, "--guest-access")
    folder = project.paths.resource_dir("storage", name)
    parameters = dict(read_json(folder / "parameters.json"))
    parameters["s3PermissionsAuthenticatedPublic"] = ",".join(auth_actions) or "DISALLOW"
    parameters["s3PermissionsGuestPublic"] = ",".join(guest_actions) or "DISALLOW"
    write_json(folder / "parameters.json", parameters)
    cli_inputs = dict(read_json(folder / "cli-inputs.json", default={}))
    cli_inputs.update(
        {
            "storageAccess": "authAndGuest" if guest_actions else "authOnly",
            "authAccess": auth_access,
            "guestAccess": guest_access,
        }
    )
    write_json(folder / "cli-inputs.json", cli_inputs)
