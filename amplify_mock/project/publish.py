"""`amplify publish`: push, build the frontend, upload DistributionDir to the hosting bucket."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

from amplify_mock.base.files import read_json, remove_tree, write_bytes
from amplify_mock.errors import AmplifyMockError
from amplify_mock.project.categories.hosting import HOSTING_RESOURCE
from amplify_mock.project.configure import current_frontend
from amplify_mock.project.envs import MfaPrompt, cloud_for
from amplify_mock.project.errors import ResourceNotFoundError
from amplify_mock.project.project import Project

__all__ = ["FrontendCommandError", "PublishResult", "publish_frontend", "run_frontend_command"]


class FrontendCommandError(AmplifyMockError):
    """The frontend's build or start command failed."""

    def __init__(self, command: str, code: int) -> None:
        super().__init__(
            f"The command '{command}' exited with code {code}.",
            "Fix the command in amplify/.config/project-config.json or your project.",
        )


@dataclass(frozen=True)
class PublishResult:
    """What was uploaded where; `local` when the bucket is in the local cloud (no website
    URL of its own: the files are also copied to the project's mock data, where the local
    S3 of `amplify mock` serves them)."""

    bucket: str
    files: list[str]
    url: str
    local: bool = False
    index_document: str = "index.html"
    #: the PROD setup's CloudFront distribution and the invalidation `-c` created
    distribution_id: str | None = None
    cloudfront_url: str | None = None
    invalidation_id: str | None = None


def run_frontend_command(project: Project, key: str) -> None:
    """Run BuildCommand or StartCommand in the project root.

    :raises FrontendCommandError: the command exits non-zero.
    """
    command = current_frontend(project).config.get(key)
    if not command:
        return
    completed = subprocess.run(command, shell=True, cwd=project.root, check=False)
    if completed.returncode != 0:
        raise FrontendCommandError(command, completed.returncode)


def publish_frontend(
    project: Project,
    *,
    build: bool = True,
    invalidate: bool = False,
    mfa_prompt: MfaPrompt | None = None,
) -> PublishResult:
    """Upload DistributionDir to the hosting bucket (after the BuildCommand, if `build`);
    with `invalidate` and a CloudFront distribution (PROD), invalidate its cache (`/*`).

    :raises ResourceNotFoundError: hosting is not added or not pushed yet.
    :raises FrontendCommandError: the build failed.
    """
    output = (project.amplify_meta().get("hosting") or {}).get(HOSTING_RESOURCE, {}).get(
        "output"
    ) or {}
    bucket = output.get("HostingBucketName")
    if not bucket:
        raise ResourceNotFoundError("hosting", HOSTING_RESOURCE)
    if build:
        run_frontend_command(project, "BuildCommand")
    dist = project.root / current_frontend(project).config.get("DistributionDir", "dist")
    cloud = cloud_for(project, project.env_name, mfa_prompt=mfa_prompt)
    local = cloud.name == "local"
    served = project.paths.mock_data_dir / "S3" / bucket  # what `amplify mock` serves
    if local:
        remove_tree(served)
    uploaded = []
    for path in sorted(dist.rglob("*")) if dist.is_dir() else []:
        if path.is_file():
            key = path.relative_to(dist).as_posix()
            body = path.read_bytes()
            cloud.put_object(bucket, key, body)
            if local:
                write_bytes(served / key, body)
            uploaded.append(key)
    url = str(output.get("WebsiteURL", ""))
    parameters = read_json(
        project.paths.resource_dir("hosting", HOSTING_RESOURCE) / "parameters.json", default={}
    )
    distribution = output.get("CloudFrontDistributionID")
    invalidation = None
    if invalidate and distribution:
        invalidation = cloud.create_invalidation(str(distribution), ["/*"])
    return PublishResult(
        distribution_id=str(distribution) if distribution else None,
        cloudfront_url=str(output.get("CloudFrontSecureURL") or "") or None,
        invalidation_id=invalidation,
        bucket=bucket,
        files=uploaded,
        url=url,
        local=local,
        index_document=str(parameters.get("IndexDocument") or "index.html"),
    )
