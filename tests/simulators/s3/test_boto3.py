"""boto3 against the local S3 on a free port: every operation the issue lists."""

from __future__ import annotations

import hashlib
import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest
from botocore.exceptions import ClientError

from tests.simulators.s3.conftest import BUCKET, FakeClock, ThreadedS3, boto_client

ODD_KEYS = [
    "public/with space.txt",
    "public/plus+sign.txt",
    "public/percent%20literal.txt",
    "public/hash#and?question.txt",
    "public/ünïcødé/日本語.txt",
    "protected/us-east-1:0f6b1c2d-aaaa-bbbb-cccc-1234567890ab/avatar.png",
    "private/us-east-1:0f6b1c2d-aaaa-bbbb-cccc-1234567890ab/notes (1).txt",
    "public/tilde~and'quote\".txt",
]


def _error(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    error = excinfo.value.response["Error"]
    status = excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"]
    return error["Code"], error.get("Message", ""), status


def _md5(data: bytes) -> str:
    return f'"{hashlib.md5(data).hexdigest()}"'


def test_put_object_stores_plain_file_at_bucket_key(client: Any, s3_root: Path) -> None:
    client.put_object(Bucket=BUCKET, Key="public/photo.jpg", Body=b"jpeg bytes")

    assert (s3_root / BUCKET / "public" / "photo.jpg").read_bytes() == b"jpeg bytes"


def test_put_object_returns_md5_etag(client: Any) -> None:
    response = client.put_object(Bucket=BUCKET, Key="a.txt", Body=b"hello")

    assert response["ETag"] == _md5(b"hello")


def test_get_object_returns_body_content_type_and_metadata(client: Any) -> None:
    client.put_object(
        Bucket=BUCKET,
        Key="doc.json",
        Body=b"{}",
        ContentType="application/json",
        Metadata={"Owner": "alice", "x-trace": "42"},
        CacheControl="max-age=60",
        ContentDisposition='attachment; filename="doc.json"',
    )

    response = client.get_object(Bucket=BUCKET, Key="doc.json")

    assert response["Body"].read() == b"{}"
    assert response["ContentType"] == "application/json"
    assert response["Metadata"] == {"owner": "alice", "x-trace": "42"}
    assert response["CacheControl"] == "max-age=60"
    assert response["ContentDisposition"] == 'attachment; filename="doc.json"'
    assert response["ETag"] == _md5(b"{}")


def test_put_object_without_content_type_defaults_to_binary_octet_stream(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="blob", Body=b"\x00\x01")

    assert client.head_object(Bucket=BUCKET, Key="blob")["ContentType"] == "binary/octet-stream"


@pytest.mark.parametrize("key", ODD_KEYS, ids=range(len(ODD_KEYS)))
def test_odd_key_round_trips_through_put_get_and_list(client: Any, key: str) -> None:
    client.put_object(Bucket=BUCKET, Key=key, Body=key.encode())

    assert client.get_object(Bucket=BUCKET, Key=key)["Body"].read() == key.encode()
    assert [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET)["Contents"]] == [key]
    assert [o["Key"] for o in client.list_objects(Bucket=BUCKET)["Contents"]] == [key]


def test_head_object_returns_length_etag_and_last_modified(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="h.bin", Body=b"12345")

    response = client.head_object(Bucket=BUCKET, Key="h.bin")

    assert response["ContentLength"] == 5
    assert response["ETag"] == _md5(b"12345")
    assert abs(response["LastModified"] - datetime.now(UTC)) < timedelta(minutes=5)


