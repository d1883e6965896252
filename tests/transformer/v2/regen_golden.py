"""Regenerate the v2 golden builds with the real GraphQL Transformer v2 (the oracle).

Run only by hand, never by tests:

    python tests/transformer/v2/regen_golden.py [--jobs N] [CASE ...]

The oracle directory comes from the environment variable AMPLIFY_MOCK_ORACLE_V2 (a copy of
`../shared/oracle-v2` with `npm ci` done, and `npm ci` done in its `gen1/` folder with the two
scripts copied in); without it, a fresh copy of `../shared/oracle-v2` (relative to the repository
root) is made in a temporary folder and installed.

For each case folder under `golden/` (all of them without arguments) it reads
`schema.graphql` and `options.json`:

    {"authModes": ["apiKey", ...], "transformParameters": {...}, "resolverConfig": {...},
     "line": "gen1" | "gen2", "expect": "error" (optional)}

and runs `node transform-v2.js schema.graphql OUT --preset=<line> --auth=<modes>
[--params=<transformParameters>] [--resolver-config=<resolverConfig>]` in the oracle folder of
that line (gen1: `gen1/`). A build replaces `build/` verbatim; a failing transform writes
`error.json` with the error's class name and message (and removes `build/`).

Random cases (`generated-*`) are (re)written from their seed first with `schema_generator.py`
when `--generate N` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
REPO = HERE.parents[2]


def _oracle_dir() -> Path:
    configured = os.environ.get("AMPLIFY_MOCK_ORACLE_V2")
    if configured:
        return Path(configured)
    source = REPO.parent / "shared" / "oracle-v2"
    target = Path(tempfile.mkdtemp(prefix="oracle-v2-")) / "oracle-v2"
    shutil.copytree(source, target)
    for path in [target, *target.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    subprocess.run(["npm", "ci"], cwd=target, check=True)
    for script in ("transform-v2.js", "transform-v2-lib.js"):
        shutil.copy(target / script, target / "gen1" / script)
    subprocess.run(["npm", "ci"], cwd=target / "gen1", check=True)
    return target


_ERROR_LINE = re.compile(r"^(\w*Error|Error): (.*)$")


def parse_node_error(stderr: str) -> dict[str, str]:
    """The class name and message of the uncaught error node printed (message lines run until
    the first stack frame)."""
    lines = stderr.splitlines()
    for index, line in enumerate(lines):
        match = _ERROR_LINE.match(line)
        if not match:
            continue
        message = [match.group(2)]
        for more in lines[index + 1 :]:
            if more.startswith("    at ") or more.strip() == "{" or more.startswith("  ["):
                break
            message.append(more)
        return {"name": match.group(1), "message": "\n".join(message).rstrip("\n")}
    return {"name": "Unknown", "message": stderr.strip()}


def run_case(oracle: Path, case: Path) -> str:
    options: dict[str, Any] = json.loads((case / "options.json").read_text())
    line = options.get("line", "gen1")
    cwd = oracle / "gen1" if line == "gen1" else oracle
    out = Path(tempfile.mkdtemp(prefix=f"v2golden-{case.name}-")) / "build"
    command = [
        "node",
        "transform-v2.js",
        str(case / "schema.graphql"),
        str(out),
        f"--preset={line}",
        f"--auth={','.join(options.get('authModes') or ['apiKey'])}",
    ]
    if options.get("transformParameters"):
        command.append(f"--params={json.dumps(options['transformParameters'])}")
    if options.get("resolverConfig"):
        command.append(f"--resolver-config={json.dumps(options['resolverConfig'])}")
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    build = case / "build"
    error_file = case / "error.json"
    if done.returncode != 0:
        shutil.rmtree(build, ignore_errors=True)
        error = parse_node_error(done.stderr)
        error_file.write_text(json.dumps(error, indent=2) + "\n")
        return f"{case.name}: error {error['name']}: {error['message'][:80]}"
    error_file.unlink(missing_ok=True)
    shutil.rmtree(build, ignore_errors=True)
    shutil.copytree(out, build)
    shutil.rmtree(out.parent, ignore_errors=True)
    return f"{case.name}: ok"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--generate", type=int, default=0, help="write N generated cases first")
    args = parser.parse_args(argv)
    if args.generate:
        sys.path.insert(0, str(REPO))
        from tests.transformer.v2.schema_generator import write_generated_cases

        write_generated_cases(GOLDEN, args.generate)
    names = args.cases or sorted(p.name for p in GOLDEN.iterdir() if (p / "options.json").is_file())
    oracle = _oracle_dir()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for report in pool.map(lambda name: run_case(oracle, GOLDEN / name), names):
            print(report, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
