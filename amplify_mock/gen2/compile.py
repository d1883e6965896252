"""`compile_data`: a Gen 2 backend's data schema through the v2 transformer (2.x line) with the
settings the Gen 2 data construct gives it, written as a v2 build folder.

The construct's settings: its default translation behavior plus what `defineData` adds
(`allowGen1Patterns: false`, `sandboxModeEnabled` when neither authorization modes nor
defineAuth are given, destructive schema updates allowed), no resolver deduplication,
Amplify-managed tables, IAM always on (and IAM access in the resolvers' synth parameters).
The identity pool, its roles and the user pool id are the mock's fixed values.

Not emulated: custom handlers' pipeline resolvers (`a.handler.custom`) are attached by the
orchestration from `DataDefinition.js_resolvers`, not written into this build.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from amplify_mock.gen2.definition import AuthorizationModes, DataDefinition, Gen2Backend
from amplify_mock.gen2.errors import Gen2DefinitionError
from transformer import TransformerError
from transformer.v2 import BuildV2, SynthParameters, V2Config
from transformer.v2 import transform as transform_v2
from transformer.v2.config import AUTH_MODE_TYPES

__all__ = ["compile_data", "data_transform_options"]

_SHORT_NAMES = {kind: short for short, kind in AUTH_MODE_TYPES.items()}


def data_transform_options(data: DataDefinition) -> dict[str, Any]:
    """How the v2 transformer runs for this data definition, in a golden case's options.json
    form (`authModes` short names, the parameters set on top of the Gen 2 defaults, `line`)."""
    modes = data.authorization_modes
    parameters: dict[str, Any] = {"allowDestructiveGraphqlSchemaUpdates": True}
    if modes.sandbox:
        parameters["sandboxModeEnabled"] = True
    return {
        "authModes": [_SHORT_NAMES[kind] for kind in modes.types],
        "transformParameters": parameters,
        # the construct always enables IAM access (`iamConfig.enableIamAuthorizationMode`)
        "synthParameters": {"enableIamAccess": True},
        "line": "gen2",
    }


def _config(data: DataDefinition, now: datetime | None, api_name: str) -> V2Config:
    options = data_transform_options(data)
    modes: AuthorizationModes = data.authorization_modes
    extra: dict[str, Any] = {}
    if modes.api_key is not None:
        extra["api_key_expiration_days"] = modes.api_key.expires_in_days
        extra["api_key_description"] = modes.api_key.description
    if modes.oidc is not None:
        extra["oidc"] = {
            "name": modes.oidc.provider_name,
            "issuerUrl": modes.oidc.issuer_url,
            **({"clientId": modes.oidc.client_id} if modes.oidc.client_id else {}),
        }
    if modes.lambda_authorizer is not None:
        extra["lambda_authorizer"] = {
            "lambdaFunction": modes.lambda_authorizer.function or "authorizer",
            "ttlSeconds": modes.lambda_authorizer.ttl_seconds,
        }
    synth = SynthParameters(apiName=api_name, enableIamAccess=True)
    return V2Config.from_options(options, synth=synth, now=now, **extra)


def compile_data(
    backend: Gen2Backend,
    out_dir: Path,
    *,
    now: datetime | None = None,
    api_name: str | None = None,
) -> BuildV2:
    """Transform `backend.data` and write the build into `out_dir` (emptied first). The API is
    named after the data resource (`amplifyData` by default) unless `api_name` is given.

    :raises Gen2DefinitionError: the backend has no defineData, or the schema is invalid for
        the transformer (its message, as `ampx` would print it).
    """
    data = backend.data
    if data is None:
        raise Gen2DefinitionError(
            f"{backend.project_root} defines no data (defineData) to serve",
            "Add amplify/data/resource.ts with defineData and pass it to defineBackend.",
        )
    try:
        build = transform_v2(data.schema, _config(data, now, api_name or data.name))
    except TransformerError as err:
        raise Gen2DefinitionError(f"{data.defined_in or 'the data schema'}: {err}") from err
    if out_dir.exists():
        shutil.rmtree(out_dir)
    build.write(out_dir)
    return build
