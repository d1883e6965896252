"""`amplify env ...` and `amplify status` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli


def run(*args: str, input_text: str | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), input=input_text)
    assert result.exit_code == 0, result.output
    return result.output


def test_env_add_list_checkout_remove(initialized: Path) -> None:
    run("env", "add", "--name", "prod", "--yes")
    assert run("env", "list") == (
        "| Environments |\n| ------------ |\n| dev          |\n| *prod        |\n"
    )
    assert json.loads(run("env", "list", "--json")) == {"envs": ["dev", "prod"]}
    run("env", "checkout", "dev")
    details = json.loads(run("env", "list", "--details", "--json"))
    assert details["prod"]["awscloudformation"]["StackName"].startswith("amplify-myapp-prod-")
    assert "Provider: awscloudformation" in run("env", "get", "--name", "prod")
    run("env", "remove", "prod", "--yes")
    assert json.loads(run("env", "list", "--json")) == {"envs": ["dev"]}


def test_env_checkout_unknown_exits_1(initialized: Path) -> None:
    result = CliRunner().invoke(cli, ["env", "checkout", "qa"])
    assert result.exit_code == 1
    assert "Environment 'qa' does not exist. Environments: dev." in result.output


def test_env_outside_project_exits_1(app_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["env", "list"])
    assert result.exit_code == 1
    assert f"No Amplify project found in {app_dir}." in result.output


def test_env_pull(initialized: Path) -> None:
    assert "Environment 'dev' pulled from the cloud." in run("env", "pull", "--restore")


def test_status_empty_project(initialized: Path) -> None:
    output = run("status")
    assert "Current Environment: dev" in output
    assert "| Category | Resource name | Operation | Provider plugin |" in output


def test_env_add_interactive(initialized: Path) -> None:
    output = run("env", "add", input_text="n\nqa\ny\nqaprofile\n")
    assert "Do you want to use an existing environment? [y/N]:" in output
    assert "Environment 'qa' added and checked out." in output
    aws_info = json.loads((initialized / "amplify/.config/local-aws-info.json").read_text())
    assert aws_info["qa"] == {
        "configLevel": "project",
        "useProfile": True,
        "profileName": "qaprofile",
    }
    output = run("env", "add", input_text="y\ndev\n")
    assert "Environment 'dev' checked out." in output
