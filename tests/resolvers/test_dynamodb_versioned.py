"""Versioned (DataStore) DynamoDB data sources against AppSync's documented shapes: `_version`,
`_lastChangedAt`, soft deletes, each conflict handler, the delta sync table and `Sync`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.client import StoreClient
from resolvers.data_sources import create_data_source, dynamodb_versioned
from resolvers.data_sources.dynamodb_versioned import (
    ConflictUnhandledError,
    VersionedDynamoDBDataSource,
)

V = "2018-05-29"
AUTOMERGE = {"ConflictDetection": "VERSION", "ConflictHandler": "AUTOMERGE"}
OPTIMISTIC = {"ConflictDetection": "VERSION", "ConflictHandler": "OPTIMISTIC_CONCURRENCY"}
LAMBDA = {
    "ConflictDetection": "VERSION",
    "ConflictHandler": "LAMBDA",
    "LambdaConflictHandlerConfig": {"LambdaConflictHandlerArn": "arn:aws:lambda:::function:f"},
}
NO_DETECTION = {"ConflictDetection": "NONE", "ConflictHandler": "NONE"}


def _table(store: Store, name: str, *keys: str) -> None:
    kinds = ("HASH", "RANGE")
    store.dispatch(
        "CreateTable",
        {
            "TableName": name,
            "KeySchema": [{"AttributeName": k, "KeyType": kinds[i]} for i, k in enumerate(keys)],
            "AttributeDefinitions": [{"AttributeName": k, "AttributeType": "S"} for k in keys],
            "BillingMode": "PAY_PER_REQUEST",
        },
    )


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> int:
    """Every change one second after the previous one (changes in the same millisecond would
    make `lastSync` boundaries depend on the machine's speed)."""
    ticks = iter(range(10_000))
    start = int(time.time() * 1000) - 3_600_000
    monkeypatch.setattr(dynamodb_versioned, "_now_ms", lambda: start + 1000 * next(ticks))
    return start


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(None) as store:
        _table(store, "NoteTable", "id")
        _table(store, "AmplifyDataStore", "ds_pk", "ds_sk")
        yield store


@pytest.fixture
def notes(store: Store) -> VersionedDynamoDBDataSource:
    source = create_data_source(
        "AMAZON_DYNAMODB",
        "NoteTable",
        table_name="NoteTable",
        client=StoreClient(store),
        versioned=True,
        delta_sync_table_name="AmplifyDataStore",
        base_table_ttl=43200,
        delta_sync_table_ttl=30,
    )
    assert isinstance(source, VersionedDynamoDBDataSource)
    return source


def _create(note_id: str, **fields: Any) -> dict[str, Any]:
    values = {"id": {"S": note_id}, **{k: _wire(v) for k, v in fields.items()}}
    return {
        "version": V,
        "operation": "PutItem",
        "key": {"id": {"S": note_id}},
        "attributeValues": values,
        "condition": {"expression": "attribute_not_exists(#id)", "expressionNames": {"#id": "id"}},
    }


def _wire(value: Any) -> dict[str, Any]:
    if isinstance(value, list):
        return {"L": [_wire(v) for v in value]}
    return {"S": value} if isinstance(value, str) else {"NULL": True}


def _update(note_id: str, version: int | None, **fields: Any) -> dict[str, Any]:
    """The v2 transformer's UpdateItem shape: SET per field, `_version` at the top level."""
    request: dict[str, Any] = {
        "version": V,
        "operation": "UpdateItem",
        "key": {"id": {"S": note_id}},
        "update": {
            "expression": "SET " + ", ".join(f"#{k} = :{k}" for k in fields),
            "expressionNames": {f"#{k}": k for k in fields},
            "expressionValues": {f":{k}": _wire(v) for k, v in fields.items()},
        },
        "condition": {"expression": "attribute_exists(#id)", "expressionNames": {"#id": "id"}},
    }
    if version is not None:
        request["_version"] = version
    return request


def _delete(note_id: str, version: int) -> dict[str, Any]:
    return {
        "version": V,
        "operation": "DeleteItem",
        "key": {"id": {"S": note_id}},
        "_version": version,
    }


def _delta(store: Store) -> list[dict[str, Any]]:
    return list(store.dispatch("Scan", {"TableName": "AmplifyDataStore"})["Items"])


async def test_put_starts_at_version_1_and_writes_the_delta_table(
    notes: VersionedDynamoDBDataSource, store: Store, clock: int
) -> None:
    created = await notes.invoke_synced(_create("n1", title="a"), AUTOMERGE)
    assert created["_version"] == 1 and "_deleted" not in created
    assert created["_lastChangedAt"] == clock
    [record] = _delta(store)
    assert record["id"] == {"S": "n1"} and record["_version"] == {"N": "1"}
    assert record["ds_pk"]["S"].startswith("NoteTable:")
    assert record["ds_sk"]["S"].endswith(":n1:1")
    ttl = int(record["_ttl"]["N"])
    assert ttl == clock // 1000 + 30 * 60  # DeltaSyncTableTTL minutes


async def test_update_with_the_current_version_increments_it(
    notes: VersionedDynamoDBDataSource, store: Store
) -> None:
    await notes.invoke_synced(_create("n1", title="a"), OPTIMISTIC)
    updated = await notes.invoke_synced(_update("n1", 1, title="b"), OPTIMISTIC)
    assert (updated["title"], updated["_version"]) == ("b", 2)
    again = await notes.invoke_synced(_update("n1", 2, title="c"), OPTIMISTIC)
    assert (again["title"], again["_version"]) == ("c", 3)
    assert sorted(int(r["_version"]["N"]) for r in _delta(store)) == [1, 2, 3]


#: (handler, stale update fields, expected item or the error message)
CONFLICTS: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any] | str]] = [
    (
        "optimistic rejects with the server item",
        OPTIMISTIC,
        {"title": "mine"},
        "Conflict resolver rejects mutation.",
    ),
    (
        "automerge keeps server scalars, takes new fields, concatenates lists",
        AUTOMERGE,
        {"title": "mine", "content": "added", "tags": ["c"]},
        {"title": "server", "content": "added", "tags": ["a", "b", "c"], "_version": 3},
    ),
    (
        "lambda is not emulated and says so",
        LAMBDA,
        {"title": "mine"},
        "Conflict detected; the LAMBDA conflict handler is not emulated.",
    ),
    (
        "no detection overwrites",
        NO_DETECTION,
        {"title": "mine"},
        {"title": "mine", "tags": ["a", "b"], "_version": 3},
    ),
]


