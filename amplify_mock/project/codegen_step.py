"""The `--codegen` step of `amplify push`: .graphqlconfig.yml, the GraphQL statements and,
with `generateCode`, the types file (API.ts for typescript, API.js for flow).

Not emulated: types files for the other languages (angular, swift).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from amplify_mock.base.files import write_text
from amplify_mock.project.errors import HeadlessArgumentError
from amplify_mock.project.headless import parse_json_object
from amplify_mock.project.project import Project

__all__ = ["CodegenOptions", "generated_file_path", "parse_codegen", "run_codegen"]


@dataclass(frozen=True)
class CodegenOptions:
    """The `--codegen` JSON of `amplify push`: generateCode, codeLanguage, fileNamePattern,
    generatedFileName, generateDocs."""

    generate_code: bool = False
    code_language: str = "javascript"
    file_name_pattern: str = "src/graphql/**/*.js"
    generated_file_name: str = "API"
    generate_docs: bool = True
    max_depth: int = 2


def parse_codegen(text: str) -> CodegenOptions:
    """`--codegen` JSON.

    :raises HeadlessArgumentError: malformed JSON or a mistyped key.
    """
    data = parse_json_object("--codegen", text)
    defaults = CodegenOptions()
    values: dict[str, Any] = {}
    for key, attribute, kind in (
        ("generateCode", "generate_code", bool),
        ("codeLanguage", "code_language", str),
        ("fileNamePattern", "file_name_pattern", str),
        ("generatedFileName", "generated_file_name", str),
        ("generateDocs", "generate_docs", bool),
    ):
        value = data.get(key, getattr(defaults, attribute))
        if not isinstance(value, kind):
            raise HeadlessArgumentError("--codegen", f"'{key}' must be a {kind.__name__}")
        values[attribute] = value
    return CodegenOptions(**values)


def _docs_dir(pattern: str) -> str:
    parts = []
    for part in pattern.split("/"):
        if "*" in part:
            break
        parts.append(part)
    return "/".join(parts) or "src/graphql"


def generated_file_path(name: str, code_language: str) -> str:
    """Where the types file goes: `API` is `src/API.ts` (`.js` for flow); a name with a folder
    or an extension (`src/API.ts`, `types/API`) is taken as the path it already is."""
    path = name if "/" in name else f"src/{name}"
    extension = "js" if code_language == "flow" else "ts"
    return path if PurePosixPath(path).suffix else f"{path}.{extension}"


def run_codegen(project: Project, options: CodegenOptions) -> list[Path]:
    """Record the codegen config for each API and generate its statements; returns files."""
    import yaml  # imported here: codegen pulls in graphql-core, which `amplify` start-up skips

    from amplify_mock.codegen.config import CONFIG_FILE, codegen_project
    from amplify_mock.codegen.runner import write_codegen

    apis = [name for category, name, entry in project.resources() if category == "api"]
    config: dict[str, Any] = {"projects": {}}
    written: list[Path] = []
    docs = _docs_dir(options.file_name_pattern)
    generated = (
        generated_file_path(options.generated_file_name, options.code_language)
        if options.generate_code
        else ""
    )
    for name in apis:
        entry: dict[str, Any] = {
            "schemaPath": f"amplify/backend/api/{name}/build/schema.graphql",
            "includes": [options.file_name_pattern],
            "excludes": ["./amplify/**"],
            "extensions": {
                "amplify": {
                    "codeGenTarget": options.code_language,
                    "generatedFileName": generated,
                    "docsFilePath": docs,
                    "maxDepth": options.max_depth,
                }
            },
        }
        config["projects"][name] = entry
        if options.generate_docs or options.generate_code:
            written.extend(
                write_codegen(
                    codegen_project(project.root, name, entry, project.root / CONFIG_FILE),
                    statements=options.generate_docs,
                    types=options.generate_code,
                )
            )
    if apis:
        write_text(project.root / CONFIG_FILE, yaml.safe_dump(config, sort_keys=False))
    return written
