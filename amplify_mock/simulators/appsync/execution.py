"""Runs GraphQL operations on an `ApiState`: auth checks per field, resolvers, AppSync errors."""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    is_non_null_type,
    is_object_type,
    parse,
    print_ast,
    validate,
)

from amplify_mock.simulators.appsync.auth import RequestAuth
from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType, ResolverSpec
from amplify_mock.simulators.appsync.errors import (
    FieldUnauthorizedError,
    QueryDepthLimitError,
    ResolverCountLimitError,
    format_error,
)
from amplify_mock.simulators.appsync.fast_path import (
    FastPlan,
    build_plan,
    execute_operation,
    run_plan,
)
from amplify_mock.simulators.appsync.limits import YIELD_EVERY, ExecutionLimits, query_depth
from amplify_mock.simulators.appsync.schema import FieldAuthRule, build_appsync_schema
from resolvers.resolver import FieldInvocation, ResolverOutcome

__all__ = [
    "ApiState",
    "FieldCall",
    "FieldOutcome",
    "PreparedDocument",
    "RequestContext",
    "ResolverRunner",
    "create_api_state",
]

LOG = logging.getLogger(__name__)
Info = GraphQLResolveInfo[Any]
_DOCUMENT_CACHE_SIZE = 512
#: Documents longer than this are parsed and validated off the event loop (validation of
#: thousands of aliases is quadratic), so other requests keep being served meanwhile.
_LARGE_DOCUMENT = 4096
#: A bound on the parser's work (a token is a name, punctuator or value of the document).
_MAX_TOKENS = 200_000
_NO_EVENT: Any = object()


# What a resolver gets (`$ctx.arguments`, `$ctx.source`, `$ctx.identity`, request, info) and
# what it returns (result, `$util.appendError` errors, `$extensions`): the `resolvers` types.
FieldCall = FieldInvocation
FieldOutcome = ResolverOutcome


class ResolverRunner(Protocol):
    """Runs one unit or pipeline resolver (the `resolvers` package, or a fake in tests)."""

    def __call__(
        self, spec: ResolverSpec, call: FieldCall, data_sources: Mapping[str, Any], /
    ) -> Awaitable[FieldOutcome]: ...


@dataclass
class RequestContext:
    """Per-request state handed to every field resolver (graphql-core's context value)."""

    auth: RequestAuth
    request: dict[str, Any]
    publish: Callable[[str, Any], None] | None = None
    appended_errors: list[GraphQLError] = field(default_factory=list)
    event: Any = _NO_EVENT
    subscription_extensions: dict[str, dict[str, Any]] = field(default_factory=dict)
    subscription_arguments: dict[str, dict[str, Any]] = field(default_factory=dict)
    limits: ExecutionLimits = field(default_factory=ExecutionLimits)
    #: Resolvers invoked so far by this request (AppSync's `resolverCountLimit` counts them).
    resolver_count: int = 0
    turns: ResolverTurns = field(default_factory=lambda: ResolverTurns(YIELD_EVERY))
    #: AppSync's `requestId` in the field logs.
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))


class ResolverTurns:
    """At most `per_turn` resolver invocations of one request per turn of the event loop.

    graphql-core starts every field of a list at once; a fan-out of thousands of fields would
    run them all before the loop serves anything else. A slot is handed back only on the
    loop's next turn, so other requests (and a cancellation) get the loop between turns.
    """

    def __init__(self, per_turn: int) -> None:
        self.per_turn = per_turn
        self._slots: asyncio.Semaphore | None = None

    async def __aenter__(self) -> None:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.per_turn)
        await self._slots.acquire()

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._slots is not None
        asyncio.get_running_loop().call_soon(self._slots.release)


