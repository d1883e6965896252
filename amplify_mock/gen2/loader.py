"""`load_backend`: a Gen 2 project's amplify/backend.ts -> a typed `Gen2Backend`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from amplify_mock.gen2.definition import (
    AUTHORIZATION_MODE_TYPES,
    ApiKeyMode,
    AuthDefinition,
    AuthorizationModes,
    DataDefinition,
    FunctionDefinition,
    FunctionSchemaAccess,
    Gen2Backend,
    JsHandler,
    JsResolver,
    LambdaAuthorizerMode,
    OidcMode,
    SecretRef,
    StorageAccessRule,
    StorageDefinition,
)
from amplify_mock.gen2.errors import Gen2DefinitionError
from amplify_mock.gen2.node_step import run_loader

__all__ = ["load_backend", "resolve_authorization_modes"]


def load_backend(project_root: Path, *, node_modules: Path | None = None) -> Gen2Backend:
    """Run the project's amplify/backend.ts (one Node process) and type what it defines.

    `node_modules` is where packages resolve from when not the project's own folder.
    Blocking: call it with `asyncio.to_thread` from the event loop.

    :raises amplify_mock.gen2.errors.Gen2Error: see `node_step.run_loader`, plus a
        `Gen2DefinitionError` for authorization modes the data construct refuses.
    """
    root = project_root.resolve()
    raw = run_loader(root, node_modules.resolve() if node_modules else None)
    auth = _auth(raw["auth"][0]) if raw["auth"] else None
    data = _data(raw["data"][0], has_auth=auth is not None) if raw["data"] else None
    not_emulated = [
        f"CDK code in amplify/backend.ts ({name} is replaced by an inert stand-in)"
        for name in raw["cdkImports"]
    ]
    if data and data.sql_engines:
        not_emulated.append(f"SQL data sources ({', '.join(data.sql_engines)})")
    functions = tuple(_function(f) for f in raw["functions"])
    not_emulated += [f"schedule of function {f.name}" for f in functions if f.schedule]
    not_emulated += [f"custom CDK function {f.name}" for f in functions if f.custom_provider]
    return Gen2Backend(
        project_root=root,
        resources=dict(raw["resources"]),
        data=data,
        auth=auth,
        storage=tuple(_storage(s) for s in raw["storage"]),
        functions=functions,
        source_files=tuple(Path(p) for p in raw["sourceFiles"]),
        not_emulated=tuple(not_emulated),
        data_schema_version=raw.get("dataSchemaVersion"),
        node_ms=int(raw.get("nodeMs") or 0),
    )


def resolve_authorization_modes(
    modes: Mapping[str, Any] | None, *, has_auth: bool
) -> AuthorizationModes:
    """defineData's `authorizationModes` as the data construct applies them: the default is
    computed when not given (API key with neither modes nor auth, user pool with auth and no
    modes, else the single mode given); an API key exists when configured or default; user
    pool and identity pool come with defineAuth; IAM is always on.

    :raises Gen2DefinitionError: several modes and no `defaultAuthorizationMode`.
    """
    sandbox = modes is None and not has_auth
    given = {k: v for k, v in (modes or {}).items() if v is not None}
    default_name = given.get("defaultAuthorizationMode")
    if default_name is None:
        default_name = _computed_default(given, modes is None, has_auth)
    default = AUTHORIZATION_MODE_TYPES.get(str(default_name))
    if default is None:
        raise Gen2DefinitionError(f"unknown defaultAuthorizationMode {default_name!r}")
    api_key_props = given.get("apiKeyAuthorizationMode")
    api_key: ApiKeyMode | None = None
    if api_key_props is not None or default == "API_KEY" or sandbox:
        props = api_key_props or {}
        api_key = ApiKeyMode(int(props.get("expiresInDays", 7)), props.get("description"))
    oidc_props = given.get("oidcAuthorizationMode")
    lambda_props = given.get("lambdaAuthorizationMode")
    return AuthorizationModes(
        default=default,
        api_key=api_key,
        user_pool=has_auth,
        iam=True,
        oidc=OidcMode(
            provider_name=oidc_props["oidcProviderName"],
            issuer_url=oidc_props["oidcIssuerUrl"],
            client_id=oidc_props.get("clientId"),
            token_expiry_from_auth_seconds=oidc_props.get("tokenExpiryFromAuthInSeconds"),
            token_expire_from_issue_seconds=oidc_props.get("tokenExpireFromIssueInSeconds"),
        )
        if oidc_props
        else None,
        lambda_authorizer=LambdaAuthorizerMode(
            lambda_props.get("function"), int(lambda_props.get("timeToLiveInSeconds", 60))
        )
        if lambda_props
        else None,
        sandbox=sandbox,
    )


def _computed_default(given: Mapping[str, Any], no_modes: bool, has_auth: bool) -> str:
    if no_modes and not has_auth:
        return "apiKey"
    if has_auth and no_modes:
        return "userPool"
    if not has_auth and len(given) == 1:
        for key, name in (
            ("oidcAuthorizationMode", "oidc"),
            ("lambdaAuthorizationMode", "lambda"),
            ("apiKeyAuthorizationMode", "apiKey"),
        ):
            if key in given:
                return name
    raise Gen2DefinitionError(
        "A defaultAuthorizationMode is required if multiple authorization modes are configured",
        "When calling 'defineData' specify 'authorizationModes.defaultAuthorizationMode'",
    )


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _data(raw: Mapping[str, Any], *, has_auth: bool) -> DataDefinition:
    return DataDefinition(
        name=raw["name"],
        schema=raw["schema"],
        authorization_modes=resolve_authorization_modes(
            raw["authorizationModes"], has_auth=has_auth
        ),
        js_resolvers=tuple(
            JsResolver(
                r["typeName"],
                r["fieldName"],
                tuple(JsHandler(Path(h["entry"]), h["dataSource"]) for h in r["handlers"]),
            )
            for r in raw["jsResolvers"]
        ),
        function_handlers=dict(raw["functionHandlers"]),
        function_schema_access=tuple(
            FunctionSchemaAccess(a["function"], tuple(a["actions"]))
            for a in raw["functionSchemaAccess"]
        ),
        sql_engines=tuple(raw["sqlEngines"]),
        defined_in=_path(raw.get("definedIn")),
    )


def _function(raw: Mapping[str, Any]) -> FunctionDefinition:
    environment: dict[str, str | SecretRef] = {
        key: SecretRef(value["secret"]) if isinstance(value, dict) else str(value)
        for key, value in raw["environment"].items()
    }
    return FunctionDefinition(
        name=raw["name"],
        entry=_path(raw["entry"]),
        defined_in=_path(raw.get("definedIn")),
        environment=environment,
        timeout_seconds=int(raw["timeoutSeconds"]),
        memory_mb=int(raw["memoryMB"]),
        runtime=int(raw["runtime"]),
        schedule=tuple(str(s) for s in raw["schedule"]),
        resource_group_name=raw["resourceGroupName"],
        custom_provider=bool(raw["customProvider"]),
    )


def _auth(raw: Mapping[str, Any]) -> AuthDefinition:
    return AuthDefinition(
        login_with=tuple(raw["loginWith"]),
        groups=tuple(raw["groups"]),
        user_attributes=dict(raw["userAttributes"]),
        external_providers=tuple(raw["externalProviders"]),
        multifactor=raw.get("multifactor"),
        triggers=dict(raw["triggers"]),
        referenced=bool(raw["referenced"]),
        name=raw.get("name"),
        defined_in=_path(raw.get("definedIn")),
    )


def _storage(raw: Mapping[str, Any]) -> StorageDefinition:
    return StorageDefinition(
        name=raw.get("name"),
        is_default=bool(raw["isDefault"]),
        access={
            prefix: tuple(
                StorageAccessRule(
                    principal=rule["principal"],
                    actions=tuple(rule["actions"]),
                    groups=tuple(rule.get("groups") or ()),
                    entity=rule.get("entity"),
                    function=rule.get("function"),
                )
                for rule in rules
            )
            for prefix, rules in raw["access"].items()
        },
        triggers=dict(raw["triggers"]),
        defined_in=_path(raw.get("definedIn")),
    )
