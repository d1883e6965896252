"""Versioned (DataStore) DynamoDB data sources against AppSync's documented shapes: `_version`,
`_lastChangedAt`, soft deletes, each conflict handler, the delta sync table and `Sync`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.client import StoreClient
from resolvers.data_sources import create_data_source, dynamodb_versioned
from resolvers.data_sources.base import ConflictCaller
from resolvers.data_sources.dynamodb import DynamoDBDataSourceError
from resolvers.data_sources.dynamodb_versioned import (
    ConflictError,
    ConflictUnhandledError,
    VersionedDynamoDBDataSource,
)
from resolvers.data_sources.lambda_ import LambdaInvokeError

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
    # TTL compares with the same (fake) time: nothing written by a test has expired yet
    monkeypatch.setattr(dynamodb_versioned, "_now_s", lambda: start // 1000)
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


# -- LAMBDA conflict handler ---------------------------------------------------------------------
ARN = "arn:aws:lambda:::function:f"
CALLER = ConflictCaller(
    parent_type="Mutation",
    field_name="updateNote",
    arguments={"input": {"id": "n1", "title": "mine", "_version": 1}, "condition": None},
    identity={"sub": "user-1", "username": "alice"},
)


class FakeInvoker:
    """Records each event and answers as the handler would (a dict, or an exception)."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.calls: list[tuple[str, Any]] = []

    async def invoke(self, function_name: str, payload: Any) -> Any:
        self.calls.append((function_name, payload))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def _with_invoker(notes: VersionedDynamoDBDataSource, answer: Any) -> FakeInvoker:
    invoker = FakeInvoker(answer)
    notes.lambda_invoker = invoker
    return invoker


async def _conflicting(notes: VersionedDynamoDBDataSource) -> dict[str, Any]:
    """n1 at version 2 ("server"); the caller's update will carry the stale version 1."""
    await notes.invoke_synced(_create("n1", title="first", tags=["a"]), LAMBDA)
    server: dict[str, Any] = await notes.invoke_synced(_update("n1", 1, title="server"), LAMBDA)
    return server


async def test_lambda_handler_gets_appsyncs_event(notes: VersionedDynamoDBDataSource) -> None:
    server = await _conflicting(notes)
    invoker = _with_invoker(notes, {"action": "REJECT"})
    with pytest.raises(ConflictUnhandledError):
        await notes.invoke_synced(_update("n1", 1, title="mine"), LAMBDA, CALLER)
    [(function, event)] = invoker.calls
    assert function == ARN
    assert event == {
        "newItem": {**server, "title": "mine"},  # the item if the mutation had succeeded
        "existingItem": server,
        "arguments": CALLER.arguments,
        "resolver": {
            "tableName": "NoteTable",
            "awsRegion": "us-east-1",
            "parentType": "Mutation",
            "field": "updateNote",
        },
        "identity": CALLER.identity,
    }


#: (case, the handler's answer, expected item fields or (error class, message))
LAMBDA_ANSWERS: list[tuple[str, Any, dict[str, Any] | tuple[type[Exception], str]]] = [
    (
        "RESOLVE writes the handler's item as the next version",
        {"action": "RESOLVE", "item": {"id": "other", "title": "resolved", "_version": 99}},
        {"id": "n1", "title": "resolved", "tags": None, "_version": 3, "_deleted": None},
    ),
    (
        "REJECT is ConflictUnhandled with the server item",
        {"action": "REJECT"},
        (ConflictUnhandledError, "Conflict resolver rejects mutation."),
    ),
    (
        "REMOVE soft-deletes the item",
        {"action": "REMOVE"},
        {"id": "n1", "title": "server", "_version": 3, "_deleted": True},
    ),
    (
        "an unknown action is a ConflictError",
        {"action": "MERGE"},
        (
            ConflictError,
            f'Invalid response from the Lambda conflict handler {ARN}: {{"action": "MERGE"}} '
            '(expected {"action": "RESOLVE", "item": {...}}, {"action": "REJECT"} '
            'or {"action": "REMOVE"}).',
        ),
    ),
    (
        "RESOLVE without an item is a ConflictError",
        {"action": "RESOLVE"},
        (
            ConflictError,
            f'Invalid response from the Lambda conflict handler {ARN}: {{"action": "RESOLVE"}} '
            '(expected {"action": "RESOLVE", "item": {...}}, {"action": "REJECT"} '
            'or {"action": "REMOVE"}).',
        ),
    ),
    (
        "a failing handler is a ConflictError",
        LambdaInvokeError("Error", "Unknown Resolver"),
        (ConflictError, f"The Lambda conflict handler {ARN} failed: Error: Unknown Resolver"),
    ),
]


