"""`amplify api gql-compile`: read a project's GraphQL API folder as the Amplify CLI does, run
the v1 transformer, write `amplify/backend/api/<name>/build/`.

Inputs, as the CLI reads them:
- the schema, through `transformer.schema_files.read_schema`: `schema.graphql` parsed and
  printed again as graphql-js 15 prints it (any `input AMPLIFY` moved to the front), else
  every file under `schema/` (recursively, names in sorted order, dot files skipped) joined
  with a newline;
- `transform.conf.json` (missing: `{"Version": 5}`; unreadable JSON: the same default, as
  the CLI swallows the error);
- the `graphqltransformer` feature flags of `amplify/cli.json` and `amplify/cli.<env>.json`,
  names compared case-insensitively; an absent flag takes the CLI's default for existing
  projects;
- the auth config: `backend-config.json` `api.<name>.output.authConfig`, else the same key in
  `amplify-meta.json`, else the CLI default (API key, 7 days);
- `parameters.json` of the API folder, merged under the build parameters.

- the overrides in the API folder: `resolvers/*.vtl`, `pipelineFunctions/*.vtl` and
  `functions/` replace or add generated files; `stacks/*.json` are nested in the root stack
  with the root parameters they declare.

A project whose cli.json selects the v2 transformer (`useexperimentalpipelinedtransformer`
and `transformerversion: 2`, as new projects have) is built by `transformer.v2`
(`api_build_v2`).

Not emulated: feature flags from environment variables, `@searchable`/`@http`/
`@predictions`.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from graphql import parse, visit
from graphql.language import ast
from graphql.language.visitor import Visitor

import transformer
from amplify_mock.errors import AmplifyMockError
from amplify_mock.project.transformer_version import TransformerVersionError, transformer_version
from transformer import (
    AuthConfig,
    DeploymentResources,
    FeatureFlags,
    TransformConfig,
    TransformerError,
    write_build,
)
from transformer.sanity_check import get_sanity_check_rules, sanity_check_project
from transformer.schema_files import read_schema

__all__ = [
    "ApiBuildError",
    "ApiMigrationError",
    "ApiNotFoundError",
    "ApiSchemaError",
    "BuildResult",
    "SchemaSource",
    "compile_api",
    "feature_flags",
    "find_api_name",
    "merge_user_config",
    "read_api_schema",
    "read_auth_config",
    "read_feature_flags",
    "read_transform_config",
    "transformer_flags",
]

LOG = logging.getLogger(__name__)

DEFAULT_TRANSFORM_CONF: dict[str, Any] = {"Version": 5}
DEFAULT_AUTH_CONFIG: dict[str, Any] = {
    "defaultAuthentication": {
        "authenticationType": "API_KEY",
        "apiKeyConfig": {"apiKeyExpirationDays": 7, "description": ""},
    },
    "additionalAuthenticationProviders": [],
}
DEFAULT_DEPLOYMENT_ROOT_KEY = "amplify-appsync-files"


class ApiBuildError(AmplifyMockError):
    """The API folder cannot be compiled."""


class ApiNotFoundError(ApiBuildError):
    """The project has no GraphQL API, several and none was named, or not the named one."""

    def __init__(self, project_root: Path, api_name: str | None, known: list[str]) -> None:
        if api_name is not None:
            message = f"No GraphQL API named '{api_name}' in {project_root}."
        elif known:
            message = (
                f"The project has several GraphQL APIs ({', '.join(sorted(known))}); "
                "name the one to compile."
            )
        else:
            message = f"No GraphQL API found in {project_root}."
        super().__init__(message, "Run `amplify add api` first, or pass the API name.")
        self.api_name = api_name
        self.known = known


class ApiMigrationError(ApiBuildError):
    """A schema change the deployed tables cannot take (the v1 transformer's sanity checks)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            detail,
            "Change the schema back, or push with --allow-destructive-graphql-schema-updates "
            "when replacing or removing tables (and their data) is intended.",
        )


class ApiSchemaError(ApiBuildError):
    """The schema is invalid or the transformer rejected it; names file:line:col when known."""

    def __init__(
        self, message: str, *, file: Path | None, line: int | None, column: int | None
    ) -> None:
        location = ":".join(str(p) for p in (file, line, column) if p is not None)
        super().__init__(
            f"{location}: {message}" if location else message,
            "Fix the GraphQL schema and run the command again.",
        )
        self.detail = message
        self.file = file
        self.line = line
        self.column = column