def test_head_object_missing_key_is_404(client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.head_object(Bucket=BUCKET, Key="missing")

    assert _error(excinfo)[0] == "404"


def test_get_object_missing_key_is_no_such_key(client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.get_object(Bucket=BUCKET, Key="missing.txt")

    assert _error(excinfo) == ("NoSuchKey", "The specified key does not exist.", 404)
    assert excinfo.value.response["Error"]["Key"] == "missing.txt"


def test_get_object_unknown_bucket_is_no_such_bucket(client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.get_object(Bucket="other-bucket", Key="a")

    assert _error(excinfo) == ("NoSuchBucket", "The specified bucket does not exist", 404)


@pytest.mark.parametrize(
    ("byte_range", "expected", "content_range"),
    [
        ("bytes=0-3", b"0123", "bytes 0-3/10"),
        ("bytes=7-", b"789", "bytes 7-9/10"),
        ("bytes=-2", b"89", "bytes 8-9/10"),
        ("bytes=5-100", b"56789", "bytes 5-9/10"),
    ],
    ids=["closed", "open", "suffix", "past-end"],
)
def test_get_object_range_returns_partial_content(
    client: Any, byte_range: str, expected: bytes, content_range: str
) -> None:
    client.put_object(Bucket=BUCKET, Key="digits", Body=b"0123456789")

    response = client.get_object(Bucket=BUCKET, Key="digits", Range=byte_range)

    assert response["Body"].read() == expected
    assert response["ContentRange"] == content_range
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 206


def test_get_object_range_past_end_is_invalid_range(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="digits", Body=b"0123456789")

    with pytest.raises(ClientError) as excinfo:
        client.get_object(Bucket=BUCKET, Key="digits", Range="bytes=10-20")

    assert _error(excinfo) == ("InvalidRange", "The requested range is not satisfiable", 416)


def test_get_object_if_match_mismatch_is_precondition_failed(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="c", Body=b"x")

    with pytest.raises(ClientError) as excinfo:
        client.get_object(Bucket=BUCKET, Key="c", IfMatch='"0000"')

    assert _error(excinfo) == (
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold",
        412,
    )


def test_get_object_if_match_current_etag_returns_object(client: Any) -> None:
    etag = client.put_object(Bucket=BUCKET, Key="c", Body=b"x")["ETag"]

    assert client.get_object(Bucket=BUCKET, Key="c", IfMatch=etag)["Body"].read() == b"x"


def test_get_object_if_none_match_current_etag_is_304(client: Any) -> None:
    etag = client.put_object(Bucket=BUCKET, Key="c", Body=b"x")["ETag"]

    with pytest.raises(ClientError) as excinfo:
        client.get_object(Bucket=BUCKET, Key="c", IfNoneMatch=etag)

    assert _error(excinfo)[0] == "304"


def test_get_object_if_modified_since_future_is_304(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="c", Body=b"x")

    with pytest.raises(ClientError) as excinfo:
        client.get_object(
            Bucket=BUCKET, Key="c", IfModifiedSince=datetime.now(UTC) + timedelta(hours=1)
        )

    assert _error(excinfo)[0] == "304"


def test_get_object_if_unmodified_since_past_is_precondition_failed(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="c", Body=b"x")

    with pytest.raises(ClientError) as excinfo:
        client.get_object(
            Bucket=BUCKET, Key="c", IfUnmodifiedSince=datetime.now(UTC) - timedelta(days=1)
        )

    assert _error(excinfo)[:2] == (
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold",
    )


def test_put_object_if_none_match_star_on_existing_key_is_precondition_failed(
    client: Any,
) -> None:
    client.put_object(Bucket=BUCKET, Key="once", Body=b"1")

    with pytest.raises(ClientError) as excinfo:
        client.put_object(Bucket=BUCKET, Key="once", Body=b"2", IfNoneMatch="*")

    assert _error(excinfo)[0] == "PreconditionFailed"
    assert client.get_object(Bucket=BUCKET, Key="once")["Body"].read() == b"1"


def test_delete_object_removes_file_and_is_idempotent_204(client: Any, s3_root: Path) -> None:
    client.put_object(Bucket=BUCKET, Key="public/deep/x.txt", Body=b"x")

    first = client.delete_object(Bucket=BUCKET, Key="public/deep/x.txt")
    second = client.delete_object(Bucket=BUCKET, Key="public/deep/x.txt")

    assert first["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert second["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert not (s3_root / BUCKET / "public").exists()


def test_delete_objects_reports_each_key(client: Any) -> None:
    for key in ("d/1", "d/2"):
        client.put_object(Bucket=BUCKET, Key=key, Body=b"x")

    response = client.delete_objects(
        Bucket=BUCKET, Delete={"Objects": [{"Key": "d/1"}, {"Key": "d/2"}, {"Key": "d/none"}]}
    )

    assert sorted(d["Key"] for d in response["Deleted"]) == ["d/1", "d/2", "d/none"]
    assert client.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 0


def test_delete_objects_reports_unsafe_key_as_error(client: Any) -> None:
    response = client.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "../etc"}]})

    assert response["Errors"][0]["Key"] == "../etc"
    assert response["Errors"][0]["Code"] == "InvalidArgument"


