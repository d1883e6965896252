"""A Gen 2 backend definition: what a project's amplify/backend.ts defines, loaded by running
the project's own packages under Node, and its data schema compiled with the Gen 2 settings.

Contract (used by the `amplify mock` orchestration):

- `load_backend(project_root, *, node_modules=None) -> Gen2Backend`: one Node process
  (`node_step`, the only module that runs Node here) loads amplify/backend.ts and every file it
  imports; TypeScript is compiled file by file with the project's esbuild, so errors keep their
  .ts file:line:col. The project's own `@aws-amplify/data-schema` turns `a.schema({...})` into
  SDL, exactly what `defineData` hands the transformer. `@aws-amplify/backend` itself is not
  loaded (it loads aws-cdk-lib: 9-15 s on a busy 2-core machine): its define* functions are
  answered by a recorder and their props resolved here as the package resolves them (function
  name and entry defaults, authorization mode defaults). Blocking; ~0.5-1.5 s.
- `compile_data(backend, out_dir) -> BuildV2`: the data schema through the v2 transformer with
  the Gen 2 data construct's settings, written as a v2 build folder.

Errors: `Gen2Error` and its subclasses (`errors`): dependencies missing (names `npm install`),
source errors with file:line:col, definitions the construct refuses, Node failures.

Not emulated: CDK code in backend.ts (aws-cdk-lib and constructs are inert stand-ins, reported
in `Gen2Backend.not_emulated`), TypeScript type checking (esbuild strips types; syntax errors
are reported), SQL data sources, function schedules, custom CDK functions.
"""

from __future__ import annotations

from amplify_mock.gen2.compile import compile_data, data_transform_options
from amplify_mock.gen2.definition import (
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
from amplify_mock.gen2.errors import (
    Gen2DefinitionError,
    Gen2DependenciesMissing,
    Gen2Error,
    Gen2NodeError,
    Gen2SourceError,
)
from amplify_mock.gen2.loader import load_backend

__all__ = [
    "ApiKeyMode",
    "AuthDefinition",
    "AuthorizationModes",
    "DataDefinition",
    "FunctionDefinition",
    "FunctionSchemaAccess",
    "Gen2Backend",
    "Gen2DefinitionError",
    "Gen2DependenciesMissing",
    "Gen2Error",
    "Gen2NodeError",
    "Gen2SourceError",
    "JsHandler",
    "JsResolver",
    "LambdaAuthorizerMode",
    "OidcMode",
    "SecretRef",
    "StorageAccessRule",
    "StorageDefinition",
    "compile_data",
    "data_transform_options",
    "load_backend",
]
