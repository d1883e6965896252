"""aws-amplify v6 Storage (uploadData, downloadData, list, getProperties, getUrl, copy, remove)
against the local S3, configured from the mock's aws-exports.js.

Amplify JS hard-codes http://localhost:20005 when
`aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing` is set, so this one test
binds port 20005 and fails with the port error if something else holds it.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from amplify_mock.project.frontend_config import aws_exports_config, render_aws_exports
from amplify_mock.simulators.s3 import DEFAULT_PORT, S3PortInUseError, S3Server, S3Settings
from tests.simulators.s3.conftest import BUCKET

JS_DIR = Path(__file__).resolve().parents[2] / "js" / "storage"
NODE_TIMEOUT = 180


def _write_aws_exports(folder: Path) -> Path:
    meta = {
        "providers": {"awscloudformation": {"Region": "us-east-1"}},
        "storage": {
            "s3storage": {
                "service": "S3",
                "output": {"BucketName": BUCKET, "Region": "us-east-1"},
            }
        },
    }
    config = aws_exports_config(meta)
    config["aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing"] = True
    folder.mkdir(parents=True)
    (folder / "package.json").write_text('{"type": "module"}\n')
    path = folder / "aws-exports.js"
    path.write_text(render_aws_exports(config))
    return path


@pytest.mark.e2e
async def test_amplify_js_v6_storage_api_against_local_s3(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node is not None, "node is required (Node 20)"
    assert (JS_DIR / "node_modules" / "aws-amplify").is_dir(), (
        "aws-amplify is not installed: run `bash .ci/setup.d/npm-packages.sh .`"
    )
    root = tmp_path / "amplify" / "mock-data" / "S3"
    exports = _write_aws_exports(tmp_path / "src")
    server = S3Server(S3Settings(root=root, buckets=(BUCKET,)), port=DEFAULT_PORT)
    try:
        await server.start()
    except S3PortInUseError as err:
        pytest.fail(f"{err.message} {err.resolution}")
    try:
        process = await asyncio.create_subprocess_exec(
            node,
            "storage.test.mjs",
            str(exports),
            cwd=JS_DIR,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            stdout, stderr = await asyncio.wait_for(process.communicate(), NODE_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise
    finally:
        await server.stop()

    assert process.returncode == 0, stderr.decode() + stdout.decode()
    report = json.loads(stdout.decode().strip().splitlines()[-1])
    assert report["steps"] == [
        "uploadData",
        "getProperties",
        "downloadData",
        "uploadData multipart (6 MB)",
        "uploadData private (identity id prefix)",
        "list",
        "getUrl",
        "copy",
        "remove",
    ]
    bucket_dir = root / BUCKET
    assert (bucket_dir / "public" / "copied.txt").read_text() == "hello from aws-amplify v6"
    assert (bucket_dir / "public" / "big.bin").stat().st_size == 6 * 1024 * 1024
    assert not (bucket_dir / "public" / "hello world+1 é.txt").exists()
