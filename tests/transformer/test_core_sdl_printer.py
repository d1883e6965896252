"""The SDL printer reproduces graphql-js 15's `print` (expected text recorded from it)."""

from __future__ import annotations

from pathlib import Path

from graphql import parse

from transformer.sdl_printer import print_document

DATA = Path(__file__).parent / "core_data" / "printer"


def test_print_document_matches_graphql_js_15_for_every_definition_kind() -> None:
    document = parse((DATA / "input.graphql").read_text())
    assert print_document(document.definitions) == (DATA / "graphql_js_15.txt").read_text()


def test_print_document_keeps_object_values_compact_and_lists_unwrapped() -> None:
    sdl = (
        'type T @auth(rules: [{allow: owner, ownerField: "a"}, {allow: groups, groups: ["A", '
        '"B", "C", "D", "E", "F", "G", "H"]}]) {\n  id: ID!\n}'
    )
    assert print_document(parse(sdl).definitions) == sdl + "\n"
