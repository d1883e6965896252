"""`amplify mock` on the Gen 2 example (examples/gen2): start to ready, and resource.ts reload.

Targets (issue 16): start to ready <= 3 s including the Node step (backend.ts and its
resource.ts files loaded by the project's own data-schema under Node); a resource.ts edit
saved to the new API served <= 1.5 s. No reference to compare with: the only way to run a
Gen 2 backend is `npx ampx sandbox`, which deploys it to AWS (minutes).

Start to ready: from spawning `amplify mock` to its last ready line (amplify_outputs.json
rewritten), a fresh copy of the example each run (node_modules linked). Reload: from writing
resource.ts (a field added to Todo) to the mock's "Reloaded in" line, then the new field is
checked through the endpoint.

    python bench/bench_gen2_mock.py [--runs 5] [--edits 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "gen2"
READY = "amplify_outputs.json points at the local endpoints"


def fresh_project(tmp: Path) -> Path:
    project = tmp / "app"
    shutil.copytree(
        EXAMPLE,
        project,
        ignore=shutil.ignore_patterns("node_modules", ".amplify", "amplify_outputs.json"),
    )
    (project / "node_modules").symlink_to(EXAMPLE / "node_modules")
    (project / "amplify" / "mock.json").write_text(
        json.dumps({"dynamoDbPort": 0, "cognitoPort": 0, "storagePort": 0})
    )
    return project


@contextmanager
def running_mock(project: Path, *args: str) -> Iterator[tuple[subprocess.Popen[str], float]]:
    """The mock process and its start-to-ready seconds; terminated on exit."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "amplify_mock", "mock", "--port", "0", *args],
        cwd=project,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    try:
        for line in process.stdout:
            if READY in line:
                break
        else:
            raise RuntimeError("the mock stopped before it was ready")
        yield process, time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=30)


def start_to_ready(runs: int) -> list[float]:
    """One extra first run is not counted (Python writes the bytecode of edited modules)."""
    times = []
    for _ in range(runs + 1):
        with (
            tempfile.TemporaryDirectory() as tmp,
            running_mock(fresh_project(Path(tmp)), "--no-watch") as (_process, seconds),
        ):
            times.append(seconds)
    return times[1:]


def todo_fields(url: str, api_key: str) -> set[str]:
    query = '{ __type(name: "Todo") { fields { name } } }'
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": query}).encode(),
        headers={"content-type": "application/json", "x-api-key": api_key},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.load(response)
    return {field["name"] for field in body["data"]["__type"]["fields"]}


def reloads(edits: int) -> list[float]:
    """Seconds from a resource.ts write to the "Reloaded in" line, one field added per edit."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        project = fresh_project(Path(tmp))
        resource = project / "amplify" / "data" / "resource.ts"
        source = resource.read_text()
        with running_mock(project) as (process, _seconds):
            assert process.stdout is not None
            graphql = json.loads((project / "amplify_outputs.json").read_text())["API"]["GraphQL"]
            for edit in range(edits):
                added = f"done: a.boolean(),\n      extra{edit}: a.string(),"
                source = source.replace("done: a.boolean(),", added, 1)
                started = time.perf_counter()
                resource.write_text(source)
                for line in process.stdout:
                    if "Reloaded in" in line:
                        break
                    if "Reloading failed" in line:
                        raise RuntimeError(line)
                times.append(time.perf_counter() - started)
                assert f"extra{edit}" in todo_fields(graphql["endpoint"], graphql["apiKey"])
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    ready = start_to_ready(args.runs)
    reload = reloads(args.edits)
    print(f"Gen 2 example on this machine (load {load:.1f})")  # fmt: skip
    for name, values, target in (("start to ready", ready, 3.0), ("reload", reload, 1.5)):
        print(
            f"  {name:15s} median {statistics.median(values):.2f} s  "
            f"min {min(values):.2f} s  max {max(values):.2f} s  (target <= {target} s, "
            f"{len(values)} runs)"
        )


if __name__ == "__main__":
    main()