@dataclass(frozen=True)
class PreparedDocument:
    """A parsed and validated document (cached per query text)."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]
    #: The fast path's plan per operation name (None: the general executor), built on first use.
    plans: dict[str | None, FastPlan | None] = field(default_factory=dict, compare=False)
    #: The nesting depth per operation name, measured on first use.
    depths: dict[str | None, int] = field(default_factory=dict, compare=False)

    def depth(self, operation_name: str | None) -> int:
        if operation_name not in self.depths:
            operation = self.operation(operation_name)
            if operation is None or self.document is None:
                return 0
            fragments = {
                d.name.value: d
                for d in self.document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            self.depths[operation_name] = query_depth(operation, fragments)
        return self.depths[operation_name]

    def operation(self, operation_name: str | None) -> OperationDefinitionNode | None:
        if self.document is None:
            return None
        operations = [
            d for d in self.document.definitions if isinstance(d, OperationDefinitionNode)
        ]
        if operation_name is None:
            return operations[0] if len(operations) == 1 else None
        return next((o for o in operations if o.name and o.name.value == operation_name), None)


class _DocumentCache:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.entries: OrderedDict[str, PreparedDocument] = OrderedDict()

    def find(self, query: str) -> PreparedDocument | None:
        entry = self.entries.get(query)
        if entry is not None:
            self.entries.move_to_end(query)
        return entry

    def build(self, query: str) -> PreparedDocument:
        """Parse and validate (touches no cache state, so it may run in a worker thread)."""
        try:
            document = parse(query, max_tokens=_MAX_TOKENS)
        except GraphQLError as err:
            return PreparedDocument(None, (err,))
        except RecursionError:
            return PreparedDocument(None, (GraphQLError("Query is nested too deeply."),))
        try:
            return PreparedDocument(document, tuple(validate(self.schema, document)))
        except RecursionError:
            return PreparedDocument(None, (GraphQLError("Query is nested too deeply."),))

    def store(self, query: str, entry: PreparedDocument) -> PreparedDocument:
        self.entries[query] = entry
        if len(self.entries) > _DOCUMENT_CACHE_SIZE:
            self.entries.popitem(last=False)
        return entry

    def get(self, query: str) -> PreparedDocument:
        return self.find(query) or self.store(query, self.build(query))

    async def get_async(self, query: str) -> PreparedDocument:
        entry = self.find(query)
        if entry is not None:
            return entry
        if len(query) > _LARGE_DOCUMENT:
            entry = await asyncio.to_thread(self.build, query)
        else:
            entry = self.build(query)
        return self.store(query, entry)


@dataclass(frozen=True, eq=False)
class ApiState:
    """Everything one version of the API needs to serve requests; replaced whole on reload."""

    config: ApiConfig
    schema: GraphQLSchema
    documents: _DocumentCache
    #: (type, field) pairs served by the plain default resolver (no auth check, no resolver).
    plain_fields: frozenset[tuple[str, str]] = frozenset()

    @property
    def limits(self) -> ExecutionLimits:
        """AppSync's limits for this API (`resolverCountLimit`, `queryDepthLimit`)."""
        return ExecutionLimits.for_api(
            self.config.resolver_count_limit, self.config.query_depth_limit
        )

    def prepare(self, query: str) -> PreparedDocument:
        return self.documents.get(query)

    async def prepare_async(self, query: str) -> PreparedDocument:
        """`prepare`, with a large uncached document parsed and validated off the loop."""
        return await self.documents.get_async(query)

    def _plan(self, prepared: PreparedDocument, operation_name: str | None) -> FastPlan | None:
        if operation_name in prepared.plans:
            plan = prepared.plans[operation_name]
        else:
            operation = prepared.operation(operation_name)
            plan = prepared.plans[operation_name] = (
                build_plan(self.schema, operation, operation_name, self.plain_fields)
                if operation is not None
                else None
            )
        # A document prepared on an older state (hot reload) runs the general way.
        return plan if plan is not None and plan.schema is self.schema else None

    async def execute(
        self,
        prepared: PreparedDocument,
        context: RequestContext,
        *,
        variables: Mapping[str, Any] | None = None,
        operation_name: str | None = None,
        root_value: Any = None,
    ) -> dict[str, Any]:
        """Execute a prepared document; the response body in AppSync's shape."""
        if prepared.document is None or prepared.errors:
            return {"data": None, "errors": [format_error(e) for e in prepared.errors]}
        depth = prepared.depth(operation_name)
        if depth > context.limits.query_depth:
            error = QueryDepthLimitError(depth, context.limits.query_depth)
            return {
                "data": None,
                "errors": [format_error(GraphQLError(error.message, original_error=error))],
            }
        plan = self._plan(prepared, operation_name)
        if plan is not None:
            result = await run_plan(plan, prepared.document, context, variables or {}, root_value)
        else:
            result = await execute_operation(
                self.schema, prepared.document, context, variables or {}, operation_name, root_value
            )
        body: dict[str, Any] = {"data": result.data}
        completed = [_appsync_null_error(self.schema, e) for e in result.errors or ()]
        errors = _one_limit_error([*completed, *context.appended_errors])
        if errors:
            body["errors"] = [format_error(e) for e in errors]
        return body


