"""DataStore conflict detection (transform.conf.json `ResolverConfig`): the delta sync table in
the root stack, the sync fields and `sync<Models>` query, versioned data sources, and the
conflict handler of every model data function (a LAMBDA handler's invoke policy is on the
model role, see plugin.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from transformer.naming import md5_hex
from transformer.v2.cdk import Resource
from transformer.v2.context import TransformerContext

__all__ = [
    "create_sync_table",
    "delta_sync_table_name",
    "sync_config",
    "sync_lambda_arn",
    "uses_datastore",
]

SYNC_TABLE = "AmplifyDataStore"


def uses_datastore(ctx: TransformerContext) -> bool:
    config = ctx.config.resolver_config or {}
    return bool(config.get("project")) or bool(config.get("models"))


def sync_config(ctx: TransformerContext, model: str) -> dict[str, Any] | None:
    """The model's ResolverConfig entry (its own when complete, else the project's)."""
    config = ctx.config.resolver_config or {}
    chosen: Mapping[str, Any] | None = config.get("project")
    own = (config.get("models") or {}).get(model)
    if own and own.get("ConflictDetection") and own.get("ConflictHandler"):
        chosen = own
    if not chosen:
        return None
    rendered: dict[str, Any] = {
        "ConflictDetection": chosen.get("ConflictDetection"),
        "ConflictHandler": chosen.get("ConflictHandler"),
    }
    handler = chosen.get("LambdaConflictHandler") or {}
    if chosen.get("ConflictHandler") == "LAMBDA" and handler:
        # `amplify update api` writes the function's name (`<name>-${env}` for a new one)
        arn = handler.get("lambdaArn") or sync_lambda_arn(ctx, handler)
        rendered["LambdaConflictHandlerConfig"] = {"LambdaConflictHandlerArn": arn}
    return rendered


def sync_lambda_arn(ctx: TransformerContext, handler: Mapping[str, Any]) -> dict[str, Any]:
    """The conflict handler function's ARN (its `-${env}` dropped without an environment)."""
    name = str(handler.get("name") or "")
    region = handler.get("region")
    prefix = f"arn:aws:lambda:{region}" if region else "arn:aws:lambda:${AWS::Region}"
    with_env: dict[str, Any] = {"env": ctx.synth.amplifyEnvironmentName} if "${env}" in name else {}
    return {
        "Fn::If": [
            "HasEnvironmentParameter",
            {"Fn::Sub": [f"{prefix}:${{AWS::AccountId}}:function:{name}", with_env]},
            {
                "Fn::Sub": [
                    f"{prefix}:${{AWS::AccountId}}:function:{name.replace('-${env}', '', 1)}",
                    {},
                ]
            },
        ]
    }


def delta_sync_table_name(ctx: TransformerContext) -> dict[str, Any]:
    env = ctx.synth.amplifyEnvironmentName
    return {"Fn::Join": ["", [f"{SYNC_TABLE}-", ctx.api_id(), f"-{env}"]]}


def _arn(ctx: TransformerContext, suffix: str = "") -> dict[str, Any]:
    template = "arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tablename}" + suffix
    return {"Fn::Sub": [template, {"tablename": delta_sync_table_name(ctx)}]}


def datastore_table_arns(ctx: TransformerContext) -> list[dict[str, Any]]:
    """The two resources a model role's DynamoDBAccess policy adds for the sync table."""
    return [_arn(ctx), _arn(ctx, "/*")]


def create_sync_table(ctx: TransformerContext) -> Resource:
    """The delta sync table, its role and the role's policy, in the root stack."""
    root = ctx.stacks.root
    env = ctx.synth.amplifyEnvironmentName
    table = root.add_resource(
        ["DataStore", "Resource"],
        {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "AttributeDefinitions": [
                    {"AttributeName": "ds_pk", "AttributeType": "S"},
                    {"AttributeName": "ds_sk", "AttributeType": "S"},
                ],
                "BillingMode": "PAY_PER_REQUEST",
                "KeySchema": [
                    {"AttributeName": "ds_pk", "KeyType": "HASH"},
                    {"AttributeName": "ds_sk", "KeyType": "RANGE"},
                ],
                "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
                "TableName": delta_sync_table_name(ctx),
                "TimeToLiveSpecification": {"AttributeName": "_ttl", "Enabled": True},
            },
            "UpdateReplacePolicy": "Delete",
            "DeletionPolicy": "Delete",
        },
    )
    role_id = f"{SYNC_TABLE}IAMRole"
    short = role_id[: 64 - 38 - 6] + md5_hex(role_id)[:6]
    role = root.add_resource(
        [role_id, "Resource"],
        {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Statement": [
                        {
                            "Action": "sts:AssumeRole",
                            "Effect": "Allow",
                            "Principal": {"Service": "appsync.amazonaws.com"},
                        }
                    ],
                    "Version": "2012-10-17",
                },
                "RoleName": {"Fn::Join": ["", [f"{short}-", ctx.api_id(), f"-{env}"]]},
            },
        },
    )
    policy_path = ["DynamoDBAccess", "Resource"]
    from transformer.v2.cdk import make_unique_id

    root.add_resource(
        policy_path,
        {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Action": [
                                "dynamodb:BatchGetItem",
                                "dynamodb:BatchWriteItem",
                                "dynamodb:PutItem",
                                "dynamodb:DeleteItem",
                                "dynamodb:GetItem",
                                "dynamodb:Scan",
                                "dynamodb:Query",
                                "dynamodb:UpdateItem",
                            ],
                            "Effect": "Allow",
                            "Resource": datastore_table_arns(ctx),
                        }
                    ],
                    "Version": "2012-10-17",
                },
                "PolicyName": make_unique_id(policy_path),
                "Roles": [role.ref()],
            },
        },
    )
    return table
