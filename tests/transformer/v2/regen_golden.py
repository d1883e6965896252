"""Reruns the real v2 transformer (the oracle) for the v2 golden cases; never run by tests.

    python -m tests.transformer.v2.regen_golden [CASE ...]
    python -m tests.transformer.v2.regen_golden --peer ../shared/peer-v2/cases/model.json ...

Each case is `golden/<case>/schema.graphql` + `options.json` (how the oracle is invoked:
`authModes` in the oracle's names, `transformParameters`, optional `resolverConfig`, `line`);
the oracle's output replaces `golden/<case>/build/`. A case the oracle refuses gets
`golden/<case>/error.json` instead (the error class name and message node printed; no build/).
`--peer FILE` first writes the case `peer-<stem>` from a peer-v2 case file (its schema, auth
modes and transform parameters); `--peer-auth FILE` the case `peer-auth-<stem>` (the auth files
the endpoint's auth tests serve; a file with `synthParameters` is a Gen 2 case, line "gen2").
`--gen2 [PROJECT ...]` first writes the case `gen2-<project>` of each Gen 2 project in
tests/gen2/projects (default: all): the SDL its amplify/data/resource.ts gives (Node step,
with examples/gen2/node_modules) and the data construct's options (line "gen2": the
oracle's `--preset=gen2`). `--generate N` first (re)writes the N seeded random cases
`generated-<seed>` (tests/transformer/v2/schema_generator.py). `--jobs N` runs N oracles at once.

`synthParameters` in options.json (`adminRoles`, `enableIamAccess`: what the CLI passes when the
project has admin roles or IAM access) go to a copy of the oracle script that applies them over
its synth parameters (`transform-v2-synth.js`, written next to it; the oracle itself has no flag).

The oracle is `$AMPLIFY_MOCK_ORACLE_V2` (an installed copy of ../shared/oracle-v2 whose `gen1/`
holds the Gen 1 line), else a fresh copy of ../shared/oracle-v2 installed with `npm ci`.
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

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED_ORACLE = ROOT.parent / "shared" / "oracle-v2"

#: AppSync auth mode -> the oracle's `--auth` name.
AUTH_MODE_NAMES = {
    "API_KEY": "apiKey",
    "AMAZON_COGNITO_USER_POOLS": "userPools",
    "AWS_IAM": "iam",
    "OPENID_CONNECT": "oidc",
    "AWS_LAMBDA": "lambda",
}


def install_oracle() -> Path:
    """A fresh copy of ../shared/oracle-v2 with both lines installed."""
    target = Path(tempfile.mkdtemp(prefix="oracle-v2-")) / "oracle-v2"
    shutil.copytree(SHARED_ORACLE, target)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=target, check=True)
    gen1 = target / "gen1"
    for script in ("transform-v2.js", "transform-v2-lib.js"):
        shutil.copy(target / script, gen1 / script)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=gen1, check=True)
    return target


def oracle_dir() -> Path:
    configured = os.environ.get("AMPLIFY_MOCK_ORACLE_V2")
    return Path(configured) if configured else install_oracle()


def write_peer_case(case_file: Path, prefix: str = "peer-") -> str:
    """`golden/<prefix><stem>/` from a peer-v2 case file; returns the case name.

    `synthParameters` (`enableIamAccess`) only Gen 2's `defineData` can set (the corpus
    README), so such a file is built on the Gen 2 line."""
    case = json.loads(case_file.read_text(encoding="utf-8"))
    auth = case["authConfig"]
    providers = [auth["defaultAuthentication"], *auth.get("additionalAuthenticationProviders", [])]
    options: dict[str, Any] = {
        "authModes": [AUTH_MODE_NAMES[p["authenticationType"]] for p in providers],
        "transformParameters": case.get("transformParameters") or {},
        "line": "gen1",
    }
    if case.get("synthParameters"):
        options["synthParameters"] = case["synthParameters"]
        options["line"] = "gen2"
    name = f"{prefix}{case_file.stem}"
    folder = GOLDEN / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schema.graphql").write_text(case["schema"], encoding="utf-8")
    (folder / "options.json").write_text(json.dumps(options, indent=2) + "\n", encoding="utf-8")
    return name


GEN2_PROJECTS = ROOT / "tests" / "gen2" / "projects"


def write_gen2_cases(names: list[str]) -> list[str]:
    """`golden/gen2-<name>/` from each Gen 2 project; returns the case names."""
    sys.path.insert(0, str(ROOT))
    from amplify_mock.gen2 import data_transform_options, load_backend

    modules = ROOT / "examples" / "gen2" / "node_modules"
    projects = [GEN2_PROJECTS / n for n in names] or sorted(
        p for p in GEN2_PROJECTS.iterdir() if (p / "amplify" / "backend.ts").is_file()
    )
    cases = []
    for project in projects:
        data = load_backend(project, node_modules=modules).data
        assert data is not None, f"{project} defines no data"
        name = f"gen2-{project.name}"
        folder = GOLDEN / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "schema.graphql").write_text(data.schema, encoding="utf-8")
        options = json.dumps(data_transform_options(data), indent=2) + "\n"
        (folder / "options.json").write_text(options, encoding="utf-8")
        cases.append(name)
    return cases


_ERROR_LINE = re.compile(r"^(\w*Error)(?: \[\w+\])?: (.*)$")


def parse_node_error(stderr: str) -> dict[str, str]:
    """The class name and message of the uncaught error node printed (the message runs until
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


_SYNTH_END = "  enableIamAccess: false,\n};\n"
_SYNTH_ENV = "AMPLIFY_MOCK_SYNTH_PARAMETERS"


def synth_script(script: Path) -> Path:
    """The oracle script with `$AMPLIFY_MOCK_SYNTH_PARAMETERS` applied over its synth
    parameters."""
    text = script.read_text(encoding="utf-8")
    if _SYNTH_END not in text:
        raise SystemExit(f"{script}: synth parameters block not found")
    patched = text.replace(
        _SYNTH_END,
        _SYNTH_END + f"Object.assign(synthParameters, JSON.parse(process.env.{_SYNTH_ENV}));\n",
    )
    target = script.with_name("transform-v2-synth.js")
    target.write_text(patched, encoding="utf-8")
    return target


def regenerate(case: str, oracle: Path) -> None:
    folder = GOLDEN / case
    options = json.loads((folder / "options.json").read_text(encoding="utf-8"))
    line = options.get("line", "gen1")
    script = oracle / "gen1" / "transform-v2.js" if line == "gen1" else oracle / "transform-v2.js"
    env = dict(os.environ)
    if options.get("synthParameters"):
        script = synth_script(script)
        env[_SYNTH_ENV] = json.dumps(options["synthParameters"])
    command = [
        "node",
        str(script),
        str(folder / "schema.graphql"),
        str(folder / "build"),
        f"--preset={line}",
        f"--auth={','.join(options.get('authModes') or ['apiKey'])}",
        f"--params={json.dumps(options.get('transformParameters') or {})}",
    ]
    if options.get("resolverConfig") is not None:
        command.append(f"--resolver-config={json.dumps(options['resolverConfig'])}")
    done = subprocess.run(
        command, cwd=script.parent, capture_output=True, text=True, check=False, env=env
    )
    error_file = folder / "error.json"
    if done.returncode != 0:
        shutil.rmtree(folder / "build", ignore_errors=True)
        error = parse_node_error(done.stderr)
        error_file.write_text(json.dumps(error, indent=2) + "\n", encoding="utf-8")
        print(f"{case}: error {error['name']}", flush=True)
        return
    error_file.unlink(missing_ok=True)
    # `functions/<name>.zip` holds the path of the oracle's own asset (a path of this machine),
    # not a build output of the transformer: not kept.
    shutil.rmtree(folder / "build" / "functions", ignore_errors=True)
    print(f"{case}: regenerated", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("cases", nargs="*", help="case folder names (default: every case)")
    parser.add_argument("--peer", nargs="*", type=Path, default=[], help="peer-v2 case files")
    parser.add_argument(
        "--peer-auth", nargs="*", type=Path, default=[], help="peer-v2 auth case files"
    )
    parser.add_argument("--gen2", nargs="*", default=None, help="Gen 2 project names")
    parser.add_argument("--generate", type=int, default=0, help="write N random cases first")
    parser.add_argument("--jobs", type=int, default=1, help="oracle runs at once")
    parser.add_argument("--auth", action="store_true", help="(re)write the auth-* cases first")
    args = parser.parse_args(argv)
    cases = list(args.cases) + [write_peer_case(path) for path in args.peer]
    cases += [write_peer_case(path, "peer-auth-") for path in args.peer_auth]
    if args.gen2 is not None:
        cases += write_gen2_cases(args.gen2)
    if args.generate:
        sys.path.insert(0, str(ROOT))
        from tests.transformer.v2.schema_generator import write_generated_cases

        cases += write_generated_cases(GOLDEN, args.generate)
    if args.auth:
        sys.path.insert(0, str(ROOT))
        from tests.transformer.v2.auth_cases import write_cases

        cases += write_cases(GOLDEN)
    if not cases:
        cases = sorted(p.parent.name for p in GOLDEN.glob("*/options.json"))
    oracle = oracle_dir()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(lambda case: regenerate(case, oracle), cases))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