_NON_NULL_FIELD = re.compile(r"^Cannot return null for non-nullable field (\w+)\.(\w+)\.$")


def _appsync_null_error(schema: GraphQLSchema, error: GraphQLError) -> GraphQLError:
    """graphql-core's non-null violation in AppSync's words: "Cannot return null for
    non-nullable type: 'String' within parent 'Require' (/updateRequire/requiredField)"."""
    match = _NON_NULL_FIELD.match(error.message)
    parent = schema.get_type(match.group(1)) if match else None
    if match is None or not is_object_type(parent) or error.path is None:
        return error
    field_def = parent.fields.get(match.group(2))
    if field_def is None or not is_non_null_type(field_def.type):
        return error
    path = "/" + "/".join(str(part) for part in error.path)
    message = (
        f"Cannot return null for non-nullable type: '{field_def.type.of_type}' "
        f"within parent '{parent.name}' ({path})"
    )
    return GraphQLError(message, error.nodes, path=error.path)


def _one_limit_error(errors: list[GraphQLError]) -> list[GraphQLError]:
    """Every resolver past the limit fails the same way: AppSync reports that once."""
    out: list[GraphQLError] = []
    seen = False
    for error in errors:
        if isinstance(error.original_error, ResolverCountLimitError):
            if seen:
                continue
            seen = True
        out.append(error)
    return out


def create_api_state(
    config: ApiConfig, data_sources: Mapping[str, Any], runner: ResolverRunner
) -> ApiState:
    """Build the schema of `config` and bind its resolvers, auth checks and subscriptions.

    :raises SchemaBuildError: the schema does not build.
    """
    schema, rules, routes = build_appsync_schema(
        config.schema_sdl, config.default_auth.authentication_type
    )
    resolvers = {(r.type_name, r.field_name): r for r in config.resolvers}
    subscription_type = schema.subscription_type.name if schema.subscription_type else None
    mutation_type = schema.mutation_type.name if schema.mutation_type else None
    all_modes = config.auth_modes
    plain_fields: set[tuple[str, str]] = set()
    # A Lambda authorizer can deny any field (deniedFields), so then every field is checked.
    lambda_auth = AuthenticationType.AWS_LAMBDA in all_modes
    for (type_name, field_name), rule in rules.items():
        gql_type = schema.type_map[type_name]
        gql_field = gql_type.fields[field_name]  # type: ignore[attr-defined]
        unrestricted = rule.modes >= all_modes and not rule.cognito_groups
        check = None if unrestricted and not lambda_auth else rule
        spec = resolvers.get((type_name, field_name))
        if spec is not None:
            gql_field.resolve = _bound_resolver(
                spec,
                check,
                runner,
                data_sources,
                routes.get(field_name, ()) if type_name == mutation_type else (),
                is_subscription=type_name == subscription_type,
            )
        elif type_name == subscription_type:
            gql_field.resolve = _subscription_passthrough(field_name, check)
        elif check is not None:
            gql_field.resolve = _checked_default(field_name, check)
        else:
            gql_field.resolve = _plain_default(field_name)
            plain_fields.add((type_name, field_name))
    return ApiState(
        config=config,
        schema=schema,
        documents=_DocumentCache(schema),
        plain_fields=frozenset(plain_fields),
    )


def _check(rule: FieldAuthRule | None, info: Info) -> None:
    context: RequestContext = info.context
    auth = context.auth
    if rule is not None:
        allowed = auth.mode in rule.modes
        if (
            allowed
            and rule.cognito_groups
            and auth.mode is AuthenticationType.AMAZON_COGNITO_USER_POOLS
        ):
            allowed = any(group in rule.cognito_groups for group in auth.groups)
        if not allowed:
            raise _unauthorized(info)
    if auth.denied_fields and f"{info.parent_type.name}.{info.field_name}" in auth.denied_fields:
        raise _unauthorized(info)


def _unauthorized(info: Info) -> FieldUnauthorizedError:
    return FieldUnauthorizedError(info.parent_type.name, info.field_name)


def _plain_default(field_name: str) -> Callable[..., Any]:
    def resolve(source: Any, info: Info, **_: Any) -> Any:
        if isinstance(source, Mapping):
            return source.get(field_name)
        return getattr(source, field_name, None)

    return resolve


def _checked_default(field_name: str, rule: FieldAuthRule) -> Callable[..., Any]:
    plain = _plain_default(field_name)

    def resolve(source: Any, info: Info, **_: Any) -> Any:
        _check(rule, info)
        return plain(source, info)

    return resolve


