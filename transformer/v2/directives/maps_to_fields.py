"""@mapsTo with relations: the foreign-key field mappings of a renamed model and the slots and
Lambda that apply them.

A model renamed with `@mapsTo(name: "Post")` keeps its table, so the foreign keys its relations
stored under the old name (`postCommentsId`) stay in the items while the schema now calls them
`articleCommentsId`. The relational directives register each such pair (`register_*` below, in
their `prepare` phase); after every resolver exists, `attach_field_mapping_slots` adds to each
resolver that reads or writes the mapped model:

- mutations: `preUpdate` renames the input (current -> stored), a second `preUpdate` function
  sends `condition` to the field-mapping Lambda, `postUpdate` renames the result back;
- queries and connection fields: `preDataLoad` sends `filter` to the Lambda, `postDataLoad`
  renames every returned item (stored -> current).

The Lambda (`MapsToFieldMappingLambdaFunction`, in `MapsToFieldMappingStack`) renames the keys of
`filter`/`condition` and the `field` of `sort`/`aggregates` entries; its result becomes
`$ctx.stash.transformedArgs`, which the data templates read. `amplify mock` runs an equivalent
of it in process (amplify_mock.simulators.appsync).
"""

from __future__ import annotations

import json
from typing import Any

from transformer.naming import plurality, to_camel_case
from transformer.v2.context import ModelFieldMap, TransformerContext
from transformer.v2.directives.relational_schema import (
    connection_attribute_name,
    object_primary_key,
)
from transformer.v2.resolver import DataSource, Template, TransformerResolver

__all__ = [
    "FIELD_MAPPING_DATA_SOURCE",
    "FIELD_MAPPING_FUNCTION",
    "attach_field_mapping_slots",
    "register_has_many",
    "register_has_one",
    "register_many_to_many",
    "set_field_mapping_resolver_reference",
]

_BASE = "MapsToFieldMapping"
FIELD_MAPPING_DATA_SOURCE = f"{_BASE}LambdaDataSource"
FIELD_MAPPING_FUNCTION = f"{_BASE}LambdaFunction"
_OPERATIONS = ("create", "update", "delete", "get", "list", "sync")


# ---- registration (the relational directives' prepare phase) -------------------------------
def _operation_field(operation: str, type_name: str) -> tuple[str, str, bool]:
    name = plurality(type_name, True) if operation in ("list", "sync") else type_name
    type_ = "Mutation" if operation in ("create", "update", "delete") else "Query"
    return type_, to_camel_case([operation, name]), operation in ("list", "sync")


def _reference_operations(field_map: ModelFieldMap, type_name: str) -> None:
    for operation in _OPERATIONS:
        field_map.add_resolver_reference(*_operation_field(operation, type_name))


def _mapping(ctx: TransformerContext, type_name: str, field_name: str, key: str) -> tuple[str, str]:
    current = connection_attribute_name(ctx, type_name, field_name, key)
    original = connection_attribute_name(
        ctx, ctx.get_model_name_mapping(type_name), field_name, key
    )
    return current, original


def register_has_one(
    ctx: TransformerContext, type_name: str, field_name: str, related: Any
) -> None:
    """@hasOne / @belongsTo on a renamed model: its own `<model><Field>Id` is mapped."""
    if ctx.is_model_renamed(type_name):
        key = object_primary_key(related).name.value
        field_map = ctx.get_model_field_map(type_name)
        field_map.add_mapped_field(*_mapping(ctx, type_name, field_name, key))
        _reference_operations(field_map, type_name)
    ctx.get_model_field_map(related.name.value).add_resolver_reference(type_name, field_name, False)


def register_has_many(
    ctx: TransformerContext, type_name: str, field_name: str, related: Any
) -> None:
    """@hasMany on a renamed model: the related model's `<model><Field>Id` is mapped."""
    if not ctx.is_model_renamed(type_name):
        return
    key = object_primary_key(related).name.value
    field_map = ctx.get_model_field_map(related.name.value)
    field_map.add_mapped_field(*_mapping(ctx, type_name, field_name, key))
    field_map.add_resolver_reference(type_name, field_name, True)
    _reference_operations(field_map, related.name.value)


