"""`amplify update api`'s conflict detection (DataStore): transform.conf.json `ResolverConfig`.

The headless form is the Amplify CLI's `UpdateApiRequest`:
`{"version": 1, "serviceModification": {"serviceName": "AppSync", "conflictResolution":
{"defaultResolutionStrategy": {"type": "AUTOMERGE" | "OPTIMISTIC_CONCURRENCY" | "LAMBDA",
"resolver": {"type": "NEW"} | {"type": "EXISTING", "name": ..., "region"?, "arn"?}},
"perModelResolutionStrategy": [{"entityName": "Post", "resolutionStrategy": {...}}]}}}`;
an empty `conflictResolution` disables conflict detection. The result is what the CLI writes:
`ResolverConfig.project` / `.models.<Model>` = `{"ConflictHandler", "ConflictDetection":
"VERSION", "LambdaConflictHandler": {"name", "region"?, "lambdaArn"?}}` in transform.conf.json,
and `serviceConfiguration.conflictResolution` in cli-inputs.json. A NEW handler is a new
Node.js function `syncConflictHandler<8 hex>` referenced as `<name>-${env}`, as the CLI adds it.

Not emulated: the CLI's `preserveSyncFields` schema rewrite when conflict detection is disabled
(the sync fields simply leave the generated schema), auth mode changes in an UpdateApiRequest.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from graphql import parse
from graphql.error import GraphQLError
from graphql.language import ast

from amplify_mock.base.files import read_json, write_json
from amplify_mock.project.api_build import read_api_schema
from amplify_mock.project.categories.function import add_function, require_function
from amplify_mock.project.errors import HeadlessArgumentError, ProjectOperationError
from amplify_mock.project.headless import parse_json_object
from amplify_mock.project.project import Project

__all__ = [
    "STRATEGY_NAMES",
    "SYNC_CONFLICT_HANDLER_SOURCE",
    "ConflictResolution",
    "ResolutionStrategy",
    "conflict_resolution_of",
    "model_types",
    "parse_conflict_resolution",
    "parse_update_api_request",
    "set_conflict_resolution",
]

#: the CLI's names of the strategies, as its prompts and `amplify update api` summary show them
STRATEGY_NAMES = {
    "AUTOMERGE": "Auto Merge",
    "OPTIMISTIC_CONCURRENCY": "Optimistic Concurrency",
    "LAMBDA": "Custom Lambda",
}
_REQUEST = "the update api request"

#: the handler of a NEW conflict handler function: AppSync's event in, RESOLVE/REJECT/REMOVE out
SYNC_CONFLICT_HANDLER_SOURCE = (
    "// AppSync Lambda conflict handler (DataStore). AppSync calls it when a mutation's _version\n"
    "// is not the stored one: event = { newItem, existingItem, arguments, resolver, identity }.\n"
    "// Answer { action: 'RESOLVE', item } (write item as the next version), { action: 'REJECT' }\n"
    "// (ConflictUnhandled, the client gets existingItem) or { action: 'REMOVE' } (delete it).\n"
    "// This sample keeps the server's item for deletes and takes the client's for updates.\n"
    "exports.handler = async (event) => {\n"
    "  console.log(`EVENT: ${JSON.stringify(event)}`);\n"
    "  if (event.resolver.field.startsWith('delete')) {\n"
    "    return { action: 'REJECT' };\n"
    "  }\n"
    "  return { action: 'RESOLVE', item: event.newItem };\n"
    "};\n"
)


@dataclass(frozen=True)
class ResolutionStrategy:
    """One strategy: AUTOMERGE, OPTIMISTIC_CONCURRENCY, or LAMBDA with a NEW function or an
    EXISTING one (`function_name`, optional `region` and `arn`)."""

    type: str
    new_function: bool = False
    function_name: str | None = None
    region: str | None = None
    arn: str | None = None

    def to_headless(self) -> dict[str, Any]:
        if self.type != "LAMBDA":
            return {"type": self.type}
        if self.new_function:
            return {"type": "LAMBDA", "resolver": {"type": "NEW"}}
        resolver: dict[str, Any] = {"type": "EXISTING", "name": self.function_name}
        if self.region:
            resolver["region"] = self.region
        if self.arn:
            resolver["arn"] = self.arn
        return {"type": "LAMBDA", "resolver": resolver}

    def to_sync_config(self) -> dict[str, Any]:
        """The transform.conf.json entry (`LambdaConflictHandler` keys as the CLI writes them)."""
        config: dict[str, Any] = {"ConflictHandler": self.type, "ConflictDetection": "VERSION"}
        if self.type == "LAMBDA":
            handler: dict[str, Any] = {"name": self.function_name}
            if self.region:
                handler["region"] = self.region
            if self.arn:
                handler["lambdaArn"] = self.arn
            config["LambdaConflictHandler"] = handler
        return config


@dataclass(frozen=True)
class ConflictResolution:
    """The API's conflict detection: a default strategy and per-model overrides (empty:
    conflict detection disabled)."""

    default: ResolutionStrategy | None = None
    per_model: tuple[tuple[str, ResolutionStrategy], ...] = ()

    @property
    def enabled(self) -> bool:
        return self.default is not None or bool(self.per_model)

    def to_headless(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.default is not None:
            out["defaultResolutionStrategy"] = self.default.to_headless()
        if self.per_model:
            out["perModelResolutionStrategy"] = [
                {"entityName": model, "resolutionStrategy": strategy.to_headless()}
                for model, strategy in self.per_model
            ]
        return out

    def to_resolver_config(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.default is not None:
            out["project"] = self.default.to_sync_config()
        if self.per_model:
            out["models"] = {model: s.to_sync_config() for model, s in self.per_model}
        return out


def _strategy(raw: Any, where: str) -> ResolutionStrategy:
    if not isinstance(raw, dict):
        raise HeadlessArgumentError(_REQUEST, f"'{where}' must be an object")
    kind = raw.get("type")
    if kind not in STRATEGY_NAMES:
        raise HeadlessArgumentError(
            _REQUEST,
            f"'{where}.type' must be one of AUTOMERGE, OPTIMISTIC_CONCURRENCY, LAMBDA "
            f"(got {kind!r})",
        )
    if kind != "LAMBDA":
        return ResolutionStrategy(str(kind))
    resolver = raw.get("resolver")
    if not isinstance(resolver, dict) or resolver.get("type") not in ("NEW", "EXISTING"):
        raise HeadlessArgumentError(
            _REQUEST, f"'{where}.resolver.type' must be NEW or EXISTING for a LAMBDA strategy"
        )
    if resolver["type"] == "NEW":
        return ResolutionStrategy("LAMBDA", new_function=True)
    name = resolver.get("name")
    if not isinstance(name, str) or not name:
        raise HeadlessArgumentError(
            _REQUEST, f"missing required key '{where}.resolver.name' (an EXISTING function)"
        )
    region, arn = resolver.get("region"), resolver.get("arn")
    return ResolutionStrategy(
        "LAMBDA",
        function_name=name,
        region=str(region) if region else None,
        arn=str(arn) if arn else None,
    )


def parse_conflict_resolution(raw: Any) -> ConflictResolution:
    """The CLI's headless `ConflictResolution` object.

    :raises HeadlessArgumentError: not an object, or a strategy of an unknown shape.
    """
    if not isinstance(raw, dict):
        raise HeadlessArgumentError(_REQUEST, "'conflictResolution' must be an object")
    default = raw.get("defaultResolutionStrategy")
    per_model = raw.get("perModelResolutionStrategy") or []
    if not isinstance(per_model, list):
        raise HeadlessArgumentError(_REQUEST, "'perModelResolutionStrategy' must be a list")
    models: list[tuple[str, ResolutionStrategy]] = []
    for index, entry in enumerate(per_model):
        where = f"perModelResolutionStrategy[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("entityName"), str):
            raise HeadlessArgumentError(_REQUEST, f"missing required key '{where}.entityName'")
        models.append((entry["entityName"], _strategy(entry.get("resolutionStrategy"), where)))
    return ConflictResolution(
        default=_strategy(default, "defaultResolutionStrategy") if default else None,
        per_model=tuple(models),
    )


def parse_update_api_request(text: str) -> ConflictResolution:
    """The Amplify CLI's headless `UpdateApiRequest` JSON (its conflict resolution).

    :raises HeadlessArgumentError: malformed JSON, a missing key, or an auth mode change.
    """
    data = parse_json_object(_REQUEST, text)
    modification = data.get("serviceModification")
    if not isinstance(modification, dict):
        raise HeadlessArgumentError(_REQUEST, "missing required key 'serviceModification'")
    if modification.get("serviceName", "AppSync") != "AppSync":
        raise HeadlessArgumentError(_REQUEST, "only serviceName 'AppSync' (GraphQL) is supported")
    for key in ("defaultAuthType", "additionalAuthTypes"):
        if key in modification:
            raise HeadlessArgumentError(
                _REQUEST,
                f"'{key}' is not emulated: `amplify update api` changes conflict detection "
                "and the API key only",
            )
    if "conflictResolution" not in modification:
        raise HeadlessArgumentError(
            _REQUEST, "missing required key 'serviceModification.conflictResolution'"
        )
    return parse_conflict_resolution(modification["conflictResolution"])


def model_types(project: Project, api: str) -> list[str]:
    """The `@model` types of the API's schema, in schema order (the per-model choices)."""
    source = read_api_schema(project.paths.resource_dir("api", api))
    try:
        document = parse(source.text)
    except GraphQLError as err:
        raise ProjectOperationError(
            f"The schema of the API '{api}' is not valid GraphQL: {err.message}",
            "Fix the schema, then run `amplify update api` again.",
        ) from err
    return [
        d.name.value
        for d in document.definitions
        if isinstance(d, ast.ObjectTypeDefinitionNode)
        and any(directive.name.value == "model" for directive in d.directives or ())
    ]


