"""Records DynamoDB Local's answers to the generated operations as the expected results.

    python -m tests.simulators.dynamodb.differential.record [--seeds 0-39] [--count 400]

DynamoDB Local 1.25.1 is the `emulator/DynamoDBLocal.jar` of the npm package
`amplify-dynamodb-simulator` that `../shared/oracle` pins. The jar is found through
`AMPLIFY_MOCK_DYNAMODB_LOCAL_JAR`, else in `../shared/oracle/node_modules` (run `npm ci` in a
copy of `../shared/oracle` first); `AMPLIFY_MOCK_DYNAMODB_LOCAL_URL` uses an instance that is
already running instead. Java 11+ must be on PATH. Never run by the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.simulators.dynamodb.differential.generator import operations
from tests.simulators.dynamodb.differential.normalise import compact, outcome

EXPECTED = Path(__file__).parent / "expected"
_ROOT = Path(__file__).resolve().parents[4]
_AUTH = (
    "AWS4-HMAC-SHA256 Credential=fake/20240101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=0"
)


def request_digest(operation: str, params: dict[str, Any]) -> str:
    """Ties a recorded line to the generated request it answers."""
    text = json.dumps([operation, params], sort_keys=True)
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def find_jar() -> Path:
    configured = os.environ.get("AMPLIFY_MOCK_DYNAMODB_LOCAL_JAR")
    if configured:
        return Path(configured)
    jar = (
        _ROOT.parent
        / "shared/oracle/node_modules/amplify-dynamodb-simulator/emulator/DynamoDBLocal.jar"
    )
    if not jar.is_file():
        sys.exit(
            "DynamoDBLocal.jar not found: set AMPLIFY_MOCK_DYNAMODB_LOCAL_JAR, or run `npm ci` "
            "in a copy of ../shared/oracle and point the variable at its "
            "node_modules/amplify-dynamodb-simulator/emulator/DynamoDBLocal.jar"
        )
    return jar


def start_local() -> tuple[subprocess.Popen[bytes], str]:
    jar = find_jar()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            "java",
            f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}",
            "-jar",
            str(jar),
            "-inMemory",
            "-port",
            str(port),
        ],
        cwd=jar.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.5)
    process.kill()
    sys.exit("DynamoDB Local did not start within 120 s")


class Local:
    """Raw JSON protocol calls (boto3 would refuse the invalid requests client-side)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80)

    def __call__(self, operation: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.conn.request(
            "POST",
            "/",
            body=json.dumps(params),
            headers={
                "X-Amz-Target": f"DynamoDB_20120810.{operation}",
                "Content-Type": "application/x-amz-json-1.0",
                "Authorization": _AUTH,
            },
        )
        response = self.conn.getresponse()
        return response.status, dict(json.loads(response.read() or b"{}"))


def record_seed(call: Local, seed: int, count: int) -> list[dict[str, Any]]:
    _status, listed = call("ListTables", {})
    for name in listed.get("TableNames", []):
        call("DeleteTable", {"TableName": name})
    lines = []
    for operation, params in operations(seed, count):
        status, body = call(operation, params)
        lines.append(
            {
                "op": operation,
                "req": request_digest(operation, params),
                **compact(outcome(operation, params, status, body)),
            }
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default="0-39")
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    process = None
    url = os.environ.get("AMPLIFY_MOCK_DYNAMODB_LOCAL_URL")
    if not url:
        process, url = start_local()
    try:
        call = Local(url)
        EXPECTED.mkdir(exist_ok=True)
        for seed in seeds:
            lines = record_seed(call, seed, args.count)
            target = EXPECTED / f"seed-{seed:03d}.jsonl"
            target.write_text(
                "".join(json.dumps(line, separators=(",", ":")) + "\n" for line in lines)
            )
            print(f"seed {seed}: {len(lines)} operations -> {target.name}")
    finally:
        if process is not None:
            process.terminate()
            process.wait(30)


if __name__ == "__main__":
    main()
