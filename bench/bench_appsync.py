"""Throughput and latency of the local AppSync endpoint, side by side with the real simulator.

    python -m bench.bench_appsync [--seconds 5] [--clients 8] [--no-oracle]

Measures, for our endpoint (a separate `python` process on the Todo and Blog builds, in-memory
store) and, when the oracle harness (`$AMPLIFY_ORACLE`, default `../shared/oracle` from the
repository root, with its node_modules installed) has `serve.js`, for the real Amplify simulator
(`node serve.js`, DynamoDB Local):

1. sequential `getTodo` req/s and p50/p99 latency over one keep-alive connection;
2. the same with a new TCP connection per request (`urllib`);
3. a mixed-auth workload on the Blog schema (API key `getBlog`, Cognito `getPost`,
   IAM `listBlogs`, Cognito `createComment`) from `--clients` concurrent keep-alive clients.

An aiohttp server answering a fixed body is measured first, as the machine's HTTP ceiling.
Both servers run on the event loop `amplify mock` uses (`amplify_mock.mock.loop`).
Only 127.0.0.1 is used; every loop is bounded by `--seconds`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from amplify_mock.mock import loop as mock_loop

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "transformer" / "golden" / "cases"
SHARED = Path(os.environ.get("AMPLIFY_MOCK_SHARED") or ROOT.parent / "shared")
ORACLE = Path(os.environ.get("AMPLIFY_ORACLE") or SHARED / "oracle")
ORACLE_EXAMPLES = SHARED / "oracle" / "examples"
API_KEY = "da2-fakeApiId123456"
GET = "query Get($id: ID!) { getTodo(id: $id) { id name description createdAt updatedAt } }"
CREATE = 'mutation { createTodo(input: {id: "bench-1", name: "bench", description: "x"}) { id } }'
#: An IAM caller with the authenticated role's well-known key (AppSync refuses a SigV4 header
#: without SignedHeaders, Signature and X-Amz-Date; this key's signature is not checked).
IAM_HEADERS = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=ASIAVJKIAM-AuthRole/20240101/us-east-1/appsync"
    "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0" * 64,
    "x-amz-date": "20240101T000000Z",
}


def _jwt(username: str, groups: list[str]) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    claims = {
        "sub": f"sub-{username}",
        "iss": "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_fake_user_pool",
        "cognito:username": username,
        "cognito:groups": groups,
        "email": f"{username}@example.com",
        "token_use": "id",
        "exp": int(time.time()) + 36000,
    }
    return f"{part({'alg': 'HS256'})}.{part(claims)}.c2ln"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---- servers -------------------------------------------------------------------------------


def serve_ours(build: str, port: int) -> None:
    """Child process: our endpoint on `build` with an in-memory store, until SIGTERM."""
    from amplify_mock.simulators.appsync.server import AppSyncServer
    from amplify_mock.simulators.appsync.state import build_api_state
    from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
    from amplify_mock.simulators.dynamodb.client import StoreClient
    from amplify_mock.simulators.dynamodb.store import Store

    async def main() -> None:
        gc.disable()  # as `amplify mock` starts (amplify_mock.cli.main), resumed once serving
        store = Store.open(None)
        client = StoreClient(store)
        factory = data_source_factory(dynamodb_client=client)
        state = build_api_state(Path(build), data_source_factory=factory)
        await ensure_tables(client, state.config)
        server = AppSyncServer(state, port=port)
        await server.start()
        mock_loop.resume_collection()
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        print(json.dumps({"ready": True}), flush=True)
        await stop.wait()
        await server.stop()

    mock_loop.run(main())


def serve_baseline(port: int) -> None:
    """Child process: aiohttp answering a fixed getTodo body (the machine's HTTP ceiling)."""
    from aiohttp import web

    body = json.dumps({"data": {"getTodo": {"id": "bench-1", "name": "bench"}}})

    async def handle(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text=body, content_type="application/json")

    async def main() -> None:
        app = web.Application()
        app.router.add_post("/graphql", handle)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        print(json.dumps({"ready": True}), flush=True)
        await stop.wait()
        await runner.cleanup()

    mock_loop.run(main())


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and all its live descendants (Linux /proc): the
    server's own cost per request, whatever the machine's load (DynamoDB Local included for
    the real simulator)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, owner in parents.items() if owner == parent]
        tree.update(children)
        frontier += children
    return sum(times.get(member, 0.0) for member in tree)