def test_copy_object_copies_bytes_and_metadata(client: Any) -> None:
    client.put_object(
        Bucket=BUCKET, Key="src.txt", Body=b"copy me", ContentType="text/plain", Metadata={"a": "1"}
    )

    response = client.copy_object(
        Bucket=BUCKET, Key="dst/copy.txt", CopySource={"Bucket": BUCKET, "Key": "src.txt"}
    )
    copied = client.get_object(Bucket=BUCKET, Key="dst/copy.txt")

    assert response["CopyObjectResult"]["ETag"] == _md5(b"copy me")
    assert copied["Body"].read() == b"copy me"
    assert copied["ContentType"] == "text/plain"
    assert copied["Metadata"] == {"a": "1"}


def test_copy_object_replace_directive_sets_new_metadata(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="src", Body=b"x", Metadata={"a": "1"})

    client.copy_object(
        Bucket=BUCKET,
        Key="src",
        CopySource=f"{BUCKET}/src",
        MetadataDirective="REPLACE",
        Metadata={"b": "2"},
        ContentType="text/csv",
    )
    head = client.head_object(Bucket=BUCKET, Key="src")

    assert head["Metadata"] == {"b": "2"}
    assert head["ContentType"] == "text/csv"


def test_copy_object_onto_itself_without_replace_is_invalid_request(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="self", Body=b"x")

    with pytest.raises(ClientError) as excinfo:
        client.copy_object(Bucket=BUCKET, Key="self", CopySource=f"{BUCKET}/self")

    assert _error(excinfo)[:2] == (
        "InvalidRequest",
        "This copy request is illegal because it is trying to copy an object to itself without "
        "changing the object's metadata, storage class, website redirect location or "
        "encryption attributes.",
    )


def test_copy_object_with_odd_source_key(client: Any) -> None:
    key = "public/a b+c%d#e?f é.txt"
    client.put_object(Bucket=BUCKET, Key=key, Body=b"odd")

    client.copy_object(Bucket=BUCKET, Key="copied", CopySource={"Bucket": BUCKET, "Key": key})

    assert client.get_object(Bucket=BUCKET, Key="copied")["Body"].read() == b"odd"


def test_copy_object_missing_source_is_no_such_key(client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.copy_object(Bucket=BUCKET, Key="dst", CopySource=f"{BUCKET}/nothing")

    assert _error(excinfo)[:2] == ("NoSuchKey", "The specified key does not exist.")


def _put_many(client: Any, keys: list[str]) -> None:
    for key in keys:
        client.put_object(Bucket=BUCKET, Key=key, Body=b"")


def test_list_objects_v2_paginates_2500_keys(client: Any, s3_root: Path) -> None:
    """The keys are written as files (as a user may drop them in), which is 50x faster."""
    keys = [f"public/item-{index:05d}" for index in range(2500)]
    (s3_root / BUCKET / "public").mkdir()
    for key in keys:
        (s3_root / BUCKET / key).write_bytes(key.encode())

    pages = list(client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET))
    listed = [obj["Key"] for page in pages for obj in page["Contents"]]

    assert [page["KeyCount"] for page in pages] == [1000, 1000, 500]
    assert listed == keys
    assert pages[2]["Contents"][-1]["ETag"] == _md5(keys[-1].encode())


