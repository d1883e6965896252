"""@aws-amplify/datastore 5.x (two Node clients) against `amplify mock` on a v2 project whose
conflict detection `amplify update api` set: AUTOMERGE (Post), OPTIMISTIC_CONCURRENCY (Note),
LAMBDA with the project's function (Task). Client B reaches the mock through a proxy that can cut
it off: its changes queue in the outbox while it is offline and are sent, stale, when it is back.
One mock for the whole flow."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Protocol

import aiohttp
import pytest

from amplify_mock.mock.gen1.project import load_mock_project
from amplify_mock.mock.session import MockSession
from tests.e2e.datastore_clients import (
    CutProxy,
    DataStoreClient,
    ProxyNetwork,
    datastore_project,
)
from tests.e2e.test_mock_auth import mock_options
from tests.e2e.test_mock_session import Recorder

pytestmark = pytest.mark.e2e

FIELDS = "id title tags createdAt updatedAt _version _lastChangedAt _deleted"


class Client(Protocol):
    """A DataStore client of the scenario (a Node process or a chromium page)."""

    async def call(self, cmd: str, **args: Any) -> Any: ...

    async def of(self, event: str, model: str | None = None) -> list[dict[str, Any]]: ...


class Network(Protocol):
    """Client B's network, which the scenario cuts and restores."""

    async def offline(self) -> None: ...

    async def online(self) -> None: ...


@pytest.fixture
async def mock(tmp_path: Path) -> AsyncIterator[MockSession]:
    root = datastore_project(tmp_path)
    session = MockSession(load_mock_project(root), mock_options(), Recorder())
    await session.start()
    try:
        yield session
    finally:
        await session.stop()


async def graphql(session: MockSession, query: str) -> Any:
    assert session.graphql_url is not None and session.state is not None
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            session.graphql_url,
            json={"query": query},
            headers={"x-api-key": str(session.state.config.api_key)},
        )
        body = await response.json()
    assert "errors" not in body, body
    return body["data"]


async def until_live(session: MockSession, clients: tuple[Client, ...]) -> None:
    """DataStore says `ready` once its websocket is connected, before every subscription is
    acknowledged: create probe notes through GraphQL until each client has received one."""
    fields = "id text createdAt updatedAt _version _lastChangedAt _deleted"
    for attempt in range(30):
        data = await graphql(
            session, f'mutation {{ createNote(input: {{text: "probe {attempt}"}}) {{ {fields} }} }}'
        )
        try:
            for client in clients:
                await client.call(
                    "wait", model="Note", id=data["createNote"]["id"], fields={"_version": 1},
                    timeoutMs=1000,
                )  # fmt: skip
        except AssertionError:
            continue
        return
    raise AssertionError("the clients' subscriptions never delivered a probe")


async def stale_update(
    a: Client,
    b: Client,
    network: Network,
    model: str,
    item_id: str,
    mine: dict[str, Any],
    theirs: dict[str, Any],
) -> None:
    """B changes the item offline (its version is the one it had), A changes it online; then B
    comes back and its queued mutation reaches the server with a stale `_version`."""
    await network.offline()
    await b.call("update", model=model, id=item_id, fields=mine)
    await a.call("update", model=model, id=item_id, fields=theirs)
    await a.call("outbox")
    await network.online()
    await b.call("outbox")


