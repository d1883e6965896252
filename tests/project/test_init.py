"""`init_project`: the documented amplify/ tree, the root stack, rollback on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amplify_mock.cloud.provider import DeploymentError
from amplify_mock.project.errors import InvalidNameError
from amplify_mock.project.init import InitRequest, init_project
from amplify_mock.project.project import Project
from tests.project.conftest import FIXED_NOW, local_cloud, make_request

STACK = "amplify-todoapp-dev-030405"


def _json(path: Path) -> object:
    return json.loads(path.read_text())


def test_init_writes_documented_tree(project: Project) -> None:
    amplify = project.root / "amplify"
    for relative in (
        ".config/project-config.json",
        ".config/local-aws-info.json",
        ".config/local-env-info.json",
        "backend/backend-config.json",
        "backend/amplify-meta.json",
        "#current-cloud-backend/amplify-meta.json",
        "team-provider-info.json",
        "cli.json",
    ):
        assert (amplify / relative).is_file(), relative
    assert (project.root / "src" / "aws-exports.js").is_file()
    assert "#amplify-do-not-edit-begin" in (project.root / ".gitignore").read_text()


def test_init_project_config_has_frontend_and_providers(project: Project) -> None:
    assert _json(project.paths.project_config) == {
        "projectName": "todoapp",
        "version": "3.1",
        "frontend": "javascript",
        "javascript": {
            "framework": "react",
            "config": {
                "SourceDir": "src",
                "DistributionDir": "build",
                "BuildCommand": "npm run-script build",
                "StartCommand": "npm run-script start",
            },
        },
        "providers": ["awscloudformation"],
    }


def test_init_root_stack_outputs_in_team_provider_info_and_meta(project: Project) -> None:
    provider = project.team_provider_info()["dev"]["awscloudformation"]
    assert list(provider) == [
        "AuthRoleName",
        "UnauthRoleArn",
        "AuthRoleArn",
        "Region",
        "DeploymentBucketName",
        "UnauthRoleName",
        "StackName",
        "StackId",
        "AmplifyAppId",
    ]
    assert provider["StackName"] == STACK
    assert len(provider["AmplifyAppId"]) == 14
    assert provider["DeploymentBucketName"] == f"{STACK}-deployment"
    assert provider["AuthRoleArn"] == f"arn:aws:iam::123456789012:role/{STACK}-authRole"
    assert provider["StackId"].startswith(
        f"arn:aws:cloudformation:us-east-1:123456789012:stack/{STACK}/"
    )
    assert project.amplify_meta() == {"providers": {"awscloudformation": provider}}
    assert project.current_amplify_meta() == {"providers": {"awscloudformation": provider}}


def test_init_deploys_to_the_per_user_local_cloud(project: Project, isolated_home: Path) -> None:
    cloud = local_cloud()
    assert cloud.list_objects(f"{STACK}-deployment") == ["#current-cloud-backend.zip"]
    assert cloud.stack_names() == [STACK]
    assert (isolated_home / ".amplify/local-cloud/stacks" / f"{STACK}.json").is_file()
    assert not project.paths.mock_data_dir.exists()


def test_init_keeps_access_keys_out_of_the_project(project: Project, isolated_home: Path) -> None:
    entry = project.local_aws_info()["dev"]
    assert entry["configLevel"] == "project"
    assert entry["useProfile"] is False
    key_file = Path(entry["awsConfigFilePath"])
    assert key_file.parent == isolated_home / ".amplify" / "awscloudformation"
    assert json.loads(key_file.read_text())["accessKeyId"] == "AKIDEXAMPLE"
    assert "secret" not in project.paths.local_aws_info.read_text()


def test_init_local_env_info(project: Project) -> None:
    assert project.local_env_info() == {
        "projectPath": str(project.root),
        "defaultEditor": "code",
        "envName": "dev",
    }


def test_init_android_writes_awsconfiguration(project_root: Path) -> None:
    request = make_request(frontend='{"frontend": "android", "config": {"ResDir": "app/res"}}')
    result = init_project(project_root, request, clock=lambda: FIXED_NOW)
    raw = project_root / "app" / "res" / "raw"
    assert result.config_files == [raw / "awsconfiguration.json", raw / "amplifyconfiguration.json"]
    assert _json(raw / "amplifyconfiguration.json") == {
        "UserAgent": "aws-amplify-cli/2.0",
        "Version": "1.0",
    }


def test_init_rejects_bad_env_name(project_root: Path) -> None:
    request = make_request(env="Dev-1")
    with pytest.raises(InvalidNameError) as err:
        init_project(project_root, request)
    assert err.value.message == "Invalid environment name 'Dev-1': use 2 to 10 lowercase letters."
    assert not (project_root / "amplify").exists()


def test_init_failed_root_stack_removes_amplify_dir(
    project_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise DeploymentError("amplify-todoapp-dev-030405", "DeploymentBucket", "boom")

    monkeypatch.setattr("amplify_mock.cloud.local.cloud.LocalCloud.deploy_stack", fail)
    with pytest.raises(DeploymentError):
        init_project(project_root, make_request(), clock=lambda: FIXED_NOW)
    assert not (project_root / "amplify").exists()


def test_init_attaches_to_existing_env_of_cloned_project(project: Project) -> None:
    (project.paths.config_dir / "local-env-info.json").unlink()
    result = init_project(project.root, make_request(), clock=lambda: FIXED_NOW)
    assert result.created_env is False
    assert result.project.env_name == "dev"
    assert list(result.project.team_provider_info()) == ["dev"]


def test_init_request_defaults(project_root: Path) -> None:
    request = InitRequest(project_name="abc", env_name="dev", frontend=make_request().frontend)
    result = init_project(project_root, request, clock=lambda: FIXED_NOW)
    assert result.project.local_aws_info()["dev"] == {
        "configLevel": "project",
        "useProfile": True,
        "profileName": "default",
    }
