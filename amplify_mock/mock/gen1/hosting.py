"""The project's S3 hosting buckets (`amplify hosting add`), served by the local S3 as websites.

The bucket name is the deployed one (amplify-meta `hosting.S3AndCloudFront.output
.HostingBucketName`) when the hosting was pushed, else `<bucketName>-<env>` from the
resource's parameters.json, as its template names it; the index and error documents come
from the same parameters.json (`amplify hosting configure` writes them there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from amplify_mock.base.files import read_json
from amplify_mock.project.project import Project

if TYPE_CHECKING:
    from amplify_mock.simulators.cloudfront_front import CloudFrontFront

__all__ = ["HostingBucket", "find_hosting_buckets", "start_cloudfront_fronts"]

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


async def start_cloudfront_fronts(
    project: Project,
    hosting: tuple[HostingBucket, ...],
    origin: str,
    *,
    host: str,
    port: int | None,
    report: Callable[[str], None],
) -> list[CloudFrontFront]:
    """A caching front per PROD hosting bucket's CloudFront distribution (local cloud only).

    Each front is started; the caller stops them.
    """
    # Imported here: a project without PROD hosting never loads the local cloud.
    from amplify_mock.cloud.local import LocalCloud
    from amplify_mock.project.envs import cloud_for
    from amplify_mock.simulators.cloudfront_front import DEFAULT_CLOUDFRONT_PORT, CloudFrontFront

    fronts: list[CloudFrontFront] = []
    for bucket in hosting:
        if bucket.distribution_id is None:
            continue
        cloud = cloud_for(project, project.env_name)
        if not isinstance(cloud, LocalCloud):
            continue
        distribution = bucket.distribution_id
        front = CloudFrontFront(
            distribution,
            origin,
            bucket.bucket_name,
            partial(cloud.invalidations, distribution),
            host=host,
            port=DEFAULT_CLOUDFRONT_PORT if port is None else port,
        )
        await front.start()
        fronts.append(front)
        report(
            f"CloudFront distribution {distribution} of {bucket.bucket_name} is served "
            f"at {front.url}/"
        )
    return fronts
