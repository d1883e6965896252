"""DataStore conflict detection (transform.conf.json `ResolverConfig`): the sync table and the
per-resolver sync settings the v1 transformers add when it is on."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import invoke_lambda_policy, resource
from transformer.errors import TransformerError
from transformer.naming import ResourceConstants as RC

__all__ = [
    "SYNC_DATA_SOURCE_ID",
    "SYNC_TABLE_NAME",
    "create_sync_table",
    "is_lambda_sync_config",
    "sync_data_source_config",
    "sync_lambda_iam_policy",
    "sync_resolver_config",
    "sync_ttl_config",
]

Json = Any
SYNC_DATA_SOURCE_ID = "DataStore"
SYNC_TABLE_NAME = "AmplifyDataStore"
_API_ID = fn.get_att(RC.GRAPHQL_API, "ApiId")


def _join_with_env(separator: str, values: Sequence[Json]) -> Json:
    return fn.if_(
        RC.HAS_ENVIRONMENT_PARAMETER,
        fn.join(separator, [*values, fn.ref(RC.ENV)]),
        fn.join(separator, list(values)),
    )


def sync_ttl_config() -> Json:
    return {"AttributeName": "_ttl", "Enabled": True}


def create_sync_table() -> Json:
    """The delta sync table (`AmplifyDataStore`) shared by every synced model."""
    return resource(
        "AWS::DynamoDB::Table",
        {
            "TableName": _join_with_env("-", [SYNC_TABLE_NAME, _API_ID]),
            "AttributeDefinitions": [
                {"AttributeName": "ds_pk", "AttributeType": "S"},
                {"AttributeName": "ds_sk", "AttributeType": "S"},
            ],
            "KeySchema": [
                {"AttributeName": "ds_pk", "KeyType": "HASH"},
                {"AttributeName": "ds_sk", "KeyType": "RANGE"},
            ],
            "BillingMode": "PAY_PER_REQUEST",
            "TimeToLiveSpecification": sync_ttl_config(),
        },
    )


def sync_data_source_config() -> Json:
    return {
        "DeltaSyncTableName": _join_with_env("-", [SYNC_TABLE_NAME, _API_ID]),
        "DeltaSyncTableTTL": 30,
        "BaseTableTTL": 43200,
    }


def is_lambda_sync_config(config: Mapping[str, Any] | None) -> bool:
    """:raises TransformerError: a LAMBDA handler without `LambdaConflictHandler`."""
    if config and config.get("ConflictHandler") == "LAMBDA":
        if "LambdaConflictHandler" in config:
            return True
        raise TransformerError("Invalid Lambda SyncConfig")
    return False


def _lambda_arn(name: str, region: str | None) -> str:
    if region:
        return f"arn:aws:lambda:{region}:${{AWS::AccountId}}:function:{name}"
    return f"arn:aws:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{name}"


def _sync_lambda_arn(handler: Mapping[str, Any]) -> Json:
    name, region = str(handler["name"]), handler.get("region")
    substitutions: dict[str, Json] = {}
    if re.search(r"(\$\{env\})", name):
        substitutions["env"] = fn.ref(RC.ENV)
    return fn.if_(
        RC.HAS_ENVIRONMENT_PARAMETER,
        fn.sub(_lambda_arn(name, region), substitutions),
        fn.sub(_lambda_arn(re.sub(r"(-\$\{env\})", "", name, count=1), region), {}),
    )


def sync_lambda_iam_policy(handler: Mapping[str, Any]) -> Json:
    return invoke_lambda_policy(_sync_lambda_arn(handler))


def sync_resolver_config(config: Mapping[str, Any]) -> Json:
    out: dict[str, Json] = {
        key: config[key] for key in ("ConflictDetection", "ConflictHandler") if key in config
    }
    if is_lambda_sync_config(config):
        out["LambdaConflictHandlerConfig"] = {
            "LambdaConflictHandlerArn": _sync_lambda_arn(config["LambdaConflictHandler"])
        }
    return out
