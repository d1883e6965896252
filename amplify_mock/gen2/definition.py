"""What a Gen 2 backend defines (defineBackend, defineData, defineAuth, defineStorage,
defineFunction), as typed values resolved the way `@aws-amplify/backend` resolves their props."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ApiKeyMode",
    "AuthDefinition",
    "AuthorizationModes",
    "DataDefinition",
    "FunctionDefinition",
    "FunctionSchemaAccess",
    "Gen2Backend",
    "JsHandler",
    "JsResolver",
    "LambdaAuthorizerMode",
    "OidcMode",
    "SecretRef",
    "StorageAccessRule",
    "StorageDefinition",
]

#: defineData's `defaultAuthorizationMode` names -> AppSync authentication type
AUTHORIZATION_MODE_TYPES = {
    "apiKey": "API_KEY",
    "userPool": "AMAZON_COGNITO_USER_POOLS",
    "iam": "AWS_IAM",
    "identityPool": "AWS_IAM",
    "oidc": "OPENID_CONNECT",
    "lambda": "AWS_LAMBDA",
}


@dataclass(frozen=True)
class SecretRef:
    """`secret('NAME')`: read from SSM in the cloud; the mock reads it from the environment."""

    name: str


@dataclass(frozen=True)
class FunctionDefinition:
    """defineFunction: `name` defaults to the entry's base name, else the folder of resource.ts;
    `entry` defaults to handler.ts beside resource.ts. Not emulated: `schedule` (reported),
    layers, bundling options, a custom CDK function (`custom_provider`)."""

    name: str
    entry: Path | None
    defined_in: Path | None
    environment: Mapping[str, str | SecretRef] = field(default_factory=dict)
    timeout_seconds: int = 3
    memory_mb: int = 512
    runtime: int = 22
    schedule: tuple[str, ...] = ()
    resource_group_name: str = "function"
    custom_provider: bool = False


@dataclass(frozen=True)
class ApiKeyMode:
    expires_in_days: int = 7
    description: str | None = None


@dataclass(frozen=True)
class OidcMode:
    provider_name: str
    issuer_url: str
    client_id: str | None = None
    token_expiry_from_auth_seconds: int | None = None
    token_expire_from_issue_seconds: int | None = None


@dataclass(frozen=True)
class LambdaAuthorizerMode:
    function: str | None
    ttl_seconds: int = 60


@dataclass(frozen=True)
class AuthorizationModes:
    """The API's modes as the data construct sets them up: `default` plus every mode configured
    (IAM is always on); `sandbox` when neither modes nor defineAuth are given (API key default,
    the schema's `allow.publicApiKey()` rules apply to everything)."""

    default: str
    api_key: ApiKeyMode | None = None
    user_pool: bool = False
    iam: bool = True
    oidc: OidcMode | None = None
    lambda_authorizer: LambdaAuthorizerMode | None = None
    sandbox: bool = False

    @property
    def types(self) -> tuple[str, ...]:
        """AppSync types, the default first, the others in the construct's order."""
        present = [
            ("API_KEY", self.api_key is not None),
            ("AWS_LAMBDA", self.lambda_authorizer is not None),
            ("OPENID_CONNECT", self.oidc is not None),
            ("AMAZON_COGNITO_USER_POOLS", self.user_pool),
            ("AWS_IAM", self.iam),
        ]
        return (self.default, *(t for t, on in present if on and t != self.default))


@dataclass(frozen=True)
class JsHandler:
    entry: Path
    data_source: str


@dataclass(frozen=True)
class JsResolver:
    """`a.handler.custom(...)`: a pipeline resolver of APPSYNC_JS functions, one per handler."""

    type_name: str
    field_name: str
    handlers: tuple[JsHandler, ...]


@dataclass(frozen=True)
class FunctionSchemaAccess:
    """`allow.resource(fn).to([...])` on the schema: the function gets the data-access env."""

    function: str | None
    actions: tuple[str, ...]


@dataclass(frozen=True)
class DataDefinition:
    """defineData. Not emulated: SQL schemas (`a.sql`/`inlineSql`, listed in `sql_engines`)."""

    name: str
    schema: str
    authorization_modes: AuthorizationModes
    js_resolvers: tuple[JsResolver, ...] = ()
    #: the `@function(name:)` of the SDL -> the defineFunction name it invokes
    function_handlers: Mapping[str, str | None] = field(default_factory=dict)
    function_schema_access: tuple[FunctionSchemaAccess, ...] = ()
    sql_engines: tuple[str, ...] = ()
    defined_in: Path | None = None


@dataclass(frozen=True)
class AuthDefinition:
    """defineAuth (or referenceAuth). Not emulated: external providers' sign-in, senders."""

    login_with: tuple[str, ...]
    groups: tuple[str, ...] = ()
    user_attributes: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    external_providers: tuple[str, ...] = ()
    multifactor: Mapping[str, object] | None = None
    #: Cognito trigger name (preSignUp...) -> function name
    triggers: Mapping[str, str | None] = field(default_factory=dict)
    referenced: bool = False
    name: str | None = None
    defined_in: Path | None = None


@dataclass(frozen=True)
class StorageAccessRule:
    """One `allow.<principal>.to([...])`: principal is guest, authenticated, groups, entity
    (`identity`: the `{entity_id}` of the path is the caller's identity id) or resource (a
    function)."""

    principal: str
    actions: tuple[str, ...]
    groups: tuple[str, ...] = ()
    entity: str | None = None
    function: str | None = None


@dataclass(frozen=True)
class StorageDefinition:
    name: str | None
    is_default: bool = False
    #: path prefix ('photos/*', 'private/{entity_id}/*') -> its rules
    access: Mapping[str, tuple[StorageAccessRule, ...]] = field(default_factory=dict)
    #: onUpload / onDelete -> function name
    triggers: Mapping[str, str | None] = field(default_factory=dict)
    defined_in: Path | None = None


@dataclass(frozen=True)
class Gen2Backend:
    project_root: Path
    #: defineBackend's keys -> kind (data, auth, storage, function)
    resources: Mapping[str, str]
    data: DataDefinition | None = None
    auth: AuthDefinition | None = None
    storage: tuple[StorageDefinition, ...] = ()
    functions: tuple[FunctionDefinition, ...] = ()
    #: every project file the Node step loaded: what to watch for hot reload
    source_files: tuple[Path, ...] = ()
    #: what the mock does not apply, one message each (e.g. CDK code in backend.ts)
    not_emulated: tuple[str, ...] = ()
    data_schema_version: str | None = None
    node_ms: int = 0

    def find_function(self, name: str) -> FunctionDefinition | None:
        return next((f for f in self.functions if f.name == name), None)