def test_list_objects_v1_paginates_with_markers(client: Any) -> None:
    keys = [f"k{index:03d}" for index in range(25)]
    _put_many(client, keys)

    pages = list(
        client.get_paginator("list_objects").paginate(
            Bucket=BUCKET, PaginationConfig={"PageSize": 10}
        )
    )

    assert [len(page["Contents"]) for page in pages] == [10, 10, 5]
    assert [obj["Key"] for page in pages for obj in page["Contents"]] == keys


def test_list_objects_v2_delimiter_groups_common_prefixes(client: Any) -> None:
    _put_many(client, ["public/a/1", "public/a/2", "public/b/1", "public/top.txt", "private/x"])

    response = client.list_objects_v2(Bucket=BUCKET, Prefix="public/", Delimiter="/")

    assert [p["Prefix"] for p in response["CommonPrefixes"]] == ["public/a/", "public/b/"]
    assert [o["Key"] for o in response["Contents"]] == ["public/top.txt"]
    assert response["KeyCount"] == 3


def test_list_objects_v2_delimiter_pages_count_prefixes(client: Any) -> None:
    _put_many(client, ["a/1", "a/2", "b/1", "c", "d/1"])

    pages = list(
        client.get_paginator("list_objects_v2").paginate(
            Bucket=BUCKET, Delimiter="/", PaginationConfig={"PageSize": 2}
        )
    )
    entries = [
        [p["Prefix"] for p in page.get("CommonPrefixes", [])]
        + [o["Key"] for o in page.get("Contents", [])]
        for page in pages
    ]

    assert entries == [["a/", "b/"], ["d/", "c"]]


def test_list_objects_v2_start_after_and_max_keys(client: Any) -> None:
    _put_many(client, ["a", "b", "c", "d"])

    response = client.list_objects_v2(Bucket=BUCKET, StartAfter="b", MaxKeys=1)

    assert [o["Key"] for o in response["Contents"]] == ["c"]
    assert response["IsTruncated"] is True
    assert response["StartAfter"] == "b"


