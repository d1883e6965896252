"""Fixtures for the project engine: an isolated home, a fixed clock, an initialized project."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.local.store import DirStore, default_store_dir
from amplify_mock.project.headless import parse_frontend, parse_providers
from amplify_mock.project.init import InitRequest, init_project
from amplify_mock.project.project import Project

FIXED_NOW = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)

KEYS_PROVIDER = (
    '{"awscloudformation": {"configLevel": "project", "useProfile": false,'
    ' "accessKeyId": "AKIDEXAMPLE", "secretAccessKey": "secret", "region": "us-east-1"}}'
)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point HOME and AMPLIFY_HOME at a temp dir; deploy to the local cloud."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("AMPLIFY_HOME", raising=False)
    monkeypatch.delenv("AMPLIFY_MOCK_CLOUD", raising=False)
    monkeypatch.delenv("AMPLIFY_MOCK_CLOUD_STORE", raising=False)
    monkeypatch.delenv("AWS_CONFIG_FILE", raising=False)
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    yield home


def local_cloud() -> LocalCloud:
    """The per-user local cloud of the isolated home (where projects deploy by default)."""
    return LocalCloud(DirStore(default_store_dir()))


def make_request(
    env: str = "dev", frontend: str = '{"frontend": "javascript", "framework": "react"}'
) -> InitRequest:
    return InitRequest(
        project_name="todoapp",
        env_name=env,
        frontend=parse_frontend(frontend),
        providers=parse_providers(KEYS_PROVIDER),
    )


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    root.mkdir()
    return root


@pytest.fixture
def project(project_root: Path) -> Project:
    """An initialized javascript project with env `dev` on the local cloud."""
    return init_project(project_root, make_request(), clock=lambda: FIXED_NOW).project


API_BUILD = Path(__file__).resolve().parent / "data" / "api_build_todo"


@pytest.fixture
def fake_api_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace `compile_api` with a copy of the real v1 transformer's output for a Todo model
    (tests/project/data/api_build_todo, from the oracle), so push tests do not depend on the
    Python transformer's progress."""
    import shutil

    def compile_api(project_root: Path, api_name: str | None = None, **_: object) -> None:
        assert api_name is not None
        target = project_root / "amplify" / "backend" / "api" / api_name / "build"
        shutil.copytree(API_BUILD, target, dirs_exist_ok=True)

    monkeypatch.setattr("amplify_mock.project.api_build.compile_api", compile_api)
