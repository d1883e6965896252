"""The API configuration read from a transformer build: auth, data sources, resolvers, tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from amplify_mock.simulators.appsync.auth_iam import IamSettings
from resolvers.resolver import FunctionConfig, MappingTemplate, ResolverConfig

__all__ = [
    "ApiConfig",
    "AuthProvider",
    "AuthenticationType",
    "DataSourceSpec",
    "DeltaSyncSpec",
    "FunctionSpec",
    "ResolverSpec",
    "TableSpec",
    "TemplateSpec",
]

# A build's mapping templates, pipeline functions (`AWS::AppSync::FunctionConfiguration`) and
# resolvers (`AWS::AppSync::Resolver`) are read straight into the `resolvers` package's types,
# which the endpoint runs as they are.
TemplateSpec = MappingTemplate
FunctionSpec = FunctionConfig
ResolverSpec = ResolverConfig


class AuthenticationType(StrEnum):
    """AppSync's authorization modes, spelled as AWS spells them."""

    API_KEY = "API_KEY"
    AWS_IAM = "AWS_IAM"
    AMAZON_COGNITO_USER_POOLS = "AMAZON_COGNITO_USER_POOLS"
    OPENID_CONNECT = "OPENID_CONNECT"
    AWS_LAMBDA = "AWS_LAMBDA"


@dataclass(frozen=True)
class AuthProvider:
    """One authorization mode of the API (the default one or an additional one)."""

    authentication_type: AuthenticationType
    user_pool_id: str | None = None
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    lambda_function_name: str | None = None
    lambda_result_ttl: int | None = None
    lambda_identity_validation_expression: str | None = None

    def to_wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {"authenticationType": self.authentication_type.value}
        if self.authentication_type is AuthenticationType.AMAZON_COGNITO_USER_POOLS:
            out["cognitoUserPoolConfig"] = {"userPoolId": self.user_pool_id}
        if self.authentication_type is AuthenticationType.OPENID_CONNECT:
            out["openIDConnectConfig"] = {
                "Issuer": self.oidc_issuer,
                "ClientId": self.oidc_client_id,
            }
        if self.authentication_type is AuthenticationType.AWS_LAMBDA:
            out["lambdaAuthorizerConfig"] = {
                "AuthorizerUri": self.lambda_function_name,
                "AuthorizerResultTtlInSeconds": self.lambda_result_ttl,
            }
        return out


@dataclass(frozen=True)
class DeltaSyncSpec:
    """A versioned DynamoDB data source's `DeltaSyncConfig` (TTLs in minutes)."""

    table_name: str | None
    base_table_ttl: int = 43200
    delta_sync_table_ttl: int = 30


@dataclass(frozen=True)
class DataSourceSpec:
    """An `AWS::AppSync::DataSource`: `table_name` for DynamoDB, `function_name` for Lambda."""

    name: str
    type: str
    table_name: str | None = None
    function_name: str | None = None
    properties: dict[str, Any] = field(default_factory=dict, compare=False)
    #: set when `DynamoDBConfig.Versioned` is true (a DataStore data source)
    delta_sync: DeltaSyncSpec | None = None


@dataclass(frozen=True)
class TableSpec:
    """An `AWS::DynamoDB::Table`, named by its logical id as `amplify mock` names it."""

    name: str
    key_schema: tuple[dict[str, str], ...]
    attribute_definitions: tuple[dict[str, str], ...]
    global_secondary_indexes: tuple[dict[str, Any], ...] = ()
    local_secondary_indexes: tuple[dict[str, Any], ...] = ()
    stream_view_type: str | None = None

    def create_table_request(self) -> dict[str, Any]:
        """The DynamoDB `CreateTable` parameters that make this table locally."""
        request: dict[str, Any] = {
            "TableName": self.name,
            "KeySchema": list(self.key_schema),
            "AttributeDefinitions": list(self.attribute_definitions),
            "BillingMode": "PAY_PER_REQUEST",
        }
        if self.global_secondary_indexes:
            request["GlobalSecondaryIndexes"] = [
                {k: v for k, v in gsi.items() if k != "ProvisionedThroughput"}
                for gsi in self.global_secondary_indexes
            ]
        if self.local_secondary_indexes:
            request["LocalSecondaryIndexes"] = list(self.local_secondary_indexes)
        if self.stream_view_type:
            request["StreamSpecification"] = {
                "StreamEnabled": True,
                "StreamViewType": self.stream_view_type,
            }
        return request


@dataclass(frozen=True)
class ApiConfig:
    """Everything the local AppSync endpoint serves, as read from one build directory."""

    name: str
    schema_sdl: str
    default_auth: AuthProvider
    additional_auth: tuple[AuthProvider, ...] = ()
    api_key: str | None = None
    data_sources: tuple[DataSourceSpec, ...] = ()
    resolvers: tuple[ResolverSpec, ...] = ()
    functions: tuple[FunctionSpec, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    unsupported_resource_types: tuple[str, ...] = ()
    #: `QueryDepthLimit` and `ResolverCountLimit` of the `AWS::AppSync::GraphQLApi` (0: unset).
    query_depth_limit: int = 0
    resolver_count_limit: int = 0
    #: The identity-pool roles the build's auth templates and IAM policies name.
    iam: IamSettings = field(default_factory=IamSettings)

    @property
    def auth_providers(self) -> tuple[AuthProvider, ...]:
        return (self.default_auth, *self.additional_auth)

    @cached_property
    def auth_modes(self) -> frozenset[AuthenticationType]:
        """The enabled auth modes (read by every request's authorization)."""
        return frozenset(p.authentication_type for p in self.auth_providers)

    def find_auth_provider(self, mode: AuthenticationType) -> AuthProvider | None:
        return next((p for p in self.auth_providers if p.authentication_type is mode), None)

    def to_wire(self) -> dict[str, Any]:
        """The `GET /api-config` answer (the shape the real simulator's console reads)."""
        return {
            "name": self.name,
            "apiKey": self.api_key,
            "defaultAuthenticationType": self.default_auth.to_wire(),
            "additionalAuthenticationProviders": [p.to_wire() for p in self.additional_auth],
            "schema": {"content": self.schema_sdl},
            "tables": [t.name for t in self.tables],
            "dataSources": [{"name": d.name, "type": d.type} for d in self.data_sources],
            "unsupportedResourceTypes": list(self.unsupported_resource_types),
        }
