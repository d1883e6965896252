"""compile_data: a Gen 2 data definition through the v2 transformer (2.x line, Gen 2 construct
settings), written as a build the local AppSync endpoint serves."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from amplify_mock.gen2 import (
    ApiKeyMode,
    Gen2Backend,
    Gen2DefinitionError,
    compile_data,
    load_backend,
)
from amplify_mock.simulators.appsync.app import create_app
from amplify_mock.simulators.appsync.state import StateHolder, build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store
from tests.gen2.conftest import PROJECTS
from tests.transformer.v2.golden_support import GOLDEN_DIR, V2Case

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
API_KEY = "da2-gen2testkey"


def test_compile_data_is_the_golden_build(tmp_path: Path, node_modules: Path) -> None:
    case = V2Case("gen2-sdl-blog-references", GOLDEN_DIR / "gen2-sdl-blog-references")
    backend = load_backend(PROJECTS / "sdl-blog-references", node_modules=node_modules)
    assert backend.data is not None
    # the oracle names its API key "oracle"; the project gives no description
    modes = backend.data.authorization_modes
    modes = replace(modes, api_key=ApiKeyMode(7, "oracle"))
    backend = replace(backend, data=replace(backend.data, authorization_modes=modes))
    build = compile_data(backend, tmp_path / "build", now=case.oracle_clock(), api_name="v2oracle")
    assert build.files() == case.expected_files()
    written = {
        str(p.relative_to(tmp_path / "build"))
        for p in (tmp_path / "build").rglob("*")
        if p.is_file()
    }
    assert written == set(case.expected_files())


def test_compile_data_without_data(tmp_path: Path) -> None:
    backend = Gen2Backend(project_root=tmp_path, resources={})
    with pytest.raises(Gen2DefinitionError) as caught:
        compile_data(backend, tmp_path / "build")
    assert caught.value.message == (
        f"Gen 2 backend definition: {tmp_path} defines no data (defineData) to serve"
    )


def test_compile_data_reports_transformer_errors_with_the_resource_file(
    tmp_path: Path, node_modules: Path
) -> None:
    backend = load_backend(PROJECTS / "sdl-todo", node_modules=node_modules)
    assert backend.data is not None
    broken = replace(backend.data, schema="type Todo @model { id: ID! owner: Post @hasOne }")
    with pytest.raises(Gen2DefinitionError) as caught:
        compile_data(replace(backend, data=broken), tmp_path / "build")
    assert caught.value.message == (
        f"Gen 2 backend definition: {PROJECTS / 'sdl-todo/amplify/data/resource.ts'}: "
        'Schema validation failed.\n\nUnknown type "Post".\n\nGraphQL request:1:35\n'
        "1 | type Todo @model { id: ID! owner: Post @hasOne }\n"
        "  |                                   ^ "
    )


@pytest.fixture
async def store_client() -> AsyncIterator[StoreClient]:
    store = Store.open(None)
    yield StoreClient(store)
    store.close()


async def _serve(
    aiohttp_client: ClientFactory, store: StoreClient, build_dir: Path
) -> TestClient[Any, Any]:
    factory = data_source_factory(dynamodb_client=store)
    state = build_api_state(build_dir, data_source_factory=factory, api_key=API_KEY)
    await ensure_tables(store, state.config)
    return await aiohttp_client(create_app(StateHolder(state)))


async def _post(client: TestClient[Any, Any], query: str, **variables: Any) -> Any:
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers={"x-api-key": API_KEY}
    )
    return await response.json()


async def test_compile_data_build_is_served_with_managed_tables_and_index(
    tmp_path: Path,
    node_modules: Path,
    aiohttp_client: ClientFactory,
    store_client: StoreClient,
) -> None:
    backend = load_backend(PROJECTS / "sdl-secondary-index", node_modules=node_modules)
    compile_data(backend, tmp_path / "build")
    client = await _serve(aiohttp_client, store_client, tmp_path / "build")
    create = (
        "mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) "
        "{ id name accountRepresentativeId } }"
    )
    for name, rep in (("Bea", "r1"), ("Al", "r1"), ("Cy", "r2")):
        created = await _post(client, create, input={"name": name, "accountRepresentativeId": rep})
        assert created["data"]["createCustomer"]["name"] == name
    by_rep = await _post(
        client,
        'query { customersByRepresentative(accountRepresentativeId: "r1") { items { name } } }',
    )
    assert by_rep == {
        "data": {"customersByRepresentative": {"items": [{"name": "Al"}, {"name": "Bea"}]}}
    }
    listed = await _post(client, "query { listCustomers { items { name } } }")
    assert sorted(i["name"] for i in listed["data"]["listCustomers"]["items"]) == [
        "Al",
        "Bea",
        "Cy",
    ]
