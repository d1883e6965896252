"""Splitting the template into nested stacks rewires cross-stack references like v1."""

from __future__ import annotations

from typing import Any

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import blank_template, resource
from transformer.cloudformation.stacks import split_stack


def _split(template: dict[str, Any], rules: dict[str, str]) -> Any:
    return split_stack(
        template,
        rules,
        default_parameter_values={"AppSyncApiId": fn.get_att("Api", "ApiId")},
        default_parameter_definitions={"AppSyncApiId": {"Type": "String"}},
        deployment_bucket_parameter="Bucket",
        deployment_key_parameter="Key",
        import_export_prefix=fn.ref("AppSyncApiId"),
        default_dependencies=["Schema"],
    )


def _template() -> dict[str, Any]:
    template = blank_template(Parameters={"env": {"Type": "String"}})
    template["Resources"] = {
        "Api": resource("AWS::AppSync::GraphQLApi", {"Name": "x"}),
        "Table": resource("AWS::DynamoDB::Table", {"ApiId": fn.get_att("Api", "ApiId")}),
        "Other": resource(
            "AWS::AppSync::Resolver",
            {"TableName": fn.ref("Table"), "Arn": fn.get_att("Table", "Arn")},
            depends_on=["Table", "Api"],
        ),
    }
    return template


def test_split_stack_forwards_root_attributes_as_parameters() -> None:
    split = _split(_template(), {"Table": "A", "Other": "B"})
    table = split.stacks["A"]["Resources"]["Table"]
    assert table["Properties"]["ApiId"] == {"Ref": "GetAttApiApiId"}
    assert split.root["Resources"]["A"]["Properties"]["Parameters"]["GetAttApiApiId"] == {
        "Fn::GetAtt": ["Api", "ApiId"]
    }


def test_split_stack_imports_sibling_values_and_exports_them() -> None:
    split = _split(_template(), {"Table": "A", "Other": "B"})
    other = split.stacks["B"]["Resources"]["Other"]
    name = {"Fn::Join": [":", [{"Ref": "AppSyncApiId"}, "Ref", "Table"]]}
    assert other["Properties"]["TableName"] == {"Fn::ImportValue": name}
    assert split.stacks["A"]["Outputs"]["RefTable"] == {
        "Value": {"Ref": "Table"},
        "Export": {"Name": name},
    }
    assert other["DependsOn"] == []
    assert split.root["Resources"]["B"]["DependsOn"] == ["Schema", "A"]


def test_split_stack_passes_every_root_parameter_to_nested_stacks() -> None:
    split = _split(_template(), {"Table": "A"})
    parameters = split.root["Resources"]["A"]["Properties"]["Parameters"]
    assert list(parameters) == ["AppSyncApiId", "env", "GetAttApiApiId"]
    assert split.stack_mapping == {"Api": "root", "Table": "A", "Other": "root"}
