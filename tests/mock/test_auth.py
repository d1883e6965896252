"""The local pool's settings from the project's auth resource, and seed users."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from amplify_mock.mock.auth import (
    SeedUsersError,
    ensure_project_groups,
    find_auth_resource,
    load_seed_users,
    pool_settings,
)
from amplify_mock.project.categories.auth import add_auth
from amplify_mock.project.project import Project
from amplify_mock.simulators.cognito import PasswordPolicy, UserPool

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(DEMO, tmp_path / "demo")
    project = Project.open(tmp_path / "demo")
    add_auth(project, "demoauth")
    return project


def test_settings_from_parameters_and_stable_ids(project: Project) -> None:
    folder = project.paths.resource_dir("auth", "demoauth")
    parameters = json.loads((folder / "parameters.json").read_text())
    parameters.update(
        passwordPolicyMinLength=10,
        passwordPolicyCharacters=["Requires Numbers", "Requires Symbols"],
        usernameAttributes=["email"],
        allowUnauthenticatedIdentities=False,
    )
    (folder / "parameters.json").write_text(json.dumps(parameters))
    auth = find_auth_resource(project)
    assert auth is not None and auth.name == "demoauth"
    settings = pool_settings(project, auth, "eu-west-1")
    assert settings.password_policy == PasswordPolicy(
        min_length=10, require_numbers=True, require_symbols=True
    )
    assert settings.username_attributes == ("email",)
    assert settings.allow_unauthenticated is False
    assert settings.user_pool_id.startswith("eu-west-1_") and len(settings.pool_name) == 9
    assert settings.identity_pool_id is not None
    assert settings.identity_pool_id.startswith("eu-west-1:")
    assert pool_settings(project, auth, "eu-west-1") == settings  # stable across runs


def test_pushed_ids_are_kept(project: Project) -> None:
    meta = project.amplify_meta()
    meta.setdefault("auth", {})["demoauth"] = {
        "service": "Cognito",
        "output": {
            "UserPoolId": "us-west-2_AbCdEfGhI",
            "AppClientIDWeb": "webclient123",
            "AppClientID": "nativeclient456",
            "IdentityPoolId": "us-west-2:11111111-2222-3333-4444-555555555555",
        },
    }
    project.write_amplify_meta(meta)
    auth = find_auth_resource(project)
    assert auth is not None
    settings = pool_settings(project, auth, "us-east-1")
    assert settings.user_pool_id == "us-west-2_AbCdEfGhI" and settings.region == "us-west-2"
    assert settings.client_ids == ("webclient123", "nativeclient456")
    assert settings.identity_pool_id == "us-west-2:11111111-2222-3333-4444-555555555555"


def test_seed_users_are_created_once_and_bad_files_name_the_problem(
    project: Project, tmp_path: Path
) -> None:
    auth = find_auth_resource(project)
    assert auth is not None
    pool = UserPool(pool_settings(project, auth, "us-east-1"), tmp_path / "data")
    seed = tmp_path / "seed"
    (seed / "cognito").mkdir(parents=True)
    users = seed / "cognito" / "users.json"
    users.write_text(
        json.dumps(
            [
                {"username": "ann", "password": "Correct-horse-1", "groups": ["Admin"]},
                {
                    "username": "ben",
                    "password": "Correct-horse-2",
                    "attributes": {"email": "b@x.io"},
                },
            ]
        )
    )
    assert load_seed_users(pool, seed) == 2
    assert load_seed_users(pool, seed) == 0
    ann = pool.user("ann")
    assert ann.status == "CONFIRMED" and pool.password_matches(ann, "Correct-horse-1")
    assert [g.name for g in pool.store.groups_of("ann")] == ["Admin"]
    assert pool.user("ben").attributes["email_verified"] == "true"
    users.write_text('[{"username": "cy"}')
    with pytest.raises(SeedUsersError) as caught:
        load_seed_users(pool, seed)
    assert str(caught.value) == f"{users}: 1:20: Expecting ',' delimiter"
    users.write_text('[{"username": "cy", "password": "short"}]')
    with pytest.raises(SeedUsersError) as caught:
        load_seed_users(pool, seed)
    assert str(caught.value) == (
        f"{users}: user cy: Password did not conform with policy: Password not long enough"
    )


def test_project_user_pool_groups_are_created(project: Project, tmp_path: Path) -> None:
    folder = project.paths.resource_dir("auth", "userPoolGroups")
    folder.mkdir(parents=True)
    (folder / "user-pool-group-precedence.json").write_text(
        json.dumps([{"groupName": "Admin", "precedence": 1}, {"groupName": "Editors"}])
    )
    auth = find_auth_resource(project)
    assert auth is not None
    pool = UserPool(pool_settings(project, auth, "us-east-1"), tmp_path / "data")
    assert ensure_project_groups(pool, project) == ["Admin", "Editors"]
    assert ensure_project_groups(pool, project) == []
    assert pool.store.groups["Admin"].precedence == 1
