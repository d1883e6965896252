"""Amplify-managed DynamoDB tables (the Gen 2 data construct's default data source strategy): a
`Custom::AmplifyDynamoDBTable` per model, created by the custom resource provider of the
`AmplifyTableManager` nested stack, as the 2.x transformer synthesizes them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from transformer.v2.cdk import Resource
from transformer.v2.context import TransformerContext

__all__ = ["ManagedTableBody", "table_manager", "table_name_from_arn"]

MANAGER_STACK = "AmplifyTableManager"
#: the table manager Lambda's code asset (a constant of the published construct)
_HANDLER_ASSET = "f2c5bec0e463cae18d0bf683be5923ae6bd676a06af1a994bdfa076a66ac07d6.zip"
_HANDLER_RUNTIME = "nodejs24.x"
_TABLE_ACTIONS = [
    "dynamodb:CreateTable",
    "dynamodb:UpdateTable",
    "dynamodb:DeleteTable",
    "dynamodb:DescribeTable",
    "dynamodb:DescribeContinuousBackups",
    "dynamodb:DescribeTimeToLive",
    "dynamodb:UpdateContinuousBackups",
    "dynamodb:UpdateTimeToLive",
    "dynamodb:TagResource",
    "dynamodb:UntagResource",
    "dynamodb:ListTagsOfResource",
]
_METADATA_KEY = "amplifyTableManagerOnEvent"


def table_manager(ctx: TransformerContext) -> Resource:
    """The provider's onEvent function, every table's ServiceToken (the stack on first use)."""
    existing = ctx.metadata.get(_METADATA_KEY)
    if isinstance(existing, Resource):
        return existing
    stack = ctx.stack_for(MANAGER_STACK)
    env = ctx.synth.amplifyEnvironmentName
    lambda_role_trust = _trust("lambda.amazonaws.com")
    table_policy = {
        "PolicyDocument": {
            "Statement": [
                {
                    "Action": list(_TABLE_ACTIONS),
                    "Effect": "Allow",
                    "Resource": {
                        "Fn::Sub": [
                            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}"
                            ":table/*-${apiId}-${envName}",
                            {"apiId": ctx.api_id(), "envName": env},
                        ]
                    },
                },
                {
                    "Action": "lambda:ListTags",
                    "Effect": "Allow",
                    "Resource": {
                        "Fn::Sub": [
                            "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}"
                            ":function:*TableManager*",
                            {},
                        ]
                    },
                },
            ],
            "Version": "2012-10-17",
        },
        "PolicyName": "CreateUpdateDeleteTablesPolicy",
    }

    def lambda_role(name: str) -> Resource:
        return stack.add_resource(
            [name, "Resource"],
            {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": lambda_role_trust,
                    "ManagedPolicyArns": [
                        {
                            "Fn::Join": [
                                "",
                                [
                                    "arn:",
                                    {"Ref": "AWS::Partition"},
                                    ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                                ],
                            ]
                        }
                    ],
                    "Policies": [table_policy],
                },
            },
        )

    is_complete_role = lambda_role("AmplifyManagedTableIsCompleteRole")
    on_event_role = lambda_role("AmplifyManagedTableOnEventRole")
    on_event_policy_path = ["AmplifyManagedTableOnEventRole", "DefaultPolicy", "Resource"]
    state_machine_path = ["AmplifyTableWaiterStateMachine", "Resource"]
    on_event_policy = stack.add_resource(on_event_policy_path, {})
    provider = f"{'/'.join(stack.path)}/TableManagerCustomProvider"
    on_event = stack.add_resource(
        ["TableManagerCustomProvider", "framework-onEvent", "Resource"], {}
    )
    is_complete = stack.add_resource(
        ["TableManagerCustomProvider", "framework-isComplete", "Resource"],
        {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Code": _code(),
                "Description": f"AmplifyManagedTable - isComplete ({provider})",
                "Handler": "amplify-table-manager-handler.isComplete",
                "Role": is_complete_role.get_att("Arn"),
                "Runtime": _HANDLER_RUNTIME,
                "Timeout": 840,
            },
            "DependsOn": [is_complete_role.logical_id],
        },
    )
    waiter_role = stack.add_resource(
        ["AmplifyTableWaiterStateMachine", "Role", "Resource"],
        {
            "Type": "AWS::IAM::Role",
            "Properties": {"AssumeRolePolicyDocument": _trust("states.amazonaws.com")},
        },
    )
    waiter_policy = stack.add_resource(
        ["AmplifyTableWaiterStateMachine", "Role", "DefaultPolicy", "Resource"], {}
    )
    waiter_policy.body.update(
        {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Action": "lambda:InvokeFunction",
                            "Effect": "Allow",
                            "Resource": [
                                is_complete.get_att("Arn"),
                                {"Fn::Join": ["", [is_complete.get_att("Arn"), ":*"]]},
                            ],
                        }
                    ],
                    "Version": "2012-10-17",
                },
                "PolicyName": waiter_policy.logical_id,
                "Roles": [waiter_role.ref()],
            },
        }
    )
    state_machine = stack.add_resource(
        state_machine_path,
        {
            "Type": "AWS::StepFunctions::StateMachine",
            "Properties": {
                "DefinitionString": {
                    "Fn::Join": [
                        "",
                        [
                            '{"StartAt":"framework-isComplete-task","States":{'
                            '"framework-isComplete-task":{"End":true,"Retry":[{"ErrorEquals":'
                            '["States.ALL"],"IntervalSeconds":10,"MaxAttempts":360,'
                            '"BackoffRate":1}],"Type":"Task","Resource":"',
                            is_complete.get_att("Arn"),
                            '"}}}',
                        ],
                    ]
                },
                "RoleArn": waiter_role.get_att("Arn"),
            },
            "DependsOn": [waiter_policy.logical_id, waiter_role.logical_id],
        },
    )
    on_event_policy.body.update(
        {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Action": "states:StartExecution",
                            "Effect": "Allow",
                            "Resource": state_machine.ref(),
                        }
                    ],
                    "Version": "2012-10-17",
                },
                "PolicyName": on_event_policy.logical_id,
                "Roles": [on_event_role.ref()],
            },
        }
    )
    on_event.body.update(
        {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Code": _code(),
                "Description": f"AmplifyManagedTable - onEvent ({provider})",
                "Environment": {"Variables": {"WAITER_STATE_MACHINE_ARN": state_machine.ref()}},
                "Handler": "amplify-table-manager-handler.onEvent",
                "Role": on_event_role.get_att("Arn"),
                "Runtime": _HANDLER_RUNTIME,
                "Timeout": 840,
            },
            "DependsOn": [on_event_policy.logical_id, on_event_role.logical_id],
        }
    )
    ctx.metadata[_METADATA_KEY] = on_event
    return on_event


def table_name_from_arn(table: Resource) -> dict[str, Any]:
    """A managed table's name, cut from its ARN (`arn:...:table/<name>`)."""
    arn = table.get_att("TableArn")
    resource = {"Fn::Select": [5, {"Fn::Split": [":", arn]}]}
    return {"Fn::Select": [1, {"Fn::Split": ["/", resource]}]}


