"""@model output matches the real v1 transformer's (the golden suite's example-todo case)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from transformer import TransformConfig, transform
from transformer.errors import InvalidDirectiveError

TODO = Path(__file__).parent / "golden" / "cases" / "example-todo"
NOW = datetime(2024, 1, 1, tzinfo=UTC)


def test_model_todo_schema_is_byte_identical() -> None:
    result = transform((TODO / "schema.graphql").read_text(), TransformConfig(now=NOW))
    assert result.schema == (TODO / "expected" / "schema.graphql").read_text()


def test_model_todo_resolver_templates_are_byte_identical() -> None:
    result = transform((TODO / "schema.graphql").read_text(), TransformConfig(now=NOW))
    expected = {p.name: p.read_text() for p in (TODO / "expected" / "resolvers").iterdir()}
    assert result.resolvers == expected


def test_model_todo_stack_defines_the_same_resources() -> None:
    import json

    result = transform((TODO / "schema.graphql").read_text(), TransformConfig(now=NOW))
    expected = json.loads((TODO / "expected" / "stacks" / "Todo.json").read_text())
    assert result.stacks["Todo"]["Resources"] == expected["Resources"]
    assert result.stacks["Todo"]["Outputs"] == expected["Outputs"]


def test_model_custom_names_and_disabled_operations() -> None:
    sdl = """
    type Note @model(queries: {get: "fetchNote", list: null}, mutations: {create: "addNote"},
                     subscriptions: null) {
      id: ID!
      text: String
    }
    """
    result = transform(sdl, TransformConfig(now=NOW))
    assert "fetchNote(id: ID!): Note" in result.schema
    assert "listNotes" not in result.schema
    assert "addNote(input: CreateNoteInput!, condition: ModelNoteConditionInput): Note" in (
        result.schema
    )
    assert "updateNote" not in result.schema
    assert "type Subscription" not in result.schema
    assert "Query.fetchNote.req.vtl" in result.resolvers


def test_model_version_below_five_has_no_condition_inputs() -> None:
    result = transform("type Todo @model { id: ID! name: String }", TransformConfig(version=4))
    assert "ModelTodoConditionInput" not in result.schema
    assert "input ModelStringFilterInput" in result.schema
    assert "createTodo(input: CreateTodoInput!): Todo" in result.schema


def test_model_timestamps_can_be_renamed_or_disabled() -> None:
    renamed = transform(
        'type A @model(timestamps: {createdAt: "born"}) { id: ID! }', TransformConfig()
    )
    assert "born: AWSDateTime!" in renamed.schema
    assert "updatedAt: AWSDateTime!" in renamed.schema
    disabled = transform("type A @model(timestamps: null) { id: ID! }", TransformConfig())
    assert "createdAt" not in disabled.schema


def test_model_on_reserved_type_name_is_rejected() -> None:
    with pytest.raises(InvalidDirectiveError) as info:
        transform("type Query @model { id: ID! }", TransformConfig())
    assert str(info.value) == (
        "'Query' is a reserved type name and currently in use within the default schema element."
    )


def test_feature_flags_from_cli_json_are_case_insensitive_with_existing_project_defaults() -> None:
    from transformer import FeatureFlags

    flags = FeatureFlags.from_cli_json(
        {"features": {"graphqltransformer": {"improvepluralization": True}}}
    )
    assert flags.get_boolean("improvePluralization") is True
    assert flags.get_boolean("secondaryKeyAsGSI", True) is False
    assert flags.get_boolean("validateTypeNameReservedWords", False) is True


def test_model_datastore_resolver_config_adds_sync_query_and_version_fields() -> None:
    config = TransformConfig(
        resolver_config={
            "project": {"ConflictHandler": "AUTOMERGE", "ConflictDetection": "VERSION"}
        }
    )
    result = transform("type Todo @model { id: ID! name: String }", config)
    assert (
        "syncTodos(filter: ModelTodoFilterInput, limit: Int, nextToken: String, "
        "lastSync: AWSTimestamp): ModelTodoConnection"
    ) in result.schema
    assert "  _version: Int!\n  _deleted: Boolean\n  _lastChangedAt: AWSTimestamp!\n" in (
        result.schema
    )
    assert "input DeleteTodoInput {\n  id: ID!\n  _version: Int\n}" in result.schema
    assert result.root_stack["Resources"]["DataStore"]["Type"] == "AWS::DynamoDB::Table"
    resolver = result.stacks["Todo"]["Resources"]["UpdateTodoResolver"]["Properties"]
    assert resolver["SyncConfig"] == {
        "ConflictDetection": "VERSION",
        "ConflictHandler": "AUTOMERGE",
    }