@dataclass(frozen=True)
class SchemaSource:
    """The schema text the transformer gets, and how to map its lines back to the files."""

    text: str
    files: tuple[Path, ...]
    #: (first line in `text`, file) for each file of a `schema/` folder, in order.
    line_starts: tuple[tuple[int, Path], ...] = ()
    #: for a reprinted `schema.graphql`: the user's document (with locations)
    original: ast.DocumentNode | None = None
    printed: ast.DocumentNode | None = None

    def locate(
        self, line: int | None, column: int | None
    ) -> tuple[Path | None, int | None, int | None]:
        """Map a line:col of `text` to the user's file, line and column."""
        if line is None:
            return (self.files[0] if len(self.files) == 1 else None), None, None
        if self.line_starts:
            chosen = self.line_starts[0]
            for start, path in self.line_starts:
                if start <= line:
                    chosen = (start, path)
            return chosen[1], line - chosen[0] + 1, column
        if self.original is not None and self.printed is not None and column is not None:
            mapped = _map_location(self.printed, self.original, self.text, line, column)
            if mapped is not None:
                return self.files[0], mapped[0], mapped[1]
        return self.files[0], line, column


@dataclass(frozen=True)
class BuildResult:
    """What `compile_api` produced and wrote."""

    api_name: str
    api_dir: Path
    build_dir: Path
    resources: DeploymentResources | None
    config: TransformConfig | None
    parameters: dict[str, Any]
    schema: SchemaSource
    auth_config: dict[str, Any] = field(default_factory=dict)
    #: "Type @directive" for each directive left out of a mock compile (`UNMOCKED_DIRECTIVES`)
    skipped: tuple[str, ...] = ()
    #: 1 or 2; for 2, `resources` and `config` (the v1 transformer's) are None
    transformer_version: int = 1


#: directives `amplify mock` does not serve: a mock compile leaves them out and reports them,
#: as the Amplify CLI's mock does for `@searchable` (no local search domain)
UNMOCKED_DIRECTIVES = frozenset({"searchable"})