@contextmanager
def server_process(
    command: list[str],
    *,
    cwd: Path,
    ready: str,
    env: dict[str, str] | None = None,
    show_stderr: bool = False,
) -> Iterator[int]:
    """A server child process: started, waited for until its first stdout line holds `ready`,
    stopped with SIGTERM on exit (shared by our endpoint, serve.js and serve-v2.js); yields
    its pid."""
    stderr = None if show_stderr else subprocess.DEVNULL
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if ready not in line:
            raise RuntimeError(f"{' '.join(command[:2])} did not start: {line!r}")
        yield proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def our_server_process(build: Path | None) -> Iterator[tuple[int, int]]:
    """Our endpoint on `build`, or the aiohttp baseline when `build` is None: (port, pid)."""
    port = _free_port()
    mode = ["--serve", str(build), str(port)] if build else ["--serve-baseline", str(port)]
    with server_process(
        [sys.executable, "-m", "bench.bench_appsync", *mode],
        cwd=ROOT,
        ready='"ready": true',
        show_stderr=True,
    ) as pid:
        yield port, pid


@contextmanager
def our_server(build: Path | None) -> Iterator[int]:
    with our_server_process(build) as (port, _pid):
        yield port


@contextmanager
def oracle_server(example: str, extra: list[str]) -> Iterator[int]:
    port = _free_port()
    schema = ORACLE_EXAMPLES / example / "schema.graphql"
    command = ["node", str(ORACLE / "serve.js"), str(schema), "--port", str(port), *extra]
    with server_process(command, cwd=ORACLE, ready='"ready":true'):
        yield port


# ---- clients -------------------------------------------------------------------------------


def _percentiles(latencies: list[float]) -> tuple[float, float]:
    if len(latencies) < 2:
        return (latencies[0] * 1000, latencies[0] * 1000) if latencies else (0.0, 0.0)
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[98] * 1000


def _result(n: int, elapsed: float, latencies: list[float]) -> dict[str, float]:
    p50, p99 = _percentiles(latencies)
    return {"req_s": n / elapsed, "p50_ms": p50, "p99_ms": p99, "requests": n}


