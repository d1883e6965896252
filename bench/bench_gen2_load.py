"""Load + compile time of a Gen 2 backend: the Node step (`load_backend`) and the data
transform (`compile_data`), beside what loading `@aws-amplify/backend` itself costs.

    python -m bench.bench_gen2_load [--runs 5] [--project tests/gen2/projects/full]
                                    [--backend-modules DIR]

Columns:
- `node step`: `load_backend` wall time (one Node process: esbuild per .ts file, the
  project's @aws-amplify/data-schema, the define* recorder), best / median of `--runs`;
  `in node`: the loader's own clock (module loading included, Node start-up excluded);
- `node cpu`: user + system CPU of that Node process (what the step costs on an idle core);
- `compile`: `compile_data` of the same backend (2.x line, Gen 2 settings), in process;
- `require backend`: `node -e "require('@aws-amplify/backend')"` with `--backend-modules`
  (a node_modules folder holding @aws-amplify/backend; skipped without it): what loading
  the real package would add (it loads aws-cdk-lib).

Target: ready <= 3 s including the Node step.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from amplify_mock.gen2 import compile_data, load_backend

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, default=ROOT / "tests/gen2/projects/full")
    parser.add_argument("--modules", type=Path, default=ROOT / "examples/gen2/node_modules")
    parser.add_argument("--backend-modules", type=Path, default=None)
    args = parser.parse_args(argv)
    walls, inside, compiles, cpus = [], [], [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        backend = load_backend(args.project, node_modules=args.modules)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        inside.append(backend.node_ms / 1000)
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            compile_data(backend, Path(out) / "build")
            compiles.append(time.perf_counter() - started)
    print(f"project: {args.project}")
    print(f"node step: best {min(walls):.3f} s, median {statistics.median(walls):.3f} s")
    print(f"node cpu:  best {min(cpus):.3f} s, median {statistics.median(cpus):.3f} s")
    print(f"in node:   best {min(inside):.3f} s, median {statistics.median(inside):.3f} s")
    print(f"compile:   best {min(compiles):.3f} s, median {statistics.median(compiles):.3f} s")
    if args.backend_modules is not None:
        started = time.perf_counter()
        subprocess.run(
            ["node", "-e", "require('@aws-amplify/backend')"],
            cwd=args.backend_modules.parent,
            check=True,
        )
        print(f"require backend: {time.perf_counter() - started:.3f} s (one run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
