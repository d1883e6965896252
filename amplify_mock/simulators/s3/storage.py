"""The S3 state on disk: bucket folders of plain files plus the metadata store beside them.

Layout under the S3 root (`amplify/mock-data/S3/` in a project):
`<bucket>/<key>` holds the object bytes (as in the Amplify CLI), `.s3-mock/meta.sqlite` the
metadata, `.s3-mock/staging/` bodies being received, `.s3-mock/uploads/<id>/<n>` multipart
parts. Bucket names cannot start with a dot, so `.s3-mock` never collides with a bucket.
Every method is synchronous and meant to run in `asyncio.to_thread`.

Not emulated: versioning, object lock, ACLs, tagging, storage classes, encryption; a key that
is also a "folder" of another key (`a` and `a/b`), which files cannot represent.
"""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import os
import shutil
import stat
import tempfile
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from amplify_mock.simulators.s3.body import ReceivedBody
from amplify_mock.simulators.s3.errors import (
    BucketAlreadyOwnedByYou,
    BucketNotEmpty,
    EntityTooSmall,
    InvalidArgument,
    InvalidObjectKey,
    InvalidPart,
    InvalidPartOrder,
    KeyConflict,
    MalformedXML,
    NoSuchBucket,
    NoSuchKey,
    NoSuchUpload,
)
from amplify_mock.simulators.s3.keys import check_bucket_name, key_to_path, path_to_key
from amplify_mock.simulators.s3.metadata import MetadataStore, ObjectMeta, PartMeta, UploadMeta

__all__ = ["EMPTY_MD5", "MIN_PART_SIZE", "BucketInfo", "ObjectStore", "StoredObject"]

EMPTY_MD5 = hashlib.md5(b"").hexdigest()
MIN_PART_SIZE = 5 * 1024 * 1024
MAX_PART_NUMBER = 10000
_DEFAULT_CONTENT_TYPE = "binary/octet-stream"
_HASH_BLOCK = 1 << 20


@dataclass(frozen=True)
class BucketInfo:
    name: str
    created: float


@dataclass(frozen=True)
class StoredObject:
    """What a write needs besides the bytes: Content-Type, system and user metadata."""

    content_type: str | None
    headers: dict[str, str]
    user_metadata: dict[str, str]


