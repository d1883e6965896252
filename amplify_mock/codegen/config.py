"""Reads `.graphqlconfig.yml`, where `amplify add codegen` records what to generate and where."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from amplify_mock.errors import AmplifyMockError

__all__ = ["CodegenProject", "codegen_project", "read_codegen_projects"]

CONFIG_FILE = ".graphqlconfig.yml"


@dataclass(frozen=True)
class CodegenProject:
    """One `projects.<api>` entry: the schema to read, the statements and types to write."""

    name: str
    schema_path: Path
    docs_path: Path
    target: str  # javascript | typescript | flow | angular | swift | ...
    max_depth: int
    generated_file: Path | None
    #: globs (relative to the project root) of the documents the types file is generated from
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    #: the directory `includes` / `excludes` are relative to
    root: Path | None = None
    #: `typenameIntrospection`: select `__typename` on object types (default true)
    typename_introspection: bool = True


class CodegenConfigError(AmplifyMockError):
    """`.graphqlconfig.yml` is not YAML or a project entry lacks what codegen needs."""

    def __init__(self, path: Path, reason: str, where: str = "") -> None:
        super().__init__(
            f"{path}{where}: {reason}",
            "Fix .graphqlconfig.yml or run `amplify add codegen` again.",
        )


def codegen_project(root: Path, name: str, entry: dict[str, Any], path: Path) -> CodegenProject:
    """One `projects.<name>` entry of the config file at `path`, paths resolved under `root`.

    :raises CodegenConfigError: the entry lacks `schemaPath` or has a mistyped key.
    """
    amplify = ((entry.get("extensions") or {}).get("amplify")) or {}
    if "schemaPath" not in entry:
        raise CodegenConfigError(path, f"project {name!r} has no schemaPath")
    generated = amplify.get("generatedFileName") or ""
    try:
        max_depth = int(amplify.get("maxDepth", 2))
    except (TypeError, ValueError) as err:
        raise CodegenConfigError(path, f"project {name!r}: maxDepth must be a number") from err
    return CodegenProject(
        name=name,
        schema_path=root / str(entry["schemaPath"]),
        docs_path=root / str(amplify.get("docsFilePath") or "src/graphql"),
        target=str(amplify.get("codeGenTarget") or "javascript"),
        max_depth=max_depth,
        generated_file=root / generated if generated else None,
        includes=_patterns(entry.get("includes"), path, name, "includes"),
        excludes=_patterns(entry.get("excludes"), path, name, "excludes"),
        root=root,
        typename_introspection=_flag(amplify.get("typenameIntrospection"), True),
    )


def _flag(value: Any, default: bool) -> bool:
    """A YAML flag as amplify-codegen reads it: unset is `default`, else JavaScript truthiness."""
    if value is None:
        return default
    return bool(value)


def _patterns(value: Any, path: Path, name: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CodegenConfigError(path, f"project {name!r}: {key} must be a list of globs")
    return tuple(value)


def read_codegen_projects(project_root: Path) -> list[CodegenProject]:
    """The codegen projects configured for `project_root`; none when there is no config file.

    :raises CodegenConfigError: the file is not YAML or lacks what codegen needs.
    """
    path = project_root / CONFIG_FILE
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise CodegenConfigError(path, "not valid YAML", where) from err
    projects = data.get("projects") or {}
    if not isinstance(projects, dict):
        raise CodegenConfigError(path, "`projects` must be a mapping")
    return [
        codegen_project(project_root, name, entry or {}, path) for name, entry in projects.items()
    ]
