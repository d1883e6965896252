"""Transform time of the v2 transformer: one model and a generated 50-model v2 schema, beside
the real v2 transformer (Gen 1 line).

    python -m bench.bench_transform_v2 [--runs 5] [--models 50] [--no-oracle]

Columns:
- `in-process`: `transformer.v2.transform` on an already imported package (best / median of
  `--runs`), what a hot reload costs; `cpu`: the best CPU time of those runs;
- `process`: a fresh `python` that imports the package, transforms and writes the build (one
  run), comparable with the oracle column;
- `oracle`: `node transform-v2.js --preset=gen1` in `$AMPLIFY_MOCK_ORACLE_V2/gen1` (an
  installed copy of ../shared/oracle-v2; Node start-up, module loading and CDK synthesis
  included, one run), skipped when the variable is not set; `oracle-transform` is the
  transform time the oracle reports itself (its manifest's `transformMs`).

Target: 50 models <= 1 s, with @auth rules too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from transformer.v2 import V2Config, transform

ROOT = Path(__file__).resolve().parent.parent
AUTH_MODES = ("userPools", "apiKey", "iam")

TODO_SCHEMA = """type Todo @model {
  id: ID!
  name: String!
  description: String
}
"""


_AUTH_RULES = (
    '{ allow: owner }, { allow: groups, groups: ["Admin"] }, '
    "{ allow: public, operations: [read] }, { allow: private, provider: iam, operations: [read] }",
    '{ allow: owner, ownerField: "editors" }, { allow: groups, groupsField: "teams" }, '
    "{ allow: private, operations: [read] }",
    '{ allow: owner, identityClaim: "username" }, { allow: public }',
)


def generated_schema(models: int, auth: bool = False) -> str:
    """`models` @model types: a status enum, a GSI with a sort key and a query field, an
    auto-named GSI, a @default, a non-model type, a composite @primaryKey on every third
    model, and renamed operations on every fifth. With `auth`, every model has @auth rules
    (owner, static and dynamic groups, public, private, IAM; three rule sets in turn) and every
    sixth model a field-level rule."""
    parts = [
        "enum Status {\n  OPEN\n  CLOSED\n}",
        "type Note {\n  text: String\n  at: AWSDateTime\n}",
    ]
    for index in range(models):
        name = f"Model{index}"
        arguments = f'(queries: {{ get: "fetch{name}" }})' if index % 5 == 4 else ""
        rules = f" @auth(rules: [{_AUTH_RULES[index % 3]}])" if auth else ""
        lines = [f"type {name} @model{arguments}{rules} {{"]
        if index % 3 == 2:
            lines.append('  tenant: ID! @primaryKey(sortKeyFields: ["createdAt", "title"])')
        else:
            lines.append("  id: ID!")
        lines += [
            '  parentID: ID! @index(name: "byParent", sortKeyFields: ["createdAt"], '
            f'queryField: "{name.lower()}ByParent")',
            "  createdAt: AWSDateTime!",
            "  title: String!",
            '  count: Int @default(value: "0")',
            "  status: Status @index",
            "  tags: [String]",
            "  note: Note",
        ]
        if auth and index % 3 == 1:
            lines += ["  editors: [String]", "  teams: [String]"]
        if auth and index % 6 == 0:
            lines.append('  secret: String @auth(rules: [{ allow: groups, groups: ["Admin"] }])')
        lines += ["}"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _config() -> V2Config:
    return V2Config(auth_modes=AUTH_MODES)


def time_in_process(schema: str, runs: int) -> tuple[float, float, float]:
    """(best wall, median wall, best CPU) seconds."""
    transform(schema, _config())
    samples = []
    cpu = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        transform(schema, _config())
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(samples), statistics.median(samples), min(cpu)


_PROCESS_SCRIPT = """
import sys
from pathlib import Path
from transformer.v2 import V2Config, transform
schema = Path(sys.argv[1]).read_text()
transform(schema, V2Config(auth_modes=tuple(sys.argv[2].split(",")))).write(Path(sys.argv[3]))
"""


def _timed_process(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - started


def time_process(schema_path: Path, out: Path) -> float:
    command = [sys.executable, "-c", _PROCESS_SCRIPT, str(schema_path), ",".join(AUTH_MODES)]
    return _timed_process([*command, str(out)], ROOT)


def time_oracle(schema_path: Path, out: Path) -> tuple[float, float] | None:
    """(wall seconds, the oracle's own transform seconds), or None without an oracle."""
    oracle = os.environ.get("AMPLIFY_MOCK_ORACLE_V2")
    if not oracle:
        return None
    gen1 = Path(oracle) / "gen1"
    command = [
        "node",
        "transform-v2.js",
        str(schema_path),
        str(out),
        "--preset=gen1",
        f"--auth={','.join(AUTH_MODES)}",
    ]
    wall = _timed_process(command, gen1)
    manifest = json.loads((out / "manifest.json").read_text())
    return wall, manifest["transformMs"] / 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--models", type=int, default=50)
    parser.add_argument("--no-oracle", action="store_true")
    args = parser.parse_args(argv)
    schemas: list[tuple[str, Callable[[], str]]] = [
        ("todo (1 model)", lambda: TODO_SCHEMA),
        (f"generated ({args.models} models)", lambda: generated_schema(args.models)),
        (f"with @auth ({args.models} models)", lambda: generated_schema(args.models, True)),
    ]
    print(
        f"{'schema':26} {'in-process best/median':>24} {'cpu':>8} {'process':>9} "
        f"{'oracle':>9} {'oracle-transform':>17}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-transform-v2-") as tmp:
        for label, make in schemas:
            schema = make()
            path = Path(tmp) / f"{abs(hash(label))}.graphql"
            path.write_text(schema)
            best, median, cpu = time_in_process(schema, args.runs)
            process = time_process(path, Path(tmp) / "ours")
            oracle = None if args.no_oracle else time_oracle(path, Path(tmp) / "oracle")
            oracle_text = f"{oracle[0]:8.3f}s {oracle[1]:16.3f}s" if oracle else "        -"
            print(
                f"{label:26} {best:10.3f}s / {median:8.3f}s {cpu:7.3f}s {process:8.3f}s "
                f"{oracle_text}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
