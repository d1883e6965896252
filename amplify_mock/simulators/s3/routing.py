"""Which bucket, key and S3 operation a request addresses (path-style or virtual-host-style)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from aiohttp import web

from amplify_mock.simulators.s3.errors import MethodNotAllowed, NotImplementedOperation
from amplify_mock.simulators.s3.state import S3Access

__all__ = ["Target", "access_of", "operation_name", "resolve_target"]

#: Sub-resources the mock does not emulate; a request naming one gets NotImplemented.
_UNSUPPORTED = frozenset(
    {
        "accelerate", "acl", "analytics", "attributes", "cors", "encryption",
        "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "logging", "metrics",
        "notification", "object-lock", "ownershipControls", "policy", "policyStatus",
        "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select",
        "tagging", "torrent", "versioning", "versions", "website",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Target:
    """The addressed bucket and key (None when the request is for the service or bucket)."""

    bucket: str | None
    key: str | None
    virtual_host: bool = False


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def resolve_target(request: web.BaseRequest, suffixes: Sequence[str]) -> Target:
    """Virtual-host style when the Host is `<bucket>.<suffix>`, else path style `/<bucket>/<key>`.

    The path is percent-decoded exactly once, so `%2F` becomes part of the key (and is then
    checked like any `/`), and `+` stays a plus, as in S3 paths.
    """
    hostname = _hostname(request.headers.get("Host", "")).lower()
    path = unquote(request.rel_url.raw_path, errors="strict")
    for suffix in suffixes:
        if hostname.endswith("." + suffix) and len(hostname) > len(suffix) + 1:
            bucket = hostname[: -len(suffix) - 1]
            key = path[1:] if path.startswith("/") else path
            return Target(bucket, key or None, virtual_host=True)
    trimmed = path[1:] if path.startswith("/") else path
    if not trimmed:
        return Target(None, None)
    bucket, _, key = trimmed.partition("/")
    return Target(bucket, key or None)


def operation_name(
    method: str, target: Target, query: Mapping[str, str], headers: Mapping[str, str]
) -> str:
    """The S3 API operation name for a request (the key into the handler table).

    :raises NotImplementedOperation: a sub-resource the mock does not emulate.
    :raises MethodNotAllowed: no S3 operation matches the method and resource.
    """
    unsupported = sorted(_UNSUPPORTED.intersection(query))
    if unsupported:
        raise NotImplementedOperation(
            f"The local S3 mock does not emulate the '{unsupported[0]}' sub-resource",
            Method=method,
        )
    if target.bucket is None:
        if method == "GET":
            return "ListBuckets"
        raise MethodNotAllowed(Method=method, ResourceType="SERVICE")
    if target.key is None:
        if method == "GET":
            if "location" in query:
                return "GetBucketLocation"
            if "uploads" in query:
                return "ListMultipartUploads"
            return "ListObjectsV2" if query.get("list-type") == "2" else "ListObjects"
        if method == "POST":
            if "delete" in query:
                return "DeleteObjects"
            raise NotImplementedOperation(
                "The local S3 mock does not emulate POST (browser form) uploads", Method=method
            )
        bucket_ops = {"PUT": "CreateBucket", "HEAD": "HeadBucket", "DELETE": "DeleteBucket"}
        if method in bucket_ops:
            return bucket_ops[method]
        raise MethodNotAllowed(Method=method, ResourceType="BUCKET")
    if method == "PUT":
        if "uploadId" in query:
            return "UploadPartCopy" if "x-amz-copy-source" in headers else "UploadPart"
        return "CopyObject" if "x-amz-copy-source" in headers else "PutObject"
    if method in ("GET", "HEAD"):
        if "uploadId" in query and method == "GET":
            return "ListParts"
        return "GetObject" if method == "GET" else "HeadObject"
    if method == "DELETE":
        return "AbortMultipartUpload" if "uploadId" in query else "DeleteObject"
    if method == "POST":
        if "uploads" in query:
            return "CreateMultipartUpload"
        if "uploadId" in query:
            return "CompleteMultipartUpload"
    raise MethodNotAllowed(Method=method, ResourceType="OBJECT")


def _credential_access_key(request: web.BaseRequest, query: Mapping[str, str]) -> str | None:
    credential = query.get("X-Amz-Credential")
    if credential is None:
        authorization = request.headers.get("Authorization", "")
        _, found, rest = authorization.partition("Credential=")
        credential = rest if found else None
    return credential.split("/", 1)[0] if credential else None


def access_of(
    request: web.BaseRequest, operation: str, target: Target, query: Mapping[str, str]
) -> S3Access:
    """The request as an authorizer sees it: a list's `prefix` stands in for the key."""
    key = target.key or ""
    if operation in ("ListObjects", "ListObjectsV2"):
        key = query.get("prefix", "")
    token = request.headers.get("X-Amz-Security-Token") or query.get("X-Amz-Security-Token")
    return S3Access(
        operation,
        target.bucket or "",
        key,
        token or None,
        _credential_access_key(request, query),
    )
