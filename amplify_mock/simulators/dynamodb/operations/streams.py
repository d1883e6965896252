"""The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator, GetRecords.

Each stream has one shard; a shard iterator is an opaque token naming the table and the last
sequence number read. Not emulated: the 24-hour retention window and shard rollover.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.errors import (
    ResourceNotFoundException,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.schema import TableInfo

if TYPE_CHECKING:
    from amplify_mock.simulators.dynamodb.store import Store

__all__ = ["describe_stream", "get_records", "get_shard_iterator", "list_streams"]

SHARD_ID = "shardId-00000000000000000001-00000001"


def _stream_table(store: Store, arn: Any) -> TableInfo:
    if isinstance(arn, str) and "/stream/" in arn:
        name = arn.split(":table/", 1)[-1].split("/stream/", 1)[0]
        table = store.find_table(name)
        if table is not None and table.description.get("LatestStreamArn") == arn:
            return table
    raise ResourceNotFoundException(f"Requested resource not found: Stream: {arn} not found")


def list_streams(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    wanted = params.get("TableName")
    streams = []
    for name in store.table_names():
        if wanted is not None and name != wanted:
            continue
        table = store.get_table(name)
        arn = table.description.get("LatestStreamArn")
        if arn:
            streams.append(
                {
                    "StreamArn": arn,
                    "TableName": name,
                    "StreamLabel": table.description["LatestStreamLabel"],
                }
            )
    return {"Streams": streams}


def describe_stream(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    table = _stream_table(store, params.get("StreamArn"))
    description = table.description
    first = store.conn.execute(
        "SELECT MIN(seq) FROM stream_records WHERE tid = ?", (table.table_id,)
    ).fetchone()[0]
    enabled = (description.get("StreamSpecification") or {}).get("StreamEnabled", False)
    view = (description.get("StreamSpecification") or {}).get("StreamViewType")
    return {
        "StreamDescription": {
            "StreamArn": description["LatestStreamArn"],
            "StreamLabel": description["LatestStreamLabel"],
            "StreamStatus": "ENABLED" if enabled else "DISABLED",
            "StreamViewType": view or "KEYS_ONLY",
            "CreationRequestDateTime": description["CreationDateTime"],
            "TableName": table.name,
            "KeySchema": description["KeySchema"],
            "Shards": [
                {
                    "ShardId": SHARD_ID,
                    "SequenceNumberRange": {"StartingSequenceNumber": f"{first or 1:021d}"},
                }
            ],
        }
    }


def _iterator(arn: str, after: int) -> str:
    raw = json.dumps({"arn": arn, "after": after}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def get_shard_iterator(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    arn = params.get("StreamArn")
    table = _stream_table(store, arn)
    if params.get("ShardId") != SHARD_ID:
        raise ResourceNotFoundException(
            f"Requested resource not found: Shard does not exist: {params.get('ShardId')}"
        )
    kind = params.get("ShardIteratorType")
    if kind == "TRIM_HORIZON":
        after = 0
    elif kind == "LATEST":
        after = int(
            store.conn.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM stream_records WHERE tid = ?", (table.table_id,)
            ).fetchone()[0]
        )
    elif kind in ("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"):
        try:
            number = int(params.get("SequenceNumber", ""))
        except ValueError as err:
            raise ValidationException(
                f"Invalid SequenceNumber: {params.get('SequenceNumber')}"
            ) from err
        after = number - 1 if kind == "AT_SEQUENCE_NUMBER" else number
    else:
        raise ValidationException(
            f"1 validation error detected: Value '{kind}' at 'shardIteratorType' failed to "
            "satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, "
            "LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]"
        )
    return {"ShardIterator": _iterator(str(arn), after)}


def get_records(store: Store, params: dict[str, Any]) -> dict[str, Any]:
    token = params.get("ShardIterator")
    try:
        state = json.loads(base64.urlsafe_b64decode(str(token).encode()))
        arn, after = str(state["arn"]), int(state["after"])
    except (ValueError, KeyError, TypeError) as err:
        raise ValidationException("Invalid ShardIterator") from err
    table = _stream_table(store, arn)
    limit = int(params.get("Limit") or 1000)
    rows = store.conn.execute(
        "SELECT seq, record FROM stream_records WHERE tid = ? AND seq > ? ORDER BY seq LIMIT ?",
        (table.table_id, after, limit),
    ).fetchall()
    records = [json.loads(text) for _, text in rows]
    last = rows[-1][0] if rows else after
    return {"Records": records, "NextShardIterator": _iterator(arn, last)}
