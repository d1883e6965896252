"""`amplify add api`: a GraphQL (AppSync) API with its schema and authorization modes.

The headless request is the Amplify CLI's `AddApiRequest` JSON:
`{"version": 1, "serviceConfiguration": {"serviceName": "AppSync", "apiName": ...,
"transformSchema": ..., "defaultAuthType": {"mode": ...}, "additionalAuthTypes": [...]}}`.
An AWS_LAMBDA mode (`lambdaFunction`, `ttlSeconds`) names a function of the project, which
gets the permission for AppSync to invoke it, as the Amplify CLI adds it.
`conflictResolution` (DataStore conflict detection) is written as `api_conflict` does for
`amplify update api`. Not emulated: REST (API Gateway) APIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json, write_json
from amplify_mock.project.categories.api_conflict import (
    ConflictResolution,
    parse_conflict_resolution,
    set_conflict_resolution,
)
from amplify_mock.project.categories.auth import ensure_auth
from amplify_mock.project.categories.function import (
    add_function,
    add_invoke_permission,
    require_function,
)
from amplify_mock.project.categories.resources import add_resource, validate_resource_name
from amplify_mock.project.errors import (
    HeadlessArgumentError,
    InvalidOptionError,
    ResourceNotFoundError,
)
from amplify_mock.project.headless import parse_json_object
from amplify_mock.project.project import Project

__all__ = [
    "AUTH_MODES",
    "DEFAULT_AUTHORIZER_TTL",
    "LAMBDA_AUTHORIZER_SOURCE",
    "SCHEMA_TEMPLATES",
    "SCHEMA_TEMPLATES_V2",
    "AddApiRequest",
    "AuthMode",
    "add_api",
    "add_lambda_authorizer_function",
    "check_authorizer_ttl",
    "parse_add_api_request",
    "sample_schema",
    "update_api_key",
]

AUTH_MODES = ("API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA")
DEFAULT_AUTHORIZER_TTL = "300"
#: AppSync caches an authorizer's answer for at most an hour
_MAX_AUTHORIZER_TTL = 3600
_APPSYNC_PERMISSION = "PermissionForAppSyncToInvokeLambda"

#: the handler of an authorizer function created with the API
LAMBDA_AUTHORIZER_SOURCE = (
    "// AppSync Lambda authorizer: requests whose token is 'custom-authorized' are allowed.\n"
    "exports.handler = async (event) => {\n"
    "  console.log(`EVENT: ${JSON.stringify(event)}`);\n"
    "  return {\n"
    "    isAuthorized: event.authorizationToken === 'custom-authorized',\n"
    "    resolverContext: {},\n"
    "    deniedFields: [],\n"
    "    ttlOverride: 300,\n"
    "  };\n"
    "};\n"
)

SCHEMA_TEMPLATES = {
    "single": ("type Todo @model {\n  id: ID!\n  name: String!\n  description: String\n}\n"),
    "blog": (
        "type Blog @model {\n  id: ID!\n  name: String!\n"
        '  posts: [Post] @connection(keyName: "byBlog", fields: ["id"])\n}\n\n'
        'type Post @model @key(name: "byBlog", fields: ["blogID"]) {\n  id: ID!\n'
        '  title: String!\n  blogID: ID!\n  blog: Blog @connection(fields: ["blogID"])\n'
        '  comments: [Comment] @connection(keyName: "byPost", fields: ["id"])\n}\n\n'
        'type Comment @model @key(name: "byPost", fields: ["postID", "content"]) {\n'
        '  id: ID!\n  postID: ID!\n  post: Post @connection(fields: ["postID"])\n'
        "  content: String!\n}\n"
    ),
    "owner": (
        "type Todo @model @auth(rules: [{ allow: owner }]) {\n  id: ID!\n  name: String!\n"
        "  description: String\n}\n"
    ),
}

#: the Gen 1 CLI's sample schemas for a GraphQL Transformer v2 project
SCHEMA_TEMPLATES_V2 = {
    "single": "type Todo @model {\n  name: String!\n  description: String\n}\n",
    "blog": (
        "type Blog @model {\n  name: String!\n  posts: [Post] @hasMany\n}\n\n"
        "type Post @model {\n  title: String!\n  blog: Blog @belongsTo\n"
        "  comments: [Comment] @hasMany\n}\n\n"
        "type Comment @model {\n  post: Post @belongsTo\n  content: String!\n}\n"
    ),
    "owner": (
        "type Task\n  @model\n  @auth(rules: [\n"
        '    { allow: groups, groups: ["Managers"], operations: [create, update, read, delete] }\n'
        '    { allow: groups, groups: ["Employees"], operations: [read] }\n'
        "  ]) {\n  title: String!\n  description: String\n  status: String\n}\n\n"
        "type PrivateNote @model @auth(rules: [{ allow: owner }]) {\n  content: String!\n}\n"
    ),
}
#: what a v2 API with an API key default mode starts with: every model public (sandbox)
SANDBOX_HEADER = (
    '# This "input" configures a global authorization rule to enable public access to\n'
    "# all models in this schema. Learn more about authorization rules here: "
    "https://docs.amplify.aws/cli/graphql/authorization-rules\n"
    "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } } # FOR TESTING ONLY!\n\n"
)


def sample_schema(project_root: Path, name: str, default_mode: str) -> str:
    """The sample schema `name` as the CLI writes it for this project: the v1 samples, or
    for a v2 project (cli.json) the v2 samples, behind the sandbox rule with an API key."""
    from amplify_mock.project.api_build import read_feature_flags
    from amplify_mock.project.transformer_version import transformer_version

    if transformer_version(read_feature_flags(project_root)) == 1:
        return SCHEMA_TEMPLATES[name]
    header = SANDBOX_HEADER if default_mode == "API_KEY" else ""
    return header + SCHEMA_TEMPLATES_V2[name]


_CUSTOM_RESOURCES = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "An auto-generated nested stack.",
    "Metadata": {},
    "Parameters": {
        "AppSyncApiId": {
            "Type": "String",
            "Description": "The id of the AppSync API associated with this project.",
        },
        "AppSyncApiName": {
            "Type": "String",
            "Description": "The name of the AppSync API",
            "Default": "AppSyncSimpleTransform",
        },
        "env": {
            "Type": "String",
            "Description": "The environment name. e.g. Dev, Test, or Production",
            "Default": "NONE",
        },
        "S3DeploymentBucket": {
            "Type": "String",
            "Description": "The S3 bucket containing all deployment assets for the project.",
        },
        "S3DeploymentRootKey": {
            "Type": "String",
            "Description": "An S3 key relative to the S3DeploymentBucket that points to the "
            "root of the deployment directory.",
        },
    },
    "Resources": {"EmptyResource": {"Type": "Custom::EmptyResource", "Condition": "AlwaysFalse"}},
    "Conditions": {
        "HasEnvironmentParameter": {"Fn::Not": [{"Fn::Equals": [{"Ref": "env"}, "NONE"]}]},
        "AlwaysFalse": {"Fn::Equals": ["true", "false"]},
    },
    "Outputs": {
        "EmptyOutput": {
            "Description": "An empty output. You may delete this if you have at least one "
            "resource above.",
            "Value": "",
        }
    },
}


@dataclass(frozen=True)
class AuthMode:
    """One authorization mode as the headless request gives it (`mode` plus its settings)."""

    mode: str
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AddApiRequest:
    api_name: str
    schema: str
    default_auth: AuthMode
    additional_auth: tuple[AuthMode, ...] = ()
    #: DataStore conflict detection (`serviceConfiguration.conflictResolution`)
    conflict_resolution: ConflictResolution = field(default_factory=ConflictResolution)


def _auth_mode(raw: Any, where: str) -> AuthMode:
    if not isinstance(raw, dict) or "mode" not in raw:
        raise HeadlessArgumentError("the add api request", f"{where} needs a 'mode'")
    mode = raw["mode"]
    if mode not in AUTH_MODES:
        raise HeadlessArgumentError(
            "the add api request",
            f"{where}.mode '{mode}' is not one of {', '.join(AUTH_MODES)}",
        )
    if mode == "OPENID_CONNECT":
        for key in ("openIDProviderName", "openIDIssuerURL"):
            if key not in raw:
                raise HeadlessArgumentError(
                    "the add api request", f"{where} needs '{key}' for OPENID_CONNECT"
                )
    if mode == "AWS_LAMBDA":
        _check_lambda_mode(raw, where)
    return AuthMode(mode, {k: v for k, v in raw.items() if k != "mode"})


def check_authorizer_ttl(value: object) -> str | None:
    """The authorizer cache TTL as the Amplify CLI records it (a string of 0-3600 seconds),
    or None when `value` is not a whole number of seconds in that range."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) > _MAX_AUTHORIZER_TTL:
        return None
    return text