def _subscription_passthrough(field_name: str, rule: FieldAuthRule | None) -> Callable[..., Any]:
    def resolve(source: Any, info: Info, **arguments: Any) -> Any:
        context: RequestContext = info.context
        if context.event is not _NO_EVENT:
            return context.event
        _check(rule, info)
        context.subscription_arguments[field_name] = _argument_filter(info, arguments)
        return None

    return resolve


def _argument_filter(info: Info, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The subscription arguments AppSync matches against the published fields: those named
    like a field of the returned type (a v2 `filter: ModelSubscription...FilterInput` is not one;
    its response template turns it into an enhanced filter)."""
    returned = get_named_type(info.return_type)
    fields = returned.fields if is_object_type(returned) else {}
    return {name: value for name, value in arguments.items() if name in fields}


def _bound_resolver(
    spec: ResolverSpec,
    rule: FieldAuthRule | None,
    runner: ResolverRunner,
    data_sources: Mapping[str, Any],
    subscribers: tuple[str, ...],
    *,
    is_subscription: bool,
) -> Callable[..., Any]:
    async def resolve(source: Any, info: Info, **arguments: Any) -> Any:
        context: RequestContext = info.context
        if is_subscription and context.event is not _NO_EVENT:
            return context.event
        context.resolver_count += 1
        if context.resolver_count > context.limits.resolver_count:
            raise ResolverCountLimitError(context.limits.resolver_count)
        _check(rule, info)
        if is_subscription:
            context.subscription_arguments[info.field_name] = _argument_filter(info, arguments)
        call = FieldCall(
            arguments=arguments,
            source=source,
            identity=context.auth.identity,
            request=context.request,
            info=_info_dict(info),
            path=info.path.as_list,
            request_id=context.request_id,
            return_type=info.return_type,
        )
        async with context.turns:
            outcome = await runner(spec, call, data_sources)
        for error in outcome.errors:
            context.appended_errors.append(
                GraphQLError(
                    getattr(error, "message", str(error)),
                    nodes=info.field_nodes,
                    path=info.path.as_list(),
                    original_error=error if isinstance(error, Exception) else None,
                )
            )
        if is_subscription and outcome.extensions:
            context.subscription_extensions[info.field_name] = outcome.extensions
        if subscribers and outcome.data is not None and context.publish is not None:
            for subscription_field in subscribers:
                context.publish(subscription_field, outcome.data)
        return outcome.data

    return resolve


_SELECTION_CACHE: dict[int, tuple[FieldNode, list[str], str]] = {}
_SELECTION_CACHE_SIZE = 4096


def _selection(info: Info) -> tuple[list[str], str]:
    """`selectionSetList` and `selectionSetGraphQL`, cached per field node of a cached document."""
    node = info.field_nodes[0]
    cached = _SELECTION_CACHE.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1], cached[2]
    selection_set = node.selection_set
    if selection_set is None:
        listed: list[str] = []
        printed = ""
    else:
        listed = _selection_list(selection_set, info.fragments)
        printed = print_ast(selection_set)
    if len(_SELECTION_CACHE) >= _SELECTION_CACHE_SIZE:
        _SELECTION_CACHE.clear()
    _SELECTION_CACHE[id(node)] = (node, listed, printed)
    return listed, printed


def _info_dict(info: Info) -> dict[str, Any]:
    listed, printed = _selection(info)
    return {
        "fieldName": info.field_name,
        "parentTypeName": info.parent_type.name,
        "variables": dict(info.variable_values.coerced) if info.variable_values else {},
        "selectionSetList": list(listed),
        "selectionSetGraphQL": printed,
    }


def _selection_list(
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    prefix: str = "",
    out: list[str] | None = None,
) -> list[str]:
    """Field paths (`items/id`) in document order, each once, fragments flattened."""
    out = [] if out is None else out
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            name = selection.name.value
            if name == "__typename":
                continue
            path = f"{prefix}{name}"
            if path not in out:
                out.append(path)
            if selection.selection_set:
                _selection_list(selection.selection_set, fragments, f"{path}/", out)
        elif isinstance(selection, InlineFragmentNode):
            _selection_list(selection.selection_set, fragments, prefix, out)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                _selection_list(fragment.selection_set, fragments, prefix, out)
    return out


def operation_type(prepared: PreparedDocument, operation_name: str | None) -> OperationType | None:
    operation = prepared.operation(operation_name)
    return operation.operation if operation is not None else None
