"""@function: resolve a field with AWS Lambda functions, one pipeline function per directive.

Each distinct (name, region) gets an IAM role, an AWS_LAMBDA data source and an AppSync
function configuration (`Invoke<Name><Region>LambdaDataSource`) in FunctionDirectiveStack;
the field gets a PIPELINE resolver that stashes the type and field name, and every further
`@function` on the same field appends its function to that pipeline, in schema order.
`${env}` in a name is substituted with the `env` parameter, or dropped (with its leading
`-`) when the environment is NONE.
"""

from __future__ import annotations

import re
from typing import Any

from graphql.language import ast

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import (
    appsync_assume_role_policy,
    invoke_lambda_policy,
    resource,
)
from transformer.context import TransformerContext
from transformer.definitions import directive_arguments
from transformer.errors import TransformerContractError
from transformer.mapping_template import ast as a
from transformer.mapping_template import print_block
from transformer.naming import ResolverResourceIDs, md5_hex, simplify_name
from transformer.naming import ResourceConstants as RC
from transformer.plugin import Transformer

__all__ = [
    "FUNCTION_DIRECTIVE_STACK",
    "FunctionResourceIDs",
    "FunctionTransformer",
    "lambda_arn",
]

FUNCTION_DIRECTIVE_STACK = "FunctionDirectiveStack"
FUNCTION_DIRECTIVE_SDL = """
directive @function(name: String!, region: String) repeatable on FIELD_DEFINITION
"""
_ENV_REFERENCE = re.compile(r"(\$\{env\})")
_ENV_SUFFIX = re.compile(r"(-\$\{env\})")
Json = Any


class FunctionResourceIDs:
    """Logical ids and names of the resources one Lambda function gets."""

    @staticmethod
    def data_source(name: str, region: str | None) -> str:
        return f"{simplify_name(name)}{simplify_name(region or '')}LambdaDataSource"

    @staticmethod
    def iam_role(name: str, region: str | None) -> str:
        return f"{FunctionResourceIDs.data_source(name, region)}Role"

    @staticmethod
    def iam_role_name(name: str, with_env: bool) -> str:
        """Role names are capped (64 chars with the API id and env appended): truncate + md5."""
        return f"{simplify_name(name)[: 22 if with_env else 32]}{md5_hex(name)[:4]}"

    @staticmethod
    def function_configuration(name: str, region: str | None) -> str:
        return f"Invoke{FunctionResourceIDs.data_source(name, region)}"


def _arn_template(name: str, region: str | None) -> str:
    region_part = region if region else "${AWS::Region}"
    return f"arn:aws:lambda:{region_part}:${{AWS::AccountId}}:function:{name}"


def lambda_arn(name: str, region: str | None) -> Json:
    """The function ARN: with `${env}` substituted, or without `-${env}` when env is NONE."""
    substitutions: dict[str, Json] = {}
    if _ENV_REFERENCE.search(name):
        substitutions["env"] = fn.ref(RC.ENV)
    return fn.if_(
        RC.HAS_ENVIRONMENT_PARAMETER,
        fn.sub(_arn_template(name, region), substitutions),
        fn.sub(_arn_template(_ENV_SUFFIX.sub("", name, count=1), region), {}),
    )


def _role(name: str, region: str | None) -> Json:
    api_id = fn.get_att(RC.GRAPHQL_API, "ApiId")
    return resource(
        "AWS::IAM::Role",
        {
            "RoleName": fn.if_(
                RC.HAS_ENVIRONMENT_PARAMETER,
                fn.join(
                    "-",
                    [FunctionResourceIDs.iam_role_name(name, True), api_id, fn.ref(RC.ENV)],
                ),
                fn.join("-", [FunctionResourceIDs.iam_role_name(name, False), api_id]),
            ),
            "AssumeRolePolicyDocument": appsync_assume_role_policy(),
            "Policies": [invoke_lambda_policy(lambda_arn(name, region))],
        },
    )


def _data_source(name: str, region: str | None) -> Json:
    return resource(
        "AWS::AppSync::DataSource",
        {
            "ApiId": fn.ref(RC.APPSYNC_API_ID),
            "Name": FunctionResourceIDs.data_source(name, region),
            "Type": "AWS_LAMBDA",
            "ServiceRoleArn": fn.get_att(FunctionResourceIDs.iam_role(name, region), "Arn"),
            "LambdaConfig": {"LambdaFunctionArn": lambda_arn(name, region)},
        },
        depends_on=FunctionResourceIDs.iam_role(name, region),
    )


