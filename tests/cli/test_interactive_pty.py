"""The main new commands driven interactively through a real terminal (pexpect): the prompts
as a user sees them, answered one by one, on the installed `amplify` command."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

TIMEOUT = 60


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "pty-home"
    home.mkdir()
    return {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
    }


@pytest.fixture
def app(tmp_path: Path, terminal_env: dict[str, str]) -> Iterator[Path]:
    root = tmp_path / "app"
    root.mkdir()
    init = '{"projectName":"ptyapp","envName":"dev"}'
    child = spawn(root, terminal_env, "init", "--amplify", init, "--yes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    yield root


def spawn(cwd: Path, env: dict[str, str], *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        "amplify", list(args), cwd=str(cwd), env=env, encoding="utf-8", timeout=TIMEOUT
    )


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    output = str(child.before)
    assert child.exitstatus == 0, output
    return output


def test_pty_join_a_cloned_project_with_init(app: Path, terminal_env: dict[str, str]) -> None:
    for name in ("local-env-info.json", "local-aws-info.json"):
        (app / "amplify/.config" / name).unlink()
    child = spawn(app, terminal_env, "init")
    child.expect_exact("Do you want to use an existing environment? [Y/n]: ")
    child.sendline("")
    child.expect_exact("Choose the environment you would like to use (dev) [dev]: ")
    child.sendline("")
    child.expect_exact("Choose your default editor [code]: ")
    child.sendline("")
    child.expect_exact("Do you want to use an AWS profile? [Y/n]: ")
    child.sendline("")
    child.expect_exact("Please choose the profile you want to use [default]: ")
    child.sendline("")
    output = finish(child)
    assert "Attached to environment 'dev' of project 'ptyapp'." in output
    assert "Enter a name for the project" not in output


def test_pty_remove_chooses_and_confirms(app: Path, terminal_env: dict[str, str]) -> None:
    for name in ("one", "two"):
        finish(spawn(app, terminal_env, "function", "add", "--name", name, "--runtime", "nodejs"))
    child = spawn(app, terminal_env, "remove", "function")
    child.expect_exact("Choose the resource you would want to remove (one, two): ")
    child.sendline("two")
    child.expect_exact("Are you sure you want to delete the resource?")
    child.sendline("y")
    assert "Successfully removed resource two locally" in finish(child)
    config = json.loads((app / "amplify/backend/backend-config.json").read_text())
    assert list(config["function"]) == ["one"]


def test_pty_codegen_add(app: Path, terminal_env: dict[str, str]) -> None:
    request = {
        "version": 1,
        "serviceConfiguration": {
            "serviceName": "AppSync",
            "apiName": "pty",
            "transformSchema": "type Note @model {\n  id: ID!\n}\n",
            "defaultAuthType": {"mode": "API_KEY"},
        },
    }
    child = spawn(app, terminal_env, "add", "api", "--headless")
    child.sendline(json.dumps(request))
    child.sendeof()
    finish(child)
    child = spawn(app, terminal_env, "codegen", "add")
    child.expect_exact("Choose the code generation language target")
    child.sendline("typescript")
    child.expect_exact("[src/graphql/**/*.ts]: ")
    child.sendline("")
    child.expect_exact("queries, mutations and subscriptions [Y/n]: ")
    child.sendline("")
    child.expect_exact("Enter maximum statement depth")
    child.sendline("")
    child.expect_exact("Enter the file name for the generated code [src/API.ts]: ")
    child.sendline("")
    assert "Generated src/API.ts" in finish(child)
    assert (app / "src/API.ts").is_file()


def test_pty_update_function_and_plugin_init(app: Path, terminal_env: dict[str, str]) -> None:
    finish(spawn(app, terminal_env, "add", "function", "--name", "fn", "--runtime", "nodejs"))
    child = spawn(app, terminal_env, "function", "update")
    child.expect_exact("Which setting do you want to update?")
    child.sendline("")
    child.expect_exact("Enter the environment variable name: ")
    child.sendline("STAGE")
    child.expect_exact("Enter the environment variable value: ")
    child.sendline("beta")
    child.expect_exact("Which setting do you want to update?")
    child.sendline("done")
    assert "Environment variables of fn: STAGE" in finish(child)

    child = spawn(app, terminal_env, "plugin", "init")
    child.expect_exact("What should be the name of the plugin [my-plugin]: ")
    child.sendline("ptyplug")
    child.expect_exact("Specify the plugin type (category, provider, frontend, util) [util]: ")
    child.sendline("")
    child.expect_exact("What Amplify CLI events do you want the plugin to handle")
    child.sendline("")
    assert "Added plugin 'ptyplug'." in finish(child)
    assert finish(spawn(app, terminal_env, "ptyplug", "version")).strip() == "1.0.0"


def test_pty_update_api_enables_conflict_detection(app: Path, terminal_env: dict[str, str]) -> None:
    request = {
        "version": 1,
        "serviceConfiguration": {
            "serviceName": "AppSync",
            "apiName": "ptyapi",
            "transformSchema": "type Todo @model {\n  id: ID!\n  name: String\n}\n",
            "defaultAuthType": {"mode": "API_KEY"},
        },
    }
    child = spawn(app, terminal_env, "add", "api", "--headless")
    child.sendline(json.dumps(request))
    child.sendeof()
    finish(child)
    child = spawn(app, terminal_env, "update", "api")
    child.expect_exact("Conflict detection (required for DataStore)")
    child.expect_exact("- Disabled")
    child.expect_exact(
        "Select a setting to edit (authorization-modes, enable-conflict-detection): "
    )
    child.sendline("enable-conflict-detection")
    child.expect_exact("Select the default resolution strategy")
    child.sendline("LAMBDA")
    child.expect_exact("Select from the options below (new, existing) [new]: ")
    child.sendline("")
    child.expect_exact("Do you want to override default per model settings? [y/N]: ")
    child.sendline("")
    output = finish(child)
    assert "Conflict detection (required for DataStore): Enabled" in output
    conf = json.loads((app / "amplify/backend/api/ptyapi/transform.conf.json").read_text())
    handler = conf["ResolverConfig"]["project"]["LambdaConflictHandler"]["name"]
    folder = handler.removesuffix("-${env}")
    assert (app / "amplify/backend/function" / folder / "src/index.js").is_file()
    assert f"Successfully added {folder} function locally" in output
