"""The golden comparators: what counts as the same schema, stacks and mapping templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.transformer import golden_support as gs

SCHEMA = """
type Todo {
  id: ID!
  name: String
  tags(limit: Int = 10, filter: String): [String!]
}
enum Color {
  RED
  BLUE
}
type Query {
  getTodo(id: ID!): Todo
}
"""


def test_schema_differences_ignore_definition_field_and_value_order() -> None:
    reordered = """
    type Query {
      getTodo(id: ID!): Todo
    }
    enum Color {
      BLUE
      RED
    }
    type Todo {
      tags(filter: String, limit: Int = 10): [String!]
      name: String
      id: ID!
    }
    """
    assert gs.schema_differences(SCHEMA, reordered) == []


def test_schema_differences_report_nullability() -> None:
    changed = SCHEMA.replace("name: String\n", "name: String!\n")
    assert gs.schema_differences(SCHEMA, changed) == [
        '$.Todo.fields.name.type: expected "String", got "String!"'
    ]


def test_schema_differences_report_default_values_and_missing_enum_values() -> None:
    changed = SCHEMA.replace("= 10", "= 20").replace("  BLUE\n", "")
    assert gs.schema_differences(SCHEMA, changed) == [
        '$.Color.values: expected 2 items ["BLUE", "RED"], got 1 ["RED"]',
        '$.Todo.fields.tags.args.limit.default: expected "10", got "20"',
    ]


def _write_build(root: Path, stack: dict[str, Any], templates: dict[str, str]) -> Path:
    (root / "stacks").mkdir(parents=True)
    (root / "stacks" / "Todo.json").write_text(json.dumps(stack))
    (root / "cloudformation-template.json").write_text(json.dumps({"Resources": {}}))
    (root / "schema.graphql").write_text(SCHEMA)
    (root / "resolvers").mkdir()
    for name, text in templates.items():
        (root / "resolvers" / name).write_text(text)
    return root


def _table(attributes: list[str], hash_key: str = "id") -> dict[str, Any]:
    return {
        "Resources": {
            "TodoTable": {
                "Type": "AWS::DynamoDB::Table",
                "Properties": {
                    "KeySchema": [{"AttributeName": hash_key, "KeyType": "HASH"}],
                    "AttributeDefinitions": [
                        {"AttributeName": a, "AttributeType": "S"} for a in attributes
                    ],
                },
                "DependsOn": "TodoRole",
            }
        }
    }


def test_stack_differences_ignore_attribute_definition_order(tmp_path: Path) -> None:
    expected = _write_build(tmp_path / "a", _table(["id", "owner"]), {})
    actual = _write_build(tmp_path / "b", _table(["owner", "id"]), {})
    assert gs.stack_differences(expected, actual) == []


def test_stack_differences_report_a_changed_key_schema(tmp_path: Path) -> None:
    expected = _write_build(tmp_path / "a", _table(["id"]), {})
    actual = _write_build(tmp_path / "b", _table(["id"], hash_key="pk"), {})
    assert gs.stack_differences(expected, actual) == [
        "stacks/Todo.json $.Resources.TodoTable.Properties.KeySchema[0].AttributeName: "
        'expected "id", got "pk"'
    ]


GET_ITEM = """{
  "version": "2018-05-29",
  "operation": "GetItem",
  "key": {
      "id": $util.dynamodb.toDynamoDBJson($ctx.args.id)
  }
}"""


def test_template_differences_accept_an_equivalent_template(tmp_path: Path) -> None:
    equivalent = (
        '#set( $key = { "id": $util.dynamodb.toDynamoDB($ctx.args.id) } )\n'
        '{"operation": "GetItem", "key": $util.toJson($key), "version": "2018-05-29"}'
    )
    expected = _write_build(tmp_path / "a", _table(["id"]), {"Query.getTodo.req.vtl": GET_ITEM})
    actual = _write_build(tmp_path / "b", _table(["id"]), {"Query.getTodo.req.vtl": equivalent})
    assert gs.template_differences(expected, actual) == []


def test_template_differences_report_a_different_request(tmp_path: Path) -> None:
    other = GET_ITEM.replace("$ctx.args.id", '"fixed"')
    expected = _write_build(tmp_path / "a", _table(["id"]), {"Query.getTodo.req.vtl": GET_ITEM})
    actual = _write_build(tmp_path / "b", _table(["id"]), {"Query.getTodo.req.vtl": other})
    differences = gs.template_differences(expected, actual)
    assert len(differences) == 1
    assert differences[0].startswith("resolvers/Query.getTodo.req.vtl [userPools/full]: rendered")
    assert '"fixed"' in differences[0]


def test_template_differences_report_missing_and_unexpected_files(tmp_path: Path) -> None:
    expected = _write_build(tmp_path / "a", _table(["id"]), {"Query.getTodo.req.vtl": GET_ITEM})
    actual = _write_build(tmp_path / "b", _table(["id"]), {"Query.listTodos.req.vtl": GET_ITEM})
    assert gs.template_differences(expected, actual) == [
        "resolvers/Query.getTodo.req.vtl: missing",
        "resolvers/Query.listTodos.req.vtl: unexpected",
    ]


def test_render_outcome_normalises_generated_ids_and_times() -> None:
    render = gs.find_vtl_render()
    assert render is not None
    template = '{"id": "$util.autoId()", "at": "$util.time.nowISO8601()"}'
    first = gs.render_outcome(render, template, {"arguments": {}}, "t.vtl")
    assert first == {"text": {"id": "<uuid>", "at": "<time>"}}
