"""Runs the peer conformance corpora (../shared/peer, ../shared/peer-v2) against our endpoint.

Each case file is turned into an Amplify CLI project (amplify/backend/api/<name>/ with the
case's schema, an empty transform.conf.json, cli.json with improvePluralization, the auth
config in backend-config.json and amplify-meta.json, amplify/backend/function/<fn>/src/index.js),
compiled, served on a free port with an in-memory store and the Lambda runner, and
`run_peer.py` is pointed at it.

    python -m tests.e2e.appsync_peer [--transformer ours|oracle] [CASE.json ...]

`--transformer oracle` builds with the oracle harness's `transform.js` (`$AMPLIFY_ORACLE`, default
`../shared/oracle` from the repository root) instead of our
transformer (an interim check of the endpoint alone; needs the oracle checkout).

The v2 corpus (`--v2`, data/appsync_peer_v2: the Transformer v2 API tests recorded against real
AppSync) is served either from the real v2 transformer's build of each file, kept once in the v2
golden suite (`tests/transformer/v2/golden/peer-<file>/build`, `peer-auth-<file>` for the auth
files, made with the file's transform
parameters and auth modes; `--transformer oracle`), or from a Gen 1 project in the CLI's layout
with the file's feature flags, built by our v2 transformer (`--transformer ours`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amplify_mock.simulators.appsync.server import AppSyncServer
from amplify_mock.simulators.appsync.state import build_api_state
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store

#: A copy of ../shared/peer (the Amplify CLI's own mock e2e suite as data, and its runner).
PEER_DIR = Path(
    os.environ.get("AMPLIFY_MOCK_PEER_DIR", Path(__file__).parent / "data" / "appsync_peer")
)
PEER_V2_DIR = Path(
    os.environ.get("AMPLIFY_MOCK_PEER_V2_DIR", Path(__file__).parent / "data" / "appsync_peer_v2")
)
#: The runner, one copy for both corpora: the v2 runner reads the v1 format unchanged.
RUNNER = Path(__file__).parent / "data" / "run_peer.py"
V2_GOLDEN = Path(__file__).parents[1] / "transformer" / "v2" / "golden"
ORACLE_TRANSFORM = (
    Path(
        os.environ.get("AMPLIFY_ORACLE")
        or Path(__file__).resolve().parents[2].parent / "shared" / "oracle"
    )
    / "transform.js"
)
PEER_API_KEY = "da-fake-api-key"
API_NAME = "peerapi"
_SUMMARY = re.compile(r"(\d+) passed, (\d+) failed, (\d+) skipped")


@dataclass(frozen=True)
class PeerResult:
    case_file: str
    passed: int
    failed: int
    skipped: int
    output: str


def write_project(case: dict[str, Any], root: Path) -> Path:
    """The case as an Amplify CLI project; returns the project root."""
    api_dir = root / "amplify" / "backend" / "api" / API_NAME
    api_dir.mkdir(parents=True)
    (api_dir / "schema.graphql").write_text(case["schema"])
    (api_dir / "transform.conf.json").write_text("{}")
    (api_dir / "parameters.json").write_text(json.dumps({"AppSyncApiName": API_NAME}))
    flags = {"graphqltransformer": {"improvepluralization": True}}
    (root / "amplify" / "cli.json").write_text(json.dumps({"features": flags}))
    api_entry = {
        "service": "AppSync",
        "providerPlugin": "awscloudformation",
        "output": {"authConfig": case["authConfig"]},
    }
    backend: dict[str, Any] = {"api": {API_NAME: api_entry}}
    for name, source in (case.get("functions") or {}).items():
        src = root / "amplify" / "backend" / "function" / name / "src"
        src.mkdir(parents=True)
        (src / "index.js").write_text(source)
        backend.setdefault("function", {})[name] = {
            "service": "Lambda",
            "providerPlugin": "awscloudformation",
            "build": True,
        }
    (root / "amplify" / "backend" / "backend-config.json").write_text(json.dumps(backend))
    (root / "amplify" / "backend" / "amplify-meta.json").write_text(json.dumps(backend))
    return root


def build_with_ours(project: Path) -> Path:
    from amplify_mock.project.api_build import compile_api

    compile_api(project, API_NAME)
    return project / "amplify" / "backend" / "api" / API_NAME / "build"


def build_with_oracle(case: dict[str, Any], project: Path) -> Path:
    api_dir = project / "amplify" / "backend" / "api" / API_NAME
    out = api_dir / "build"
    auth = api_dir / "authConfig.json"
    auth.write_text(json.dumps(case["authConfig"]))
    subprocess.run(
        [
            "node",
            str(ORACLE_TRANSFORM),
            str(api_dir / "schema.graphql"),
            str(out),
            "--preset",
            "e2e",
            "--feature-flags",
            '{"improvePluralization":true}',
            "--auth-config",
            f"@{auth}",
            "--quiet",
        ],
        check=True,
        capture_output=True,
    )
    return out


async def run_case_file(
    case_file: Path,
    transformer: str,
    workdir: Path,
    *,
    timeout: float = 600.0,
    verbose: bool = False,
) -> PeerResult:
    """Serve one v1 case file's API on a fresh store and run `run_peer.py` against it."""
    case = json.loads(case_file.read_text())
    project = write_project(case, workdir / case_file.stem)
    if transformer == "oracle":
        build = build_with_oracle(case, project)
    else:
        build = build_with_ours(project)
    return await serve_and_run(case_file, build, project, timeout=timeout, verbose=verbose)