def _check_lambda_mode(raw: dict[str, Any], where: str) -> None:
    function = raw.get("lambdaFunction")
    if not isinstance(function, str) or not function:
        raise HeadlessArgumentError(
            "the add api request", f"{where} needs 'lambdaFunction' for AWS_LAMBDA"
        )
    if "ttlSeconds" in raw:
        ttl = check_authorizer_ttl(raw["ttlSeconds"])
        if ttl is None:
            raise HeadlessArgumentError(
                "the add api request",
                f"{where}.ttlSeconds '{raw['ttlSeconds']}' is not a whole number of seconds "
                "from 0 to 3600",
            )
        raw["ttlSeconds"] = ttl


def parse_add_api_request(text: str) -> AddApiRequest:
    """The Amplify CLI's headless `AddApiRequest` JSON.

    :raises HeadlessArgumentError: malformed JSON or a missing/invalid key.
    """
    data = parse_json_object("the add api request", text)
    service = data.get("serviceConfiguration")
    if not isinstance(service, dict):
        raise HeadlessArgumentError(
            "the add api request", "missing required key 'serviceConfiguration'"
        )
    if service.get("serviceName", "AppSync") != "AppSync":
        raise HeadlessArgumentError(
            "the add api request", "only serviceName 'AppSync' (GraphQL) is supported"
        )
    for key in ("apiName", "transformSchema", "defaultAuthType"):
        if key not in service:
            raise HeadlessArgumentError(
                "the add api request", f"missing required key 'serviceConfiguration.{key}'"
            )
    additional = service.get("additionalAuthTypes") or []
    if not isinstance(additional, list):
        raise HeadlessArgumentError("the add api request", "'additionalAuthTypes' must be a list")
    return AddApiRequest(
        api_name=validate_resource_name(str(service["apiName"])),
        schema=str(service["transformSchema"]),
        default_auth=_auth_mode(service["defaultAuthType"], "defaultAuthType"),
        additional_auth=tuple(
            _auth_mode(item, f"additionalAuthTypes[{i}]") for i, item in enumerate(additional)
        ),
        conflict_resolution=parse_conflict_resolution(service.get("conflictResolution") or {}),
    )


