"""Codegen for one `.graphqlconfig.yml` project: statements, then the types file.

amplify-codegen writes the statements into `docsFilePath`, then (when `generatedFileName` is
set and the target has a types printer) compiles every document the project's `includes`
globs match, minus `excludes`, into the types file. Files are read in sorted path order
(amplify-codegen takes them in directory-listing order, which decides the order of the
declarations; sorted gives mutations, queries, subscriptions).

Not emulated: types for the `angular` and `swift` targets (no types file is written).
"""

from __future__ import annotations

import re
from pathlib import Path

from graphql import GraphQLSchema

from amplify_mock.base.files import write_text
from amplify_mock.codegen.config import CodegenProject
from amplify_mock.codegen.statements import (
    CodegenError,
    read_schema,
    statements_extension,
    write_statements,
)
from amplify_mock.codegen.types_flow import generate_flow_types
from amplify_mock.codegen.types_ir import compile_documents, read_documents
from amplify_mock.codegen.types_typescript import generate_typescript_types

__all__ = ["TYPES_TARGETS", "find_documents", "read_schema", "write_codegen", "write_types"]

TYPES_TARGETS = {"typescript": generate_typescript_types, "flow": generate_flow_types}


def _glob_regex(pattern: str) -> re.Pattern[str]:
    parts = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        elif pattern[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(parts) + r"\Z")


def _normalise(pattern: str) -> str:
    pattern = pattern.replace("\\", "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern


def find_documents(root: Path, includes: tuple[str, ...], excludes: tuple[str, ...]) -> list[Path]:
    """Files under `root` matching an include glob and no exclude glob, sorted."""
    excluded = [_glob_regex(_normalise(pattern)) for pattern in excludes]
    found: set[Path] = set()
    for pattern in includes:
        for path in root.glob(_normalise(pattern)):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and not any(regex.match(relative) for regex in excluded):
                found.add(path)
    return sorted(found)


def _documents(project: CodegenProject) -> list[Path]:
    """The `includes` documents; a project built without a root reads its statements files."""
    if project.root is not None:
        return find_documents(project.root, project.includes, project.excludes)
    extension = statements_extension(project.target)
    return sorted(p for p in project.docs_path.glob(f"*.{extension}") if p.is_file())


def write_types(project: CodegenProject, schema: GraphQLSchema | None = None) -> Path | None:
    """Write `project`'s types file from its documents; None when it has none to write.

    :raises CodegenError: no documents, or documents that do not match the schema.
    """
    printer = TYPES_TARGETS.get(project.target)
    if project.generated_file is None or printer is None:
        return None
    if project.root is not None and not project.includes:
        return None  # amplify-codegen writes no types for a project without `includes`
    if schema is None:
        schema = read_schema(project)
    paths = _documents(project)
    document = read_documents(paths)
    if not document.definitions:
        raise CodegenError(
            "No queries found to generate types for, you may need to run 'codegen statements' first"
        )
    text = printer(compile_documents(schema, document))
    write_text(project.generated_file, text)
    return project.generated_file


def write_codegen(
    project: CodegenProject, *, statements: bool = True, types: bool = True
) -> list[Path]:
    """Write the statements and then the types file `project` asks for; returns the paths.

    :raises CodegenError: the schema is missing or invalid, or the documents do not compile.
    """
    schema = read_schema(project)
    written = write_statements(project, schema) if statements else []
    if types:
        types_file = write_types(project, schema)
        if types_file is not None:
            written.append(types_file)
    return written
