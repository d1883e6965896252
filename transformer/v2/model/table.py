"""A v2 model's DynamoDB table, its IAM role and its stack outputs, as the model transformer
makes them (the model plugin keeps the schema and the resolvers)."""

from __future__ import annotations

import re
from typing import Any

from transformer.naming import md5_hex
from transformer.v2.cdk import Resource, Stack, make_unique_id
from transformer.v2.context import TransformerContext
from transformer.v2.model.datastore import (
    datastore_table_arns,
    delta_sync_table_name,
    sync_config,
    sync_lambda_arn,
    uses_datastore,
)
from transformer.v2.model.managed_table import (
    ManagedTableBody,
    table_manager,
    table_name_from_arn,
)
from transformer.v2.resolver import DataSource

__all__ = ["create_table", "dynamodb_parameters"]


def create_table(ctx: TransformerContext, model: str) -> None:
    """Add `model`'s table, data source, IAM role and outputs to the model's stack, with the
    stack parameters and conditions they read (the byte-identical v2 golden builds pin them)."""
    table_base = ctx.get_model_name_mapping(model)
    managed = ctx.config.amplify_managed_tables
    service_token = table_manager(ctx).get_att("Arn") if managed else None
    stack = ctx.stack_for(table_base)
    for parameter, body in dynamodb_parameters(root_defaults=False).items():
        stack.add_parameter(parameter, body)
        stack.passed_parameters[parameter] = {"Ref": parameter}
    env = ctx.synth.amplifyEnvironmentName
    stack.add_condition("HasEnvironmentParameter", {"Fn::Not": [{"Fn::Equals": [env, "NONE"]}]})
    if not managed:
        stack.add_condition(
            "ShouldUseServerSideEncryption",
            {"Fn::Equals": [{"Ref": "DynamoDBEnableServerSideEncryption"}, "true"]},
        )
    stack.add_condition(
        "ShouldUsePayPerRequestBilling",
        {"Fn::Equals": [{"Ref": "DynamoDBBillingMode"}, "PAY_PER_REQUEST"]},
    )
    stack.add_condition(
        "ShouldUsePointInTimeRecovery",
        {"Fn::Equals": [{"Ref": "DynamoDBEnablePointInTimeRecovery"}, "true"]},
    )
    table_id = f"{table_base}Table"
    table_name = {"Fn::Join": ["", [f"{table_base}-", ctx.api_id(), f"-{env}"]]}
    table = stack.add_resource(
        [table_id, "Default" if managed else "Resource"],
        {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "BillingMode": {
                    "Fn::If": [
                        "ShouldUsePayPerRequestBilling",
                        "PAY_PER_REQUEST",
                        {"Ref": "AWS::NoValue"},
                    ]
                },
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "PointInTimeRecoverySpecification": {
                    "Fn::If": [
                        "ShouldUsePointInTimeRecovery",
                        {"PointInTimeRecoveryEnabled": True},
                        {"Ref": "AWS::NoValue"},
                    ]
                },
                "ProvisionedThroughput": {
                    "Fn::If": [
                        "ShouldUsePayPerRequestBilling",
                        {"Ref": "AWS::NoValue"},
                        {
                            "ReadCapacityUnits": {"Ref": "DynamoDBModelTableReadIOPS"},
                            "WriteCapacityUnits": {"Ref": "DynamoDBModelTableWriteIOPS"},
                        },
                    ]
                },
                "SSESpecification": {
                    "SSEEnabled": {"Fn::If": ["ShouldUseServerSideEncryption", True, False]}
                },
                "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
                "TableName": table_name,
            },
            "UpdateReplacePolicy": "Delete",
            "DeletionPolicy": "Delete",
        },
        logical_id=table_id if managed else None,
    )
    if managed:
        table.body = ManagedTableBody(table.body, service_token, ctx.parameters)
    datastore = uses_datastore(ctx)
    if datastore:
        table.body["Properties"]["TimeToLiveSpecification"] = {
            "AttributeName": "_ttl",
            "Enabled": True,
        }
    ctx.tables[model] = table
    if ctx.parameters.enableTransformerCfnOutputs or managed:
        _output(
            ctx,
            stack,
            f"GetAtt{model}TableStreamArn",
            "Your DynamoDB table StreamArn.",
            table.get_att("TableStreamArn" if managed else "StreamArn"),
            [table_id, "StreamArn"],
        )
        _output(
            ctx,
            stack,
            f"GetAtt{table_id}Name",
            "Your DynamoDB table name.",
            table_name if managed else table.ref(),
            [table_id, "Name"],
        )
    role = _create_role(ctx, stack, model, table, table_name)
    source = stack.add_resource(
        [f"{model}DataSource", "Resource"],
        {
            "Type": "AWS::AppSync::DataSource",
            "Properties": {
                "ApiId": ctx.api_id(),
                "DynamoDBConfig": {
                    "AwsRegion": {"Ref": "AWS::Region"},
                    **(
                        {
                            "DeltaSyncConfig": {
                                "BaseTableTTL": "43200",
                                "DeltaSyncTableName": delta_sync_table_name(ctx),
                                "DeltaSyncTableTTL": "30",
                            }
                        }
                        if datastore
                        else {}
                    ),
                    "TableName": table_name_from_arn(table) if managed else table.ref(),
                    **({"Versioned": True} if datastore else {}),
                },
                "Name": f"{model}Table",
                "ServiceRoleArn": role.get_att("Arn"),
                "Type": "AMAZON_DYNAMODB",
            },
            "DependsOn": [role.logical_id],
        },
        logical_id=f"{model}DataSource",
    )
    if ctx.parameters.enableTransformerCfnOutputs:
        _output(
            ctx,
            stack,
            f"GetAtt{model}DataSourceName",
            "Your model DataSource name.",
            source.get_att("Name"),
            [f"{model}DataSource", "Name"],
        )
    ctx.data_sources[model] = DataSource(
        f"{model}Table",
        "AMAZON_DYNAMODB",
        source,
        table,
        sync_config=sync_config(ctx, model) if datastore else None,
        delta_sync=datastore,
    )


