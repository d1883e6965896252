"""`amplify delete`, `help`, `console`, `upgrade`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.cli.conftest import run_ok
from tests.project.conftest import local_cloud


def test_delete_removes_every_env_and_the_local_files(initialized: Path) -> None:
    run_ok("env", "add", "--name", "prod", "--yes")
    assert len(local_cloud().stack_names()) == 2
    declined = run_ok("delete", stdin="n\n")
    assert "This CANNOT be undone." in declined
    assert "Nothing deleted." in declined
    assert (initialized / "amplify").is_dir()
    output = run_ok("delete", stdin="y\n")
    assert "Deleted environment 'dev' from the cloud." in output
    assert "Deleted environment 'prod' from the cloud." in output
    assert "Project deleted locally." in output
    assert local_cloud().stack_names() == []
    assert not (initialized / "amplify").exists()
    assert not (initialized / "src/aws-exports.js").exists()
    again = CliRunner().invoke(cli, ["delete", "--force"])
    assert again.exit_code == 1
    assert "No Amplify project found" in again.output


def test_help_for_the_cli_and_a_subcommand() -> None:
    top = run_ok("help")
    assert "[OPTIONS] COMMAND [ARGS]..." in top  # the program name is the runner's
    assert "codegen" in top and "remove" in top
    assert " env add [OPTIONS]" in run_ok("help", "env", "add")
    bad = CliRunner().invoke(cli, ["help", "nosuch"])
    assert bad.exit_code == 2
    assert "No such command 'nosuch'." in bad.output


def test_console_prints_the_local_cloud(initialized: Path, isolated_home: Path) -> None:
    output = run_ok("console")
    assert "Environment: dev  Region: us-east-1" in output
    assert f"Local cloud: {isolated_home / '.amplify/local-cloud'}" in output


def test_upgrade_points_at_pip() -> None:
    assert "pip install --upgrade amplify-mock" in run_ok("upgrade")
