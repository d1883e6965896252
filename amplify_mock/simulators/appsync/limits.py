"""AppSync's execution limits: resolvers per request, query depth, request deadline, size.

AppSync stops invoking resolvers once a request has invoked `resolverCountLimit` of them
(10,000 when the API sets none), refuses operations nested deeper than `queryDepthLimit`,
answers a request still running after 30 seconds with an `ExecutionTimeout` error, and refuses
responses over 5 MB. The mock applies the same limits so that one request (a fan-out through
relations, thousands of aliases) can never starve the others: resolvers give the event loop
back every few invocations, so concurrent requests keep being served, and the request's task
is cancelled when its client disconnects or its deadline passes.

Not emulated: with no `queryDepthLimit` AppSync has no depth limit; the mock still refuses
operations nested deeper than `MAX_QUERY_DEPTH` (AppSync's largest configurable limit), which
bounds the executor's recursion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

__all__ = [
    "DEFAULT_RESOLVER_COUNT_LIMIT",
    "MAX_QUERY_DEPTH",
    "REQUEST_TIMEOUT_SECONDS",
    "RESPONSE_SIZE_LIMIT",
    "YIELD_EVERY",
    "ExecutionLimits",
    "query_depth",
]

DEFAULT_RESOLVER_COUNT_LIMIT = 10_000
#: The largest `queryDepthLimit` AppSync accepts (1-75).
MAX_QUERY_DEPTH = 75
REQUEST_TIMEOUT_SECONDS = 30.0
RESPONSE_SIZE_LIMIT = 5 * 1024 * 1024
#: Resolver invocations between two returns to the event loop.
YIELD_EVERY = 16


@dataclass(frozen=True)
class ExecutionLimits:
    """The limits one API applies to each request."""

    resolver_count: int = DEFAULT_RESOLVER_COUNT_LIMIT
    query_depth: int = MAX_QUERY_DEPTH
    timeout: float = REQUEST_TIMEOUT_SECONDS
    response_size: int = RESPONSE_SIZE_LIMIT

    @classmethod
    def for_api(
        cls, resolver_count_limit: int = 0, query_depth_limit: int = 0, **overrides: float
    ) -> ExecutionLimits:
        """The limits of an API whose CloudFormation sets `ResolverCountLimit` /
        `QueryDepthLimit` (0 or absent: AppSync's defaults)."""
        resolver_count = resolver_count_limit if resolver_count_limit > 0 else None
        query_depth = query_depth_limit if query_depth_limit > 0 else None
        return cls(
            resolver_count=min(resolver_count or DEFAULT_RESOLVER_COUNT_LIMIT, 10_000),
            query_depth=min(query_depth or MAX_QUERY_DEPTH, MAX_QUERY_DEPTH),
            timeout=float(overrides.get("timeout", REQUEST_TIMEOUT_SECONDS)),
            response_size=int(overrides.get("response_size", RESPONSE_SIZE_LIMIT)),
        )


def query_depth(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> int:
    """How many levels of fields `operation` nests (a root field alone is 1), fragments
    inlined; without recursion, and each fragment measured once (so neither a deep document
    nor a fragment spread thousands of times is costly)."""
    spreads = {name: _spreads(fragment.selection_set) for name, fragment in fragments.items()}
    depths: dict[str, int] = {}
    # Kahn's order: a fragment is measured once every fragment it spreads is; fragments in a
    # cycle (refused by validation anyway) count as 0.
    waiting = {name: {s for s in names if s in fragments} for name, names in spreads.items()}
    ready = [name for name, needs in waiting.items() if not needs]
    users: dict[str, list[str]] = {}
    for name, needs in waiting.items():
        for needed in needs:
            users.setdefault(needed, []).append(name)
    while ready:
        name = ready.pop()
        depths[name] = _depth(fragments[name].selection_set, depths)
        for user in users.get(name, ()):
            waiting[user].discard(name)
            if not waiting[user]:
                ready.append(user)
    return _depth(operation.selection_set, depths)


def _spreads(selection_set: SelectionSetNode) -> set[str]:
    names: set[str] = set()
    stack = [selection_set]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                names.add(selection.name.value)
            elif (
                isinstance(selection, (FieldNode, InlineFragmentNode))
                and selection.selection_set is not None
            ):
                stack.append(selection.selection_set)
    return names


def _depth(selection_set: SelectionSetNode, fragment_depths: Mapping[str, int]) -> int:
    deepest = 0
    stack: list[tuple[SelectionSetNode, int]] = [(selection_set, 1)]
    while stack:
        current, depth = stack.pop()
        for selection in current.selections:
            if isinstance(selection, FieldNode):
                deepest = max(deepest, depth)
                if selection.selection_set is not None:
                    stack.append((selection.selection_set, depth + 1))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, depth))
            elif isinstance(selection, FragmentSpreadNode):
                relative = fragment_depths.get(selection.name.value, 0)
                if relative:
                    deepest = max(deepest, depth - 1 + relative)
    return deepest
