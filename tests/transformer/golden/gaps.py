"""Recompute `known_gaps.json`: which golden aspects do not match the oracle yet, and why.

    python tests/transformer/golden/gaps.py --write

Runs our transformer over every case (no oracle needed) and records, for each aspect that
differs (schema, stacks, templates, build bytes, error), a reason derived from the first difference.
`test_golden.py` marks exactly these as strict xfails, so after a directive lands, run this
and commit the shrunk file. Without `--write` it prints the would-be file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.transformer import golden_support as gs  # noqa: E402

GAPS_FILE = Path(__file__).resolve().parent / "known_gaps.json"

#: Differences that come from the @auth transformer's root-stack resources and the
#: parameters and conditions it adds to every stack.
AUTH_MARKERS = (
    "AuthCognitoUserPoolId",
    "CreateAPIKey",
    "APIKeyExpirationEpoch",
    "AppSyncApiName",
    "ShouldCreateAPIKey",
    "GraphQLAPIKey",
    "AuthRolePolicy",
    "UnauthRolePolicy",
    "authRoleName",
    "unauthRoleName",
    "$.Resources.GraphQLAPI.",
)


def _reason_for_stacks(differences: list[str]) -> str:
    others = [d for d in differences if not any(m in d for m in AUTH_MARKERS)]
    if not others:
        return (
            "@auth transformer missing: the API key, auth parameters (AuthCognitoUserPoolId, "
            "CreateAPIKey, APIKeyExpirationEpoch, AppSyncApiName) and conditions are absent "
            f"({len(differences)} differences, all auth)"
        )
    return f"stacks differ: {others[0][:300]}"


def compute_gaps() -> dict[str, str]:
    gaps: dict[str, str] = {}
    for case in gs.load_cases():
        out = Path(tempfile.mkdtemp(prefix=f"gaps-{case.name}-"))
        if case.expects_error:
            expected = case.expected_error
            try:
                gs.run_case(case, out)
            except Exception as err:
                message = gs.error_message(err)
                if message is None:
                    gaps[f"error|{case.name}"] = f"crashes: {type(err).__name__}: {err}"[:300]
                elif message != expected["message"]:
                    gaps[f"error|{case.name}"] = f"message differs: {message[:250]!r}"
                elif not gs.error_class_matches(err, expected["name"]):
                    gaps[f"error|{case.name}"] = (
                        f"error class {type(err).__name__}, oracle {expected['name']}"
                    )
            else:
                gaps[f"error|{case.name}"] = "transform succeeds; the oracle rejects the schema"
            continue
        try:
            gs.run_case(case, out)
        except Exception as err:
            first = str(err).strip().split("\n\n")
            detail = first[1] if len(first) > 1 else first[0]
            reason = f"transform raises {type(err).__name__}: {detail[:200]}"
            for aspect in ("schema", "stacks", "templates", "build"):
                gaps[f"{aspect}|{case.name}"] = reason
            continue
        expected_schema = (case.expected_dir / "schema.graphql").read_text()
        schema = gs.schema_differences(expected_schema, (out / "schema.graphql").read_text())
        if schema:
            gaps[f"schema|{case.name}"] = f"schema differs: {schema[0][:300]}"
        saved = gs.MAX_DIFFERENCES
        gs.MAX_DIFFERENCES = 1_000_000
        try:
            stacks = gs.stack_differences(case.expected_dir, out)
        finally:
            gs.MAX_DIFFERENCES = saved
        if stacks:
            gaps[f"stacks|{case.name}"] = _reason_for_stacks(stacks)
        templates = gs.template_differences(case.expected_dir, out)
        if templates:
            gaps[f"templates|{case.name}"] = f"templates differ: {templates[0][:300]}"
        ours, theirs = gs.build_files(out), gs.build_files(case.expected_dir)
        if ours != theirs:
            differing = sorted(
                k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k)
            )
            gaps[f"build|{case.name}"] = f"files not byte-identical: {', '.join(differing[:5])}"
    return dict(sorted(gaps.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite known_gaps.json")
    args = parser.parse_args(argv)
    gaps: dict[str, Any] = compute_gaps()
    text = json.dumps(gaps, indent=1) + "\n"
    if args.write:
        GAPS_FILE.write_text(text)
        print(f"{len(gaps)} known gaps written to {GAPS_FILE}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