def test_list_objects_v2_bad_continuation_token_is_invalid_argument(client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.list_objects_v2(Bucket=BUCKET, ContinuationToken="***")

    assert _error(excinfo) == (
        "InvalidArgument",
        "The continuation token provided is incorrect",
        400,
    )


def test_list_objects_v2_reports_size_and_etag(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="s", Body=b"abc")

    (item,) = client.list_objects_v2(Bucket=BUCKET)["Contents"]

    assert (item["Size"], item["ETag"], item["StorageClass"]) == (3, _md5(b"abc"), "STANDARD")


def test_multipart_upload_of_12_mb_has_multipart_etag(client: Any, s3_root: Path) -> None:
    data = bytes(range(256)) * (12 * 1024 * 1024 // 256)
    part_size = 5 * 1024 * 1024
    upload = client.create_multipart_upload(
        Bucket=BUCKET, Key="public/big.bin", ContentType="video/mp4", Metadata={"kind": "big"}
    )
    upload_id = upload["UploadId"]
    parts = []
    for number, offset in enumerate(range(0, len(data), part_size), start=1):
        chunk = data[offset : offset + part_size]
        response = client.upload_part(
            Bucket=BUCKET, Key="public/big.bin", UploadId=upload_id, PartNumber=number, Body=chunk
        )
        parts.append({"PartNumber": number, "ETag": response["ETag"]})
    listed = client.list_parts(Bucket=BUCKET, Key="public/big.bin", UploadId=upload_id)
    done = client.complete_multipart_upload(
        Bucket=BUCKET,
        Key="public/big.bin",
        UploadId=upload_id,
        MultipartUpload={"Parts": parts},
    )
    digests = b"".join(
        hashlib.md5(data[offset : offset + part_size]).digest()
        for offset in range(0, len(data), part_size)
    )

    assert [p["Size"] for p in listed["Parts"]] == [part_size, part_size, 2 * 1024 * 1024]
    assert done["ETag"] == f'"{hashlib.md5(digests).hexdigest()}-3"'
    assert (s3_root / BUCKET / "public" / "big.bin").read_bytes() == data
    head = client.head_object(Bucket=BUCKET, Key="public/big.bin")
    assert (head["ContentType"], head["Metadata"]) == ("video/mp4", {"kind": "big"})


def test_upload_fileobj_managed_multipart_round_trips(client: Any) -> None:
    data = b"z" * (12 * 1024 * 1024 + 17)

    client.upload_fileobj(io.BytesIO(data), BUCKET, "managed.bin")
    out = io.BytesIO()
    client.download_fileobj(BUCKET, "managed.bin", out)

    assert out.getvalue() == data
    assert client.head_object(Bucket=BUCKET, Key="managed.bin")["ETag"].endswith('-2"')


def test_complete_multipart_with_small_first_part_is_entity_too_small(client: Any) -> None:
    upload_id = client.create_multipart_upload(Bucket=BUCKET, Key="m")["UploadId"]
    parts = [
        {
            "PartNumber": n,
            "ETag": client.upload_part(
                Bucket=BUCKET, Key="m", UploadId=upload_id, PartNumber=n, Body=b"tiny"
            )["ETag"],
        }
        for n in (1, 2)
    ]

    with pytest.raises(ClientError) as excinfo:
        client.complete_multipart_upload(
            Bucket=BUCKET, Key="m", UploadId=upload_id, MultipartUpload={"Parts": parts}
        )

    assert _error(excinfo) == (
        "EntityTooSmall",
        "Your proposed upload is smaller than the minimum allowed size",
        400,
    )


def test_complete_multipart_with_wrong_etag_is_invalid_part(client: Any) -> None:
    upload_id = client.create_multipart_upload(Bucket=BUCKET, Key="m")["UploadId"]
    client.upload_part(Bucket=BUCKET, Key="m", UploadId=upload_id, PartNumber=1, Body=b"x")

    with pytest.raises(ClientError) as excinfo:
        client.complete_multipart_upload(
            Bucket=BUCKET,
            Key="m",
            UploadId=upload_id,
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"ffff"'}]},
        )

    assert _error(excinfo)[0] == "InvalidPart"


def test_abort_multipart_upload_forgets_the_upload(client: Any) -> None:
    upload_id = client.create_multipart_upload(Bucket=BUCKET, Key="m")["UploadId"]
    client.upload_part(Bucket=BUCKET, Key="m", UploadId=upload_id, PartNumber=1, Body=b"x")

    client.abort_multipart_upload(Bucket=BUCKET, Key="m", UploadId=upload_id)

    with pytest.raises(ClientError) as excinfo:
        client.list_parts(Bucket=BUCKET, Key="m", UploadId=upload_id)
    assert _error(excinfo)[:2] == (
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may "
        "have been aborted or completed.",
    )
    assert client.list_multipart_uploads(Bucket=BUCKET).get("Uploads", []) == []


def test_upload_part_copy_builds_object_from_ranges(client: Any) -> None:
    source = b"a" * (5 * 1024 * 1024) + b"tail"
    client.put_object(Bucket=BUCKET, Key="source", Body=source)
    upload_id = client.create_multipart_upload(Bucket=BUCKET, Key="joined")["UploadId"]
    parts = []
    for number, byte_range in ((1, f"bytes=0-{5 * 1024 * 1024 - 1}"), (2, "bytes=5242880-5242883")):
        response = client.upload_part_copy(
            Bucket=BUCKET,
            Key="joined",
            UploadId=upload_id,
            PartNumber=number,
            CopySource=f"{BUCKET}/source",
            CopySourceRange=byte_range,
        )
        parts.append({"PartNumber": number, "ETag": response["CopyPartResult"]["ETag"]})

    client.complete_multipart_upload(
        Bucket=BUCKET, Key="joined", UploadId=upload_id, MultipartUpload={"Parts": parts}
    )

    assert client.get_object(Bucket=BUCKET, Key="joined")["Body"].read() == source


def test_presigned_get_url_serves_object(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="public/pic name.png", Body=b"png")
    url = client.generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": "public/pic name.png"}, ExpiresIn=60
    )

    with urlopen(url, timeout=10) as response:
        assert response.read() == b"png"


def test_presigned_put_url_stores_object(client: Any) -> None:
    url = client.generate_presigned_url(
        "put_object", Params={"Bucket": BUCKET, "Key": "up.txt"}, ExpiresIn=60
    )

    with urlopen(Request(url, data=b"via url", method="PUT"), timeout=10) as response:
        assert response.status == 200
    assert client.get_object(Bucket=BUCKET, Key="up.txt")["Body"].read() == b"via url"


def test_presigned_url_after_expiry_is_access_denied(client: Any, clock: FakeClock) -> None:
    client.put_object(Bucket=BUCKET, Key="k", Body=b"x")
    url = client.generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": "k"}, ExpiresIn=60
    )
    clock.offset = 61

    with pytest.raises(Exception) as excinfo:
        urlopen(url, timeout=10)

    body = excinfo.value.read().decode()  # type: ignore[attr-defined]
    assert excinfo.value.code == 403  # type: ignore[attr-defined]
    assert "<Code>AccessDenied</Code><Message>Request has expired</Message>" in body


