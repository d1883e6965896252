"""The fast path answers exactly what graphql-core's executor answers, resolving once."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from amplify_mock.simulators.appsync.auth import RequestAuth
from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType
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
