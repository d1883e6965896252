"""Migration sanity checks refuse what the CLI refuses (messages recorded from the real one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import FeatureFlags, TransformConfig, transform, write_build
from transformer.deep_diff import deep_diff
from transformer.errors import (
    DestructiveMigrationError,
    InvalidGSIMigrationError,
    InvalidMigrationError,
)
from transformer.sanity_check import (
    SanityCheckRules,
    get_sanity_check_rules,
    sanity_check_project,
)

BASE = "type A @model { id: ID! name: String! status: String! } type B @model { id: ID! }"
WITH_PRIMARY_KEY = BASE.replace("@model {", '@model @key(fields: ["name"]) {', 1)
WITH_GSI = BASE.replace("@model {", '@model @key(name: "byStatus", fields: ["status"]) {', 1)
EDITED_GSI = BASE.replace(
    "@model {", '@model @key(name: "byStatus", fields: ["status", "name"]) {', 1
)
WITHOUT_B = "type A @model { id: ID! name: String! status: String! }"


def _build(tmp_path: Path, name: str, schema: str) -> Path:
    out = tmp_path / name
    write_build(transform(schema, TransformConfig()), out)
    return out


def _rules(iterative: bool, destructive: bool = False) -> SanityCheckRules:
    flags = FeatureFlags({"enableIterativeGSIUpdates": iterative}, ignore_defaults=True)
    return get_sanity_check_rules(False, flags, destructive)


def test_sanity_check_rejects_a_new_primary_key(tmp_path: Path) -> None:
    current, new = _build(tmp_path, "a", BASE), _build(tmp_path, "b", WITH_PRIMARY_KEY)
    with pytest.raises(InvalidMigrationError) as info:
        sanity_check_project(current, new, _rules(False))
    assert info.value.summary == (
        "Attempting to edit the key schema of the ATable table in the A stack. "
    )
    assert info.value.cause == "Adding a primary @key directive to an existing @model. "


def test_sanity_check_with_iterative_updates_calls_key_change_destructive(tmp_path: Path) -> None:
    current, new = _build(tmp_path, "a", BASE), _build(tmp_path, "b", WITH_PRIMARY_KEY)
    with pytest.raises(DestructiveMigrationError) as info:
        sanity_check_project(current, new, _rules(True))
    assert str(info.value) == (
        "Editing the primary key of a model requires replacement of the underlying DynamoDB "
        "table.\nThis update will replace table(s) [ATable]\nALL EXISTING DATA IN THESE TABLES "
        "WILL BE LOST!\nIf this is intended, rerun the command with "
        "'--allow-destructive-graphql-schema-updates'."
    )
    sanity_check_project(current, new, _rules(True, destructive=True))


def test_sanity_check_rejects_editing_a_gsi_key_schema(tmp_path: Path) -> None:
    current, new = _build(tmp_path, "a", WITH_GSI), _build(tmp_path, "b", EDITED_GSI)
    with pytest.raises(InvalidGSIMigrationError) as info:
        sanity_check_project(current, new, _rules(False))
    assert info.value.summary == (
        "Attempting to edit the global secondary index byStatus on the ATable table in the A "
        "stack. "
    )


def test_sanity_check_rejects_removing_a_table_unless_destructive(tmp_path: Path) -> None:
    current, new = _build(tmp_path, "a", BASE), _build(tmp_path, "b", WITHOUT_B)
    with pytest.raises(DestructiveMigrationError) as info:
        sanity_check_project(current, new, _rules(False))
    assert str(info.value).startswith(
        "Removing a model from the GraphQL schema will also remove the underlying DynamoDB "
        "table.\nThis update will remove table(s) [BTable]\n"
    )
    sanity_check_project(current, new, _rules(False, destructive=True))


def test_sanity_check_allows_adding_a_gsi(tmp_path: Path) -> None:
    current, new = _build(tmp_path, "a", BASE), _build(tmp_path, "b", WITH_GSI)
    sanity_check_project(current, new, _rules(False))


def test_deep_diff_reports_array_growth_from_the_end_like_deep_diff() -> None:
    diffs = deep_diff({"a": [1, 2], "b": 1}, {"a": [1, 3, 4], "c": 2})
    assert [(d.kind, d.path, d.index) for d in diffs] == [
        ("A", ["a"], 2),
        ("E", ["a", 1], None),
        ("D", ["b"], None),
        ("N", ["c"], None),
    ]
