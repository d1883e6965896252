"""`amplify api gql-compile` for a GraphQL Transformer v2 project: the CLI's inputs mapped to
the v2 transformer's parameters, the project's resolver overrides and slots, custom stacks.

Inputs, as the Gen 1 CLI maps them:
- `graphqltransformer` feature flags (cli.json; an absent flag takes the CLI's default for
  existing projects) -> transform parameters (secondaryKeyAsGSI, enableAutoIndexQueryNames,
  respectPrimaryKeyAttributesOnConnectionField, shouldDeepMergeDirectiveConfigDefaults,
  useSubUsernameForDefaultIdentityClaim, populateOwnerFieldForStaticGroupAuth,
  subscriptionsInheritPrimaryAuth);
- `transform.conf.json` `DisableResolverDeduping` and `ResolverConfig`;
- `parameters.json` `CreateAPIKey` (0/false: no API key) and `DynamoDBBillingMode` (the
  stacks' parameter value, passed at deploy time through build/parameters.json);
- the schema's `input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }` (sandbox mode);
- the API's auth modes from backend-config.json;
- `resolvers/*.vtl`: a file named like a generated template replaces it; a slot file
  (`Query.getPost.preAuth.1.req.vtl`) is added at its slot, or replaces the slot entry of the
  same name;
- `stacks/*.json`: nested in the root stack (`stacks/<Name>.json`), given the root's
  `AppSyncApiId`, `AppSyncApiName`, `env`, `S3DeploymentBucket`, `S3DeploymentRootKey`
  when they declare them.

The build is written in the layout of the real transformer's output (the v2 golden cases):
schema.graphql, resolvers/, stacks/<Name>.json, cloudformation-template.json, parameters.json.

`ResolverConfig` (DataStore conflict detection) turns on the sync query, versioned data
sources and the delta sync table.

Not emulated: `override.ts` (reported as not applied, assignment by assignment, by
api_override.py), custom transformers in
transform.conf.json.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from amplify_mock.project.api_build import (
    ApiSchemaError,
    BuildResult,
    SchemaSource,
    _build_parameters,
    _read_custom_stacks,
    read_auth_config,
    read_transform_config,
)
from amplify_mock.project.api_override import describe_override
from amplify_mock.project.transformer_version import (
    TransformerVersionError,
    transformer_version,
    truthy,
)
from transformer import TransformerError
from transformer.v2 import BuildV2, SynthParameters, TransformParameters, V2Config
from transformer.v2 import transform as transform_v2
from transformer.v2.cdk import make_unique_id

__all__ = [
    "EXISTING_PROJECT_FLAGS",
    "TransformerVersionError",
    "auth_settings",
    "compile_v2",
    "transform_parameters",
    "transformer_version",
    "write_build_v2",
]

LOG = logging.getLogger(__name__)

#: graphqltransformer flag (lower case) -> (transform parameter, default for existing projects)
EXISTING_PROJECT_FLAGS: dict[str, tuple[str, bool]] = {
    "secondarykeyasgsi": ("secondaryKeyAsGSI", False),
    "enableautoindexquerynames": ("enableAutoIndexQueryNames", False),
    "respectprimarykeyattributesonconnectionfield": (
        "respectPrimaryKeyAttributesOnConnectionField",
        False,
    ),
    "shoulddeepmergedirectiveconfigdefaults": ("shouldDeepMergeDirectiveConfigDefaults", False),
    "usesubusernamefordefaultidentityclaim": ("useSubUsernameForDefaultIdentityClaim", True),
    "populateownerfieldforstaticgroupauth": ("populateOwnerFieldForStaticGroupAuth", False),
    "subscriptionsinheritprimaryauth": ("subscriptionsInheritPrimaryAuth", False),
}
_AUTH_NAMES = {
    "API_KEY": "apiKey",
    "AMAZON_COGNITO_USER_POOLS": "userPools",
    "AWS_IAM": "iam",
    "OPENID_CONNECT": "oidc",
    "AWS_LAMBDA": "lambda",
}


def transform_parameters(
    flags: Mapping[str, Any],
    transform_conf: Mapping[str, Any],
    parameters: Mapping[str, Any],
) -> tuple[TransformParameters, frozenset[str]]:
    """The transform parameters and the names set explicitly (sandbox mode stays derived
    from the schema)."""
    values: dict[str, Any] = {}
    for flag, (name, default) in EXISTING_PROJECT_FLAGS.items():
        values[name] = truthy(flags[flag]) if flag in flags else default
    values["disableResolverDeduping"] = truthy(transform_conf.get("DisableResolverDeduping"))
    values["suppressApiKeyGeneration"] = parameters.get("CreateAPIKey") in (0, "0", False, "false")
    return TransformParameters().merged(values), frozenset(values)


def auth_settings(auth: Mapping[str, Any]) -> dict[str, Any]:
    """V2Config keyword arguments from a CLI authConfig (default + additional providers)."""
    providers = [auth.get("defaultAuthentication") or {}]
    providers += list(auth.get("additionalAuthenticationProviders") or [])
    modes: list[str] = []
    settings: dict[str, Any] = {}
    for provider in providers:
        kind = provider.get("authenticationType")
        if kind not in _AUTH_NAMES:
            raise TransformerError(f"Invalid auth mode {kind}")
        modes.append(_AUTH_NAMES[kind])
        if kind == "API_KEY":
            key = provider.get("apiKeyConfig") or {}
            settings["api_key_expiration_days"] = int(key.get("apiKeyExpirationDays") or 7)
            settings["api_key_description"] = key.get("description") or None
        elif kind == "OPENID_CONNECT":
            settings["oidc"] = dict(provider.get("openIDConnectConfig") or {})
        elif kind == "AWS_LAMBDA":
            settings["lambda_authorizer"] = dict(provider.get("lambdaAuthorizerConfig") or {})
    settings["auth_modes"] = tuple(modes)
    return settings


def user_resolvers(api_dir: Path) -> dict[str, str]:
    folder = api_dir / "resolvers"
    if not folder.is_dir():
        return {}
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".")
    }


def build_v2(
    schema: str,
    *,
    api_name: str,
    flags: Mapping[str, Any],
    transform_conf: Mapping[str, Any],
    parameters: Mapping[str, Any],
    auth: Mapping[str, Any],
    api_dir: Path,
    now: datetime | None = None,
) -> BuildV2:
    """Run the v2 transformer as the Gen 1 CLI configures it for this API folder.

    :raises TransformerError: invalid schema, directive misuse, unsupported configuration.
    """
    transform_parameters_, explicit = transform_parameters(flags, transform_conf, parameters)
    resolver_config = transform_conf.get("ResolverConfig") or None
    if (api_dir / "override.ts").is_file():
        LOG.warning("%s", describe_override(api_dir / "override.ts", api_dir.parents[3]))
    config = V2Config(
        parameters=transform_parameters_,
        synth=SynthParameters(apiName=str(parameters.get("AppSyncApiName") or api_name)),
        resolver_config=resolver_config,
        now=now,
        user_resolvers=user_resolvers(api_dir),
        explicit=explicit - {"sandboxModeEnabled"},
        **auth_settings(auth),
    )
    return transform_v2(schema, config)


def _custom_stack_parameters(
    template: Mapping[str, Any], api_name: str, build_parameters: Mapping[str, Any]
) -> dict[str, Any]:
    available: dict[str, Any] = {
        "AppSyncApiId": {"Fn::GetAtt": ["GraphQLAPI6B828544", "ApiId"]},
        "AppSyncApiName": api_name,
        "env": "NONE",
        "S3DeploymentBucket": build_parameters.get("S3DeploymentBucket"),
        "S3DeploymentRootKey": build_parameters.get("S3DeploymentRootKey"),
    }
    declared = template.get("Parameters") or {}
    return {name: available[name] for name in declared if name in available}


def write_build_v2(
    build: BuildV2,
    build_dir: Path,
    parameters: Mapping[str, Any],
    custom_stacks: Mapping[str, dict[str, Any]],
    api_name: str,
) -> None:
    """Empty `build_dir`, then write the build, the custom stacks nested in the root stack,
    and parameters.json."""
    if build_dir.exists():
        shutil.rmtree(build_dir)
    root = json.loads(json.dumps(build.root_stack))
    resources = root.setdefault("Resources", {})
    stacks = dict(build.stacks)
    for file_name, template in custom_stacks.items():
        name = Path(file_name).stem
        logical_id = make_unique_id([f"{name}.NestedStack", f"{name}.NestedStackResource"])
        resources[logical_id] = {
            "Type": "AWS::CloudFormation::Stack",
            "Properties": {
                "Parameters": _custom_stack_parameters(template, api_name, parameters),
                "TemplateURL": f"stacks/{file_name}",
            },
            "DependsOn": sorted(
                key
                for key, value in resources.items()
                if value.get("Type")
                in ("AWS::CloudFormation::Stack", "AWS::AppSync::GraphQLSchema")
            ),
        }
        stacks[name] = template
    final = BuildV2(build.schema, build.resolvers, root, stacks)
    final.write(build_dir)
    (build_dir / "parameters.json").write_text(
        json.dumps(dict(parameters), indent=4, ensure_ascii=False), encoding="utf-8"
    )


def compile_v2(
    project_root: Path,
    name: str,
    api_dir: Path,
    schema: SchemaSource,
    flags: Mapping[str, Any],
    now: datetime | None,
) -> BuildResult:
    """The v2 half of `api_build.compile_api`: build, write, and describe the result."""
    auth = read_auth_config(project_root, name)
    parameters = _build_parameters(project_root, api_dir)
    try:
        build = build_v2(
            schema.text,
            api_name=name,
            flags=flags,
            transform_conf=read_transform_config(api_dir),
            parameters=parameters,
            auth=auth,
            api_dir=api_dir,
            now=now,
        )
    except TransformerError as err:
        file, line, column = schema.locate(err.line, err.column)
        raise ApiSchemaError(err.message, file=file, line=line, column=column) from err
    build_dir = api_dir / "build"
    write_build_v2(build, build_dir, parameters, _read_custom_stacks(api_dir), name)
    return BuildResult(
        api_name=name,
        api_dir=api_dir,
        build_dir=build_dir,
        resources=None,
        config=None,
        parameters=parameters,
        schema=schema,
        auth_config=auth,
        transformer_version=2,
    )
