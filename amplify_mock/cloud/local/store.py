"""Where the local cloud keeps its records: a folder (one user) or an S3-compatible bucket (a team).

The local cloud (stacks, bucket objects, app/env records) is a set of keyed objects. By
default they live in the per-user folder `~/.amplify/local-cloud/`, so every clone on one
machine sees the same deployed environments. A team on several machines names an
S3-compatible bucket instead (the local S3 of a teammate's `amplify mock storage`, MinIO or
a real S3 bucket) as a store URL:

    s3://<bucket>[/<prefix>][?endpoint=<url>&region=<region>&profile=<aws profile>]

Writes can be conditional on the version last read (S3's `If-Match` / `If-None-Match: *`),
which is how a stack's state is locked for a deployment (`LocalCloud.deploy_stack`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlparse

from amplify_mock.base.files import write_bytes
from amplify_mock.base.paths import amplify_home
from amplify_mock.errors import AmplifyMockError

__all__ = [
    "ANY_VERSION",
    "STORE_ENV_VAR",
    "CloudStore",
    "DirStore",
    "InvalidStoreError",
    "S3Store",
    "StoreUnavailableError",
    "VersionConflict",
    "Versioned",
    "default_store_dir",
    "open_store",
    "store_spec_from_env",
]

#: where the local cloud lives when the project names no store: an
#: `s3://bucket/prefix?endpoint=...` URL or a folder; unset: `~/.amplify/local-cloud`
STORE_ENV_VAR = "AMPLIFY_MOCK_CLOUD_STORE"

#: `write(..., expect=ANY_VERSION)`: write whatever is there (an unconditional PutObject)
ANY_VERSION = "*"


@dataclass(frozen=True)
class Versioned:
    """An object's body and the version tag a conditional write compares against."""

    body: bytes
    version: str


class VersionConflict(Exception):
    """A conditional write lost: the object changed (or appeared) since it was read."""


class InvalidStoreError(AmplifyMockError):
    """A local cloud store URL that names no folder or bucket."""

    def __init__(self, spec: str, reason: str) -> None:
        super().__init__(
            f"Invalid local cloud store '{spec}': {reason}.",
            "Use s3://<bucket>[/<prefix>]?endpoint=<url> or an absolute folder path.",
        )


class StoreUnavailableError(AmplifyMockError):
    """The store's bucket cannot be reached or refuses a request."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(
            f"The local cloud store {location} is not available: {reason}.",
            "Check that the S3 endpoint is running and the bucket exists.",
        )


class CloudStore(Protocol):
    """Keyed objects with versions: the persistence of `LocalCloud` and the app registry."""

    location: str

    def read(self, key: str) -> Versioned | None: ...

    def write(self, key: str, body: bytes, *, expect: str | None = ANY_VERSION) -> str:
        """Write `body`; with `expect` None the key must not exist, with a version the object
        must still have it (`ANY_VERSION`: unconditional). Returns the new version.

        :raises VersionConflict: the condition does not hold.
        """
        ...

    def delete(self, key: str) -> None: ...

    def keys(self, prefix: str) -> list[str]: ...


def store_spec_from_env() -> str | None:
    return os.environ.get(STORE_ENV_VAR) or None


def default_store_dir() -> Path:
    """The per-user local cloud: `~/.amplify/local-cloud` (the Amplify home is overridable)."""
    return amplify_home() / "local-cloud"


class DirStore:
    """Objects as files under a folder; a conditional write holds an exclusive `flock`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*key.split("/"))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def read(self, key: str) -> Versioned | None:
        try:
            body = self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return None
        return Versioned(body, hashlib.sha256(body).hexdigest())

    def write(self, key: str, body: bytes, *, expect: str | None = ANY_VERSION) -> str:
        if expect == ANY_VERSION:
            write_bytes(self._path(key), body)
            return hashlib.sha256(body).hexdigest()
        with self._locked():
            current = self.read(key)
            if (current.version if current else None) != expect:
                raise VersionConflict(key)
            write_bytes(self._path(key), body)
        return hashlib.sha256(body).hexdigest()

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == self.root or not parent.is_relative_to(self.root):
                break
            with contextlib.suppress(OSError):
                parent.rmdir()

    def keys(self, prefix: str) -> list[str]:
        base = self._path(prefix.rstrip("/")) if prefix.rstrip("/") else self.root
        if not base.is_dir():
            return []
        found = []
        for dirpath, _dirs, files in os.walk(base):
            for name in files:
                if name.startswith("."):  # the lock file and write_bytes' temp files
                    continue
                found.append((Path(dirpath) / name).relative_to(self.root).as_posix())
        return sorted(found)


