"""Regenerate the golden transformer outputs with the real Amplify v1 transformer (the oracle).

Run only by hand, never by tests:

    python tests/transformer/golden/regen.py --write [--oracle PATH/transform.js] [CASE ...]
    python tests/transformer/golden/regen.py --write --projects

`--projects` rebuilds each whole Amplify project under `projects/` (overrides, custom stacks,
cli.json flags, backend-config auth) through the real `buildAPIProject` into its `expected/`.

For each case directory under `cases/` it reads `case.json` (preset, optional `authConfig`,
`featureFlags` overrides, `transformConfig`, `expect`), works out the effective configuration
the oracle will use (the same rules as the oracle's `transform.js`), writes it to
`config.json`, and runs the oracle once.  A case that transforms is stored in `expected/`
(the Amplify CLI `build/` layout minus the oracle's own `oracle-transform.json`); a case that
must fail is stored as `expected-error.json` with the oracle's error class name and exact
message.  Without `--write` nothing is written: the script only reports what it would do.
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
from pathlib import Path
from typing import Any

CASES_DIR = Path(__file__).resolve().parent / "cases"
#: The oracle harness: `$AMPLIFY_ORACLE`, else ../shared/oracle (with node_modules installed).
DEFAULT_ORACLE = str(
    Path(os.environ.get("AMPLIFY_ORACLE") or CASES_DIR.parents[3].parent / "shared" / "oracle")
    / "transform.js"
)
NOW = "2024-01-01T00:00:00Z"
KEPT_OUTPUTS = (
    "schema.graphql",
    "resolvers",
    "pipelineFunctions",
    "stacks",
    "cloudformation-template.json",
    "parameters.json",
)

CLI_NEW_PROJECT_FLAGS = {
    "addMissingOwnerFields": True,
    "improvePluralization": False,
    "validateTypeNameReservedWords": True,
    "enableIterativeGSIUpdates": True,
    "secondaryKeyAsGSI": True,
    "skipOverrideMutationInputTypes": True,
}
DEFAULT_OIDC = {
    "name": "oracle-oidc",
    "issuerUrl": "https://oidc.oracle.test/",
    "clientId": "oracle-oidc-client",
    "iatTTL": 0,
    "authTTL": 0,
}


def _provider(mode: str, extra: dict[str, Any]) -> dict[str, Any]:
    provider: dict[str, Any] = {"authenticationType": mode}
    if mode == "API_KEY":
        provider["apiKeyConfig"] = {
            "apiKeyExpirationDays": extra.get("apiKeyExpirationDays") or 7,
            "description": extra.get("apiKeyDescription") or "",
        }
    elif mode == "AMAZON_COGNITO_USER_POOLS":
        provider["userPoolConfig"] = {"userPoolId": extra.get("userPoolId") or "oracle_user_pool"}
    elif mode == "OPENID_CONNECT":
        provider["openIDConnectConfig"] = {**DEFAULT_OIDC, **(extra.get("oidc") or {})}
    return provider


def effective_auth_config(value: Any) -> dict[str, Any]:
    """The CLI `authConfig` object the oracle builds from a case's short or full form."""
    if value is None:
        return {
            "defaultAuthentication": _provider("API_KEY", {}),
            "additionalAuthenticationProviders": [],
        }
    if isinstance(value, str):
        modes = [m.strip() for m in value.split(",") if m.strip()]
        value = {"default": modes[0], "additional": modes[1:]}
    if "defaultAuthentication" in value:
        return {
            "defaultAuthentication": value["defaultAuthentication"],
            "additionalAuthenticationProviders": value.get("additionalAuthenticationProviders", []),
        }
    return {
        "defaultAuthentication": _provider(value["default"], value),
        "additionalAuthenticationProviders": [
            _provider(m, value) for m in value.get("additional", [])
        ],
    }


