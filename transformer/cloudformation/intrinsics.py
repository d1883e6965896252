"""CloudFormation intrinsic functions and pseudo parameters as JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "ACCOUNT_ID",
    "NO_VALUE",
    "REGION",
    "STACK_NAME",
    "and_",
    "equals",
    "get_att",
    "if_",
    "import_value",
    "join",
    "not_",
    "or_",
    "ref",
    "select",
    "split",
    "sub",
]

Json = Any


def ref(logical_id: str) -> dict[str, Json]:
    return {"Ref": logical_id}


REGION = ref("AWS::Region")
ACCOUNT_ID = ref("AWS::AccountId")
STACK_NAME = ref("AWS::StackName")
NO_VALUE = ref("AWS::NoValue")


def get_att(logical_id: str, attribute: str) -> dict[str, Json]:
    return {"Fn::GetAtt": [logical_id, attribute]}


def join(delimiter: str, values: Sequence[Json]) -> dict[str, Json]:
    return {"Fn::Join": [delimiter, list(values)]}


def sub(template: str, variables: Mapping[str, Json] | None = None) -> dict[str, Json]:
    if variables is None:
        return {"Fn::Sub": template}
    return {"Fn::Sub": [template, dict(variables)]}


def if_(condition: str, if_true: Json, if_false: Json) -> dict[str, Json]:
    return {"Fn::If": [condition, if_true, if_false]}


def equals(left: Json, right: Json) -> dict[str, Json]:
    return {"Fn::Equals": [left, right]}


def not_(condition: Json) -> dict[str, Json]:
    return {"Fn::Not": [condition]}


def and_(conditions: Sequence[Json]) -> dict[str, Json]:
    return {"Fn::And": list(conditions)}


def or_(conditions: Sequence[Json]) -> dict[str, Json]:
    return {"Fn::Or": list(conditions)}


def select(index: int, values: Json) -> dict[str, Json]:
    return {"Fn::Select": [index, values]}


def split(delimiter: str, value: Json) -> dict[str, Json]:
    return {"Fn::Split": [delimiter, value]}


def import_value(value: Json) -> dict[str, Json]:
    return {"Fn::ImportValue": value}
