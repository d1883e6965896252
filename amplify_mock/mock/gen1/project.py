"""What `amplify mock` needs to know about a project: its API, storage, functions, settings.

Read-only discovery over the project engine's `Project`; nothing here writes. The API is the
AppSync resource of amplify-meta.json (else backend-config.json), as the Amplify CLI picks it;
a storage bucket is named `<bucketName>-<env>` from the resource's parameters.json, which is
the name the frontend config carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json, write_text
from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.gen1.hosting import HostingBucket, find_hosting_buckets
from amplify_mock.mock.settings import (
    DEFAULT_GRAPHQL_PORT,
    DEFAULT_STORAGE_PORT,
    MockSettings,
    read_mock_settings,
)
from amplify_mock.project.errors import NotInitializedError
from amplify_mock.project.paths import ProjectPaths
from amplify_mock.project.project import Project

__all__ = [
    "DEFAULT_GRAPHQL_PORT",
    "DEFAULT_STORAGE_PORT",
    "MOCK_GITIGNORE_LINES",
    "MockProject",
    "MockSettings",
    "NoApiError",
    "StorageResource",
    "add_mock_paths_to_gitignore",
    "find_project_root",
    "load_mock_project",
]


class NoApiError(AmplifyMockError):
    def __init__(self) -> None:
        super().__init__(
            "No AppSync API is added to the project",
            "Use 'amplify add api' in the root of your app directory to create a GraphQL API.",
        )


@dataclass(frozen=True)
class StorageResource:
    """An S3 storage resource and the bucket name the mock serves it under."""

    name: str
    bucket_name: str
    trigger_function: str | None = None


@dataclass(frozen=True)
class MockProject:
    """An Amplify project seen by the mock."""

    project: Project
    env_name: str
    region: str
    api_name: str | None
    storage: tuple[StorageResource, ...]
    functions: tuple[str, ...]
    settings: MockSettings
    hosting: tuple[HostingBucket, ...] = ()  # website buckets the local S3 serves too

    @property
    def root(self) -> Path:
        return self.project.root

    @property
    def api_dir(self) -> Path:
        """:raises NoApiError: the project has no AppSync API."""
        if self.api_name is None:
            raise NoApiError()
        return self.project.paths.resource_dir("api", self.api_name)

    @property
    def mock_data_dir(self) -> Path:
        return self.project.paths.mock_data_dir

    @property
    def mock_api_resources_dir(self) -> Path:
        return self.project.paths.amplify_dir / "mock-api-resources"


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding an initialized `amplify/` project.

    As the Amplify CLI's mock commands (`amplify mock`, `amplify mock function`) find it: a
    folder with `amplify/.config/project-config.json`, so they run from any subfolder.

    :raises NotInitializedError: there is none.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if ProjectPaths(folder).is_initialized():
            return folder
    raise NotInitializedError(start)


def _resources(project: Project, category: str) -> dict[str, dict[str, Any]]:
    """A category's resources from amplify-meta.json, else backend-config.json."""
    meta = project.amplify_meta().get(category) or project.backend_config().get(category) or {}
    return {name: dict(entry) for name, entry in meta.items() if isinstance(entry, dict)}


def _api_name(project: Project) -> str | None:
    for name, entry in _resources(project, "api").items():
        if entry.get("service") == "AppSync":
            return name
    return None


def _storage(project: Project, env: str) -> tuple[StorageResource, ...]:
    found = []
    for name, entry in _resources(project, "storage").items():
        if entry.get("service") != "S3":
            continue
        folder = project.paths.resource_dir("storage", name)
        parameters = read_json(folder / "parameters.json", default={})
        inputs = read_json(folder / "cli-inputs.json", default={})
        bucket = parameters.get("bucketName") or inputs.get("bucketName") or name
        trigger = parameters.get("triggerFunction") or inputs.get("triggerFunction")
        found.append(
            StorageResource(
                name=name,
                bucket_name=f"{bucket}-{env}",
                trigger_function=None if trigger in (None, "NONE") else str(trigger),
            )
        )
    return tuple(found)


def _settings(project: Project) -> MockSettings:
    return read_mock_settings(project.paths.amplify_dir / "mock.json")


def load_mock_project(root: Path) -> MockProject:
    """Discover what to mock in the project at `root`.

    :raises NotInitializedError: `root` is not an Amplify project.
    :raises MockSettingsError: amplify/mock.json is not valid (`mock/settings.py`).
    """
    project = Project.open(root)
    env = str(project.local_env_info().get("envName") or "NONE")
    providers = project.amplify_meta().get("providers") or {}
    region = str((providers.get("awscloudformation") or {}).get("Region") or "us-east-1")
    functions = tuple(sorted(_resources(project, "function")))
    return MockProject(
        project=project,
        env_name=env,
        region=region,
        api_name=_api_name(project),
        storage=_storage(project, env),
        functions=functions,
        settings=_settings(project),
        hosting=find_hosting_buckets(project, env),
    )


#: The lines `amplify mock` makes sure the project's .gitignore has (mock state is local).
MOCK_GITIGNORE_LINES = (
    "amplify/mock-data",
    "amplify/mock-api-resources",
    "amplify/backend/function/*/.amplify-mock",  # the Lambda runner's build stamps
)


def add_mock_paths_to_gitignore(project_root: Path) -> list[str]:
    """Append the mock's folders to an existing .gitignore, once; returns the lines added."""
    path = project_root / ".gitignore"
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    present = {line.strip().rstrip("/") for line in text.splitlines()}
    missing = [line for line in MOCK_GITIGNORE_LINES if line not in present]
    if missing:
        separator = "" if text.endswith("\n") or not text else "\n"
        write_text(path, text + separator + "\n".join(missing) + "\n")
    return missing
