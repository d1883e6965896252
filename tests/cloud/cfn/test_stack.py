"""Tests of the CloudFormation evaluator: intrinsics, conditions, nested stacks, exports."""

from __future__ import annotations

from typing import Any

import pytest

from amplify_mock.cloud.cfn import CfnEvaluationError, PseudoParameters, evaluate_stack


def _props(template: dict[str, Any], logical_id: str = "R", **kwargs: Any) -> Any:
    return evaluate_stack(template, **kwargs).resources[logical_id].properties


def _one(value: Any, *, parameters: dict[str, Any] | None = None, **extra: Any) -> Any:
    template = {
        "Parameters": {"P": {"Type": "String", "Default": "pv"}},
        "Conditions": {"Yes": {"Fn::Equals": ["a", "a"]}, "No": {"Fn::Equals": ["a", "b"]}},
        "Resources": {"R": {"Type": "Custom::Thing", "Properties": {"V": value}}},
        **extra,
    }
    return evaluate_stack(template, parameters or {}).resources["R"].properties.get("V", "<gone>")


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ({"Ref": "P"}, "pv"),
        ({"Ref": "AWS::Region"}, "us-east-1-fake"),
        ({"Ref": "AWS::NoValue"}, "<gone>"),
        ({"Fn::Join": ["-", ["a", {"Ref": "P"}, 3]]}, "a-pv-3"),
        ({"Fn::Split": [",", "a,b,c"]}, ["a", "b", "c"]),
        ({"Fn::Select": ["1", ["x", "y"]]}, "y"),
        ({"Fn::Sub": "arn:${AWS::AccountId}:${P}:${!Literal}"}, "arn:12345678910:pv:${Literal}"),
        ({"Fn::Sub": ["${a}/${P}", {"a": {"Ref": "P"}}]}, "pv/pv"),
        ({"Fn::If": ["Yes", "then", "else"]}, "then"),
        ({"Fn::If": ["No", "then", {"Ref": "AWS::NoValue"}]}, "<gone>"),
        ({"Fn::Equals": [1, "1"]}, True),
        ({"Fn::And": [{"Condition": "Yes"}, {"Fn::Not": [{"Condition": "No"}]}]}, True),
        ({"Fn::Or": [{"Condition": "No"}, {"Fn::Equals": ["x", "y"]}]}, False),
        ({"Fn::Base64": "hi"}, "aGk="),
        ([1, {"Ref": "AWS::NoValue"}, 2], [1, 2]),
    ],
    ids=[
        "ref-param",
        "ref-pseudo",
        "novalue",
        "join",
        "split",
        "select",
        "sub-string",
        "sub-map",
        "if-true",
        "if-novalue",
        "equals-coerces",
        "and-not",
        "or",
        "base64",
        "novalue-in-list",
    ],
)
def test_evaluate_stack_intrinsic(expr: Any, expected: Any) -> None:
    assert _one(expr) == expected


def test_evaluate_stack_find_in_map() -> None:
    mappings = {"Mappings": {"M": {"k": {"v": 7}}}}
    assert _one({"Fn::FindInMap": ["M", "k", "v"]}, **mappings) == 7


def test_evaluate_stack_given_parameter_overrides_default() -> None:
    assert _one({"Ref": "P"}, parameters={"P": "given"}) == "given"


def test_evaluate_stack_pseudo_parameters_are_configurable() -> None:
    template = {"Resources": {"R": {"Type": "X::Y", "Properties": {"V": {"Ref": "AWS::Region"}}}}}
    props = _props(template, pseudo=PseudoParameters(region="eu-west-1"))
    assert props == {"V": "eu-west-1"}


def test_evaluate_stack_resource_condition_false_skips_resource() -> None:
    template = {
        "Conditions": {"No": {"Fn::Equals": ["a", "b"]}},
        "Resources": {"R": {"Type": "X::Y", "Condition": "No"}, "S": {"Type": "X::Y"}},
    }
    result = evaluate_stack(template)
    assert list(result.resources) == ["S"]
    assert result.skipped == ("R",)


def test_evaluate_stack_getatt_reads_appsync_attributes() -> None:
    template = {
        "Resources": {
            "Api": {"Type": "AWS::AppSync::GraphQLApi", "Properties": {"Name": "a"}},
            "Key": {"Type": "AWS::AppSync::ApiKey", "Properties": {}},
            "R": {
                "Type": "X::Y",
                "Properties": {
                    "Id": {"Fn::GetAtt": ["Api", "ApiId"]},
                    "Key": {"Fn::GetAtt": "Key.ApiKey"},
                },
            },
        }
    }
    assert _props(template) == {"Id": "amplify-test-api-id", "Key": "da2-fakeApiId123456"}


def test_evaluate_stack_table_ref_is_its_logical_id() -> None:
    template = {
        "Resources": {
            "TodoTable": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": "x"}},
            "R": {"Type": "X::Y", "Properties": {"T": {"Ref": "TodoTable"}}},
        }
    }
    assert _props(template) == {"T": "TodoTable"}


