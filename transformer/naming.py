"""The names the v1 transformer gives to generated types, fields and CloudFormation resources."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from transformer.pluralize import pluralize
from transformer.scalars import DEFAULT_SCALARS

__all__ = [
    "ResourceConstants",
    "graphql_name",
    "md5_hex",
    "plurality",
    "resource_name",
    "simplify_name",
    "to_camel_case",
    "to_lower",
    "to_pascal_case",
    "to_upper",
]

_NOT_GRAPHQL_NAME = re.compile(r"^[^_A-Za-z]+|[^_0-9A-Za-z]")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9+]+", re.IGNORECASE)
_ENV_PLACEHOLDER = re.compile(r"-?_?\$\{[^}]*\}")


def md5_hex(value: str) -> str:
    return hashlib.md5(value.encode("utf-8")).hexdigest()


def graphql_name(value: str) -> str:
    """Strip what GraphQL names cannot hold (leading non-letters, punctuation)."""
    if not value.strip():
        return ""
    return _NOT_GRAPHQL_NAME.sub("", value)


def resource_name(value: str) -> str:
    """A CloudFormation logical id: alphanumerics, plus an md5 suffix when something was dropped."""
    if _NOT_ALPHANUMERIC.search(value):
        return _NOT_ALPHANUMERIC.sub("", value) + md5_hex(value)[:4]
    return value


def simplify_name(value: str) -> str:
    if not value.strip():
        return ""
    cleaned = _NOT_GRAPHQL_NAME.sub("|", _ENV_PLACEHOLDER.sub("", value))
    return to_pascal_case(cleaned.split("|"))


def to_upper(word: str) -> str:
    return word[:1].upper() + word[1:]


def to_lower(word: str) -> str:
    return word[:1].lower() + word[1:]


def to_camel_case(words: Sequence[str]) -> str:
    kept = [w for w in words if w]
    return "".join(to_lower(w) if i == 0 else to_upper(w) for i, w in enumerate(kept))


def to_pascal_case(words: Sequence[str]) -> str:
    return "".join(to_upper(w) for w in words)


def plurality(value: str, improve_pluralization: bool) -> str:
    """`Todo` -> `Todos`; with improvePluralization the English rules of npm `pluralize`."""
    if not value.strip():
        return ""
    if improve_pluralization:
        return pluralize(value)
    return value + "s"


def _scalar_name(name: str) -> str:
    return DEFAULT_SCALARS.get(name, name)


class ModelResourceIDs:
    """Names of the types and resources generated for one @model type."""

    @staticmethod
    def table(type_name: str) -> str:
        return f"{type_name}Table"

    @staticmethod
    def table_stream_arn(type_name: str) -> str:
        return f"{type_name}TableStreamArn"

    @staticmethod
    def data_source(type_name: str) -> str:
        return f"{type_name}DataSource"

    @staticmethod
    def iam_role(type_name: str) -> str:
        return f"{type_name}IAMRole"

    @staticmethod
    def filter_input(name: str) -> str:
        return f"Model{_scalar_name(name)}FilterInput"

    @staticmethod
    def condition_input(name: str) -> str:
        return f"Model{_scalar_name(name)}ConditionInput"

    @staticmethod
    def key_condition_input(name: str) -> str:
        return f"Model{_scalar_name(name)}KeyConditionInput"

    @staticmethod
    def scalar_filter_input(name: str, include_filter: bool) -> str:
        return f"Model{_scalar_name(name)}{'Filter' if include_filter else ''}Input"

    @staticmethod
    def filter_list_input(name: str, include_filter: bool) -> str:
        return f"Model{_scalar_name(name)}List{'Filter' if include_filter else ''}Input"

    @staticmethod
    def composite_key_argument_name(key_field_names: Sequence[str]) -> str:
        return to_camel_case([graphql_name(n) for n in key_field_names])

    COMPOSITE_KEY_SEPARATOR = "#"

    @staticmethod
    def composite_attribute_name(key_field_names: Sequence[str]) -> str:
        return "#".join(key_field_names)

    @staticmethod
    def composite_key_condition_input(model_name: str, key_name: str) -> str:
        return f"Model{model_name}{key_name}CompositeKeyConditionInput"

    @staticmethod
    def composite_key_input(model_name: str, key_name: str) -> str:
        return f"Model{model_name}{key_name}CompositeKeyInput"

    @staticmethod
    def connection_type(type_name: str) -> str:
        return f"Model{type_name}Connection"

    @staticmethod
    def delete_input(type_name: str) -> str:
        return graphql_name(f"Delete{to_upper(type_name)}Input")

    @staticmethod
    def update_input(type_name: str) -> str:
        return graphql_name(f"Update{to_upper(type_name)}Input")

    @staticmethod
    def create_input(type_name: str) -> str:
        return graphql_name(f"Create{to_upper(type_name)}Input")

    @staticmethod
    def on_create_subscription(type_name: str) -> str:
        return graphql_name(f"onCreate{to_upper(type_name)}")

    @staticmethod
    def on_update_subscription(type_name: str) -> str:
        return graphql_name(f"onUpdate{to_upper(type_name)}")

    @staticmethod
    def on_delete_subscription(type_name: str) -> str:
        return graphql_name(f"onDelete{to_upper(type_name)}")

    ATTRIBUTE_TYPES = "ModelAttributeTypes"
    SIZE_INPUT = "ModelSizeInput"

    @staticmethod
    def non_model_input(type_name: str) -> str:
        return graphql_name(f"{to_upper(type_name)}Input")


class ResolverResourceIDs:
    """Logical ids of the resolvers the transformers create."""

    @staticmethod
    def create(type_name: str) -> str:
        return f"Create{resource_name(type_name)}Resolver"

    @staticmethod
    def update(type_name: str) -> str:
        return f"Update{resource_name(type_name)}Resolver"

    @staticmethod
    def delete(type_name: str) -> str:
        return f"Delete{resource_name(type_name)}Resolver"

    @staticmethod
    def get(type_name: str) -> str:
        return f"Get{resource_name(type_name)}Resolver"

    @staticmethod
    def list(type_name: str) -> str:
        return f"List{resource_name(type_name)}Resolver"

    @staticmethod
    def sync(type_name: str) -> str:
        return f"Sync{resource_name(type_name)}Resolver"

    @staticmethod
    def resolver(type_name: str, field_name: str) -> str:
        return f"{resource_name(type_name + field_name)}Resolver"


class ResourceConstants:
    """Logical ids, parameter, condition, output and VTL variable names shared by transformers."""

    NONE = "NONE"
    DEFAULT_PAGE_LIMIT = 100

    # resources
    GRAPHQL_API = "GraphQLAPI"
    GRAPHQL_SCHEMA = "GraphQLSchema"
    API_KEY = "GraphQLAPIKey"
    AUTH_ROLE_POLICY = "AuthRolePolicy"
    UNAUTH_ROLE_POLICY = "UnauthRolePolicy"
    NONE_DATA_SOURCE = "NoneDataSource"

    # parameters
    ENV = "env"
    S3_DEPLOYMENT_BUCKET = "S3DeploymentBucket"
    S3_DEPLOYMENT_ROOT_KEY = "S3DeploymentRootKey"
    APPSYNC_API_NAME = "AppSyncApiName"
    APPSYNC_API_ID = "AppSyncApiId"
    CREATE_API_KEY = "CreateAPIKey"
    AUTH_ROLE_NAME = "authRoleName"
    UNAUTH_ROLE_NAME = "unauthRoleName"
    API_KEY_EXPIRATION_EPOCH = "APIKeyExpirationEpoch"
    DYNAMODB_BILLING_MODE = "DynamoDBBillingMode"
    DYNAMODB_READ_IOPS = "DynamoDBModelTableReadIOPS"
    DYNAMODB_WRITE_IOPS = "DynamoDBModelTableWriteIOPS"
    DYNAMODB_PITR = "DynamoDBEnablePointInTimeRecovery"
    DYNAMODB_SSE = "DynamoDBEnableServerSideEncryption"
    AUTH_COGNITO_USER_POOL_ID = "AuthCognitoUserPoolId"

    # conditions
    HAS_ENVIRONMENT_PARAMETER = "HasEnvironmentParameter"
    SHOULD_USE_PAY_PER_REQUEST = "ShouldUsePayPerRequestBilling"
    SHOULD_USE_PITR = "ShouldUsePointInTimeRecovery"
    SHOULD_USE_SSE = "ShouldUseServerSideEncryption"
    SHOULD_CREATE_API_KEY = "ShouldCreateAPIKey"
    API_KEY_EXPIRATION_IS_POSITIVE = "APIKeyExpirationEpochIsPositive"

    # outputs
    GRAPHQL_API_ENDPOINT_OUTPUT = "GraphQLAPIEndpointOutput"
    GRAPHQL_API_KEY_OUTPUT = "GraphQLAPIKeyOutput"
    GRAPHQL_API_ID_OUTPUT = "GraphQLAPIIdOutput"

    # VTL variables shared between transformers
    AUTH_CONDITION = "authCondition"
    AUTH_MODE = "authMode"
    VERSIONED_CONDITION = "versionedCondition"
    MODEL_OBJECT_KEY = "modelObjectKey"
    DYNAMODB_NAME_OVERRIDE_MAP = "dynamodbNameOverrideMap"
    MODEL_QUERY_EXPRESSION = "modelQueryExpression"
    MODEL_QUERY_INDEX = "modelQueryIndex"
    IS_DYNAMIC_GROUP_AUTHORIZED = "isDynamicGroupAuthorized"
    IS_LOCAL_DYNAMIC_GROUP_AUTHORIZED = "isLocalDynamicGroupAuthorized"
    IS_STATIC_GROUP_AUTHORIZED = "isStaticGroupAuthorized"
    IS_OWNER_AUTHORIZED = "isOwnerAuthorized"
    IS_LOCAL_OWNER_AUTHORIZED = "isLocalOwnerAuthorized"
    HAS_SEEN_SOME_KEY_ARG = "hasSeenSomeKeyArg"
