"""The `amplify` click group: version, help, unknown commands, and the one error handler."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from amplify_mock import __version__
from amplify_mock.cli.commands import all_commands, command_names
from amplify_mock.cli.main import cli
from amplify_mock.errors import AmplifyMockError


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"amplify-mock, version {__version__}"


def test_cli_help_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Commands:" in result.output
    for name in command_names():
        assert f"  {name} " in result.output


def test_cli_registry_names_match_the_commands() -> None:
    """Lazy loading finds a command by its registry name, so the two must agree."""
    assert [command.name for command in all_commands()] == command_names()


def test_cli_unknown_command_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output


@pytest.fixture
def failing_command() -> click.Command:
    @click.command("fail-for-test")
    def fail() -> None:
        raise AmplifyMockError("Something broke in amplify/backend.", "Fix the file.")

    cli.add_command(fail)
    yield fail
    cli.commands.pop("fail-for-test")


def test_cli_maps_amplify_mock_error_to_exit_1(
    runner: CliRunner, failing_command: click.Command
) -> None:
    result = runner.invoke(cli, ["fail-for-test"])
    assert result.exit_code == 1
    assert "Something broke in amplify/backend." in result.output
    assert "Resolution: Fix the file." in result.output
    assert "Traceback" not in result.output


def test_cli_debug_adds_traceback(runner: CliRunner, failing_command: click.Command) -> None:
    result = runner.invoke(cli, ["--debug", "fail-for-test"])
    assert result.exit_code == 1
    assert "Traceback" in result.output
    assert "AmplifyMockError" in result.output
