"""APPSYNC_JS resolvers: per-evaluation overhead and req/s, side by side with the same resolver
in VTL.

    python -m bench.bench_appsync_js [--seconds 0.5] [--repeats 5] [--http-seconds 3]

1. Engine startup: a new QuickJS engine with the runtime prelude, and the first load of code.
2. Per evaluation, in process: the getTodo resolver's request + response, each with a fresh
   `$ctx` as a resolver builds it, in JS (`ddb.get` / `ctx.result`) and in VTL (the Amplify
   generated Query.getTodo.req/res.vtl); one evaluation is half of that pair. Target: one JS
   evaluation <= 150 us warm, and no slower than VTL.
3. Over HTTP (our endpoint in its own process, in-memory store, one keep-alive connection):
   `getTodo` resolved by VTL vs `getTodoJs` resolved by the JS code on the same table.

Only 127.0.0.1 is used; every loop is bounded by its seconds.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.bench_appsync import API_KEY, our_server
from resolvers.context import build_context
from resolvers.js import TIME_LIMIT_MS, JsCode, bridge, evaluate
from resolvers.js.engine import Engine
from resolvers.vtl import render

ROOT = Path(__file__).resolve().parents[1]
TODO = ROOT / "tests" / "transformer" / "golden" / "cases" / "example-todo" / "expected"
TARGET_US = 150.0

GET_TODO_JS = """import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';

