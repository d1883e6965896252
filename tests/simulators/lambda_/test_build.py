"""The build step before `amplify mock function`: project script, npm / pip only when changed."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from amplify_mock.simulators.lambda_ import LambdaRunner
from amplify_mock.simulators.lambda_.build import build_function, python_packages_dir
from amplify_mock.simulators.lambda_.errors import FunctionBuildError
from tests.simulators.lambda_.project import add_function


def fake_tool(folder: Path, name: str, log: Path, action: str) -> str:
    """A stand-in for npm / python that logs its arguments and runs `action` (shell)."""
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n{action}\n')
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def build(project: Path, name: str, **kwargs: str) -> list[str]:
    messages: list[str] = []
    config = LambdaRunner(project).load_config(name)
    build_function(project, config, report=messages.append, **kwargs)
    return messages


def test_build_runs_project_amplify_script(project: Path) -> None:
    add_function(project, "fn", {"src/index.js": "exports.handler = async () => 1;"})
    script = "node -e \"require('fs').writeFileSync('built.txt', 'ok')\""
    (project / "package.json").write_text(json.dumps({"scripts": {"amplify:fn": script}}))
    assert build(project, "fn") == ["Running script amplify:fn"]
    assert (project / "built.txt").read_text() == "ok"


def test_build_failing_script_is_build_error(project: Path) -> None:
    add_function(project, "fn", {"src/index.js": "exports.handler = async () => 1;"})
    script = "node -e \"console.error('tsc: 1 error'); process.exit(2)\""
    (project / "package.json").write_text(json.dumps({"scripts": {"amplify:fn": script}}))
    with pytest.raises(FunctionBuildError) as caught:
        build(project, "fn")
    message = caught.value.message
    assert message.startswith(
        "Function fn: build step `npm run amplify:fn` failed with exit code 2:\n"
    )
    assert message.endswith("\ntsc: 1 error")


def test_build_npm_without_dependencies_skips_install(project: Path) -> None:
    package = json.dumps({"name": "fn", "version": "1.0.0"})
    add_function(
        project,
        "fn",
        {"src/index.js": "exports.handler = async () => 1;", "src/package.json": package},
    )
    assert build(project, "fn") == ["Function fn: no npm dependencies to install"]


def test_build_npm_install_runs_only_when_package_json_changes(
    project: Path, tmp_path: Path
) -> None:
    log = tmp_path / "npm.log"
    npm = fake_tool(tmp_path, "npm", log, "mkdir -p node_modules")
    package = {"name": "fn", "dependencies": {"left-pad": "1.3.0"}}
    folder = add_function(
        project,
        "fn",
        {
            "src/index.js": "exports.handler = async () => 1;",
            "src/package.json": json.dumps(package),
        },
    )
    assert build(project, "fn", npm_executable=npm) == ["Function fn: npm install"]
    assert build(project, "fn", npm_executable=npm) == []
    package["dependencies"]["uuid"] = "9.0.0"
    (folder / "src" / "package.json").write_text(json.dumps(package))
    assert build(project, "fn", npm_executable=npm) == ["Function fn: npm install"]
    assert log.read_text().splitlines() == ["install --no-audit --no-fund"] * 2


def test_build_empty_requirements_skips_pip(project: Path) -> None:
    add_function(
        project,
        "py",
        {"src/index.py": "def handler(e, c):\n    return 1\n", "src/requirements.txt": "# none\n"},
    )
    assert build(project, "py") == ["Function py: no Python packages to install"]


def test_build_pip_installs_requirements_into_function_folder_when_changed(
    project: Path, tmp_path: Path
) -> None:
    log = tmp_path / "pip.log"
    python = fake_tool(tmp_path, "python", log, "true")
    folder = add_function(
        project,
        "py",
        {"src/index.py": "def handler(e, c):\n    return 1\n", "src/requirements.txt": "six\n"},
    )
    target = folder / ".amplify-mock" / "python-packages"
    assert build(project, "py", python_executable=python) == [
        f"Function py: pip install into {target}"
    ]
    assert build(project, "py", python_executable=python) == []
    requirements = folder / "src" / "requirements.txt"
    assert log.read_text().splitlines() == [
        f"-m pip install --quiet --upgrade --target {target} -r {requirements}"
    ]


def test_build_pipfile_packages_are_installed(project: Path, tmp_path: Path) -> None:
    log = tmp_path / "pip.log"
    python = fake_tool(tmp_path, "python", log, "true")
    pipfile = '[packages]\nsix = "*"\nrequests = "==2.31.0"\n\n[requires]\npython_version = "3.8"\n'
    add_function(
        project, "py", {"src/index.py": "def handler(e, c):\n    return 1\n", "Pipfile": pipfile}
    )
    build(project, "py", python_executable=python)
    assert log.read_text().split()[-2:] == ["six", "requests==2.31.0"]


async def test_runner_python_worker_imports_installed_packages(project: Path) -> None:
    source = "import mylib\ndef handler(event, context):\n    return mylib.VALUE\n"
    add_function(project, "py", {"src/index.py": source})
    async with LambdaRunner(project) as runner:
        packages = python_packages_dir(runner.load_config("py"))
        packages.mkdir(parents=True)
        (packages / "mylib.py").write_text("VALUE = 'from packages'\n")
        assert await runner.invoke("py", {}) == "from packages"
