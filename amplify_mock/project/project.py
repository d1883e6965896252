"""The project's JSON files, read and written as one object (`Project`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json, write_json
from amplify_mock.cloud.local.store import store_spec_from_env
from amplify_mock.project.errors import EnvNotFoundError, NotInitializedError
from amplify_mock.project.paths import ProjectPaths

__all__ = ["LOCAL_CLOUD_KEY", "PROVIDER_NAME", "Project"]

#: the provider plugin name recorded in the project files (the Amplify CLI's only official one)
PROVIDER_NAME = "awscloudformation"

#: project-config.json key naming the team's local cloud store: {"store": "s3://..."}
LOCAL_CLOUD_KEY = "localCloud"


@dataclass
class Project:
    """An initialized Amplify project: the `amplify/` tree under `root`."""

    root: Path

    @property
    def paths(self) -> ProjectPaths:
        return ProjectPaths(self.root)

    @classmethod
    def open(cls, root: Path) -> Project:
        """:raises NotInitializedError: `root` has no amplify/.config/project-config.json."""
        project = cls(root.resolve())
        if not project.paths.is_initialized():
            raise NotInitializedError(project.root)
        return project

    # -- project-config.json, local-env-info.json, local-aws-info.json ---------------------
    def project_config(self) -> dict[str, Any]:
        return dict(read_json(self.paths.project_config))

    def write_project_config(self, config: dict[str, Any]) -> None:
        write_json(self.paths.project_config, config)

    @property
    def name(self) -> str:
        return str(self.project_config()["projectName"])

    @property
    def frontend(self) -> str:
        return str(self.project_config()["frontend"])

    @property
    def cloud_store(self) -> str | None:
        """The local cloud store the team shares: project-config.json's `localCloud.store`
        (tracked, so every clone deploys to the same place), else `$AMPLIFY_MOCK_CLOUD_STORE`,
        else None (the per-user `~/.amplify/local-cloud`)."""
        config = read_json(self.paths.project_config, default={})
        store = (config.get(LOCAL_CLOUD_KEY) or {}).get("store")
        return str(store) if store else store_spec_from_env()

    def local_env_info(self) -> dict[str, Any]:
        return dict(read_json(self.paths.local_env_info, default={}))

    def write_local_env_info(self, info: dict[str, Any]) -> None:
        write_json(self.paths.local_env_info, info)

    @property
    def env_name(self) -> str:
        """The checked-out environment.

        :raises NotInitializedError: local-env-info.json names no environment.
        """
        env = self.local_env_info().get("envName")
        if not env:
            raise NotInitializedError(self.root)
        return str(env)

    def local_aws_info(self) -> dict[str, Any]:
        return dict(read_json(self.paths.local_aws_info, default={}))

    def write_local_aws_info(self, info: dict[str, Any]) -> None:
        write_json(self.paths.local_aws_info, info)

    # -- team-provider-info.json ----------------------------------------------------------
    def team_provider_info(self) -> dict[str, Any]:
        return dict(read_json(self.paths.team_provider_info, default={}))

    def write_team_provider_info(self, info: dict[str, Any]) -> None:
        write_json(self.paths.team_provider_info, info)

    def env_names(self) -> list[str]:
        return list(self.team_provider_info())

    def env_info(self, env: str) -> dict[str, Any]:
        """:raises EnvNotFoundError: `env` is not in team-provider-info.json."""
        info = self.team_provider_info()
        if env not in info:
            raise EnvNotFoundError(env, info)
        return dict(info[env])

    def provider_info(self, env: str | None = None) -> dict[str, Any]:
        """The root-stack outputs of an environment (the current one by default)."""
        return dict(self.env_info(env or self.env_name).get(PROVIDER_NAME) or {})

    # -- backend-config.json, amplify-meta.json -------------------------------------------
    def backend_config(self) -> dict[str, Any]:
        return dict(read_json(self.paths.backend_config, default={}))

    def write_backend_config(self, config: dict[str, Any]) -> None:
        write_json(self.paths.backend_config, config)

    def amplify_meta(self) -> dict[str, Any]:
        return dict(read_json(self.paths.amplify_meta, default={}))

    def write_amplify_meta(self, meta: dict[str, Any]) -> None:
        write_json(self.paths.amplify_meta, meta)

    def current_amplify_meta(self) -> dict[str, Any]:
        return dict(read_json(self.paths.current_amplify_meta, default={}))

    def resources(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(category, resource name, backend-config entry) for every local resource."""
        found = []
        for category, resources in self.backend_config().items():
            for name, entry in (resources or {}).items():
                found.append((category, name, dict(entry)))
        return found
