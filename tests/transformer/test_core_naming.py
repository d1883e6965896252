"""Generated names follow graphql-transformer-common."""

from __future__ import annotations

import pytest

from transformer.naming import (
    ModelResourceIDs,
    graphql_name,
    plurality,
    resource_name,
    simplify_name,
)


def test_resource_name_strips_punctuation_and_adds_md5_suffix() -> None:
    assert resource_name("Todo") == "Todo"
    assert resource_name("Query_list") == "Querylist7687"


def test_graphql_name_drops_leading_digits_and_punctuation() -> None:
    assert graphql_name("1ab-c_d") == "abc_d"


def test_simplify_name_removes_env_placeholder() -> None:
    assert simplify_name("echofunction-${env}") == "Echofunction"


@pytest.mark.parametrize(
    ("word", "improve", "expected"),
    [
        ("Todo", False, "Todos"),
        ("Category", False, "Categorys"),
        ("Category", True, "Categories"),
        ("Person", True, "People"),
        ("Equipment", True, "Equipment"),
        ("Box", True, "Boxes"),
        ("Fish", True, "Fish"),
    ],
)
def test_plurality_with_and_without_improved_pluralization(
    word: str, improve: bool, expected: str
) -> None:
    assert plurality(word, improve) == expected


def test_scalar_filter_input_names_map_appsync_scalars() -> None:
    assert ModelResourceIDs.scalar_filter_input("AWSDateTime", False) == "ModelStringInput"
    assert ModelResourceIDs.scalar_filter_input("Int", True) == "ModelIntFilterInput"
    assert ModelResourceIDs.filter_input("Todo") == "ModelTodoFilterInput"
