"""Stable fake physical ids and attributes for the resources of the local cloud.

Ids are derived from a hash of the root stack name, the resource type, its logical id and
its name property, so redeploying a stack gives every resource the same id again.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from amplify_mock.cloud.cfn import PseudoParameters, ResourceIdentity

__all__ = ["ACCOUNT_ID", "LocalIds", "stack_id_for"]

ACCOUNT_ID = "123456789012"

_NAME_PROPERTIES = (
    "Name",
    "BucketName",
    "TableName",
    "RoleName",
    "FunctionName",
    "UserPoolName",
    "IdentityPoolName",
    "ClientName",
    "PolicyName",
)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"

_Identifier = Callable[["LocalIds", str, Mapping[str, Any], str, str, str], ResourceIdentity]


class LocalIds:
    """A `ResourceModel` for `evaluate_stack`: deterministic ids, attributes shaped as AWS's."""

    def __init__(self, root_stack: str) -> None:
        self.root_stack = root_stack

    def _token(self, *parts: str, length: int = 26) -> str:
        digest = hashlib.sha256("\x00".join((self.root_stack, *parts)).encode()).digest()
        return "".join(_ALPHABET[b % 32] for b in digest)[:length]

    def _generated_name(self, logical_id: str, token: str, *, lower: bool = False) -> str:
        stack = self.root_stack[:40]
        name = f"{stack}-{logical_id}-{token[:12].upper()}"
        if lower:
            name = re.sub(r"[^a-z0-9.-]", "-", name.lower())[:63]
        return name

    def identify(
        self,
        logical_id: str,
        resource_type: str,
        properties: Mapping[str, Any],
        pseudo: PseudoParameters,
    ) -> ResourceIdentity:
        region, account = pseudo.region, pseudo.account_id
        name_value = next((str(properties[p]) for p in _NAME_PROPERTIES if p in properties), "")
        token = self._token(resource_type, logical_id, name_value)
        handler: _Identifier | None = _IDENTIFIERS.get(resource_type)
        if handler is not None:
            return handler(self, logical_id, properties, token, region, account)
        ref = self._generated_name(logical_id, token)
        service = resource_type.split("::")[1].lower() if "::" in resource_type else "custom"
        return ResourceIdentity(ref, {"Arn": f"arn:aws:{service}:{region}:{account}:{ref}"})


