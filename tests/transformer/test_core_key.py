"""@key behaviours in isolation (whole builds are compared in test_core_builds)."""

from __future__ import annotations

from typing import Any

import pytest

from transformer import FeatureFlags, TransformConfig, transform
from transformer.errors import InvalidDirectiveError

ORDER = """
type Order @model
  @key(fields: ["customer", "date", "item"])
  @key(name: "byCustomerTotal", fields: ["customer", "total"])
  @key(name: "byStatus", fields: ["status", "date"], queryField: "ordersByStatus") {
  customer: String!
  date: AWSDate!
  item: String!
  total: Float!
  status: Status!
}
enum Status { OPEN DONE }
"""


def _table(secondary_key_as_gsi: bool) -> Any:
    config = TransformConfig(
        feature_flags=FeatureFlags.new_project(secondaryKeyAsGSI=secondary_key_as_gsi)
    )
    result = transform(ORDER, config)
    return result.stacks["Order"]["Resources"]["OrderTable"]["Properties"]


def test_key_composite_primary_key_joins_sort_fields_with_hash() -> None:
    table = _table(True)
    assert table["KeySchema"] == [
        {"AttributeName": "customer", "KeyType": "HASH"},
        {"AttributeName": "date#item", "KeyType": "RANGE"},
    ]


def test_key_same_hash_key_is_an_lsi_only_without_secondary_key_as_gsi() -> None:
    assert [i["IndexName"] for i in _table(False)["LocalSecondaryIndexes"]] == ["byCustomerTotal"]
    gsi = [i["IndexName"] for i in _table(True)["GlobalSecondaryIndexes"]]
    assert gsi == ["byCustomerTotal", "byStatus"]


def test_key_query_field_and_key_condition_inputs_are_generated() -> None:
    schema = transform(ORDER, TransformConfig()).schema
    assert (
        "ordersByStatus(status: Status, date: ModelStringKeyConditionInput, sortDirection: "
        "ModelSortDirection, filter: ModelOrderFilterInput, limit: Int, nextToken: String): "
        "ModelOrderConnection"
    ) in schema
    assert "input ModelOrderPrimaryCompositeKeyConditionInput {" in schema
    assert "input ModelOrderPrimaryCompositeKeyInput {\n  date: AWSDate\n  item: String\n}" in (
        schema
    )
    assert "getOrder(customer: String!, date: AWSDate!, item: String!): Order" in schema


def test_key_primary_key_on_nullable_field_is_rejected() -> None:
    with pytest.raises(InvalidDirectiveError) as info:
        transform(
            'type A @model @key(fields: ["name"]) { id: ID! name: String }', TransformConfig()
        )
    assert str(info.value) == "The primary @key on type 'A' must reference non-null fields."
