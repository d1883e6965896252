"""CloudFormation resources and VTL snippets @auth adds (owner, group and auth-mode checks)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from graphql.language import ast

from transformer.cloudformation import intrinsics as fn
from transformer.cloudformation.resources import number_parameter, resource, string_parameter
from transformer.config import AuthConfig, AuthProvider
from transformer.errors import TransformerError
from transformer.mapping_template import ast as a
from transformer.mapping_template.dynamodb import RESOLVER_VERSION_ID
from transformer.mapping_template.printer import print_template
from transformer.naming import ResourceConstants as RC

__all__ = ["Rule", "update_graphql_api_with_auth"]

Json = Any
Rule = dict[str, Any]

NONE_VALUE = "___xamznone____"
DEFAULT_OWNER_FIELD = "owner"
DEFAULT_IDENTITY_FIELD = "username"
DEFAULT_GROUPS_FIELD = "groups"
DEFAULT_GROUP_CLAIM = "cognito:groups"
_API_ID = fn.get_att(RC.GRAPHQL_API, "ApiId")


def _identity_attribute(raw_username: str) -> str:
    return "cognito:username" if raw_username == "username" else raw_username


def _raw_username(rule: Rule) -> str:
    return str(rule.get("identityField") or rule.get("identityClaim") or DEFAULT_IDENTITY_FIELD)


# ---- CloudFormation ------------------------------------------------------------------------
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


# ---- VTL snippets -----------------------------------------------------------------------------
def static_authorization_variable(field: ast.FieldDefinitionNode | None) -> str:
    if field is not None:
        return f"{field.name.value}_{RC.IS_STATIC_GROUP_AUTHORIZED}"
    return RC.IS_STATIC_GROUP_AUTHORIZED


def set_user_groups(custom_group: str | None) -> a.Expression:
    if custom_group:
        return a.compound(
            [
                a.set_(
                    a.ref("userGroups"),
                    a.raw(f'$util.defaultIfNull($ctx.identity.claims.get("{custom_group}"), [])'),
                ),
                a.iff(
                    a.raw("$util.isString($userGroups)"),
                    a.if_else(
                        a.raw("$util.isList($util.parseJson($userGroups))"),
                        a.set_(a.ref("userGroups"), a.raw("$util.parseJson($userGroups)")),
                        a.set_(a.ref("userGroups"), a.raw("[$userGroups]")),
                    ),
                ),
            ]
        )
    return a.set_(
        a.ref("userGroups"),
        a.raw(f'$util.defaultIfNull($ctx.identity.claims.get("{DEFAULT_GROUP_CLAIM}"), [])'),
    )


def static_group_authorization(
    rules: Sequence[Rule], field: ast.FieldDefinitionNode | None = None
) -> a.Expression:
    if not rules:
        return a.comment("No Static Group Authorization Rules")
    variable = static_authorization_variable(field)
    expressions: list[a.Expression] = []
    for rule in rules:
        groups = rule.get("groups")
        claim = rule.get("groupClaim") or DEFAULT_GROUP_CLAIM
        if groups:
            expressions += [
                a.comment(
                    f"Authorization rule: {{ allow: groups, groups: "
                    f'{json.dumps(groups, separators=(",", ":"))}, groupClaim: "{claim}" }}'
                ),
                set_user_groups(rule.get("groupClaim")),
                a.set_(a.ref("allowedGroups"), a.list_([a.str_(g) for g in groups])),
                a.for_each(
                    a.ref("userGroup"),
                    a.ref("userGroups"),
                    [
                        a.iff(
                            a.raw("$allowedGroups.contains($userGroup)"),
                            a.compound([a.set_(a.ref(variable), a.raw("true")), a.raw("#break")]),
                        )
                    ],
                ),
            ]
    return a.block(
        "Static Group Authorization Checks",
        [
            a.raw(f"#set(${variable} = $util.defaultIfNull(\n            ${variable}, false))"),
            *expressions,
        ],
    )


def _dynamic_for_create(
    rules: Sequence[Rule],
    variable_to_check: str,
    variable_to_set: str,
    format_comment: Callable[[Rule], str] | None = None,
) -> a.CompoundExpression:
    expressions: list[a.Expression] = []
    for rule in rules:
        groups_attribute = rule.get("groupsField") or DEFAULT_GROUPS_FIELD
        claim = rule.get("groupClaim") or DEFAULT_GROUP_CLAIM
        text = (
            format_comment(rule)
            if format_comment
            else f"Authorization rule: {{ allow: {rule.get('allow')}, groupsField: "
            f'"{groups_attribute}", groupClaim: "{claim}"'
        )
        expressions += [
            a.comment(text),
            set_user_groups(rule.get("groupClaim")),
            a.set_(
                a.ref(variable_to_set), a.raw(f"$util.defaultIfNull(${variable_to_set}, false)")
            ),
            a.for_each(
                a.ref("userGroup"),
                a.ref("userGroups"),
                [
                    a.iff(
                        a.raw(f"$util.isList($ctx.args.input.{groups_attribute})"),
                        a.iff(
                            a.ref(f"{variable_to_check}.{groups_attribute}.contains($userGroup)"),
                            a.set_(a.ref(variable_to_set), a.raw("true")),
                        ),
                    ),
                    a.iff(
                        a.raw(f"$util.isString($ctx.args.input.{groups_attribute})"),
                        a.iff(
                            a.raw(f"$ctx.args.input.{groups_attribute} == $userGroup"),
                            a.set_(a.ref(variable_to_set), a.raw("true")),
                        ),
                    ),
                ],
            ),
        ]
    return a.compound(expressions)


def dynamic_group_authorization_for_create(rules: Sequence[Rule]) -> a.Expression:
    if not rules:
        return a.comment("No Dynamic Group Authorization Rules")
    return a.block(
        "Dynamic Group Authorization Checks",
        [_dynamic_for_create(rules, "ctx.args.input", RC.IS_DYNAMIC_GROUP_AUTHORIZED)],
    )


def dynamic_group_authorization_for_create_by_field(
    rules: Sequence[Rule], field_name: str
) -> a.Expression:
    if not rules:
        return a.comment(f'No dynamic group authorization rules for field "{field_name}"')
    return a.block(
        f'Dynamic group authorization rules for field "{field_name}"',
        [
            _dynamic_for_create(
                rules,
                "ctx.args.input",
                RC.IS_DYNAMIC_GROUP_AUTHORIZED,
                lambda rule: (
                    f'Authorization rule on field "{field_name}": {{ allow: '
                    f"{rule.get('allow')}, groupsField: "
                    f'"{rule.get("groupsField") or DEFAULT_GROUPS_FIELD}", '
                    f'groupClaim: "{rule.get("groupClaim") or DEFAULT_GROUP_CLAIM}" }}'
                ),
            )
        ],
    )


def _identity_value(rule: Rule, multiline: bool = False) -> a.Set:
    raw_username = _raw_username(rule)
    identity = _identity_attribute(raw_username)
    if raw_username == "username":
        gap = "\n                        " if multiline else " "
        return a.set_(
            a.ref("identityValue"),
            a.raw(
                f'$util.defaultIfNull($ctx.identity.claims.get("{raw_username}"),{gap}'
                f'$util.defaultIfNull($ctx.identity.claims.get("{identity}"), "{NONE_VALUE}"))'
            ),
        )
    return a.set_(
        a.ref("identityValue"),
        a.raw(f'$util.defaultIfNull($ctx.identity.claims.get("{identity}"), "{NONE_VALUE}")'),
    )


def _owner_match(allowed: str, variable_to_set: str) -> list[a.Expression]:
    return [
        a.iff(
            a.raw(f"$util.isList(${allowed})"),
            a.for_each(
                a.ref("allowedOwner"),
                a.ref(allowed),
                [
                    a.iff(
                        a.raw("$allowedOwner == $identityValue"),
                        a.set_(a.ref(variable_to_set), a.raw("true")),
                    )
                ],
            ),
        ),
        a.iff(
            a.raw(f"$util.isString(${allowed})"),
            a.iff(
                a.raw(f"${allowed} == $identityValue"),
                a.set_(a.ref(variable_to_set), a.raw("true")),
            ),
        ),
    ]


def _owner_comment(rule: Rule) -> str:
    owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
    identity = _identity_attribute(_raw_username(rule))
    return (
        f'Authorization rule: {{ allow: {rule.get("allow")}, ownerField: "{owner}", '
        f'identityClaim: "{identity}" }}'
    )


def _ownership_for_create(
    rules: Sequence[Rule],
    field_is_list: Callable[[str], bool],
    variable_to_check: str,
    variable_to_set: str,
    format_comment: Callable[[Rule], str] | None = None,
) -> a.CompoundExpression:
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
        allowed = f"allowedOwners{number}"
        expressions += [
            a.comment(format_comment(rule) if format_comment else _owner_comment(rule)),
            a.set_(
                a.ref(allowed), a.raw(f"$util.defaultIfNull(${variable_to_check}.{owner}, null)")
            ),
            _identity_value(rule),
            *_owner_match(allowed, variable_to_set),
        ]
        value = '["$identityValue"]' if field_is_list(owner) else "$identityValue"
        expressions.append(
            a.iff(
                a.and_(
                    [
                        a.raw(f"$util.isNull(${allowed})"),
                        a.parens(a.raw(f'! ${variable_to_check}.containsKey("{owner}")')),
                    ]
                ),
                a.compound(
                    [
                        a.qref(f'${variable_to_check}.put("{owner}", {value})'),
                        a.set_(a.ref(variable_to_set), a.raw("true")),
                    ]
                ),
            )
        )
    return a.compound([a.set_(a.ref(variable_to_set), a.raw("false")), *expressions])


def owner_authorization_for_create(
    rules: Sequence[Rule], field_is_list: Callable[[str], bool]
) -> a.Expression:
    if not rules:
        return a.comment("No Owner Authorization Rules")
    return a.block(
        "Owner Authorization Checks",
        [_ownership_for_create(rules, field_is_list, "ctx.args.input", RC.IS_OWNER_AUTHORIZED)],
    )


def owner_authorization_for_create_by_field(
    rules: Sequence[Rule], field_name: str, field_is_list: Callable[[str], bool]
) -> a.Expression:
    if not rules:
        return a.comment("No Owner Authorization Rules")
    return a.block(
        f'Owner authorization rules for field "{field_name}"',
        [
            _ownership_for_create(
                rules,
                field_is_list,
                "ctx.args.input",
                RC.IS_OWNER_AUTHORIZED,
                lambda rule: (
                    f"Authorization rule: {{ allow: {rule.get('allow')}, ownerField: "
                    f'"{rule.get("ownerField") or DEFAULT_OWNER_FIELD}", identityClaim: '
                    f'"{_raw_username(rule)}" }}'
                ),
            )
        ],
    )


def owner_authorization_for_subscriptions(rules: Sequence[Rule]) -> a.Expression:
    if not rules:
        return a.comment("No Owner Authorization Rules")
    variable = RC.IS_OWNER_AUTHORIZED
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
        allowed = f"allowedOwners{number}"
        expressions += [
            a.comment(_owner_comment(rule)),
            a.set_(a.ref(allowed), a.raw(f"$util.defaultIfNull($ctx.args.{owner}, null)")),
            _identity_value(rule, multiline=True),
            *_owner_match(allowed, variable),
        ]
    return a.block(
        "Owner Authorization Checks",
        [a.compound([a.set_(a.ref(variable), a.raw("false")), *expressions])],
    )


def dynamic_group_authorization_for_update_or_delete(
    rules: Sequence[Rule], field_is_list: Callable[[str], bool], field_name: str | None
) -> a.Expression:
    mention = f' for field "{field_name}"' if field_name else ""
    if not rules:
        return a.comment(f"No dynamic group authorization rules{mention}")
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        attribute = rule.get("groupsField") or DEFAULT_GROUPS_FIELD
        attribute_name = (
            f"{field_name}_groupsAttribute{number}" if field_name else f"groupsAttribute{number}"
        )
        group_name = f"{field_name}_group{number}" if field_name else f"group{number}"
        claim = rule.get("groupClaim") or DEFAULT_GROUP_CLAIM
        condition = (
            f'$util.qr($groupAuthExpressions.add("contains(#{attribute_name}, '
            f':{group_name}$foreach.count)"))'
            if field_is_list(attribute)
            else f'$util.qr($groupAuthExpressions.add("#{attribute_name} = '
            f':{group_name}$foreach.count"))'
        )
        expressions += [
            a.comment(
                f"Authorization rule{mention}: {{ allow: {rule.get('allow')}, groupsField: "
                f'"{attribute}", groupClaim: "{claim}"}}'
            ),
            set_user_groups(rule.get("groupClaim")),
            a.for_each(
                a.ref("userGroup"),
                a.ref("userGroups"),
                [
                    a.raw(condition),
                    a.raw(
                        f'$util.qr($groupAuthExpressionValues.put(":{group_name}$foreach.count", '
                        '{ "S": $userGroup }))'
                    ),
                ],
            ),
            a.iff(
                a.raw("$userGroups.size() > 0"),
                a.raw(
                    f'$util.qr($groupAuthExpressionNames.put("#{attribute_name}", "{attribute}"))'
                ),
            ),
        ]
    return a.block(
        "Dynamic group authorization checks",
        [
            a.set_(a.ref("groupAuthExpressions"), a.list_([])),
            a.set_(a.ref("groupAuthExpressionValues"), a.obj({})),
            a.set_(a.ref("groupAuthExpressionNames"), a.obj({})),
            *expressions,
        ],
    )


def owner_authorization_for_update_or_delete(
    rules: Sequence[Rule], field_is_list: Callable[[str], bool], field_name: str | None
) -> a.Expression:
    mention = f' for field "{field_name}"' if field_name else ""
    if not rules:
        return a.comment(f"No owner authorization rules{mention}")
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
        raw_username = _raw_username(rule)
        identity = _identity_attribute(raw_username)
        owner_name = f"{field_name}_owner{number}" if field_name else f"owner{number}"
        identity_name = f"{field_name}_identity{number}" if field_name else f"identity{number}"
        expressions.append(
            a.comment(
                f"Authorization rule{mention}: {{ allow: {rule.get('allow')}, ownerField: "
                f'"{owner}", identityClaim: "{identity}" }}'
            )
        )
        if field_is_list(owner):
            expressions.append(
                a.raw(
                    f'$util.qr($ownerAuthExpressions.add("contains(#{owner_name}, '
                    f':{identity_name})"))'
                )
            )
        else:
            expressions.append(
                a.raw(f'$util.qr($ownerAuthExpressions.add("#{owner_name} = :{identity_name}"))')
            )
        expressions.append(
            a.raw(f'$util.qr($ownerAuthExpressionNames.put("#{owner_name}", "{owner}"))')
        )
        if raw_username == "username":
            value = (
                f'$util.defaultIfNull($ctx.identity.claims.get("{raw_username}"), '
                f'$util.defaultIfNull($ctx.identity.claims.get("{identity}"), "{NONE_VALUE}"))'
            )
        else:
            value = f'$util.defaultIfNull($ctx.identity.claims.get("{identity}"), "{NONE_VALUE}")'
        expressions.append(
            a.raw(
                f'$util.qr($ownerAuthExpressionValues.put(":{identity_name}", '
                f"$util.dynamodb.toDynamoDB({value})))"
            )
        )
    return a.block(
        "Owner Authorization Checks",
        [
            a.set_(a.ref("ownerAuthExpressions"), a.list_([])),
            a.set_(a.ref("ownerAuthExpressionValues"), a.obj({})),
            a.set_(a.ref("ownerAuthExpressionNames"), a.obj({})),
            *expressions,
        ],
    )


def dynamic_group_authorization_for_read(
    rules: Sequence[Rule],
    variable_to_check: str = "ctx.result",
    variable_to_set: str = RC.IS_DYNAMIC_GROUP_AUTHORIZED,
    default_value: a.Expression | None = None,
) -> a.Expression:
    if not rules:
        return a.comment("No Dynamic Group Authorization Rules")
    default = default_value or a.raw(f"$util.defaultIfNull(${variable_to_set}, false)")
    expressions: list[a.Expression] = []
    for rule in rules:
        attribute = rule.get("groupsField") or DEFAULT_GROUPS_FIELD
        claim = rule.get("groupClaim") or DEFAULT_GROUP_CLAIM
        expressions += [
            a.comment(
                f'Authorization rule: {{ allow: {rule.get("allow")}, groupsField: "{attribute}", '
                f'groupClaim: "{claim}" }}'
            ),
            a.set_(
                a.ref("allowedGroups"),
                a.ref(f"util.defaultIfNull(${variable_to_check}.{attribute}, [])"),
            ),
            set_user_groups(rule.get("groupClaim")),
            a.for_each(
                a.ref("userGroup"),
                a.ref("userGroups"),
                [
                    a.iff(
                        a.raw("$util.isList($allowedGroups)"),
                        a.iff(
                            a.raw("$allowedGroups.contains($userGroup)"),
                            a.set_(a.ref(variable_to_set), a.raw("true")),
                        ),
                    ),
                    a.iff(
                        a.raw("$util.isString($allowedGroups)"),
                        a.iff(
                            a.raw("$allowedGroups == $userGroup"),
                            a.set_(a.ref(variable_to_set), a.raw("true")),
                        ),
                    ),
                ],
            ),
        ]
    return a.block(
        "Dynamic Group Authorization Checks",
        [a.set_(a.ref(variable_to_set), default), *expressions],
    )


def owner_authorization_for_read(
    rules: Sequence[Rule],
    variable_to_check: str = "ctx.result",
    variable_to_set: str = RC.IS_OWNER_AUTHORIZED,
    default_value: a.Expression | None = None,
) -> a.Expression:
    if not rules:
        return a.comment("No Owner Authorization Rules")
    default = default_value or a.raw(f"$util.defaultIfNull(${variable_to_set}, false)")
    expressions: list[a.Expression] = []
    for number, rule in enumerate(rules):
        owner = rule.get("ownerField") or DEFAULT_OWNER_FIELD
        allowed = f"allowedOwners{number}"
        expressions += [
            a.comment(_owner_comment(rule)),
            a.set_(a.ref(allowed), a.ref(f"util.defaultIfNull(${variable_to_check}.{owner}, [])")),
            _identity_value(rule),
            *_owner_match(allowed, variable_to_set),
        ]
    return a.block(
        "Owner Authorization Checks", [a.set_(a.ref(variable_to_set), default), *expressions]
    )


def _throw_block(condition: a.Expression) -> a.CompoundExpression:
    return a.block("Throw if unauthorized", [a.iff(condition, a.raw("$util.unauthorized()"))])


def throw_if_subscription_unauthorized() -> a.Expression:
    return _throw_block(
        a.not_(
            a.parens(
                a.or_(
                    [
                        a.equals(a.ref(RC.IS_STATIC_GROUP_AUTHORIZED), a.raw("true")),
                        a.equals(a.ref(RC.IS_OWNER_AUTHORIZED), a.raw("true")),
                    ]
                )
            )
        )
    )


def throw_if_unauthorized(field: ast.FieldDefinitionNode | None = None) -> a.Expression:
    return _throw_block(
        a.not_(
            a.parens(
                a.or_(
                    [
                        a.equals(a.ref(static_authorization_variable(field)), a.raw("true")),
                        a.equals(a.ref(RC.IS_DYNAMIC_GROUP_AUTHORIZED), a.raw("true")),
                        a.equals(a.ref(RC.IS_OWNER_AUTHORIZED), a.raw("true")),
                    ]
                )
            )
        )
    )


def return_if_empty(object_path: str) -> a.Expression:
    return a.iff(a.is_null_or_empty(a.ref(object_path)), a.ret())


def throw_if_static_group_unauthorized(field: ast.FieldDefinitionNode | None) -> a.Expression:
    return _throw_block(a.equals(a.ref(static_authorization_variable(field)), a.raw("false")))


def throw_if_not_static_group_authorized_or_auth_condition_is_empty(
    field: ast.FieldDefinitionNode | None,
) -> a.Expression:
    return _throw_block(
        a.not_(
            a.parens(
                a.or_(
                    [
                        a.equals(a.ref(static_authorization_variable(field)), a.raw("true")),
                        a.parens(a.raw('$totalAuthExpression != ""')),
                    ]
                )
            )
        )
    )


def collect_auth_condition() -> a.Expression:
    empty = print_template(
        a.obj(
            {"expression": a.str_(""), "expressionNames": a.obj({}), "expressionValues": a.obj({})}
        )
    )
    condition = RC.AUTH_CONDITION

    def concat(collection: str) -> a.If:
        return a.iff(
            a.ref(collection),
            a.for_each(
                a.ref("authExpr"),
                a.ref(collection),
                [
                    a.set_(a.ref("totalAuthExpression"), a.str_("$totalAuthExpression $authExpr")),
                    a.iff(
                        a.ref("foreach.hasNext"),
                        a.set_(a.ref("totalAuthExpression"), a.str_("$totalAuthExpression OR")),
                    ),
                ],
            ),
        )

    return a.block(
        "Collect Auth Condition",
        [
            a.set_(a.ref(condition), a.raw(f"$util.defaultIfNull($authCondition, {empty})")),
            a.set_(a.ref("totalAuthExpression"), a.str_("")),
            a.comment("Add dynamic group auth conditions if they exist"),
            concat("groupAuthExpressions"),
            a.iff(
                a.ref("groupAuthExpressionNames"),
                a.raw(f"$util.qr(${condition}.expressionNames.putAll($groupAuthExpressionNames))"),
            ),
            a.iff(
                a.ref("groupAuthExpressionValues"),
                a.raw(
                    f"$util.qr(${condition}.expressionValues.putAll($groupAuthExpressionValues))"
                ),
            ),
            a.comment("Add owner auth conditions if they exist"),
            a.iff(
                a.raw(
                    '$totalAuthExpression != "" && $ownerAuthExpressions && '
                    "$ownerAuthExpressions.size() > 0"
                ),
                a.set_(a.ref("totalAuthExpression"), a.str_("$totalAuthExpression OR")),
            ),
            concat("ownerAuthExpressions"),
            a.iff(
                a.ref("ownerAuthExpressionNames"),
                a.raw(f"$util.qr(${condition}.expressionNames.putAll($ownerAuthExpressionNames))"),
            ),
            a.iff(
                a.ref("ownerAuthExpressionValues"),
                a.raw(
                    f"$util.qr(${condition}.expressionValues.putAll($ownerAuthExpressionValues))"
                ),
            ),
            a.comment("Set final expression if it has changed."),
            a.iff(
                a.raw('$totalAuthExpression != ""'),
                a.if_else(
                    a.raw(f"$util.isNullOrEmpty(${condition}.expression)"),
                    a.set_(a.ref(f"{condition}.expression"), a.str_("($totalAuthExpression)")),
                    a.set_(
                        a.ref(f"{condition}.expression"),
                        a.str_(f"${condition}.expression AND ($totalAuthExpression)"),
                    ),
                ),
            ),
        ],
    )


def append_item_if_locally_authorized() -> a.Expression:
    return a.iff(
        a.parens(
            a.or_(
                [
                    a.equals(a.ref(RC.IS_LOCAL_DYNAMIC_GROUP_AUTHORIZED), a.raw("true")),
                    a.equals(a.ref(RC.IS_LOCAL_OWNER_AUTHORIZED), a.raw("true")),
                ]
            )
        ),
        a.qref("$items.add($item)"),
    )


def operation_check_expression(
    operation: str | None, field: ast.FieldDefinitionNode
) -> a.Expression:
    has_connection = any(d.name.value == "connection" for d in field.directives or ())
    value = (
        a.to_json(a.ref("context.result"))
        if has_connection
        else a.to_json(a.ref(f"context.source.{field.name.value}"))
    )
    return a.block(
        "Checking for allowed operations which can return this field",
        [
            a.set_(
                a.ref("operation"), a.raw('$util.defaultIfNull($context.source.operation, "null")')
            ),
            a.if_else(a.raw(f'$operation == "{operation}"'), a.ref("util.toJson(null)"), value),
        ],
    )


def set_operation_expression(operation: str | None) -> str:
    call = print_template(
        a.method_call(a.ref("ctx.result.put"), a.str_("operation"), a.str_(str(operation)))
    )
    return print_template(a.block("Setting the operation", [a.qref(call)]))


def auth_mode_check_wrapped(modes: Sequence[str], expression: a.Expression) -> a.Expression:
    if not modes:
        return expression
    conditions: list[a.Expression] = [a.equals(a.ref(RC.AUTH_MODE), a.str_(m)) for m in modes]
    return a.block(
        "Check authMode and execute owner/group checks",
        [a.iff(conditions[0] if len(conditions) == 1 else a.or_(conditions), expression)],
    )


def auth_mode_determination(modes: Sequence[str], is_user_pool_default: bool) -> a.Expression:
    if not modes:
        return a.comment("No authentication mode determination needed")
    expressions: list[a.Expression] = []
    mode_var = f"${RC.AUTH_MODE}"
    for mode in modes:
        if mode == "userPools":
            statements: list[a.Expression] = [
                a.raw(f"$util.isNullOrEmpty({mode_var})"),
                *(
                    a.not_(a.raw(f"$util.isNull($ctx.identity{suffix})"))
                    for suffix in (
                        "",
                        ".sub",
                        ".issuer",
                        ".username",
                        ".claims",
                        ".sourceIp",
                    )
                ),
            ]
            if is_user_pool_default:
                statements.append(a.not_(a.raw("$util.isNull($ctx.identity.defaultAuthStrategy)")))
            expressions.append(
                a.iff(a.and_(statements), a.set_(a.ref(RC.AUTH_MODE), a.str_("userPools")))
            )
        elif mode == "oidc":
            oidc = a.iff(
                a.and_(
                    [
                        a.raw(f"$util.isNullOrEmpty({mode_var})"),
                        a.not_(a.raw("$util.isNull($ctx.identity)")),
                        a.not_(a.raw("$util.isNull($ctx.identity.sub)")),
                        a.not_(a.raw("$util.isNull($ctx.identity.issuer)")),
                        a.not_(a.raw("$util.isNull($ctx.identity.claims)")),
                        a.raw("$util.isNull($ctx.identity.username)"),
                        a.raw("$util.isNull($ctx.identity.sourceIp)"),
                    ]
                ),
                a.set_(a.ref(RC.AUTH_MODE), a.str_("oidc")),
            )
            if expressions:
                expressions.append(a.newline())
            expressions.append(oidc)
    return a.block("Determine request authentication mode", expressions)
