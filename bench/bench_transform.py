"""Transform time: the demo schema and a generated 50-model schema, beside the real transformer.

    python -m bench.bench_transform [--runs 5] [--models 50] [--no-oracle]

Columns:
- `in-process`: `transformer.transform` on an already imported package (best / median of
  `--runs`), i.e. what a hot reload costs; `cpu`: the best CPU time of those runs;
- `process`: a fresh `python` that imports the package, transforms and writes build/ (one
  run), comparable with the oracle column;
- `oracle`: `node transform.js` (the real v1 transformer, one run, Node start-up and module
  loading included), skipped when the oracle install is absent.

Target: 50 models <= 1 s.
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

from transformer import AuthConfig, TransformConfig, transform

ROOT = Path(__file__).resolve().parent.parent
DEMO_SCHEMA = ROOT / "examples/demo/amplify/backend/api/demoapi/schema.graphql"
#: The oracle harness: `$AMPLIFY_ORACLE`, else ../shared/oracle (with node_modules installed).
ORACLE = (
    Path(os.environ.get("AMPLIFY_ORACLE") or ROOT.parent / "shared" / "oracle") / "transform.js"
)
AUTH = {
    "defaultAuthentication": {
        "authenticationType": "AMAZON_COGNITO_USER_POOLS",
        "userPoolConfig": {"userPoolId": "bench_pool"},
    },
    "additionalAuthenticationProviders": [
        {
            "authenticationType": "API_KEY",
            "apiKeyConfig": {"apiKeyExpirationDays": 7, "description": ""},
        },
        {"authenticationType": "AWS_IAM"},
    ],
}

TODO_SCHEMA = """type Todo @model {
  id: ID!
  name: String!
  description: String
}
"""


def generated_schema(models: int) -> str:
    """`models` @model types in chains: each has a GSI @key, a has-many connection to the next
    model (keyName/fields form), a belongs-to back (fields form), a legacy named connection,
    owner + group + public read auth, and field-level auth on one field."""
    parts: list[str] = []
    for index in range(models):
        name = f"Model{index}"
        following = f"Model{index + 1}" if index + 1 < models else None
        previous = f"Model{index - 1}" if index > 0 else None
        lines = [
            f"type {name}",
            "  @model",
            f'  @key(name: "byParent", fields: ["parentID", "createdAt"], '
            f'queryField: "{name[0].lower() + name[1:]}ByParent")',
            '  @auth(rules: [{allow: owner}, {allow: groups, groups: ["Admin"]},'
            " {allow: public, provider: apiKey, operations: [read]}]) {",
            "  id: ID!",
            "  parentID: ID!",
            "  createdAt: AWSDateTime!",
            "  title: String!",
            "  count: Int",
            "  owner: String",
            '  secret: String @auth(rules: [{allow: owner}, {allow: groups, groups: ["Admin"]}])',
        ]
        if following:
            lines.append(
                f'  children: [{following}] @connection(keyName: "byParent", fields: ["id"])'
            )
            lines.append(f'  notes{index}: [{following}] @connection(name: "Notes{index}")')
        if previous:
            lines.append(f'  parent: {previous} @connection(fields: ["parentID"])')
            lines.append(f'  noteOf{index - 1}: {previous} @connection(name: "Notes{index - 1}")')
        lines.append("}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _config() -> TransformConfig:
    return TransformConfig(auth_config=AuthConfig.from_json(AUTH))


def time_in_process(schema: str, runs: int) -> tuple[float, float, float]:
    """(best wall, median wall, best CPU) seconds; CPU time is less disturbed by other load."""
    transform(schema, _config())  # warm caches once, as a running mock server would have
    samples = []
    cpu = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        transform(schema, _config())
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(samples), statistics.median(samples), min(cpu)


_PROCESS_SCRIPT = """
import json, sys
from pathlib import Path
from transformer import AuthConfig, TransformConfig, transform, write_build
schema = Path(sys.argv[1]).read_text()
config = TransformConfig(auth_config=AuthConfig.from_json(json.loads(sys.argv[2])))
write_build(transform(schema, config), Path(sys.argv[3]))
"""


def _timed_process(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def time_process(schema_path: Path, out: Path) -> float:
    return _timed_process(
        [sys.executable, "-c", _PROCESS_SCRIPT, str(schema_path), json.dumps(AUTH), str(out)]
    )


def time_oracle(schema_path: Path, out: Path) -> float | None:
    if not ORACLE.exists():
        return None
    return _timed_process(
        [
            "node",
            str(ORACLE),
            str(schema_path),
            str(out),
            "--auth-config",
            json.dumps(AUTH),
            "--now",
            "2024-01-01T00:00:00Z",
            "--quiet",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--models", type=int, default=50)
    parser.add_argument("--no-oracle", action="store_true")
    args = parser.parse_args(argv)
    schemas: list[tuple[str, Callable[[], str]]] = [
        ("todo (1 model)", lambda: TODO_SCHEMA),
        ("demo (examples/demo)", DEMO_SCHEMA.read_text),
        (f"generated ({args.models} models)", lambda: generated_schema(args.models)),
    ]
    header = f"{'schema':28} {'in-process best/median':>24} {'cpu':>8} {'process':>9} {'oracle':>9}"
    print(header)
    with tempfile.TemporaryDirectory(prefix="bench-transform-") as tmp:
        for label, make in schemas:
            schema = make()
            path = Path(tmp) / f"{abs(hash(label))}.graphql"
            path.write_text(schema)
            best, median, cpu = time_in_process(schema, args.runs)
            process = time_process(path, Path(tmp) / "ours")
            oracle = None if args.no_oracle else time_oracle(path, Path(tmp) / "oracle")
            oracle_text = f"{oracle:8.3f}s" if oracle is not None else "        -"
            print(
                f"{label:28} {best:10.3f}s / {median:8.3f}s {cpu:7.3f}s {process:8.3f}s "
                f"{oracle_text}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
