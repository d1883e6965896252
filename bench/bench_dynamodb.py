"""DynamoDB store benchmark: PutItem, GetItem, 100-item Query, filtered Scan at 1k/10k/100k items.

In process (`Store.dispatch`) and over HTTP (our endpoint, and moto's server side by side at the
sizes moto can load quickly). HTTP calls use one keep-alive connection and raw JSON, so both
servers are measured with the same client.

    python bench/bench_dynamodb.py [--sizes 1000,10000,100000] [--moto-sizes 1000,10000]

Also prints the process's RSS after each in-process size (sizes run in increasing order in
one process, so each figure includes the smaller stores already closed).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import logging
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.server import DynamoDBServer, start_server

TABLE = "Bench"
PARTITION = 200  # items per hash key: a Query for 100 items stays inside one partition
CREATE = {
    "TableName": TABLE,
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "AttributeDefinitions": [
        {"AttributeName": "pk", "AttributeType": "S"},
        {"AttributeName": "sk", "AttributeType": "N"},
    ],
    "BillingMode": "PAY_PER_REQUEST",
}


def item(i: int) -> dict[str, Any]:
    return {
        "pk": {"S": f"p{i // PARTITION}"},
        "sk": {"N": str(i)},
        "title": {"S": f"Item number {i}"},
        "n": {"N": str(i % 97)},
        "tags": {"SS": ["a", "b"]},
    }


def put(i: int) -> tuple[str, dict[str, Any]]:
    return "PutItem", {"TableName": TABLE, "Item": item(i)}


def get(i: int) -> tuple[str, dict[str, Any]]:
    return "GetItem", {"TableName": TABLE, "Key": {"pk": item(i)["pk"], "sk": item(i)["sk"]}}


def query(i: int) -> tuple[str, dict[str, Any]]:
    return "Query", {
        "TableName": TABLE,
        "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": {"S": f"p{i}"}},
        "Limit": 100,
    }


def scan(_i: int) -> tuple[str, dict[str, Any]]:
    return "Scan", {
        "TableName": TABLE,
        "FilterExpression": "n < :n",
        "ExpressionAttributeValues": {":n": {"N": "10"}},
        "Limit": 1000,
    }


_AUTH = (
    "AWS4-HMAC-SHA256 Credential=fake/20240101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=0"
)

Call = Callable[[str, dict[str, Any]], dict[str, Any]]


def measure(
    call: Call, make: Callable[[int], tuple[str, dict[str, Any]]], n: int, spread: int
) -> float:
    samples = []
    for k in range(n):
        operation, params = make(k % spread)
        start = time.perf_counter_ns()
        call(operation, params)
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000.0


def load(call: Call, size: int, batch: bool) -> None:
    if not batch:
        for i in range(size):
            call(*put(i))
        return
    for start in range(0, size, 25):
        chunk = range(start, min(size, start + 25))
        requests = [{"PutRequest": {"Item": item(i)}} for i in chunk]
        call("BatchWriteItem", {"RequestItems": {TABLE: requests}})


def rss_mib() -> float:
    """This process's resident set size (Linux /proc), in MiB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def run_suite(call: Call, size: int, counts: dict[str, int]) -> dict[str, float]:
    partitions = size // PARTITION
    result = {
        "GetItem": measure(call, get, counts["get"], size),
        "Query100": measure(call, query, counts["query"], partitions),
        "ScanFiltered": measure(call, scan, counts["scan"], 1),
    }
    result["PutItem"] = measure(call, lambda k: put(size + k), counts["put"], 10**9)
    returned = call(*query(0))
    assert returned["Count"] == 100, returned["Count"]
    return result


class HttpCaller:
    """Raw JSON protocol over one keep-alive connection."""

    def __init__(self, host: str, port: int) -> None:
        self.conn = http.client.HTTPConnection(host, port)

    def __call__(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps(params)
        self.conn.request(
            "POST",
            "/",
            body=body,
            headers={
                "X-Amz-Target": f"DynamoDB_20120810.{operation}",
                "Content-Type": "application/x-amz-json-1.0",
                "Authorization": _AUTH,
            },
        )
        response = self.conn.getresponse()
        payload = response.read()
        if response.status != 200:
            raise RuntimeError(payload.decode())
        return dict(json.loads(payload))


def serve_in_thread(store: Store) -> tuple[DynamoDBServer, asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    started: dict[str, DynamoDBServer] = {}
    ready = threading.Event()

    def main() -> None:
        asyncio.set_event_loop(loop)
        started["server"] = loop.run_until_complete(start_server(store, port=0))
        ready.set()
        loop.run_forever()

    threading.Thread(target=main, daemon=True).start()
    ready.wait(30)
    return started["server"], loop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--moto-sizes", default="1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    moto_sizes = [int(s) for s in args.moto_sizes.split(",") if s]
    counts = {"put": 2000, "get": 2000, "query": 300, "scan": 20}
    http_counts = {"put": 500, "get": 500, "query": 200, "scan": 10}
    moto_counts = {"put": 200, "get": 200, "query": 10, "scan": 3}
    rows: list[tuple[str, int, dict[str, float]]] = []
    rss: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            store = Store.open(Path(tmp) / f"db{size}")
            store.dispatch("CreateTable", CREATE)
            load(store.dispatch, size, batch=False)
            rows.append(("in-process", size, run_suite(store.dispatch, size, counts)))
            rss.append((size, rss_mib()))
            server, loop = serve_in_thread(store)
            caller = HttpCaller("127.0.0.1", server.port)
            rows.append(("http (ours)", size, run_suite(caller, size, http_counts)))
            asyncio.run_coroutine_threadsafe(server.stop(), loop).result(30)
            loop.call_soon_threadsafe(loop.stop)
            store.close()
        if moto_sizes:
            from moto.server import ThreadedMotoServer

            logging.getLogger("werkzeug").setLevel(logging.ERROR)

            moto = ThreadedMotoServer(port=0, verbose=False)
            moto.start()
            host, port = moto.get_host_and_port()
            try:
                for size in moto_sizes:
                    caller = HttpCaller(host, port)
                    name = f"{TABLE}"
                    caller("CreateTable", CREATE)
                    load(caller, size, batch=True)
                    rows.append(("http (moto)", size, run_suite(caller, size, moto_counts)))
                    caller("DeleteTable", {"TableName": name})
            finally:
                moto.stop()
    print(
        f"{'front door':<12} {'items':>7} {'PutItem':>10} {'GetItem':>10} {'Query100':>10} "
        f"{'Scan(f)':>10}   (p50, microseconds; Scan = Limit 1000 + filter)"
    )
    for label, size, result in rows:
        print(
            f"{label:<12} {size:>7} {result['PutItem']:>10.1f} {result['GetItem']:>10.1f} "
            f"{result['Query100']:>10.1f} {result['ScanFiltered']:>10.1f}"
        )

    for size, mib in rss:
        print(f"RSS after loading and querying {size:>7} items in process: {mib:.0f} MiB")


if __name__ == "__main__":
    main()
