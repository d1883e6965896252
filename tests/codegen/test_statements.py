"""GraphQL statements generation, laid out as amplify-codegen (prettier) lays them out."""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.codegen import read_codegen_projects, write_statements
from amplify_mock.codegen.config import CodegenConfigError
from amplify_mock.codegen.statements import (
    CodegenError,
    build_appsync_schema,
    generate_statements,
    pascal_case,
)

SCHEMA = """
type Todo @aws_api_key @aws_cognito_user_pools {
  id: ID!
  name: String!
  tags: [String]
  status: Status
  createdAt: AWSDateTime!
  owner: Owner
  history: ModelTodoConnection
}
type Owner { name: String  address: Address }
type Address { street: String }
enum Status { OPEN DONE }
type ModelTodoConnection { items: [Todo]  nextToken: String }
input ModelTodoFilterInput { name: String }
type Query {
  getTodo(id: ID!): Todo
  listTodos(filter: ModelTodoFilterInput, limit: Int, nextToken: String): ModelTodoConnection
  ping: String
}
type Mutation { createTodo(name: String!): Todo }
type Subscription {
  onCreateTodo: Todo @aws_subscribe(mutations: ["createTodo"])
}
"""

GET_TODO = """export const getTodo = /* GraphQL */ `
  query GetTodo($id: ID!) {
    getTodo(id: $id) {
      id
      name
      tags
      status
      createdAt
      owner {
        name
        __typename
      }
      history {
        nextToken
        __typename
      }
      __typename
    }
  }
`;
"""

LIST_TODOS = """export const listTodos = /* GraphQL */ `
  query ListTodos(
    $filter: ModelTodoFilterInput
    $limit: Int
    $nextToken: String
  ) {
    listTodos(filter: $filter, limit: $limit, nextToken: $nextToken) {
      items {
        id
        name
        tags
        status
        createdAt
        __typename
      }
      nextToken
      __typename
    }
  }
`;
"""


@pytest.fixture
def files() -> dict[str, str]:
    return generate_statements(build_appsync_schema(SCHEMA))


def test_statements_files_per_root_type(files: dict[str, str]) -> None:
    assert sorted(files) == ["mutations.js", "queries.js", "subscriptions.js"]
    assert files["queries.js"].startswith(
        "/* eslint-disable */\n// this is an auto generated file. This will be overwritten\n"
    )


def test_statements_depth_two_selection(files: dict[str, str]) -> None:
    assert GET_TODO in files["queries.js"]


def test_statements_long_variable_list_breaks_lines(files: dict[str, str]) -> None:
    assert LIST_TODOS in files["queries.js"]


def test_statements_scalar_root_field_has_no_selection(files: dict[str, str]) -> None:
    assert "  query Ping {\n    ping\n  }\n" in files["queries.js"]


def test_statements_subscription(files: dict[str, str]) -> None:
    assert "  subscription OnCreateTodo {\n    onCreateTodo {\n" in files["subscriptions.js"]


def test_statements_typescript_and_flow_headers() -> None:
    schema = build_appsync_schema(SCHEMA)
    ts = generate_statements(schema, target="typescript")
    assert sorted(ts) == ["mutations.ts", "queries.ts", "subscriptions.ts"]
    assert ts["queries.ts"].startswith("/* tslint:disable */\n/* eslint-disable */\n")
    flow = generate_statements(schema, target="flow")
    assert flow["queries.js"].startswith("// @flow\n")


def test_statements_max_depth_one_drops_nested_objects() -> None:
    files = generate_statements(build_appsync_schema(SCHEMA), max_depth=1)
    assert "owner {" not in files["queries.js"]
    assert "items {" not in files["queries.js"]


def test_statements_pascal_case() -> None:
    assert pascal_case("getTodo") == "GetTodo"
    assert pascal_case("list_todos") == "ListTodos"


def test_statements_invalid_schema_names_the_file() -> None:
    with pytest.raises(CodegenError) as err:
        build_appsync_schema("type Query { x: Missing }", source_name="build/schema.graphql")
    assert str(err.value) == "build/schema.graphql: Unknown type 'Missing'."


def test_statements_schema_takes_the_directives_the_endpoint_takes() -> None:
    sdl = (
        "interface Node @aws_iam { id: ID! }\n"
        "type Query { node: Node @aws_api_key }\n"
        "type Subscription { onNode: Node @aws_publish(subscriptions: []) }"
    )
    subscription = build_appsync_schema(sdl).subscription_type
    assert subscription is not None
    assert list(subscription.fields) == ["onNode"]


def test_statements_written_per_graphqlconfig(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text(SCHEMA)
    (tmp_path / ".graphqlconfig.yml").write_text(
        "projects:\n  demo:\n    schemaPath: schema.graphql\n    extensions:\n      amplify:\n"
        "        codeGenTarget: typescript\n        docsFilePath: src/graphql\n"
    )
    [project] = read_codegen_projects(tmp_path)
    written = write_statements(project)
    assert sorted(p.name for p in written) == ["mutations.ts", "queries.ts", "subscriptions.ts"]
    assert "getTodo(id: $id)" in (tmp_path / "src" / "graphql" / "queries.ts").read_text()


def test_statements_config_bad_yaml(tmp_path: Path) -> None:
    (tmp_path / ".graphqlconfig.yml").write_text("projects:\n  demo: [\n")
    with pytest.raises(CodegenConfigError) as err:
        read_codegen_projects(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / '.graphqlconfig.yml'}:3:1: not valid YAML")


DEEP = """
type A { b: B  n: Int }
type B { c: C }
type C { x: Int }
type Query { a: A }
"""


def test_statements_object_without_fields_in_depth_keeps_typename() -> None:
    files = generate_statements(build_appsync_schema(DEEP))
    assert "    a {\n      b {\n        __typename\n      }\n      n\n" in files["queries.js"]


def test_statements_typename_introspection_off_drops_empty_objects() -> None:
    files = generate_statements(build_appsync_schema(DEEP), typename_introspection=False)
    assert files["queries.js"].endswith("  query A {\n    a {\n      n\n    }\n  }\n`;\n")


ABSTRACT = """
interface Node { id: ID! }
type Book implements Node { id: ID!  title: String }
type Film implements Node { id: ID! }
union Item = Book | Film
type Query { node: Node  item: Item }
"""


def test_statements_fragments_without_typename_after_blank_line() -> None:
    files = generate_statements(build_appsync_schema(ABSTRACT))
    assert (
        "    node {\n      id\n\n      ... on Book {\n        title\n      }\n    }\n"
        in (files["queries.js"])
    )
    assert (
        "    item {\n      ... on Book {\n        id\n        title\n      }\n"
        in (files["queries.js"])
    )


def test_statements_no_blank_line_between_statements(files: dict[str, str]) -> None:
    assert "`;\nexport const listTodos = " in files["queries.js"]


def test_statements_config_typename_introspection(tmp_path: Path) -> None:
    (tmp_path / ".graphqlconfig.yml").write_text(
        "projects:\n  demo:\n    schemaPath: schema.graphql\n    extensions:\n      amplify:\n"
        "        typenameIntrospection: false\n"
    )
    [project] = read_codegen_projects(tmp_path)
    assert project.typename_introspection is False