def _output(
    ctx: TransformerContext,
    stack: Any,
    name: str,
    description: str,
    value: Any,
    suffix: list[str],
) -> None:
    stack.add_output(
        # CfnOutput's logical id: the construct id without non-alphanumerics
        re.sub(r"[^A-Za-z0-9]", "", name),
        {
            "Description": description,
            "Value": value,
            "Export": {"Name": {"Fn::Join": [":", [ctx.api_id(), ":".join(["GetAtt", *suffix])]]}},
        },
    )


def _create_role(
    ctx: TransformerContext, stack: Stack, model: str, table: Resource, table_name: Any
) -> Resource:
    role_id = f"{model}IAMRole"
    short = role_id[: 64 - 38 - 6] + md5_hex(role_id)[:6]
    env = ctx.synth.amplifyEnvironmentName
    managed = ctx.config.amplify_managed_tables
    partition = "${AWS::Partition}" if managed else "aws"
    arn = f"arn:{partition}:dynamodb:${{AWS::Region}}:${{AWS::AccountId}}:table/${{tablename}}"
    role = stack.add_resource(
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
                "Policies": [
                    {
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
                                        "dynamodb:ConditionCheckItem",
                                        "dynamodb:DescribeTable",
                                        "dynamodb:GetRecords",
                                        "dynamodb:GetShardIterator",
                                    ],
                                    "Effect": "Allow",
                                    "Resource": [
                                        {"Fn::Sub": [arn, {"tablename": table_name}]},
                                        {"Fn::Sub": [arn + "/*", {"tablename": table_name}]},
                                        *(datastore_table_arns(ctx) if uses_datastore(ctx) else []),
                                    ],
                                }
                            ],
                            "Version": "2012-10-17",
                        },
                        "PolicyName": "DynamoDBAccess",
                    }
                ],
                "RoleName": {"Fn::Join": ["", [f"{short}-", ctx.api_id(), f"-{env}"]]},
            },
        },
    )
    if managed:
        # a custom resource table grants nothing: the role's inline policy is all it gets
        return role
    policy_path = [role_id, "DefaultPolicy", "Resource"]

    policy_id = make_unique_id(policy_path)
    stack.add_resource(
        policy_path,
        {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Action": [
                                "dynamodb:BatchGetItem",
                                "dynamodb:GetRecords",
                                "dynamodb:GetShardIterator",
                                "dynamodb:Query",
                                "dynamodb:GetItem",
                                "dynamodb:Scan",
                                "dynamodb:ConditionCheckItem",
                                "dynamodb:BatchWriteItem",
                                "dynamodb:PutItem",
                                "dynamodb:UpdateItem",
                                "dynamodb:DeleteItem",
                                "dynamodb:DescribeTable",
                            ],
                            "Effect": "Allow",
                            "Resource": [table.get_att("Arn"), _IndexArn(table)],
                        }
                    ],
                    "Version": "2012-10-17",
                },
                "PolicyName": policy_id,
                "Roles": [role.ref()],
            },
        },
    )
    handler = _lambda_conflict_handler(ctx, model)
    if handler is not None:
        invoke_path = ["InvokeLambdaFunction", "Resource"]
        stack.add_resource(
            invoke_path,
            {
                "Type": "AWS::IAM::Policy",
                "Properties": {
                    "PolicyDocument": {
                        "Statement": [
                            {
                                "Action": "lambda:InvokeFunction",
                                "Effect": "Allow",
                                "Resource": sync_lambda_arn(ctx, handler),
                            }
                        ],
                        "Version": "2012-10-17",
                    },
                    "PolicyName": make_unique_id(invoke_path),
                    "Roles": [role.ref()],
                },
            },
        )
    return role


