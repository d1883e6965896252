"""Project discovery for `amplify mock`: API, storage buckets, functions, mock.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from amplify_mock.mock.gen1.project import (
    NoApiError,
    StorageResource,
    add_mock_paths_to_gitignore,
    find_project_root,
    load_mock_project,
)
from amplify_mock.mock.settings import MockSettingsError
from amplify_mock.project.errors import NotInitializedError

DEMO = Path(__file__).resolve().parents[3] / "examples" / "demo"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


def test_mock_project_discovers_the_demo(project: Path) -> None:
    mock = load_mock_project(project)
    assert mock.api_name == "demoapi"
    assert mock.api_dir == project.resolve() / "amplify" / "backend" / "api" / "demoapi"
    assert mock.env_name == "dev"
    assert mock.region == "us-east-1"
    assert mock.storage == (StorageResource(name="demofiles", bucket_name="demofiles-dev"),)
    assert mock.functions == ("wordCount",)
    assert mock.settings.graphql_port == 20002
    assert mock.settings.storage_port == 20005


def test_mock_project_root_found_from_a_subfolder(project: Path) -> None:
    assert find_project_root(project / "src") == project.resolve()


def test_mock_project_not_an_amplify_project(tmp_path: Path) -> None:
    with pytest.raises(NotInitializedError) as err:
        find_project_root(tmp_path)
    assert str(err.value) == f"No Amplify project found in {tmp_path.resolve()}."


def test_mock_project_without_api(project: Path) -> None:
    for name in ("amplify-meta.json", "backend-config.json"):
        path = project / "amplify" / "backend" / name
        data = json.loads(path.read_text())
        data.pop("api")
        path.write_text(json.dumps(data))
    mock = load_mock_project(project)
    assert mock.api_name is None
    with pytest.raises(NoApiError) as err:
        _ = mock.api_dir
    assert str(err.value) == "No AppSync API is added to the project"
    assert err.value.resolution == (
        "Use 'amplify add api' in the root of your app directory to create a GraphQL API."
    )


def test_mock_project_settings_from_mock_json(project: Path) -> None:
    (project / "amplify" / "mock.json").write_text('{"graphqlPort": 20102, "storagePort": 20105}')
    settings = load_mock_project(project).settings
    assert (settings.graphql_port, settings.storage_port) == (20102, 20105)


def test_mock_project_bad_mock_json(project: Path) -> None:
    path = project / "amplify" / "mock.json"
    path.write_text('{"graphqlPort": }')
    with pytest.raises(MockSettingsError) as err:
        load_mock_project(project)
    assert str(err.value) == f"{path}: 1:17: Expecting value"


def test_mock_project_gitignore_lines_added_once(project: Path) -> None:
    gitignore = project / ".gitignore"
    gitignore.write_text("node_modules/\n")
    assert add_mock_paths_to_gitignore(project) == [
        "amplify/mock-data",
        "amplify/mock-api-resources",
        "amplify/backend/function/*/.amplify-mock",
    ]
    assert add_mock_paths_to_gitignore(project) == []
    assert gitignore.read_text() == (
        "node_modules/\namplify/mock-data\namplify/mock-api-resources\n"
        "amplify/backend/function/*/.amplify-mock\n"
    )


def test_mock_project_gitignore_absent_is_left_absent(project: Path) -> None:
    (project / ".gitignore").unlink()
    assert add_mock_paths_to_gitignore(project) == []
    assert not (project / ".gitignore").exists()