def register_many_to_many(
    ctx: TransformerContext,
    join_name: str,
    referenced_by: list[tuple[str, str]],
    renamed: list[tuple[str, str]],
) -> None:
    """The join model of a @manyToMany with a renamed side: its `<model>ID` keys are mapped."""
    field_map = ctx.get_model_field_map(join_name)
    for current, original in renamed:
        field_map.add_mapped_field(current, original)
    for type_name, field_name in referenced_by:
        field_map.add_resolver_reference(type_name, field_name, True)
    _reference_operations(field_map, join_name)


def set_field_mapping_resolver_reference(
    ctx: TransformerContext, mapped_model: str, type_name: str, field_name: str, is_list: bool
) -> None:
    """The `references` form: the connection field reads a model with mapped fields."""
    field_map = ctx.get_model_field_map(mapped_model)
    if field_map.mapped_fields:
        field_map.add_resolver_reference(type_name, field_name, is_list)


# ---- templates -----------------------------------------------------------------------------
def _remap(target: str, fields: list[tuple[str, str]], indent: str = "") -> list[str]:
    lines: list[str] = []
    for source, destination in fields:
        lines.append(f'{indent}$util.qr(${target}.put("{destination}", ${target}.{source}))')
        lines.append(f'{indent}$util.qr(${target}.remove("{source}"))')
    return lines


def input_mapping_request(field_map: ModelFieldMap) -> str:
    """`$ctx.args.input`: current names -> stored names."""
    pairs = list(field_map.mapped_fields.items())
    return "\n".join([*_remap("ctx.args.input", pairs), "$util.toJson({})"])


def response_mapping(field_map: ModelFieldMap, is_list: bool) -> str:
    """The data function's result: stored names -> current names."""
    pairs = [(original, current) for current, original in field_map.mapped_fields.items()]
    if is_list:
        body = [
            "#foreach( $item in $ctx.prev.result.items )",
            *_remap("item", pairs, "  "),
            "#end",
        ]
    else:
        body = _remap("ctx.prev.result", pairs)
    return "\n".join([*body, "$util.toJson($ctx.prev.result)"])


_ARGS_MAPPING_REQUEST = """\
#set( $fieldMap = {field_map} )
#if( $util.isNull($fieldMap) || $fieldMap.keySet().size() <= 0 )
  #return($ctx.args)
#end
#if( $util.isNull($ctx.args.filter) && $util.isNull($ctx.args.condition) && \
$util.isNull($ctx.args.sort) && $util.isNull($ctx.args.aggregates) )
  #return($ctx.args)
#end
#set( $invoke = {
  "operation": "Invoke",
  "payload": {
      "args": $ctx.args,
      "fieldMap": $fieldMap
  }
} )
$util.toJson($invoke)"""

ARGS_MAPPING_RESPONSE = """\
#if( $ctx.error )
  $util.error($ctx.error.message, $ctx.error.type)
#end
#set( $ctx.stash.transformedArgs = $ctx.result )
$util.toJson({})"""


def args_mapping_request(field_map: ModelFieldMap) -> str:
    """Sends `filter`/`condition`/`sort`/`aggregates` to the field-mapping Lambda."""
    mapping = json.dumps(field_map.mapped_fields, separators=(",", ":"), ensure_ascii=False)
    return _ARGS_MAPPING_REQUEST.replace("{field_map}", mapping)


