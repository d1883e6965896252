"""Persistence: acknowledged writes survive kill -9; concurrent writers never lose an update."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from amplify_mock.simulators.dynamodb import ConditionalCheckFailedException, Store

ROOT = Path(__file__).resolve().parents[3]

_TABLE = {
    "TableName": "Burst",
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
    "BillingMode": "PAY_PER_REQUEST",
}

_WRITER = """
import sys
from pathlib import Path
from amplify_mock.simulators.dynamodb import Store
store = Store.open(Path(sys.argv[1]))
print("ready", flush=True)
i = 0
while True:
    item = {"id": {"N": str(i)}, "pad": {"S": "x" * 200}}
    store.dispatch("PutItem", {"TableName": "Burst", "Item": item})
    print(i, flush=True)
    i += 1
"""

_INCREMENTER = """
import sys
from pathlib import Path
from amplify_mock.simulators.dynamodb import Store
store = Store.open(Path(sys.argv[1]))
for _ in range(int(sys.argv[2])):
    store.dispatch("UpdateItem", {
        "TableName": "Burst", "Key": {"id": {"N": "0"}},
        "UpdateExpression": "SET cnt = if_not_exists(cnt, :zero) + :one",
        "ExpressionAttributeValues": {":zero": {"N": "0"}, ":one": {"N": "1"}},
    })
store.close()
"""


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )


def test_store_acknowledged_writes_survive_kill_9(tmp_path: Path) -> None:
    db = tmp_path / "amplify" / "mock-data" / "dynamodb"
    with Store.open(db) as store:
        store.dispatch("CreateTable", _TABLE)
    writer = _spawn(_WRITER, str(db))
    assert writer.stdout is not None
    acknowledged: list[int] = []
    deadline = time.monotonic() + 60
    try:
        assert writer.stdout.readline().strip() == "ready"
        while len(acknowledged) < 500 and time.monotonic() < deadline:
            acknowledged.append(int(writer.stdout.readline()))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert len(acknowledged) == 500
    with Store.open(db) as store:
        for i in acknowledged:
            item = store.dispatch("GetItem", {"TableName": "Burst", "Key": {"id": {"N": str(i)}}})
            assert item["Item"]["id"] == {"N": str(i)}


def test_store_concurrent_processes_never_lose_an_update(tmp_path: Path) -> None:
    db = tmp_path / "dynamodb"
    with Store.open(db) as store:
        store.dispatch("CreateTable", _TABLE)
    workers = [_spawn(_INCREMENTER, str(db), "150") for _ in range(3)]
    for worker in workers:
        assert worker.wait(timeout=120) == 0
    with Store.open(db) as store:
        item = store.dispatch("GetItem", {"TableName": "Burst", "Key": {"id": {"N": "0"}}})
    assert item["Item"]["cnt"] == {"N": "450"}


def test_store_conditional_put_race_has_one_winner(tmp_path: Path) -> None:
    with Store.open(tmp_path / "dynamodb") as store:
        store.dispatch("CreateTable", _TABLE)
        winners: list[int] = []
        losers: list[int] = []
        barrier = threading.Barrier(8)

        def claim(n: int) -> None:
            barrier.wait()
            try:
                store.dispatch(
                    "PutItem",
                    {
                        "TableName": "Burst",
                        "Item": {"id": {"N": "7"}, "owner": {"N": str(n)}},
                        "ConditionExpression": "attribute_not_exists(id)",
                    },
                )
                winners.append(n)
            except ConditionalCheckFailedException:
                losers.append(n)

        threads = [threading.Thread(target=claim, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert len(winners) == 1
        assert len(losers) == 7
        stored = store.dispatch("GetItem", {"TableName": "Burst", "Key": {"id": {"N": "7"}}})
        assert stored["Item"]["owner"] == {"N": str(winners[0])}


def test_store_reopen_keeps_tables_and_indexes(tmp_path: Path) -> None:
    db = tmp_path / "dynamodb"
    with Store.open(db) as store:
        store.dispatch("CreateTable", _TABLE)
        store.dispatch("PutItem", {"TableName": "Burst", "Item": {"id": {"N": "1"}}})
    with Store.open(db) as store:
        assert store.dispatch("ListTables", {}) == {"TableNames": ["Burst"]}
        assert store.dispatch("DescribeTable", {"TableName": "Burst"})["Table"]["ItemCount"] == 1
    assert (db / "dynamodb.sqlite").is_file()