@pytest.mark.parametrize(
    ("handler", "fields", "expected"), [c[1:] for c in CONFLICTS], ids=[c[0] for c in CONFLICTS]
)
async def test_stale_update_under_each_conflict_handler(
    notes: VersionedDynamoDBDataSource,
    handler: dict[str, Any],
    fields: dict[str, Any],
    expected: dict[str, Any] | str,
) -> None:
    await notes.invoke_synced(_create("n1", title="first", tags=["a", "b"]), handler)
    server = await notes.invoke_synced(_update("n1", 1, title="server"), handler)
    assert server["_version"] == 2
    if isinstance(expected, str):
        with pytest.raises(ConflictUnhandledError) as caught:
            await notes.invoke_synced(_update("n1", 1, **fields), handler)
        assert caught.value.error_type == "ConflictUnhandled"
        assert caught.value.message == expected
        assert caught.value.result == server  # AppSync's `data`: the item on the server
        return
    merged = await notes.invoke_synced(_update("n1", 1, **fields), handler)
    assert {k: merged.get(k) for k in expected} == expected


async def test_delete_is_a_soft_delete_with_the_base_table_ttl(
    notes: VersionedDynamoDBDataSource, store: Store
) -> None:
    await notes.invoke_synced(_create("n1", title="a"), OPTIMISTIC)
    with pytest.raises(ConflictUnhandledError) as caught:
        await notes.invoke_synced(_delete("n1", 7), OPTIMISTIC)
    assert caught.value.result is not None and caught.value.result["_version"] == 1
    deleted = await notes.invoke_synced(_delete("n1", 1), OPTIMISTIC)
    assert (deleted["_deleted"], deleted["_version"], deleted["title"]) == (True, 2, "a")
    assert deleted["_ttl"] == deleted["_lastChangedAt"] // 1000 + 43200 * 60  # BaseTableTTL
    stored = store.dispatch("GetItem", {"TableName": "NoteTable", "Key": {"id": {"S": "n1"}}})
    assert stored["Item"]["_deleted"] == {"BOOL": True}
    assert [r["_version"]["N"] for r in _delta(store)][-1] == "2"


