"""Schemas are read from an API directory the way the Amplify CLI reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer.errors import TransformerError
from transformer.schema_files import read_schema


def test_read_schema_reprints_schema_graphql_and_drops_comments(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text("# a comment\ntype A @model { id: ID! }\n")
    assert read_schema(tmp_path) == "type A @model {\n  id: ID!\n}\n"


def test_read_schema_moves_amplify_input_to_the_front(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text(
        "type A @model { id: ID! }\n"
        "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }\n"
    )
    assert read_schema(tmp_path) == (
        "input AMPLIFY {\n  globalAuthRule: AuthRule = {allow: public}\n}"
        "type A @model {\n  id: ID!\n}\n"
    )


def test_read_schema_joins_schema_directory_by_name_skipping_dot_files(tmp_path: Path) -> None:
    directory = tmp_path / "schema"
    (directory / "sub").mkdir(parents=True)
    (directory / "b.graphql").write_text("type B { x: Int }")
    (directory / "a.graphql").write_text("# kept as is\ntype A { x: Int }")
    (directory / "sub" / "c.graphql").write_text("type C { x: Int }")
    (directory / ".hidden").write_text("not schema")
    assert read_schema(tmp_path) == (
        "# kept as is\ntype A { x: Int }\ntype B { x: Int }\ntype C { x: Int }"
    )


def test_read_schema_without_schema_names_the_expected_file(tmp_path: Path) -> None:
    with pytest.raises(TransformerError) as info:
        read_schema(tmp_path)
    assert str(info.value) == f"Could not find a schema at {tmp_path / 'schema.graphql'}"


def test_read_schema_syntax_error_has_graphql_js_message_and_location(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text("type A @model {\n  id: ID!\n")
    with pytest.raises(TransformerError) as info:
        read_schema(tmp_path)
    assert str(info.value) == "Syntax Error: Expected Name, found <EOF>."
    assert (info.value.line, info.value.column) == (3, 1)
