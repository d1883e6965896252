"""One request must never starve the others: a 2^16 fan-out against small concurrent queries.

    python -m bench.bench_limits [--small 20]

Starts our endpoint (a separate process, Blog build, in-memory store) with one blog and two
posts, then sends the issue's fan-out query (`getBlog { posts { items { blog { posts ...`,
16 levels: 2^16 posts at the bottom) and, while it runs, small `getBlog` queries one after
the other. Reports the small queries' latency alone and during the fan-out, how the fan-out
ends (AppSync's resolver count limit), and the server's CPU time in the 2 s after a client
that sent the fan-out disconnects (a cancelled request stops consuming CPU).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.bench_appsync import GOLDEN, ROOT, _free_port, _jwt, _post

BLOG_BUILD = GOLDEN / "example-blog" / "expected"
SMALL = '{ getBlog(id: "b1") { id name } }'


def fan_out_query(levels: int) -> str:
    inner = "id"
    for _ in range(levels):
        inner = f"posts {{ items {{ id blog {{ {inner} }} }} }}"
    return f'{{ getBlog(id: "b1") {{ {inner} }} }}'


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(port: int, query: str, headers: dict[str, str]) -> float:
    started = time.perf_counter()
    _post(port, query, headers)
    return (time.perf_counter() - started) * 1000


def _disconnecting_client(port: int, query: str, headers: dict[str, str]) -> None:
    body = json.dumps({"query": query}).encode()
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        + "\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(head + body)
        time.sleep(0.5)  # the request is under way; the client goes away


def measure(port: int, pid: int, small_count: int) -> dict[str, Any]:
    headers = {"Authorization": _jwt("alice", [])}
    _post(port, 'mutation { createBlog(input: {id: "b1", name: "b"}) { id } }', headers)
    create_post = (
        'mutation {{ createPost(input: {{id: "{}", blogID: "b1", title: "t"}}) {{ id }} }}'
    )
    for post in ("p1", "p2"):
        _post(port, create_post.format(post), headers)
    alone = [_timed(port, SMALL, headers) for _ in range(small_count)]
    fan_out: dict[str, Any] = {}

    def run_fan_out() -> None:
        started = time.perf_counter()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/graphql",
            data=json.dumps({"query": fan_out_query(16)}).encode(),
            headers={"content-type": "application/json", **headers},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            body = json.loads(response.read())
        fan_out["ms"] = (time.perf_counter() - started) * 1000
        fan_out["errors"] = sorted({e.get("errorType") for e in body.get("errors") or []})

    thread = threading.Thread(target=run_fan_out)
    thread.start()
    time.sleep(0.2)
    during = []
    while thread.is_alive() and len(during) < small_count:
        during.append(_timed(port, SMALL, headers))
    thread.join()
    cpu_before = _cpu_seconds(pid)
    _disconnecting_client(port, fan_out_query(16), headers)
    disconnect_at = _cpu_seconds(pid)
    time.sleep(2)
    cpu_after = _cpu_seconds(pid)
    return {
        "small_alone_ms": {"p50": statistics.median(alone), "max": max(alone)},
        "small_during_fan_out_ms": {
            "n": len(during),
            "p50": statistics.median(during) if during else None,
            "max": max(during) if during else None,
        },
        "fan_out": fan_out,
        "cpu_s_while_connected_0_5s": disconnect_at - cpu_before,
        "cpu_s_in_2s_after_disconnect": cpu_after - disconnect_at,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--small", type=int, default=20, help="small queries per phase")
    args = parser.parse_args(argv)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_appsync", "--serve", str(BLOG_BUILD), str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        if '"ready": true' not in proc.stdout.readline():
            raise RuntimeError("our endpoint did not start")
        print(json.dumps(measure(port, proc.pid, args.small), indent=2))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