def test_traversal_key_is_rejected_with_s3_error(client: Any, s3_root: Path) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.put_object(Bucket=BUCKET, Key="public/../../escape.txt", Body=b"x")

    assert _error(excinfo) == (
        "InvalidArgument",
        "Object key 'public/../../escape.txt' is not supported by the local S3 mock: '.', '..' "
        "and empty path segments would leave or alias the bucket folder",
        400,
    )
    assert not (s3_root / "escape.txt").exists()
    assert not (s3_root.parent / "escape.txt").exists()


def test_restart_keeps_every_object_and_its_metadata(
    make_s3: Any, settings: Any, s3: ThreadedS3
) -> None:
    first = boto_client(s3.endpoint)
    first.put_object(Bucket=BUCKET, Key="public/keep.txt", Body=b"kept", ContentType="text/plain")
    upload_id = first.create_multipart_upload(Bucket=BUCKET, Key="mp")["UploadId"]
    first.upload_part(Bucket=BUCKET, Key="mp", UploadId=upload_id, PartNumber=1, Body=b"p")
    s3.stop()

    second = boto_client(make_s3(settings).endpoint)
    response = second.get_object(Bucket=BUCKET, Key="public/keep.txt")
    second.complete_multipart_upload(
        Bucket=BUCKET,
        Key="mp",
        UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": _md5(b"p")}]},
    )

    assert response["Body"].read() == b"kept"
    assert response["ContentType"] == "text/plain"
    assert second.get_object(Bucket=BUCKET, Key="mp")["Body"].read() == b"p"


def test_create_list_head_and_delete_bucket(client: Any) -> None:
    client.create_bucket(Bucket="extra-bucket")

    names = [b["Name"] for b in client.list_buckets()["Buckets"]]
    client.head_bucket(Bucket="extra-bucket")
    client.delete_bucket(Bucket="extra-bucket")

    assert names == ["extra-bucket", BUCKET]
    with pytest.raises(ClientError) as excinfo:
        client.head_bucket(Bucket="extra-bucket")
    assert _error(excinfo)[0] == "404"


def test_delete_bucket_with_objects_is_bucket_not_empty(client: Any) -> None:
    client.put_object(Bucket=BUCKET, Key="x", Body=b"x")

    with pytest.raises(ClientError) as excinfo:
        client.delete_bucket(Bucket=BUCKET)

    assert _error(excinfo) == ("BucketNotEmpty", "The bucket you tried to delete is not empty", 409)


def test_get_bucket_location_is_us_east_1_null(client: Any) -> None:
    assert client.get_bucket_location(Bucket=BUCKET)["LocationConstraint"] is None


