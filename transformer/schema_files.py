"""Read an API's schema the way the Amplify CLI does before transforming it."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLError, parse
from graphql.language import ast

from transformer.errors import TransformerError
from transformer.sdl_printer import print_document
from transformer.validation import js_message

__all__ = ["read_schema"]

_SCHEMA_FILES = ("schema.graphql", "schema.sql.graphql")


def read_schema(api_dir: Path) -> str:
    """The schema text of `amplify/backend/api/<name>/`.

    `schema.graphql` is parsed and re-printed without its `input AMPLIFY` block (so error
    locations point into the re-printed text, as in the CLI); otherwise every file under
    `schema/` (recursively, by name, dot-files skipped) is joined with newlines.

    :raises TransformerError: no schema at all, or a GraphQL syntax error in schema.graphql.
    """
    files = [api_dir / name for name in _SCHEMA_FILES if (api_dir / name).is_file()]
    if files:
        text = ""
        for file in files:
            text += _without_amplify_input(file.read_text(encoding="utf-8"), file)
        return text
    directory = api_dir / "schema"
    if directory.is_dir():
        return "\n".join(_read_documents(directory))
    raise TransformerError(f"Could not find a schema at {api_dir / _SCHEMA_FILES[0]}")


def _without_amplify_input(text: str, file: Path) -> str:
    try:
        document = parse(text)
    except GraphQLError as err:
        location = err.locations[0] if err.locations else None
        raise TransformerError(
            js_message(err.message),
            file=str(file),
            line=location.line if location else None,
            column=location.column if location else None,
        ) from err
    for definition in document.definitions:
        if isinstance(definition, ast.ExecutableDefinitionNode):
            kind = (
                "OperationDefinition"
                if isinstance(definition, ast.OperationDefinitionNode)
                else "FragmentDefinition"
            )
            raise TransformerError(
                f"Found a {kind}. Transformers accept only documents consisting of "
                "TypeSystemDefinitions.",
                file=str(file),
            )
    kept = [
        d
        for d in document.definitions
        if not (isinstance(d, ast.InputObjectTypeDefinitionNode) and d.name.value == "AMPLIFY")
    ]
    return print_document(kept)


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
