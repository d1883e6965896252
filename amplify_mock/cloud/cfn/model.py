"""Evaluated stacks, and the physical ids and attributes a local cloud gives resources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "MOCK_API_ID",
    "MOCK_API_KEY",
    "EvaluatedResource",
    "LocalResourceModel",
    "PseudoParameters",
    "ResourceIdentity",
    "ResourceModel",
    "StackResult",
]

#: The values `amplify mock` gives the AppSync API and its key (clients hard-code the key).
MOCK_API_ID = "amplify-test-api-id"
MOCK_API_KEY = "da2-fakeApiId123456"


@dataclass(frozen=True)
class PseudoParameters:
    """`AWS::Region`, `AWS::AccountId` ... as a local cloud reports them."""

    region: str = "us-east-1-fake"
    account_id: str = "12345678910"
    stack_name: str = "local-testing"
    stack_id: str = "fake-stackId"
    partition: str = "aws"
    url_suffix: str = "amazonaws.com"

    def as_refs(self) -> dict[str, Any]:
        return {
            "AWS::Region": self.region,
            "AWS::AccountId": self.account_id,
            "AWS::StackName": self.stack_name,
            "AWS::StackId": self.stack_id,
            "AWS::Partition": self.partition,
            "AWS::URLSuffix": self.url_suffix,
            "AWS::NotificationARNs": [],
        }


@dataclass(frozen=True)
class ResourceIdentity:
    """What `Ref` returns for a resource and what `Fn::GetAtt` can read from it."""

    ref: Any
    attributes: Mapping[str, Any] = field(default_factory=dict)


class ResourceModel(Protocol):
    """Gives each resource its physical id and attributes (a local cloud or a real provider)."""

    def identify(
        self,
        logical_id: str,
        resource_type: str,
        properties: Mapping[str, Any],
        pseudo: PseudoParameters,
    ) -> ResourceIdentity: ...


class LocalResourceModel:
    """Deterministic ids and attributes, matching the values `amplify mock` uses.

    Tables are named by their logical id (`TodoTable`), as the real mock names them; pipeline
    function ids are the function names, so `PipelineConfig.Functions` lists names.
    Attributes of types not listed here are `<logicalId>.<Attribute>` placeholders.
    """

    def __init__(self, *, api_id: str = MOCK_API_ID, api_key: str = MOCK_API_KEY) -> None:
        self.api_id = api_id
        self.api_key = api_key

    def identify(
        self,
        logical_id: str,
        resource_type: str,
        properties: Mapping[str, Any],
        pseudo: PseudoParameters,
    ) -> ResourceIdentity:
        region, account = pseudo.region, pseudo.account_id
        api_arn = f"arn:aws:appsync:{region}:{account}:apis/{self.api_id}"
        name = properties.get("Name")
        if resource_type == "AWS::AppSync::GraphQLApi":
            return ResourceIdentity(
                api_arn,
                {
                    "ApiId": self.api_id,
                    "Arn": api_arn,
                    "GraphQLUrl": "http://localhost:20002/graphql",
                    "GraphQLDns": "localhost",
                    "RealtimeUrl": "ws://localhost:20002/graphql/realtime",
                },
            )
        if resource_type == "AWS::AppSync::ApiKey":
            arn = f"{api_arn}/apikeys/{self.api_key}"
            return ResourceIdentity(arn, {"ApiKey": self.api_key, "Arn": arn, "ApiKeyId": "key"})
        if resource_type == "AWS::AppSync::DataSource":
            arn = f"{api_arn}/datasources/{name}"
            return ResourceIdentity(arn, {"Name": name, "DataSourceArn": arn})
        if resource_type == "AWS::AppSync::FunctionConfiguration":
            arn = f"{api_arn}/functions/{name}"
            return ResourceIdentity(
                arn,
                {
                    "FunctionId": name,
                    "FunctionArn": arn,
                    "Name": name,
                    "DataSourceName": properties.get("DataSourceName"),
                },
            )
        if resource_type == "AWS::AppSync::Resolver":
            type_name, field_name = properties.get("TypeName"), properties.get("FieldName")
            arn = f"{api_arn}/types/{type_name}/resolvers/{field_name}"
            return ResourceIdentity(
                arn, {"ResolverArn": arn, "TypeName": type_name, "FieldName": field_name}
            )
        if resource_type == "AWS::DynamoDB::Table":
            arn = f"arn:aws:dynamodb:{region}:{account}:table/{logical_id}"
            return ResourceIdentity(
                logical_id, {"Arn": arn, "StreamArn": f"{arn}/stream/1970-01-01T00:00:00.000"}
            )
        if resource_type == "Custom::AmplifyDynamoDBTable":
            # Gen 2's Amplify-managed table (the table manager's custom resource)
            arn = f"arn:aws:dynamodb:{region}:{account}:table/{logical_id}"
            stream = f"{arn}/stream/1970-01-01T00:00:00.000"
            return ResourceIdentity(
                logical_id,
                {"TableArn": arn, "TableName": logical_id, "TableStreamArn": stream},
            )
        if resource_type == "AWS::IAM::Role":
            role = properties.get("RoleName") or logical_id
            arn = f"arn:aws:iam::{account}:role/{role}"
            return ResourceIdentity(role, {"Arn": arn, "RoleId": f"{role}-id"})
        if resource_type == "AWS::Lambda::Function":
            fn = properties.get("FunctionName") or logical_id
            arn = f"arn:aws:lambda:{region}:{account}:function:{fn}"
            return ResourceIdentity(fn, {"Arn": arn})
        service = resource_type.split("::")[1].lower() if "::" in resource_type else "unknown"
        arn = f"arn:aws:{service}:{region}:{account}:{logical_id}"
        return ResourceIdentity(logical_id, {"Arn": arn})


@dataclass(frozen=True)
class EvaluatedResource:
    """A resource whose `Condition` held, with every intrinsic in its properties resolved."""

    logical_id: str
    type: str
    properties: Mapping[str, Any]
    stack_path: tuple[str, ...]
    identity: ResourceIdentity
    nested: StackResult | None = None


@dataclass(frozen=True)
class StackResult:
    """One evaluated stack: its resources, outputs and exports, and its nested stacks'."""

    name: str
    resources: Mapping[str, EvaluatedResource]
    outputs: Mapping[str, Any]
    exports: Mapping[str, Any]
    skipped: tuple[str, ...] = ()

    def walk(self) -> Iterator[EvaluatedResource]:
        """Every resource of this stack and of its nested stacks, parents first."""
        for resource in self.resources.values():
            yield resource
            if resource.nested is not None:
                yield from resource.nested.walk()