def without_unmocked_directives(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` with each unmocked directive on a type blanked out (same length, so every
    file:line:col of a later error stays right), and what was left out."""
    from graphql import GraphQLError

    try:
        document = parse(text)
    except GraphQLError:
        return text, ()  # the transformer reports the syntax error with its location
    chars = list(text)
    skipped = []
    for definition in document.definitions:
        if not isinstance(definition, ast.TypeDefinitionNode | ast.TypeExtensionNode):
            continue
        for directive in definition.directives or ():
            if directive.name.value not in UNMOCKED_DIRECTIVES or directive.loc is None:
                continue
            for index in range(directive.loc.start, directive.loc.end):
                if chars[index] != "\n":
                    chars[index] = " "
            skipped.append(f"{definition.name.value} @{directive.name.value}")
    return "".join(chars), tuple(skipped)


# ---- reading the project --------------------------------------------------------------------
def _read_json(path: Path) -> Any:
    """:raises ApiBuildError: the file exists but is not valid JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ApiBuildError(
            f"{path}:{err.lineno}:{err.colno}: invalid JSON: {err.msg}", "Fix the JSON file."
        ) from err


def find_api_name(project_root: Path, api_name: str | None = None) -> str:
    """The AppSync API of the project (the only one, or the named one).

    :raises ApiNotFoundError: none, several without a name, or the name is unknown.
    """
    backend = project_root / "amplify" / "backend"
    known: list[str] = []
    for config_file in (backend / "backend-config.json", backend / "amplify-meta.json"):
        data = _read_json(config_file) or {}
        for name, entry in (data.get("api") or {}).items():
            is_appsync = isinstance(entry, Mapping) and entry.get("service", "AppSync") == "AppSync"
            if is_appsync and name not in known:
                known.append(name)
        if known:
            break
    if not known:
        api_root = backend / "api"
        if api_root.is_dir():
            known = sorted(
                p.name
                for p in api_root.iterdir()
                if (p / "schema.graphql").is_file() or (p / "schema").is_dir()
            )
    if api_name is not None:
        if api_name in known or (backend / "api" / api_name).is_dir():
            return api_name
        raise ApiNotFoundError(project_root, api_name, known)
    if len(known) != 1:
        raise ApiNotFoundError(project_root, None, known)
    return known[0]


def _amplify_input_first(document: ast.DocumentNode) -> ast.DocumentNode:
    """The definitions in the order the CLI prints them: `input AMPLIFY` moved to the front."""
    amplify = [
        d
        for d in document.definitions
        if isinstance(d, ast.InputObjectTypeDefinitionNode) and d.name.value == "AMPLIFY"
    ]
    rest = [d for d in document.definitions if d not in amplify]
    return ast.DocumentNode(definitions=tuple(amplify[:1] + rest))


def _schema_files(folder: Path) -> list[Path]:
    files: list[Path] = []
    for child in sorted(folder.iterdir(), key=lambda p: p.name):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            files.extend(_schema_files(child))
        elif child.is_file():
            files.append(child)
    return files


def read_api_schema(api_dir: Path) -> SchemaSource:
    """The schema text exactly as the CLI hands it to the transformer
    (`transformer.schema_files.read_schema`), and how to map its locations back to the files.

    :raises ApiSchemaError: no schema, or `schema.graphql` is not valid GraphQL.
    """
    try:
        text = read_schema(api_dir)
    except TransformerError as err:
        if err.file is None and err.line is None:
            raise ApiSchemaError(
                f"No schema found in {api_dir}: expected schema.graphql or a schema/ folder.",
                file=None,
                line=None,
                column=None,
            ) from err
        raise ApiSchemaError(
            err.message,
            file=Path(err.file) if err.file else None,
            line=err.line,
            column=err.column,
        ) from err
    files = [
        api_dir / n for n in ("schema.graphql", "schema.sql.graphql") if (api_dir / n).is_file()
    ]
    if files:
        if len(files) > 1:
            return SchemaSource(text=text, files=tuple(files))
        original = _amplify_input_first(parse(files[0].read_text(encoding="utf-8")))
        return SchemaSource(
            text=text,
            files=(files[0],),
            original=original,
            printed=parse(text) if text.strip() else None,
        )
    folder_files = _schema_files(api_dir / "schema")
    starts: list[tuple[int, Path]] = []
    line = 1
    for path in folder_files:
        starts.append((line, path))
        line += path.read_text(encoding="utf-8").count("\n") + 1
    return SchemaSource(text=text, files=tuple(folder_files), line_starts=tuple(starts))


class _NodeStarts(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[ast.Node] = []

    def enter(self, node: ast.Node, *_args: Any) -> None:
        self.nodes.append(node)


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(lines[i]) + 1 for i in range(min(line - 1, len(lines)))) + column - 1


def _map_location(
    printed: ast.DocumentNode, original: ast.DocumentNode, text: str, line: int, column: int
) -> tuple[int, int] | None:
    """Same AST, two layouts: find the node starting at the printed position in the original."""
    target = _offset(text, line, column)
    left, right = _NodeStarts(), _NodeStarts()
    visit(printed, left)
    visit(original, right)
    if len(left.nodes) != len(right.nodes):
        return None
    for printed_node, original_node in zip(left.nodes, right.nodes, strict=True):
        if printed_node.loc is not None and printed_node.loc.start == target:
            loc = original_node.loc
            if loc is None:
                return None
            token = loc.start_token
            return token.line, token.column
    return None


def read_transform_config(api_dir: Path) -> dict[str, Any]:
    """transform.conf.json; the CLI falls back to `{"Version": 5}` when it is missing or bad."""
    path = api_dir / "transform.conf.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return dict(DEFAULT_TRANSFORM_CONF)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        LOG.warning("%s is not valid JSON (%s); using %s", path, err, DEFAULT_TRANSFORM_CONF)
        return dict(DEFAULT_TRANSFORM_CONF)
    return data if isinstance(data, dict) else dict(DEFAULT_TRANSFORM_CONF)


def _current_env(project_root: Path) -> str | None:
    info = _read_json(project_root / "amplify" / ".config" / "local-env-info.json") or {}
    env = info.get("envName")
    return env if isinstance(env, str) and env else None


def _graphql_transformer_section(path: Path) -> dict[str, Any]:
    data = _read_json(path) or {}
    features = {str(k).lower(): v for k, v in (data.get("features") or {}).items()}
    section = features.get("graphqltransformer") or {}
    return {str(k).lower(): v for k, v in section.items()}


def read_feature_flags(project_root: Path) -> dict[str, Any]:
    """The effective `graphqltransformer` section (lower-case names): cli.json, then the
    current environment's cli.<env>.json on top."""
    amplify_dir = project_root / "amplify"
    flags = _graphql_transformer_section(amplify_dir / "cli.json")
    env = _current_env(project_root)
    if env:
        flags.update(_graphql_transformer_section(amplify_dir / f"cli.{env}.json"))
    return flags


def feature_flags(section: Mapping[str, Any]) -> FeatureFlags:
    """The transformer's flags from a `graphqltransformer` section (absent: existing-project
    default), read by the transformer's own cli.json reader."""
    return FeatureFlags.from_cli_json({"features": {"graphqltransformer": dict(section)}})


def transformer_flags(section: Mapping[str, Any]) -> dict[str, bool]:
    """The six v1 flags of a `graphqltransformer` section as a plain dict (for the oracle)."""
    return dict(feature_flags(section).values)


def read_auth_config(project_root: Path, api_name: str) -> dict[str, Any]:
    """backend-config.json `api.<name>.output.authConfig`, else amplify-meta.json's, else the
    CLI default (API key, 7 days)."""
    backend = project_root / "amplify" / "backend"
    for config_file in (backend / "backend-config.json", backend / "amplify-meta.json"):
        data = _read_json(config_file) or {}
        entry = (data.get("api") or {}).get(api_name) or {}
        auth = (entry.get("output") or {}).get("authConfig")
        if isinstance(auth, Mapping) and auth.get("defaultAuthentication"):
            return dict(auth)
    return json.loads(json.dumps(DEFAULT_AUTH_CONFIG))  # type: ignore[no-any-return]


def _build_parameters(project_root: Path, api_dir: Path) -> dict[str, Any]:
    parameters = _read_json(api_dir / "parameters.json") or {}
    meta = _read_json(project_root / "amplify" / "backend" / "amplify-meta.json") or {}
    provider = (meta.get("providers") or {}).get("awscloudformation") or {}
    bucket = provider.get("DeploymentBucketName") or "amplify-mock-deployment-bucket"
    return {
        **parameters,
        "S3DeploymentBucket": bucket,
        "S3DeploymentRootKey": DEFAULT_DEPLOYMENT_ROOT_KEY,
    }


# ---- user overrides and custom stacks -----------------------------------------------------
_CUSTOM_STACK_DEPENDENCY_TYPES = (
    "AWS::CloudFormation::Stack",
    "AWS::AppSync::GraphQLApi",
    "AWS::AppSync::GraphQLSchema",
)


def _visible_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if not p.name.startswith(".")]


def _read_custom_stacks(api_dir: Path) -> dict[str, dict[str, Any]]:
    """`stacks/*.json` of the API folder.

    :raises ApiBuildError: a stack file is YAML, has another extension, or is not JSON.
    """
    stacks: dict[str, dict[str, Any]] = {}
    files = _visible_files(api_dir / "stacks")
    for path in files:
        if path.suffix in (".yaml", ".yml"):
            raise ApiBuildError(
                "Yaml is not yet supported. Please convert the CloudFormation stack "
                f"{path.name} to json."
            )
        if path.suffix != ".json":
            raise ApiBuildError(f"Invalid extension {path.suffix} for stack {path.name}")
        try:
            stacks[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            names = ",".join(p.name for p in files)
            raise ApiBuildError(
                f"The CloudFormation template {names} does not contain valid JSON."
            ) from err
    return stacks


def merge_user_config(
    resources: DeploymentResources, api_dir: Path, *, disable_overrides: bool = False
) -> None:
    """Apply the API folder's `resolvers/`, `pipelineFunctions/`, `functions/` overrides and
    nest its custom `stacks/*.json` in the root stack, as the CLI's build does.

    :raises ApiBuildError: a custom stack is unreadable or redefines a parameter.
    """
    if not disable_overrides:
        for path in _visible_files(api_dir / "functions"):
            resources.functions[path.name] = path
        for path in _visible_files(api_dir / "pipelineFunctions"):
            resources.pipeline_functions[path.name] = path.read_text(encoding="utf-8")
        for path in _visible_files(api_dir / "resolvers"):
            resources.resolvers[path.name] = path.read_text(encoding="utf-8")
    root = resources.root_stack
    depends_on = [
        key
        for key, value in root.get("Resources", {}).items()
        if value.get("Type") in _CUSTOM_STACK_DEPENDENCY_TYPES
    ]
    parameters: dict[str, Any] = root.setdefault("Parameters", {})
    stack_parameters: dict[str, Any] = {key: {"Ref": key} for key in parameters}
    stack_parameters["AppSyncApiId"] = {"Fn::GetAtt": ["GraphQLAPI", "ApiId"]}
    for name, stack in _read_custom_stacks(api_dir).items():
        if name in resources.stacks:
            raise ApiBuildError(
                f"You cannot provide a stack named {name} as it             will be "
                "overwritten by a stack generated by the GraphQL Transform."
            )
        for key in stack.get("Parameters") or {}:
            if key not in stack_parameters:
                stack_parameters[key] = {"Ref": key}
                if key in parameters:
                    raise ApiBuildError(
                        f"Cannot redefine CloudFormation parameter {key} in stack {name}."
                    )
                parameters[key] = stack["Parameters"][key]
        resources.stacks[name] = stack
        root["Resources"]["".join(re.split(r"[^A-Za-z]", name))] = {
            "Type": "AWS::CloudFormation::Stack",
            "Properties": {
                "Parameters": {k: stack_parameters[k] for k in stack.get("Parameters") or {}},
                "TemplateURL": {
                    "Fn::Join": [
                        "/",
                        [
                            "https://s3.amazonaws.com",
                            {"Ref": "S3DeploymentBucket"},
                            {"Ref": "S3DeploymentRootKey"},
                            "stacks",
                            name,
                        ],
                    ]
                },
            },
            "DependsOn": list(depends_on),
        }


# ---- compiling ------------------------------------------------------------------------------
def compile_api(
    project_root: Path,
    api_name: str | None = None,
    *,
    now: datetime | None = None,
    disable_overrides: bool = False,
    deployed_build: Path | None = None,
    allow_destructive_updates: bool = False,
    skip_unmocked: bool = False,
) -> BuildResult:
    """Compile the project's GraphQL API into `amplify/backend/api/<name>/build/`.

    :raises ApiNotFoundError: the project has no such API.
    :raises ApiSchemaError: the schema is invalid or a directive is misused (file:line:col).
    :raises ApiBuildError: a project JSON file or custom stack is unreadable, or the project
        uses the v2 transformer.

    `disable_overrides` skips the folder's resolvers/, pipelineFunctions/ and functions/
    overrides (custom stacks are always nested), as `amplify mock api` compiles.
    `skip_unmocked` leaves out `UNMOCKED_DIRECTIVES` (listed in `BuildResult.skipped`).

    `deployed_build` (the API's build in `#current-cloud-backend/`, as `amplify push` passes
    it) turns on the v1 migration checks: a key, LSI or GSI change the deployed tables cannot
    take fails here, before anything is deployed, as in the Amplify CLI.

    :raises ApiMigrationError: the new build cannot replace `deployed_build`.
    """
    project_root = Path(project_root)
    name = find_api_name(project_root, api_name)
    api_dir = project_root / "amplify" / "backend" / "api" / name
    flag_section = read_feature_flags(project_root)
    try:
        version = transformer_version(flag_section)
    except TransformerVersionError as err:
        raise ApiBuildError(
            str(err), "Set transformerversion to 1 or 2 in amplify/cli.json."
        ) from err
    schema = read_api_schema(api_dir)
    skipped: tuple[str, ...] = ()
    if skip_unmocked:
        text, skipped = without_unmocked_directives(schema.text)
        schema = replace(schema, text=text)
    if version == 2:
        from amplify_mock.project.api_build_v2 import compile_v2

        built = compile_v2(project_root, name, api_dir, schema, flag_section, now)
        return replace(built, skipped=skipped)
    transform_conf = read_transform_config(api_dir)
    auth = read_auth_config(project_root, name)
    config = TransformConfig.from_transform_conf(
        transform_conf,
        feature_flags=feature_flags(flag_section),
        auth_config=AuthConfig.from_json(auth),
        now=now,
    )
    try:
        resources = transformer.transform(schema.text, config)
    except TransformerError as err:
        file, line, column = schema.locate(err.line, err.column)
        raise ApiSchemaError(err.message, file=file, line=line, column=column) from err
    merge_user_config(resources, api_dir, disable_overrides=disable_overrides)
    parameters = _build_parameters(project_root, api_dir)
    build_dir = api_dir / "build"
    write_build(resources, build_dir, parameters)
    if deployed_build is not None:
        rules = get_sanity_check_rules(
            not deployed_build.is_dir(), config.feature_flags, allow_destructive_updates
        )
        try:
            sanity_check_project(deployed_build, build_dir, rules)
        except TransformerError as err:
            raise ApiMigrationError(str(err)) from err
    return BuildResult(
        api_name=name,
        api_dir=api_dir,
        build_dir=build_dir,
        resources=resources,
        config=config,
        parameters=parameters,
        schema=schema,
        auth_config=auth,
        skipped=skipped,
    )