@pytest.mark.parametrize(
    ("answer", "expected"), [c[1:] for c in LAMBDA_ANSWERS], ids=[c[0] for c in LAMBDA_ANSWERS]
)
async def test_lambda_handler_answer(
    notes: VersionedDynamoDBDataSource,
    store: Store,
    answer: Any,
    expected: dict[str, Any] | tuple[type[Exception], str],
) -> None:
    server = await _conflicting(notes)
    _with_invoker(notes, answer)
    if isinstance(expected, tuple):
        error_class, message = expected
        with pytest.raises(error_class) as caught:
            await notes.invoke_synced(_update("n1", 1, title="mine"), LAMBDA, CALLER)
        assert isinstance(caught.value, ConflictError | ConflictUnhandledError)
        assert caught.value.message == message
        assert caught.value.error_type == (
            "ConflictUnhandled" if error_class is ConflictUnhandledError else "ConflictError"
        )
        assert caught.value.result == (server if error_class is ConflictUnhandledError else None)
        stored = store.dispatch("GetItem", {"TableName": "NoteTable", "Key": {"id": {"S": "n1"}}})
        assert stored["Item"]["_version"] == {"N": "2"}  # nothing written
        return
    result = await notes.invoke_synced(_update("n1", 1, title="mine"), LAMBDA, CALLER)
    assert {k: result.get(k) for k in expected} == expected
    # the resolution is a change like any other: DataStore clients sync it
    assert [r["_version"]["N"] for r in _delta(store)] == ["1", "2", "3"]


async def test_lambda_handler_not_called_without_a_conflict(
    notes: VersionedDynamoDBDataSource,
) -> None:
    invoker = _with_invoker(notes, {"action": "REJECT"})
    await notes.invoke_synced(_create("n1", title="a"), LAMBDA, CALLER)
    updated = await notes.invoke_synced(_update("n1", 1, title="b"), LAMBDA, CALLER)
    assert (updated["title"], updated["_version"], invoker.calls) == ("b", 2, [])


async def test_lambda_handler_on_a_stale_delete(notes: VersionedDynamoDBDataSource) -> None:
    server = await _conflicting(notes)
    invoker = _with_invoker(notes, {"action": "REMOVE"})
    deleted = await notes.invoke_synced(_delete("n1", 1), LAMBDA, CALLER)
    assert (deleted["_deleted"], deleted["_version"]) == (True, 3)
    [(_, event)] = invoker.calls
    assert event["newItem"] == {**server, "_deleted": True}
    assert event["existingItem"] == server


async def test_lambda_handler_without_a_runner_is_a_conflict_error(
    notes: VersionedDynamoDBDataSource,
) -> None:
    await _conflicting(notes)
    with pytest.raises(ConflictError) as caught:
        await notes.invoke_synced(_update("n1", 1, title="mine"), LAMBDA, CALLER)
    assert caught.value.message == (
        f"Cannot invoke the Lambda conflict handler {ARN}: no Lambda runner is available."
    )


# -- TTL -------------------------------------------------------------------------------------------
def _items(store: Store, table: str) -> list[dict[str, Any]]:
    return list(store.dispatch("Scan", {"TableName": table})["Items"])