def _auth_provider(mode: AuthMode, auth_resource: str | None) -> dict[str, Any]:
    """One entry of `output.authConfig`, as backend-config.json records it."""
    provider: dict[str, Any] = {"authenticationType": mode.mode}
    if mode.mode == "API_KEY":
        provider["apiKeyConfig"] = {
            "apiKeyExpirationDays": int(mode.settings.get("expirationTime", 7)),
            "description": str(mode.settings.get("keyDescription", "")),
        }
    elif mode.mode == "AMAZON_COGNITO_USER_POOLS":
        pool = mode.settings.get("cognitoUserPoolId") or f"auth{auth_resource}"
        provider["userPoolConfig"] = {"userPoolId": pool}
    elif mode.mode == "OPENID_CONNECT":
        config = {
            "name": mode.settings["openIDProviderName"],
            "issuerUrl": mode.settings["openIDIssuerURL"],
        }
        for source, target in (
            ("openIDClientID", "clientId"),
            ("openIDIatTTL", "iatTTL"),
            ("openIDAuthTTL", "authTTL"),
        ):
            if source in mode.settings:
                config[target] = mode.settings[source]
        provider["openIDConnectConfig"] = config
    elif mode.mode == "AWS_LAMBDA":
        provider["lambdaAuthorizerConfig"] = {
            "lambdaFunction": str(mode.settings["lambdaFunction"]),
            "ttlSeconds": str(mode.settings.get("ttlSeconds", DEFAULT_AUTHORIZER_TTL)),
        }
    return provider


