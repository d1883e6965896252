"""Where the project files live: the documented layout of the `amplify/` folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["CURRENT_CLOUD_BACKEND", "ProjectPaths"]

CURRENT_CLOUD_BACKEND = "#current-cloud-backend"


@dataclass(frozen=True)
class ProjectPaths:
    """The documented layout of the `amplify/` folder under a project root."""

    root: Path

    @property
    def amplify_dir(self) -> Path:
        return self.root / "amplify"

    @property
    def config_dir(self) -> Path:
        return self.amplify_dir / ".config"

    @property
    def project_config(self) -> Path:
        return self.config_dir / "project-config.json"

    @property
    def local_env_info(self) -> Path:
        return self.config_dir / "local-env-info.json"

    @property
    def local_aws_info(self) -> Path:
        return self.config_dir / "local-aws-info.json"

    @property
    def backend_dir(self) -> Path:
        return self.amplify_dir / "backend"

    @property
    def current_cloud_backend_dir(self) -> Path:
        return self.amplify_dir / CURRENT_CLOUD_BACKEND

    @property
    def backend_config(self) -> Path:
        return self.backend_dir / "backend-config.json"

    @property
    def amplify_meta(self) -> Path:
        return self.backend_dir / "amplify-meta.json"

    @property
    def current_amplify_meta(self) -> Path:
        return self.current_cloud_backend_dir / "amplify-meta.json"

    @property
    def current_backend_config(self) -> Path:
        return self.current_cloud_backend_dir / "backend-config.json"

    @property
    def team_provider_info(self) -> Path:
        return self.amplify_dir / "team-provider-info.json"

    @property
    def mock_data_dir(self) -> Path:
        return self.amplify_dir / "mock-data"

    @property
    def cli_json(self) -> Path:
        return self.amplify_dir / "cli.json"

    def resource_dir(self, category: str, name: str) -> Path:
        return self.backend_dir / category / name

    def is_initialized(self) -> bool:
        return self.project_config.is_file()
