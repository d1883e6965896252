"""The DynamoDB store: one sqlite database (WAL), items keyed by order-preserving key bytes.

Layout: `items(tid, hk, rk, size, item)` clustered on (tid, hk, rk) so a Query is an index range
scan; `index_entries(tid, idx, hk, rk, thk, trk)` holds GSI/LSI keys, maintained on every write;
`stream_records(tid, seq, record)` holds stream records of tables with a stream.

Durability: every write is its own committed transaction in WAL mode with synchronous=NORMAL,
so an acknowledged write is in the WAL file in the OS page cache and survives the process being
killed (kill -9); it is not guaranteed to survive a power loss or OS crash (that would need
synchronous=FULL, an fsync per write). Atomicity across threads and processes: each write runs in
`BEGIN IMMEDIATE`, so a conditional check and its write see no interleaved writer.

Not emulated: provisioned throughput limits and throttling, TTL, PartiQL, backups, global tables,
legacy (non-expression) request parameters, per-item 10 GB item-collection limits.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from amplify_mock.simulators.dynamodb.errors import (
    DynamoDBError,
    ResourceNotFoundException,
    UnknownOperationException,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.operations import OPERATIONS
from amplify_mock.simulators.dynamodb.operations.shapes import check_shapes
from amplify_mock.simulators.dynamodb.schema import (
    IndexInfo,
    KeySchema,
    TableInfo,
    parse_key_schema,
    validate_table_name,
)
from amplify_mock.simulators.dynamodb.values import encode_key, item_size

__all__ = ["DEFAULT_ACCOUNT_ID", "DEFAULT_REGION", "Store"]

LOG = logging.getLogger(__name__)

DEFAULT_REGION = "us-east-1"
DEFAULT_ACCOUNT_ID = "123456789012"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tables(
    name TEXT PRIMARY KEY, tid INTEGER NOT NULL UNIQUE, description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items(
    tid INTEGER NOT NULL, hk BLOB NOT NULL, rk BLOB NOT NULL, size INTEGER NOT NULL,
    item TEXT NOT NULL, PRIMARY KEY (tid, hk, rk)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS index_entries(
    tid INTEGER NOT NULL, idx TEXT NOT NULL, hk BLOB NOT NULL, rk BLOB NOT NULL,
    thk BLOB NOT NULL, trk BLOB NOT NULL,
    PRIMARY KEY (tid, idx, hk, rk, thk, trk)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stream_records(
    tid INTEGER NOT NULL, seq INTEGER NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (tid, seq)) WITHOUT ROWID;
"""

_INSERT_INDEX_ENTRY = (
    "INSERT OR REPLACE INTO index_entries(tid, idx, hk, rk, thk, trk) VALUES (?, ?, ?, ?, ?, ?)"
)

