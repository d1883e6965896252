"""Peer conformance: the Amplify CLI's own mock e2e suite against our transformer + endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .appsync_peer import PEER_DIR, PEER_V2_DIR, redeploy_cases, run_case_file, run_v2_case_file

CASE_FILES = sorted((PEER_DIR / "cases").glob("*.json"))


@pytest.mark.e2e
@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
async def test_appsync_peer_case_file_passes(case_file: Path, tmp_path: Path) -> None:
    result = await run_case_file(case_file, "ours", tmp_path, timeout=300)
    failures = [line for line in result.output.splitlines() if line.startswith("FAIL")]
    assert result.failed == 0, "\n".join(failures) or result.output[-2000:]
    assert result.passed > 0


V2_CASE_FILES = sorted((PEER_V2_DIR / "cases").glob("*.json"))

#: Cases of the v2 corpus that fail on our endpoint, each traced (see the README there):
#: the failing case names per file, so a new failure or a fixed one both fail the test.
V2_KNOWN_FAILURES: dict[str, dict[str, str]] = {
    "auth": {
        "@model with @auth allow private combined with groups as Admin and non-admin users": (
            "a Scan of two items (P1, P2): DynamoDB orders a Scan by the hash of the partition "
            "key, AWS answered P2 first; our store answers in key order"
        ),
        "@model with @auth with @model + without @auth querying records without auth policies "
        "defined": (
            "graphql-js validation wording: AppSync says 'Validation error of type "
            "FieldUndefined: ...', the endpoint graphql-core's 'Cannot query field ...'"
        ),
    },
    **{
        stem: {
            "e2e auth resolvers tests should generate auth resolver logic that passes as "
            f"expected for {{ modelName: '{model}', strategy: 'public', provider: 'iam', "
            f"operation: '{operation}' }}": (
                "the runner ignores the identity's `invalid: true` (empty IAM credentials) and "
                "signs with the unauthenticated role's key, which a public IAM rule allows; "
                "the endpoint refuses empty credentials with 403 UnrecognizedClientException "
                "(tests/simulators/appsync/test_auth_errors.py)"
            )
            for model, operation in models
        }
        for stem, models in (
            (
                "auth-exhaustive-t3a",
                (
                    ("Profile67360082", "get"),
                    ("Profile5a3b6156", "list"),
                    ("Profile38fcfd68", "update"),
                    ("Profile09ec257e", "delete"),
                ),
            ),
            (
                "auth-exhaustive-t3c",
                (
                    ("Profile370b71fb", "get"),
                    ("Profile03bd2da5", "list"),
                    ("Profilee21f79c4", "update"),
                    ("Profile81ca5e67", "delete"),
                ),
            ),
        )
    },
    "multi-auth": {
        name: (
            "the runner signs iam_user2 with the authenticated role's key: on AWS its Cognito "
            "group maps to its own role (cognitoGroupRole), which the API's policy does not "
            "allow; the endpoint sees the authenticated role, which it allows"
        )
        for name in ("only allow private iam arn", "only allow private identityPool arn")
    },
    "relational": {
        "many to many relationship with sort key": (
            "two join rows with the same GSI key (modelAID, modelAsortId): DynamoDB documents "
            "no order for equal index keys; AWS answered the later-written, higher table key "
            "first (1-A1-2, 1-A1-1), while in maps-to three comments tied on a GSI key came "
            "back in table-key order (not write order), so no rule fits both; our store keeps "
            "table-key bytes, as DynamoDB Local does"
        ),
    },
}


#: Cases that fail only when the file's redeploy steps run (on our transformer, see below).
V2_REDEPLOY_KNOWN_FAILURES: dict[str, dict[str, str]] = {
    "maps-to": {
        "@mapsTo transformer maps all renamed foreign keys in input and response": (
            "step 8 of 10 (every mapped read and write before it passes): listArticles is a "
            "Scan, whose order is DynamoDB's internal hash order of the partition keys (not "
            "documented); AWS answered post1, article3, post2, our store orders by key bytes"
        ),
    },
}


@pytest.mark.e2e
@pytest.mark.parametrize("case_file", V2_CASE_FILES, ids=[p.stem for p in V2_CASE_FILES])
async def test_appsync_peer_v2_case_file_passes(case_file: Path, tmp_path: Path) -> None:
    """A v2 corpus file (recorded against real AppSync) against our endpoint serving the real
    v2 transformer's build of its schema (`tests/transformer/v2/golden/peer-<file>`)."""
    result = await run_v2_case_file(case_file, tmp_path, timeout=600)
    failures = [line for line in result.output.splitlines() if line.startswith("FAIL")]
    failed_names = {line.split(" :: ", 1)[1].split(" -- ", 1)[0] for line in failures}
    assert failed_names == set(V2_KNOWN_FAILURES.get(case_file.stem, {})), (
        "\n".join(failures) or result.output[-2000:]
    )
    runnable = [c for c in json.loads(case_file.read_text())["cases"] if not c.get("skip")]
    assert result.passed == len(runnable) - len(failed_names)


#: Every v2 file of the non-auth part of the corpus (two of them use @auth on some fields, which
#: our v2 transformer builds too), as a Gen 1 project built by our v2 transformer and served by
#: `amplify mock`'s endpoint.
V2_OURS_FILES = V2_CASE_FILES


@pytest.mark.e2e
@pytest.mark.parametrize("case_file", V2_OURS_FILES, ids=[p.stem for p in V2_OURS_FILES])
async def test_appsync_peer_v2_on_our_transformer(case_file: Path, tmp_path: Path) -> None:
    """The same files on a Gen 1 project built by our v2 transformer; a case that redeploys the
    API with another schema mid-test (skipped by the runner) runs as `amplify mock`'s hot reload
    of the edited schema over the same tables."""
    result = await run_v2_case_file(case_file, tmp_path, timeout=600, transformer="ours")
    failures = [line for line in result.output.splitlines() if line.startswith("FAIL")]
    failed_names = {line.split(" :: ", 1)[1].split(" -- ", 1)[0] for line in failures}
    known = V2_KNOWN_FAILURES.get(case_file.stem, {}) | V2_REDEPLOY_KNOWN_FAILURES.get(
        case_file.stem, {}
    )
    assert failed_names == set(known), "\n".join(failures) or result.output[-2000:]
    case = json.loads(case_file.read_text())
    runnable = [c for c in case["cases"] if not c.get("skip")]
    redeployed = [c for c in redeploy_cases(case) if c.get("skip")]
    assert result.passed == len(runnable) + len(redeployed) - len(failed_names)
