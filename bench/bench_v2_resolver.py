"""In-process cost of one GraphQL request on a Transformer v1 build and on a v2 build, same run.

    python -m bench.bench_v2_resolver [--repeat 2000] [--rounds 5] [--profile getTodo:v2]

The v1 `example-todo` golden build and the v2 `serve-todo` golden build (the same Todo model)
are loaded into `ApiState`s over an in-memory DynamoDB store; each workload (`getTodo`,
`listTodos` over 20 items, `createTodo`) runs `ApiState.execute` `--repeat` times per round,
without HTTP. The figure is CPU time (`time.process_time`) per request in microseconds, the
median of `--rounds` rounds, so that other processes on a loaded machine do not count. The v2
p50/p99 columns are wall time per request in process (GC on, start-up objects frozen as the
server freezes them): what our own code adds to the tail, before HTTP.
`--profile WORKLOAD:VERSION` prints a cProfile of that workload instead.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import itertools
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from amplify_mock.simulators.appsync.auth import RequestAuth
from amplify_mock.simulators.appsync.config import AuthenticationType
from amplify_mock.simulators.appsync.execution import ApiState, RequestContext
from amplify_mock.simulators.appsync.state import build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store

ROOT = Path(__file__).resolve().parents[1]
BUILDS = {
    "v1": ROOT / "tests" / "transformer" / "golden" / "cases" / "example-todo" / "expected",
    "v2": ROOT / "tests" / "transformer" / "v2" / "golden" / "serve-todo" / "build",
}
API_KEY = "da2-fakeApiId123456"
GET = "query Get($id: ID!) { getTodo(id: $id) { id name description createdAt updatedAt } }"
LIST = "query { listTodos(limit: 50) { items { id name description } nextToken } }"
CREATE = (
    "mutation Create($input: CreateTodoInput!) "
    "{ createTodo(input: $input) { id name description createdAt updatedAt } }"
)
AUTH = RequestAuth(AuthenticationType.API_KEY)


async def _state(version: str) -> ApiState:
    client = StoreClient(Store.open(None))
    factory = data_source_factory(dynamodb_client=client)
    state = build_api_state(BUILDS[version], data_source_factory=factory, api_key=API_KEY)
    await ensure_tables(client, state.config)
    for n in range(20):
        variables = {"input": {"id": f"todo-{n}", "name": f"todo {n}", "description": "x"}}
        await _run(state, CREATE, variables)
    return state


async def _run(state: ApiState, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    context = RequestContext(AUTH, {"headers": {"x-api-key": API_KEY}, "domainName": None})
    body = await state.execute(state.prepare(query), context, variables=variables)
    if body.get("errors"):
        raise RuntimeError(f"request failed: {body['errors']}")
    return body


def _workloads() -> dict[str, Callable[[int], tuple[str, dict[str, Any]]]]:
    return {
        "getTodo": lambda n: (GET, {"id": f"todo-{n % 20}"}),
        "listTodos": lambda n: (LIST, {}),
        "createTodo": lambda n: (
            CREATE,
            {"input": {"id": f"new-{n}", "name": "bench", "description": "x"}},
        ),
    }


async def _round(state: ApiState, make: Callable[[int], Any], counter: Any, repeat: int) -> float:
    requests = [make(next(counter)) for _ in range(repeat)]
    start = time.process_time()
    for query, variables in requests:
        await _run(state, query, variables)
    return (time.process_time() - start) / repeat * 1e6


async def _wall_latency(
    state: ApiState, make: Callable[[int], Any], counter: Any, repeat: int
) -> tuple[float, float]:
    """p50/p99 wall time of one request in process (GC on): the tail our own code adds,
    without HTTP; compare with the HTTP bench's p99 and its fixed-body floor."""
    latencies: list[float] = []
    for _ in range(repeat):
        query, variables = make(next(counter))
        start = time.perf_counter()
        await _run(state, query, variables)
        latencies.append(time.perf_counter() - start)
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[98] * 1000


async def _main(args: argparse.Namespace) -> None:
    states = {version: await _state(version) for version in BUILDS}
    workloads = _workloads()
    counter = itertools.count()
    if args.profile:
        name, version = args.profile.split(":")
        profile = cProfile.Profile()
        profile.enable()
        await _round(states[version], workloads[name], counter, args.repeat)
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(45)
        return
    gc.collect()
    gc.freeze()  # as the server does once started (mock_loop.resume_collection)
    print(f"{'workload':<12}{'v1 us':>10}{'v2 us':>10}{'v2/v1':>8}"
          f"{'v2 p50 ms':>11}{'v2 p99 ms':>11}")  # fmt: skip
    for name, make in workloads.items():
        figures: dict[str, list[float]] = {version: [] for version in BUILDS}
        for version in BUILDS:  # warm caches (templates, documents, plans)
            await _round(states[version], make, counter, 50)
        for _ in range(args.rounds):
            for version, state in states.items():
                gc.collect()
                figures[version].append(await _round(state, make, counter, args.repeat))
        v1, v2 = (statistics.median(figures[v]) for v in BUILDS)
        p50, p99 = await _wall_latency(states["v2"], make, counter, args.repeat)
        print(f"{name:<12}{v1:>10.0f}{v2:>10.0f}{v2 / v1:>8.2f}{p50:>11.3f}{p99:>11.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--profile", help="WORKLOAD:VERSION, e.g. getTodo:v2")
    asyncio.run(_main(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
