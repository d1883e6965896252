"""The fast path answers exactly what graphql-core's executor answers, resolving once."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from amplify_mock.simulators.appsync.auth import RequestAuth
from amplify_mock.simulators.appsync.config import (
    ApiConfig,
    AuthenticationType,
    AuthProvider,
    ResolverSpec,
)
from amplify_mock.simulators.appsync.execution import (
    ApiState,
    FieldCall,
    FieldOutcome,
    RequestContext,
)
from amplify_mock.simulators.appsync.fast_path import FastPlan
from tests.simulators.appsync.conftest import FakeRunner, make_state

ITEM = {
    "id": "t1",
    "name": "first",
    "description": None,
    "createdAt": "2024-01-01T00:00:00.000Z",
    "updatedAt": "2024-01-01T00:00:00.000Z",
}
GET = "query Get($id: ID!) { getTodo(id: $id) { id name description createdAt updatedAt } }"


class Boom(Exception):
    pass


def _raise(call: FieldCall) -> Any:
    raise Boom("the data source failed")


CASES: list[tuple[str, str, dict[str, Any] | None, Any]] = [
    ("item", GET, {"id": "t1"}, ITEM),
    ("aliases", '{ a: getTodo(id: "t1") { x: id name } }', None, ITEM),
    ("null-item", GET, {"id": "t1"}, None),
    ("missing-non-null-leaf", GET, {"id": "t1"}, {**ITEM, "name": None}),
    ("bad-datetime", GET, {"id": "t1"}, {**ITEM, "createdAt": "yesterday"}),
    ("int-as-string", GET, {"id": "t1"}, {**ITEM, "name": 5}),
    ("dict-as-string", GET, {"id": "t1"}, {**ITEM, "description": {"a": 1}}),
    ("not-a-dict", GET, {"id": "t1"}, ["t1"]),
    ("raises", GET, {"id": "t1"}, _raise),
    ("appended-error", GET, {"id": "t1"}, FieldOutcome(ITEM, errors=[Boom("partial")])),
    ("missing-variable", GET, None, ITEM),
    ("wrong-variable-type", GET, {"id": {"a": 1}}, ITEM),
    ("typename", '{ getTodo(id: "t1") { __typename id } }', None, ITEM),
    ("mutation", 'mutation { createTodo(input: {name: "n"}) { id name } }', None, ITEM),
    ("two-fields", '{ getTodo(id: "t1") { id } listTodos { nextToken } }', None, ITEM),
    (
        "fragment-spread",
        '{ getTodo(id: "t1") { ...F } } fragment F on Todo { id name }',
        None,
        ITEM,
    ),
    ("inline-fragment", '{ getTodo(id: "t1") { ... on Todo { id name } } }', None, ITEM),
]
# Two operations; only the second uses the fragment, so the first is planned.
TWO_OPERATIONS = (
    'query A { getTodo(id: "t1") { id name } } '
    'query B { getTodo(id: "t1") { ...F } } fragment F on Todo { id }'
)


def _states(config: ApiConfig, result: Any) -> tuple[ApiState, ApiState, FakeRunner]:
    def resolve(call: FieldCall) -> Any:
        return result(call) if callable(result) else result

    functions = {
        "Query.getTodo": resolve,
        "Mutation.createTodo": resolve,
        "Query.listTodos": lambda call: {"items": [], "nextToken": None},
    }
    runner = FakeRunner(functions)
    fast = make_state(config, runner)
    # The same state with no field marked plain (and its own document cache): never planned.
    general = replace(fast, plain_fields=frozenset(), documents=type(fast.documents)(fast.schema))
    return fast, general, runner


def _context() -> RequestContext:
    return RequestContext(
        RequestAuth(AuthenticationType.API_KEY), {"headers": {}, "domainName": None}
    )


@pytest.mark.parametrize(("query", "variables", "result"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
async def test_fast_path_answers_as_the_executor(
    todo_config: ApiConfig, query: str, variables: dict[str, Any] | None, result: Any
) -> None:
    fast, general, runner = _states(todo_config, result)
    expected = await general.execute(general.prepare(query), _context(), variables=variables)
    calls = len(runner.calls)
    answered = await fast.execute(fast.prepare(query), _context(), variables=variables)
    assert answered == expected
    assert len(runner.calls) - calls == calls


async def test_fast_path_plans_a_single_root_field_of_scalar_leaves(
    todo_config: ApiConfig,
) -> None:
    fast, _, _ = _states(todo_config, ITEM)
    prepared = fast.prepare(GET)
    await fast.execute(prepared, _context(), variables={"id": "t1"})
    assert isinstance(prepared.plans[None], FastPlan)


async def test_fast_path_leaves_two_root_fields_to_the_executor(todo_config: ApiConfig) -> None:
    fast, _, _ = _states(todo_config, ITEM)
    prepared = fast.prepare('{ getTodo(id: "t1") { id } listTodos { nextToken } }')
    await fast.execute(prepared, _context())
    assert prepared.plans[None] is None


async def test_fast_path_plans_an_operation_beside_a_fragment_it_does_not_use(
    todo_config: ApiConfig,
) -> None:
    fast, general, _ = _states(todo_config, ITEM)
    expected = await general.execute(
        general.prepare(TWO_OPERATIONS), _context(), operation_name="A"
    )
    prepared = fast.prepare(TWO_OPERATIONS)
    answered = await fast.execute(prepared, _context(), operation_name="A")
    assert answered == expected
    assert isinstance(prepared.plans["A"], FastPlan)


# One API-key API: every leaf is plain, so each case below is planned.
LEAVES_SDL = """
enum Color { RED GREEN }
type Item { id: ID! n: Int f: Float b: Boolean c: Color j: AWSJSON }
type Query { getItem(id: ID!): Item }
"""
LEAVES = "query I($id: ID!) { getItem(id: $id) { id n f b c j } }"
LEAF_ITEM = {"id": "i1", "n": 1, "f": 1.5, "b": True, "c": "RED", "j": {"a": [1]}}


@pytest.mark.parametrize(
    "item",
    [
        LEAF_ITEM,
        {**LEAF_ITEM, "n": 2.0},
        {**LEAF_ITEM, "n": "3"},
        {**LEAF_ITEM, "n": True},
        {**LEAF_ITEM, "n": 2.5},
        {**LEAF_ITEM, "n": 2**40},
        {**LEAF_ITEM, "f": 2},
        {**LEAF_ITEM, "b": 0},
        {**LEAF_ITEM, "c": "BLUE"},
        {**LEAF_ITEM, "j": '{"a":1}'},
        {**LEAF_ITEM, "j": [1, "x"]},
    ],
    ids=[
        "as-typed",
        "int-from-whole-float",
        "int-from-string",
        "int-from-bool",
        "int-from-fraction",
        "int-too-big",
        "float-from-int",
        "boolean-from-int",
        "enum-unknown-value",
        "json-string",
        "json-list",
    ],
)
async def test_fast_path_completes_leaf_types_as_the_executor(item: dict[str, Any]) -> None:
    config = ApiConfig(
        name="leaves",
        schema_sdl=LEAVES_SDL,
        default_auth=AuthProvider(AuthenticationType.API_KEY),
        resolvers=(ResolverSpec("Query", "getItem", "UNIT", None, None, None),),
    )
    runner = FakeRunner({"Query.getItem": lambda call: item})
    fast = make_state(config, runner)
    general = replace(fast, plain_fields=frozenset(), documents=type(fast.documents)(fast.schema))
    expected = await general.execute(general.prepare(LEAVES), _context(), variables={"id": "i1"})
    prepared = fast.prepare(LEAVES)
    answered = await fast.execute(prepared, _context(), variables={"id": "i1"})
    assert answered == expected
    assert isinstance(prepared.plans[None], FastPlan)
