"""Content digests S3 checks on upload: Content-MD5 and the flexible `x-amz-checksum-*` family.

Not emulated: computing CRC32C and CRC64NVME (no C implementation ships with the standard
library); values the client sends for them are stored and returned unverified.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from typing import Protocol

__all__ = ["ALGORITHMS", "Digest", "new_digest", "new_md5"]

#: Wire header suffix -> S3 algorithm name.
ALGORITHMS: dict[str, str] = {
    "crc32": "CRC32",
    "crc32c": "CRC32C",
    "crc64nvme": "CRC64NVME",
    "sha1": "SHA1",
    "sha256": "SHA256",
}


class Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def b64(self) -> str: ...


class _Crc32:
    def __init__(self) -> None:
        self._value = 0

    def update(self, data: bytes, /) -> None:
        self._value = zlib.crc32(data, self._value)

    def b64(self) -> str:
        return base64.b64encode(self._value.to_bytes(4, "big")).decode()


class _Hash:
    def __init__(self, name: str) -> None:
        self._hash = hashlib.new(name)

    def update(self, data: bytes, /) -> None:
        self._hash.update(data)

    def b64(self) -> str:
        return base64.b64encode(self._hash.digest()).decode()

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def new_md5() -> _Hash:
    """The MD5 behind ETags and Content-MD5."""
    return _Hash("md5")


def new_digest(algorithm: str) -> Digest | None:
    """A running digest for an S3 algorithm name, or None when the mock cannot compute it."""
    if algorithm == "CRC32":
        return _Crc32()
    if algorithm == "SHA1":
        return _Hash("sha1")
    if algorithm == "SHA256":
        return _Hash("sha256")
    return None
