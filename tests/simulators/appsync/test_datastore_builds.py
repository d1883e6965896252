"""DataStore-enabled builds served by the endpoint: versioned data sources, each build's conflict
handler, `sync<Model>s`. v2 builds are the real v2 transformer's output (v2 golden suite); the v1
build is the v1 transformer core suite's expected output (`datastore_sync`)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync.app import create_app
from amplify_mock.simulators.appsync.loader import load_api_config
from amplify_mock.simulators.appsync.state import StateHolder, build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store
from amplify_mock.simulators.lambda_ import LambdaRunner
from resolvers.data_sources import dynamodb_versioned
from tests.simulators.lambda_.project import add_function, write_project

from .conftest import API_KEY, user_pool_token

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
V2_GOLDEN = Path(__file__).parents[2] / "transformer" / "v2" / "golden"
V1_SYNC_BUILD = Path(__file__).parents[2] / "transformer" / "core_data" / "datastore_sync" / "build"
KEY = {"x-api-key": API_KEY}
NOTE = "id title content _version _deleted _lastChangedAt"


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> int:
    """Every change one second after the previous one (changes in the same millisecond would
    make `lastSync` boundaries depend on the machine's speed)."""
    ticks = iter(range(10_000))
    start = int(time.time() * 1000) - 3_600_000
    monkeypatch.setattr(dynamodb_versioned, "_now_ms", lambda: start + 1000 * next(ticks))
    monkeypatch.setattr(dynamodb_versioned, "_now_s", lambda: start // 1000)
    return start


@pytest.fixture
async def store_client() -> AsyncIterator[StoreClient]:
    store = Store.open(None)
    yield StoreClient(store)
    store.close()


async def _client(
    aiohttp_client: ClientFactory,
    case: str | Path,
    store: StoreClient,
    runner: LambdaRunner | None = None,
) -> TestClient[Any, Any]:
    factory = data_source_factory(dynamodb_client=store, lambda_invoker=runner)
    build = case if isinstance(case, Path) else V2_GOLDEN / case / "build"
    state = build_api_state(build, data_source_factory=factory, api_key=API_KEY)
    await ensure_tables(store, state.config)
    return await aiohttp_client(create_app(StateHolder(state)))


async def _post(
    client: TestClient[Any, Any], query: str, headers: dict[str, str] | None = None
) -> Any:
    response = await client.post("/graphql", json={"query": query}, headers=headers or KEY)
    assert response.status == 200
    return await response.json()


def test_the_loader_carries_the_versioned_data_source_and_sync_config() -> None:
    config = load_api_config(V2_GOLDEN / "serve-datastore" / "build")
    [note] = [d for d in config.data_sources if d.name == "NoteTable"]
    assert note.delta_sync is not None
    assert (note.delta_sync.base_table_ttl, note.delta_sync.delta_sync_table_ttl) == (43200, 30)
    assert note.delta_sync.table_name in {t.name for t in config.tables}
    functions = {f.name: f for f in config.functions}
    assert functions["MutationUpdateNoteDataResolverFn"].sync_config == {
        "ConflictDetection": "VERSION",
        "ConflictHandler": "AUTOMERGE",
    }


async def test_datastore_build_versions_merges_and_syncs(
    aiohttp_client: ClientFactory, store_client: StoreClient, clock: int
) -> None:
    client = await _client(aiohttp_client, "serve-datastore", store_client)
    before = clock
    created = await _post(
        client, f'mutation {{ createNote(input: {{id: "n1", title: "a"}}) {{ {NOTE} }} }}'
    )
    note = created["data"]["createNote"]
    assert (note["_version"], note["_deleted"]) == (1, None)
    assert note["_lastChangedAt"] == before
    updated = await _post(
        client,
        f'mutation {{ updateNote(input: {{id: "n1", title: "b", _version: 1}}) {{ {NOTE} }} }}',
    )
    assert (updated["data"]["updateNote"]["title"], updated["data"]["updateNote"]["_version"]) == (
        "b",
        2,
    )
    # stale _version under AUTOMERGE: the server's scalar wins, the new field is merged in
    merged = await _post(
        client,
        'mutation { updateNote(input: {id: "n1", title: "stale", content: "new", _version: 1})'
        f" {{ {NOTE} }} }}",
    )
    assert "errors" not in merged
    assert {k: merged["data"]["updateNote"][k] for k in ("title", "content", "_version")} == {
        "title": "b",
        "content": "new",
        "_version": 3,
    }
    deleted = await _post(
        client, f'mutation {{ deleteNote(input: {{id: "n1", _version: 3}}) {{ {NOTE} }} }}'
    )
    assert (
        deleted["data"]["deleteNote"]["_deleted"],
        deleted["data"]["deleteNote"]["_version"],
    ) == (
        True,
        4,
    )
    synced = await _post(client, f"{{ syncNotes {{ items {{ {NOTE} }} nextToken startedAt }} }}")
    page = synced["data"]["syncNotes"]
    assert [(i["id"], i["_version"], i["_deleted"]) for i in page["items"]] == [("n1", 4, True)]
    assert page["nextToken"] is None and page["startedAt"] >= before
    await _post(client, 'mutation { createNote(input: {id: "n2", title: "c"}) { id } }')
    since = await _post(
        client,
        f"{{ syncNotes(lastSync: {page['startedAt']}) {{ items {{ id _version }} startedAt }} }}",
    )
    assert since["data"]["syncNotes"]["items"] == [{"id": "n2", "_version": 1}]


async def test_optimistic_concurrency_build_rejects_a_stale_version(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, "datastore-optimistic-keys", store_client)
    await _post(client, 'mutation { createItem(input: {id: "i1", name: "a"}) { id } }')
    await _post(client, 'mutation { updateItem(input: {id: "i1", name: "b", _version: 1}) { id } }')
    stale = await _post(
        client,
        'mutation { updateItem(input: {id: "i1", name: "mine", _version: 1})'
        " { id name _version } }",
    )
    assert stale["data"] == {"updateItem": None}
    [error] = stale["errors"]
    assert error["errorType"] == "ConflictUnhandled"
    assert error["message"] == "Conflict resolver rejects mutation."
    assert error["path"] == ["updateItem"]
    assert error["data"]["name"] == "b" and error["data"]["_version"] == 2


async def test_v1_datastore_build_versions_merges_and_syncs(
    aiohttp_client: ClientFactory, store_client: StoreClient
) -> None:
    client = await _client(aiohttp_client, V1_SYNC_BUILD, store_client)
    user = {"Authorization": user_pool_token("user1")}
    fields = "id title _version _deleted _lastChangedAt"
    created = await _post(
        client, f'mutation {{ createPost(input: {{id: "p1", title: "a"}}) {{ {fields} }} }}', user
    )
    assert created["data"]["createPost"]["_version"] == 1
    updated = await _post(
        client,
        f'mutation {{ updatePost(input: {{id: "p1", title: "b", _version: 1}}) {{ {fields} }} }}',
        user,
    )
    assert updated.get("errors") is None, updated
    assert updated["data"]["updatePost"]["_version"] == 2
    # the project handler is AUTOMERGE: a stale scalar update keeps the server's value
    stale = await _post(
        client,
        f'mutation {{ updatePost(input: {{id: "p1", title: "old", _version: 1}}) {{ {fields} }} }}',
        user,
    )
    assert (stale["data"]["updatePost"]["title"], stale["data"]["updatePost"]["_version"]) == (
        "b",
        3,
    )
    deleted = await _post(
        client, f'mutation {{ deletePost(input: {{id: "p1", _version: 3}}) {{ {fields} }} }}', user
    )
    assert deleted["data"]["deletePost"]["_deleted"] is True
    synced = await _post(
        client, f"{{ syncPosts {{ items {{ {fields} }} nextToken startedAt }} }}", user
    )
    page = synced["data"]["syncPosts"]
    assert [(i["id"], i["_version"], i["_deleted"]) for i in page["items"]] == [("p1", 4, True)]
    assert isinstance(page["startedAt"], int)


#: the project's conflict handler (a real Node process): RESOLVE for titles starting "resolve",
#: REMOVE for "remove", a crash for "crash", REJECT otherwise; the event is echoed into the item
CONFLICT_HANDLER = """
exports.handler = async (event) => {
  const title = event.newItem.title || event.newItem.text || '';
  if (title.startsWith('crash')) throw new Error('handler crashed on ' + title);
  if (title.startsWith('remove')) return { action: 'REMOVE' };
  if (!title.startsWith('resolve')) return { action: 'REJECT' };
  const seen = [event.resolver.parentType, event.resolver.field, event.resolver.tableName,
                String(event.identity), event.existingItem.title, event.arguments.input.title];
  return { action: 'RESOLVE', item: { ...event.newItem, tags: seen } };
};
"""


async def test_lambda_conflict_handler_runs_the_projects_function(
    aiohttp_client: ClientFactory, store_client: StoreClient, tmp_path: Path
) -> None:
    """datastore-lambda-sandbox: Post's handler is LAMBDA (function `resolver`)."""
    root = write_project(tmp_path)
    add_function(root, "resolver", {"src/index.js": CONFLICT_HANDLER})
    fields = "id title tags _version _deleted"
    async with LambdaRunner(root) as runner:
        client = await _client(aiohttp_client, "datastore-lambda-sandbox", store_client, runner)

        async def update(title: str, version: int) -> Any:
            return await _post(
                client,
                f'mutation {{ updatePost(input: {{id: "p1", title: "{title}", '
                f"_version: {version}}}) {{ {fields} }} }}",
            )

        await _post(client, 'mutation { createPost(input: {id: "p1", title: "a"}) { id } }')
        first = await update("b", 1)
        assert "errors" not in first, first
        assert first["data"]["updatePost"]["_version"] == 2, first
        rejected = await update("mine", 1)
        [error] = rejected["errors"]
        assert (error["errorType"], error["message"]) == (
            "ConflictUnhandled",
            "Conflict resolver rejects mutation.",
        )
        assert (error["data"]["title"], error["data"]["_version"]) == ("b", 2)
        resolved = (await update("resolve me", 1))["data"]["updatePost"]
        tags = resolved.pop("tags")
        assert resolved == {"id": "p1", "title": "resolve me", "_version": 3, "_deleted": None}
        # the event: resolver (parentType, field, tableName), identity (API key: null), the
        # existing item and the mutation's arguments
        assert tags[:2] + tags[3:] == ["Mutation", "updatePost", "null", "b", "resolve me"]
        assert tags[2].startswith("Post")
        crashed = await update("crash", 1)
        [error] = crashed["errors"]
        assert error["errorType"] == "ConflictError"
        assert error["message"].endswith("failed: Error: handler crashed on crash"), error[
            "message"
        ]
        removed = (await update("remove", 2))["data"]["updatePost"]
        assert (removed["_deleted"], removed["_version"]) == (True, 4)
        # Note names the handler `resolver-${env}` (a new function, as `amplify update api`
        # writes it): the same project function answers
        await _post(client, 'mutation { createNote(input: {id: "n1", text: "a"}) { id } }')
        await _post(
            client, 'mutation { updateNote(input: {id: "n1", text: "b", _version: 1}) { id } }'
        )
        note = await _post(
            client,
            'mutation { updateNote(input: {id: "n1", text: "remove", _version: 1})'
            " { id _version _deleted } }",
        )
        assert note["data"]["updateNote"] == {"id": "n1", "_version": 3, "_deleted": True}
