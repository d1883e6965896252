"""Fixtures for the AppSync endpoint tests: real transformer builds, a fake resolver runner."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from amplify_mock.simulators.appsync.config import ApiConfig, DataSourceSpec, ResolverSpec
from amplify_mock.simulators.appsync.execution import ApiState, FieldCall, FieldOutcome
from amplify_mock.simulators.appsync.loader import load_api_config
from amplify_mock.simulators.appsync.state import build_state_from_config

#: The real transformer's builds of the oracle examples, kept once, in the golden suite.
GOLDEN = Path(__file__).parents[2] / "transformer" / "golden" / "cases"
BUILDS = {name: GOLDEN / f"example-{name}" / "expected" for name in ("todo", "blog", "oidc")}
API_KEY = "da2-fakeApiId123456"

FieldFunction = Callable[[FieldCall], Any]


class FakeRunner:
    """Resolves fields with Python functions keyed by `Type.field` (no VTL, no data store)."""

    def __init__(self, functions: Mapping[str, FieldFunction]) -> None:
        self.functions = dict(functions)
        self.calls: list[tuple[str, FieldCall]] = []

    async def __call__(
        self, spec: ResolverSpec, call: FieldCall, data_sources: Mapping[str, Any]
    ) -> FieldOutcome:
        key = f"{spec.type_name}.{spec.field_name}"
        self.calls.append((key, call))
        function = self.functions.get(key)
        if function is None:
            return FieldOutcome(None)
        result = function(call)
        return result if isinstance(result, FieldOutcome) else FieldOutcome(result)


def todo_functions(items: dict[str, dict[str, Any]]) -> dict[str, FieldFunction]:
    """A tiny Todo backend: create/update/delete/get/list over a dict."""

    def create(call: FieldCall) -> Any:
        item = {"createdAt": "2024-01-01T00:00:00.000Z", "updatedAt": "2024-01-01T00:00:00.000Z"}
        item.update(call.arguments["input"])
        item.setdefault("id", f"id-{len(items) + 1}")
        items[item["id"]] = item
        return item

    def update(call: FieldCall) -> Any:
        item = items[call.arguments["input"]["id"]]
        item.update(call.arguments["input"])
        return item

    return {
        "Mutation.createTodo": create,
        "Mutation.updateTodo": update,
        "Mutation.deleteTodo": lambda call: items.pop(call.arguments["input"]["id"], None),
        "Query.getTodo": lambda call: items.get(call.arguments["id"]),
        "Query.listTodos": lambda call: {"items": list(items.values()), "nextToken": None},
    }


def make_state(config: ApiConfig, runner: FakeRunner) -> ApiState:
    def factory(spec: DataSourceSpec) -> Any:
        return spec

    return build_state_from_config(config, data_source_factory=factory, runner=runner)


def jwt(claims: Mapping[str, Any]) -> str:
    """An unsigned-looking JWT (the mock does not verify signatures by default)."""

    def part(value: Mapping[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256'})}.{part(claims)}.c2lnbmF0dXJl"


def user_pool_token(username: str = "user1", groups: list[str] | None = None, **extra: Any) -> str:
    claims: dict[str, Any] = {
        "sub": f"sub-{username}",
        "iss": "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_fake",
        "cognito:username": username,
        "token_use": "id",
        "email": f"{username}@example.com",
    }
    if groups is not None:
        claims["cognito:groups"] = groups
    claims.update(extra)
    return jwt(claims)


@pytest.fixture
def todo_config() -> ApiConfig:
    return load_api_config(BUILDS["todo"])


@pytest.fixture
def blog_config() -> ApiConfig:
    return load_api_config(BUILDS["blog"])