def write_v2_project(case: dict[str, Any], root: Path) -> Path:
    """The v2 case as a Gen 1 project, as the corpus README describes it: the new-project
    cli.json with each transform parameter as its lower-cased flag, the sandbox rule in the
    schema, `DisableResolverDeduping` in transform.conf.json, `CreateAPIKey: 0` and the other
    deploy parameters in parameters.json."""
    from amplify_mock.project.init import DEFAULT_FEATURE_FLAGS

    write_project(case, root)
    params = dict(case.get("transformParameters") or {})
    params.pop("sandboxModeEnabled", None)
    api_dir = root / "amplify" / "backend" / "api" / API_NAME
    (api_dir / "schema.graphql").write_text(_v2_schema(case, case["schema"]))
    transform_conf: dict[str, Any] = {"Version": 5, "ElasticsearchWarning": True}
    if params.pop("disableResolverDeduping", False):
        transform_conf["DisableResolverDeduping"] = True
    (api_dir / "transform.conf.json").write_text(json.dumps(transform_conf))
    parameters: dict[str, Any] = {"AppSyncApiName": API_NAME}
    if params.pop("suppressApiKeyGeneration", False):
        parameters["CreateAPIKey"] = 0
    parameters.update({k: v for k, v in (case.get("deployParameters") or {}).items() if k != "env"})
    (api_dir / "parameters.json").write_text(json.dumps(parameters))
    cli = json.loads(json.dumps(DEFAULT_FEATURE_FLAGS))
    cli["features"]["graphqltransformer"].update({k.lower(): v for k, v in params.items()})
    (root / "amplify" / "cli.json").write_text(json.dumps(cli))
    return root


def _v2_schema(case: dict[str, Any], schema: str) -> str:
    """The file's `sandboxModeEnabled` as a Gen 1 schema writes it: the global auth rule."""
    if (case.get("transformParameters") or {}).get("sandboxModeEnabled"):
        return "input AMPLIFY {\n  globalAuthRule: AuthRule = { allow: public }\n}\n" + schema
    return schema


