"""Local S3 benchmark: PutObject and GetObject of 4 KB and 8 MB objects per second.

The server runs in its own thread and event loop; the client is `http.client` on one
keep-alive connection (sequential requests), so the numbers are per-request latency bound,
plus a boto3 run of the 4 KB case to show what an SDK client sees. `--moto` runs the same
raw-client cases against moto's server (in memory, no files) for comparison.

    python bench/bench_s3.py [--seconds 2] [--moto]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import logging
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

from amplify_mock.simulators.s3 import S3Server, S3Settings

BUCKET = "bench-bucket-dev"
SIZES = {"4 KB": 4 * 1024, "8 MB": 8 * 1024 * 1024}


def _start(root: Path) -> tuple[S3Server, asyncio.AbstractEventLoop, threading.Thread]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = S3Server(S3Settings(root=root, buckets=(BUCKET,)), host="127.0.0.1", port=0)
    asyncio.run_coroutine_threadsafe(server.start(), loop).result(30)
    return server, loop, thread


def _stop(server: S3Server, loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(30)
    loop.close()


def _rate(seconds: float, operation: Callable[[int], None]) -> tuple[float, int]:
    """Operations per second over about `seconds` (at least 3 operations)."""
    count = 0
    started = time.perf_counter()
    while True:
        operation(count)
        count += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds and count >= 3:
            return count / elapsed, count


def _raw_client(port: int, seconds: float) -> list[tuple[str, str, float, int, int]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    results = []
    for label, size in SIZES.items():
        body = bytes(range(256)) * (size // 256)

        def put(index: int, body: bytes = body, label: str = label) -> None:
            path = f"/{BUCKET}/{label.replace(' ', '')}/{index % 50}"
            # public-read: moto refuses unsigned GETs of private objects (ours ignores ACLs)
            connection.request("PUT", path, body, headers={"x-amz-acl": "public-read"})
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status

        def get(index: int, size: int = size, label: str = label) -> None:
            connection.request("GET", f"/{BUCKET}/{label.replace(' ', '')}/{index % 3}")
            response = connection.getresponse()
            data = response.read()
            assert response.status == 200 and len(data) == size, response.status

        for operation, fn in (("PUT", put), ("GET", get)):
            per_second, count = _rate(seconds, fn)
            results.append((operation, label, per_second, count, size))
    connection.close()
    return results


def _boto3(port: int, seconds: float) -> list[tuple[str, str, float, int, int]]:
    client: Any = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="us-east-1",
        aws_access_key_id="AKIA",
        aws_secret_access_key="secret",
        config=Config(s3={"addressing_style": "path"}),
    )
    body = b"x" * SIZES["4 KB"]

    def put(index: int) -> None:
        client.put_object(Bucket=BUCKET, Key=f"boto/{index % 50}", Body=body)

    def get(index: int) -> None:
        client.get_object(Bucket=BUCKET, Key=f"boto/{index % 3}")["Body"].read()

    return [
        (operation, "4 KB (boto3)", *_rate(seconds, fn), SIZES["4 KB"])
        for operation, fn in (("PUT", put), ("GET", get))
    ]


def _moto(seconds: float) -> list[tuple[str, str, float, int, int]]:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        port = server._server.server_port  # type: ignore[attr-defined]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("PUT", f"/{BUCKET}")
        connection.getresponse().read()
        connection.close()
        return [
            (operation, f"{label} (moto)", per_second, count, size)
            for operation, label, per_second, count, size in _raw_client(port, seconds)
        ]
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="run time per case")
    parser.add_argument("--moto", action="store_true", help="also measure moto's server")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        server, loop, thread = _start(Path(folder))
        try:
            rows = _raw_client(server.port, args.seconds) + _boto3(server.port, args.seconds)
        finally:
            _stop(server, loop, thread)
    if args.moto:
        rows += _moto(args.seconds)
    print(f"{'op':<4} {'object':<14} {'ops/s':>9} {'MB/s':>9} {'n':>6}")
    for operation, label, per_second, count, size in rows:
        megabytes = per_second * size / (1024 * 1024)
        print(f"{operation:<4} {label:<14} {per_second:>9.1f} {megabytes:>9.1f} {count:>6}")


if __name__ == "__main__":
    main()
