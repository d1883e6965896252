"""Reads a transformer build directory into an `ApiConfig` through the CloudFormation evaluator."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from amplify_mock.cloud.cfn import (
    MOCK_API_KEY,
    EvaluatedResource,
    LocalResourceModel,
    PseudoParameters,
    evaluate_stack,
)
from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.appsync.auth_iam import read_iam_settings
from amplify_mock.simulators.appsync.config import (
    ApiConfig,
    AuthenticationType,
    AuthProvider,
    DataSourceSpec,
    DeltaSyncSpec,
    FunctionSpec,
    ResolverSpec,
    TableSpec,
    TemplateSpec,
)
from amplify_mock.simulators.appsync.field_mapping import is_field_mapping_function
from resolvers.js import JsCode, validate

__all__ = ["ApiBuildError", "load_api_config"]

LOG = logging.getLogger(__name__)

#: Resource types with no behaviour to emulate locally (permissions, the schema upload).
_NO_LOCAL_EFFECT = frozenset(
    {
        "AWS::IAM::Role",
        "AWS::AppSync::GraphQLSchema",
    }
)
_HANDLED = frozenset(
    {
        "AWS::AppSync::GraphQLApi",
        "AWS::AppSync::ApiKey",
        "AWS::AppSync::DataSource",
        "AWS::AppSync::Resolver",
        "AWS::AppSync::FunctionConfiguration",
        "AWS::DynamoDB::Table",
        "AWS::CloudFormation::Stack",
        "Custom::AmplifyDynamoDBTable",
        # read for the IAM callers' role policies (auth_iam)
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
    }
)
#: A DynamoDB table: CloudFormation's, or Gen 2's Amplify-managed table (a custom resource of
#: the table manager, its properties camelCased).
_TABLE_TYPES = frozenset({"AWS::DynamoDB::Table", "Custom::AmplifyDynamoDBTable"})
_IAM_POLICY_TYPES = frozenset({"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"})
_REPORTED: set[str] = set()
_ENV_SUFFIX = re.compile(r"-(NONE|\$\{env\})$")


class ApiBuildError(AmplifyMockError):
    """A build directory the local AppSync endpoint cannot serve."""

    def __init__(self, build_dir: Path, reason: str) -> None:
        super().__init__(
            f"Cannot load the API build in {build_dir}: {reason}",
            resolution="Fix the schema or template, then run `amplify mock api` again.",
        )
        self.build_dir = build_dir
        self.reason = reason


def _read_json(path: Path, build_dir: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ApiBuildError(build_dir, f"{path.name} is missing") from err
    except json.JSONDecodeError as err:
        raise ApiBuildError(build_dir, f"{path.name} is not valid JSON ({err})") from err


def load_api_config(
    build_dir: Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    api_key: str | None = None,
    pseudo: PseudoParameters | None = None,
) -> ApiConfig:
    """Evaluate `build_dir`'s root stack and nested stacks into the API the mock serves.

    `parameters` override `parameters.json`; `env` defaults to `NONE` as in `amplify mock`.
    Resource types the mock cannot emulate are listed in `unsupported_resource_types` and
    logged once per type.

    :raises ApiBuildError: a missing or unreadable file, or a template that does not evaluate.
    """
    root = _read_json(build_dir / "cloudformation-template.json", build_dir)
    params: dict[str, Any] = {"env": "NONE"}
    if (build_dir / "parameters.json").is_file():
        params.update(_read_json(build_dir / "parameters.json", build_dir))
    params.update(parameters or {})
    for name, spec in (root.get("Parameters") or {}).items():
        if name not in params and "Default" not in spec:
            params[name] = f"{name}-mock"
    nested: dict[str, Any] = {}
    stacks_dir = build_dir / "stacks"
    if stacks_dir.is_dir():
        for path in sorted(stacks_dir.glob("*.json")):
            nested[path.name] = _read_json(path, build_dir)
    nested.update(_cdk_nested_stacks(root, nested))
    try:
        schema_sdl = (build_dir / "schema.graphql").read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise ApiBuildError(build_dir, "schema.graphql is missing") from err
    key = api_key or MOCK_API_KEY
    try:
        stack = evaluate_stack(
            root,
            params,
            nested=nested,
            pseudo=pseudo,
            resource_model=LocalResourceModel(api_key=key),
        )
    except AmplifyMockError as err:
        raise ApiBuildError(build_dir, err.message) from err
    reader = _TemplateReader(build_dir, params)
    return _collect(list(stack.walk()), schema_sdl, reader, key)


#: A nested stack's logical id as the CDK names it (the v2 transformer): `<Name>NestedStack
#: <Name>NestedStackResource<hash>`, for the template `stacks/<Name>.json`.
_CDK_NESTED_STACK = re.compile(
    r"^(?P<name>[A-Za-z0-9]+)NestedStack(?P=name)NestedStackResource[0-9A-F]{8}$"
)


def _cdk_nested_stacks(root: Mapping[str, Any], files: Mapping[str, Any]) -> dict[str, Any]:
    """Logical id -> template for the nested stacks a v2 build's templates declare.

    The v2 transformer's root stack points at each nested stack by a CDK asset URL (a content
    hash), not by `stacks/<Name>.json` as v1 does; the logical id names the stack file.
    """
    # CDK drops the characters a logical id cannot hold: `Favorite_Books.json` is `FavoriteBooks`.
    by_id = {re.sub(r"[^A-Za-z0-9]", "", n.removesuffix(".json")): t for n, t in files.items()}
    found: dict[str, Any] = {}
    for template in (root, *files.values()):
        resources = template.get("Resources") if isinstance(template, Mapping) else None
        for logical_id, resource in (resources or {}).items():
            match = _CDK_NESTED_STACK.match(logical_id)
            if match is None or not isinstance(resource, Mapping):
                continue
            if resource.get("Type") != "AWS::CloudFormation::Stack":
                continue
            stack_file = by_id.get(match.group("name"))
            if stack_file is not None:
                found[logical_id] = stack_file
    return found


class _TemplateReader:
    """Reads mapping templates named by `*MappingTemplateS3Location` or given inline."""

    def __init__(self, build_dir: Path, params: Mapping[str, Any]) -> None:
        self.build_dir = build_dir
        self.params = params
        bucket, root_key = params.get("S3DeploymentBucket"), params.get("S3DeploymentRootKey")
        self.prefix = f"s3://{bucket}/{root_key}/"

    def read(self, properties: Mapping[str, Any], which: str) -> TemplateSpec | None:
        inline = properties.get(f"{which}MappingTemplate")
        if isinstance(inline, str):
            return TemplateSpec(inline, f"<inline {which} template>")
        location = properties.get(f"{which}MappingTemplateS3Location")
        if not isinstance(location, str):
            return None
        relative = self._relative(location)
        path = self.build_dir / relative
        try:
            return TemplateSpec(path.read_text(encoding="utf-8"), relative)
        except FileNotFoundError as err:
            raise ApiBuildError(self.build_dir, f"mapping template {relative} is missing") from err

    def read_code(self, properties: Mapping[str, Any], owner: str) -> JsCode | None:
        """The APPSYNC_JS code of a resolver or function (`Code` or `CodeS3Location`), checked
        as AppSync checks it on deploy.

        :raises ApiBuildError: another runtime, a missing file, or code AppSync would reject
            (`file:line:col: message`).
        """
        runtime = properties.get("Runtime")
        if runtime is None:
            return None
        name = runtime.get("Name") if isinstance(runtime, Mapping) else None
        version = runtime.get("RuntimeVersion") if isinstance(runtime, Mapping) else None
        if name != "APPSYNC_JS" or version != "1.0.0":
            raise ApiBuildError(
                self.build_dir,
                f"{owner} uses runtime {name} {version}; only APPSYNC_JS 1.0.0 is supported",
            )
        inline = properties.get("Code")
        if isinstance(inline, str):
            code = JsCode(inline, f"{owner} (inline Code)")
        else:
            location = properties.get("CodeS3Location")
            if not isinstance(location, str):
                raise ApiBuildError(self.build_dir, f"{owner} has neither Code nor CodeS3Location")
            relative = self._relative(location)
            try:
                code = JsCode((self.build_dir / relative).read_text(encoding="utf-8"), relative)
            except FileNotFoundError as err:
                raise ApiBuildError(self.build_dir, f"code file {relative} is missing") from err
        issues = validate(code)
        if issues:
            first = issues[0]
            raise ApiBuildError(
                self.build_dir, f"{code.file_name}:{first.line}:{first.column}: {first.message}"
            )
        return code

    def _relative(self, location: str) -> str:
        if location.startswith(self.prefix):
            return location[len(self.prefix) :]
        match = re.search(r"(resolvers|pipelineFunctions)/[^/]+$", location)
        if match is None:
            raise ApiBuildError(self.build_dir, f"cannot find mapping template {location!r}")
        return match.group(0)


def _auth_provider(props: Mapping[str, Any]) -> AuthProvider:
    mode = AuthenticationType(props["AuthenticationType"])
    pool = props.get("UserPoolConfig") or {}
    oidc = props.get("OpenIDConnectConfig") or {}
    lam = props.get("LambdaAuthorizerConfig") or {}
    uri = lam.get("AuthorizerUri")
    return AuthProvider(
        authentication_type=mode,
        user_pool_id=pool.get("UserPoolId"),
        oidc_issuer=oidc.get("Issuer"),
        oidc_client_id=oidc.get("ClientId"),
        lambda_function_name=_function_name(uri) if isinstance(uri, str) else None,
        lambda_result_ttl=lam.get("AuthorizerResultTtlInSeconds"),
        lambda_identity_validation_expression=lam.get("IdentityValidationExpression"),
    )


def _function_name(arn: str) -> str:
    """`arn:...:function:wordCount-NONE` -> `wordCount` (the project's function folder)."""
    name = arn.split(":function:", 1)[-1].split(":")[0]
    return _ENV_SUFFIX.sub("", name)


def _collect(
    resources: list[EvaluatedResource], schema_sdl: str, reader: _TemplateReader, key: str
) -> ApiConfig:
    api: EvaluatedResource | None = None
    has_key = False
    tables: list[TableSpec] = []
    table_names: dict[str, str] = {}
    unsupported: list[str] = []
    for res in resources:
        if res.type == "AWS::AppSync::GraphQLApi":
            api = res
        elif res.type == "AWS::AppSync::ApiKey":
            has_key = True
        elif res.type in _TABLE_TYPES:
            props = (
                res.properties
                if res.type == "AWS::DynamoDB::Table"
                else _pascal_case(res.properties)
            )
            stream = props.get("StreamSpecification") or {}
            tables.append(
                TableSpec(
                    name=res.logical_id,
                    key_schema=tuple(props.get("KeySchema") or ()),
                    attribute_definitions=tuple(props.get("AttributeDefinitions") or ()),
                    global_secondary_indexes=tuple(props.get("GlobalSecondaryIndexes") or ()),
                    local_secondary_indexes=tuple(props.get("LocalSecondaryIndexes") or ()),
                    stream_view_type=stream.get("StreamViewType"),
                )
            )
            table_names[str(props.get("TableName", res.logical_id))] = res.logical_id
            table_names[res.logical_id] = res.logical_id
        elif res.type == "AWS::Lambda::Function" and is_field_mapping_function(res.properties):
            continue  # run in process (field_mapping.py)
        elif _is_table_manager(res):
            continue  # Gen 2: creates the managed tables in the cloud; the mock creates them
        elif res.type not in _HANDLED | _NO_LOCAL_EFFECT and res.type not in unsupported:
            unsupported.append(res.type)
    if api is None:
        raise ApiBuildError(reader.build_dir, "no AWS::AppSync::GraphQLApi resource")
    for type_name in unsupported:
        if type_name not in _REPORTED:
            _REPORTED.add(type_name)
            LOG.warning("Mock does not handle CloudFormation resource of type %s", type_name)

    data_sources: list[DataSourceSpec] = []
    functions: dict[str, FunctionSpec] = {}
    for res in resources:
        props = res.properties
        if res.type == "AWS::AppSync::DataSource":
            ddb = props.get("DynamoDBConfig") or {}
            lam = props.get("LambdaConfig") or {}
            table = ddb.get("TableName")
            arn = lam.get("LambdaFunctionArn")
            data_sources.append(
                DataSourceSpec(
                    name=str(props["Name"]),
                    type=str(props["Type"]),
                    table_name=table_names.get(str(table), str(table)) if table else None,
                    function_name=_function_name(arn) if isinstance(arn, str) else None,
                    properties=dict(props),
                    delta_sync=_delta_sync(ddb, table_names),
                )
            )
        elif res.type == "AWS::AppSync::FunctionConfiguration":
            name = str(props["Name"])
            functions[name] = FunctionSpec(
                name=name,
                data_source=props.get("DataSourceName"),
                request_template=reader.read(props, "Request"),
                response_template=reader.read(props, "Response"),
                code=reader.read_code(props, f"Function {name}"),
                sync_config=_sync_config(props),
            )
    resolvers: list[ResolverSpec] = []
    for res in resources:
        if res.type != "AWS::AppSync::Resolver":
            continue
        props = res.properties
        kind: Literal["UNIT", "PIPELINE"] = (
            "PIPELINE" if props.get("Kind") == "PIPELINE" else "UNIT"
        )
        pipeline: list[FunctionSpec] = []
        for function_id in (props.get("PipelineConfig") or {}).get("Functions") or ():
            if function_id not in functions:
                raise ApiBuildError(
                    reader.build_dir,
                    f"resolver {props.get('TypeName')}.{props.get('FieldName')} uses an "
                    f"unknown pipeline function {function_id!r}",
                )
            pipeline.append(functions[function_id])
        resolvers.append(
            ResolverSpec(
                type_name=str(props["TypeName"]),
                field_name=str(props["FieldName"]),
                kind=kind,
                data_source=props.get("DataSourceName") if kind == "UNIT" else None,
                request_template=reader.read(props, "Request"),
                response_template=reader.read(props, "Response"),
                functions=tuple(pipeline),
                code=reader.read_code(
                    props, f"Resolver {props.get('TypeName')}.{props.get('FieldName')}"
                ),
                sync_config=_sync_config(props),
            )
        )
    iam = read_iam_settings(
        (r.properties for r in resources if r.type in _IAM_POLICY_TYPES),
        (
            r.request_template.text
            for r in resolvers
            if r.kind == "PIPELINE" and r.request_template is not None
        ),
        auth_role_name=reader.params.get("authRoleName"),
        unauth_role_name=reader.params.get("unauthRoleName"),
    )
    api_props = api.properties
    default_auth = _auth_provider(api_props)
    additional_auth = tuple(
        _auth_provider(p) for p in api_props.get("AdditionalAuthenticationProviders") or ()
    )
    uses_key = any(
        p.authentication_type is AuthenticationType.API_KEY
        for p in (default_auth, *additional_auth)
    )
    return ApiConfig(
        name=str(api_props.get("Name", "AppSyncSimulator")),
        schema_sdl=schema_sdl,
        default_auth=default_auth,
        additional_auth=additional_auth,
        api_key=key if (has_key or uses_key) else None,
        data_sources=tuple(data_sources),
        resolvers=tuple(resolvers),
        functions=tuple(functions.values()),
        tables=tuple(tables),
        unsupported_resource_types=tuple(unsupported),
        query_depth_limit=_int_property(api_props, "QueryDepthLimit"),
        resolver_count_limit=_int_property(api_props, "ResolverCountLimit"),
        iam=iam,
    )


def _is_table_manager(res: EvaluatedResource) -> bool:
    """A resource of Gen 2's AmplifyTableManager stack (the managed tables' provider)."""
    if res.type == "AWS::StepFunctions::StateMachine":
        return "framework-isComplete-task" in json.dumps(res.properties)
    handler = res.properties.get("Handler") if res.type == "AWS::Lambda::Function" else None
    return isinstance(handler, str) and handler.startswith("amplify-table-manager-handler.")


def _pascal_case(value: Any) -> Any:
    """The table manager's camelCase properties (`keySchema`, `attributeName`) as
    `AWS::DynamoDB::Table` spells them."""
    if isinstance(value, Mapping):
        return {k[:1].upper() + k[1:]: _pascal_case(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pascal_case(v) for v in value]
    return value


def _sync_config(props: Mapping[str, Any]) -> dict[str, Any] | None:
    """A resolver's or function's `SyncConfig` (conflict detection and handler), if any."""
    sync = props.get("SyncConfig")
    return dict(sync) if isinstance(sync, Mapping) else None


def _delta_sync(ddb: Mapping[str, Any], table_names: Mapping[str, str]) -> DeltaSyncSpec | None:
    """A versioned DynamoDB data source's delta sync settings; its delta table is named by
    the logical id of the build's `AWS::DynamoDB::Table` (AmplifyDataStore) like every table."""
    if ddb.get("Versioned") not in (True, "true", "True"):
        return None
    config = ddb.get("DeltaSyncConfig") or {}
    table = config.get("DeltaSyncTableName")
    return DeltaSyncSpec(
        table_name=table_names.get(str(table), str(table)) if table else None,
        base_table_ttl=_int_property(config, "BaseTableTTL") or 43200,
        delta_sync_table_ttl=_int_property(config, "DeltaSyncTableTTL") or 30,
    )


def _int_property(props: Mapping[str, Any], name: str) -> int:
    """An integer property (a CloudFormation number may arrive as a string); 0 when unset."""
    value = props.get(name)
    try:
        return int(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else 0
    except ValueError:
        return 0