def _sync(**args: Any) -> dict[str, Any]:
    return {"version": V, "operation": "Sync", "limit": 100, "lastSync": None,
            "nextToken": None, "filter": None, **args}  # fmt: skip


async def test_sync_without_last_sync_scans_the_base_table(
    notes: VersionedDynamoDBDataSource, clock: int
) -> None:
    for i in range(5):
        await notes.invoke_synced(_create(f"n{i}", title=f"t{i}"), AUTOMERGE)
    await notes.invoke_synced(_delete("n0", 1), AUTOMERGE)
    first = await notes.invoke(_sync(limit=3))
    assert set(first) == {"items", "nextToken", "startedAt"}
    assert len(first["items"]) == 3 and first["nextToken"] is not None
    assert first["startedAt"] == clock + 6 * 1000  # the clock's 7th tick: 6 writes before
    rest = await notes.invoke(_sync(limit=3, nextToken=first["nextToken"]))
    assert rest["nextToken"] is None
    items = {i["id"]: i for i in [*first["items"], *rest["items"]]}
    assert sorted(items) == ["n0", "n1", "n2", "n3", "n4"]
    assert items["n0"]["_deleted"] is True  # deleted items sync so clients drop them


async def test_sync_since_last_sync_reads_only_the_changes_from_the_delta_table(
    notes: VersionedDynamoDBDataSource,
) -> None:
    await notes.invoke_synced(_create("old", title="x"), AUTOMERGE)
    last_sync = (await notes.invoke(_sync()))["startedAt"]
    await notes.invoke_synced(_create("new", title="y"), AUTOMERGE)
    await notes.invoke_synced(_update("new", 1, title="z"), AUTOMERGE)
    delta = await notes.invoke(_sync(lastSync=last_sync))
    assert [(i["id"], i["_version"], i["title"]) for i in delta["items"]] == [
        ("new", 1, "y"),
        ("new", 2, "z"),
    ]
    assert all("ds_pk" not in i and "ds_sk" not in i for i in delta["items"])
    # older than the delta table keeps records (DeltaSyncTableTTL, 30 min): a base table scan
    stale = await notes.invoke(_sync(lastSync=last_sync - 31 * 60 * 1000))
    assert sorted(i["id"] for i in stale["items"]) == ["new", "old"]


async def test_sync_applies_the_filter_expression(notes: VersionedDynamoDBDataSource) -> None:
    for index, title in enumerate(("a", "b", "a")):
        await notes.invoke_synced(_create(f"n-{title}-{index}", title=title), AUTOMERGE)
    title_is_a = {
        "expression": "#title = :title",
        "expressionNames": {"#title": "title"},
        "expressionValues": {":title": {"S": "a"}},
    }
    base = await notes.invoke(_sync(filter=title_is_a))
    assert [i["title"] for i in base["items"]] == ["a", "a"]
    delta = await notes.invoke(_sync(filter=title_is_a, lastSync=base["startedAt"] - 60_000))
    assert [i["title"] for i in delta["items"]] == ["a", "a"]