def redeploy_cases(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The cases whose steps redeploy the API with another schema (skipped by the runner)."""
    return [c for c in case["cases"] if any("redeploy" in step for step in c.get("steps", ()))]


async def run_redeploy_case(
    case_file: Path, case: dict[str, Any], project: Path, *, timeout: float, verbose: bool
) -> tuple[bool, str]:
    """One case with `redeploy` steps, as `amplify mock` serves a schema edited mid-session:
    each phase's schema is compiled by our transformer into the project's build and the new
    API state swapped into the running endpoint over the same tables (the hot reload path);
    the steps of each phase run in order. Fresh tables; True when every phase passed."""
    from amplify_mock.simulators.lambda_.runner import LambdaRunner

    data = json.loads(case_file.read_text())
    phases: list[tuple[str, list[dict[str, Any]]]] = [(data["schema"], [])]
    for step in case["steps"]:
        if "redeploy" in step:
            phases.append((step["redeploy"]["schema"], []))
        else:
            phases[-1][1].append(step)
    api_dir = project / "amplify" / "backend" / "api" / API_NAME
    store = Store.open(None)
    client = StoreClient(store)
    outputs: list[str] = []
    server: AppSyncServer | None = None
    async with LambdaRunner(project) as lambdas:
        factory = data_source_factory(dynamodb_client=client, lambda_invoker=lambdas)
        try:
            for index, (schema, steps) in enumerate(phases):
                (api_dir / "schema.graphql").write_text(_v2_schema(data, schema))
                state = build_api_state(
                    build_with_ours(project), data_source_factory=factory, api_key=PEER_API_KEY
                )
                await ensure_tables(client, state.config)
                if server is None:
                    server = AppSyncServer(state, port=0)
                    await server.start()
                else:
                    server.swap_state(state)
                phase = {k: v for k, v in case.items() if k != "skip"}
                phase_file = project / f"{case_file.stem}.phase{index}.json"
                phase_data = {**data, "schema": schema, "cases": [{**phase, "steps": steps}]}
                phase_file.write_text(json.dumps(phase_data))
                output = await _run_runner(server.port, phase_file, timeout, verbose)
                outputs.append(output)
                match = _SUMMARY.search(output.strip().splitlines()[-1] if output.strip() else "")
                if match is None or int(match.group(2)) or not int(match.group(1)):
                    return False, "\n".join(outputs)
        finally:
            if server is not None:
                await server.stop()
            store.close()
    return True, "\n".join(outputs)


def v2_golden_case(case_file: Path, golden: Path = V2_GOLDEN) -> Path:
    """The oracle's build of a v2 file: `peer-auth-<stem>` for the auth files (issue 14),
    else `peer-<stem>`."""
    auth = golden / f"peer-auth-{case_file.stem}"
    return auth if auth.is_dir() else golden / f"peer-{case_file.stem}"


async def run_v2_case_file(
    case_file: Path,
    workdir: Path,
    *,
    timeout: float = 600.0,
    verbose: bool = False,
    golden: Path = V2_GOLDEN,
    transformer: str = "oracle",
) -> PeerResult:
    """Serve the oracle's v2 build of one v2 case file and run the v2 `run_peer.py` on it.

    The file's functions are a project's `amplify/backend/function/<name>/src/index.js`;
    `deployParameters` (e.g. `env`) are the stack parameters the build is evaluated with.
    A function the schema names with `${env}` is deployed for the file's env (`echo-dev`), and
    is the project's resource `echo` (what `echo-${env}` resolves to in a build for env NONE,
    the one the oracle makes and `amplify mock` serves).
    """
    case = json.loads(case_file.read_text())
    env = (case.get("deployParameters") or {}).get("env")
    functions = dict(case.get("functions") or {})
    for name in re.findall(r'@function\(name:\s*"([^"]*\$\{env\}[^"]*)"', case["schema"]):
        deployed = name.replace("${env}", str(env))
        if env and deployed in functions:
            functions[name.replace("-${env}", "").replace("${env}", "")] = functions[deployed]
    if transformer == "ours":
        project = write_v2_project({**case, "functions": functions}, workdir / case_file.stem)
        build = build_with_ours(project)
    else:
        project = write_project({**case, "functions": functions}, workdir / case_file.stem)
        build = v2_golden_case(case_file, golden) / "build"
    result = await serve_and_run(
        case_file,
        build,
        project,
        parameters=case.get("deployParameters") or {},
        timeout=timeout,
        verbose=verbose,
    )
    if transformer != "ours":
        return result
    passed, failed, skipped, output = result.passed, result.failed, result.skipped, result.output
    for redeployed in redeploy_cases(case):
        ok, text = await run_redeploy_case(
            case_file, redeployed, project, timeout=timeout, verbose=verbose
        )
        skipped -= 1 if redeployed.get("skip") else 0
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
        name = redeployed.get("fullName") or redeployed["name"]
        if ok:
            output += f"\nPASS {case['name']} :: {name} -- redeployed mid-test\n"
        else:
            reasons = [line.split(" -- ", 1)[-1] for line in text.splitlines() if "FAIL" in line]
            output += f"\nFAIL {case['name']} :: {name} -- redeployed mid-test; {reasons}\n"
    return PeerResult(result.case_file, passed, failed, skipped, output)


async def serve_and_run(
    case_file: Path,
    build: Path,
    project: Path,
    *,
    parameters: dict[str, Any] | None = None,
    timeout: float = 600.0,
    verbose: bool = False,
) -> PeerResult:
    """Serve `build` on a free port with a fresh store and the Lambda runner; run the file."""
    from amplify_mock.simulators.lambda_.runner import LambdaRunner

    store = Store.open(None)
    client = StoreClient(store)
    async with LambdaRunner(project) as lambdas:
        factory = data_source_factory(dynamodb_client=client, lambda_invoker=lambdas)
        state = build_api_state(
            build, data_source_factory=factory, api_key=PEER_API_KEY, parameters=parameters
        )
        await ensure_tables(client, state.config)
        server = AppSyncServer(state, port=0)
        port = await server.start()
        try:
            output = await _run_runner(port, case_file, timeout, verbose)
        finally:
            await server.stop()
            store.close()
    match = _SUMMARY.search(output.strip().splitlines()[-1] if output.strip() else "")
    if match is None:
        return PeerResult(case_file.name, 0, 1, 0, output)
    passed, failed, skipped = (int(g) for g in match.groups())
    return PeerResult(case_file.name, passed, failed, skipped, output)


async def _run_runner(port: int, case_file: Path, timeout: float, verbose: bool) -> str:
    """`run_peer.py` on `case_file` against the endpoint on `port`; its output."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(RUNNER),
        "--url",
        f"http://127.0.0.1:{port}/graphql",
        "--api-key",
        PEER_API_KEY,
        "--subscription-delay",
        "0.5",
        *(["-v"] if verbose else []),
        str(case_file),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        stdout, _ = await asyncio.wait_for(proc.communicate(), timeout)
    except TimeoutError:
        proc.kill()
        stdout, _ = await proc.communicate()
        stdout += f"\nTIMEOUT after {timeout} s\n".encode()
    return stdout.decode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--transformer",
        choices=("ours", "oracle"),
        default="ours",
        help="v1: build with ours or the v1 oracle; --v2: a Gen 1 project built by ours, or the "
        "oracle's golden build",
    )
    parser.add_argument("--v2", action="store_true", help="the v2 corpus, on the oracle builds")
    parser.add_argument(
        "--v2-golden", type=Path, default=V2_GOLDEN, help="where the peer-<file>/build folders are"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("cases", nargs="*", type=Path)
    args = parser.parse_args(argv)
    corpus = PEER_V2_DIR if args.v2 else PEER_DIR
    cases = args.cases or sorted((corpus / "cases").glob("*.json"))
    totals = [0, 0, 0]
    with tempfile.TemporaryDirectory(prefix="appsync-peer-") as tmp:
        for case_file in cases:
            if args.v2:
                run = run_v2_case_file(
                    case_file,
                    Path(tmp),
                    timeout=args.timeout,
                    verbose=args.verbose,
                    golden=args.v2_golden,
                    transformer="ours" if args.transformer == "ours" else "oracle",
                )
            else:
                run = run_case_file(
                    case_file, args.transformer, Path(tmp), timeout=args.timeout,
                    verbose=args.verbose,
                )  # fmt: skip
            result = asyncio.run(run)
            for i, n in enumerate((result.passed, result.failed, result.skipped)):
                totals[i] += n
            print(f"{result.case_file}: {result.passed} passed, {result.failed} failed, "
                  f"{result.skipped} skipped")  # fmt: skip
            if args.verbose or result.failed:
                for line in result.output.splitlines():
                    if args.verbose or line.startswith(("FAIL", "SKIP")):
                        print("   ", line[:400])
    print(f"TOTAL: {totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    return 1 if totals[1] else 0


if __name__ == "__main__":
    raise SystemExit(main())
