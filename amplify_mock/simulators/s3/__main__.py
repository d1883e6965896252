"""`python -m amplify_mock.simulators.s3 --root DIR --bucket NAME [--port 20005]`: S3 alone."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.s3.server import DEFAULT_PORT, run_standalone
from amplify_mock.simulators.s3.state import S3Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m amplify_mock.simulators.s3")
    parser.add_argument("--root", type=Path, required=True, help="folder of bucket folders")
    parser.add_argument("--bucket", action="append", default=[], help="bucket to serve")
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = S3Settings(root=args.root, buckets=tuple(args.bucket))
    try:
        run_standalone(settings, host=args.host, port=args.port)
    except AmplifyMockError as err:
        resolution = f"Resolution: {err.resolution}\n" if err.resolution else ""
        parser.exit(1, f"{err.message}\n{resolution}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