def conflict_resolution_of(project: Project, api: str) -> ConflictResolution:
    """The API's current conflict detection, read back from transform.conf.json."""
    path = project.paths.resource_dir("api", api) / "transform.conf.json"
    config = read_json(path, default={})
    resolver_config = config.get("ResolverConfig") if isinstance(config, dict) else None
    if not isinstance(resolver_config, dict):
        return ConflictResolution()

    def strategy(sync: Any) -> ResolutionStrategy | None:
        if not isinstance(sync, dict) or sync.get("ConflictHandler") not in STRATEGY_NAMES:
            return None
        handler = sync.get("LambdaConflictHandler") or {}
        return ResolutionStrategy(
            str(sync["ConflictHandler"]),
            function_name=handler.get("name"),
            region=handler.get("region"),
            arn=handler.get("lambdaArn"),
        )

    models = resolver_config.get("models") or {}
    per_model = tuple(
        (str(name), s) for name, sync in models.items() if (s := strategy(sync)) is not None
    )
    return ConflictResolution(strategy(resolver_config.get("project")), per_model)


def _function_folder(name: str) -> str:
    """`syncConflictHandlerab12cd34-${env}` -> the function's folder name."""
    return re.sub(r"-\$\{env\}$", "", name)


def _materialize(project: Project, strategy: ResolutionStrategy) -> ResolutionStrategy:
    """A NEW handler becomes a new project function; an EXISTING one must be a project
    function (the mock runs it) unless it is given by ARN."""
    if strategy.type != "LAMBDA":
        return strategy
    if strategy.new_function:
        name = f"syncConflictHandler{uuid.uuid4().hex[:8]}"
        add_function(project, name, "nodejs", source=SYNC_CONFLICT_HANDLER_SOURCE)
        return ResolutionStrategy("LAMBDA", function_name=f"{name}-${{env}}")
    if strategy.arn is None:
        require_function(
            project, _function_folder(str(strategy.function_name)), "the LAMBDA resolver's name"
        )
    return strategy


