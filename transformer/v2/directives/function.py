"""@function (v2): resolve a field with a pipeline of AWS Lambda functions.

Every distinct (name, region, accountId) gets a Lambda data source with its service role and
invoke policy, and an AppSync function `Invoke<DataSource>`, all in FunctionDirectiveStack;
each field with `@function` gets a pipeline resolver whose functions are its directives in
schema order (the same Lambda used by two fields is one function). `${env}` in a name is
replaced by the environment name, or dropped with its leading `-` when the environment is
`NONE` (the `HasEnvironmentParameter` condition decides at deploy time).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql.language import ast

from transformer.definitions import directive_arguments
from transformer.naming import ResolverResourceIDs, simplify_name
from transformer.v2.cdk import Resource, Stack, join_parts
from transformer.v2.context import TransformerContext
from transformer.v2.directives.function_templates import (
    IamStash,
    invoke_request,
    invoke_response,
    resolver_after,
    resolver_before,
)
from transformer.v2.plugin import TransformerPlugin
from transformer.v2.resolver import ASSET_URL, DataSource, Template

__all__ = ["FUNCTION_DIRECTIVE_STACK", "FunctionPlugin", "function_data_source_id"]

FUNCTION_DIRECTIVE_STACK = "FunctionDirectiveStack"
HAS_ENVIRONMENT_PARAMETER = "HasEnvironmentParameter"
_ACCOUNT_ID = {"Ref": "AWS::AccountId"}


@dataclass(frozen=True)
class _FunctionUse:
    type_name: str
    field_name: str
    name: str
    region: str | None
    account_id: str | None


def function_data_source_id(name: str, region: str | None, account_id: str | None) -> str:
    """The data source name (and logical id) of a Lambda: name, region and account, simplified."""
    return f"{simplify_name(name)}{simplify_name(region or '')}{account_id or ''}LambdaDataSource"


def _arn(name: str, region: str | None, account_id: str | None) -> str:
    return (
        f"arn:aws:lambda:{region or '${AWS::Region}'}:{account_id or '${AWS::AccountId}'}"
        f":function:{name}"
    )


def lambda_arn(env: str, name: str, region: str | None, account_id: str | None) -> Any:
    """The function ARN: `${env}` substituted, or removed with its `-` without an environment."""
    substitutions = {"env": env} if "${env}" in name else {}
    return {
        "Fn::If": [
            HAS_ENVIRONMENT_PARAMETER,
            {"Fn::Sub": [_arn(name, region, account_id), substitutions]},
            {"Fn::Sub": _arn(name.replace("-${env}", "", 1), region, account_id)},
        ]
    }


class FunctionPlugin(TransformerPlugin):
    """Collects the `@function` uses per field, then builds FunctionDirectiveStack."""

    directive = "function"

    def __init__(self) -> None:
        #: (type, field) -> its @function uses in schema order
        self.groups: dict[tuple[str, str], list[_FunctionUse]] = {}

    def field(
        self,
        ctx: TransformerContext,
        parent: ast.ObjectTypeDefinitionNode,
        definition: ast.FieldDefinitionNode,
        directive: Any,
    ) -> None:
        args = directive_arguments(directive)
        use = _FunctionUse(
            parent.name.value,
            definition.name.value,
            str(args["name"]),
            args.get("region"),
            args.get("accountId"),
        )
        self.groups.setdefault((use.type_name, use.field_name), []).append(use)

    def generate_resolvers(self, ctx: TransformerContext) -> None:
        if not self.groups:
            return
        stack = ctx.stack_for(FUNCTION_DIRECTIVE_STACK)
        stack.set_template_option(
            "Description", "An auto-generated nested stack for the @function directive."
        )
        stack.set_template_option("AWSTemplateFormatVersion", "2010-09-09")
        env = ctx.synth.amplifyEnvironmentName
        stack.add_condition(HAS_ENVIRONMENT_PARAMETER, {"Fn::Not": [{"Fn::Equals": [env, "NONE"]}]})
        data_sources: dict[str, DataSource] = {}
        functions: dict[str, Resource] = {}
        resolvers: dict[str, Resource] = {}
        assert ctx.host is not None
        for uses in self.groups.values():
            for use in uses:
                ds_id = function_data_source_id(use.name, use.region, use.account_id)
                if ds_id not in data_sources:
                    arn = lambda_arn(env, use.name, use.region, use.account_id)
                    data_sources[ds_id] = self._lambda_data_source(ctx, stack, ds_id, arn)
                function_id = f"Invoke{ds_id}"
                if function_id not in functions:
                    functions[function_id] = ctx.host.add_function(
                        stack,
                        function_id,
                        (
                            Template.s3(
                                invoke_request(ds_id, ctx.config.line), f"{function_id}.req.vtl"
                            ),
                            f"{function_id}.req.vtl",
                        ),
                        (
                            Template.s3(invoke_response(ctx.config.line), f"{function_id}.res.vtl"),
                            f"{function_id}.res.vtl",
                        ),
                        data_sources[ds_id],
                    )
                resolver_id = ResolverResourceIDs.resolver(use.type_name, use.field_name)
                if resolver_id not in resolvers:
                    resolvers[resolver_id] = self._resolver(ctx, stack, use, resolver_id)
                    # @auth prepends its check to these resolvers (they are not slot resolvers)
                    host_resolvers = ctx.metadata.setdefault("hostResolvers", {})
                    host_resolvers[f"{use.type_name}.{use.field_name}"] = resolvers[resolver_id]
                pipeline = resolvers[resolver_id].body["Properties"]["PipelineConfig"]["Functions"]
                pipeline.append(functions[function_id].get_att("FunctionId"))

    def _lambda_data_source(
        self, ctx: TransformerContext, stack: Stack, ds_id: str, arn: Any
    ) -> DataSource:
        role = stack.add_resource(
            [ds_id, "ServiceRole", "Resource"],
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
                    }
                },
            },
        )
        policy_path = [ds_id, "ServiceRole", "DefaultPolicy", "Resource"]
        policy = stack.add_resource(policy_path, {})
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
                "Roles": [role.ref()],
            },
        }
        resource = stack.add_resource(
            [ds_id],
            {
                "Type": "AWS::AppSync::DataSource",
                "Properties": {
                    "ApiId": ctx.api_id(),
                    "LambdaConfig": {"LambdaFunctionArn": arn},
                    "Name": ds_id,
                    "ServiceRoleArn": role.get_att("Arn"),
                    "Type": "AWS_LAMBDA",
                },
            },
            logical_id=ds_id,
        )
        return DataSource(ds_id, "AWS_LAMBDA", resource)

    def _resolver(
        self, ctx: TransformerContext, stack: Stack, use: _FunctionUse, resolver_id: str
    ) -> Resource:
        iam: IamStash | None = None
        if "AWS_IAM" in ctx.config.auth_types:
            synth = ctx.synth
            iam = IamStash(
                "\x00ACCOUNT\x00",
                str(synth.authenticatedUserRoleName),
                str(synth.unauthenticatedUserRoleName),
                synth.identityPoolId,
                synth.adminRoles,
            )
        before = resolver_before(use.type_name, use.field_name, iam)
        parts: list[Any] = []
        for i, piece in enumerate(before.split("\x00ACCOUNT\x00")):
            if i:
                parts.append(_ACCOUNT_ID)
            parts.append(piece)
        stack.depends_on_schema = True
        response_name = f"{use.type_name}.{use.field_name}.res.vtl"
        assert ctx.host is not None
        ctx.host.assets[f"resolvers/{response_name}"] = resolver_after()
        return stack.add_resource(
            [resolver_id],
            {
                "Type": "AWS::AppSync::Resolver",
                "Properties": {
                    "ApiId": ctx.api_id(),
                    "FieldName": use.field_name,
                    "Kind": "PIPELINE",
                    "PipelineConfig": {"Functions": []},
                    "RequestMappingTemplate": join_parts(parts),
                    "ResponseMappingTemplateS3Location": f"{ASSET_URL}resolvers/{response_name}",
                    "TypeName": use.type_name,
                },
            },
            logical_id=resolver_id,
        )
