"""CloudFormation resources @auth adds: the API key, auth modes, IAM policies, NONE resolvers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import number_parameter, resource, string_parameter
from transformer.config import AuthConfig, AuthProvider
from transformer.errors import TransformerError
from transformer.mapping_template import ast as a
from transformer.mapping_template.dynamodb import RESOLVER_VERSION_ID
from transformer.mapping_template.printer import print_template
from transformer.naming import ResourceConstants as RC

__all__ = [
    "blank_resolver",
    "iam_policies_for_role",
    "init_template",
    "none_data_source",
    "subscription_resolver",
    "update_graphql_api_with_auth",
]

Json = Any
_API_ID = fn.get_att(RC.GRAPHQL_API, "ApiId")


def init_template(api_key_days: int | None, description: str | None, now: datetime | None) -> Json:
    return {
        "Parameters": {
            RC.APPSYNC_API_NAME: string_parameter(
                "The name of the AppSync API", Default="AppSyncSimpleTransform"
            ),
            RC.API_KEY_EXPIRATION_EPOCH: number_parameter(
                "The epoch time in seconds when the API Key should expire. Setting this to 0 will "
                "default to 7 days from the deployment date. Setting this to -1 will not create an "
                "API Key.",
                Default=0,
                MinValue=-1,
            ),
            RC.CREATE_API_KEY: number_parameter(
                "The boolean value to control if an API Key will be created or not. The value of "
                "the property is automatically set by the CLI. If the value is set to 0 no API Key "
                "will be created.",
                Default=0,
                MinValue=0,
                MaxValue=1,
            ),
            RC.AUTH_COGNITO_USER_POOL_ID: string_parameter(
                "The id of an existing User Pool to connect. If this is changed, a user pool will "
                "not be created for you.",
                Default=RC.NONE,
            ),
        },
        "Resources": {RC.API_KEY: _api_key(api_key_days, description, now)},
        "Outputs": {
            RC.GRAPHQL_API_KEY_OUTPUT: {
                "Description": "Your GraphQL API key. Provide via 'x-api-key' header.",
                "Value": fn.get_att(RC.API_KEY, "ApiKey"),
                "Export": {"Name": fn.join(":", [fn.STACK_NAME, "GraphQLApiKey"])},
                "Condition": RC.SHOULD_CREATE_API_KEY,
            }
        },
        "Conditions": {
            RC.SHOULD_CREATE_API_KEY: fn.equals(fn.ref(RC.CREATE_API_KEY), 1),
            RC.API_KEY_EXPIRATION_IS_POSITIVE: fn.and_(
                [
                    fn.not_(fn.equals(fn.ref(RC.API_KEY_EXPIRATION_EPOCH), -1)),
                    fn.not_(fn.equals(fn.ref(RC.API_KEY_EXPIRATION_EPOCH), 0)),
                ]
            ),
        },
    }


def _api_key(days: int | None, description: str | None, now: datetime | None) -> Json:
    expiration_days = days or 7
    seconds = 60 * 60 * 24 * expiration_days
    if expiration_days == 1:
        seconds += 60 * 30
    now_epoch = int((now or datetime.now(UTC)).timestamp())
    return resource(
        "AWS::AppSync::ApiKey",
        {
            "ApiId": _API_ID,
            "Description": description or None,
            "Expires": fn.if_(
                RC.API_KEY_EXPIRATION_IS_POSITIVE,
                fn.ref(RC.API_KEY_EXPIRATION_EPOCH),
                now_epoch + seconds,
            ),
        },
        condition=RC.SHOULD_CREATE_API_KEY,
    )


def _openid_config(provider: AuthProvider, what: str) -> Json:
    config = provider.openid_connect_config
    if not config:
        raise TransformerError(f"openIDConnectConfig is not configured for {what}")
    out = {
        "Issuer": config.get("issuerUrl"),
        "ClientId": config.get("clientId"),
        "IatTTL": config.get("iatTTL"),
        "AuthTTL": config.get("authTTL"),
    }
    return {k: v for k, v in out.items() if v is not None}


def update_graphql_api_with_auth(api: Json, auth_config: AuthConfig) -> Json:
    """Set the API's default and additional authorization modes."""
    default = auth_config.default_authentication
    properties = dict(api["Properties"])
    properties["AuthenticationType"] = default.authentication_type
    properties.pop("UserPoolConfig", None)
    properties.pop("OpenIDConnectConfig", None)
    if default.authentication_type == "AMAZON_COGNITO_USER_POOLS":
        properties["UserPoolConfig"] = {
            "UserPoolId": fn.ref(RC.AUTH_COGNITO_USER_POOL_ID),
            "AwsRegion": fn.REGION,
            "DefaultAction": "ALLOW",
        }
    elif default.authentication_type == "OPENID_CONNECT":
        properties["OpenIDConnectConfig"] = _openid_config(default, "defaultAuthentication")
    additional = []
    for provider in auth_config.additional_authentication_providers:
        mode = provider.authentication_type
        entry: dict[str, Json] = {"AuthenticationType": mode}
        if mode == "AMAZON_COGNITO_USER_POOLS":
            entry["UserPoolConfig"] = {
                "UserPoolId": fn.ref(RC.AUTH_COGNITO_USER_POOL_ID),
                "AwsRegion": fn.REGION,
            }
        elif mode == "OPENID_CONNECT":
            entry["OpenIDConnectConfig"] = _openid_config(provider, "provider")
        additional.append(entry)
    if additional:
        properties["AdditionalAuthenticationProviders"] = additional
    return {**api, "Properties": properties}


