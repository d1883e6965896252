"""Object and multipart-upload metadata in one sqlite file outside every bucket folder.

Keeping metadata out of the bucket tree means no sidecar file can ever collide with a user
key; the object bytes themselves stay plain files, as the Amplify CLI keeps them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["MetadataStore", "ObjectMeta", "PartMeta", "UploadMeta"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    bucket TEXT NOT NULL, key TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    etag TEXT NOT NULL, last_modified REAL NOT NULL, content_type TEXT NOT NULL,
    headers TEXT NOT NULL, user_metadata TEXT NOT NULL, checksums TEXT NOT NULL,
    PRIMARY KEY (bucket, key)
);
CREATE TABLE IF NOT EXISTS uploads (
    upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, initiated REAL NOT NULL,
    content_type TEXT NOT NULL, headers TEXT NOT NULL, user_metadata TEXT NOT NULL,
    checksum_algorithm TEXT
);
CREATE TABLE IF NOT EXISTS parts (
    upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, etag TEXT NOT NULL,
    size INTEGER NOT NULL, last_modified REAL NOT NULL, checksums TEXT NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);
"""


@dataclass(frozen=True)
class ObjectMeta:
    """What S3 returns about an object besides its bytes.

    `etag` is unquoted; `headers` holds the stored system metadata (Content-Encoding,
    Content-Disposition, Cache-Control, Content-Language, Expires) by wire name;
    `user_metadata` the `x-amz-meta-*` pairs with the prefix removed; `checksums` the
    full-object checksums by algorithm name (`CRC32`, `SHA256`, ...), base64 as S3 sends them.
    `mtime_ns` and `size` are the file's stat when the metadata was recorded, so a file
    edited outside the mock is noticed and re-hashed.
    """

    key: str
    size: int
    mtime_ns: int
    etag: str
    last_modified: float
    content_type: str = "binary/octet-stream"
    headers: dict[str, str] = field(default_factory=dict)
    user_metadata: dict[str, str] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class UploadMeta:
    """A multipart upload between CreateMultipartUpload and Complete/Abort."""

    upload_id: str
    bucket: str
    key: str
    initiated: float
    content_type: str
    headers: dict[str, str]
    user_metadata: dict[str, str]
    checksum_algorithm: str | None


@dataclass(frozen=True)
class PartMeta:
    """One uploaded part (its bytes are a file in the upload's staging folder)."""

    part_number: int
    etag: str
    size: int
    last_modified: float
    checksums: dict[str, str]


#: The columns `_object_from_row` and `_upload_from_row` read, in their order.
_OBJECT_COLUMNS = (
    "key, size, mtime_ns, etag, last_modified, content_type, headers, user_metadata, checksums"
)
_UPLOAD_COLUMNS = (
    "upload_id, bucket, key, initiated, content_type, headers, user_metadata, checksum_algorithm"
)


class MetadataStore:
    """Thread-safe sqlite access; every call is one short statement, safe from `to_thread`."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def find_object(self, bucket: str, key: str) -> ObjectMeta | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_OBJECT_COLUMNS} FROM objects WHERE bucket = ? AND key = ?",
                (bucket, key),
            ).fetchone()
        return None if row is None else _object_from_row(row)

    def objects(self, bucket: str) -> Iterator[ObjectMeta]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_OBJECT_COLUMNS} FROM objects WHERE bucket = ?",
                (bucket,),
            ).fetchall()
        return (_object_from_row(row) for row in rows)

    def put_object(self, bucket: str, meta: ObjectMeta) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO objects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    bucket,
                    meta.key,
                    meta.size,
                    meta.mtime_ns,
                    meta.etag,
                    meta.last_modified,
                    meta.content_type,
                    json.dumps(meta.headers),
                    json.dumps(meta.user_metadata),
                    json.dumps(meta.checksums),
                ),
            )

    def delete_object(self, bucket: str, key: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM objects WHERE bucket = ? AND key = ?", (bucket, key))

    def delete_bucket(self, bucket: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM objects WHERE bucket = ?", (bucket,))

    def put_upload(self, upload: UploadMeta) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    upload.upload_id,
                    upload.bucket,
                    upload.key,
                    upload.initiated,
                    upload.content_type,
                    json.dumps(upload.headers),
                    json.dumps(upload.user_metadata),
                    upload.checksum_algorithm,
                ),
            )

    def find_upload(self, upload_id: str) -> UploadMeta | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_UPLOAD_COLUMNS} FROM uploads WHERE upload_id = ?",
                (upload_id,),
            ).fetchone()
        return None if row is None else _upload_from_row(row)

    def uploads(self, bucket: str) -> list[UploadMeta]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_UPLOAD_COLUMNS} FROM uploads WHERE bucket = ? ORDER BY key, initiated",
                (bucket,),
            ).fetchall()
        return [_upload_from_row(row) for row in rows]

    def delete_upload(self, upload_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM parts WHERE upload_id = ?", (upload_id,))
            self._db.execute("DELETE FROM uploads WHERE upload_id = ?", (upload_id,))

    def put_part(self, upload_id: str, part: PartMeta) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO parts VALUES (?, ?, ?, ?, ?, ?)",
                (
                    upload_id,
                    part.part_number,
                    part.etag,
                    part.size,
                    part.last_modified,
                    json.dumps(part.checksums),
                ),
            )

    def parts(self, upload_id: str) -> list[PartMeta]:
        with self._lock:
            rows = self._db.execute(
                "SELECT part_number, etag, size, last_modified, checksums FROM parts"
                " WHERE upload_id = ? ORDER BY part_number",
                (upload_id,),
            ).fetchall()
        return [PartMeta(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]


def _object_from_row(row: tuple[object, ...]) -> ObjectMeta:
    key, size, mtime_ns, etag, last_modified, content_type, headers, user_meta, checksums = row
    return ObjectMeta(
        key=str(key),
        size=int(str(size)),
        mtime_ns=int(str(mtime_ns)),
        etag=str(etag),
        last_modified=float(str(last_modified)),
        content_type=str(content_type),
        headers=json.loads(str(headers)),
        user_metadata=json.loads(str(user_meta)),
        checksums=json.loads(str(checksums)),
    )


def _upload_from_row(row: tuple[object, ...]) -> UploadMeta:
    upload_id, bucket, key, initiated, content_type, headers, user_meta, algorithm = row
    return UploadMeta(
        upload_id=str(upload_id),
        bucket=str(bucket),
        key=str(key),
        initiated=float(str(initiated)),
        content_type=str(content_type),
        headers=json.loads(str(headers)),
        user_metadata=json.loads(str(user_meta)),
        checksum_algorithm=None if algorithm is None else str(algorithm),
    )