def _post(port: int, query: str, headers: dict[str, str], variables: Any = None) -> Any:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=body,
        headers={"content-type": "application/json", **headers},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def keep_alive_loop(port: int, seconds: float) -> dict[str, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = json.dumps({"query": GET, "variables": {"id": "bench-1"}})
    headers = {"content-type": "application/json", "x-api-key": API_KEY}
    latencies: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        conn.request("POST", "/graphql", body=body, headers=headers)
        out = json.loads(conn.getresponse().read())
        latencies.append(time.perf_counter() - t0)
        assert out["data"]["getTodo"]["id"] == "bench-1", out
    conn.close()
    return _result(len(latencies), time.perf_counter() - start, latencies)


def new_connection_loop(port: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        out = _post(port, GET, {"x-api-key": API_KEY}, {"id": "bench-1"})
        latencies.append(time.perf_counter() - t0)
        assert out["data"]["getTodo"]["id"] == "bench-1", out
    return _result(len(latencies), time.perf_counter() - start, latencies)


def _mixed_requests() -> list[tuple[str, dict[str, str], Callable[[Any], bool]]]:
    alice = _jwt("alice", [])
    admin = _jwt("root", ["Admin"])
    return [
        ('{ getBlog(id: "b1") { id name } }', {"x-api-key": API_KEY},
         lambda out: out["data"]["getBlog"]["id"] == "b1"),
        ('{ getPost(id: "p1") { id title } }', {"Authorization": alice},
         lambda out: out["data"]["getPost"]["id"] == "p1"),
        ("{ listBlogs(limit: 5) { items { id } } }", IAM_HEADERS,
         lambda out: "errors" not in out),
        ('mutation { createComment(input: {content: "c"}) { id } }', {"Authorization": admin},
         lambda out: "errors" not in out),
    ]  # fmt: skip


def mixed_auth_load(port: int, seconds: float, clients: int) -> dict[str, float]:
    alice = _jwt("alice", [])
    _post(
        port,
        'mutation { createBlog(input: {id: "b1", name: "b"}) { id } }',
        {"Authorization": alice},
    )
    out = _post(
        port,
        'mutation { createPost(input: {id: "p1", blogID: "b1", title: "t"}) { id } }',
        {"Authorization": alice},
    )
    assert "errors" not in out, out
    return mixed_load(port, seconds, clients, _mixed_requests())


def mixed_load(
    port: int,
    seconds: float,
    clients: int,
    requests: list[tuple[str, dict[str, str], Callable[[Any], bool]]],
) -> dict[str, float]:
    """`clients` keep-alive clients cycling through `requests` (query, headers, check)."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures: list[Any] = []
    deadline = time.perf_counter() + seconds

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = index
        while time.perf_counter() < deadline:
            query, headers, check = requests[i % len(requests)]
            i += 1
            t0 = time.perf_counter()
            conn.request("POST", "/graphql", body=json.dumps({"query": query}),
                         headers={"content-type": "application/json", **headers})  # fmt: skip
            out = json.loads(conn.getresponse().read())
            latencies[index].append(time.perf_counter() - t0)
            if not check(out) and len(failures) < 3:
                failures.append(out)
        conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise AssertionError(f"mixed workload answered errors: {failures}")
    flat = [x for per_client in latencies for x in per_client]
    return _result(len(flat), elapsed, flat)


def measure(todo_port: int, blog_port: int, args: argparse.Namespace) -> dict[str, Any]:
    out = _post(todo_port, CREATE, {"x-api-key": API_KEY})
    assert "errors" not in out, out
    keep_alive_loop(todo_port, min(1.0, args.seconds))  # warm-up
    return {
        "keep_alive": keep_alive_loop(todo_port, args.seconds),
        "new_connection": new_connection_loop(todo_port, args.seconds),
        "mixed_auth": mixed_auth_load(blog_port, args.seconds, args.clients),
    }


def _row(name: str, ours: dict[str, float], oracle: dict[str, float] | None) -> str:
    text = f"{name:<32} {ours['req_s']:>9.0f} {ours['p50_ms']:>8.2f} {ours['p99_ms']:>8.2f}"
    if oracle is None:
        return text + "   (oracle column skipped)"
    ratio = ours["req_s"] / oracle["req_s"] if oracle["req_s"] else float("inf")
    return text + (
        f"   {oracle['req_s']:>9.0f} {oracle['p50_ms']:>8.2f} {oracle['p99_ms']:>8.2f}"
        f"   {ratio:>5.1f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--no-oracle", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
    parser.add_argument("--serve", nargs=2, metavar=("BUILD", "PORT"), help=argparse.SUPPRESS)
    parser.add_argument("--serve-baseline", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve_ours(args.serve[0], int(args.serve[1]))
        return 0
    if args.serve_baseline:
        serve_baseline(args.serve_baseline)
        return 0
    with our_server(None) as port:
        keep_alive_loop(port, min(1.0, args.seconds))
        baseline = {
            "keep_alive": keep_alive_loop(port, args.seconds),
            "new_connection": new_connection_loop(port, args.seconds),
        }
    with (
        our_server(GOLDEN / "example-todo" / "expected") as todo_port,
        our_server(GOLDEN / "example-blog" / "expected") as blog_port,
    ):
        ours = measure(todo_port, blog_port, args)
    oracle: dict[str, Any] | None = None
    if not args.no_oracle and (ORACLE / "serve.js").is_file():
        blog = ORACLE_EXAMPLES / "blog"
        blog_args = ["--auth-config", f"@{blog / 'auth-config.json'}",
                     "--functions", str(blog / "functions")]  # fmt: skip
        with oracle_server("todo", []) as todo_port, oracle_server("blog", blog_args) as blog_port:
            oracle = measure(todo_port, blog_port, args)
    if args.json:
        print(json.dumps({"ours": ours, "oracle": oracle, "baseline": baseline}, indent=2))
        return 0
    header = f"{'measure':<32} {'ours r/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
    if oracle is not None:
        header += f"   {'real r/s':>9} {'p50 ms':>8} {'p99 ms':>8}   ratio"
    print(header)
    labels = {
        "keep_alive": "getTodo, keep-alive",
        "new_connection": "getTodo, new connection",
        "mixed_auth": f"mixed auth, {args.clients} clients",
    }
    for key, label in labels.items():
        print(_row(label, ours[key], oracle[key] if oracle else None))
    print(
        f"aiohttp hello-world baseline on this machine: {baseline['keep_alive']['req_s']:.0f} r/s "
        f"keep-alive, {baseline['new_connection']['req_s']:.0f} r/s new connection"
    )
    print(f"({args.seconds:g} s per loop; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.1f}; servers on {mock_loop.loop_name()})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
