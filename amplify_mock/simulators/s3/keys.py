"""Bucket names and object keys, and the one mapping from a key to its file in the bucket."""

from __future__ import annotations

import os
import re
from pathlib import Path

from amplify_mock.simulators.s3.errors import InvalidBucketName, InvalidObjectKey, KeyTooLongError

__all__ = ["MAX_KEY_BYTES", "MAX_SEGMENT_BYTES", "check_bucket_name", "key_to_path", "path_to_key"]

MAX_KEY_BYTES = 1024
#: File systems cap a file name (one key segment) at 255 bytes; S3 has no such limit.
MAX_SEGMENT_BYTES = 255
_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_IP_ADDRESS = re.compile(r"^\d+\.\d+\.\d+\.\d+$")


def check_bucket_name(name: str) -> str:
    """Return `name` if S3 would accept it as a bucket name.

    The rule also guarantees that a bucket folder never collides with the mock's own
    `.s3-mock` folder next to the bucket folders (a bucket name cannot start with a dot).

    :raises InvalidBucketName: the name breaks S3's bucket naming rules.
    """
    if (
        not _BUCKET_NAME.match(name)
        or ".." in name
        or _IP_ADDRESS.match(name)
        or name.startswith("xn--")
    ):
        raise InvalidBucketName(BucketName=name)
    return name


def key_to_path(bucket_dir: Path, key: str) -> Path:
    """The file that holds `key`, guaranteed to be inside `bucket_dir`.

    S3 keys are free-form, but ours become file paths, so segments that a file system
    interprets (`.`, `..`, empty segments, a leading `/`), NUL and backslashes (a separator
    on Windows) are refused rather than silently aliased. A trailing `/` is kept by the
    caller as a folder marker and maps to the folder itself.

    :raises InvalidObjectKey: the key would escape or alias a path inside the bucket folder.
    :raises KeyTooLongError: the key is longer than S3's 1024 UTF-8 bytes.
    """
    if key == "":
        raise InvalidObjectKey(key, "the key is empty")
    try:
        encoded = key.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InvalidObjectKey(key, "the key is not valid UTF-8") from err
    if len(encoded) > MAX_KEY_BYTES:
        raise KeyTooLongError(Size=len(encoded), MaxSizeAllowed=MAX_KEY_BYTES)
    if "\x00" in key:
        raise InvalidObjectKey(key, "NUL characters cannot be part of a file name")
    if "\\" in key:
        raise InvalidObjectKey(key, "backslashes are path separators on some systems")
    if key.startswith("/"):
        raise InvalidObjectKey(key, "a leading '/' would be an absolute path")
    segments = key[:-1].split("/") if key.endswith("/") else key.split("/")
    for segment in segments:
        if segment in ("", ".", ".."):
            raise InvalidObjectKey(
                key, "'.', '..' and empty path segments would leave or alias the bucket folder"
            )
        if len(segment.encode("utf-8")) > MAX_SEGMENT_BYTES:
            raise InvalidObjectKey(
                key,
                f"a path segment is longer than {MAX_SEGMENT_BYTES} bytes, "
                "too long for a file name",
            )
    path = bucket_dir.joinpath(*segments)
    root = os.path.realpath(bucket_dir)
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root or real == root:
        raise InvalidObjectKey(key, "the path resolves outside the bucket folder")
    return path


def path_to_key(bucket_dir: Path, path: Path) -> str:
    """The key of a file found under `bucket_dir` (always `/`-separated, as S3 keys are)."""
    return "/".join(path.relative_to(bucket_dir).parts)