def add_api(project: Project, request: AddApiRequest) -> str:
    """Add the API folder (schema, parameters, transform.conf.json, stacks/); returns its name.

    A Cognito mode without an explicit user pool adds (or reuses) the project's auth resource;
    an AWS_LAMBDA mode's function gets AppSync's invoke permission.

    :raises HeadlessArgumentError: more than one AWS_LAMBDA mode.
    :raises FunctionNotFoundError: an AWS_LAMBDA mode names a function the project lacks.
    :raises ResourceExistsError: an API of that name exists.
    """
    modes = (request.default_auth, *request.additional_auth)
    authorizers = [str(m.settings.get("lambdaFunction")) for m in modes if m.mode == "AWS_LAMBDA"]
    if len(authorizers) > 1:
        raise HeadlessArgumentError(
            "the add api request", "an API has at most one AWS_LAMBDA authorization mode"
        )
    for function in authorizers:
        require_function(project, function, "the AWS_LAMBDA mode's 'lambdaFunction'")
    auth_resource = None
    if any(
        m.mode == "AMAZON_COGNITO_USER_POOLS" and not m.settings.get("cognitoUserPoolId")
        for m in modes
    ):
        auth_resource = ensure_auth(project)
    auth_config = {
        "defaultAuthentication": _auth_provider(request.default_auth, auth_resource),
        "additionalAuthenticationProviders": [
            _auth_provider(m, auth_resource) for m in request.additional_auth
        ],
    }
    parameters: dict[str, Any] = {
        "AppSyncApiName": request.api_name,
        "DynamoDBBillingMode": "PAY_PER_REQUEST",
        "DynamoDBEnableServerSideEncryption": False,
    }
    depends_on = []
    if auth_resource is not None:
        parameters["AuthCognitoUserPoolId"] = {
            "Fn::GetAtt": [f"auth{auth_resource}", "Outputs.UserPoolId"]
        }
        depends_on.append(
            {"category": "auth", "resourceName": auth_resource, "attributes": ["UserPoolId"]}
        )
    cli_inputs = {
        "version": 1,
        "serviceConfiguration": {
            "apiName": request.api_name,
            "serviceName": "AppSync",
            "defaultAuthType": {"mode": request.default_auth.mode, **request.default_auth.settings},
            "additionalAuthTypes": [
                {"mode": m.mode, **m.settings} for m in request.additional_auth
            ],
        },
    }
    add_resource(
        project,
        "api",
        request.api_name,
        {
            "service": "AppSync",
            "providerPlugin": "awscloudformation",
            "dependsOn": depends_on,
            "output": {"authConfig": auth_config},
        },
        {
            "schema.graphql": request.schema,
            "parameters.json": parameters,
            "transform.conf.json": {"Version": 5, "ElasticsearchWarning": True},
            "cli-inputs.json": cli_inputs,
            "stacks/CustomResources.json": _CUSTOM_RESOURCES,
            "resolvers/README.md": (
                "Any resolvers that you add in this directory will override the ones "
                "automatically generated by Amplify CLI and will be directly copied to the "
                "cloud.\n"
            ),
        },
    )
    for function in authorizers:
        add_invoke_permission(project, function, _APPSYNC_PERMISSION, "appsync.amazonaws.com")
    if request.conflict_resolution.enabled:
        set_conflict_resolution(project, request.api_name, request.conflict_resolution)
    return request.api_name


def update_api_key(project: Project, name: str, *, expiration_days: int, description: str) -> None:
    """`amplify update api`: the API key's expiration and description (the API_KEY mode,
    default or additional), in backend-config.json's authConfig and cli-inputs.json.

    :raises ResourceNotFoundError: no such API.
    :raises InvalidOptionError: the API has no API_KEY mode, or the days are not 1-365.
    """
    config = project.backend_config()
    entry = (config.get("api") or {}).get(name)
    if entry is None:
        raise ResourceNotFoundError("api", name)
    if not 1 <= expiration_days <= 365:
        raise InvalidOptionError(
            "--api-key-expiration",
            f"{expiration_days} is not 1 to 365 days",
            "AppSync API keys expire after 1 to 365 days.",
        )
    auth = entry.get("output", {}).get("authConfig", {})
    providers = [auth.get("defaultAuthentication") or {}]
    providers += list(auth.get("additionalAuthenticationProviders") or [])
    keyed = [p for p in providers if p.get("authenticationType") == "API_KEY"]
    if not keyed:
        raise InvalidOptionError(
            "--api-key-expiration",
            f"the API '{name}' has no API_KEY authorization mode",
            "Add an API key mode first.",
        )
    for provider in keyed:
        provider["apiKeyConfig"] = {
            "apiKeyExpirationDays": expiration_days,
            "description": description,
        }
    project.write_backend_config(config)
    meta = project.amplify_meta()
    if name in (meta.get("api") or {}):
        meta["api"][name].setdefault("output", {})["authConfig"] = auth
        project.write_amplify_meta(meta)
    path = project.paths.resource_dir("api", name) / "cli-inputs.json"
    inputs = dict(read_json(path, default={}))
    service = inputs.get("serviceConfiguration") or {}
    for mode in [service.get("defaultAuthType") or {}, *(service.get("additionalAuthTypes") or [])]:
        if mode.get("mode") == "API_KEY":
            mode.update({"expirationTime": expiration_days, "keyDescription": description})
    if inputs:
        write_json(path, inputs)


def add_lambda_authorizer_function(project: Project, name: str) -> str:
    """A new Node.js function to be the API's Lambda authorizer (the CLI's "new function")."""
    return add_function(project, name, "nodejs", source=LAMBDA_AUTHORIZER_SOURCE)
