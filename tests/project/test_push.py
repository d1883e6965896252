"""`push`: nested stacks on the local cloud, outputs into meta, status afterwards, rollback."""

from __future__ import annotations

import json

import pytest

from amplify_mock.cloud.provider import DeploymentError
from amplify_mock.codegen import read_codegen_projects
from amplify_mock.project.categories.api import SCHEMA_TEMPLATES, AddApiRequest, AuthMode, add_api
from amplify_mock.project.categories.function import add_function
from amplify_mock.project.categories.resources import remove_resource
from amplify_mock.project.categories.storage import add_storage
from amplify_mock.project.codegen_step import CodegenOptions, generated_file_path
from amplify_mock.project.project import Project
from amplify_mock.project.push import push
from amplify_mock.project.status import Operation, resource_statuses
from tests.project.conftest import local_cloud


@pytest.fixture
def full_project(project: Project, fake_api_build: None) -> Project:
    add_api(project, AddApiRequest("todo", SCHEMA_TEMPLATES["single"], AuthMode("API_KEY")))
    add_function(project, "hello")
    add_storage(project, "files", bucket_name="files")
    return project


def _operations(project: Project) -> dict[str, str]:
    return {row.resource_name: row.operation.value for row in resource_statuses(project)}


def test_status_before_push_lists_creates(full_project: Project) -> None:
    operations = _operations(full_project)
    assert operations["todo"] == "Create"
    assert operations["hello"] == "Create"
    assert operations["files"] == "Create"


def test_push_records_outputs_and_no_changes_after(full_project: Project) -> None:
    result = push(full_project)
    assert result.deployed
    assert set(_operations(full_project).values()) == {Operation.NO_CHANGE.value}
    meta = full_project.amplify_meta()
    api = meta["api"]["todo"]["output"]
    assert api["GraphQLAPIEndpointOutput"].endswith(".appsync-api.us-east-1.amazonaws.com/graphql")
    assert api["GraphQLAPIKeyOutput"].startswith("da2-")
    assert meta["storage"]["files"]["output"] == {"BucketName": "files-dev", "Region": "us-east-1"}
    assert meta["function"]["hello"]["output"]["Name"] == "hello-dev"
    s3_key = full_project.team_provider_info()["dev"]["categories"]["function"]["hello"]["s3Key"]
    assert s3_key.startswith("amplify-builds/hello-")
    cloud = local_cloud()
    assert cloud.bucket_exists("files-dev")
    assert s3_key in cloud.list_objects("amplify-todoapp-dev-030405-deployment")
    exports = (full_project.root / "src/aws-exports.js").read_text()
    assert '"aws_appsync_apiKey": "da2-' in exports
    assert '"aws_user_files_s3_bucket": "files-dev"' in exports
    assert full_project.current_amplify_meta() == meta


def test_push_mock_build_folder_is_not_a_change_and_not_copied(full_project: Project) -> None:
    push(full_project)
    stamps = full_project.paths.resource_dir("function", "hello") / ".amplify-mock"
    (stamps / "python-packages").mkdir(parents=True)
    (stamps / "build-stamp.json").write_text("{}")
    assert _operations(full_project)["hello"] == "No Change"
    (full_project.paths.resource_dir("function", "hello") / "src" / "extra.js").write_text("1")
    push(full_project)
    current = full_project.paths.current_cloud_backend_dir / "function" / "hello"
    assert (current / "src" / "extra.js").is_file()
    assert not (current / ".amplify-mock").exists()


def test_push_twice_without_changes_does_nothing(full_project: Project) -> None:
    push(full_project)
    assert push(full_project).deployed is False
    assert push(full_project, force=True).deployed is True


def test_push_update_and_delete(full_project: Project) -> None:
    push(full_project)
    index = full_project.paths.resource_dir("function", "hello") / "src" / "index.js"
    index.write_text(index.read_text() + "// changed\n")
    remove_resource(full_project, "storage", "files")
    operations = _operations(full_project)
    assert operations["hello"] == "Update"
    assert operations["files"] == "Delete"
    push(full_project)
    assert "files" not in _operations(full_project)
    assert "storage" not in full_project.amplify_meta()
    assert local_cloud().bucket_exists("files-dev")  # Retain