def _lambda_conflict_handler(ctx: TransformerContext, model: str) -> dict[str, Any] | None:
    """The LambdaConflictHandler of a model whose DataStore conflicts a Lambda resolves."""
    if not uses_datastore(ctx):
        return None
    config = ctx.config.resolver_config or {}
    chosen = config.get("project")
    own = (config.get("models") or {}).get(model)
    if own and own.get("ConflictDetection") and own.get("ConflictHandler"):
        chosen = own
    if not chosen or chosen.get("ConflictHandler") != "LAMBDA":
        return None
    handler = chosen.get("LambdaConflictHandler")
    return dict(handler) if handler else None


def dynamodb_parameters(root_defaults: bool) -> dict[str, dict[str, Any]]:
    del root_defaults
    return {
        "DynamoDBModelTableReadIOPS": {
            "Type": "Number",
            "Default": 5,
            "Description": "The number of read IOPS the table should support.",
        },
        "DynamoDBModelTableWriteIOPS": {
            "Type": "Number",
            "Default": 5,
            "Description": "The number of write IOPS the table should support.",
        },
        "DynamoDBBillingMode": {
            "Type": "String",
            "Default": "PAY_PER_REQUEST",
            "AllowedValues": ["PAY_PER_REQUEST", "PROVISIONED"],
            "Description": "Configure @model types to create DynamoDB tables with "
            "PAY_PER_REQUEST or PROVISIONED billing modes.",
        },
        "DynamoDBEnablePointInTimeRecovery": {
            "Type": "String",
            "Default": "false",
            "AllowedValues": ["true", "false"],
            "Description": "Whether to enable Point in Time Recovery on the table.",
        },
        "DynamoDBEnableServerSideEncryption": {
            "Type": "String",
            "Default": "true",
            "AllowedValues": ["true", "false"],
            "Description": "Enable server side encryption powered by KMS.",
        },
    }


class _IndexArn(dict[str, Any]):
    """`<table arn>/index/*` once the table has a secondary index, else `AWS::NoValue`
    (the index plugins add indexes after the role policy is written)."""

    def __init__(self, table: Resource) -> None:
        super().__init__()
        self.table = table

    def resolve(self) -> Any:
        properties = self.table.body["Properties"]
        if properties.get("GlobalSecondaryIndexes") or properties.get("LocalSecondaryIndexes"):
            return {"Fn::Join": ["", [self.table.get_att("Arn"), "/index/*"]]}
        return {"Ref": "AWS::NoValue"}
