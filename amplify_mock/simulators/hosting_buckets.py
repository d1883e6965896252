"""The project's S3 hosting buckets (`amplify hosting add`), which the local S3 serves as websites.

The bucket name is the deployed one (amplify-meta `hosting.S3AndCloudFront.output
.HostingBucketName`) when the hosting was pushed, else `<bucketName>-<env>` from the
resource's parameters.json, as its template names it; the index and error documents come
from the same parameters.json (`amplify hosting configure` writes them there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from amplify_mock.base.files import read_json
from amplify_mock.project.project import Project

__all__ = ["HostingBucket", "find_hosting_buckets"]

_DEFAULT_INDEX = "index.html"


@dataclass(frozen=True)
class HostingBucket:
    """A static website bucket of the project and its index and error documents."""

    resource: str
    bucket_name: str
    index_document: str = _DEFAULT_INDEX
    error_document: str | None = _DEFAULT_INDEX
    #: the PROD setup's CloudFront distribution (pushed), served by the local front
    distribution_id: str | None = None


def _entries(project: Project) -> dict[str, dict[str, Any]]:
    meta = project.amplify_meta().get("hosting") or project.backend_config().get("hosting") or {}
    return {name: dict(entry) for name, entry in meta.items() if isinstance(entry, dict)}


def find_hosting_buckets(project: Project, env: str) -> tuple[HostingBucket, ...]:
    """The S3 (S3AndCloudFront) hosting resources of the project, by served bucket name."""
    found = []
    for name, entry in _entries(project).items():
        if entry.get("service") != "S3AndCloudFront":
            continue
        folder = project.paths.resource_dir("hosting", name)
        parameters = read_json(folder / "parameters.json", default={})
        deployed = (entry.get("output") or {}).get("HostingBucketName")
        base = parameters.get("bucketName")
        if deployed:
            bucket = str(deployed)
        elif base:
            bucket = str(base) if env == "NONE" else f"{base}-{env}"
        else:
            continue
        found.append(
            HostingBucket(
                resource=name,
                bucket_name=bucket,
                index_document=str(parameters.get("IndexDocument") or _DEFAULT_INDEX),
                error_document=str(parameters.get("ErrorDocument") or "") or None,
                distribution_id=(entry.get("output") or {}).get("CloudFrontDistributionID"),
            )
        )
    return tuple(found)
