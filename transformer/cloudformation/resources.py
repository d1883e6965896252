"""CloudFormation resources and parameters as dicts, keys in the order CloudFormation docs use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "appsync_assume_role_policy",
    "blank_template",
    "invoke_lambda_policy",
    "number_parameter",
    "resource",
    "string_parameter",
]

Json = Any


def resource(
    type_: str,
    properties: Mapping[str, Json],
    *,
    depends_on: Sequence[str] | str | None = None,
    condition: str | None = None,
    deletion_policy: str | None = None,
) -> dict[str, Json]:
    """A resource `{Type, Properties, DependsOn?, Condition?, DeletionPolicy?}`.

    Properties whose value is None are dropped, like `undefined` in the JSON the CLI writes.
    """
    out: dict[str, Json] = {
        "Type": type_,
        "Properties": {k: v for k, v in properties.items() if v is not None},
    }
    if depends_on is not None:
        out["DependsOn"] = depends_on if isinstance(depends_on, str) else list(depends_on)
    if condition is not None:
        out["Condition"] = condition
    if deletion_policy is not None:
        out["DeletionPolicy"] = deletion_policy
    return out


def string_parameter(description: str | None = None, **extra: Json) -> dict[str, Json]:
    out: dict[str, Json] = {"Type": "String"}
    if description is not None:
        out["Description"] = description
    out.update(extra)
    return out


def number_parameter(description: str | None = None, **extra: Json) -> dict[str, Json]:
    out: dict[str, Json] = {"Type": "Number"}
    if description is not None:
        out["Description"] = description
    out.update(extra)
    return out


def blank_template(**overrides: Json) -> dict[str, Json]:
    template: dict[str, Json] = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "description",
        "Metadata": {},
        "Parameters": {},
        "Resources": {},
        "Outputs": {},
        "Mappings": {},
    }
    template.update(overrides)
    return template


def appsync_assume_role_policy() -> dict[str, Json]:
    """The trust policy of a role AppSync assumes to reach a data source (table, function)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "appsync.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }


def invoke_lambda_policy(function_arn: Json) -> dict[str, Json]:
    """The role policy that lets AppSync call a Lambda (@function, DataStore conflict handler)."""
    return {
        "PolicyName": "InvokeLambdaFunction",
        "PolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["lambda:InvokeFunction"],
                    "Resource": function_arn,
                }
            ],
        },
    }