export function request(ctx) {
  return ddb.get({ key: { id: ctx.args.id } });
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
"""
ITEM = {
    "__typename": "Todo",
    "id": "bench-1",
    "name": "bench",
    "description": "a todo read by the benchmark " * 4,
    "createdAt": "2024-01-01T00:00:00.000Z",
    "updatedAt": "2024-01-01T00:00:00.000Z",
}
FIELDS = "id name description createdAt updatedAt"


def best_us(
    once: Callable[[], Any], seconds: float, repeats: int, clock: Callable[[], float]
) -> float:
    """Best mean µs per call over `repeats` runs of about `seconds` each, on `clock`."""
    means = []
    for _ in range(repeats):
        n = 0
        start = clock()
        while True:
            for _ in range(50):
                once()
            n += 50
            elapsed = clock() - start
            if elapsed >= seconds:
                break
        means.append(elapsed / n * 1e6)
    return min(means)


def evaluation(seconds: float, repeats: int) -> dict[str, float]:
    code = JsCode(GET_TODO_JS, "Query.getTodoJs.js")
    req_vtl = (TODO / "resolvers" / "Query.getTodo.req.vtl").read_text(encoding="utf-8")
    res_vtl = (TODO / "resolvers" / "Query.getTodo.res.vtl").read_text(encoding="utf-8")
    info = {"fieldName": "getTodo", "parentTypeName": "Query"}

    def js() -> None:
        evaluate(code, "request", build_context(arguments={"id": "bench-1"}, info=info))
        evaluate(
            code, "response", build_context(arguments={"id": "bench-1"}, result=ITEM, info=info)
        )

    def vtl() -> None:
        render(req_vtl, build_context(arguments={"id": "bench-1"}, info=info), file_name="r")
        render(res_vtl, build_context(arguments={"id": "bench-1"}, result=ITEM, info=info),
               file_name="s")  # fmt: skip

    js()
    vtl()
    out: dict[str, float] = {}
    clocks = {"cpu": time.process_time, "wall": time.perf_counter}
    for _ in range(2):  # interleaved, so both see the same machine load
        for clock_name, clock in clocks.items():
            for name, once in (("js", js), ("vtl", vtl)):
                key = f"{name}_{clock_name}_us"
                out[key] = min(out.get(key, 1e9), best_us(once, seconds, repeats, clock))
    return out


def startup() -> dict[str, float]:
    t0 = time.perf_counter()
    engine = Engine(bridge.call)
    new_engine = (time.perf_counter() - t0) * 1000
    from resolvers.js.module import to_factory

    t0 = time.perf_counter()
    engine.load("bench-first-load", to_factory(GET_TODO_JS), TIME_LIMIT_MS)
    first_load = (time.perf_counter() - t0) * 1000
    return {"engine_ms": new_engine, "first_load_ms": first_load}


def js_build(target: Path) -> Path:
    """The Todo build plus `getTodoJs`, resolved by GET_TODO_JS on the Todo table."""
    build = target / "build"
    shutil.copytree(TODO, build)
    schema = build / "schema.graphql"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(re.sub(r"type Query \{", "type Query {\n  getTodoJs(id: ID!): Todo", text))
    stack_path = build / "stacks" / "Todo.json"
    stack = json.loads(stack_path.read_text(encoding="utf-8"))
    props = dict(stack["Resources"]["GetTodoResolver"]["Properties"])
    for key in ("RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"):
        props.pop(key)
    props.update(
        FieldName="getTodoJs",
        Runtime={"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"},
        Code=GET_TODO_JS,
    )
    stack["Resources"]["GetTodoJsResolver"] = {"Type": "AWS::AppSync::Resolver",
                                               "Properties": props}  # fmt: skip
    stack_path.write_text(json.dumps(stack), encoding="utf-8")
    return build


def keep_alive(port: int, field: str, seconds: float) -> dict[str, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"content-type": "application/json", "x-api-key": API_KEY}
    query = f"query Get($id: ID!) {{ {field}(id: $id) {{ {FIELDS} }} }}"
    body = json.dumps({"query": query, "variables": {"id": "bench-1"}})
    latencies: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        conn.request("POST", "/graphql", body=body, headers=headers)
        out = json.loads(conn.getresponse().read())
        latencies.append(time.perf_counter() - t0)
        assert out["data"][field]["id"] == "bench-1", out
    conn.close()
    elapsed = time.perf_counter() - start
    return {"req_s": len(latencies) / elapsed, "p50_ms": statistics.median(latencies) * 1000}


def http_rates(seconds: float) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp, our_server(js_build(Path(tmp))) as port:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        create = 'mutation { createTodo(input: {id: "bench-1", name: "bench"}) { id } }'
        headers = {"content-type": "application/json", "x-api-key": API_KEY}
        conn.request("POST", "/graphql", body=json.dumps({"query": create}), headers=headers)
        assert json.loads(conn.getresponse().read())["data"]["createTodo"]["id"] == "bench-1"
        conn.close()
        keep_alive(port, "getTodo", 0.3)
        keep_alive(port, "getTodoJs", 0.3)
        return {
            "vtl": keep_alive(port, "getTodo", seconds),
            "js": keep_alive(port, "getTodoJs", seconds),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--http-seconds", type=float, default=3.0)
    args = parser.parse_args(argv)

    start = startup()
    print(f"QuickJS engine start {start['engine_ms']:.1f} ms; first load of the resolver code "
          f"{start['first_load_ms']:.2f} ms")  # fmt: skip
    per = evaluation(args.seconds, args.repeats)
    print("getTodo request+response, fresh $ctx each (best mean of runs; CPU time of this "
          "process, and wall time, which other load on the machine inflates):")  # fmt: skip
    for clock in ("cpu", "wall"):
        js_us, vtl_us = per[f"js_{clock}_us"], per[f"vtl_{clock}_us"]
        verdict = "within target" if js_us / 2 <= TARGET_US else "over target"
        print(
            f"  {clock:4s}  APPSYNC_JS {js_us:7.1f} us ({js_us / 2:6.1f} per evaluation)   "
            f"VTL {vtl_us:7.1f} us   JS/VTL {js_us / vtl_us:4.1f}x   "
            f"target <= {TARGET_US:.0f} us per evaluation: {verdict}"
        )
    rates = http_rates(args.http_seconds)
    print("HTTP, one keep-alive connection, same table and selection:")
    for name, label in (("vtl", "getTodo (VTL)"), ("js", "getTodoJs (APPSYNC_JS)")):
        r = rates[name]
        print(f"  {label:24s} {r['req_s']:8.0f} req/s   p50 {r['p50_ms']:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
