"""Fixtures for the project engine: an isolated home, a fixed clock, an initialized project."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

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
    monkeypatch.delenv("AWS_CONFIG_FILE", raising=False)
    monkeypatch.delenv("AWS_SHARED_CREDENTIALS_FILE", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    yield home


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
