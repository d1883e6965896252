"""Relational directive misuse the real transformer crashes on: refused with a message here."""

from __future__ import annotations

import pytest

from transformer.v2 import transform
from transformer.v2.errors import InvalidDirectiveError


@pytest.mark.parametrize("relation_name", ["", "123", "-"])
def test_many_to_many_relation_name_without_a_type_name_is_refused(relation_name: str) -> None:
    schema = f"""
    type Post @model {{ id: ID! tags: [Tag] @manyToMany(relationName: "{relation_name}") }}
    type Tag @model {{ id: ID! posts: [Post] @manyToMany(relationName: "{relation_name}") }}
    """
    with pytest.raises(InvalidDirectiveError) as caught:
        transform(schema)
    assert caught.value.message == (
        f"@manyToMany relationName '{relation_name}' on Post.tags does not make a type name."
    )