async def test_expired_soft_deletes_and_delta_records_are_swept(
    notes: VersionedDynamoDBDataSource,
    store: Store,
    clock: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await notes.invoke_synced(_create("gone", title="a"), OPTIMISTIC)
    await notes.invoke_synced(_create("kept", title="b"), OPTIMISTIC)
    deleted = await notes.invoke_synced(_delete("gone", 1), OPTIMISTIC)
    assert len(_items(store, "AmplifyDataStore")) == 3
    # 31 minutes later: the delta records (30 min) have expired, the tombstone (30 days) not
    monkeypatch.setattr(dynamodb_versioned, "_now_s", lambda: clock // 1000 + 31 * 60)
    await notes.invoke(_sync())
    assert _items(store, "AmplifyDataStore") == []
    assert sorted(i["id"]["S"] for i in _items(store, "NoteTable")) == ["gone", "kept"]
    # past the tombstone's _ttl: the deleted item leaves the base table, the others stay
    monkeypatch.setattr(dynamodb_versioned, "_now_s", lambda: deleted["_ttl"] + 1)
    page = await notes.invoke(_sync())
    assert [i["id"] for i in page["items"]] == ["kept"]
    assert [i["id"]["S"] for i in _items(store, "NoteTable")] == ["kept"]


async def test_the_ttl_sweep_runs_at_most_once_a_minute(
    notes: VersionedDynamoDBDataSource,
    store: Store,
    clock: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = clock // 1000
    await notes.invoke_synced(_create("n1", title="a"), OPTIMISTIC)  # sweeps at `now`
    deleted = await notes.invoke_synced(_delete("n1", 1), OPTIMISTIC)
    expiry = deleted["_ttl"]
    monkeypatch.setattr(dynamodb_versioned, "_now_s", lambda: expiry + 1)
    notes._next_sweep = expiry + 30  # the last sweep ran 30 s before `expiry + 1`
    await notes.invoke(_sync())
    assert len(_items(store, "NoteTable")) == 1  # expired, not yet swept
    monkeypatch.setattr(dynamodb_versioned, "_now_s", lambda: expiry + 30)
    await notes.invoke(_sync())
    assert _items(store, "NoteTable") == []
    assert now < expiry


async def test_base_table_ttl_zero_removes_a_deleted_item_at_once(store: Store) -> None:
    source = create_data_source(
        "AMAZON_DYNAMODB",
        "NoteTable",
        table_name="NoteTable",
        client=StoreClient(store),
        versioned=True,
        delta_sync_table_name="AmplifyDataStore",
        base_table_ttl=0,
        delta_sync_table_ttl=30,
    )
    assert isinstance(source, VersionedDynamoDBDataSource)
    await source.invoke_synced(_create("n1", title="a"), OPTIMISTIC)
    deleted = await source.invoke_synced(_delete("n1", 1), OPTIMISTIC)
    assert (deleted["_deleted"], deleted["_version"]) == (True, 2)
    assert _items(store, "NoteTable") == []
    # the delta table still tells DataStore clients that it was deleted
    last = _items(store, "AmplifyDataStore")[-1]
    assert (last["_deleted"], last["_version"]) == ({"BOOL": True}, {"N": "2"})


# -- the delta sync table and Sync, as AppSync documents them -------------------------------------
async def test_delta_records_are_keyed_as_appsync_documents(store: Store, clock: int) -> None:
    """ds_pk `<data source name>:<date>`, ds_sk `<time>:<primary key>:<version>` (UTC)."""
    _table(store, "Note-abc123-dev", "id")
    source = create_data_source(
        "AMAZON_DYNAMODB",
        "NoteTable",
        table_name="Note-abc123-dev",
        client=StoreClient(store),
        versioned=True,
        delta_sync_table_name="AmplifyDataStore",
    )
    await source.invoke({**_create("n1", title="a")})
    await source.invoke(_update("n1", None, title="b"))
    first, second = (datetime.fromtimestamp((clock + 1000 * tick) / 1000, UTC) for tick in (0, 1))
    assert [(r["ds_pk"]["S"], r["ds_sk"]["S"]) for r in _delta(store)] == [
        (f"NoteTable:{first:%Y-%m-%d}", f"{first:%H:%M:%S}.{first.microsecond // 1000:03d}:n1:1"),
        (
            f"NoteTable:{second:%Y-%m-%d}",
            f"{second:%H:%M:%S}.{second.microsecond // 1000:03d}:n1:2",
        ),
    ]


async def _changes(notes: VersionedDynamoDBDataSource) -> None:
    """n0..n4 created at ticks 0..4 (title t0..t4), n0 deleted at tick 5."""
    for i in range(5):
        await notes.invoke_synced(_create(f"n{i}", title=f"t{i}"), AUTOMERGE)
    await notes.invoke_synced(_delete("n0", 1), AUTOMERGE)


T2 = {
    "expression": "#title = :title",
    "expressionNames": {"#title": "title"},
    "expressionValues": {":title": {"S": "t2"}},
}
#: (case, Sync request fields with lastSync in ticks after the clock start, expected (id,
#: _version) of every page in order, or a set when the base table is scanned, pages)
SYNC_CASES: list[tuple[str, dict[str, Any], list[tuple[str, int]] | set[tuple[str, int]], int]] = [
    (
        "no lastSync: the base table, tombstones included",
        {},
        {("n0", 2), ("n1", 1), ("n2", 1), ("n3", 1), ("n4", 1)},
        1,
    ),
    (
        "lastSync in the delta window: the changes since, in change order",
        {"lastSync": 3},
        [("n3", 1), ("n4", 1), ("n0", 2)],
        1,
    ),
    (
        "lastSync older than DeltaSyncTableTTL: the base table",
        {"lastSync": -31 * 60},
        {("n0", 2), ("n1", 1), ("n2", 1), ("n3", 1), ("n4", 1)},
        1,
    ),
    (
        # the 4th page is empty: a query that meets its Limit returns a LastEvaluatedKey
        "limit pages the delta query with nextToken",
        {"lastSync": 0, "limit": 2},
        [("n0", 1), ("n1", 1), ("n2", 1), ("n3", 1), ("n4", 1), ("n0", 2)],
        4,
    ),
    (
        "limit pages the base table with nextToken",
        {"limit": 2},
        {("n0", 2), ("n1", 1), ("n2", 1), ("n3", 1), ("n4", 1)},
        3,
    ),
    ("filter on the delta query", {"lastSync": 0, "filter": T2}, [("n2", 1)], 1),
    ("filter on the base table", {"filter": T2}, {("n2", 1)}, 1),
]


@pytest.mark.parametrize(
    ("fields", "expected", "pages"),
    [c[1:] for c in SYNC_CASES],
    ids=[c[0] for c in SYNC_CASES],
)
async def test_sync_request_and_response(
    notes: VersionedDynamoDBDataSource,
    clock: int,
    fields: dict[str, Any],
    expected: list[tuple[str, int]] | set[tuple[str, int]],
    pages: int,
) -> None:
    await _changes(notes)
    request = dict(fields)
    if "lastSync" in request:
        request["lastSync"] = clock + 1000 * request["lastSync"]
    seen: list[tuple[str, int]] = []
    token, count = None, 0
    while True:
        page = await notes.invoke(_sync(**{**request, "nextToken": token}))
        count += 1
        # AppSync's Sync result: items, nextToken, startedAt (when this Sync began)
        assert set(page) == {"items", "nextToken", "startedAt"}
        assert page["startedAt"] == clock + 1000 * (5 + count)
        assert all(i.keys() >= {"_version", "_lastChangedAt"} for i in page["items"])
        seen.extend((i["id"], i["_version"]) for i in page["items"])
        token = page["nextToken"]
        if token is None:
            break
    assert (set(seen) if isinstance(expected, set) else seen) == expected
    assert len(seen) == len(expected)
    assert count == pages


async def test_sync_with_a_bad_next_token(notes: VersionedDynamoDBDataSource) -> None:
    with pytest.raises(DynamoDBDataSourceError) as caught:
        await notes.invoke(_sync(nextToken="not-a-token"))
    assert (caught.value.error_type, caught.value.message) == (
        "DynamoDB:ValidationException",
        "The provided starting key is invalid: Invalid nextToken",
    )