# ---- the Lambda stack and the slots (the @mapsTo plugin's `after`) ---------------------------
def _assumed_by(service: str) -> dict[str, Any]:
    statement = {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": service}}
    return {"AssumeRolePolicyDocument": {"Statement": [statement], "Version": "2012-10-17"}}


def _mapping_lambda(ctx: TransformerContext) -> DataSource:
    stack = ctx.stack_for(f"{_BASE}Stack")
    role = stack.add_resource(
        [f"{_BASE}LambdaRole", "Resource"],
        {"Type": "AWS::IAM::Role", "Properties": _assumed_by("lambda.amazonaws.com")},
    )
    function = stack.add_resource(
        [FIELD_MAPPING_FUNCTION, "Resource"],
        {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Code": {
                    "S3Bucket": "mock-deployment-bucket",
                    "S3Key": f"amplify-appsync-files/functions/{FIELD_MAPPING_FUNCTION}.zip",
                },
                "Handler": "index.handler",
                "Role": role.get_att("Arn"),
                "Runtime": "nodejs22.x",
                "Timeout": 30,
            },
            "DependsOn": [role.logical_id],
        },
    )
    logs = stack.add_resource([f"{_BASE}CloudWatchLogAccess", "Resource"], {})
    logs.body = {
        "Type": "AWS::IAM::Policy",
        "Properties": {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": [
                            "logs:CreateLogGroup",
                            "logs:CreateLogStream",
                            "logs:PutLogEvents",
                        ],
                        "Effect": "Allow",
                        "Resource": {
                            "Fn::Sub": [
                                "arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
                                "/aws/lambda/${funcName}:log-stream:*",
                                {"funcName": function.ref()},
                            ]
                        },
                    }
                ],
                "Version": "2012-10-17",
            },
            "PolicyName": logs.logical_id,
            "Roles": [role.ref()],
        },
    }
    service_role = stack.add_resource(
        [FIELD_MAPPING_DATA_SOURCE, "ServiceRole", "Resource"],
        {"Type": "AWS::IAM::Role", "Properties": _assumed_by("appsync.amazonaws.com")},
    )
    policy = stack.add_resource(
        [FIELD_MAPPING_DATA_SOURCE, "ServiceRole", "DefaultPolicy", "Resource"], {}
    )
    arn = function.get_att("Arn")
    policy.body = {
        "Type": "AWS::IAM::Policy",
        "Properties": {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": "lambda:InvokeFunction",
                        "Effect": "Allow",
                        "Resource": [arn, {"Fn::Join": ["", [arn, ":*"]]}],
                    }
                ],
                "Version": "2012-10-17",
            },
            "PolicyName": policy.logical_id,
            "Roles": [service_role.ref()],
        },
    }
    resource = stack.add_resource(
        [FIELD_MAPPING_DATA_SOURCE, "Resource"],
        {
            "Type": "AWS::AppSync::DataSource",
            "Properties": {
                "ApiId": ctx.api_id(),
                "LambdaConfig": {"LambdaFunctionArn": arn},
                "Name": FIELD_MAPPING_DATA_SOURCE,
                "ServiceRoleArn": service_role.get_att("Arn"),
                "Type": "AWS_LAMBDA",
            },
        },
        logical_id=FIELD_MAPPING_DATA_SOURCE,
    )
    return DataSource(FIELD_MAPPING_DATA_SOURCE, "AWS_LAMBDA", resource)


def _slot_name(resolver: TransformerResolver, side: str) -> str:
    return f"{resolver.type_name}.{resolver.field_name}.{{slotName}}.{{slotIndex}}.{side}.vtl"


def _attach(
    resolver: TransformerResolver, field_map: ModelFieldMap, is_list: bool, lambda_: DataSource
) -> None:
    args_slot = Template.s3(args_mapping_request(field_map), _slot_name(resolver, "req"))
    args_result = Template.s3(ARGS_MAPPING_RESPONSE, _slot_name(resolver, "res"))
    if resolver.type_name == "Mutation":
        resolver.add_to_slot(
            "preUpdate", Template.s3(input_mapping_request(field_map), _slot_name(resolver, "req"))
        )
        resolver.add_to_slot("preUpdate", args_slot, args_result, lambda_)
        response = Template.s3(response_mapping(field_map, False), _slot_name(resolver, "res"))
        resolver.add_to_slot("postUpdate", None, response)
        return
    resolver.add_to_slot("preDataLoad", args_slot, args_result, lambda_)
    response = Template.s3(response_mapping(field_map, is_list), _slot_name(resolver, "res"))
    resolver.add_to_slot("postDataLoad", None, response)


def attach_field_mapping_slots(ctx: TransformerContext) -> None:
    """Every resolver that reads or writes a model with mapped fields gets the mapping slots;
    the first such model creates the Lambda."""
    lambda_: DataSource | None = None
    for field_map in ctx.model_field_maps.values():
        if not field_map.mapped_fields:
            continue
        if lambda_ is None:
            lambda_ = _mapping_lambda(ctx)
        for reference in field_map.resolver_references:
            resolver = ctx.get_resolver(reference.type_name, reference.field_name)
            if resolver is not None:
                _attach(resolver, field_map, reference.is_list, lambda_)
