"""What AppSync logging costs: `getTodo` req/s at `--log-level` NONE, ERROR, ALL, NONE+trace.

    python -m bench.bench_logging [--seconds 3] [--rounds 3]

The same build (the v2 golden `serve-todo`: a pipeline resolver with an auth function and the
GetItem function) in three server processes, one per level, started together; the rounds
interleave the levels (NONE, ERROR, ALL, NONE, ...) so machine noise hits all three alike, and
the median round is reported. Sequential `getTodo` over one keep-alive connection (the
`bench.bench_appsync` client). At ALL every field's entries go to the log file and a compact line
per entry to the server's stderr (discarded here, as a terminal nobody reads); at ERROR nothing
is written for fields without error, only the request-level `ExecutionSummary` and
`RequestSummary` lines (the target: at most 10% below NONE). NONE+trace is NONE with a console
trace view connected (every field collected at ALL into the ring buffer, no file).

On a shared, loaded machine wall-clock req/s swings by tens of percent between rounds, so the
server process's own CPU time per request (user + system, from /proc) is measured beside it:
`cpu vs NONE` is the change in the requests one core can serve, the load-independent number.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from amplify_mock.mock import loop as mock_loop
from bench import bench_appsync as v1
from bench.bench_appsync import API_KEY, _free_port, _post

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "tests" / "transformer" / "v2" / "golden" / "serve-todo" / "build"
LEVELS = ("NONE", "ERROR", "ALL", "NONE+trace")


def serve(level: str, port: int, log_dir: str) -> None:
    """Child process: the endpoint on BUILD at `level`, in-memory store, until SIGTERM."""
    from amplify_mock.simulators.appsync.app import EndpointOptions
    from amplify_mock.simulators.appsync.field_log import field_log_for
    from amplify_mock.simulators.appsync.server import AppSyncServer
    from amplify_mock.simulators.appsync.state import build_api_state
    from amplify_mock.simulators.appsync.tracing import Tracer, traced_runner
    from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
    from amplify_mock.simulators.dynamodb.client import StoreClient
    from amplify_mock.simulators.dynamodb.store import Store

    class _Stderr:
        def info(self, message: str) -> None:
            print(message, file=sys.stderr)

    async def main() -> None:
        gc.disable()  # as `amplify mock` starts, resumed once serving
        store = Store.open(None)
        client = StoreClient(store)
        tracer = Tracer(field_log_for(level.split("+")[0], Path(log_dir), _Stderr()))
        if level.endswith("+trace"):
            tracer.watch(lambda trace: None)  # as the console's trace view does
        state = build_api_state(
            BUILD,
            data_source_factory=data_source_factory(dynamodb_client=client),
            api_key=API_KEY,
            runner=traced_runner,
        )
        await ensure_tables(client, state.config)
        server = AppSyncServer(state, port=port, options=EndpointOptions(tracer=tracer))
        await server.start()
        mock_loop.resume_collection()
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        print(json.dumps({"ready": True}), flush=True)
        await stop.wait()
        await server.stop()

    mock_loop.run(main())


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(level: str, log_dir: Path) -> Iterator[tuple[int, int]]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_logging", "--serve", level, str(port), str(log_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if '"ready": true' not in line:
            raise RuntimeError(f"the {level} endpoint did not start: {line!r}")
        yield port, proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
    parser.add_argument(
        "--serve", nargs=3, metavar=("LEVEL", "PORT", "DIR"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), args.serve[2])
        return 0
    runs: dict[str, list[dict[str, float]]] = {level: [] for level in LEVELS}
    log_lines: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        ports: dict[str, tuple[int, int]] = {}
        for level in LEVELS:
            (Path(tmp) / level).mkdir()
            ports[level] = stack.enter_context(server(level, Path(tmp) / level))
        for port, _pid in ports.values():
            out = _post(port, v1.CREATE, {"x-api-key": API_KEY})
            assert "errors" not in out, out
            v1.keep_alive_loop(port, min(1.0, args.seconds))  # warm-up
        for _ in range(args.rounds):
            for level, (port, pid) in ports.items():
                before = cpu_seconds(pid)
                run = v1.keep_alive_loop(port, args.seconds)
                run["cpu_us"] = (cpu_seconds(pid) - before) / run["requests"] * 1e6
                runs[level].append(run)
        for level in LEVELS:
            # appsync.log and its rotated predecessors (appsync.log.1 ...)
            files = (Path(tmp) / level / "logs").glob("appsync.log*")
            log_lines[level] = sum(len(f.read_text().splitlines()) for f in files)
    result: dict[str, Any] = {
        level: {
            "req_s": statistics.median(r["req_s"] for r in runs[level]),
            "p50_ms": statistics.median(r["p50_ms"] for r in runs[level]),
            # CPU over all rounds / requests over all rounds (ticks are 10 ms: sum, not median)
            "cpu_us_per_request": sum(r["cpu_us"] * r["requests"] for r in runs[level])
            / sum(r["requests"] for r in runs[level]),
            "log_lines": log_lines[level],
        }
        for level in LEVELS
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    base = result["NONE"]["req_s"]
    base_cpu = result["NONE"]["cpu_us_per_request"]
    print(f"{'getTodo keep-alive (serve-todo)':<30} {'req/s':>7} {'p50 ms':>7} {'vs NONE':>8}"
          f" {'cpu us/req':>11} {'cpu vs NONE':>12} {'log lines':>10}")  # fmt: skip
    for level in LEVELS:
        row = result[level]
        change = (row["req_s"] / base - 1) * 100 if base else 0.0
        cpu = row["cpu_us_per_request"]
        capacity = (base_cpu / cpu - 1) * 100 if cpu else 0.0
        print(f"{'--log-level ' + level:<30} {row['req_s']:>7.0f} {row['p50_ms']:>7.2f}"
              f" {change:>+7.1f}% {cpu:>11.0f} {capacity:>+11.1f}%"
              f" {row['log_lines']:>10}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