async def run_scenario(mock: MockSession, a: Client, b: Client, network: Network) -> None:
    """The whole flow on started clients; B's `network` goes offline and back."""
    await until_live(mock, (a, b))

    # an item created through plain GraphQL reaches both clients (subscriptions) and A's
    # observe, with the sync fields DataStore needs
    created = await graphql(
        mock, f'mutation {{ createPost(input: {{title: "from graphql"}}) {{ {FIELDS} }} }}'
    )
    gql_id = created["createPost"]["id"]
    for client in (a, b):
        await client.call("wait", model="Post", id=gql_id, fields={"_version": 1})
    [observed] = [e for e in (await a.of("observe", "Post")) if e["element"]["id"] == gql_id]
    assert observed["opType"] == "INSERT"
    assert observed["element"]["title"] == "from graphql"

    # save in A, B gets it; query
    saved = await a.call("save", model="Post", fields={"title": "first", "tags": ["a"]})
    post = saved["id"]
    await a.call("outbox")
    synced = await b.call("wait", model="Post", id=post, fields={"title": "first"})
    assert (synced["tags"], synced["_version"]) == (["a"], 1)
    on_server = await graphql(mock, f'{{ getPost(id: "{post}") {{ title _version }} }}')
    assert on_server["getPost"] == {"title": "first", "_version": 1}
    assert [p["id"] for p in await b.call("query", model="Post")] in (
        [gql_id, post],
        [post, gql_id],
    )

    # AUTOMERGE: the server's scalar wins, the lists are concatenated; both converge
    await stale_update(a, b, network, "Post", post, {"title": "B", "tags": ["b"]},
                       {"title": "A"})  # fmt: skip
    merged = {"title": "A", "tags": ["a", "b"], "_version": 3}
    for client in (a, b):
        await client.call("wait", model="Post", id=post, fields=merged)
    assert (await b.of("conflict")) == []

    # OPTIMISTIC_CONCURRENCY: B's stale change is rejected; B's handler gets the server item
    note = (await a.call("save", model="Note", fields={"text": "v1"}))["id"]
    await a.call("outbox")
    await b.call("wait", model="Note", id=note, fields={"text": "v1"})
    await stale_update(a, b, network, "Note", note, {"text": "B"}, {"text": "A"})
    for client in (a, b):
        await client.call("wait", model="Note", id=note, fields={"text": "A", "_version": 2})
    [conflict] = await b.of("conflict", "Note")
    assert (conflict["operation"], conflict["remote"]["text"]) == ("UPDATE", "A")
    assert conflict["remote"]["_version"] == 2

    # LAMBDA: the project's function resolves the stale change ("<server> | <client>")
    task = (await a.call("save", model="Task", fields={"title": "t"}))["id"]
    await a.call("outbox")
    await b.call("wait", model="Task", id=task, fields={"title": "t"})
    await stale_update(a, b, network, "Task", task, {"title": "B"}, {"title": "A"})
    for client in (a, b):
        await client.call("wait", model="Task", id=task, fields={"title": "A | B"})
    assert (await b.of("conflict", "Task")) == []

    # delete in A: gone in B; the server keeps a tombstone
    await a.call("delete", model="Post", id=gql_id)
    await a.call("outbox")
    await b.call("wait", model="Post", id=gql_id, gone=True)
    tomb = await graphql(mock, f'{{ getPost(id: "{gql_id}") {{ _deleted _version }} }}')
    assert tomb["getPost"] == {"_deleted": True, "_version": 2}

    # offline: B's changes queue while it is cut off, and sync when it is back
    await network.offline()
    offline = (await b.call("save", model="Post", fields={"title": "offline"}))["id"]
    await b.call("update", model="Note", id=note, fields={"text": "offline edit"})
    await network.online()
    await b.call("outbox")
    await a.call("wait", model="Post", id=offline, fields={"title": "offline", "_version": 1})
    await a.call("wait", model="Note", id=note, fields={"text": "offline edit"})
    synced_page = await graphql(mock, "{ syncPosts { items { id _version _deleted } } }")
    versions = {i["id"]: i["_version"] for i in synced_page["syncPosts"]["items"]}
    assert versions == {post: 3, gql_id: 2, offline: 1}
    assert await a.of("error") == [] and await b.of("error") == []


async def test_datastore_clients_sync_merge_reject_resolve_and_go_offline(
    mock: MockSession,
) -> None:
    assert mock.graphql_url is not None and mock.state is not None and mock.local_ca is not None
    assert mock.running.appsync is not None
    key = str(mock.state.config.api_key)
    proxy = CutProxy(mock.running.appsync.port)
    await proxy.start()
    a = DataStoreClient("A", mock.graphql_url, key, mock.local_ca)
    b = DataStoreClient("B", f"http://localhost:{proxy.port}/graphql", key, mock.local_ca)
    try:
        await a.start()
        await b.start()
        assert await a.call("start") and await b.call("start")
        await run_scenario(mock, a, b, ProxyNetwork(proxy))
    finally:
        await a.close()
        await b.close()
        await proxy.close()
