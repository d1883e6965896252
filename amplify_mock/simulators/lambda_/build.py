"""A function's build step before a mock run: the `amplify:<name>` script, npm / pip installs.

Installs run only when the dependency files changed since the last build (a stamp with their
hashes is kept in `<function>/.amplify-mock/`), so repeated runs stay offline. Python packages
go to `<function>/.amplify-mock/python-packages`, which the Python worker puts on `sys.path`.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from amplify_mock.simulators.lambda_.config import FunctionConfig
from amplify_mock.simulators.lambda_.errors import FunctionBuildError
from amplify_mock.simulators.lambda_.parameters import read_json

__all__ = ["build_function", "python_packages_dir"]

Report = Callable[[str], None]

BUILD_DIR_NAME = ".amplify-mock"


def python_packages_dir(config: FunctionConfig) -> Path:
    """Where `pip install --target` puts a Python function's dependencies."""
    return config.function_dir / BUILD_DIR_NAME / "python-packages"


def build_function(
    project_root: Path,
    config: FunctionConfig,
    *,
    report: Report,
    python_executable: str | None = None,
    npm_executable: str = "npm",
) -> None:
    """Run the project's `amplify:<name>` script, then install changed dependencies.

    :raises FunctionBuildError: a command exited non-zero (its output's tail is in the message).
    """
    _run_amplify_script(project_root, config, report, npm_executable)
    if config.language == "nodejs":
        _npm_install(config, report, npm_executable)
    else:
        _pip_install(config, report, python_executable or sys.executable)


def _run(name: str, command: Sequence[str], cwd: Path) -> None:
    try:
        done = subprocess.run(
            list(command), cwd=cwd, capture_output=True, text=True, check=False, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise FunctionBuildError(name, " ".join(command), -1, str(err)) from err
    if done.returncode != 0:
        raise FunctionBuildError(
            name, " ".join(command), done.returncode, done.stdout + done.stderr
        )


def _run_amplify_script(
    project_root: Path, config: FunctionConfig, report: Report, npm: str
) -> None:
    package = read_json(project_root / "package.json")
    scripts = package.get("scripts") if isinstance(package, dict) else None
    script = f"amplify:{config.name}"
    if isinstance(scripts, dict) and script in scripts:
        report(f"Running script {script}")
        _run(config.name, [npm, "run", script], project_root)


def _stamp_path(config: FunctionConfig) -> Path:
    return config.function_dir / BUILD_DIR_NAME / "build-stamp.json"


def _read_stamp(config: FunctionConfig) -> dict[str, Any]:
    stamp = read_json(_stamp_path(config))
    return stamp if isinstance(stamp, dict) else {}


def _write_stamp(config: FunctionConfig, key: str, digest: str) -> None:
    stamp = _read_stamp(config)
    stamp[key] = digest
    path = _stamp_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")


def _digest(files: Sequence[Path]) -> str:
    sha = hashlib.sha256()
    for file in files:
        sha.update(file.name.encode())
        sha.update(file.read_bytes() if file.exists() else b"-")
    return sha.hexdigest()


def _npm_install(config: FunctionConfig, report: Report, npm: str) -> None:
    package_json = config.src_dir / "package.json"
    package = read_json(package_json)
    if not isinstance(package, dict):
        return
    wanted = {
        **(package.get("dependencies") or {}),
        **(package.get("devDependencies") or {}),
    }
    if not wanted:
        report(f"Function {config.name}: no npm dependencies to install")
        return
    digest = _digest([package_json, config.src_dir / "package-lock.json"])
    if _read_stamp(config).get("npm") == digest and (config.src_dir / "node_modules").is_dir():
        return
    report(f"Function {config.name}: npm install")
    _run(config.name, [npm, "install", "--no-audit", "--no-fund"], config.src_dir)
    _write_stamp(config, "npm", digest)


def _python_requirements(config: FunctionConfig) -> tuple[list[Path], list[str]]:
    """The dependency files found and the pip arguments that install them."""
    for folder in (config.src_dir, config.function_dir):
        requirements = folder / "requirements.txt"
        if requirements.exists():
            lines = [
                line.strip()
                for line in requirements.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.strip().startswith("#")
            ]
            return [requirements], (["-r", str(requirements)] if lines else [])
    for folder in (config.function_dir, config.src_dir):
        pipfile = folder / "Pipfile"
        if pipfile.exists():
            try:
                packages = tomllib.loads(pipfile.read_text(encoding="utf-8")).get("packages")
            except tomllib.TOMLDecodeError as err:
                raise FunctionBuildError(config.name, f"read {pipfile}", 1, str(err)) from err
            specs = [_pipfile_spec(name, spec) for name, spec in (packages or {}).items()]
            return [pipfile], specs
    return [], []


def _pipfile_spec(name: str, spec: Any) -> str:
    if isinstance(spec, str):
        return name if spec in ("", "*") else f"{name}{spec}"
    if isinstance(spec, dict) and isinstance(spec.get("version"), str) and spec["version"] != "*":
        return f"{name}{spec['version']}"
    return name


def _pip_install(config: FunctionConfig, report: Report, python: str) -> None:
    files, arguments = _python_requirements(config)
    if not files:
        return
    if not arguments:
        report(f"Function {config.name}: no Python packages to install")
        return
    target = python_packages_dir(config)
    digest = _digest(files)
    if _read_stamp(config).get("pip") == digest and target.is_dir():
        return
    report(f"Function {config.name}: pip install into {target}")
    target.mkdir(parents=True, exist_ok=True)
    command = [python, "-m", "pip", "install", "--quiet", "--upgrade", "--target", str(target)]
    _run(config.name, [*command, *arguments], config.function_dir)
    _write_stamp(config, "pip", digest)
