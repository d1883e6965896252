"""Tests of the per-type and per-field `@aws_*` auth checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
from amplify_mock.simulators.appsync.config import (
    ApiConfig,
    AuthenticationType,
    AuthProvider,
    ResolverSpec,
)
from amplify_mock.simulators.appsync.state import StateHolder

from .conftest import API_KEY, FakeRunner, make_state, user_pool_token

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
IAM_AUTH = (
    "AWS4-HMAC-SHA256 Credential=ASIAVJKIAM-AuthRole/20240101/us-east-1/appsync/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=abc"
)
IAM_HEADERS = {"Authorization": IAM_AUTH, "x-amz-date": "20240101T000000Z"}


async def _query(client: TestClient[Any, Any], query: str, **headers: str) -> Any:
    response = await client.post("/graphql", json={"query": query}, headers=headers)
    return await response.json()


def _unauthorized(field: str, type_name: str, path: list[Any]) -> dict[str, Any]:
    return {
        "errorType": "Unauthorized",
        "message": f"Not Authorized to access {field} on type {type_name}",
        "path": path,
    }


def _errors(body: Any) -> list[dict[str, Any]]:
    return [{k: e[k] for k in ("errorType", "message", "path")} for e in body.get("errors", [])]


async def test_directive_default_mode_applies_without_directive(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = FakeRunner({"Query.getPost": lambda c: {"id": "p1", "title": "t"}})
    client = await aiohttp_client(create_app(StateHolder(make_state(blog_config, runner))))
    body = await _query(client, '{ getPost(id: "p1") { id } }', **{"x-api-key": API_KEY})
    assert body["data"] == {"getPost": None}
    assert _errors(body) == [_unauthorized("getPost", "Query", ["getPost"])]
    assert runner.calls == []
    body = await _query(client, '{ getPost(id: "p1") { id } }', Authorization=user_pool_token())
    assert body == {"data": {"getPost": {"id": "p1"}}}


async def test_directive_field_allows_listed_modes(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = FakeRunner({"Query.getBlog": lambda c: {"id": "b1", "name": "n"}})
    client = await aiohttp_client(create_app(StateHolder(make_state(blog_config, runner))))
    for headers in ({"x-api-key": API_KEY}, IAM_HEADERS):
        body = await _query(client, '{ getBlog(id: "b1") { id name } }', **headers)
        assert body == {"data": {"getBlog": {"id": "b1", "name": "n"}}}


async def test_directive_type_rule_applies_to_nested_fields(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    # Blog allows the API key, ModelPostConnection does not: its non-null items fail.
    runner = FakeRunner({"Query.getBlog": lambda c: {"id": "b1", "name": "n"},
                         "Blog.posts": lambda c: {"items": [{"id": "p1"}]}})  # fmt: skip
    client = await aiohttp_client(create_app(StateHolder(make_state(blog_config, runner))))
    body = await _query(
        client, '{ getBlog(id: "b1") { id posts { items { id } } } }', **{"x-api-key": API_KEY}
    )
    assert body["data"]["getBlog"]["id"] == "b1"
    assert body["data"]["getBlog"]["posts"] is None
    assert _errors(body) == [
        _unauthorized("items", "ModelPostConnection", ["getBlog", "posts", "items"])
    ]


def _returns(value: str) -> Callable[[Any], str]:
    return lambda call: value


GROUPS_SDL = """
type Query {
  open: String
  admins: String @aws_cognito_user_pools(cognito_groups: ["Admin"])
  keyed: String @aws_api_key
}
"""


async def test_directive_cognito_groups_limit_a_field(aiohttp_client: ClientFactory) -> None:
    config = ApiConfig(
        name="groups",
        schema_sdl=GROUPS_SDL,
        default_auth=AuthProvider(AuthenticationType.AMAZON_COGNITO_USER_POOLS),
        additional_auth=(AuthProvider(AuthenticationType.API_KEY),),
        api_key=API_KEY,
        resolvers=tuple(
            ResolverSpec("Query", name, "UNIT", "NONE", None, None)
            for name in ("open", "admins", "keyed")
        ),
    )
    runner = FakeRunner({f"Query.{name}": _returns(name) for name in ("open", "admins", "keyed")})
    client = await aiohttp_client(create_app(StateHolder(make_state(config, runner))))
    admin = user_pool_token("root", ["Admin"])
    body = await _query(client, "{ open admins }", Authorization=admin)
    assert body == {"data": {"open": "open", "admins": "admins"}}
    body = await _query(
        client, "{ open admins keyed }", Authorization=user_pool_token("bob", ["Users"])
    )
    assert body["data"] == {"open": "open", "admins": None, "keyed": None}
    assert _errors(body) == [
        _unauthorized("admins", "Query", ["admins"]),
        _unauthorized("keyed", "Query", ["keyed"]),
    ]


async def test_directive_lambda_denied_fields(aiohttp_client: ClientFactory) -> None:
    sdl = "type Item { id: ID secret: String }\ntype Query { item: Item }"
    config = ApiConfig(
        name="lambda",
        schema_sdl=sdl,
        default_auth=AuthProvider(AuthenticationType.AWS_LAMBDA, lambda_function_name="auth"),
        resolvers=(ResolverSpec("Query", "item", "UNIT", "NONE", None, None),),
    )

    async def authorizer(function_name: str, event: dict[str, Any]) -> Any:
        return {"isAuthorized": True, "deniedFields": ["Item.secret"]}

    runner = FakeRunner({"Query.item": lambda c: {"id": "1", "secret": "s"}})
    app = create_app(
        StateHolder(make_state(config, runner)),
        options=EndpointOptions(lambda_authorizer=authorizer),
    )
    client = await aiohttp_client(app)
    body = await _query(client, "{ item { id secret } }", Authorization="token")
    assert body["data"] == {"item": {"id": "1", "secret": None}}
    assert _errors(body) == [_unauthorized("secret", "Item", ["item", "secret"])]