def set_conflict_resolution(
    project: Project, api: str, resolution: ConflictResolution
) -> ConflictResolution:
    """Write the API's conflict detection; returns it with NEW handlers turned into the
    functions they created.

    :raises FunctionNotFoundError: an EXISTING handler names a function the project lacks.
    :raises ProjectOperationError: a per-model strategy names a type that is not a `@model`.
    """
    if resolution.per_model:
        models = model_types(project, api)
        for model, _ in resolution.per_model:
            if model not in models:
                raise ProjectOperationError(
                    f"'{model}' is not a @model type of the API '{api}' "
                    f"(models: {', '.join(models) or 'none'}).",
                    "Name a @model type in perModelResolutionStrategy.",
                )
    default = _materialize(project, resolution.default) if resolution.default else None
    resolved = ConflictResolution(
        default, tuple((m, _materialize(project, s)) for m, s in resolution.per_model)
    )
    api_dir = project.paths.resource_dir("api", api)
    conf_path = api_dir / "transform.conf.json"
    conf = read_json(conf_path, default={"Version": 5, "ElasticsearchWarning": True})
    conf = dict(conf) if isinstance(conf, dict) else {"Version": 5}
    if resolved.enabled:
        conf["ResolverConfig"] = resolved.to_resolver_config()
    else:
        conf.pop("ResolverConfig", None)
    write_json(conf_path, conf)
    inputs_path = api_dir / "cli-inputs.json"
    inputs = read_json(inputs_path, default={})
    if isinstance(inputs, dict) and inputs:
        service = inputs.setdefault("serviceConfiguration", {})
        service["conflictResolution"] = resolved.to_headless()
        write_json(inputs_path, inputs)
    return resolved