def test_unsupported_subresource_is_not_implemented(client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.get_bucket_versioning(Bucket=BUCKET)

    assert _error(excinfo) == (
        "NotImplemented",
        "The local S3 mock does not emulate the 'versioning' sub-resource",
        501,
    )


def _wait_for(predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.01)


def test_events_reach_callback_for_put_copy_multipart_and_delete(client: Any, events: Any) -> None:
    etag = client.put_object(Bucket=BUCKET, Key="public/e.txt", Body=b"abc")["ETag"].strip('"')
    client.copy_object(Bucket=BUCKET, Key="public/f.txt", CopySource=f"{BUCKET}/public/e.txt")
    upload_id = client.create_multipart_upload(Bucket=BUCKET, Key="mp")["UploadId"]
    part = client.upload_part(Bucket=BUCKET, Key="mp", UploadId=upload_id, PartNumber=1, Body=b"1")
    client.complete_multipart_upload(
        Bucket=BUCKET,
        Key="mp",
        UploadId=upload_id,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]},
    )
    client.delete_object(Bucket=BUCKET, Key="public/e.txt")
    client.delete_object(Bucket=BUCKET, Key="public/never-existed.txt")

    _wait_for(lambda: len(events.items) >= 4)
    assert sorted(events.items, key=lambda item: (item[1], item[2])) == [
        (BUCKET, "ObjectCreated:CompleteMultipartUpload", "mp", 1,
         hashlib.md5(hashlib.md5(b"1").digest()).hexdigest() + "-1"),
        (BUCKET, "ObjectCreated:Copy", "public/f.txt", 3, etag),
        (BUCKET, "ObjectCreated:Put", "public/e.txt", 3, etag),
        (BUCKET, "ObjectRemoved:Delete", "public/e.txt", None, None),
    ]  # fmt: skip


def test_response_checksum_validation_round_trips(s3: ThreadedS3) -> None:
    client = boto_client(
        s3.endpoint,
        request_checksum_calculation="when_supported",
        response_checksum_validation="when_supported",
    )
    client.put_object(Bucket=BUCKET, Key="ck", Body=b"checksummed", ChecksumAlgorithm="SHA256")

    response = client.get_object(Bucket=BUCKET, Key="ck", ChecksumMode="ENABLED")

    assert response["Body"].read() == b"checksummed"
    assert response["ChecksumSHA256"] == "nP4pdPMq+NnB55XB1hjJE61F6nXccf5WRx705pLw9e0="


def test_bucket_folders_serve_env_bucket_from_amplify_cli_folder(
    make_s3: Any, s3_root: Path
) -> None:
    from amplify_mock.simulators.s3 import S3Settings

    (s3_root / "photos1a2b").mkdir(parents=True)
    (s3_root / "photos1a2b" / "cli-written.txt").write_bytes(b"from the Amplify CLI mock")
    settings = S3Settings(root=s3_root, bucket_folders={"photos1a2b-dev": "photos1a2b"})
    client = boto_client(make_s3(settings).endpoint)

    client.put_object(Bucket="photos1a2b-dev", Key="public/new.txt", Body=b"n", ContentType="a/b")
    body = client.get_object(Bucket="photos1a2b-dev", Key="cli-written.txt")["Body"].read()
    names = [bucket["Name"] for bucket in client.list_buckets()["Buckets"]]
    other_env = boto_client(
        make_s3(S3Settings(root=s3_root, bucket_folders={"photos1a2b-prod": "photos1a2b"})).endpoint
    )

    assert body == b"from the Amplify CLI mock"
    assert names == ["photos1a2b-dev"]
    assert (s3_root / "photos1a2b" / "public" / "new.txt").read_bytes() == b"n"
    assert other_env.head_object(Bucket="photos1a2b-prod", Key="public/new.txt")["ContentType"] == (
        "a/b"
    )


def test_delete_objects_accepts_1000_long_keys(client: Any) -> None:
    keys = [f"public/{index:04d}/" + "/".join(["k" * 200] * 5) for index in range(1000)]

    response = client.delete_objects(
        Bucket=BUCKET, Delete={"Objects": [{"Key": key} for key in keys], "Quiet": True}
    )

    assert response.get("Errors", []) == []
    assert response.get("Deleted", []) == []
