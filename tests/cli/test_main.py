"""The `amplify` click group: version, help, unknown commands, and the one error handler."""

from __future__ import annotations

from pathlib import Path

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


def test_mfa_prompt_shows_botocores_text_once() -> None:
    from amplify_mock.cli.project_context import mfa_prompt

    runner = CliRunner()
    serial = "arn:aws:iam::444455556666:mfa/dev"
    with runner.isolation(input="123456\n") as (out, _err, *_rest):
        code = mfa_prompt(f"Enter MFA code for {serial}: ")
        shown = out.getvalue().decode()
    assert code == "123456"
    assert shown == f"Enter MFA code for {serial}: 123456\n"


def test_botocore_error_prints_no_traceback_without_debug(
    initialized: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocore.exceptions import NoCredentialsError

    def fail(*_args: object, **_kwargs: object) -> None:
        raise NoCredentialsError()

    monkeypatch.setattr("amplify_mock.cli.push.push_backend", fail)
    plain = CliRunner().invoke(cli, ["push", "--yes", "--force"])
    assert plain.exit_code == 1
    assert "AWS request failed: Unable to locate credentials" in plain.output
    assert "Traceback" not in plain.output
    debug = CliRunner().invoke(cli, ["--debug", "push", "--yes", "--force"])
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.output
    assert "AWS request failed: Unable to locate credentials" in debug.output


def test_category_verb_order_runs_verb_category(initialized: Path) -> None:
    """`amplify function add` (the docs' order) runs `amplify add function`; `amplify hosting
    add` stays the hosting group's own subcommand."""
    result = CliRunner().invoke(cli, ["function", "add", "--name", "fx", "--runtime", "nodejs"])
    assert result.exit_code == 0, result.output
    assert "Successfully added resource fx locally." in result.output
    assert (initialized / "amplify/backend/function/fx/src/index.js").is_file()
    hosting = CliRunner().invoke(cli, ["hosting", "add"])
    assert hosting.exit_code == 0, hosting.output
    unknown = CliRunner().invoke(cli, ["function", "frobnicate"])
    assert unknown.exit_code == 2
    assert "No such command 'function'." in unknown.output


def test_category_push_deploys_when_only_that_category_changed(initialized: Path) -> None:
    result = CliRunner().invoke(cli, ["function", "add", "--name", "fx", "--runtime", "nodejs"])
    assert result.exit_code == 0, result.output
    assert (
        "All resources are updated" in CliRunner().invoke(cli, ["function", "push", "--yes"]).output
    )
    CliRunner().invoke(cli, ["add", "function", "--name", "fy", "--runtime", "nodejs"])
    CliRunner().invoke(cli, ["hosting", "add"])
    refused = CliRunner().invoke(cli, ["function", "push", "--yes"])
    assert refused.exit_code == 1
    assert (
        "`amplify push function` would also deploy the changes of hosting/S3AndCloudFront; "
        "pushing one category alone is not emulated." in refused.output
    )
