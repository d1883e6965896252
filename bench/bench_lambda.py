"""Lambda invocations per second: warm workers vs a fresh process, beside Amplify's Node provider.

Run: `python -m bench.bench_lambda [--warm N] [--fresh N]`. The handlers do nothing, so the
time per invocation is the runner's overhead. The Amplify column uses the real
`amplify-nodejs-function-runtime-provider` (a fresh `node` per invocation, as `amplify mock`
does) from the oracle install, and is skipped when that install is absent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from amplify_mock.simulators.lambda_ import LambdaRunner

#: The oracle harness: `$AMPLIFY_ORACLE`, else ../shared/oracle (with node_modules installed).
ORACLE = Path(
    os.environ.get("AMPLIFY_ORACLE")
    or Path(__file__).resolve().parents[1].parent / "shared" / "oracle"
)
ORACLE_PROVIDER = ORACLE / "node_modules" / "amplify-nodejs-function-runtime-provider"

NODE_HANDLER = "exports.handler = async (event) => ({ ok: true, n: event.n });\n"
PYTHON_HANDLER = "def handler(event, context):\n    return {'ok': True, 'n': event['n']}\n"

ORACLE_SCRIPT = """
const { functionRuntimeContributorFactory } = require(process.argv[2]);
const [count, srcRoot] = [Number(process.argv[3]), process.argv[4]];
(async () => {
  const provider = functionRuntimeContributorFactory({});
  const envVars = { PATH: process.env.PATH };
  const invoke = (n) => provider.invoke({
    srcRoot, runtime: 'nodejs', handler: 'index.handler', event: JSON.stringify({ n }), envVars,
  });
  await invoke(-1);
  const started = process.hrtime.bigint();
  for (let n = 0; n < count; n += 1) {
    const result = await invoke(n);
    if (!result || result.n !== n) throw new Error('bad result ' + JSON.stringify(result));
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ ms }));
})().catch((err) => { console.error(err); process.exit(1); });
"""


def make_project(root: Path) -> Path:
    for name, file, source in (
        ("nodeFn", "index.js", NODE_HANDLER),
        ("pyFn", "index.py", PYTHON_HANDLER),
    ):
        src = root / "amplify" / "backend" / "function" / name / "src"
        src.mkdir(parents=True)
        (src / file).write_text(source)
    return root


async def time_runner(project: Path, name: str, count: int, *, fresh: bool) -> float:
    """Mean milliseconds per invocation (after one untimed warm-up call)."""
    async with LambdaRunner(project, fresh=fresh) as runner:
        await runner.invoke(name, {"n": -1})
        started = time.perf_counter()
        for n in range(count):
            result = await runner.invoke(name, {"n": n})
            if result != {"ok": True, "n": n}:
                raise RuntimeError(f"unexpected result {result!r}")
        return (time.perf_counter() - started) * 1000 / count


def time_oracle(project: Path, count: int) -> float | None:
    """Mean milliseconds per invocation through Amplify's own provider, or None if absent."""
    node = shutil.which("node")
    if node is None or not ORACLE_PROVIDER.is_dir():
        return None
    script = project / "oracle-bench.js"
    script.write_text(ORACLE_SCRIPT)
    src_root = project / "amplify" / "backend" / "function" / "nodeFn"
    done = subprocess.run(
        [node, str(script), str(ORACLE_PROVIDER), str(count), str(src_root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        print(f"oracle run failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
        return None
    return float(json.loads(done.stdout.strip().splitlines()[-1])["ms"]) / count


def row(label: str, ms: float | None) -> str:
    if ms is None:
        return f"{label:<44} {'skipped':>10} {'':>10}"
    return f"{label:<44} {ms:>10.2f} {1000 / ms:>10.1f}"


async def run(warm: int, fresh: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-lambda-") as tmp:
        project = make_project(Path(tmp))
        rows = [
            (
                "amplify-mock warm worker, Node.js",
                await time_runner(project, "nodeFn", warm, fresh=False),
            ),
            (
                "amplify-mock warm worker, Python",
                await time_runner(project, "pyFn", warm, fresh=False),
            ),
            (
                "amplify-mock fresh process, Node.js",
                await time_runner(project, "nodeFn", fresh, fresh=True),
            ),
            (
                "amplify-mock fresh process, Python",
                await time_runner(project, "pyFn", fresh, fresh=True),
            ),
            ("Amplify nodejs-function-runtime-provider", time_oracle(project, fresh)),
        ]
    print(f"{'runner':<44} {'ms/invoke':>10} {'invokes/s':>10}")
    for label, ms in rows:
        print(row(label, ms))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--warm", type=int, default=300, help="warm invocations per runtime")
    parser.add_argument("--fresh", type=int, default=20, help="fresh-process invocations")
    args = parser.parse_args()
    asyncio.run(run(args.warm, args.fresh))


if __name__ == "__main__":
    main()
