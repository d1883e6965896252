"""The frontend config rewrite while mocking, and its byte-for-byte restore."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.frontend.override import (
    BACKUP_MANIFEST,
    FrontendConfigOverride,
    MockEndpoints,
    restore_frontend_config,
)

DEMO = Path(__file__).resolve().parents[3] / "examples" / "demo"

ENDPOINTS = MockEndpoints(
    region="us-east-1",
    graphql_url="http://127.0.0.1:20002/graphql",
    api_name="demoapi",
    auth_type="API_KEY",
    api_key="da2-fakeApiId123456",
    s3_buckets=("demofiles-dev",),
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    return root


def awsmobile(path: Path) -> dict[str, object]:
    text = path.read_text()
    body = text.split("const awsmobile = ", 1)[1].split("};", 1)[0]
    return json.loads(body + "}")


def test_frontend_override_points_aws_exports_at_the_mock(project: Path) -> None:
    exports = project / "src" / "aws-exports.js"
    written = FrontendConfigOverride(project).apply(ENDPOINTS)
    assert written == [exports]
    config = awsmobile(exports)
    assert config["aws_appsync_graphqlEndpoint"] == "http://127.0.0.1:20002/graphql"
    assert config["aws_appsync_apiKey"] == "da2-fakeApiId123456"
    assert config["aws_appsync_dangerously_connect_to_http_endpoint_for_testing"] is True
    assert config["aws_user_files_s3_bucket"] == "demofiles-dev"
    assert config["aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing"] is True
    assert config["aws_project_region"] == "us-east-1"
    assert exports.read_text().startswith("/* eslint-disable */")
    assert exports.read_text().rstrip().endswith("export default awsmobile;")


def test_frontend_override_restores_byte_for_byte(project: Path) -> None:
    exports = project / "src" / "aws-exports.js"
    before = exports.read_bytes()
    override = FrontendConfigOverride(project)
    override.apply(ENDPOINTS)
    assert exports.read_bytes() != before
    assert override.restore() == [exports]
    assert exports.read_bytes() == before
    assert not (project / BACKUP_MANIFEST).exists()


def test_frontend_override_restore_after_kill(project: Path) -> None:
    """A run killed with -9 leaves the manifest; the next start repairs the file first."""
    exports = project / "src" / "aws-exports.js"
    before = exports.read_bytes()
    FrontendConfigOverride(project).apply(ENDPOINTS)  # then the process dies: no restore
    assert (project / BACKUP_MANIFEST).exists()
    assert restore_frontend_config(project) == [exports]
    assert exports.read_bytes() == before


def test_frontend_override_apply_twice_keeps_the_true_original(project: Path) -> None:
    exports = project / "src" / "aws-exports.js"
    before = exports.read_bytes()
    FrontendConfigOverride(project).apply(ENDPOINTS)
    FrontendConfigOverride(project).apply(ENDPOINTS)
    restore_frontend_config(project)
    assert exports.read_bytes() == before


def test_frontend_override_keeps_a_file_changed_while_mocking(project: Path) -> None:
    exports = project / "src" / "aws-exports.js"
    FrontendConfigOverride(project).apply(ENDPOINTS)
    exports.write_text("// written by amplify push while mocking\n")
    assert restore_frontend_config(project) == []
    assert exports.read_text() == "// written by amplify push while mocking\n"


def test_frontend_override_creates_and_removes_a_missing_file(project: Path) -> None:
    exports = project / "src" / "aws-exports.js"
    exports.unlink()
    FrontendConfigOverride(project).apply(ENDPOINTS)
    assert awsmobile(exports)["aws_appsync_graphqlEndpoint"] == ENDPOINTS.graphql_url
    restore_frontend_config(project)
    assert not exports.exists()


def test_frontend_override_rejects_a_non_json_awsmobile(project: Path) -> None:
    exports = project / "src" / "aws-exports.js"
    exports.write_text(
        "const awsmobile = { aws_project_region: region };\nexport default awsmobile;\n"
    )
    before = exports.read_bytes()
    with pytest.raises(AmplifyMockError) as err:
        FrontendConfigOverride(project).apply(ENDPOINTS)
    assert str(err.value).startswith(f"{exports}:1:")
    assert "the awsmobile object is not plain JSON" in str(err.value)
    assert exports.read_bytes() == before
    assert not (project / BACKUP_MANIFEST).exists()


def test_frontend_override_android_awsconfiguration(project: Path) -> None:
    config_path = project / "amplify" / ".config" / "project-config.json"
    config = json.loads(config_path.read_text())
    config["frontend"] = "android"
    config["android"] = {"config": {"ResDir": "app/src/main/res"}}
    config_path.write_text(json.dumps(config))
    raw = project / "app" / "src" / "main" / "res" / "raw"
    raw.mkdir(parents=True)
    original = {
        "AppSync": {"Default": {"ApiUrl": "https://x.appsync-api.us-east-1.amazonaws.com/graphql"}}
    }
    (raw / "awsconfiguration.json").write_text(json.dumps(original))
    FrontendConfigOverride(project).apply(ENDPOINTS)
    mocked = json.loads((raw / "awsconfiguration.json").read_text())
    assert mocked["AppSync"]["Default"]["ApiUrl"] == ENDPOINTS.graphql_url
    assert mocked["AppSync"]["Default"]["DangerouslyConnectToHTTPEndpointForTesting"] is True
    assert mocked["S3TransferUtility"]["Default"]["Bucket"] == "demofiles-dev"
    assert mocked["S3TransferUtility"]["Default"]["DangerouslyConnectToHTTPEndpointForTesting"]
    amplify_config = json.loads((raw / "amplifyconfiguration.json").read_text())
    assert (
        amplify_config["api"]["plugins"]["awsAPIPlugin"]["demoapi"]["endpoint"]
        == ENDPOINTS.graphql_url
    )
    restore_frontend_config(project)
    assert json.loads((raw / "awsconfiguration.json").read_text()) == original
    assert not (raw / "amplifyconfiguration.json").exists()
