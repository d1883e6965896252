"""CloudFormation resources @model creates: the API, tables, IAM roles, data sources, outputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import (
    appsync_assume_role_policy,
    number_parameter,
    resource,
    string_parameter,
)
from transformer.naming import ResourceConstants as RC
from transformer.naming import md5_hex
from transformer.sync import (
    SYNC_TABLE_NAME,
    is_lambda_sync_config,
    sync_data_source_config,
    sync_lambda_iam_policy,
    sync_ttl_config,
)

__all__ = [
    "data_source",
    "data_source_output",
    "iam_role",
    "init_template",
    "model_table",
    "table_name",
    "table_name_output",
    "table_stream_arn_output",
]

Json = Any
_API_ID = fn.get_att(RC.GRAPHQL_API, "ApiId")


def init_template() -> dict[str, Json]:
    """Parameters, the GraphQL API, its outputs and the DynamoDB conditions (`before`)."""
    return {
        "Parameters": {
            RC.DYNAMODB_READ_IOPS: number_parameter(
                "The number of read IOPS the table should support.", Default=5
            ),
            RC.DYNAMODB_WRITE_IOPS: number_parameter(
                "The number of write IOPS the table should support.", Default=5
            ),
            RC.DYNAMODB_BILLING_MODE: string_parameter(
                "Configure @model types to create DynamoDB tables with PAY_PER_REQUEST or "
                "PROVISIONED billing modes.",
                Default="PAY_PER_REQUEST",
                AllowedValues=["PAY_PER_REQUEST", "PROVISIONED"],
            ),
            RC.DYNAMODB_PITR: string_parameter(
                "Whether to enable Point in Time Recovery on the table",
                Default="false",
                AllowedValues=["true", "false"],
            ),
            RC.DYNAMODB_SSE: string_parameter(
                "Enable server side encryption powered by KMS.",
                Default="true",
                AllowedValues=["true", "false"],
            ),
        },
        "Resources": {
            RC.GRAPHQL_API: resource(
                "AWS::AppSync::GraphQLApi",
                {
                    "Name": fn.if_(
                        RC.HAS_ENVIRONMENT_PARAMETER,
                        fn.join("-", [fn.ref(RC.APPSYNC_API_NAME), fn.ref(RC.ENV)]),
                        fn.ref(RC.APPSYNC_API_NAME),
                    ),
                    "AuthenticationType": "API_KEY",
                },
            )
        },
        "Outputs": {
            RC.GRAPHQL_API_ID_OUTPUT: {
                "Description": "Your GraphQL API ID.",
                "Value": _API_ID,
                "Export": {"Name": fn.join(":", [fn.STACK_NAME, "GraphQLApiId"])},
            },
            RC.GRAPHQL_API_ENDPOINT_OUTPUT: {
                "Description": "Your GraphQL API endpoint.",
                "Value": fn.get_att(RC.GRAPHQL_API, "GraphQLUrl"),
                "Export": {"Name": fn.join(":", [fn.STACK_NAME, "GraphQLApiEndpoint"])},
            },
        },
        "Conditions": {
            RC.SHOULD_USE_PAY_PER_REQUEST: fn.equals(
                fn.ref(RC.DYNAMODB_BILLING_MODE), "PAY_PER_REQUEST"
            ),
            RC.SHOULD_USE_PITR: fn.equals(fn.ref(RC.DYNAMODB_PITR), "true"),
            RC.SHOULD_USE_SSE: fn.equals(fn.ref(RC.DYNAMODB_SSE), "true"),
        },
    }


def _export(resource_id: str, attribute: str) -> Json:
    return {"Name": fn.join(":", [fn.ref(RC.APPSYNC_API_ID), "GetAtt", resource_id, attribute])}


def table_stream_arn_output(resource_id: str) -> Json:
    return {
        "Description": "Your DynamoDB table StreamArn.",
        "Value": fn.get_att(resource_id, "StreamArn"),
        "Export": _export(resource_id, "StreamArn"),
    }


def data_source_output(resource_id: str) -> Json:
    return {
        "Description": "Your model DataSource name.",
        "Value": fn.get_att(resource_id, "Name"),
        "Export": _export(resource_id, "Name"),
    }


def table_name_output(resource_id: str) -> Json:
    return {
        "Description": "Your DynamoDB table name.",
        "Value": fn.ref(resource_id),
        "Export": _export(resource_id, "Name"),
    }


def table_name(type_name: str) -> Json:
    return fn.if_(
        RC.HAS_ENVIRONMENT_PARAMETER,
        fn.join("-", [type_name, _API_ID, fn.ref(RC.ENV)]),
        fn.join("-", [type_name, _API_ID]),
    )


def model_table(
    type_name: str,
    hash_key: str = "id",
    range_key: str | None = None,
    is_sync_enabled: bool = False,
) -> Json:
    key_schema = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    attributes = [{"AttributeName": hash_key, "AttributeType": "S"}]
    if range_key:
        key_schema.append({"AttributeName": range_key, "KeyType": "RANGE"})
        attributes.append({"AttributeName": range_key, "AttributeType": "S"})
    return resource(
        "AWS::DynamoDB::Table",
        {
            "TableName": table_name(type_name),
            "KeySchema": key_schema,
            "AttributeDefinitions": attributes,
            "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
            "BillingMode": fn.if_(RC.SHOULD_USE_PAY_PER_REQUEST, "PAY_PER_REQUEST", fn.NO_VALUE),
            "ProvisionedThroughput": fn.if_(
                RC.SHOULD_USE_PAY_PER_REQUEST,
                fn.NO_VALUE,
                {
                    "ReadCapacityUnits": fn.ref(RC.DYNAMODB_READ_IOPS),
                    "WriteCapacityUnits": fn.ref(RC.DYNAMODB_WRITE_IOPS),
                },
            ),
            "SSESpecification": {"SSEEnabled": fn.if_(RC.SHOULD_USE_SSE, True, False)},
            "PointInTimeRecoverySpecification": fn.if_(
                RC.SHOULD_USE_PITR, {"PointInTimeRecoveryEnabled": True}, fn.NO_VALUE
            ),
            "TimeToLiveSpecification": sync_ttl_config() if is_sync_enabled else None,
        },
        deletion_policy="Delete",
    )


def iam_role(type_name: str, sync_config: Mapping[str, Any] | None = None) -> Json:
    """The data source role; with DataStore it may also use the sync table (and a Lambda
    conflict handler)."""
    digest = md5_hex(type_name)
    arn = "arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tablename}"
    sync_resources: list[Json] = []
    extra_policies: list[Json] = []
    if sync_config:
        sync_table = fn.if_(
            RC.HAS_ENVIRONMENT_PARAMETER,
            fn.join("-", [SYNC_TABLE_NAME, _API_ID, fn.ref(RC.ENV)]),
            fn.join("-", [SYNC_TABLE_NAME, _API_ID]),
        )
        sync_resources = [
            fn.sub(arn, {"tablename": sync_table}),
            fn.sub(arn + "/*", {"tablename": sync_table}),
        ]
        if is_lambda_sync_config(sync_config):
            extra_policies.append(sync_lambda_iam_policy(sync_config["LambdaConflictHandler"]))
    return resource(
        "AWS::IAM::Role",
        {
            "RoleName": fn.if_(
                RC.HAS_ENVIRONMENT_PARAMETER,
                fn.join("-", [type_name[:14] + digest[15:21], "role", _API_ID, fn.ref(RC.ENV)]),
                fn.join("-", [type_name[:24] + digest[25:31], "role", _API_ID]),
            ),
            "AssumeRolePolicyDocument": appsync_assume_role_policy(),
            "Policies": [
                {
                    "PolicyName": "DynamoDBAccess",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
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
                                "Resource": [
                                    fn.sub(arn, {"tablename": table_name(type_name)}),
                                    fn.sub(arn + "/*", {"tablename": table_name(type_name)}),
                                    *sync_resources,
                                ],
                            }
                        ],
                    },
                },
                *extra_policies,
            ],
        },
    )


def data_source(table_id: str, role_id: str, type_name: str, is_sync_enabled: bool = False) -> Json:
    config: dict[str, Json] = {"AwsRegion": fn.REGION, "TableName": table_name(type_name)}
    if is_sync_enabled:
        config["DeltaSyncConfig"] = sync_data_source_config()
        config["Versioned"] = True
    return resource(
        "AWS::AppSync::DataSource",
        {
            "ApiId": _API_ID,
            "Name": table_id,
            "Type": "AMAZON_DYNAMODB",
            "ServiceRoleArn": fn.get_att(role_id, "Arn"),
            "DynamoDBConfig": config,
        },
        depends_on=[role_id],
    )