#: Pre-expression request parameters; rejected rather than silently ignored.
_LEGACY_PARAMETERS = frozenset(
    {
        "Expected",
        "AttributeUpdates",
        "KeyConditions",
        "QueryFilter",
        "ScanFilter",
        "ConditionalOperator",
    }
)


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Store:
    """All tables of one mock, in one sqlite database; thread-safe, usable from many processes.

    Use `Store.open(path)` (None = in memory), then `dispatch("PutItem", {...})` with DynamoDB
    JSON wire dicts; errors are `DynamoDBError` subclasses whose `code` is the AWS name.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, region: str, account_id: str):
        self._conn = conn
        self.path = path
        self.region = region
        self.account_id = account_id
        self._lock = threading.RLock()
        self._tables: dict[str, TableInfo] = {}
        self._depth = 0
        self._load_tables()

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        region: str = DEFAULT_REGION,
        account_id: str = DEFAULT_ACCOUNT_ID,
    ) -> Store:
        """Open (creating if needed) the database at `path`.

        A directory, or a path without a suffix, gets `dynamodb.sqlite` inside.
        """
        if path is None:
            target = ":memory:"
            db_path = None
        else:
            db_path = Path(path)
            if db_path.is_dir() or db_path.suffix == "":
                db_path.mkdir(parents=True, exist_ok=True)
                db_path = db_path / "dynamodb.sqlite"
            db_path.parent.mkdir(parents=True, exist_ok=True)
            target = str(db_path)
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=30.0)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.executescript(_SCHEMA)
        return cls(conn, db_path, region, account_id)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the front door ------------------------------------------------------------------------
    @contextmanager
    def claimed(self) -> Iterator[bool]:
        """Hold the store if no other thread does; yields whether it was free.

        The event loop runs fast operations inline only when this yields True: otherwise a
        Scan running in a thread would make the loop (every request) wait for it.
        """
        free = self._lock.acquire(blocking=False)
        try:
            yield free
        finally:
            if free:
                self._lock.release()

    def dispatch(self, operation: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Run one DynamoDB (or DynamoDB Streams) API operation on wire-JSON `params`.

        :raises DynamoDBError: the DynamoDB error the operation gives (its `code` is the name).
        """
        handler = OPERATIONS.get(operation)
        if handler is None:
            raise UnknownOperationException(operation)
        if not isinstance(params, Mapping):
            raise ValidationException("The request body must be a JSON object")
        check_shapes(params, operation)
        legacy = _LEGACY_PARAMETERS.intersection(params)
        if legacy:
            raise ValidationException(
                f"The mock DynamoDB does not emulate the legacy parameter {min(legacy)}; use "
                "ConditionExpression, UpdateExpression, KeyConditionExpression or "
                "FilterExpression instead"
            )
        with self._lock:
            try:
                return handler(self, dict(params))
            except DynamoDBError:
                raise
            except sqlite3.Error as err:
                LOG.exception("sqlite failed during %s", operation)
                raise DynamoDBError(f"Internal error: {err}") from err

    # -- transactions --------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE): checks and writes inside see no other writer."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                self._load_tables()  # table descriptions cached during the transaction
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    # -- tables --------------------------------------------------------------------------------
    def _load_tables(self) -> None:
        rows = self._conn.execute("SELECT tid, description FROM tables").fetchall()
        self._tables = {}
        for tid, text in rows:
            info = table_info(tid, json.loads(text))
            self._tables[info.name] = info

    def find_table(self, name: str) -> TableInfo | None:
        info = self._tables.get(name)
        if info is None:
            row = self._conn.execute(
                "SELECT tid, description FROM tables WHERE name = ?", (name,)
            ).fetchone()
            if row is not None:
                info = table_info(row[0], json.loads(row[1]))
                self._tables[name] = info
        return info

    def get_table(self, name: Any) -> TableInfo:
        """:raises ValidationException: an invalid name.
        :raises ResourceNotFoundException: no such table.
        """
        info = self._tables.get(name) if isinstance(name, str) else None
        if info is not None:  # a known table's name is valid: skip the pattern check
            return info
        validate_table_name(name)
        info = self.find_table(name)
        if info is None:
            raise ResourceNotFoundException.table(name)
        return info

    def table_names(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT name FROM tables ORDER BY name")]

    def save_table(self, description: dict[str, Any], tid: int | None = None) -> TableInfo:
        """Insert or replace a table's description (inside a write transaction)."""
        if tid is None:
            row = self._conn.execute("SELECT COALESCE(MAX(tid), 0) + 1 FROM tables").fetchone()
            tid = int(row[0])
        self._conn.execute(
            "INSERT OR REPLACE INTO tables(name, tid, description) VALUES (?, ?, ?)",
            (description["TableName"], tid, _dumps(description)),
        )
        info = table_info(tid, description)
        self._tables[info.name] = info
        return info

    def drop_table(self, info: TableInfo) -> None:
        for sql in (
            "DELETE FROM items WHERE tid = ?",
            "DELETE FROM index_entries WHERE tid = ?",
            "DELETE FROM stream_records WHERE tid = ?",
            "DELETE FROM tables WHERE tid = ?",
        ):
            self._conn.execute(sql, (info.table_id,))
        self._tables.pop(info.name, None)

    def all_items(self, table: TableInfo) -> list[dict[str, Any]]:
        """Every item of `table` in key order (used to migrate a table)."""
        rows = self._conn.execute(
            "SELECT item FROM items WHERE tid = ? ORDER BY hk, rk", (table.table_id,)
        )
        return [dict(json.loads(text)) for (text,) in rows]

    def table_arn(self, name: str) -> str:
        return f"arn:aws:dynamodb:{self.region}:{self.account_id}:table/{name}"

    # -- items ---------------------------------------------------------------------------------
    def load_item(self, table: TableInfo, key: Mapping[str, Any]) -> dict[str, Any] | None:
        hk, rk = table.encode_item_key(key)
        row = self._conn.execute(
            "SELECT item FROM items WHERE tid = ? AND hk = ? AND rk = ?", (table.table_id, hk, rk)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def write_item(
        self,
        table: TableInfo,
        key: Mapping[str, Any],
        old: Mapping[str, Any] | None,
        new: Mapping[str, Any] | None,
        size: int | None = None,
    ) -> None:
        """Store `new` (None deletes) in place of `old`: items, index entries, stream record.

        Call inside `write()`; `old` must be the item currently stored under `key`; `size`
        is `new`'s size when the caller already computed it.
        """
        tid = table.table_id
        hk, rk = table.encode_item_key(key)
        conn = self._conn
        if new is None:
            conn.execute("DELETE FROM items WHERE tid = ? AND hk = ? AND rk = ?", (tid, hk, rk))
        else:
            conn.execute(
                "INSERT OR REPLACE INTO items(tid, hk, rk, size, item) VALUES (?, ?, ?, ?, ?)",
                (tid, hk, rk, item_size(new) if size is None else size, _dumps(new)),
            )
        for index in table.indexes.values():
            old_key = _index_key(index, old)
            new_key = _index_key(index, new)
            if old_key == new_key:
                continue
            if old_key is not None:
                conn.execute(
                    "DELETE FROM index_entries WHERE tid = ? AND idx = ? AND hk = ? AND rk = ? "
                    "AND thk = ? AND trk = ?",
                    (tid, index.name, *old_key, hk, rk),
                )
            if new_key is not None:
                conn.execute(_INSERT_INDEX_ENTRY, (tid, index.name, *new_key, hk, rk))
        if table.stream_view_type is not None and old != new:
            self._append_stream_record(table, key, old, new)

    def _append_stream_record(
        self,
        table: TableInfo,
        key: Mapping[str, Any],
        old: Mapping[str, Any] | None,
        new: Mapping[str, Any] | None,
    ) -> None:
        view = table.stream_view_type
        body: dict[str, Any] = {
            "ApproximateCreationDateTime": float(int(time.time())),
            "Keys": dict(key),
        }
        if view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES") and new is not None:
            body["NewImage"] = dict(new)
        if view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES") and old is not None:
            body["OldImage"] = dict(old)
        row = self._conn.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM stream_records WHERE tid = ?",
            (table.table_id,),
        ).fetchone()
        seq = int(row[0])
        body["SequenceNumber"] = f"{seq:021d}"
        body["SizeBytes"] = item_size(key) + item_size(new or {}) + item_size(old or {})
        body["StreamViewType"] = view
        record = {
            "eventID": str(uuid.uuid4()),
            "eventName": "INSERT" if old is None else "REMOVE" if new is None else "MODIFY",
            "eventVersion": "1.1",
            "eventSource": "aws:dynamodb",
            "awsRegion": self.region,
            "dynamodb": body,
        }
        self._conn.execute(
            "INSERT INTO stream_records(tid, seq, record) VALUES (?, ?, ?)",
            (table.table_id, seq, _dumps(record)),
        )

    def rebuild_index(self, table: TableInfo, index: IndexInfo) -> None:
        """Backfill one index from the table's items (inside `write()`)."""
        rows = self._conn.execute(
            "SELECT hk, rk, item FROM items WHERE tid = ?", (table.table_id,)
        ).fetchall()
        for hk, rk, text in rows:
            index_key = _index_key(index, json.loads(text))
            if index_key is not None:
                self._conn.execute(
                    _INSERT_INDEX_ENTRY, (table.table_id, index.name, *index_key, hk, rk)
                )


def _index_key(index: IndexInfo, item: Mapping[str, Any] | None) -> tuple[bytes, bytes] | None:
    """The encoded (hash, range) of `item` in `index`, None when the item is not in it."""
    if item is None:
        return None
    hash_value = item.get(index.key.hash_name)
    if hash_value is None or next(iter(hash_value)) != index.key.hash_type:
        return None
    if index.key.range_name is None:
        return encode_key(hash_value), b""
    range_value = item.get(index.key.range_name)
    if range_value is None or next(iter(range_value)) != index.key.range_type:
        return None
    return encode_key(hash_value), encode_key(range_value)


def table_info(tid: int, description: dict[str, Any]) -> TableInfo:
    """The in-memory view of a stored table description."""
    types = {d["AttributeName"]: d["AttributeType"] for d in description["AttributeDefinitions"]}
    key: KeySchema = parse_key_schema(description["KeySchema"], types)
    indexes: dict[str, IndexInfo] = {}
    for is_global, field_name in (
        (True, "GlobalSecondaryIndexes"),
        (False, "LocalSecondaryIndexes"),
    ):
        for raw in description.get(field_name) or []:
            projection = raw.get("Projection") or {}
            indexes[raw["IndexName"]] = IndexInfo(
                name=raw["IndexName"],
                key=parse_key_schema(raw["KeySchema"], types),
                projection_type=projection.get("ProjectionType", "ALL"),
                non_key_attributes=tuple(projection.get("NonKeyAttributes") or ()),
                is_global=is_global,
                raw=raw,
            )
    return TableInfo(tid, description["TableName"], key, indexes, description)
