"""`amplify init`: headless parameters, interactive prompts, errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli

FRONTEND = '{"frontend":"javascript","framework":"react","config":{"SourceDir":"src"}}'
PROVIDERS = (
    '{"awscloudformation":{"configLevel":"project","useProfile":true,"profileName":"default"}}'
)


def test_init_headless(app_dir: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "init",
            "--amplify",
            '{"projectName":"notes","envName":"staging","defaultEditor":"vim"}',
            "--frontend",
            FRONTEND,
            "--providers",
            PROVIDERS,
            "--yes",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Initialized environment 'staging' of project 'notes'." in result.output
    info = json.loads((app_dir / "amplify/.config/local-env-info.json").read_text())
    assert info["envName"] == "staging"
    assert info["defaultEditor"] == "vim"
    assert (app_dir / "src/aws-exports.js").is_file()


def test_init_yes_uses_defaults(app_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["init", "--yes"])
    assert result.exit_code == 0, result.output
    config = json.loads((app_dir / "amplify/.config/project-config.json").read_text())
    assert config["projectName"] == "myapp"
    assert config["javascript"]["framework"] == "react"


def test_init_interactive_prompts(app_dir: Path) -> None:
    answers = "\n".join(
        ["shop", "test", "code", "javascript", "vue", "app", "", "", "", "y", "default", ""]
    )
    result = CliRunner().invoke(cli, ["init"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Enter a name for the project [myapp]:" in result.output
    assert "What javascript framework are you using" in result.output
    config = json.loads((app_dir / "amplify/.config/project-config.json").read_text())
    assert config["javascript"]["config"]["SourceDir"] == "app"
    assert config["javascript"]["config"]["StartCommand"] == "npm run-script serve"
    assert (app_dir / "app/aws-exports.js").is_file()


def test_init_malformed_json_exits_1(app_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["init", "--frontend", "{frontend:", "--yes"])
    assert result.exit_code == 1
    assert "Invalid value for --frontend: malformed JSON" in result.output
    assert not (app_dir / "amplify").exists()


def test_init_unknown_provider_exits_1(app_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["init", "--providers", '{"azure":{}}', "--yes"])
    assert result.exit_code == 1
    assert "Unknown provider 'azure'. Providers: awscloudformation." in result.output
    assert not (app_dir / "amplify").exists()


def test_init_unknown_cloud_exits_1(app_dir: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("AMPLIFY_MOCK_CLOUD", "moon")
    result = CliRunner().invoke(cli, ["init", "--yes"])
    assert result.exit_code == 1
    assert "Unknown cloud 'moon' in $AMPLIFY_MOCK_CLOUD. Clouds: local, aws." in result.output
    assert not (app_dir / "amplify").exists()


def test_init_interactive_uses_existing_env_of_cloned_project(app_dir: Path) -> None:
    first = CliRunner().invoke(
        cli, ["init", "--amplify", '{"projectName":"teamapp","envName":"dev"}', "--yes"]
    )
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, ["env", "add", "--name", "prod", "--yes"])
    assert second.exit_code == 0, second.output
    config_before = (app_dir / "amplify/.config/project-config.json").read_text()
    for name in ("local-env-info.json", "local-aws-info.json"):
        (app_dir / "amplify/.config" / name).unlink()
    answers = "\n".join(["y", "prod", "", "y", "", ""])
    result = CliRunner().invoke(cli, ["init"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Enter a name for the project" not in result.output
    assert "Choose the type of app that you're building" not in result.output
    assert "Do you want to use an existing environment? [Y/n]:" in result.output
    assert "Choose the environment you would like to use (dev, prod) [dev]:" in result.output
    assert "Attached to environment 'prod' of project 'teamapp'." in result.output
    assert (app_dir / "amplify/.config/project-config.json").read_text() == config_before
    team = json.loads((app_dir / "amplify/team-provider-info.json").read_text())
    assert list(team) == ["dev", "prod"]


def test_init_headless_join_keeps_project_config(app_dir: Path) -> None:
    first = CliRunner().invoke(
        cli, ["init", "--amplify", '{"projectName":"teamapp","envName":"dev"}', "--yes"]
    )
    assert first.exit_code == 0, first.output
    config_before = (app_dir / "amplify/.config/project-config.json").read_text()
    (app_dir / "amplify/.config/local-env-info.json").unlink()
    result = CliRunner().invoke(cli, ["init", "--yes"])
    assert result.exit_code == 0, result.output
    assert "Attached to environment 'dev' of project 'teamapp'." in result.output
    assert (app_dir / "amplify/.config/project-config.json").read_text() == config_before


def test_init_profile_prompt_lists_profiles(app_dir: Path, isolated_home: Path) -> None:
    (isolated_home / ".aws").mkdir()
    (isolated_home / ".aws/config").write_text("[default]\nregion=us-east-1\n[profile work]\n")
    answers = "\n".join(["shop", "dev", "code", "", "", "", "", "", "", "y", "nosuch", "work"])
    result = CliRunner().invoke(cli, ["init"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Please choose the profile you want to use (default, work) [default]:" in result.output
    assert "Error: 'nosuch' is not one of 'default', 'work'." in result.output
    aws_info = json.loads((app_dir / "amplify/.config/local-aws-info.json").read_text())
    assert aws_info["dev"]["profileName"] == "work"
