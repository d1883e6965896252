"""APPSYNC_JS resolvers on a versioned (DataStore) DynamoDB data source: the resolver's
`SyncConfig` reaches the data source, `_version` travels in the request, conflicts reach
`ctx.error` with the server item as `ctx.result`, and `ddb.sync` answers AppSync's `Sync`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.client import StoreClient
from resolvers.data_sources import create_data_source
from resolvers.js import JsCode
from resolvers.resolver import ResolverConfig, execute_resolver
from tests.resolvers.test_dynamodb_versioned import AUTOMERGE, OPTIMISTIC, _table
from tests.resolvers.test_resolver import invocation


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(None) as store:
        _table(store, "NoteTable", "id")
        _table(store, "AmplifyDataStore", "ds_pk", "ds_sk")
        yield store


@pytest.fixture
def notes(store: Store) -> Any:
    return create_data_source(
        "AMAZON_DYNAMODB",
        "NoteTable",
        table_name="NoteTable",
        client=StoreClient(store),
        versioned=True,
        delta_sync_table_name="AmplifyDataStore",
    )


UPSERT = JsCode(
    """import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  const { id, _version, ...values } = ctx.args.input;
  if (_version === undefined) {
    return ddb.put({ key: { id }, item: values });
  }
  return ddb.update({ key: { id }, update: values, _version });
}
export function response(ctx) {
  if (ctx.error) {
    return { error: ctx.error.type, message: ctx.error.message, server: ctx.result };
  }
  return ctx.result;
}
""",
    "resolvers/Mutation.upsertNote.js",
)

SYNC = JsCode(
    """import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  return ddb.sync({ limit: ctx.args.limit, lastSync: ctx.args.lastSync });
}
export function response(ctx) {
  return ctx.result;
}
""",
    "resolvers/Query.syncNotes.js",
)


def _resolver(code: JsCode, field: str, sync_config: Mapping[str, Any] | None) -> ResolverConfig:
    return ResolverConfig(
        "Mutation", field, "UNIT", "NoteTable", None, None, code=code, sync_config=sync_config
    )


async def _upsert(notes: Any, sync_config: Mapping[str, Any] | None, **values: Any) -> Any:
    outcome = await execute_resolver(
        _resolver(UPSERT, "upsertNote", sync_config),
        invocation(input=values),
        {"NoteTable": notes},
    )
    return outcome.data


async def test_put_through_a_js_resolver_starts_the_version(notes: Any) -> None:
    created = await _upsert(notes, OPTIMISTIC, id="n1", title="a")
    assert (created["id"], created["title"], created["_version"]) == ("n1", "a", 1)


async def test_stale_version_is_a_conflict_under_optimistic_concurrency(notes: Any) -> None:
    await _upsert(notes, OPTIMISTIC, id="n1", title="a")
    await _upsert(notes, OPTIMISTIC, id="n1", title="b", _version=1)
    stale = await _upsert(notes, OPTIMISTIC, id="n1", title="c", _version=1)
    assert stale["error"] == "ConflictUnhandled"
    assert stale["message"] == "Conflict resolver rejects mutation."
    assert (stale["server"]["title"], stale["server"]["_version"]) == ("b", 2)


async def test_stale_version_is_merged_under_automerge(notes: Any) -> None:
    """Automerge keeps the server's value of a conflicting scalar and adds new fields."""
    await _upsert(notes, AUTOMERGE, id="n1", title="a")
    await _upsert(notes, AUTOMERGE, id="n1", title="b", _version=1)
    merged = await _upsert(notes, AUTOMERGE, id="n1", title="c", body="new", _version=1)
    assert (merged["title"], merged["body"], merged["_version"]) == ("b", "new", 3)


async def test_sync_through_a_js_resolver_lists_the_items(notes: Any) -> None:
    await _upsert(notes, AUTOMERGE, id="n1", title="a")
    await _upsert(notes, AUTOMERGE, id="n2", title="b")
    outcome = await execute_resolver(
        _resolver(SYNC, "syncNotes", AUTOMERGE), invocation(limit=10), {"NoteTable": notes}
    )
    assert sorted(item["id"] for item in outcome.data["items"]) == ["n1", "n2"]
    assert isinstance(outcome.data["startedAt"], int)
