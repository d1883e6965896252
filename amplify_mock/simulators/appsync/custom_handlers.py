"""Gen 2 custom handlers (`a.handler.custom`): APPSYNC_JS files served as ampx deploys them.

The entry point for the Gen 2 adapter is `custom_handler_resolver(type_name, field_name,
handlers, api_id=...)`: it reads each handler's entry file and returns the `ResolverConfig`
ampx's `convertJsResolverDefinition` creates, a PIPELINE resolver whose functions are the
handlers in order (`Fn_<Type>_<field>_<n>`, each an APPSYNC_JS function on its data source),
with ampx's before/after handler (the stash gets `awsAppsyncApiId` and `amplifyBranchName`,
the field gets the last function's result, `ctx.prev.result`). `load_handler_code(entry)` loads
one file: a `.js`/`.mjs` file as written (ampx uploads it as is), a `.ts`/`.mts` file bundled
by esbuild into one ES module with `@aws-appsync/utils` left external, as AppSync TypeScript
resolvers are built. Either is checked against the runtime's rules; a problem is reported as
`file:line:col` in the file the user wrote (a bundle's lines are mapped back through its
source map).

The esbuild used is the project's (`node_modules/.bin/esbuild` in the entry's folder or a
parent), else `$AMPLIFY_MOCK_ESBUILD`, else `esbuild` on PATH. Loading is blocking (a process
per TypeScript file): call it while building the API state, not on the event loop.

Errors a bundled handler raises while running are also reported at the TypeScript line (the
engine gives lines; the column is found on the bundle's line, then mapped).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.appsync.source_map import SourceMap
from resolvers.js import CodeIssue, JsCode, validate
from resolvers.resolver import FunctionConfig, ResolverConfig

__all__ = [
    "ESBUILD_ARGS",
    "CustomHandlerError",
    "HandlerEntry",
    "custom_handler_resolver",
    "find_esbuild",
    "load_handler_code",
    "pipeline_handler_code",
]

#: How the TypeScript handler is bundled: one ES module, the runtime's module left as an import.
ESBUILD_ARGS = (
    "--bundle",
    "--format=esm",
    "--platform=node",
    "--target=esnext",
    "--external:@aws-appsync/utils",
    "--sourcemap=inline",
    "--sources-content=false",
    "--log-level=error",
    "--color=false",
)
BUNDLE_TIMEOUT_SECONDS = 60.0
_TYPESCRIPT = (".ts", ".mts")
_JAVASCRIPT = (".js", ".mjs")
_ESBUILD_ERROR = re.compile(
    r"\[ERROR\] (?P<message>[^\n]+)\n\s*\n\s*(?P<file>[^\n]+?):(?P<line>\d+):(?P<column>\d+):"
)
_INLINE_MAP = re.compile(r"\n//# sourceMappingURL=data:application/json;base64,(\S+)\s*$")


class HandlerEntry(Protocol):
    """One `a.handler.custom({ dataSource, entry })` (gen2's `JsHandler` has this shape)."""

    @property
    def entry(self) -> Path: ...

    @property
    def data_source(self) -> str: ...


class CustomHandlerError(AmplifyMockError):
    """A custom handler that cannot be served: a missing file, a bundling error, or code the
    APPSYNC_JS runtime refuses; the message starts with `file:line:col` when there is one."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(
            f"{where}: {problem}",
            resolution="Fix the handler; AppSync would refuse it on deploy as well.",
        )
        self.where = where
        self.problem = problem


def find_esbuild(start: Path) -> Path | None:
    """The project's esbuild: `node_modules/.bin/esbuild` in `start` or a parent folder, else
    `$AMPLIFY_MOCK_ESBUILD`, else `esbuild` on PATH."""
    for folder in (start, *start.parents):
        candidate = folder / "node_modules" / ".bin" / "esbuild"
        if candidate.is_file():
            return candidate
    configured = os.environ.get("AMPLIFY_MOCK_ESBUILD")
    if configured:
        return Path(configured)
    found = shutil.which("esbuild")
    return Path(found) if found else None


def load_handler_code(entry: Path, *, esbuild: Path | None = None) -> JsCode:
    """The APPSYNC_JS code of one handler file, checked as AppSync checks it on deploy.

    :raises CustomHandlerError: the file is missing or of another type, esbuild is missing or
        fails (its `file:line:col`), or the code breaks a runtime rule (`file:line:col`, in the
        TypeScript source for a bundle).
    """
    if not entry.is_file():
        raise CustomHandlerError(str(entry), "the handler file does not exist")
    suffix = entry.suffix.lower()
    if suffix in _JAVASCRIPT:
        code = JsCode(entry.read_text(encoding="utf-8"), str(entry))
        _check(code, None)
        return code
    if suffix not in _TYPESCRIPT:
        raise CustomHandlerError(str(entry), "a custom handler is a .js or .ts file")
    bundle, source_map = _bundle(entry, esbuild)
    code = JsCode(bundle, f"{entry} (bundled)", origin=_origin(source_map))
    _check(code, source_map)
    return code


def pipeline_handler_code(api_id: str, branch_name: str) -> JsCode:
    """ampx's before/after handler of a custom-handler pipeline resolver."""
    text = (
        "export const request = (ctx) => {\n"
        f"  ctx.stash.awsAppsyncApiId = {_js_string(api_id)};\n"
        f"  ctx.stash.amplifyBranchName = {_js_string(branch_name)};\n"
        "  return {};\n"
        "};\n"
        "export const response = (ctx) => {\n"
        "  return ctx.prev.result;\n"
        "};\n"
    )
    return JsCode(text, "js_resolver_handler.js")


def custom_handler_resolver(
    type_name: str,
    field_name: str,
    handlers: Sequence[HandlerEntry],
    *,
    api_id: str,
    branch_name: str = "sandbox",
    esbuild: Path | None = None,
) -> ResolverConfig:
    """The PIPELINE resolver ampx deploys for `a.handler.custom(...)` on `type_name.field_name`.

    :raises CustomHandlerError: see `load_handler_code`; also a resolver without handlers.
    """
    if not handlers:
        raise CustomHandlerError(f"{type_name}.{field_name}", "a custom resolver has no handlers")
    functions = tuple(
        FunctionConfig(
            f"Fn_{type_name}_{field_name}_{index}",
            handler.data_source,
            None,
            None,
            code=load_handler_code(handler.entry, esbuild=esbuild),
        )
        for index, handler in enumerate(handlers, start=1)
    )
    return ResolverConfig(
        type_name,
        field_name,
        "PIPELINE",
        None,
        None,
        None,
        functions,
        code=pipeline_handler_code(api_id, branch_name),
    )


def _bundle(entry: Path, esbuild: Path | None) -> tuple[str, SourceMap | None]:
    tool = esbuild or find_esbuild(entry.parent)
    if tool is None:
        raise CustomHandlerError(
            str(entry), "bundling TypeScript needs esbuild (npm install in the project)"
        )
    try:
        done = subprocess.run(
            [str(tool), entry.name, *ESBUILD_ARGS],
            cwd=entry.parent,
            capture_output=True,
            text=True,
            timeout=BUNDLE_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise CustomHandlerError(str(entry), f"esbuild did not run: {err}") from err
    if done.returncode != 0:
        match = _ESBUILD_ERROR.search(done.stderr)
        if match is None:
            raise CustomHandlerError(str(entry), done.stderr.strip() or "esbuild failed")
        where = entry.parent / match["file"]
        column = int(match["column"]) + 1  # esbuild prints 0-based columns
        raise CustomHandlerError(f"{where}:{match['line']}:{column}", match["message"])
    text = done.stdout
    found = _INLINE_MAP.search(text)
    if found is None:
        return text, None
    return text[: found.start()] + "\n", SourceMap.from_base64(found.group(1), entry.parent)


def _check(code: JsCode, source_map: SourceMap | None) -> None:
    issues = validate(code)
    if not issues:
        return
    first: CodeIssue = issues[0]
    where = f"{code.file_name}:{first.line}:{first.column}"
    if source_map is not None:
        original = source_map.original(first.line, first.column)
        if original is not None:
            where = f"{original[0]}:{original[1]}:{original[2]}"
    raise CustomHandlerError(where, first.message)


def _origin(
    source_map: SourceMap | None,
) -> Callable[[int, int], tuple[str, int, int, str] | None]:
    """Bundle line:column -> the TypeScript file, line, column and that line's text."""

    def origin(line: int, column: int) -> tuple[str, int, int, str] | None:
        found = source_map.original(line, column) if source_map is not None else None
        if found is None:
            return None
        path, source_line, source_column = found
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except OSError:
            lines = []
        text = lines[source_line - 1] if 0 < source_line <= len(lines) else ""
        return str(path), source_line, source_column, text

    return origin


def _js_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