def test_evaluate_stack_nested_outputs_and_import_value() -> None:
    child_a = {
        "Parameters": {"Prefix": {"Type": "String"}},
        "Resources": {"DS": {"Type": "AWS::AppSync::DataSource", "Properties": {"Name": "A"}}},
        "Outputs": {
            "Name": {
                "Value": {"Fn::Sub": "${Prefix}-${DS.Name}"},
                "Export": {"Name": {"Fn::Join": [":", [{"Ref": "Prefix"}, "DSName"]]}},
            }
        },
    }
    child_b = {
        "Resources": {"R": {"Type": "X::Y", "Properties": {"V": {"Fn::ImportValue": "api:DSName"}}}}
    }
    root = {
        "Resources": {
            # B comes first and imports what A exports: A must be evaluated on demand.
            "B": {
                "Type": "AWS::CloudFormation::Stack",
                "Properties": {"TemplateURL": "s3://b/stacks/B.json"},
            },
            "A": {
                "Type": "AWS::CloudFormation::Stack",
                "Properties": {
                    "TemplateURL": "s3://b/stacks/A.json",
                    "Parameters": {"Prefix": "api"},
                },
            },
            "R": {"Type": "X::Y", "Properties": {"V": {"Fn::GetAtt": ["A", "Outputs.Name"]}}},
        }
    }
    result = evaluate_stack(root, nested={"A.json": child_a, "B.json": child_b})
    assert result.resources["R"].properties == {"V": "api-A"}
    nested_b = result.resources["B"].nested
    assert nested_b is not None
    assert nested_b.resources["R"].properties == {"V": "api-A"}
    assert [r.logical_id for r in result.walk()] == ["B", "R", "A", "DS", "R"]


def test_evaluate_stack_result_lists_the_stacks_own_exports() -> None:
    template = {
        "Conditions": {"Never": {"Fn::Equals": ["a", "b"]}},
        "Resources": {"R": {"Type": "X::Y"}},
        "Outputs": {
            "Kept": {"Value": "v", "Export": {"Name": {"Fn::Sub": "${AWS::StackName}:kept"}}},
            "Skipped": {"Condition": "Never", "Value": "w", "Export": {"Name": "skipped"}},
            "Plain": {"Value": "p"},
        },
    }
    result = evaluate_stack(template, imports={"other": 1})
    assert result.exports == {"local-testing:kept": "v"}
    assert result.outputs == {"Kept": "v", "Plain": "p"}


def test_evaluate_stack_unknown_ref_names_stack_and_path() -> None:
    template = {"Resources": {"R": {"Type": "X::Y", "Properties": {"V": {"Ref": "Nope"}}}}}
    with pytest.raises(CfnEvaluationError) as info:
        evaluate_stack(template)
    assert str(info.value) == (
        "CloudFormation stack 'root', Resources.R.Properties.V.Ref: "
        "Ref to unknown parameter or resource 'Nope'"
    )


def test_evaluate_stack_missing_parameter_is_an_error() -> None:
    template = {"Parameters": {"Q": {"Type": "String"}}, "Resources": {}}
    with pytest.raises(CfnEvaluationError) as info:
        evaluate_stack(template)
    assert str(info.value) == (
        "CloudFormation stack 'root', Parameters.Q: no value given and no Default"
    )


def test_evaluate_stack_circular_reference_is_an_error() -> None:
    template = {
        "Resources": {
            "A": {"Type": "X::Y", "Properties": {"V": {"Ref": "B"}}},
            "B": {"Type": "X::Y", "Properties": {"V": {"Ref": "A"}}},
        }
    }
    with pytest.raises(CfnEvaluationError) as info:
        evaluate_stack(template)
    assert "circular reference through resource 'A'" in str(info.value)


def test_evaluate_stack_missing_nested_template_is_an_error() -> None:
    template = {
        "Resources": {
            "N": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "x/N.json"}}
        }
    }
    with pytest.raises(CfnEvaluationError) as info:
        evaluate_stack(template)
    assert str(info.value) == (
        "CloudFormation stack 'root', Resources.N.Properties.TemplateURL: "
        "no template for nested stack 'N' ('N.json')"
    )


def test_evaluate_stack_missing_import_is_an_error() -> None:
    template = {"Resources": {"R": {"Type": "X::Y", "Properties": {"V": {"Fn::ImportValue": "e"}}}}}
    with pytest.raises(CfnEvaluationError) as info:
        evaluate_stack(template)
    assert str(info.value).endswith("no stack exports 'e'")


def test_evaluate_stack_language_extensions() -> None:
    assert _one({"Fn::ToJsonString": {"a": [{"Ref": "P"}]}}) == '{"a":["pv"]}'
    assert _one({"Fn::Length": [1, 2, 3]}) == 3


def test_evaluate_stack_unknown_intrinsic_is_an_error() -> None:
    with pytest.raises(CfnEvaluationError) as info:
        _one({"Fn::Cidr": ["10.0.0.0/16", 2, 8]})
    assert str(info.value) == (
        "CloudFormation stack 'root', Resources.R.Properties.V.Fn::Cidr: "
        "intrinsic function Fn::Cidr is not supported"
    )
