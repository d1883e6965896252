"""Environments: add, checkout, pull, remove, import."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.local.apps import app_envs
from amplify_mock.project.envs import add_env, checkout_env, create_env, import_env, remove_env
from amplify_mock.project.errors import (
    EnvExistsError,
    EnvNotFoundError,
    EnvStackNotFoundError,
    HeadlessArgumentError,
    ProjectOperationError,
)
from amplify_mock.project.project import Project
from tests.project.conftest import local_cloud

PROFILE = {"configLevel": "project", "useProfile": True, "profileName": "default"}
LATER = dt.datetime(2024, 1, 2, 4, 0, 0, tzinfo=dt.UTC)


def test_create_env_deploys_own_root_stack(project: Project) -> None:
    outputs = create_env(project, "prod", PROFILE, clock=lambda: LATER)
    assert outputs["StackName"] == "amplify-todoapp-prod-040000"
    assert list(project.team_provider_info()) == ["dev", "prod"]
    assert project.local_aws_info()["prod"] == PROFILE
    assert project.env_name == "dev"


def test_create_env_rejects_existing(project: Project) -> None:
    with pytest.raises(EnvExistsError) as err:
        create_env(project, "dev", PROFILE)
    assert err.value.message == "Environment 'dev' already exists."


def test_checkout_env_switches_meta_and_config(project: Project) -> None:
    create_env(project, "prod", PROFILE, clock=lambda: LATER)
    checkout_env(project, "prod")
    assert project.env_name == "prod"
    stack = project.amplify_meta()["providers"]["awscloudformation"]["StackName"]
    assert stack == "amplify-todoapp-prod-040000"
    assert project.current_amplify_meta()["providers"]["awscloudformation"]["StackName"] == stack


def test_add_env_checks_out_and_uploads_current_cloud_backend(project: Project) -> None:
    files = add_env(project, "prod", PROFILE, clock=lambda: LATER)
    assert project.env_name == "prod"
    assert [path.name for path in files] == ["aws-exports.js"]
    bucket = "amplify-todoapp-prod-040000-deployment"
    assert local_cloud().list_objects(bucket) == ["#current-cloud-backend.zip"]


def test_checkout_env_unknown(project: Project) -> None:
    with pytest.raises(EnvNotFoundError) as err:
        checkout_env(project, "qa")
    assert err.value.message == "Environment 'qa' does not exist. Environments: dev."


def test_remove_env_deletes_stack_and_bucket(project: Project) -> None:
    create_env(project, "prod", PROFILE, clock=lambda: LATER)
    bucket = "amplify-todoapp-prod-040000-deployment"
    assert local_cloud().bucket_exists(bucket)
    remove_env(project, "prod")
    assert not local_cloud().bucket_exists(bucket)
    assert list(project.team_provider_info()) == ["dev"]
    assert "prod" not in project.local_aws_info()
    assert local_cloud().stack_names() == ["amplify-todoapp-dev-030405"]


def test_remove_env_refuses_current(project: Project) -> None:
    with pytest.raises(ProjectOperationError) as err:
        remove_env(project, "dev")
    assert err.value.message == "You cannot remove the current environment 'dev'."


def test_import_env_records_stack(project: Project) -> None:
    config = {
        "awscloudformation": {
            "Region": "us-east-1",
            "DeploymentBucketName": "x-deployment",
            "StackName": "x",
        }
    }
    with pytest.raises(EnvStackNotFoundError) as err:
        import_env(project, "qa", config, PROFILE)
    assert err.value.message == (
        "The root stack 'x' of environment 'qa' does not exist in the local cloud."
    )
    assert "qa" not in project.team_provider_info()
    role = {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r"}}
    local_cloud().deploy_stack("x", {"Resources": {"Role": role}}, {})
    import_env(project, "qa", config, PROFILE)
    assert project.team_provider_info()["qa"] == config
    assert project.local_aws_info()["qa"] == PROFILE


def test_checkout_refuses_env_without_stack(project: Project) -> None:
    create_env(project, "prod", PROFILE, clock=lambda: LATER)
    local_cloud().delete_stack("amplify-todoapp-prod-040000")
    with pytest.raises(EnvStackNotFoundError) as err:
        checkout_env(project, "prod")
    assert err.value.message == (
        "The root stack 'amplify-todoapp-prod-040000' of environment 'prod' does not exist "
        "in the local cloud."
    )
    assert project.env_name == "dev"


def test_import_env_missing_key(project: Project) -> None:
    with pytest.raises(HeadlessArgumentError) as err:
        import_env(project, "qa", {"awscloudformation": {"Region": "us-east-1"}}, PROFILE)
    assert err.value.message == (
        "Invalid value for --config: missing required key 'awscloudformation.StackName'."
    )


def test_legacy_in_folder_cloud_moves_to_the_store(project: Project) -> None:
    """A project deployed before the local cloud moved out of amplify/mock-data keeps its env."""
    from amplify_mock.project.envs import cloud_for

    cloud = local_cloud()
    stack = "amplify-todoapp-dev-030405"
    state = cloud.stack_state(stack)
    legacy = project.paths.mock_data_dir / "cloud" / "stacks"
    legacy.mkdir(parents=True)
    (legacy / f"{stack}.json").write_text(json.dumps(state))
    bucket = f"{stack}-deployment"
    old_objects = project.paths.mock_data_dir / "S3" / bucket
    old_objects.mkdir(parents=True)
    (old_objects / "#current-cloud-backend.zip").write_bytes(b"old zip")
    cloud.delete_stack(stack)  # the store starts empty, as before the upgrade
    cloud.store.delete("apps/" + project.provider_info()["AmplifyAppId"] + ".json")
    assert cloud.stack_names() == []
    migrated = cloud_for(project, "dev")
    assert isinstance(migrated, LocalCloud)
    assert migrated.stack_names() == [stack]
    assert migrated.get_object(bucket, "#current-cloud-backend.zip") == b"old zip"
    assert not legacy.exists()
    assert (project.paths.mock_data_dir / "cloud.migrated" / "stacks" / f"{stack}.json").is_file()
    app_id = project.provider_info()["AmplifyAppId"]
    assert list(app_envs(migrated.store, app_id)) == ["dev"]