def blank_resolver(type_name: str, field_name: str) -> Json:
    return resource(
        "AWS::AppSync::Resolver",
        {
            "ApiId": _API_ID,
            "DataSourceName": "NONE",
            "FieldName": field_name,
            "TypeName": type_name,
            "RequestMappingTemplate": print_template(
                a.obj({"version": a.str_(RESOLVER_VERSION_ID), "payload": a.obj({})})
            ),
            "ResponseMappingTemplate": print_template(
                a.ref(f"util.toJson($context.source.{field_name})")
            ),
        },
    )


def none_data_source() -> Json:
    return resource("AWS::AppSync::DataSource", {"ApiId": _API_ID, "Name": "NONE", "Type": "NONE"})


def subscription_resolver(field_name: str, type_name: str = "Subscription") -> Json:
    return resource(
        "AWS::AppSync::Resolver",
        {
            "ApiId": _API_ID,
            "DataSourceName": "NONE",
            "FieldName": field_name,
            "TypeName": type_name,
            "RequestMappingTemplate": print_template(
                a.raw(f'{{\n    "version": "{RESOLVER_VERSION_ID}",\n    "payload": {{}}\n}}')
            ),
            "ResponseMappingTemplate": print_template(a.raw("$util.toJson(null)")),
        },
    )


def iam_policies_for_role(is_auth: bool, resources: Iterable[str]) -> list[Json]:
    """Managed policies granting appsync:GraphQL on types/fields, split at ~6000 bytes."""
    piece = "auth" if is_auth else "unauth"
    policies: list[Json] = []
    policy_resources: list[Json] = []
    size = 0

    def make(items: list[Json]) -> Json:
        return resource(
            "AWS::IAM::ManagedPolicy",
            {
                "Roles": [{"Ref": f"{piece}RoleName"}],
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": ["appsync:GraphQL"], "Resource": items}
                    ],
                },
            },
        )

    for entry in resources:
        type_name, field_name = entry.split("/", 1)
        if field_name != "null":
            policy_resources.append(
                fn.sub(
                    "arn:aws:appsync:${AWS::Region}:${AWS::AccountId}:apis/${apiId}/types/"
                    "${typeName}/fields/${fieldName}",
                    {
                        "apiId": {"Fn::GetAtt": ["GraphQLAPI", "ApiId"]},
                        "typeName": type_name,
                        "fieldName": field_name,
                    },
                )
            )
            size += 100 + len(type_name) + len(field_name)
        else:
            policy_resources.append(
                fn.sub(
                    "arn:aws:appsync:${AWS::Region}:${AWS::AccountId}:apis/${apiId}/types/"
                    "${typeName}/*",
                    {"apiId": {"Fn::GetAtt": ["GraphQLAPI", "ApiId"]}, "typeName": type_name},
                )
            )
            size += 100 + len(type_name)
        if size > 6000:
            policies.append(make(policy_resources[:-1]))
            policy_resources = policy_resources[-1:]
            size = 0
    if policy_resources:
        policies.append(make(policy_resources))
    return policies
