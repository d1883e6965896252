"""Raw HTTP against the app: aws-chunked bodies, CORS, virtual hosts, path tricks, error bodies."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import zlib
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from amplify_mock.simulators.s3 import S3Settings, create_app
from tests.simulators.s3.conftest import BUCKET

AiohttpClient = Any


@pytest.fixture
async def http(aiohttp_client: AiohttpClient, settings: S3Settings) -> TestClient[Any, Any]:
    server = TestServer(create_app(settings))
    await server.start_server(auto_decompress=False)
    client: TestClient[Any, Any] = await aiohttp_client(server)
    return client


async def _raw_request(
    http: TestClient[Any, Any], request_line: str, body: bytes, extra_headers: bytes = b""
) -> bytes:
    """Send bytes exactly as written (clients normalise `..` and `.` segments away)."""
    reader, writer = await asyncio.open_connection(http.host, http.port)
    head = f"{request_line}\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
    writer.write(head.encode() + extra_headers + b"Connection: close\r\n\r\n" + body)
    await writer.drain()
    data = await reader.read()
    writer.close()
    await writer.wait_closed()
    return data


def _crc32(data: bytes) -> str:
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def _signed_chunks(data: bytes, size: int) -> bytes:
    out = b""
    for offset in range(0, len(data), size):
        chunk = data[offset : offset + size]
        out += f"{len(chunk):x};chunk-signature={'0' * 64}\r\n".encode() + chunk + b"\r\n"
    return out + b"0;chunk-signature=" + b"0" * 64 + b"\r\n\r\n"


def _trailer_chunks(data: bytes, size: int, trailer: str) -> bytes:
    out = b""
    for offset in range(0, len(data), size):
        chunk = data[offset : offset + size]
        out += f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    return out + f"0\r\n{trailer}\r\n\r\n".encode()


async def test_put_object_decodes_signed_aws_chunked_body(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    data = b"0123456789" * 1000
    response = await http.put(
        f"/{BUCKET}/chunked.bin",
        data=_signed_chunks(data, 4096),
        headers={
            "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "Content-Encoding": "aws-chunked",
            "x-amz-decoded-content-length": str(len(data)),
        },
    )

    assert response.status == 200
    assert response.headers["ETag"] == f'"{hashlib.md5(data).hexdigest()}"'
    assert (s3_root / BUCKET / "chunked.bin").read_bytes() == data


async def test_put_object_decodes_unsigned_trailer_with_crc32(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    data = b"trailer body " * 500
    response = await http.put(
        f"/{BUCKET}/trailer.bin",
        data=_trailer_chunks(data, 1000, f"x-amz-checksum-crc32:{_crc32(data)}"),
        headers={
            "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            "Content-Encoding": "aws-chunked",
            "x-amz-trailer": "x-amz-checksum-crc32",
            "x-amz-decoded-content-length": str(len(data)),
            "Content-Type": "text/plain",
        },
    )

    assert response.status == 200
    assert response.headers["x-amz-checksum-crc32"] == _crc32(data)
    assert (s3_root / BUCKET / "trailer.bin").read_bytes() == data
    head = await http.head(f"/{BUCKET}/trailer.bin")
    assert "Content-Encoding" not in head.headers
    assert head.headers["Content-Type"] == "text/plain"


async def test_put_object_with_wrong_trailer_checksum_is_bad_digest(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    response = await http.put(
        f"/{BUCKET}/bad.bin",
        data=_trailer_chunks(b"abc", 2, "x-amz-checksum-crc32:AAAAAA=="),
        headers={
            "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            "Content-Encoding": "aws-chunked",
            "x-amz-trailer": "x-amz-checksum-crc32",
        },
    )

    body = await response.text()
    assert response.status == 400
    assert "<Code>BadDigest</Code>" in body
    assert (
        "<Message>The CRC32 you specified did not match the calculated checksum.</Message>" in body
    )
    assert not (s3_root / BUCKET / "bad.bin").exists()
    assert list((s3_root / ".s3-mock" / "staging").iterdir()) == []


async def test_put_object_with_wrong_content_md5_is_bad_digest(http: TestClient[Any, Any]) -> None:
    wrong = base64.b64encode(hashlib.md5(b"other").digest()).decode()

    response = await http.put(f"/{BUCKET}/m", data=b"body", headers={"Content-MD5": wrong})

    assert response.status == 400
    assert "<Message>The Content-MD5 you specified did not match what we received.</Message>" in (
        await response.text()
    )


async def test_truncated_aws_chunked_body_is_incomplete_body(http: TestClient[Any, Any]) -> None:
    response = await http.put(
        f"/{BUCKET}/short",
        data=b"10\r\nabc",
        headers={"x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
    )

    assert response.status == 400
    assert "<Code>IncompleteBody</Code>" in await response.text()


async def test_error_body_is_s3_xml(http: TestClient[Any, Any]) -> None:
    response = await http.get(f"/{BUCKET}/nope.txt")

    body = await response.text()
    assert response.status == 404
    assert response.headers["Content-Type"] == "application/xml"
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>')
    assert "<Key>nope.txt</Key>" in body
    assert f"<Resource>/{BUCKET}/nope.txt</Resource>" in body
    assert "x-amz-request-id" in response.headers


async def test_head_error_has_no_body(http: TestClient[Any, Any]) -> None:
    response = await http.head(f"/{BUCKET}/nope.txt")

    assert response.status == 404
    assert await response.read() == b""


@pytest.mark.parametrize(
    "raw_path",
    [
        f"/{BUCKET}/..%2F..%2Foutside.txt",
        f"/{BUCKET}/public%2F..%2F..%2F..%2Foutside.txt",
        f"/{BUCKET}/%2Fetc%2Fpasswd",
        f"/{BUCKET}/a%00b",
        f"/{BUCKET}/a%5C..%5Cb",
        f"/{BUCKET}/a//b",
    ],
    ids=["dotdot", "nested-dotdot", "absolute", "nul", "backslash", "empty-segment"],
)
async def test_unsafe_raw_path_is_invalid_argument(
    http: TestClient[Any, Any], s3_root: Path, raw_path: str
) -> None:
    response = await http.put(raw_path, data=b"x", skip_auto_headers=())

    body = await response.text()
    assert response.status == 400, body
    assert "<Code>InvalidArgument</Code>" in body
    assert sorted(p.name for p in s3_root.iterdir()) == [".s3-mock", BUCKET]
    assert list((s3_root / BUCKET).iterdir()) == []


@pytest.mark.parametrize(
    "raw_path",
    [
        f"/{BUCKET}/public/../../../outside.txt",
        f"/{BUCKET}/public/../../../../outside.txt",
        f"/{BUCKET}/./outside.txt",
    ],
    ids=["dotdot-to-root", "dotdot-above-root", "dot"],
)
async def test_literal_dot_segments_on_the_wire_cannot_escape(
    http: TestClient[Any, Any], s3_root: Path, raw_path: str
) -> None:
    answer = await _raw_request(http, f"PUT {raw_path} HTTP/1.1", b"x")

    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 404), answer
    assert sorted(p.name for p in s3_root.iterdir()) == [".s3-mock", BUCKET]
    assert list((s3_root / BUCKET).iterdir()) == []
    assert not (s3_root.parent / "outside.txt").exists()


async def test_virtual_host_style_addresses_bucket_from_host(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    headers = {"Host": f"{BUCKET}.localhost:20005"}
    put = await http.put("/public/vh.txt", data=b"virtual", headers=headers)
    get = await http.get("/public/vh.txt", headers=headers)
    listing = await http.get("/?list-type=2", headers=headers)

    assert put.status == 200
    assert await get.read() == b"virtual"
    assert "<Key>public/vh.txt</Key>" in await listing.text()
    assert (s3_root / BUCKET / "public" / "vh.txt").read_bytes() == b"virtual"


async def test_cors_preflight_for_missing_object_succeeds(http: TestClient[Any, Any]) -> None:
    response = await http.options(
        f"/{BUCKET}/private/not-there-yet.jpg",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization,x-amz-date,content-type",
        },
    )

    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, PUT, POST, DELETE"
    assert (
        response.headers["Access-Control-Allow-Headers"] == "authorization,x-amz-date,content-type"
    )


async def test_cors_headers_expose_etag_and_user_metadata(http: TestClient[Any, Any]) -> None:
    await http.put(f"/{BUCKET}/cors.txt", data=b"x", headers={"x-amz-meta-owner": "me"})

    response = await http.get(f"/{BUCKET}/cors.txt", headers={"Origin": "http://localhost:3000"})

    exposed = [h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in exposed
    assert "x-amz-meta-owner" in exposed


async def test_cors_headers_on_error_responses(http: TestClient[Any, Any]) -> None:
    response = await http.get(f"/{BUCKET}/none", headers={"Origin": "http://localhost:3000"})

    assert response.status == 404
    assert response.headers["Access-Control-Allow-Origin"] == "*"


async def test_listing_with_url_encoding_escapes_keys(http: TestClient[Any, Any]) -> None:
    await http.put(f"/{BUCKET}/a%20b%2Bc", data=b"x")

    response = await http.get(f"/{BUCKET}?list-type=2&encoding-type=url")

    body = await response.text()
    assert "<Key>a%20b%2Bc</Key>" in body
    assert "<EncodingType>url</EncodingType>" in body


async def test_put_under_existing_file_is_key_conflict(http: TestClient[Any, Any]) -> None:
    await http.put(f"/{BUCKET}/photos", data=b"file")

    response = await http.put(f"/{BUCKET}/photos/cat.jpg", data=b"x")

    body = await response.text()
    assert response.status == 400
    assert (
        "<Message>Object key 'photos/cat.jpg' conflicts with 'photos': the local S3 mock stores "
        "objects as files, so a key cannot also be a folder of another key</Message>"
    ) in body


async def test_folder_marker_key_is_listed_and_kept_after_child_delete(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    await http.put(f"/{BUCKET}/public/album/", data=b"")
    await http.put(f"/{BUCKET}/public/album/one.jpg", data=b"1")
    await http.delete(f"/{BUCKET}/public/album/one.jpg")

    listing = await (await http.get(f"/{BUCKET}?list-type=2")).text()

    assert "<Key>public/album/</Key>" in listing
    assert (s3_root / BUCKET / "public" / "album").is_dir()


async def test_file_dropped_into_bucket_folder_is_served_with_md5_etag(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    (s3_root / BUCKET / "public").mkdir(parents=True)
    (s3_root / BUCKET / "public" / "dropped.json").write_bytes(b"{}")

    response = await http.get(f"/{BUCKET}/public/dropped.json")

    assert await response.read() == b"{}"
    assert response.headers["ETag"] == f'"{hashlib.md5(b"{}").hexdigest()}"'
    assert response.headers["Content-Type"] == "application/json"


async def test_file_edited_outside_the_mock_gets_new_etag(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    await http.put(f"/{BUCKET}/edit.txt", data=b"before")
    (s3_root / BUCKET / "edit.txt").write_bytes(b"after, longer")

    response = await http.head(f"/{BUCKET}/edit.txt")

    assert response.headers["ETag"] == f'"{hashlib.md5(b"after, longer").hexdigest()}"'
    assert response.headers["Content-Length"] == str(len(b"after, longer"))


async def test_metadata_lives_outside_the_bucket_folder(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    await http.put(f"/{BUCKET}/only.txt", data=b"x", headers={"x-amz-meta-a": "b"})

    assert [p.name for p in (s3_root / BUCKET).iterdir()] == ["only.txt"]


async def test_response_overrides_set_content_headers(http: TestClient[Any, Any]) -> None:
    await http.put(f"/{BUCKET}/r.bin", data=b"x")

    response = await http.get(
        f"/{BUCKET}/r.bin",
        params={
            "response-content-type": "image/png",
            "response-content-disposition": 'attachment; filename="r.png"',
        },
    )

    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"] == 'attachment; filename="r.png"'


async def test_gzip_content_encoding_is_stored_not_decoded(http: TestClient[Any, Any]) -> None:
    import gzip

    packed = gzip.compress(b"text " * 100)
    await http.put(f"/{BUCKET}/z.txt", data=packed, headers={"Content-Encoding": "gzip"})

    response = await http.get(f"/{BUCKET}/z.txt", auto_decompress=False)

    assert response.headers["Content-Encoding"] == "gzip"
    assert await response.read() == packed


async def test_method_not_allowed_on_service(http: TestClient[Any, Any]) -> None:
    response = await http.delete("/")

    body = await response.text()
    assert response.status == 405
    assert "<Code>MethodNotAllowed</Code>" in body


async def test_create_bucket_refused_when_disabled(
    aiohttp_client: AiohttpClient, settings: S3Settings
) -> None:
    from dataclasses import replace

    client = await aiohttp_client(create_app(replace(settings, allow_create_bucket=False)))

    response = await client.put("/new-bucket")

    body = await response.text()
    assert response.status == 403
    assert "<Message>The local S3 mock serves only the project's storage buckets</Message>" in body


def test_app_factory_returns_application(settings: S3Settings) -> None:
    assert isinstance(create_app(settings), web.Application)


async def test_copy_source_sent_as_latin1_bytes_is_understood(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    await http.put(f"/{BUCKET}/caf%C3%A9.txt", data=b"coffee")

    answer = await _raw_request(
        http,
        f"PUT /{BUCKET}/copy.txt HTTP/1.1",
        b"",
        extra_headers=f"x-amz-copy-source: {BUCKET}/caf".encode() + b"\xe9.txt\r\n",
    )

    assert answer.startswith(b"HTTP/1.1 200"), answer
    assert (s3_root / BUCKET / "copy.txt").read_bytes() == b"coffee"


async def test_put_object_accepts_botocore_aws_chunked_trailer_body(
    http: TestClient[Any, Any], s3_root: Path
) -> None:
    from botocore.httpchecksum import AwsChunkedWrapper, Crc32Checksum

    data = bytes(range(256)) * 300
    body = AwsChunkedWrapper(
        io.BytesIO(data),
        checksum_cls=Crc32Checksum,
        checksum_name="x-amz-checksum-crc32",
        chunk_size=8192,
    ).read()

    response = await http.put(
        f"/{BUCKET}/botocore-trailer.bin",
        data=body,
        headers={
            "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            "Content-Encoding": "aws-chunked",
            "x-amz-trailer": "x-amz-checksum-crc32",
            "x-amz-decoded-content-length": str(len(data)),
        },
    )

    assert response.status == 200
    assert response.headers["x-amz-checksum-crc32"] == _crc32(data)
    assert (s3_root / BUCKET / "botocore-trailer.bin").read_bytes() == data


async def test_not_modified_carries_etag_and_no_body(http: TestClient[Any, Any]) -> None:
    put = await http.put(f"/{BUCKET}/cached.txt", data=b"x")

    response = await http.get(
        f"/{BUCKET}/cached.txt", headers={"If-None-Match": put.headers["ETag"]}
    )

    assert response.status == 304
    assert response.headers["ETag"] == put.headers["ETag"]
    assert await response.read() == b""


async def test_post_form_upload_is_not_implemented(http: TestClient[Any, Any]) -> None:
    response = await http.post(f"/{BUCKET}", data={"key": "x", "file": "y"})

    body = await response.text()
    assert response.status == 501
    assert (
        "<Message>The local S3 mock does not emulate POST (browser form) uploads</Message>" in body
    )


async def test_path_that_is_not_utf8_is_invalid_uri(http: TestClient[Any, Any]) -> None:
    answer = await _raw_request(http, f"GET /{BUCKET}/bad%FF HTTP/1.1", b"")

    assert answer.startswith(b"HTTP/1.1 400"), answer
    assert b"<Code>InvalidURI</Code><Message>Couldn't parse the specified URI.</Message>" in answer


async def test_put_with_part_number_but_no_upload_id_is_put_object(
    http: TestClient[Any, Any],
) -> None:
    """Only `uploadId` makes a PUT an UploadPart (as S3 and moto route it); a stray
    `partNumber` once reached the part handler and answered a 500."""
    put = await http.put(f"/{BUCKET}/stray-part", params={"partNumber": "1"}, data=b"whole")

    assert put.status == 200
    got = await http.get(f"/{BUCKET}/stray-part")
    assert await got.read() == b"whole"
