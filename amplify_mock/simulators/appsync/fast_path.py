"""A precomputed execution plan for the common request: one root field selecting scalar leaves.

For `getTodo(id: $id) { id name createdAt }`-like documents graphql-core's executor costs
more per request than the resolver itself (collecting fields, one resolve info and one
completion per leaf through the general machinery). A plan covers an operation with one
root field that has a resolver and selects only scalar or enum leaves served by the plain
default resolver, with no fragments, directives, arguments on leaves or `__typename`. It
coerces variables and arguments, builds the resolve info and calls the resolver through
graphql-core's own functions, then completes the leaves with the same `coerce_output_value`.

Anything else after the resolver ran (it raised, returned null for a non-null field or a
value that is not a dict, or a leaf that does not coerce) is handed back to graphql-core with
the root field's outcome replayed, so the response is the executor's, byte for byte, and the
resolver still runs exactly once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLField,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    Undefined,
    execute,
    is_leaf_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution import Executor
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, is_awaitable

__all__ = ["FastPlan", "build_plan", "execute_operation", "run_plan"]

#: Leaf value types the plan completes itself; any other value (an Exception, an awaitable)
#: is completed, and reported, by graphql-core.
_SIMPLE_TYPES = frozenset({str, int, float, bool, dict, list})


@dataclass(frozen=True)
class _Leaf:
    key: str
    name: str
    type: GraphQLLeafType
    non_null: bool


@dataclass(frozen=True)
class FastPlan:
    """What a request of a planned document does, decided once per cached document."""

    schema: GraphQLSchema
    operation_name: str | None
    root_type: GraphQLObjectType
    field: GraphQLField
    node: FieldNode
    key: str
    non_null: bool
    leaves: tuple[_Leaf, ...]


def build_plan(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    operation_name: str | None,
    plain_fields: Collection[tuple[str, str]],
) -> FastPlan | None:
    """The plan for a validated document's `operation`, or None when it needs the executor.

    Fragments need no check of their own: a spread or inline fragment is not a `FieldNode`.
    """
    if operation.directives:
        return None
    if operation.operation is OperationType.QUERY:
        root_type = schema.query_type
    elif operation.operation is OperationType.MUTATION:
        root_type = schema.mutation_type
    else:
        return None
    selections = operation.selection_set.selections
    if root_type is None or len(selections) != 1:
        return None
    node = selections[0]
    if not isinstance(node, FieldNode) or node.directives or node.name.value.startswith("__"):
        return None
    field = root_type.fields.get(node.name.value)
    if field is None or field.resolve is None or node.selection_set is None:
        return None
    non_null = is_non_null_type(field.type)
    object_type = field.type.of_type if non_null else field.type
    if not is_object_type(object_type) or object_type.is_type_of is not None:
        return None  # a list, an interface or union, or a type with its own check
    leaves: list[_Leaf] = []
    for selection in node.selection_set.selections:
        if (
            not isinstance(selection, FieldNode)
            or selection.directives
            or selection.arguments
            or selection.selection_set
        ):
            return None
        name = selection.name.value
        leaf_field = object_type.fields.get(name)
        if leaf_field is None or leaf_field.args or (object_type.name, name) not in plain_fields:
            return None
        leaf_type = leaf_field.type
        leaf_non_null = is_non_null_type(leaf_type)
        inner = leaf_type.of_type if leaf_non_null else leaf_type
        key = selection.alias.value if selection.alias else name
        if not is_leaf_type(inner) or any(leaf.key == key for leaf in leaves):
            return None
        leaves.append(_Leaf(key, name, inner, leaf_non_null))
    return FastPlan(
        schema=schema,
        operation_name=operation_name,
        root_type=root_type,
        field=field,
        node=node,
        key=node.alias.value if node.alias else node.name.value,
        non_null=non_null,
        leaves=tuple(leaves),
    )


class _Replay:
    """Middleware answering the root field with the outcome the fast path already has."""

    def __init__(self, value: Any, error: Exception | None) -> None:
        self.value = value
        self.error = error

    def resolve(
        self, next_: Callable[..., Any], root: Any, info: GraphQLResolveInfo[Any], **args: Any
    ) -> Any:
        if info.path.prev is not None:
            return next_(root, info, **args)
        if self.error is not None:
            raise self.error
        return self.value


def _complete(plan: FastPlan, result: Any) -> dict[str, Any] | None:
    """The response data, or None when graphql-core must complete (and report) it."""
    if result is None:
        return None if plan.non_null else {plan.key: None}
    if type(result) is not dict:
        return None
    completed: dict[str, Any] = {}
    for leaf in plan.leaves:
        value = result.get(leaf.name)
        if value is None:
            if leaf.non_null:
                return None
            completed[leaf.key] = None
            continue
        if type(value) not in _SIMPLE_TYPES:
            return None
        try:
            coerced = leaf.type.coerce_output_value(value)
        except Exception:
            return None
        if coerced is None or coerced is Undefined:
            return None
        completed[leaf.key] = coerced
    return {plan.key: completed}


async def execute_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    context: Any,
    variables: Mapping[str, Any],
    operation_name: str | None,
    root_value: Any,
    middleware: list[Any] | None = None,
) -> ExecutionResult:
    """graphql-core's executor: the general path, and the fast path's fallback."""
    result = execute(
        schema,
        document,
        root_value=root_value,
        context_value=context,
        variable_values=dict(variables),
        operation_name=operation_name,
        middleware=middleware,
    )
    return result if isinstance(result, ExecutionResult) else await result


async def run_plan(
    plan: FastPlan,
    document: DocumentNode,
    context: Any,
    variables: Mapping[str, Any],
    root_value: Any,
) -> ExecutionResult:
    """What `graphql.execute` would answer for the planned document."""

    def general(middleware: list[Any] | None = None) -> Awaitable[ExecutionResult]:
        return execute_operation(
            plan.schema, document, context, variables, plan.operation_name, root_value, middleware
        )

    executor = Executor.build(
        plan.schema, document, root_value, context, dict(variables), plan.operation_name
    )
    if isinstance(executor, list):
        return await general()
    field, node = plan.field, plan.node
    path = Path(None, plan.key, plan.root_type.name)
    info = executor.build_resolve_info(field, [node], plan.root_type, path)
    try:
        args = (
            get_argument_values(field, node, executor.variable_values)
            if field.args or node.arguments
            else {}
        )
    except Exception:
        return await general()
    assert field.resolve is not None
    error: Exception | None = None
    result: Any = None
    try:
        result = field.resolve(root_value, info, **args)
        if is_awaitable(result):
            result = await result
    except Exception as err:
        error = err
    data = _complete(plan, result) if error is None else None
    if data is not None:
        return ExecutionResult(data)
    return await general([_Replay(result, error)])
