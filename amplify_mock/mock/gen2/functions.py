"""Gen 2 `defineFunction`s for the Lambda runner: TypeScript handlers bundled with esbuild.

Every function's `entry` is bundled (esbuild, the project's own binary) into
`.amplify/mock-data/functions/<name>.cjs` at start and again when its sources change; the
runner then runs that file as any Node.js handler. `$amplify/env/<name>` (the typed env module
`ampx` generates) resolves to `.amplify/generated/env/<name>.ts`, written here when missing.
Packages stay external: the handler loads them from the project's node_modules, as the
deployed bundle carries them.

Not emulated: `schedule` (reported at start), layers, `bundling` options, secrets' values
(a `secret()` reads the environment variable of the same name, else is empty).
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from amplify_mock.errors import AmplifyMockError
from amplify_mock.gen2 import Gen2Backend, SecretRef
from amplify_mock.simulators.lambda_ import FunctionConfig

__all__ = [
    "FunctionBuildError",
    "Gen2Function",
    "Gen2FunctionCatalog",
    "bundle_functions",
    "esbuild_binary",
    "functions_of",
]

LOG = logging.getLogger(__name__)

#: `defineFunction`'s defaults (the Gen 2 backend-function package's).
DEFAULT_TIMEOUT_SECONDS = 3
DEFAULT_MEMORY_MB = 512
DEFAULT_RUNTIME = "nodejs20.x"

_ENV_MODULE = "export const env = process.env as any;\n"
#: esbuild's first error: `✘ [ERROR] message`, a blank line, then `file:line:column:`
#: (the column counted from 0)
_ESBUILD_ERROR = re.compile(
    r"^✘ \[ERROR\] (?P<message>.*?)\n\n\s+(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+):", re.M
)


class FunctionBuildError(AmplifyMockError):
    """esbuild refused a handler: the first error with its file:line:col."""

    error_type = "Lambda:FunctionBuildError"

    def __init__(self, where: str, message: str) -> None:
        super().__init__(
            f"{where}: {message}" if where else message,
            "Fix the handler; the last good build keeps serving.",
        )


@dataclass(frozen=True)
class Gen2Function:
    """One `defineFunction` as the mock runs it."""

    name: str
    entry: Path
    environment: Mapping[str, str] = field(default_factory=dict)
    timeout_seconds: int | None = None
    memory_mb: int | None = None
    runtime: str | None = None


def esbuild_binary(project_root: Path, node_modules: Path | None = None) -> Path:
    """The project's esbuild (a dependency of every `create-amplify` project).

    :raises AmplifyMockError: no esbuild in the project's node_modules.
    """
    for modules in (node_modules, project_root / "node_modules"):
        if modules is None:
            continue
        for candidate in (modules / ".bin" / "esbuild", modules / "esbuild" / "bin" / "esbuild"):
            if candidate.is_file():
                return candidate
    raise AmplifyMockError(
        f"esbuild is not installed in {project_root / 'node_modules'}.",
        f"Run `npm install` in {project_root}.",
    )


def _first_error(stderr: str, project_root: Path) -> FunctionBuildError:
    match = _ESBUILD_ERROR.search(stderr)
    if match is None:
        return FunctionBuildError("", stderr.strip() or "esbuild failed")
    file = Path(match["file"])
    path = file if file.is_absolute() else project_root / file
    column = int(match["col"]) + 1
    return FunctionBuildError(f"{path}:{match['line']}:{column}", match["message"])


def bundle_functions(
    project_root: Path,
    functions: Iterable[Gen2Function],
    out_dir: Path,
    *,
    esbuild: Path,
) -> None:
    """Bundle each function's entry to `out_dir/<name>.cjs` in one esbuild run.

    :raises FunctionBuildError: a handler does not compile (file:line:col of the first error).
    """
    functions = list(functions)
    if not functions:
        return
    generated = project_root / ".amplify" / "generated" / "env"
    for function in functions:
        module = generated / f"{function.name}.ts"
        if not module.exists():
            generated.mkdir(parents=True, exist_ok=True)
            module.write_text(_ENV_MODULE, encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [
        str(esbuild),
        *(f"{f.name}={f.entry}" for f in functions),
        "--bundle",
        "--platform=node",
        "--format=cjs",
        "--target=node18",
        "--packages=external",
        "--sourcemap=inline",
        "--log-level=error",
        "--color=false",
        "--alias:$amplify=./.amplify/generated",
        "--out-extension:.js=.cjs",
        f"--outdir={out_dir}",
    ]
    try:
        done = subprocess.run(
            command, cwd=project_root, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise FunctionBuildError("", f"esbuild could not run: {err}") from err
    if done.returncode != 0:
        raise _first_error(done.stderr, project_root)


class Gen2FunctionCatalog:
    """The runner's view of the Gen 2 functions (implements the runner's `FunctionCatalog`)."""

    def __init__(
        self,
        project_root: Path,
        functions: Iterable[Gen2Function],
        bundle_dir: Path,
        *,
        region: str,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self.project_root = project_root
        self.functions = {f.name: f for f in functions}
        self.bundle_dir = bundle_dir
        self.region = region
        #: other names of a function: the schema's `@function(name:)` (FnSayHello -> say-hello)
        self.aliases = dict(aliases or {})
        #: the data-access environment of the functions `allow.resource(fn)` lets in
        self.data_access: dict[str, dict[str, str]] = {}

    def names(self) -> list[str]:
        return sorted(self.functions)

    def find(self, function_name: str) -> str | None:
        if function_name in self.functions:
            return function_name
        alias = self.aliases.get(function_name)
        return alias if alias in self.functions else None

    def location(self, name: str) -> Path:
        return self.project_root / "amplify" / "functions" / name / "resource.ts"

    def bundle_path(self, name: str) -> Path:
        return self.bundle_dir / f"{name}.cjs"

    def config(self, name: str) -> FunctionConfig:
        function = self.functions[name]
        environment = {**self.data_access.get(name, {}), **function.environment}
        return FunctionConfig(
            name=name,
            function_dir=function.entry.parent,
            src_dir=self.bundle_dir,
            language="nodejs",
            runtime=function.runtime or DEFAULT_RUNTIME,
            handler=f"{name}.handler",
            timeout=function.timeout_seconds or DEFAULT_TIMEOUT_SECONDS,
            memory_size=function.memory_mb or DEFAULT_MEMORY_MB,
            environment=environment,
            deployed_name=name,
        )

    def fingerprint(self, name: str) -> object:
        try:
            stat = os.stat(self.bundle_path(name))
        except OSError:
            return None
        access = tuple(sorted(self.data_access.get(name, {}).items()))
        return (stat.st_mtime_ns, stat.st_size, access)


def function_environment(values: Mapping[str, str | SecretRef]) -> dict[str, str]:
    """`defineFunction`'s `environment`: strings as they are; a `secret(name)` reads the
    mock's own environment variable of that name (empty when unset)."""
    return {
        key: value if isinstance(value, str) else os.environ.get(value.name, "")
        for key, value in values.items()
    }


def functions_of(backend: Gen2Backend) -> tuple[list[Gen2Function], list[str]]:
    """The functions the mock runs, and what it does not emulate of them (one line each)."""
    functions, gaps = [], []
    for definition in backend.functions:
        if definition.schedule:
            gaps.append(
                f"the schedule of function {definition.name} ({', '.join(definition.schedule)});"
                " invoke it with `amplify mock function`"
            )
        if definition.entry is None or definition.custom_provider:
            gaps.append(f"function {definition.name} (a custom CDK function)")
            continue
        functions.append(
            Gen2Function(
                name=definition.name,
                entry=definition.entry,
                environment=function_environment(definition.environment),
                timeout_seconds=definition.timeout_seconds,
                memory_mb=definition.memory_mb,
                runtime=f"nodejs{definition.runtime}.x",
            )
        )
    return functions, gaps
