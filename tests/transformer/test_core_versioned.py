"""@versioned behaviours in isolation."""

from __future__ import annotations

import pytest

from transformer import TransformConfig, transform
from transformer.errors import TransformerContractError


def test_versioned_adds_expected_version_inputs_and_conditions() -> None:
    result = transform("type Note @model @versioned { id: ID! text: String }", TransformConfig())
    assert "version: Int!" in result.schema
    assert "input DeleteNoteInput {\n  id: ID!\n  expectedVersion: Int!\n}" in result.schema
    create = result.resolvers["Mutation.createNote.req.vtl"]
    assert '$util.qr($ctx.args.input.put("version", 1))' in create
    assert "$versionedCondition" in result.resolvers["Mutation.updateNote.req.vtl"]


def test_versioned_field_must_be_int_or_bigint() -> None:
    with pytest.raises(TransformerContractError) as info:
        transform("type Note @model @versioned { id: ID! version: String }", TransformConfig())
    assert (
        str(info.value) == 'The versionField "version" is required to be of type "Int" or "BigInt".'
    )
