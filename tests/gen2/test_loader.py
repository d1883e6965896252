"""load_backend: a Gen 2 project's amplify/backend.ts run by Node, typed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from amplify_mock.gen2 import (
    ApiKeyMode,
    AuthorizationModes,
    FunctionDefinition,
    Gen2DefinitionError,
    Gen2DependenciesMissing,
    Gen2SourceError,
    JsHandler,
    JsResolver,
    LambdaAuthorizerMode,
    OidcMode,
    SecretRef,
    StorageAccessRule,
    load_backend,
)
from amplify_mock.gen2.loader import resolve_authorization_modes
from tests.gen2.conftest import PROJECTS

FULL = PROJECTS / "full"

FULL_SDL = """type Todo @model @auth(rules: [{allow: owner, ownerField: "owner"}])
{
  content: String
  done: Boolean
}

type Mutation {
  addTodo(content: String): Todo @aws_cognito_user_pools
}

type Query {
  sayHello(name: String): String @function(name: "FnSayHello") @auth(rules: [{allow: private}])
}"""


def write_project(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


DATA_ONLY_BACKEND = (
    "import { defineBackend } from '@aws-amplify/backend';\n"
    "import { data } from './data/resource';\n"
    "defineBackend({ data });\n"
)


def test_load_backend_full_project_data(node_modules: Path) -> None:
    backend = load_backend(FULL, node_modules=node_modules)
    assert backend.resources == {
        "auth": "auth",
        "data": "data",
        "storage": "storage",
        "sayHello": "function",
    }
    data = backend.data
    assert data is not None
    assert data.name == "amplifyData"
    assert data.schema == FULL_SDL
    assert data.authorization_modes == AuthorizationModes(
        default="AMAZON_COGNITO_USER_POOLS", api_key=ApiKeyMode(30), user_pool=True, iam=True
    )
    assert data.authorization_modes.types == (
        "AMAZON_COGNITO_USER_POOLS",
        "API_KEY",
        "AWS_IAM",
    )
    assert data.js_resolvers == (
        JsResolver(
            "Mutation", "addTodo", (JsHandler(FULL / "amplify/data/addTodo.js", "TodoTable"),)
        ),
    )
    assert data.function_handlers == {"FnSayHello": "say-hello"}
    assert data.defined_in == FULL / "amplify/data/resource.ts"


def test_load_backend_full_project_function_auth_storage(node_modules: Path) -> None:
    backend = load_backend(FULL, node_modules=node_modules)
    assert backend.functions == (
        FunctionDefinition(
            name="say-hello",
            entry=FULL / "amplify/functions/say-hello/handler.ts",
            defined_in=FULL / "amplify/functions/say-hello/resource.ts",
            environment={"GREETING": "Hello", "API_KEY": SecretRef("api-key")},
            timeout_seconds=10,
        ),
    )
    auth = backend.auth
    assert auth is not None
    assert auth.login_with == ("email",)
    assert auth.groups == ("ADMINS", "EDITORS")
    assert auth.user_attributes == {"preferredUsername": {"required": False, "mutable": True}}
    (storage,) = backend.storage
    assert storage.name == "photos"
    assert storage.triggers == {"onUpload": "say-hello"}
    assert storage.access == {
        "public/*": (
            StorageAccessRule("guest", ("read",)),
            StorageAccessRule("authenticated", ("read", "write", "delete")),
        ),
        "private/{entity_id}/*": (
            StorageAccessRule("entity", ("read", "write", "delete"), entity="identity"),
        ),
        "admin/*": (
            StorageAccessRule("groups", ("read", "write"), groups=("ADMINS",)),
            StorageAccessRule("resource", ("read",), function="say-hello"),
        ),
    }


def test_load_backend_reports_sources_and_cdk_code(node_modules: Path) -> None:
    backend = load_backend(FULL, node_modules=node_modules)
    assert backend.source_files == tuple(
        FULL / p
        for p in (
            "amplify/auth/resource.ts",
            "amplify/backend.ts",
            "amplify/data/resource.ts",
            "amplify/functions/say-hello/resource.ts",
            "amplify/storage/resource.ts",
        )
    )
    assert backend.not_emulated == (
        "CDK code in amplify/backend.ts (aws-cdk-lib is replaced by an inert stand-in)",
    )
    assert backend.data_schema_version == "1.26.2"


def test_load_backend_missing_packages_names_npm_install(tmp_path: Path) -> None:
    project = shutil.copytree(FULL, tmp_path / "app")
    with pytest.raises(Gen2DependenciesMissing) as caught:
        load_backend(project)
    assert caught.value.message == (
        f"The Gen 2 backend in {project} cannot be loaded: esbuild, @aws-amplify/data-schema "
        f"not found in {project / 'node_modules'}."
    )
    assert caught.value.resolution == f"Run `npm install` in {project}."


def test_load_backend_typescript_syntax_error_has_file_line_column(
    tmp_path: Path, node_modules: Path
) -> None:
    project = write_project(
        tmp_path,
        {
            "amplify/backend.ts": DATA_ONLY_BACKEND,
            "amplify/data/resource.ts": (
                "import { a, defineData } from '@aws-amplify/backend';\n"
                "const schema = a.schema({\n"
                "  Todo: a.model({ content: a.string() })\n"
                "};\n"
                "export const data = defineData({ schema });\n"
            ),
        },
    )
    with pytest.raises(Gen2SourceError) as caught:
        load_backend(project, node_modules=node_modules)
    assert caught.value.message == (
        f'{project / "amplify/data/resource.ts"}:4:2: Expected ")" but found ";"'
    )
    assert (caught.value.line, caught.value.column) == (4, 2)


def test_load_backend_exception_in_resource_points_at_the_ts_line(
    tmp_path: Path, node_modules: Path
) -> None:
    project = write_project(
        tmp_path,
        {
            "amplify/backend.ts": DATA_ONLY_BACKEND,
            "amplify/data/resource.ts": (
                "import { a, defineData } from '@aws-amplify/backend';\n"
                "type Shape = { name: string };\n"
                "const shape: Shape | undefined = undefined;\n"
                "export const data = defineData({ schema: shape!.name });\n"
            ),
        },
    )
    with pytest.raises(Gen2SourceError) as caught:
        load_backend(project, node_modules=node_modules)
    error = caught.value
    assert (error.file, error.line) == (project / "amplify/data/resource.ts", 4)
    assert error.detail == "TypeError: Cannot read properties of undefined (reading 'name')"


def test_load_backend_schema_rejected_by_data_schema(tmp_path: Path, node_modules: Path) -> None:
    project = write_project(
        tmp_path,
        {
            "amplify/backend.ts": DATA_ONLY_BACKEND,
            "amplify/data/resource.ts": (
                "import { a, defineData } from '@aws-amplify/backend';\n"
                "const schema = a.schema({ Todo: a.model({ content: a.string() }) });\n"
                "export const data = defineData({ schema });\n"
            ),
        },
    )
    with pytest.raises(Gen2DefinitionError) as caught:
        load_backend(project, node_modules=node_modules)
    assert caught.value.message == (
        "Gen 2 backend definition: Model `Todo` is missing authorization rules. Add global "
        "rules to the schema or ensure every model has its own rules."
    )


def test_load_backend_without_backend_ts(tmp_path: Path, node_modules: Path) -> None:
    with pytest.raises(Gen2DefinitionError) as caught:
        load_backend(tmp_path, node_modules=node_modules)
    assert caught.value.message == (
        f"Gen 2 backend definition: {tmp_path.resolve() / 'amplify/backend.ts'} does not exist"
    )


def test_load_backend_string_schema_sandbox(tmp_path: Path, node_modules: Path) -> None:
    project = write_project(
        tmp_path,
        {
            "amplify/backend.ts": DATA_ONLY_BACKEND,
            "amplify/data/resource.ts": (
                "import { defineData } from '@aws-amplify/backend';\n"
                "export const data = defineData({ name: 'notes', schema: /* GraphQL */ `\n"
                "  type Note @model { id: ID! text: String }\n`, });\n"
            ),
        },
    )
    backend = load_backend(project, node_modules=node_modules)
    assert backend.data is not None
    assert backend.data.name == "notes"
    assert backend.data.schema == "\n  type Note @model { id: ID! text: String }\n"
    assert backend.data.authorization_modes == AuthorizationModes(
        default="API_KEY", api_key=ApiKeyMode(7), iam=True, sandbox=True
    )
    assert backend.auth is None
    assert backend.not_emulated == ()


@pytest.mark.parametrize(
    ("modes", "has_auth", "expected"),
    [
        (None, True, AuthorizationModes("AMAZON_COGNITO_USER_POOLS", user_pool=True)),
        (
            {"apiKeyAuthorizationMode": {"expiresInDays": 3, "description": "k"}},
            False,
            AuthorizationModes("API_KEY", api_key=ApiKeyMode(3, "k")),
        ),
        (
            {"oidcAuthorizationMode": {"oidcProviderName": "p", "oidcIssuerUrl": "https://i"}},
            False,
            AuthorizationModes("OPENID_CONNECT", oidc=OidcMode("p", "https://i")),
        ),
        (
            {
                "defaultAuthorizationMode": "lambda",
                "lambdaAuthorizationMode": {"function": "authorizer"},
            },
            True,
            AuthorizationModes(
                "AWS_LAMBDA", user_pool=True, lambda_authorizer=LambdaAuthorizerMode("authorizer")
            ),
        ),
        (
            {"defaultAuthorizationMode": "iam"},
            True,
            AuthorizationModes("AWS_IAM", user_pool=True),
        ),
    ],
    ids=["auth-no-modes", "api-key-only", "oidc-only", "lambda-default", "iam-default"],
)
def test_resolve_authorization_modes(
    modes: dict[str, object] | None, has_auth: bool, expected: AuthorizationModes
) -> None:
    assert resolve_authorization_modes(modes, has_auth=has_auth) == expected


def test_resolve_authorization_modes_order_of_types() -> None:
    modes = resolve_authorization_modes(
        {
            "defaultAuthorizationMode": "oidc",
            "apiKeyAuthorizationMode": {},
            "oidcAuthorizationMode": {"oidcProviderName": "p", "oidcIssuerUrl": "https://i"},
            "lambdaAuthorizationMode": {"function": "f", "timeToLiveInSeconds": 10},
        },
        has_auth=True,
    )
    assert modes.types == (
        "OPENID_CONNECT",
        "API_KEY",
        "AWS_LAMBDA",
        "AMAZON_COGNITO_USER_POOLS",
        "AWS_IAM",
    )


def test_resolve_authorization_modes_needs_a_default_for_several() -> None:
    with pytest.raises(Gen2DefinitionError) as caught:
        resolve_authorization_modes(
            {"apiKeyAuthorizationMode": {}, "lambdaAuthorizationMode": {"function": "f"}},
            has_auth=False,
        )
    assert caught.value.message == (
        "Gen 2 backend definition: A defaultAuthorizationMode is required if multiple "
        "authorization modes are configured"
    )
    assert caught.value.resolution == (
        "When calling 'defineData' specify 'authorizationModes.defaultAuthorizationMode'"
    )