def effective_config(spec: dict[str, Any]) -> dict[str, Any]:
    """Preset + overrides -> the explicit settings our transformer must be given."""
    preset = spec.get("preset", "cli")
    overrides = spec.get("featureFlags", {})
    if preset == "e2e":
        given = {"improvePluralization": True, **overrides}
        flags = {name: bool(given.get(name, False)) for name in CLI_NEW_PROJECT_FLAGS}
        default_tc: dict[str, Any] = {}
    else:
        flags = {**CLI_NEW_PROJECT_FLAGS, **overrides}
        default_tc = {"Version": 5, "ElasticsearchWarning": True}
    return {
        "preset": preset,
        "authConfig": effective_auth_config(spec.get("authConfig")),
        "transformConfig": spec.get("transformConfig", default_tc),
        "featureFlags": flags,
        "now": NOW,
    }


def _schema_input(case_dir: Path) -> Path:
    folder = case_dir / "schema"
    return folder if folder.is_dir() else case_dir / "schema.graphql"


def _oracle_error(stderr: str) -> dict[str, str]:
    """Split the oracle's printed `Name: message\\n    at ...` stack into name and message."""
    lines = stderr.rstrip("\n").split("\n")
    end = len(lines)
    for index, line in enumerate(lines):
        if re.match(r"^\s+at ", line):
            end = index
            break
    head = "\n".join(lines[:end])
    match = re.match(r"^([A-Za-z_$][\w$]*): (.*)$", head, re.S)
    if not match:
        raise RuntimeError(f"cannot parse the oracle's error output:\n{stderr}")
    return {"name": match.group(1), "message": match.group(2)}


