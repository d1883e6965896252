"""`amplify init --app <repository>`: clone a sample app that carries an amplify/ folder."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from amplify_mock.base.files import read_json
from amplify_mock.errors import AmplifyMockError
from amplify_mock.project.frontends import get_frontend
from amplify_mock.project.headless import FrontendArgs
from amplify_mock.project.paths import ProjectPaths

__all__ = ["SampleApp", "SampleAppError", "clone_sample_app"]


class SampleAppError(AmplifyMockError):
    """The sample app cannot be cloned or is not an Amplify sample."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Cannot use the sample app: {reason}.")


@dataclass(frozen=True)
class SampleApp:
    project_name: str
    frontend: FrontendArgs


def clone_sample_app(root: Path, url: str) -> SampleApp:
    """Clone `url` into the empty folder `root` and read its project-config.json.

    Not emulated: installing the app's npm/yarn dependencies and starting it.

    :raises SampleAppError: `root` is not empty, the clone failed, or the repository has no
        amplify/.config/project-config.json or amplify/backend/backend-config.json.
    """
    if root.exists() and any(root.iterdir()):
        raise SampleAppError(f"{root} is not empty; --app needs an empty directory")
    git = shutil.which("git")
    if git is None:
        raise SampleAppError("git is not installed")
    completed = subprocess.run(
        [git, "clone", "--depth", "1", url, str(root)], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SampleAppError(f"git clone {url} failed: {completed.stderr.strip()}")
    paths = ProjectPaths(root)
    for required in (paths.project_config, paths.backend_config):
        if not required.is_file():
            raise SampleAppError(f"the repository has no {required.relative_to(root)}")
    config = read_json(paths.project_config)
    name = str(config.get("frontend", "javascript"))
    handler = get_frontend(name)
    handler_config = config.get(name) or {}
    framework = handler_config.get("framework")
    return SampleApp(
        project_name=str(config.get("projectName", root.name)),
        frontend=FrontendArgs(
            name, framework, handler.validate(framework, handler_config.get("config") or {})
        ),
    )
