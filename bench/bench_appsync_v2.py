"""The AppSync bench on Transformer v2 builds, side by side with the real simulator on the same.

    python -m bench.bench_appsync_v2 [--seconds 5] [--clients 8] [--no-oracle]

The workloads of `bench.bench_appsync` (sequential `getTodo` over one keep-alive connection and
with a new connection per request; the mixed-auth workload from `--clients` concurrent clients)
on the real v2 transformer's builds in the v2 golden suite: `serve-todo` (sandbox, API key) and
`serve-blog` (user pools default, API key and IAM: owner, static group, public and private IAM
rules, @index, @hasMany / @belongsTo).

Ours: a separate `python` process per build, in-memory store. The reference: `serve-v2.js` of
an installed copy of ../shared/oracle-v2 (`$AMPLIFY_MOCK_ORACLE_V2`, its `gen1/` folder holding
the Gen 1 line, with serve-v2.js copied in as the transform scripts are) with the real
`amplify-appsync-simulator` and DynamoDB Local from the installed v1 oracle harness
(`$AMPLIFY_ORACLE`, as `bench.bench_appsync`). Without both the reference column is skipped.

Beside req/s and latency, the CPU time each server's process tree (the real simulator's
DynamoDB Local included) spends per request: on a loaded machine req/s and latency follow the
share of the cores a server gets, its CPU per request does not (1 s / CPU per request is the
req/s one core would serve).

A fixed-body aiohttp server is measured first on the same keep-alive loop: its p99 is what the
machine (scheduler, other processes) adds to any server, ours included.

The real simulator never authorizes an IAM caller on a v2 build (its README: the role ARNs in
the v2 stash keep `arn:AWS::Partition:`), so the mixed workload's IAM `listBlogs` counts as
answered when it comes back in GraphQL's shape, data or `Unauthorized`, on both servers.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from amplify_mock.mock import loop as mock_loop
from bench import bench_appsync as v1
from bench.bench_appsync import API_KEY, IAM_HEADERS, _free_port, _jwt, _post, _row

ROOT = Path(__file__).resolve().parents[1]
V2_GOLDEN = ROOT / "tests" / "transformer" / "v2" / "golden"


def _oracle_dirs() -> tuple[Path, Path] | None:
    v2 = os.environ.get("AMPLIFY_MOCK_ORACLE_V2")
    if not v2 or not (v1.ORACLE / "node_modules").is_dir():
        return None
    gen1 = Path(v2) / "gen1"
    return (gen1, v1.ORACLE) if (gen1 / "serve-v2.js").is_file() else None


@contextmanager
def oracle_server(gen1: Path, v1_dir: Path, case: str) -> Iterator[tuple[int, int]]:
    """`serve-v2.js` on the case's schema with the case's auth modes and transform parameters."""
    options = json.loads((V2_GOLDEN / case / "options.json").read_text())
    modes = {"apiKey": "API_KEY", "userPools": "AMAZON_COGNITO_USER_POOLS", "iam": "AWS_IAM"}
    port = _free_port()
    command = [
        "node",
        "serve-v2.js",
        str(V2_GOLDEN / case / "schema.graphql"),
        "--port",
        str(port),
        "--auth-config",
        ",".join(modes[m] for m in options["authModes"]),
        "--transform-parameters",
        json.dumps(options.get("transformParameters") or {}),
    ]
    env = {**os.environ, "ORACLE_V1_DIR": str(v1_dir)}
    with v1.server_process(command, cwd=gen1, env=env, ready='"ready":true') as pid:
        yield port, pid


def _answered(field: str) -> Callable[[Any], bool]:
    return lambda out: field in (out.get("data") or {}) or "errors" in out


def mixed_requests() -> list[tuple[str, dict[str, str], Callable[[Any], bool]]]:
    alice = _jwt("alice", [])
    admin = _jwt("root", ["Admin"])
    return [
        ('{ getBlog(id: "b1") { id name } }', {"x-api-key": API_KEY},
         lambda out: out["data"]["getBlog"]["id"] == "b1"),
        ('{ getPost(id: "p1") { id title } }', {"Authorization": alice},
         lambda out: out["data"]["getPost"]["id"] == "p1"),
        ("{ listBlogs(limit: 5) { items { id } } }", IAM_HEADERS,
         _answered("listBlogs")),
        ('mutation { createComment(input: {content: "c"}) { id } }', {"Authorization": admin},
         lambda out: "errors" not in out),
    ]  # fmt: skip


def _with_cpu(pid: int, run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """`run()`'s numbers plus the server's CPU microseconds per request (process tree)."""
    before = v1.tree_cpu_seconds(pid)
    result = run()
    result["cpu_us"] = (v1.tree_cpu_seconds(pid) - before) / max(1, result["requests"]) * 1e6
    return result


def measure(
    todo: tuple[int, int], blog: tuple[int, int], args: argparse.Namespace
) -> dict[str, Any]:
    (todo_port, todo_pid), (blog_port, blog_pid) = todo, blog
    out = _post(todo_port, v1.CREATE, {"x-api-key": API_KEY})
    assert "errors" not in out, out
    alice = {"Authorization": _jwt("alice", [])}
    for setup in (
        'mutation { createBlog(input: {id: "b1", name: "b"}) { id } }',
        'mutation { createPost(input: {id: "p1", blogID: "b1", title: "t"}) { id } }',
    ):
        out = _post(blog_port, setup, alice)
        assert "errors" not in out, out
    v1.keep_alive_loop(todo_port, min(1.0, args.seconds))  # warm-up
    return {
        "keep_alive": _with_cpu(todo_pid, lambda: v1.keep_alive_loop(todo_port, args.seconds)),
        "new_connection": _with_cpu(
            todo_pid, lambda: v1.new_connection_loop(todo_port, args.seconds)
        ),
        "mixed_auth": _with_cpu(
            blog_pid,
            lambda: v1.mixed_load(blog_port, args.seconds, args.clients, mixed_requests()),
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--no-oracle", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
    args = parser.parse_args(argv)
    with v1.our_server_process(None) as (port, pid):  # the machine's HTTP floor, same run
        v1.keep_alive_loop(port, min(1.0, args.seconds))
        baseline = _with_cpu(pid, lambda: v1.keep_alive_loop(port, args.seconds))
    with (
        v1.our_server_process(V2_GOLDEN / "serve-todo" / "build") as todo,
        v1.our_server_process(V2_GOLDEN / "serve-blog" / "build") as blog,
    ):
        ours = measure(todo, blog, args)
    oracle: dict[str, Any] | None = None
    dirs = None if args.no_oracle else _oracle_dirs()
    if dirs is not None:
        with (
            oracle_server(*dirs, "serve-todo") as todo,
            oracle_server(*dirs, "serve-blog") as blog,
        ):
            oracle = measure(todo, blog, args)
    if args.json:
        print(json.dumps({"ours": ours, "oracle": oracle, "baseline": baseline}, indent=2))
        return 0
    header = f"{'measure (v2 builds)':<32} {'ours r/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
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
    print("server CPU per request (us; process tree, load-independent):")
    for key, label in labels.items():
        line = f"  {label:<30} ours {ours[key]['cpu_us']:>8.0f}"
        if oracle is not None:
            ratio = oracle[key]["cpu_us"] / ours[key]["cpu_us"] if ours[key]["cpu_us"] else 0.0
            line += f"   real {oracle[key]['cpu_us']:>8.0f}   {ratio:>5.1f}x"
        print(line)
    print(_row("aiohttp hello-world, keep-alive", baseline, None).split("   (")[0]
          + f"   (the machine's floor: a fixed body, no GraphQL; {baseline['cpu_us']:.0f} us "
          "CPU per request)")  # fmt: skip
    print(f"({args.seconds:g} s per loop; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.1f}; servers on {mock_loop.loop_name()})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