def _bucket(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    name = str(props.get("BucketName") or ids._generated_name(logical_id, token, lower=True))
    return ResourceIdentity(
        name,
        {
            "Arn": f"arn:aws:s3:::{name}",
            "DomainName": f"{name}.s3.amazonaws.com",
            "RegionalDomainName": f"{name}.s3.{region}.amazonaws.com",
            "WebsiteURL": f"http://{name}.s3-website-{region}.amazonaws.com",
        },
    )


def _role(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    name = str(props.get("RoleName") or ids._generated_name(logical_id, token))
    return ResourceIdentity(
        name, {"Arn": f"arn:aws:iam::{account}:role/{name}", "RoleId": "AROA" + token[:17].upper()}
    )


def _table(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    name = str(props.get("TableName") or logical_id)
    arn = f"arn:aws:dynamodb:{region}:{account}:table/{name}"
    return ResourceIdentity(
        name, {"Arn": arn, "StreamArn": f"{arn}/stream/1970-01-01T00:00:00.000"}
    )


def _function(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    name = str(props.get("FunctionName") or ids._generated_name(logical_id, token))
    return ResourceIdentity(name, {"Arn": f"arn:aws:lambda:{region}:{account}:function:{name}"})


def _graphql_api(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    arn = f"arn:aws:appsync:{region}:{account}:apis/{token}"
    return ResourceIdentity(
        arn,
        {
            "ApiId": token,
            "Arn": arn,
            "GraphQLUrl": f"https://{token}.appsync-api.{region}.amazonaws.com/graphql",
            "GraphQLDns": f"{token}.appsync-api.{region}.amazonaws.com",
            "RealtimeUrl": f"wss://{token}.appsync-realtime-api.{region}.amazonaws.com/graphql",
        },
    )


def _api_key(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    key = f"da2-{token}"
    arn = f"arn:aws:appsync:{region}:{account}:apis/{props.get('ApiId', '')}/apikeys/{key}"
    return ResourceIdentity(arn, {"ApiKey": key, "Arn": arn, "ApiKeyId": key})


def _appsync_child(kind: str) -> _Identifier:
    def identify(
        ids: LocalIds,
        logical_id: str,
        props: Mapping[str, Any],
        token: str,
        region: str,
        account: str,
    ) -> ResourceIdentity:
        api = props.get("ApiId", "")
        name = props.get("Name") or f"{props.get('TypeName')}.{props.get('FieldName')}"
        arn = f"arn:aws:appsync:{region}:{account}:apis/{api}/{kind}/{name}"
        attributes: dict[str, Any] = {"Arn": arn}
        if kind == "datasources":
            attributes.update({"DataSourceArn": arn, "Name": name})
        elif kind == "functions":
            attributes.update({"FunctionArn": arn, "FunctionId": token, "Name": name})
            attributes["DataSourceName"] = props.get("DataSourceName")
        elif kind == "resolvers":
            attributes.update({"ResolverArn": arn})
            attributes.update(
                {"TypeName": props.get("TypeName"), "FieldName": props.get("FieldName")}
            )
        return ResourceIdentity(arn, attributes)

    return identify


def _user_pool(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    pool_id = f"{region}_{token[:9]}"
    return ResourceIdentity(
        pool_id,
        {
            "Arn": f"arn:aws:cognito-idp:{region}:{account}:userpool/{pool_id}",
            "ProviderName": f"cognito-idp.{region}.amazonaws.com/{pool_id}",
            "ProviderURL": f"https://cognito-idp.{region}.amazonaws.com/{pool_id}",
        },
    )


def _user_pool_client(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    return ResourceIdentity(token, {"ClientSecret": ids._token("secret", token, length=32)})


def _identity_pool(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    pool_id = f"{region}:{uuid.uuid5(uuid.NAMESPACE_URL, ids.root_stack + token)}"
    return ResourceIdentity(pool_id, {"Name": props.get("IdentityPoolName", logical_id)})


def _distribution(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    distribution_id = "E" + token[:13].upper()
    return ResourceIdentity(
        distribution_id,
        {
            "Id": distribution_id,
            "DomainName": f"d{token[13:26]}.cloudfront.net",
            "Arn": f"arn:aws:cloudfront::{account}:distribution/{distribution_id}",
        },
    )


def _origin_access_identity(
    ids: LocalIds, logical_id: str, props: Mapping[str, Any], token: str, region: str, account: str
) -> ResourceIdentity:
    return ResourceIdentity(
        "E" + token[:13].upper(),
        {"Id": "E" + token[:13].upper(), "S3CanonicalUserId": token * 2},
    )


_IDENTIFIERS: dict[str, _Identifier] = {
    "AWS::CloudFront::Distribution": _distribution,
    "AWS::CloudFront::CloudFrontOriginAccessIdentity": _origin_access_identity,
    "AWS::S3::Bucket": _bucket,
    "AWS::IAM::Role": _role,
    "AWS::DynamoDB::Table": _table,
    "AWS::Lambda::Function": _function,
    "AWS::AppSync::GraphQLApi": _graphql_api,
    "AWS::AppSync::ApiKey": _api_key,
    "AWS::AppSync::DataSource": _appsync_child("datasources"),
    "AWS::AppSync::FunctionConfiguration": _appsync_child("functions"),
    "AWS::AppSync::Resolver": _appsync_child("resolvers"),
    "AWS::Cognito::UserPool": _user_pool,
    "AWS::Cognito::UserPoolClient": _user_pool_client,
    "AWS::Cognito::IdentityPool": _identity_pool,
}


def stack_id_for(stack_name: str, region: str) -> str:
    """A stable fake CloudFormation stack ARN."""
    return (
        f"arn:aws:cloudformation:{region}:{ACCOUNT_ID}:stack/{stack_name}/"
        f"{uuid.uuid5(uuid.NAMESPACE_URL, stack_name)}"
    )