def test_push_failure_keeps_project_files(full_project: Project) -> None:
    push(full_project)
    before_meta = full_project.paths.amplify_meta.read_text()
    before_current = full_project.paths.current_amplify_meta.read_text()
    add_storage(full_project, "clash", bucket_name="files")
    meta_with_clash = full_project.paths.amplify_meta.read_text()
    with pytest.raises(DeploymentError) as err:
        push(full_project)
    assert err.value.message == (
        "Deployment of stack 'amplify-todoapp-dev-030405' failed at resource 'S3Bucket': "
        "bucket 'files-dev' already exists."
    )
    assert full_project.paths.amplify_meta.read_text() == meta_with_clash
    assert full_project.paths.current_amplify_meta.read_text() == before_current
    assert _operations(full_project)["clash"] == "Create"
    assert before_meta != meta_with_clash


def test_push_codegen_writes_statements(full_project: Project) -> None:
    result = push(full_project, codegen=CodegenOptions(file_name_pattern="src/graphql/**/*.js"))
    names = sorted(p.name for p in result.codegen_files)
    assert names == ["mutations.js", "queries.js", "subscriptions.js"]
    config = (full_project.root / ".graphqlconfig.yml").read_text()
    assert "schemaPath: amplify/backend/api/todo/build/schema.graphql" in config


def test_push_codegen_types_file_matches_recorded_config(full_project: Project) -> None:
    options = CodegenOptions(
        generate_code=True, code_language="typescript", file_name_pattern="src/graphql/**/*.ts"
    )
    result = push(full_project, codegen=options)
    names = sorted(p.name for p in result.codegen_files)
    assert names == ["API.ts", "mutations.ts", "queries.ts", "subscriptions.ts"]
    (recorded,) = read_codegen_projects(full_project.root)
    assert recorded.target == "typescript"
    assert recorded.generated_file == full_project.root / "src" / "API.ts"
    assert recorded.docs_path == full_project.root / "src" / "graphql"


def test_push_codegen_generated_file_name_as_a_path(full_project: Project) -> None:
    """`generatedFileName: "src/API.ts"` (a path with its extension) is written there."""
    options = CodegenOptions(
        generate_code=True,
        code_language="typescript",
        file_name_pattern="src/graphql/**/*.ts",
        generated_file_name="src/API.ts",
    )
    result = push(full_project, codegen=options)
    assert full_project.root / "src" / "API.ts" in result.codegen_files
    assert not (full_project.root / "src" / "src").exists()
    (recorded,) = read_codegen_projects(full_project.root)
    assert recorded.generated_file == full_project.root / "src" / "API.ts"


@pytest.mark.parametrize(
    ("name", "language", "path"),
    [
        ("API", "typescript", "src/API.ts"),
        ("API", "flow", "src/API.js"),
        ("src/API.ts", "typescript", "src/API.ts"),
        ("types/API", "typescript", "types/API.ts"),
        ("Types.d.ts", "typescript", "src/Types.d.ts"),
    ],
)
def test_generated_file_path(name: str, language: str, path: str) -> None:
    assert generated_file_path(name, language) == path


def test_push_nested_stack_parameters(full_project: Project) -> None:
    push(full_project)
    state = local_cloud().stack_state("amplify-todoapp-dev-030405")
    assert state["Parameters"]["DeploymentBucketName"] == "amplify-todoapp-dev-030405-deployment"
    table = state["Resources"]["apitodo/Todo/TodoTable"]
    assert table["Type"] == "AWS::DynamoDB::Table"
    assert table["PhysicalResourceId"].startswith("Todo-")


def test_push_runs_amplify_function_script(full_project: Project) -> None:
    (full_project.root / "package.json").write_text(
        json.dumps({"name": "app", "scripts": {"amplify:hello": "echo built > built.txt"}})
    )
    push(full_project)
    assert (full_project.root / "built.txt").read_text().strip() == "built"
    meta = full_project.amplify_meta()["function"]["hello"]
    assert meta["providerMetadata"]["s3TemplateURL"].endswith(
        "/amplify-cfn-templates/function/hello-cloudformation-template.json"
    )


def test_push_failing_function_script(full_project: Project) -> None:
    from amplify_mock.project.function_build import FunctionBuildError

    (full_project.root / "package.json").write_text(
        json.dumps({"name": "app", "scripts": {"amplify:hello": "echo broken >&2; exit 1"}})
    )
    with pytest.raises(FunctionBuildError) as err:
        push(full_project)
    assert err.value.message == "Building function 'hello' failed: `npm run amplify:hello`: broken"
    assert "output" not in full_project.amplify_meta()["function"]["hello"]