def regen_case(case_dir: Path, oracle: str, write: bool) -> str:
    spec = json.loads((case_dir / "case.json").read_text())
    config = effective_config(spec)
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        out = Path(tmp) / "build"
        cmd = [
            "node",
            oracle,
            str(_schema_input(case_dir)),
            str(out),
            "--preset",
            config["preset"],
            "--auth-config",
            json.dumps(config["authConfig"]),
            "--transform-config",
            json.dumps(config["transformConfig"]),
            "--feature-flags",
            json.dumps(config["featureFlags"]),
            "--now",
            NOW,
            "--quiet",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        expect = spec.get("expect", "ok")
        if expect == "ok" and proc.returncode != 0:
            raise RuntimeError(f"{case_dir.name}: oracle failed:\n{proc.stderr}")
        if expect == "error" and proc.returncode == 0:
            raise RuntimeError(f"{case_dir.name}: expected an error, the oracle succeeded")
        if not write:
            return f"{case_dir.name}: {expect} (dry run)"
        (case_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n")
        expected = case_dir / "expected"
        error_file = case_dir / "expected-error.json"
        if expected.exists():
            shutil.rmtree(expected)
        if error_file.exists():
            error_file.unlink()
        if expect == "error":
            error = _oracle_error(proc.stderr)
            error_file.write_text(json.dumps(error, indent=2) + "\n")
            return f"{case_dir.name}: error {error['name']}"
        info = json.loads((out / "oracle-transform.json").read_text())
        for key in ("authConfig", "transformConfig", "featureFlags"):
            if info[key] != config[key]:
                raise RuntimeError(f"{case_dir.name}: oracle used {key}={info[key]!r}")
        expected.mkdir()
        for name in KEPT_OUTPUTS:
            src = out / name
            if src.is_dir():
                shutil.copytree(src, expected / name)
            elif src.exists():
                shutil.copy2(src, expected / name)
        return f"{case_dir.name}: ok"


PROJECTS_DIR = Path(__file__).resolve().parent / "projects"
#: The build parameters `compile_api` gives a project without amplify-meta.json.
PROJECT_BUILD_PARAMETERS = {
    "S3DeploymentBucket": "amplify-mock-deployment-bucket",
    "S3DeploymentRootKey": "amplify-appsync-files",
}
_PROJECT_SCRIPT = r"""
const [modules, apiDir, authJson, flagsJson, paramsJson, now] = process.argv.slice(2);
const m = (name) => require(modules + '/' + name);
const core = m('graphql-transformer-core');
const flags = JSON.parse(flagsJson);
const ff = {
  getBoolean: (n, d) => (n in flags ? flags[n] : Boolean(d)),
  getNumber: (n, d) => d, getObject: (n, d) => d, getString: (n, d) => d,
};
const authConfig = JSON.parse(authJson);
Date.now = () => Date.parse(now);
core.buildAPIProject({
  projectDirectory: apiDir,
  transformersFactory: async () => [
    new (m('graphql-dynamodb-transformer').DynamoDBModelTransformer)(),
    new (m('graphql-versioned-transformer').VersionedModelTransformer)(),
    new (m('graphql-function-transformer').FunctionTransformer)(),
    new (m('graphql-key-transformer').KeyTransformer)(),
    new (m('graphql-connection-transformer').ModelConnectionTransformer)(),
    new (m('graphql-auth-transformer').ModelAuthTransformer)({
      authConfig, addAwsIamAuthInOutputSchema: false }),
  ],
  transformersFactoryArgs: [],
  rootStackFileName: 'cloudformation-template.json',
  buildParameters: JSON.parse(paramsJson),
  featureFlags: ff,
  sanityCheckRules: core.getSanityCheckRules(true, ff, false),
  dryRun: false,
}).catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
"""


def regen_project(project_dir: Path, oracle: str, write: bool) -> str:
    """Build a whole Amplify project's API (with its overrides and custom stacks) through the
    real `buildAPIProject`, with the settings `compile_api` reads from the project."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from amplify_mock.project import api_build

    name = api_build.find_api_name(project_dir)
    api_dir = project_dir / "amplify" / "backend" / "api" / name
    flags = api_build.transformer_flags(api_build.read_feature_flags(project_dir))
    auth = api_build.read_auth_config(project_dir, name)
    parameters = {
        **json.loads((api_dir / "parameters.json").read_text()),
        **PROJECT_BUILD_PARAMETERS,
    }
    modules = str(Path(oracle).resolve().parent / "node_modules")
    with tempfile.TemporaryDirectory(prefix="golden-project-") as tmp:
        work = Path(tmp) / name
        shutil.copytree(api_dir, work)
        (work / "build").mkdir(exist_ok=True)
        script = Path(tmp) / "build.js"
        script.write_text(_PROJECT_SCRIPT)
        command = ["node", str(script), modules, str(work), json.dumps(auth), json.dumps(flags)]
        command += [json.dumps(parameters), NOW]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{project_dir.name}: oracle failed:\n{proc.stderr}")
        if not write:
            return f"project {project_dir.name}: ok (dry run)"
        expected = project_dir / "expected"
        if expected.exists():
            shutil.rmtree(expected)
        expected.mkdir()
        for entry in KEPT_OUTPUTS:
            src = work / "build" / entry
            if src.is_dir():
                shutil.copytree(src, expected / entry)
            elif src.exists():
                shutil.copy2(src, expected / entry)
    return f"project {project_dir.name}: ok"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write config.json and expected/")
    parser.add_argument("--oracle", default=os.environ.get("AMPLIFY_ORACLE", DEFAULT_ORACLE))
    parser.add_argument("--projects", action="store_true", help="also rebuild projects/*")
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    args = parser.parse_args(argv)
    names = args.cases or sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
    if args.projects:
        for project in sorted(p for p in PROJECTS_DIR.iterdir() if p.is_dir()):
            print(regen_project(project, args.oracle, args.write), flush=True)
        if not args.cases:
            return 0
    failed = []
    for name in names:
        try:
            print(regen_case(CASES_DIR / name, args.oracle, args.write), flush=True)
        except RuntimeError as err:
            print(err, file=sys.stderr, flush=True)
            failed.append(name)
    if failed:
        print(f"failed: {' '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