class S3Store:
    """Objects in one S3-compatible bucket under a prefix; versions are ETags."""

    def __init__(self, client: Any, bucket: str, prefix: str, location: str) -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.location = location

    def _call(self, operation: str, **kwargs: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, operation)(Bucket=self.bucket, **kwargs)
        except ClientError as err:
            code = str(err.response.get("Error", {}).get("Code", ""))
            status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code in {"PreconditionFailed", "ConditionalRequestConflict"} or status == 412:
                raise VersionConflict(kwargs.get("Key", "")) from err
            if code in {"NoSuchKey", "404"} and operation in {"get_object", "head_object"}:
                return None
            raise StoreUnavailableError(self.location, f"{code}: {err}") from err
        except BotoCoreError as err:
            raise StoreUnavailableError(self.location, str(err)) from err

    def read(self, key: str) -> Versioned | None:
        response = self._call("get_object", Key=self.prefix + key)
        if response is None:
            return None
        return Versioned(response["Body"].read(), str(response["ETag"]))

    def write(self, key: str, body: bytes, *, expect: str | None = ANY_VERSION) -> str:
        conditions: dict[str, str] = {}
        if expect is None:
            conditions["IfNoneMatch"] = "*"
        elif expect != ANY_VERSION:
            conditions["IfMatch"] = expect
        response = self._call("put_object", Key=self.prefix + key, Body=body, **conditions)
        return str(response["ETag"])

    def delete(self, key: str) -> None:
        self._call("delete_object", Key=self.prefix + key)

    def keys(self, prefix: str) -> list[str]:
        found: list[str] = []
        token: str | None = None
        while True:
            extra = {"ContinuationToken": token} if token else {}
            page = self._call("list_objects_v2", Prefix=self.prefix + prefix, **extra)
            found.extend(item["Key"][len(self.prefix) :] for item in page.get("Contents", []))
            token = page.get("NextContinuationToken")
            if not page.get("IsTruncated") or not token:
                return sorted(found)


def _s3_store(spec: str) -> S3Store:
    import boto3
    from botocore.config import Config

    url = urlparse(spec)
    if not url.netloc:
        raise InvalidStoreError(spec, "no bucket name")
    query = {name: values[-1] for name, values in parse_qs(url.query).items()}
    unknown = sorted(set(query) - {"endpoint", "region", "profile"})
    if unknown:
        raise InvalidStoreError(spec, f"unknown parameter '{unknown[0]}'")
    session = boto3.Session(profile_name=query.get("profile"))
    region = query.get("region") or session.region_name or "us-east-1"
    endpoint = query.get("endpoint")
    credentials: dict[str, str] = {}
    if endpoint and session.get_credentials() is None:
        # a local S3 (amplify mock storage) checks no signature; it still needs one to parse
        credentials = {"aws_access_key_id": "amplify-mock", "aws_secret_access_key": "mock"}
    client = session.client(
        "s3",
        region_name=region,
        endpoint_url=endpoint,
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
        **credentials,
    )
    return S3Store(client, url.netloc, url.path, spec)


def open_store(spec: str | None) -> CloudStore:
    """The store a URL names; None is the per-user folder.

    :raises InvalidStoreError: neither an s3:// URL nor an absolute path.
    """
    if not spec:
        return DirStore(default_store_dir())
    if spec.startswith("s3://"):
        return _s3_store(spec)
    path = Path(spec[len("file://") :] if spec.startswith("file://") else spec)
    if not path.is_absolute():
        raise InvalidStoreError(spec, "a folder must be an absolute path")
    return DirStore(path)
