"""The build step of `amplify push` for functions: npm install and the `amplify:<name>` script.

As the Amplify CLI does, for each Node.js function: `npm install` (or `yarn`) in its `src/`
when package.json declares dependencies that are not installed yet, then the project root
package.json's `amplify:<function name>` script if there is one. Python functions are
zipped as they are (not emulated: pipenv packaging).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from amplify_mock.errors import AmplifyMockError
from amplify_mock.project.project import Project

__all__ = ["FunctionBuildError", "build_functions"]


class FunctionBuildError(AmplifyMockError):
    """A function's install or build script failed."""

    def __init__(self, name: str, command: str, output: str) -> None:
        lines = [line for line in output.strip().splitlines() if not line.startswith("npm ")]
        detail = lines[-1] if lines else "no output"
        super().__init__(
            f"Building function '{name}' failed: `{command}`: {detail}",
            "Fix the function's package.json or the amplify:<name> script and push again.",
        )


def _package_manager(root: Path) -> str:
    return "yarn" if (root / "yarn.lock").exists() else "npm"


def _run(name: str, command: list[str], cwd: Path) -> None:
    executable = shutil.which(command[0])
    if executable is None:
        raise FunctionBuildError(name, " ".join(command), f"{command[0]} is not installed")
    environment = {**os.environ, "npm_config_update_notifier": "false"}
    completed = subprocess.run(
        [executable, *command[1:]],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise FunctionBuildError(name, " ".join(command), completed.stderr or completed.stdout)


def _needs_install(src: Path) -> bool:
    package = src / "package.json"
    if not package.is_file():
        return False
    declared = json.loads(package.read_text(encoding="utf-8"))
    dependencies = {**declared.get("dependencies", {}), **declared.get("devDependencies", {})}
    return bool(dependencies) and not (src / "node_modules").is_dir()


def build_functions(project: Project) -> list[str]:
    """Run the build steps of every function; returns the commands run.

    :raises FunctionBuildError: a command failed or its tool is missing.
    """
    root_package = project.root / "package.json"
    scripts = (
        json.loads(root_package.read_text(encoding="utf-8")).get("scripts", {})
        if root_package.is_file()
        else {}
    )
    manager = _package_manager(project.root)
    ran: list[str] = []
    for category, name, entry in project.resources():
        if category != "function" or not entry.get("build", True):
            continue
        src = project.paths.resource_dir(category, name) / "src"
        if _needs_install(src):
            command = (
                [manager, "install"]
                if manager == "yarn"
                else ["npm", "install", "--no-audit", "--no-fund"]
            )
            _run(name, command, src)
            ran.append(f"{' '.join(command)} ({name})")
        if f"amplify:{name}" in scripts:
            command = [manager, "run", f"amplify:{name}"]
            _run(name, command, project.root)
            ran.append(" ".join(command))
    return ran