def _trust(service: str) -> dict[str, Any]:
    return {
        "Statement": [
            {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": service}}
        ],
        "Version": "2012-10-17",
    }


def _code() -> dict[str, Any]:
    return {
        "S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
        "S3Key": _HANDLER_ASSET,
    }


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _camel_keys(value: Any) -> Any:
    """CloudFormation's PascalCase keys -> the custom resource's camelCase (intrinsic function
    keys such as `Fn::If` and `Ref` stay)."""
    if isinstance(value, list):
        return [_camel_keys(v) for v in value]
    if isinstance(value, Mapping):
        return {
            (k if "::" in k or k == "Ref" else _camel(k)): (
                v if "::" in k or k == "Ref" else _camel_keys(v)
            )
            for k, v in value.items()
        }
    return value


class ManagedTableBody(dict[str, Any]):
    """The table's body as the other plugins see it (an `AWS::DynamoDB::Table` they add indexes
    to), synthesized as the `Custom::AmplifyDynamoDBTable` the construct writes."""

    def __init__(self, table: dict[str, Any], service_token: Any, parameters: Any) -> None:
        super().__init__(table)
        self.service_token = service_token
        self.parameters = parameters

    def resolve(self) -> dict[str, Any]:
        props = self["Properties"]
        out: dict[str, Any] = {
            "ServiceToken": self.service_token,
            "tableName": props["TableName"],
            "attributeDefinitions": _camel_keys(props["AttributeDefinitions"]),
            "keySchema": _camel_keys(props["KeySchema"]),
        }
        for key in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
            if props.get(key):
                out[_camel(key)] = _camel_keys(props[key])
        out["provisionedThroughput"] = props["ProvisionedThroughput"]
        out["sseSpecification"] = {"sseEnabled": False}
        out["streamSpecification"] = _camel_keys(props["StreamSpecification"])
        if "TimeToLiveSpecification" in props:
            out["timeToLiveSpecification"] = _camel_keys(props["TimeToLiveSpecification"])
        out["deletionProtectionEnabled"] = False
        out["allowDestructiveGraphqlSchemaUpdates"] = (
            self.parameters.allowDestructiveGraphqlSchemaUpdates
        )
        out["replaceTableUponGsiUpdate"] = self.parameters.replaceTableUponGsiUpdate
        out["pointInTimeRecoverySpecification"] = props["PointInTimeRecoverySpecification"]
        out["billingMode"] = props["BillingMode"]
        return {
            "Type": "Custom::AmplifyDynamoDBTable",
            "Properties": out,
            "UpdateReplacePolicy": self["UpdateReplacePolicy"],
            "DeletionPolicy": self["DeletionPolicy"],
        }
