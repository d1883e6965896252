"""`amplify push`, `publish`, `hosting configure`, `pull` and `run` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.cli.conftest import run_ok


def test_push_no_changes(initialized: Path) -> None:
    assert "No changes detected" in run_ok("push", "--yes")


def test_push_declined(initialized: Path) -> None:
    run_ok("add", "function", "--name", "fn", "--runtime", "nodejs")
    output = run_ok("push", stdin="n\n")
    assert "| Function | fn            | Create" in output
    assert "All resources" not in output
    meta = json.loads((initialized / "amplify/backend/amplify-meta.json").read_text())
    assert "output" not in meta["function"]["fn"]


def test_push_function(initialized: Path) -> None:
    run_ok("add", "function", "--name", "fn", "--runtime", "nodejs")
    assert "All resources are updated in the cloud" in run_ok("push", "--yes")
    assert "No changes detected" in run_ok("push", "--yes")


def test_push_bad_codegen_json(initialized: Path) -> None:
    result = CliRunner().invoke(cli, ["push", "--codegen", '{"generateDocs": "yes"}', "--yes"])
    assert result.exit_code == 1
    assert "Invalid value for --codegen: 'generateDocs' must be a bool." in result.output


def test_publish_uploads_distribution_dir(initialized: Path) -> None:
    run_ok("hosting", "add")
    run_ok("hosting", "configure", "--index-doc", "index.html", "--error-doc", "404.html")
    (initialized / "build").mkdir()
    (initialized / "build/index.html").write_text("<h1>hi</h1>")
    (initialized / "build/static").mkdir()
    (initialized / "build/static/app.js").write_text("1")
    output = run_ok("publish", "--yes", "--no-build")
    assert "Uploaded 2 files to bucket myapp-hostingbucket-dev." in output
    bucket = initialized / "amplify/mock-data/S3/myapp-hostingbucket-dev"
    assert (bucket / "index.html").read_text() == "<h1>hi</h1>"
    assert (bucket / "static/app.js").is_file()
    assert (
        "Your app is published to the local cloud: "
        "http://localhost:20005/myapp-hostingbucket-dev/index.html\n"
        "Run `amplify mock` to serve it: the local S3 serves the hosting bucket as a static "
        "website (also at http://myapp-hostingbucket-dev.localhost:20005/ for an app whose "
        "asset paths start with /).\n"
    ) in output


def test_publish_build_failure(initialized: Path) -> None:
    run_ok("hosting", "add")
    config_path = initialized / "amplify/.config/project-config.json"
    config = json.loads(config_path.read_text())
    config["javascript"]["config"]["BuildCommand"] = "exit 3"
    config_path.write_text(json.dumps(config))
    result = CliRunner().invoke(cli, ["publish", "--yes"])
    assert result.exit_code == 1
    assert "The command 'exit 3' exited with code 3." in result.output


def test_publish_without_hosting(initialized: Path) -> None:
    result = CliRunner().invoke(cli, ["publish", "--yes"])
    assert result.exit_code == 1
    assert "The hosting resource 'S3AndCloudFront' does not exist in this project." in result.output


def test_run_starts_frontend(initialized: Path) -> None:
    config_path = initialized / "amplify/.config/project-config.json"
    config = json.loads(config_path.read_text())
    config["javascript"]["config"]["StartCommand"] = "echo started > started.txt"
    config_path.write_text(json.dumps(config))
    run_ok("run", "--yes")
    assert (initialized / "started.txt").read_text().strip() == "started"


def test_pull_new_folder_unknown_app(app_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["pull", "--amplify", '{"appId":"dnope","envName":"dev"}', "--yes"]
    )
    assert result.exit_code == 1
    assert "No backend environment 'dev' of app 'dnope' in the local cloud." in result.output
    assert not (app_dir / "amplify").exists()


def test_pull_new_folder_from_aws_is_not_emulated(app_dir: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("AMPLIFY_MOCK_CLOUD", "aws")
    result = CliRunner().invoke(
        cli, ["pull", "--amplify", '{"appId":"d123","envName":"dev"}', "--yes"]
    )
    assert result.exit_code == 1
    assert (
        "Pulling a new project from the Amplify Service of an AWS account is not emulated."
        in result.output
    )


def test_pull_app_id_in_existing_project_keeps_every_env(initialized: Path) -> None:
    """`amplify pull --appId X --envName dev --yes` in a project with two envs: both stay in
    team-provider-info.json and dev keeps its profile in local-aws-info.json."""
    run_ok("env", "add", "--name", "prod", "--yes")
    run_ok("env", "checkout", "dev")
    config = initialized / "amplify/.config"
    aws_before = json.loads((config / "local-aws-info.json").read_text())
    assert aws_before["dev"] == {
        "configLevel": "project",
        "useProfile": True,
        "profileName": "default",
    }
    team_before = json.loads((initialized / "amplify/team-provider-info.json").read_text())
    app_id = team_before["dev"]["awscloudformation"]["AmplifyAppId"]
    output = run_ok("pull", "--appId", app_id, "--envName", "dev", "--yes")
    assert "Pulled environment 'dev'" in output
    team = json.loads((initialized / "amplify/team-provider-info.json").read_text())
    assert team == team_before
    assert json.loads((config / "local-aws-info.json").read_text()) == aws_before
    assert json.loads((config / "local-env-info.json").read_text())["envName"] == "dev"
