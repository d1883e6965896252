"""Request bodies streamed to a staging file: plain, `aws-chunked` (signed or unsigned, with
trailers) and the digests S3 verifies on the way (Content-MD5, `x-amz-checksum-*`).

Not emulated: chunk signatures are parsed but not verified (the mock accepts any credentials).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from aiohttp import StreamReader, web

from amplify_mock.simulators.s3.checksums import ALGORITHMS, Digest, new_digest, new_md5
from amplify_mock.simulators.s3.errors import (
    BadDigest,
    IncompleteBody,
    InvalidArgument,
    InvalidDigest,
)

__all__ = ["ReceivedBody", "receive_body"]

_BATCH = 1 << 20
_CHECKSUM_PREFIX = "x-amz-checksum-"


@dataclass(frozen=True)
class ReceivedBody:
    """A request body saved to `path` (the caller moves or deletes it)."""

    path: Path
    size: int
    md5_hex: str
    checksums: dict[str, str]


def is_aws_chunked(request: web.BaseRequest) -> bool:
    """True when the body uses the `aws-chunked` framing SigV4 streaming uploads send."""
    sha = request.headers.get("x-amz-content-sha256", "")
    encodings = [e.strip() for e in request.headers.get("Content-Encoding", "").split(",")]
    return sha.startswith("STREAMING-") or "aws-chunked" in encodings


async def receive_body(request: web.BaseRequest, staging_dir: Path) -> ReceivedBody:
    """Stream the body of `request` to a new file in `staging_dir`, checking its digests.

    :raises BadDigest: Content-MD5 or an `x-amz-checksum-*` value does not match the bytes.
    :raises InvalidDigest: Content-MD5 is not a base64 MD5.
    :raises IncompleteBody: the body ended before its declared length.
    """
    expected, algorithm = _declared_checksum(request)
    digest = new_digest(algorithm) if algorithm else None
    md5 = new_md5()
    trailers: dict[str, str] = {}
    chunked = is_aws_chunked(request)
    chunks = (
        _aws_chunks(request.content, trailers) if chunked else request.content.iter_chunked(_BATCH)
    )
    sink = _StagingFile(staging_dir, md5, digest)
    try:
        size = await _copy_to_file(chunks, sink)
        _check_length(request, size, chunked)
        _check_content_md5(request, md5.b64())
        checksums: dict[str, str] = {}
        if algorithm:
            value = expected if expected is not None else trailers.get(_header_for(algorithm))
            computed = digest.b64() if digest is not None else None
            if value is not None and computed is not None and value != computed:
                raise BadDigest(
                    f"The {algorithm} you specified did not match the calculated checksum."
                )
            final = computed if computed is not None else value
            if final is not None:
                checksums[algorithm] = final
        assert sink.path is not None
        return ReceivedBody(path=sink.path, size=size, md5_hex=md5.hexdigest(), checksums=checksums)
    except BaseException:
        sink.discard()
        raise


class _StagingFile:
    """A staging file created on the first write, so a small body costs one thread hop."""

    def __init__(self, staging_dir: Path, md5: Digest, digest: Digest | None) -> None:
        self._dir = staging_dir
        self._md5 = md5
        self._digest = digest
        self._file: BinaryIO | None = None
        self.path: Path | None = None

    def write(self, block: bytes, last: bool) -> None:
        if self._file is None:
            fd, name = tempfile.mkstemp(dir=self._dir, prefix="put-")
            self._file, self.path = os.fdopen(fd, "wb"), Path(name)
        self._file.write(block)
        self._md5.update(block)
        if self._digest is not None:
            self._digest.update(block)
        if last:
            self._file.close()

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
        if self.path is not None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


def _header_for(algorithm: str) -> str:
    return _CHECKSUM_PREFIX + algorithm.lower()


def _declared_checksum(request: web.BaseRequest) -> tuple[str | None, str | None]:
    """The checksum value sent as a header (if any) and the algorithm to compute."""
    for suffix, algorithm in ALGORITHMS.items():
        value = request.headers.get(_CHECKSUM_PREFIX + suffix)
        if value is not None:
            return value, algorithm
    trailer = request.headers.get("x-amz-trailer", "").strip().lower()
    if trailer.startswith(_CHECKSUM_PREFIX):
        trailed = ALGORITHMS.get(trailer[len(_CHECKSUM_PREFIX) :])
        if trailed is None:
            raise InvalidArgument(f"Unsupported trailer {trailer}", ArgumentName="x-amz-trailer")
        return None, trailed
    sdk = request.headers.get("x-amz-sdk-checksum-algorithm")
    if sdk:
        algorithm = sdk.upper()
        if algorithm not in ALGORITHMS.values():
            raise InvalidArgument(
                "Checksum algorithm provided is unsupported. Please try again with any of the "
                "valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]",
                ArgumentName="x-amz-sdk-checksum-algorithm",
            )
        return None, algorithm
    return None, None


async def _copy_to_file(chunks: AsyncIterator[bytes], sink: _StagingFile) -> int:
    size = 0
    pending: list[bytes] = []
    pending_size = 0
    async for chunk in chunks:
        pending.append(chunk)
        pending_size += len(chunk)
        if pending_size >= _BATCH:
            await asyncio.to_thread(sink.write, b"".join(pending), False)
            size += pending_size
            pending, pending_size = [], 0
    await asyncio.to_thread(sink.write, b"".join(pending), True)
    return size + pending_size


async def _aws_chunks(stream: StreamReader, trailers: dict[str, str]) -> AsyncIterator[bytes]:
    """Decode `<hex-size>[;chunk-signature=...]\\r\\n<data>\\r\\n ... 0\\r\\n<trailers>\\r\\n`."""
    try:
        while True:
            line = await stream.readline()
            if not line:
                raise IncompleteBody()
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError as err:
                raise IncompleteBody("The aws-chunked body has a malformed chunk header") from err
            if size == 0:
                break
            yield await stream.readexactly(size)
            await stream.readexactly(2)
        while True:
            line = await stream.readline()
            if line.strip() == b"":
                break
            name, _, value = line.decode("latin-1").partition(":")
            trailers[name.strip().lower()] = value.strip()
    except asyncio.IncompleteReadError as err:
        raise IncompleteBody() from err


def _check_length(request: web.BaseRequest, size: int, chunked: bool) -> None:
    declared = (
        request.headers.get("x-amz-decoded-content-length")
        if chunked
        else request.headers.get("Content-Length")
    )
    if declared is not None and declared.isdigit() and int(declared) != size:
        raise IncompleteBody()


def _check_content_md5(request: web.BaseRequest, actual_b64: str) -> None:
    value = request.headers.get("Content-MD5")
    if value is None:
        return
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as err:
        raise InvalidDigest() from err
    if len(decoded) != 16:
        raise InvalidDigest()
    if value != actual_b64 and decoded != base64.b64decode(actual_b64):
        raise BadDigest()