def _invoke_request(data_source_name: str) -> str:
    return print_block(
        f"Invoke AWS Lambda data source: {data_source_name}",
        a.obj(
            {
                "version": a.str_("2018-05-29"),
                "operation": a.str_("Invoke"),
                "payload": a.obj(
                    {
                        "typeName": a.str_('$ctx.stash.get("typeName")'),
                        "fieldName": a.str_('$ctx.stash.get("fieldName")'),
                        "arguments": a.ref("util.toJson($ctx.arguments)"),
                        "identity": a.ref("util.toJson($ctx.identity)"),
                        "source": a.ref("util.toJson($ctx.source)"),
                        "request": a.ref("util.toJson($ctx.request)"),
                        "prev": a.ref("util.toJson($ctx.prev)"),
                    }
                ),
            }
        ),
    )


def _invoke_response() -> str:
    return print_block(
        "Handle error or return result",
        a.compound(
            [
                a.iff(
                    a.ref("ctx.error"), a.raw("$util.error($ctx.error.message, $ctx.error.type)")
                ),
                a.raw("$util.toJson($ctx.result)"),
            ]
        ),
    )


def _function_configuration(name: str, region: str | None) -> Json:
    data_source_name = FunctionResourceIDs.data_source(name, region)
    return resource(
        "AWS::AppSync::FunctionConfiguration",
        {
            "ApiId": fn.ref(RC.APPSYNC_API_ID),
            "Name": FunctionResourceIDs.function_configuration(name, region),
            "DataSourceName": data_source_name,
            "FunctionVersion": "2018-05-29",
            "RequestMappingTemplate": _invoke_request(data_source_name),
            "ResponseMappingTemplate": _invoke_response(),
        },
        depends_on=data_source_name,
    )


def _pipeline_resolver(type_name: str, field_name: str, name: str, region: str | None) -> Json:
    function_id = FunctionResourceIDs.function_configuration(name, region)
    return resource(
        "AWS::AppSync::Resolver",
        {
            "ApiId": fn.ref(RC.APPSYNC_API_ID),
            "TypeName": type_name,
            "FieldName": field_name,
            "Kind": "PIPELINE",
            "PipelineConfig": {"Functions": [fn.get_att(function_id, "FunctionId")]},
            "RequestMappingTemplate": print_block(
                "Stash resolver specific context.",
                a.compound(
                    [
                        a.qref(f'$ctx.stash.put("typeName", "{type_name}")'),
                        a.qref(f'$ctx.stash.put("fieldName", "{field_name}")'),
                        a.obj({}),
                    ]
                ),
            ),
            "ResponseMappingTemplate": "$util.toJson($ctx.prev.result)",
        },
        depends_on=function_id,
    )


class FunctionTransformer(Transformer):
    """The v1 `FunctionTransformer`."""

    name = "FunctionTransformer"
    directive_sdl = FUNCTION_DIRECTIVE_SDL

    def field(
        self,
        parent: ast.ObjectTypeDefinitionNode | ast.InterfaceTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: ast.DirectiveNode,
        ctx: TransformerContext,
    ) -> None:
        """:raises TransformerContractError: `name` is empty."""
        arguments = directive_arguments(directive)
        name = arguments.get("name")
        region = arguments.get("region") or None
        if not name:
            raise TransformerContractError("Must supply a 'name' to @function.")
        for resource_id, build in (
            (FunctionResourceIDs.iam_role(name, region), _role),
            (FunctionResourceIDs.data_source(name, region), _data_source),
            (FunctionResourceIDs.function_configuration(name, region), _function_configuration),
        ):
            if not ctx.get_resource(resource_id):
                ctx.set_resource(resource_id, build(name, region))
                ctx.map_resource_to_stack(FUNCTION_DIRECTIVE_STACK, resource_id)
        type_name = parent.name.value
        field_name = definition.name.value
        resolver_id = ResolverResourceIDs.resolver(type_name, field_name)
        existing = ctx.get_resource(resolver_id)
        if not existing:
            ctx.set_resource(resolver_id, _pipeline_resolver(type_name, field_name, name, region))
            ctx.map_resource_to_stack(FUNCTION_DIRECTIVE_STACK, resolver_id)
        elif existing["Properties"].get("Kind") == "PIPELINE":
            functions = existing["Properties"].get("PipelineConfig", {}).get("Functions")
            if isinstance(functions, list):
                functions.append(
                    fn.get_att(
                        FunctionResourceIDs.function_configuration(name, region), "FunctionId"
                    )
                )
