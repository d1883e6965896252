"""Object keys map to files inside the bucket folder, never outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.simulators.s3.errors import InvalidBucketName, InvalidObjectKey, KeyTooLongError
from amplify_mock.simulators.s3.keys import check_bucket_name, key_to_path


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("", "the key is empty"),
        ("../x", "'.', '..' and empty path segments would leave or alias the bucket folder"),
        ("a/../../x", "'.', '..' and empty path segments would leave or alias the bucket folder"),
        ("a/./b", "'.', '..' and empty path segments would leave or alias the bucket folder"),
        ("a//b", "'.', '..' and empty path segments would leave or alias the bucket folder"),
        ("..", "'.', '..' and empty path segments would leave or alias the bucket folder"),
        ("/etc/passwd", "a leading '/' would be an absolute path"),
        ("a\x00b", "NUL characters cannot be part of a file name"),
        ("a\\..\\b", "backslashes are path separators on some systems"),
    ],
    ids=["empty", "dotdot", "nested", "dot", "empty-segment", "only-dotdot", "abs", "nul", "bs"],
)
def test_key_to_path_unsafe_key_is_rejected(tmp_path: Path, key: str, reason: str) -> None:
    with pytest.raises(InvalidObjectKey) as excinfo:
        key_to_path(tmp_path, key)

    assert excinfo.value.message == (
        f"Object key {key!r} is not supported by the local S3 mock: {reason}"
    )
    assert excinfo.value.code == "InvalidArgument"


def test_key_to_path_symlink_out_of_bucket_is_rejected(tmp_path: Path) -> None:
    bucket = tmp_path / "bucket"
    bucket.mkdir()
    (bucket / "link").symlink_to(tmp_path)

    with pytest.raises(InvalidObjectKey) as excinfo:
        key_to_path(bucket, "link/secret")

    assert excinfo.value.message == (
        "Object key 'link/secret' is not supported by the local S3 mock: the path resolves "
        "outside the bucket folder"
    )


@pytest.mark.parametrize(
    "key",
    ["a b.txt", "a+b", "100%", "x#y?z", "日本/語.txt", "...", "..a", "a..", "folder/"],
    ids=["space", "plus", "percent", "hash-question", "unicode", "dots", "dotdot-a", "a-dotdot",
         "folder"],
)  # fmt: skip
def test_key_to_path_odd_key_stays_inside_bucket(tmp_path: Path, key: str) -> None:
    path = key_to_path(tmp_path, key)

    assert tmp_path in path.parents
    assert path.relative_to(tmp_path).as_posix() == key.rstrip("/")


def test_key_to_path_over_1024_bytes_is_key_too_long(tmp_path: Path) -> None:
    with pytest.raises(KeyTooLongError) as excinfo:
        key_to_path(tmp_path, "é" * 513)

    assert excinfo.value.message == "Your key is too long"


@pytest.mark.parametrize(
    "name", ["ab", "A-bucket", "-bucket", "bucket-", "a..b", "192.168.0.1", ".s3-mock"]
)
def test_check_bucket_name_invalid_name_is_rejected(name: str) -> None:
    with pytest.raises(InvalidBucketName) as excinfo:
        check_bucket_name(name)

    assert excinfo.value.message == "The specified bucket is not valid."


def test_check_bucket_name_accepts_amplify_bucket_name() -> None:
    assert check_bucket_name("myapp7b1c2d3e4f-dev") == "myapp7b1c2d3e4f-dev"


def test_key_to_path_segment_over_255_bytes_is_rejected(tmp_path: Path) -> None:
    key = "public/" + "k" * 256

    with pytest.raises(InvalidObjectKey) as excinfo:
        key_to_path(tmp_path, key)

    assert excinfo.value.message == (
        f"Object key {key!r} is not supported by the local S3 mock: a path segment is longer "
        "than 255 bytes, too long for a file name"
    )
