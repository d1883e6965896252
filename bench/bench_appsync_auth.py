"""The mixed-auth bench (API key, user pools, IAM, OIDC) on a v2 build, beside the real simulator.

    python -m bench.bench_appsync_auth [--seconds 5] [--clients 8] [--no-oracle]

The build is the v2 golden case `bench-auth-mixed` (the real v2 transformer's output): a `Note`
model that API-key callers, its owner (user pools), the identity pool's authenticated role (IAM)
and OIDC callers may read. `--clients` concurrent keep-alive clients cycle through `getNote` as
each of the four; every request runs the model's auth pipeline (the auth slot's VTL per mode).
The workload is measured once per mode alone, then mixed.

Ours: a separate `python` process, in-memory store. The reference: `serve-v2.js` of an installed
copy of ../shared/oracle-v2 (`$AMPLIFY_MOCK_ORACLE_V2`, `gen1/` holding the Gen 1 line and a copy
of serve-v2.js) with the real `amplify-appsync-simulator` and DynamoDB Local from the installed v1
oracle harness (`$AMPLIFY_ORACLE`), serving the same schema with the same auth modes and OIDC
issuer. The real simulator never authorizes an IAM caller on a v2 build (the role ARNs in its v2
stash keep `arn:AWS::Partition:`), so an IAM answer counts when it comes back in GraphQL's shape
on both servers; every other answer must be the note.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from amplify_mock.mock import loop as mock_loop
from bench import bench_appsync as v1
from bench.bench_appsync import API_KEY, IAM_HEADERS, _free_port, _jwt, _post, _row
from bench.bench_appsync_v2 import V2_GOLDEN, _oracle_dirs

CASE = V2_GOLDEN / "bench-auth-mixed"
OIDC_ISSUER = "https://issuer.example"
GET = '{ getNote(id: "n1") { id content } }'
Check = Callable[[Any], bool]


def _oidc_token() -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    claims = {"sub": "oidc-user", "iss": OIDC_ISSUER, "exp": int(time.time()) + 36000}
    return f"{part({'alg': 'HS256'})}.{part(claims)}.c2ln"


def _note(out: Any) -> bool:
    return bool((out.get("data") or {}).get("getNote")) and out["data"]["getNote"]["id"] == "n1"


def _answered(out: Any) -> bool:
    return "getNote" in (out.get("data") or {}) or "errors" in out


def requests_by_mode() -> dict[str, tuple[str, dict[str, str], Check]]:
    return {
        "API key": (GET, {"x-api-key": API_KEY}, _note),
        "user pools (owner)": (GET, {"Authorization": _jwt("alice", [])}, _note),
        "IAM (auth role)": (GET, IAM_HEADERS, _note),
        "OIDC": (GET, {"Authorization": _oidc_token()}, _note),
    }


@contextmanager
def oracle_server(gen1: Any, v1_dir: Any) -> Iterator[int]:
    """`serve-v2.js` on the case's schema with its auth modes and our build's OIDC issuer."""
    port = _free_port()
    auth = {
        "defaultAuthentication": {"authenticationType": "AMAZON_COGNITO_USER_POOLS"},
        "additionalAuthenticationProviders": [
            {"authenticationType": "API_KEY"},
            {"authenticationType": "AWS_IAM"},
            {
                "authenticationType": "OPENID_CONNECT",
                "openIDConnectConfig": {"name": "oidc", "issuerUrl": OIDC_ISSUER},
            },
        ],
    }
    command = [
        "node",
        "serve-v2.js",
        str(CASE / "schema.graphql"),
        "--port",
        str(port),
        "--auth-config",
        json.dumps(auth),
        "--api-key",
        API_KEY,
    ]
    env = {**os.environ, "ORACLE_V1_DIR": str(v1_dir)}
    with v1.server_process(command, cwd=gen1, env=env, ready='"ready":true'):
        yield port


def measure(port: int, args: argparse.Namespace, *, iam_check: Check) -> dict[str, Any]:
    out = _post(
        port,
        'mutation { createNote(input: {id: "n1", content: "c"}) { id } }',
        {"Authorization": _jwt("alice", [])},
    )
    assert "errors" not in out, out
    modes = requests_by_mode()
    modes["IAM (auth role)"] = (*modes["IAM (auth role)"][:2], iam_check)
    v1.mixed_load(port, min(1.0, args.seconds), args.clients, list(modes.values()))  # warm-up
    results = {
        name: v1.mixed_load(port, args.seconds, args.clients, [request])
        for name, request in modes.items()
    }
    results["mixed"] = v1.mixed_load(port, args.seconds, args.clients, list(modes.values()))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--no-oracle", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
    args = parser.parse_args(argv)
    with v1.our_server(CASE / "build") as port:
        ours = measure(port, args, iam_check=_note)
    oracle: dict[str, Any] | None = None
    dirs = None if args.no_oracle else _oracle_dirs()
    if dirs is not None:
        with oracle_server(*dirs) as port:
            oracle = measure(port, args, iam_check=_answered)
    if args.json:
        print(json.dumps({"ours": ours, "oracle": oracle}, indent=2))
        return 0
    header = f"{'getNote as (bench-auth-mixed)':<32} {'ours r/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
    if oracle is not None:
        header += f"   {'real r/s':>9} {'p50 ms':>8} {'p99 ms':>8}   ratio"
    print(header)
    for name in ours:
        label = f"{name}, {args.clients} clients"
        print(_row(label, ours[name], oracle[name] if oracle else None))
    print(f"({args.seconds:g} s per loop; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.1f}; servers on {mock_loop.loop_name()})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