class ObjectStore:
    """Buckets as folders under `root`; objects as files; metadata in sqlite."""

    def __init__(
        self,
        root: Path,
        buckets: Iterable[str] = (),
        *,
        folders: Mapping[str, str] | None = None,
        clock: Callable[[], float],
    ) -> None:
        """`folders` maps a served bucket name to its folder under `root` when they differ.

        The Amplify CLI serves `<bucketName>-<env>` from `mock-data/S3/<bucketName>`; passing
        `{"<bucketName>-<env>": "<bucketName>"}` keeps data written by the CLI's mock.
        """
        self.root = root
        self._clock = clock
        self._folders = dict(folders or {})
        self._served = {folder: bucket for bucket, folder in self._folders.items()}
        internal = root / ".s3-mock"
        self.staging_dir = internal / "staging"
        self._uploads_dir = internal / "uploads"
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        self._uploads_dir.mkdir(parents=True, exist_ok=True)
        self._meta = MetadataStore(internal / "meta.sqlite")
        for name in (*buckets, *self._folders):
            check_bucket_name(name)
            (root / check_bucket_name(self._folder(name))).mkdir(exist_ok=True)

    def close(self) -> None:
        self._meta.close()

    def _folder(self, bucket: str) -> str:
        return self._folders.get(bucket, bucket)

    # -- buckets ---------------------------------------------------------------------------

    def bucket_dir(self, bucket: str) -> Path:
        """:raises NoSuchBucket: no folder for `bucket` under the root."""
        folder = self._folder(bucket)
        path = self.root / folder
        if folder.startswith(".") or "/" in folder or not path.is_dir():
            raise NoSuchBucket(BucketName=bucket)
        return path

    def list_buckets(self) -> list[BucketInfo]:
        result = []
        for entry in os.scandir(self.root):
            if entry.is_dir() and not entry.name.startswith("."):
                name = self._served.get(entry.name, entry.name)
                result.append(BucketInfo(name, entry.stat().st_ctime))
        return sorted(result, key=lambda bucket: bucket.name)

    def create_bucket(self, bucket: str) -> None:
        """:raises BucketAlreadyOwnedByYou: the folder exists. :raises InvalidBucketName:"""
        path = self.root / check_bucket_name(self._folder(bucket))
        try:
            path.mkdir()
        except FileExistsError as err:
            raise BucketAlreadyOwnedByYou(BucketName=bucket) from err

    def delete_bucket(self, bucket: str) -> None:
        """:raises BucketNotEmpty: the folder still holds objects."""
        path = self.bucket_dir(bucket)
        if self.list_keys(bucket):
            raise BucketNotEmpty(BucketName=bucket)
        shutil.rmtree(path)
        self._meta.delete_bucket(self._folder(bucket))

    # -- objects ---------------------------------------------------------------------------

    def head_object(self, bucket: str, key: str) -> ObjectMeta:
        """Metadata of an object, re-hashed if its file changed outside the mock.

        :raises NoSuchKey: no file (or folder marker) for `key`.
        """
        path = key_to_path(self.bucket_dir(bucket), key)
        return self._fresh_meta(bucket, key, path)

    def open_object(self, bucket: str, key: str) -> tuple[BinaryIO | None, ObjectMeta]:
        """An open file (None for a folder marker) and the metadata that matches its bytes."""
        path = key_to_path(self.bucket_dir(bucket), key)
        if key.endswith("/"):
            return None, self._fresh_meta(bucket, key, path)
        try:
            file = path.open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as err:
            raise NoSuchKey(Key=key) from err
        try:
            return file, self._current_meta(bucket, key, path, os.fstat(file.fileno()))
        except BaseException:
            file.close()
            raise

    def put_object(
        self, bucket: str, key: str, body: ReceivedBody, stored: StoredObject
    ) -> ObjectMeta:
        """Move a received body into place as `key` (atomically replacing an old version).

        :raises KeyConflict: the key's file would clash with another key's file or folder.
        :raises InvalidObjectKey: the key is unsafe as a path, or a non-empty folder marker.
        """
        bucket_dir = self.bucket_dir(bucket)
        try:
            path = key_to_path(bucket_dir, key)
            if key.endswith("/"):
                if body.size:
                    raise InvalidObjectKey(key, "a key ending in '/' is a folder and must be empty")
                return self._put_folder_marker(bucket, key, path, stored)
            return self._place(
                bucket, key, path, body.path, body.md5_hex, body.checksums, stored, body.size
            )
        finally:
            with contextlib.suppress(FileNotFoundError):
                body.path.unlink()

    def delete_object(self, bucket: str, key: str) -> bool:
        """Remove `key` if present (S3 deletes are idempotent); True when something was removed."""
        bucket_dir = self.bucket_dir(bucket)
        path = key_to_path(bucket_dir, key)
        folder = self._folder(bucket)
        if key.endswith("/"):
            existed = self._meta.find_object(folder, key) is not None
            self._meta.delete_object(folder, key)
            with contextlib.suppress(OSError):
                path.rmdir()
            self._prune(bucket, bucket_dir, path.parent)
            return existed
        self._meta.delete_object(folder, key)
        try:
            path.unlink()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return False
        self._prune(bucket, bucket_dir, path.parent)
        return True

    def copy_object(
        self,
        source: tuple[str, str],
        bucket: str,
        key: str,
        stored: StoredObject | None,
        byte_range: tuple[int, int] | None = None,
    ) -> ObjectMeta:
        """Copy an object (or a byte range of it, for UploadPartCopy, see `copy_to_staging`).

        `stored` None keeps the source's metadata (x-amz-metadata-directive COPY).
        """
        staged, md5_hex, size, meta = self.copy_to_staging(source, byte_range)
        if stored is None:
            stored = StoredObject(meta.content_type, dict(meta.headers), dict(meta.user_metadata))
        checksums = dict(meta.checksums) if byte_range is None else {}
        try:
            path = key_to_path(self.bucket_dir(bucket), key)
            if key.endswith("/"):
                return self._put_folder_marker(bucket, key, path, stored)
            return self._place(bucket, key, path, staged, md5_hex, checksums, stored, size)
        finally:
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()

    def copy_to_staging(
        self, source: tuple[str, str], byte_range: tuple[int, int] | None = None
    ) -> tuple[Path, str, int, ObjectMeta]:
        """Copy a source object's bytes (inclusive `byte_range` if given) to a staging file."""
        file, meta = self.open_object(*source)
        fd, name = tempfile.mkstemp(dir=self.staging_dir, prefix="copy-")
        md5 = hashlib.md5()
        size = 0
        with os.fdopen(fd, "wb") as out:
            if file is not None:
                with file:
                    start, end = byte_range if byte_range else (0, meta.size - 1)
                    file.seek(start)
                    remaining = end - start + 1
                    while remaining > 0:
                        block = file.read(min(_HASH_BLOCK, remaining))
                        if not block:
                            break
                        out.write(block)
                        md5.update(block)
                        size += len(block)
                        remaining -= len(block)
        return Path(name), md5.hexdigest(), size, meta

    def list_keys(self, bucket: str) -> list[str]:
        """Every key in the bucket, in S3 order (UTF-8 byte order, which is code-point order)."""
        bucket_dir = self.bucket_dir(bucket)
        keys: list[str] = []
        for dirpath, _dirnames, filenames in os.walk(bucket_dir):
            base = Path(dirpath)
            for filename in filenames:
                key = path_to_key(bucket_dir, base / filename)
                if _is_utf8(key):
                    keys.append(key)
        for meta in self._meta.objects(self._folder(bucket)):
            if meta.key.endswith("/") and (bucket_dir / meta.key).is_dir():
                keys.append(meta.key)
        keys.sort()
        return keys

    # -- multipart uploads -----------------------------------------------------------------

    def create_upload(
        self, bucket: str, key: str, stored: StoredObject, algorithm: str | None
    ) -> UploadMeta:
        key_to_path(self.bucket_dir(bucket), key)
        upload = UploadMeta(
            upload_id=uuid.uuid4().hex,
            bucket=bucket,
            key=key,
            initiated=self._clock(),
            content_type=stored.content_type or _DEFAULT_CONTENT_TYPE,
            headers=stored.headers,
            user_metadata=stored.user_metadata,
            checksum_algorithm=algorithm,
        )
        (self._uploads_dir / upload.upload_id).mkdir()
        self._meta.put_upload(upload)
        return upload

    def get_upload(self, bucket: str, key: str, upload_id: str) -> UploadMeta:
        """:raises NoSuchUpload: unknown id, or one started for another bucket/key."""
        self.bucket_dir(bucket)
        upload = self._meta.find_upload(upload_id)
        if upload is None or (upload.bucket, upload.key) != (bucket, key):
            raise NoSuchUpload(UploadId=upload_id)
        return upload

    def list_uploads(self, bucket: str) -> list[UploadMeta]:
        self.bucket_dir(bucket)
        return self._meta.uploads(bucket)

    def put_part(
        self,
        upload: UploadMeta,
        part_number: int,
        staged: Path,
        md5_hex: str,
        size: int,
        checksums: dict[str, str],
    ) -> PartMeta:
        """Keep one part's bytes; a part number uploaded again replaces the earlier part."""
        try:
            part = PartMeta(part_number, md5_hex, size, self._clock(), checksums)
            os.replace(staged, self._uploads_dir / upload.upload_id / str(part_number))
            self._meta.put_part(upload.upload_id, part)
            return part
        finally:
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()

    def list_parts(self, upload: UploadMeta) -> list[PartMeta]:
        return self._meta.parts(upload.upload_id)

    def complete_upload(self, upload: UploadMeta, requested: list[tuple[int, str]]) -> ObjectMeta:
        """Join the listed parts into the object; ETag is md5 of the part md5s, then `-N`.

        :raises MalformedXML: no parts listed. :raises InvalidPartOrder: not ascending.
        :raises InvalidPart: a part is missing or its ETag differs.
        :raises EntityTooSmall: a part other than the last is under 5 MiB.
        """
        if not requested:
            raise MalformedXML()
        numbers = [number for number, _ in requested]
        if numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
            raise InvalidPartOrder(UploadId=upload.upload_id)
        uploaded = {part.part_number: part for part in self._meta.parts(upload.upload_id)}
        chosen: list[PartMeta] = []
        for number, etag in requested:
            part = uploaded.get(number)
            if part is None or part.etag != etag.strip('"'):
                raise InvalidPart(UploadId=upload.upload_id, PartNumber=number, ETag=etag)
            chosen.append(part)
        for part in chosen[:-1]:
            if part.size < MIN_PART_SIZE:
                raise EntityTooSmall(
                    ProposedSize=part.size,
                    MinSizeAllowed=MIN_PART_SIZE,
                    PartNumber=part.part_number,
                    ETag=f'"{part.etag}"',
                )
        combined = hashlib.md5(b"".join(bytes.fromhex(part.etag) for part in chosen))
        etag = f"{combined.hexdigest()}-{len(chosen)}"
        fd, name = tempfile.mkstemp(dir=self.staging_dir, prefix="complete-")
        staged = Path(name)
        parts_dir = self._uploads_dir / upload.upload_id
        try:
            with os.fdopen(fd, "wb") as out:
                for part in chosen:
                    with (parts_dir / str(part.part_number)).open("rb") as src:
                        shutil.copyfileobj(src, out, _HASH_BLOCK)
            stored = StoredObject(upload.content_type, upload.headers, upload.user_metadata)
            path = key_to_path(self.bucket_dir(upload.bucket), upload.key)
            size = sum(part.size for part in chosen)
            meta = self._place(upload.bucket, upload.key, path, staged, etag, {}, stored, size)
        finally:
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()
        self._drop_upload(upload.upload_id)
        return meta

    def abort_upload(self, upload: UploadMeta) -> None:
        self._drop_upload(upload.upload_id)

    # -- internals -------------------------------------------------------------------------

    def _drop_upload(self, upload_id: str) -> None:
        self._meta.delete_upload(upload_id)
        shutil.rmtree(self._uploads_dir / upload_id, ignore_errors=True)

    def _place(
        self,
        bucket: str,
        key: str,
        path: Path,
        staged: Path,
        etag: str,
        checksums: dict[str, str],
        stored: StoredObject,
        size: int,
    ) -> ObjectMeta:
        bucket_dir = self.bucket_dir(bucket)
        self._check_no_conflict(bucket_dir, key, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(staged, path)
        except (IsADirectoryError, NotADirectoryError) as err:
            raise KeyConflict(key, path_to_key(bucket_dir, path) + "/") from err
        st = path.stat()
        meta = ObjectMeta(
            key=key,
            size=size,
            mtime_ns=st.st_mtime_ns,
            etag=etag,
            last_modified=st.st_mtime,
            content_type=stored.content_type or _DEFAULT_CONTENT_TYPE,
            headers=stored.headers,
            user_metadata=stored.user_metadata,
            checksums=checksums,
        )
        self._meta.put_object(self._folder(bucket), meta)
        return meta

    def _put_folder_marker(
        self, bucket: str, key: str, path: Path, stored: StoredObject
    ) -> ObjectMeta:
        bucket_dir = self.bucket_dir(bucket)
        self._check_no_conflict(bucket_dir, key, path)
        path.mkdir(parents=True, exist_ok=True)
        meta = ObjectMeta(
            key=key,
            size=0,
            mtime_ns=0,
            etag=EMPTY_MD5,
            last_modified=self._clock(),
            content_type=stored.content_type or _DEFAULT_CONTENT_TYPE,
            headers=stored.headers,
            user_metadata=stored.user_metadata,
        )
        self._meta.put_object(self._folder(bucket), meta)
        return meta

    def _check_no_conflict(self, bucket_dir: Path, key: str, path: Path) -> None:
        parent = path.parent
        while parent != bucket_dir:
            if parent.is_file():
                raise KeyConflict(key, path_to_key(bucket_dir, parent))
            parent = parent.parent
        if not key.endswith("/") and path.is_dir():
            raise KeyConflict(key, key + "/")
        if key.endswith("/") and path.is_file():
            raise KeyConflict(key, key[:-1])

    def _fresh_meta(self, bucket: str, key: str, path: Path) -> ObjectMeta:
        if key.endswith("/"):
            meta = self._meta.find_object(self._folder(bucket), key)
            if meta is None or not path.is_dir():
                raise NoSuchKey(Key=key)
            return meta
        try:
            st = path.stat()
        except (FileNotFoundError, NotADirectoryError) as err:
            raise NoSuchKey(Key=key) from err
        if not stat.S_ISREG(st.st_mode):
            raise NoSuchKey(Key=key)
        return self._current_meta(bucket, key, path, st)

    def _current_meta(self, bucket: str, key: str, path: Path, st: os.stat_result) -> ObjectMeta:
        """The recorded metadata while the file's size and mtime match it, else a re-hash."""
        meta = self._meta.find_object(self._folder(bucket), key)
        if meta is not None and (meta.size, meta.mtime_ns) == (st.st_size, st.st_mtime_ns):
            return meta
        return self._rehash(bucket, key, path, meta)

    def _rehash(self, bucket: str, key: str, path: Path, old: ObjectMeta | None) -> ObjectMeta:
        """Metadata for a file written outside the mock (dropped into the folder, or edited)."""
        md5 = hashlib.md5()
        with path.open("rb") as file:
            while block := file.read(_HASH_BLOCK):
                md5.update(block)
            st = os.fstat(file.fileno())
        if old is None:
            guessed, _ = mimetypes.guess_type(path.name)
            meta = ObjectMeta(
                key=key,
                size=st.st_size,
                mtime_ns=st.st_mtime_ns,
                etag=md5.hexdigest(),
                last_modified=st.st_mtime,
                content_type=guessed or _DEFAULT_CONTENT_TYPE,
            )
        else:
            meta = replace(
                old,
                size=st.st_size,
                mtime_ns=st.st_mtime_ns,
                etag=md5.hexdigest(),
                last_modified=st.st_mtime,
                checksums={},
            )
        self._meta.put_object(self._folder(bucket), meta)
        return meta

    def _prune(self, bucket: str, bucket_dir: Path, folder: Path) -> None:
        """Remove folders emptied by a delete, except those kept by a folder-marker object."""
        while folder != bucket_dir and bucket_dir in folder.parents:
            marker = path_to_key(bucket_dir, folder) + "/"
            if self._meta.find_object(self._folder(bucket), marker) is not None:
                return
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent


def _is_utf8(key: str) -> bool:
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_part_number(value: str) -> int:
    """:raises InvalidArgument: not an integer in 1..10000."""
    if not value.isdigit() or not 1 <= int(value) <= MAX_PART_NUMBER:
        raise InvalidArgument(
            "Part number must be an integer between 1 and 10000, inclusive",
            ArgumentName="partNumber",
            ArgumentValue=value,
        )
    return int(value)
