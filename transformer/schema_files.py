"""Read an API's schema the way the Amplify CLI does before transforming it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from graphql.language import ast

from transformer.errors import TransformerError
from transformer.sdl_printer import print_definition, print_document
from transformer.validation import parse_type_system

__all__ = ["read_schema"]

_SCHEMA_FILES = ("schema.graphql", "schema.sql.graphql")


def read_schema(api_dir: Path) -> str:
    """The schema text of `amplify/backend/api/<name>/`.

    `schema.graphql` is parsed and re-printed with its `input AMPLIFY` block moved to the
    front (so error locations point into the re-printed text, as in the CLI); otherwise every
    file under
    `schema/` (recursively, by name, dot-files skipped) is joined with newlines.

    :raises TransformerError: no schema at all, or a GraphQL syntax error in schema.graphql.
    """
    files = [api_dir / name for name in _SCHEMA_FILES if (api_dir / name).is_file()]
    if files:
        text = ""
        amplify_input: ast.InputObjectTypeDefinitionNode | None = None
        for file in files:
            printed, found = _without_amplify_input(file.read_text(encoding="utf-8"), file)
            text += printed
            amplify_input = _merge_fields(amplify_input, found)
        if amplify_input is not None:
            # The CLI puts the (merged) `input AMPLIFY` back in front, without a separator.
            text = print_definition(amplify_input) + text
        return text
    directory = api_dir / "schema"
    if directory.is_dir():
        return "\n".join(_read_documents(directory))
    raise TransformerError(f"Could not find a schema at {api_dir / _SCHEMA_FILES[0]}")


def _merge_fields(
    first: ast.InputObjectTypeDefinitionNode | None,
    second: ast.InputObjectTypeDefinitionNode | None,
) -> ast.InputObjectTypeDefinitionNode | None:
    if first is None or second is None:
        return first or second
    names = {f.name.value for f in first.fields or ()}
    extra = tuple(f for f in second.fields or () if f.name.value not in names)
    return dataclasses.replace(first, fields=(*(first.fields or ()), *extra))


def _without_amplify_input(
    text: str, file: Path
) -> tuple[str, ast.InputObjectTypeDefinitionNode | None]:
    document = parse_type_system(text, str(file))
    amplify_input = next(
        (
            d
            for d in document.definitions
            if isinstance(d, ast.InputObjectTypeDefinitionNode) and d.name.value == "AMPLIFY"
        ),
        None,
    )
    kept = [d for d in document.definitions if d is not amplify_input]
    return print_document(kept), amplify_input


def _read_documents(directory: Path) -> list[str]:
    documents: list[str] = []
    for entry in sorted(directory.iterdir(), key=lambda p: p.name.encode()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            documents.extend(_read_documents(entry))
        elif entry.is_file():
            documents.append(entry.read_text(encoding="utf-8"))
    return documents
