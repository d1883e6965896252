"""Regenerates the golden VTL data from the oracle (the real Amplify simulator's engine).

Run by hand only, with the explicit flag:

    python tests/resolvers/golden/regen.py --from-oracle [--examples DIR] [--peer DIR]
        [--oracle DIR] [--node-modules DIR]

It copies every example template (`examples/*/build*/resolvers/*.vtl` and
`pipelineFunctions/*.vtl`) into `templates/`, builds the schemas of the peer corpus
(`../shared/peer/cases/*.json`) with the oracle's `transform.js --preset e2e` and copies the
templates not already among the examples into `templates-peer/`, writes the `$ctx` set to
`contexts.json`, renders each distinct template under each context with `oracle_render.js` (the
simulator's engine), and stores the outcomes in `expected.json` keyed by template hash, field
and context id. Tests never run the oracle.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
#: ../shared from the repository root (or `$AMPLIFY_MOCK_SHARED`); the oracle harness is
#: `$AMPLIFY_ORACLE`, else shared/oracle with its node_modules installed.
SHARED = Path(os.environ.get("AMPLIFY_MOCK_SHARED") or HERE.parents[2].parent / "shared")
ORACLE = Path(os.environ.get("AMPLIFY_ORACLE") or SHARED / "oracle")
TEMPLATES = HERE / "templates"
PEER_TEMPLATES = HERE / "templates-peer"
CONTEXTS = HERE / "contexts.json"
EXPECTED = HERE / "expected.json"

COGNITO_ISSUER = "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_fake_user_pool"


def user_pool_identity(username: str, groups: list[str], email: str) -> dict[str, Any]:
    """A Cognito User Pools identity shaped as the simulator builds it from a token."""
    claims = {
        "sub": f"sub-{username}",
        "aud": "fake-client",
        "cognito:groups": groups,
        "token_use": "id",
        "iss": COGNITO_ISSUER,
        "cognito:username": username,
        "email": email,
    }
    return {
        "sub": f"sub-{username}",
        "issuer": COGNITO_ISSUER,
        "sourceIp": ["127.0.0.1"],
        "cognito:username": username,
        "username": username,
        "claims": claims,
        "defaultAuthStrategy": "ALLOW",
    }


IDENTITIES: dict[str, Any] = {
    "apikey": None,
    "owner": user_pool_identity("alice", ["Editors"], "alice@example.com"),
    "admin": user_pool_identity("bob", ["Admin"], "bob@example.com"),
    "iam": {
        "accountId": "123456789012",
        "cognitoIdentityPoolId": "us-fake-1:pool",
        "cognitoIdentityId": "us-fake-1:identity",
        "sourceIp": ["127.0.0.1"],
        "username": "auth-user",
        "userArn": "arn:aws:sts::123456789012:assumed-role/AuthRole/CognitoIdentityCredentials",
        "cognitoIdentityAuthType": "authenticated",
        "cognitoIdentityAuthProvider": "cognito-idp",
    },
    "oidc": {
        "sub": "oidc-user",
        "issuer": "https://oidc.oracle.test/",
        "username": "oidc-user",
        "claims": {
            "sub": "oidc-user",
            "iss": "https://oidc.oracle.test/",
            "email": "o@example.com",
        },
        "sourceIp": ["127.0.0.1"],
        "defaultAuthStrategy": "ALLOW",
    },
}

INPUT = {
    "id": "id-1",
    "name": "Buy milk",
    "title": "Hello",
    "body": "three little words",
    "blogID": "blog-1",
    "content": "A comment",
    "customerEmail": "alice@example.com",
    "orderDate": "2024-01-01",
    "status": "OPEN",
    "total": 9.5,
    "description": "2 litres",
    "postCommentsId": "post-1",
    "editors": ["Editors"],
    "expectedVersion": 1,
    "email": "alice@example.com",
    "orderId": "order-1",
    "itemId": "item-1",
    "totalSpending": 10,
    "totalAttendance": 3,
}

#: Key fields some peer schemas need as input (createdAt / updatedAt are sort keys there).
TIMESTAMPS = {"createdAt": "2024-01-01T00:00:00.000Z", "updatedAt": "2024-01-01T00:00:00.000Z"}

REQUEST_ARGUMENTS: dict[str, Any] = {
    "create": {"input": {**INPUT, **TIMESTAMPS}},
    "conditioned": {
        "input": {**INPUT, "owner": "bob"},
        "condition": {
            "name": {"eq": "Buy milk"},
            "or": [{"title": {"beginsWith": "He"}}, {"version": {"gt": 0}}],
            "not": {"status": {"ne": "OPEN"}},
        },
    },
    "query": {
        "id": "id-1",
        "filter": {
            "name": {"contains": "milk"},
            "and": [{"status": {"ne": "CLOSED"}}, {"total": {"between": [1, 10]}}],
        },
        "limit": 5,
        "nextToken": "tok-1",
        "sortDirection": "DESC",
        "blogID": "blog-1",
        "createdAt": {"between": ["2023-01-01", "2024-12-31"]},
        "status": "OPEN",
        "orderDate": {"beginsWith": "2024"},
        "customerEmail": "alice@example.com",
        "msg": "hi",
        "owner": "alice",
    },
    "minimal": {
        "id": "id-1",
        "blogID": "blog-1",
        "status": "OPEN",
        "customerEmail": "alice@example.com",
        "orderDate": "2024-01-01",
        "msg": "hi",
        "email": "alice@example.com",
        "orderId": "order-1",
        **TIMESTAMPS,
    },
}

ITEM = {
    "__typename": "Post",
    "id": "id-1",
    "name": "Buy milk",
    "title": "Hello",
    "blogID": "blog-1",
    "owner": "alice",
    "customerEmail": "alice@example.com",
    "orderDate": "2024-01-01",
    "status": "OPEN",
    "editors": ["Editors"],
    "version": 1,
    "createdAt": "2024-01-01T00:00:00.000Z",
    "updatedAt": "2024-01-01T00:00:00.000Z",
}

RESULTS: dict[str, Any] = {
    "item": ITEM,
    "list": {
        "items": [
            ITEM,
            {**ITEM, "id": "id-2", "owner": "carol", "editors": [], "customerEmail": "c@x"},
        ],
        "nextToken": "tok-2",
        "scannedCount": 2,
    },
    "null": None,
}

COMMON = {
    "source": {"id": "src-1", "blogID": "blog-1", "postCommentsId": "post-1", "owner": "alice"},
    "stash": {"fromBefore": "stashed", "typeName": "Query", "fieldName": "echo"},
    "prev": {"result": {"previous": "result"}},
    "request": {"headers": {"x-api-key": "da2-fakeApiId123456"}, "domainName": None},
}


def contexts() -> dict[str, dict[str, Any]]:
    """Context id -> `$ctx` for request (`req.*`) and response (`res.*`) templates."""
    found: dict[str, dict[str, Any]] = {}
    for who, identity in IDENTITIES.items():
        for name, arguments in REQUEST_ARGUMENTS.items():
            found[f"req.{name}.{who}"] = {**COMMON, "arguments": arguments, "identity": identity}
        for name, result in RESULTS.items():
            found[f"res.{name}.{who}"] = {
                **COMMON,
                "arguments": REQUEST_ARGUMENTS["query"],
                "identity": identity,
                "result": result,
            }
    return found


def template_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def context_prefixes(path: Path, text: str) -> tuple[str, ...]:
    """Which contexts make sense for a template: mutation inputs for mutations, query
    arguments otherwise; list results for templates that read `items`, items otherwise."""
    if path.name.endswith(".res.vtl"):
        return ("res.list.",) if "items" in text else ("res.item.", "res.null.")
    if path.name.startswith("Mutation."):
        return ("req.create.", "req.conditioned.")
    return ("req.query.", "req.minimal.")


def copy_templates(source_root: Path, target_root: Path, skip: set[str]) -> list[Path]:
    """Copy `*/build*/{resolvers,pipelineFunctions}/*.vtl` whose content hash is not in `skip`."""
    if target_root.exists():
        shutil.rmtree(target_root)
    copied = []
    for source in sorted(source_root.glob("*/build*/*/*.vtl")):
        if source.parent.name not in ("resolvers", "pipelineFunctions"):
            continue
        if template_hash(source.read_text(encoding="utf-8")) in skip:
            continue
        target = target_root / source.relative_to(source_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied.append(target)
    return copied


def build_peer_schemas(peer: Path, oracle: Path, scratch: Path) -> Path:
    """Transform every peer-corpus schema as its e2e tests do; returns `<scratch>/builds`."""
    schemas = scratch / "schemas"
    subprocess.run(
        [sys.executable, str(peer / "run_peer.py"), "--list-schemas", str(schemas),
         *sorted(str(p) for p in (peer / "cases").glob("*.json"))],
        check=True, capture_output=True,
    )  # fmt: skip
    builds = scratch / "builds"
    for schema in sorted(schemas.glob("*/schema.graphql")):
        command = [
            "node", str(oracle / "transform.js"), str(schema),
            str(builds / schema.parent.name / "build"), "--preset", "e2e",
            "--feature-flags", '{"improvePluralization":true}',
            "--now", "2024-01-01T00:00:00Z", "--quiet",
        ]  # fmt: skip
        auth = schema.parent / "authConfig.json"
        if auth.exists():
            command += ["--auth-config", f"@{auth}"]
        subprocess.run(command, check=True, capture_output=True)
    return builds


def field_info(path: Path) -> dict[str, Any]:
    """`$ctx.info` for a template named `Type.field.req.vtl` (pipeline functions: Query.fn)."""
    parts = path.name.split(".")
    if path.parent.name == "pipelineFunctions":
        return {"fieldName": parts[0], "parentTypeName": "Query"}
    return {"fieldName": parts[1], "parentTypeName": parts[0]}


def case_key(text: str, info: dict[str, Any], context_id: str) -> str:
    return f"{template_hash(text)}@{info['parentTypeName']}.{info['fieldName']}/{context_id}"


#: The simulator's engine appends the failing call's location to `$util.error` messages.
_LOCATION_SUFFIX = re.compile(r" on \$util\.\w+\(.*\) at L/N \d+:\d+$", re.S)


def classify(outcome: dict[str, Any]) -> dict[str, Any]:
    """The oracle's answer reduced to what the tests compare."""
    if "raised" in outcome:
        raised = dict(outcome["raised"])
        raised["message"] = _LOCATION_SUFFIX.sub("", raised["message"] or "")
        return {"raises": raised}
    if "error" in outcome:
        return {"oracle_error": outcome["error"]}
    text = outcome["out"]
    key = "return" if outcome.get("isReturn") else "json"
    try:
        found: dict[str, Any] = {key: json.loads(text) if text.strip() else None}
    except json.JSONDecodeError:
        found = {"text": " ".join(text.split())}
    if outcome.get("utilErrors"):
        found["appended"] = outcome["utilErrors"]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-oracle", action="store_true", required=True)
    parser.add_argument("--examples", type=Path, default=SHARED / "oracle" / "examples")
    parser.add_argument("--peer", type=Path, default=SHARED / "peer")
    parser.add_argument("--oracle", type=Path, default=ORACLE)
    parser.add_argument("--node-modules", type=Path, default=ORACLE / "node_modules")
    options = parser.parse_args()
    templates = copy_templates(options.examples, TEMPLATES, set())
    known = {template_hash(p.read_text(encoding="utf-8")) for p in templates}
    with tempfile.TemporaryDirectory() as scratch:
        builds = build_peer_schemas(options.peer, options.oracle, Path(scratch))
        peer_templates = copy_templates(builds, PEER_TEMPLATES, known)
    templates += peer_templates
    all_contexts = contexts()
    CONTEXTS.write_text(json.dumps(all_contexts, indent=1) + "\n")
    cases = []
    seen = set()
    for path in templates:
        text = path.read_text(encoding="utf-8")
        info = field_info(path)
        for context_id, context in all_contexts.items():
            if not context_id.startswith(context_prefixes(path, text)):
                continue
            name = case_key(text, info, context_id)
            if name not in seen:
                seen.add(name)
                cases.append({"name": name, "template": text, "ctx": context, "info": info})
    with tempfile.TemporaryDirectory() as scratch:
        cases_file = Path(scratch) / "cases.json"
        cases_file.write_text(json.dumps(cases))
        completed = subprocess.run(
            ["node", str(HERE / "oracle_render.js"), str(options.node_modules), str(cases_file)],
            capture_output=True,
            text=True,
            check=True,
        )
    outcomes = json.loads(completed.stdout)
    expected = {name: classify(outcome) for name, outcome in sorted(outcomes.items())}
    lines = (f"{json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in expected.items())
    EXPECTED.write_text("{\n" + ",\n".join(lines) + "\n}\n")
    print(
        f"{len(templates) - len(peer_templates)} example + {len(peer_templates)} peer templates, "
        f"{len(cases)} renders -> {EXPECTED}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
