"""TypeScript / Flow types files and typed statements (expected text from amplify-codegen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.codegen import (
    CodegenProject,
    build_appsync_schema,
    generate_statements,
    read_codegen_projects,
    write_codegen,
    write_statements,
)
from amplify_mock.codegen.config import CodegenConfigError
from amplify_mock.codegen.runner import find_documents, write_types
from amplify_mock.codegen.statements import CodegenError, types_import_path
from amplify_mock.codegen.types_flow import generate_flow_types
from amplify_mock.codegen.types_ir import (
    compile_documents,
    extract_javascript_documents,
    parse_documents,
)
from amplify_mock.codegen.types_typescript import generate_typescript_types

SCHEMA = """
type Note { id: ID!  body: String  kind: Kind!  at: AWSTimestamp }
enum Kind { A B }
input NoteInput { body: String!  kind: Kind }
type Query { getNote(id: ID!): Note }
type Mutation { addNote(input: NoteInput!): Note }
"""

NOTE_TS = """ {
    __typename: "Note",
    id: string,
    body?: string | null,
    kind: Kind,
    at?: number | null,
  } | null,
};
"""

API_TS = f"""/* tslint:disable */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type NoteInput = {{
  body: string,
  kind?: Kind | null,
}};

export enum Kind {{
  A = "A",
  B = "B",
}}


export type Note = {{
  __typename: "Note",
  id: string,
  body?: string | null,
  kind: Kind,
  at?: number | null,
}};

export type AddNoteMutationVariables = {{
  input: NoteInput,
}};

export type AddNoteMutation = {{
  addNote?: {NOTE_TS}
export type GetNoteQueryVariables = {{
  id: string,
}};

export type GetNoteQuery = {{
  getNote?: {NOTE_TS}"""

NOTE_FLOW = """ {|
    __typename: "Note",
    id: string,
    body: ?string,
    kind: Kind,
    at: ?number,
  |},
|};"""

API_FLOW = f"""/* @flow */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type NoteInput = {{|
  body: string,
  kind?: ?Kind,
|}};

export type Kind =
  "A" |
  "B";


export type AddNoteMutationVariables = {{|
  input: NoteInput,
|}};

export type AddNoteMutation = {{|
  addNote: ?{NOTE_FLOW}

export type GetNoteQueryVariables = {{|
  id: string,
|}};

export type GetNoteQuery = {{|
  getNote: ?{NOTE_FLOW}"""

TYPED_MUTATIONS = """/* tslint:disable */
/* eslint-disable */
// this is an auto generated file. This will be overwritten

import * as APITypes from "../API";
type GeneratedMutation<InputType, OutputType> = string & {
  __generatedMutationInput: InputType;
  __generatedMutationOutput: OutputType;
};

export const addNote = /* GraphQL */ `mutation AddNote($input: NoteInput!) {
  addNote(input: $input) {
    id
    body
    kind
    at
    __typename
  }
}
` as GeneratedMutation<
  APITypes.AddNoteMutationVariables,
  APITypes.AddNoteMutation
>;
"""


def _compiled_from_statements(target: str) -> str:
    schema = build_appsync_schema(SCHEMA)
    files = generate_statements(schema, target=target, types_import="../API")
    sources = [(name, extract_javascript_documents(files[name]) or "") for name in sorted(files)]
    compiled = compile_documents(schema, parse_documents(sources))
    if target == "flow":
        return generate_flow_types(compiled)
    return generate_typescript_types(compiled)


def test_types_typescript_file() -> None:
    assert _compiled_from_statements("typescript") == API_TS


def test_types_flow_file() -> None:
    assert _compiled_from_statements("flow") == API_FLOW


def test_types_typed_statements_break_long_cast() -> None:
    files = generate_statements(
        build_appsync_schema(SCHEMA), target="typescript", types_import="../API"
    )
    assert files["mutations.ts"] == TYPED_MUTATIONS
    assert files["queries.ts"].endswith(
        "` as GeneratedQuery<APITypes.GetNoteQueryVariables, APITypes.GetNoteQuery>;\n"
    )


def test_types_statements_untyped_without_types_import() -> None:
    files = generate_statements(build_appsync_schema(SCHEMA), target="typescript")
    assert "APITypes" not in files["queries.ts"]
    assert (
        "export const getNote = /* GraphQL */ `\n  query GetNote($id: ID!) {\n"
        in files["queries.ts"]
    )


def test_types_javascript_statements_ignore_types_import() -> None:
    files = generate_statements(
        build_appsync_schema(SCHEMA), target="javascript", types_import="../API"
    )
    assert "APITypes" not in files["queries.js"]


@pytest.mark.parametrize(
    ("docs", "generated", "expected"),
    [
        ("src/graphql", "src/API.ts", "../API"),
        ("src/graphql", "src/graphql/API.ts", "./API"),
        ("src/graphql", "src/Components/Data/API.ts", "../Components/Data/API"),
        ("src", "API.service.ts", "../API.service"),
    ],
)
def test_types_import_path(tmp_path: Path, docs: str, generated: str, expected: str) -> None:
    assert types_import_path(tmp_path / docs, tmp_path / generated) == expected


def test_types_extract_javascript_documents() -> None:
    text = (
        "import x from './x';\n"
        "export const a = /* GraphQL */ `query A { a(id: ${id}) }`;\n"
        "export const b = gql`query B { b }`;\n"
        "const url = `https://example.com/path`;\n"
    )
    assert extract_javascript_documents(text) == "query A { a(id: ) }\nquery B { b }"
    assert extract_javascript_documents("const a = 1;") is None


CUSTOM_SCHEMA = """
interface Node { id: ID! }
type Book implements Node { id: ID!  title: String  pages: Int! }
type Film implements Node { id: ID!  minutes: Int }
type Query { node(id: ID!): Node  books: [Book!]! }
"""

CUSTOM_TS = """export type PickQuery = {
  item: ( {
      __typename: "Book",
      id: string,
      name?: string | null,
    } | {
      __typename: "Film",
      id: string,
    }
  ) | null,
  books:  Array< {
    __typename: "Book",
    pages: number,
  } >,
};
"""


def _custom_project(root: Path) -> CodegenProject:
    (root / "schema.graphql").write_text(CUSTOM_SCHEMA)
    (root / "src" / "graphql").mkdir(parents=True)
    (root / "src" / "graphql" / "custom.graphql").write_text(
        "query Pick($id: ID!) {\n"
        "  item: node(id: $id) { id ... on Book { name: title } }\n"
        "  books { pages }\n"
        "}\n"
    )
    (root / "amplify").mkdir()
    (root / "amplify" / "ignored.graphql").write_text("query Broken { nope }")
    return CodegenProject(
        name="demo",
        schema_path=root / "schema.graphql",
        docs_path=root / "src" / "graphql",
        target="typescript",
        max_depth=2,
        generated_file=root / "src" / "API.ts",
        includes=("**/*.graphql",),
        excludes=("./amplify/**", "schema.graphql"),
        root=root,
    )


def test_types_from_hand_written_documents(tmp_path: Path) -> None:
    project = _custom_project(tmp_path)

    written = write_types(project)

    assert written == tmp_path / "src" / "API.ts"
    text = written.read_text()
    assert text.endswith("export type PickQueryVariables = {\n  id: string,\n};\n\n" + CUSTOM_TS)


def test_types_find_documents_applies_excludes(tmp_path: Path) -> None:
    project = _custom_project(tmp_path)
    found = find_documents(tmp_path, project.includes, project.excludes)
    assert found == [tmp_path / "src" / "graphql" / "custom.graphql"]


def _config(root: Path, target: str, generated: str, schema: str = SCHEMA) -> CodegenProject:
    (root / "schema.graphql").write_text(schema)
    (root / ".graphqlconfig.yml").write_text(
        "projects:\n  demo:\n    schemaPath: schema.graphql\n"
        f"    includes: [src/graphql/**/*.{'ts' if target == 'typescript' else 'js'}]\n"
        "    excludes: [./amplify/**]\n"
        "    extensions:\n      amplify:\n"
        f"        codeGenTarget: {target}\n        generatedFileName: '{generated}'\n"
        "        docsFilePath: src/graphql\n"
    )
    [project] = read_codegen_projects(root)
    return project


def test_types_write_codegen_typescript(tmp_path: Path) -> None:
    project = _config(tmp_path, "typescript", "src/API.ts")

    written = write_codegen(project)

    names = [p.relative_to(tmp_path).as_posix() for p in written]
    assert names == ["src/graphql/queries.ts", "src/graphql/mutations.ts", "src/API.ts"]
    assert (tmp_path / "src" / "API.ts").read_text() == API_TS
    assert (tmp_path / "src" / "graphql" / "mutations.ts").read_text() == TYPED_MUTATIONS


def test_types_write_statements_casts_when_types_file_configured(tmp_path: Path) -> None:
    project = _config(tmp_path, "typescript", "src/API.ts")
    write_statements(project)
    assert (tmp_path / "src" / "graphql" / "mutations.ts").read_text() == TYPED_MUTATIONS
    assert not (tmp_path / "src" / "API.ts").exists()


def test_types_write_codegen_flow(tmp_path: Path) -> None:
    project = _config(tmp_path, "flow", "src/API.js")
    write_codegen(project)
    assert (tmp_path / "src" / "API.js").read_text() == API_FLOW


def test_types_no_types_file_without_generated_file_name(tmp_path: Path) -> None:
    project = _config(tmp_path, "typescript", "")
    written = write_codegen(project)
    assert [p.name for p in written] == ["queries.ts", "mutations.ts"]


def test_types_no_types_file_for_javascript(tmp_path: Path) -> None:
    project = _config(tmp_path, "javascript", "src/API.js")
    written = write_codegen(project)
    assert [p.name for p in written] == ["queries.js", "mutations.js"]


def test_types_without_documents(tmp_path: Path) -> None:
    project = _config(tmp_path, "typescript", "src/API.ts")
    with pytest.raises(CodegenError) as err:
        write_codegen(project, statements=False)
    assert str(err.value) == (
        "No queries found to generate types for, you may need to run 'codegen statements' first"
    )


def _compile(document: str) -> None:
    compile_documents(build_appsync_schema(SCHEMA), parse_documents([("doc.graphql", document)]))


def test_types_unknown_field_in_document() -> None:
    with pytest.raises(CodegenError) as err:
        _compile("query Q { getNote(id: 1) { title } }")
    assert str(err.value) == (
        "Validation of GraphQL query document failed: Cannot query field 'title' on type 'Note'."
    )


def test_types_anonymous_operation() -> None:
    with pytest.raises(CodegenError) as err:
        _compile("{ getNote(id: 1) { id } }")
    assert str(err.value) == "Apollo does not support anonymous operations"


FRAGMENTS_TS = """export type ShelfQuery = {
  books:  Array< {
    __typename: "Book",
    title?: string | null,
  } >,
  node: ( {
      __typename: "Book",
      id: string,
    } | {
      __typename: "Film",
      id: string,
      minutes?: number | null,
    }
  ) | null,
};

export type BookPartsFragment = {
  __typename: "Book",
  title?: string | null,
};

export type NodePartsFragment = ( {
      __typename: "Book",
      id: string,
    } | {
      __typename: "Film",
      id: string,
      minutes?: number | null,
    }
  );
"""

FRAGMENTS_FLOW_TAIL = """export type BookPartsFragment = {|
  __typename: "Book",
  title: ?string,
|};

export type NodePartsFragment = ( {
      __typename: "Book",
      id: string,
    } | {
      __typename: "Film",
      id: string,
      minutes: ?number,
    }
  );"""

FRAGMENTS_DOCUMENT = """
query Shelf { books { ...BookParts } node(id: "1") { ...NodeParts } }
fragment BookParts on Book { title }
fragment NodeParts on Node { id ... on Film { minutes } }
"""


def test_types_named_fragments_merged_and_declared() -> None:
    schema = build_appsync_schema(CUSTOM_SCHEMA)
    compiled = compile_documents(schema, parse_documents([("doc.graphql", FRAGMENTS_DOCUMENT)]))
    assert generate_typescript_types(compiled).endswith(FRAGMENTS_TS)
    assert generate_flow_types(compiled).endswith(FRAGMENTS_FLOW_TAIL)


def test_types_unknown_fragment() -> None:
    with pytest.raises(CodegenError) as err:
        _compile("query Q { getNote(id: 1) { ...Missing } }")
    assert str(err.value) == (
        "Validation of GraphQL query document failed: Unknown fragment 'Missing'."
    )


def test_types_document_does_not_parse() -> None:
    with pytest.raises(CodegenError) as err:
        _compile("query Q {")
    assert str(err.value) == (
        "Could not parse graphql operations in doc.graphql: "
        "Syntax Error: Expected Name, found <EOF>."
    )


def test_types_config_includes_must_be_globs(tmp_path: Path) -> None:
    (tmp_path / ".graphqlconfig.yml").write_text(
        "projects:\n  demo:\n    schemaPath: s.graphql\n    includes: {a: 1}\n"
    )
    with pytest.raises(CodegenConfigError) as err:
        read_codegen_projects(tmp_path)
    assert str(err.value) == (
        f"{tmp_path / '.graphqlconfig.yml'}: project 'demo': includes must be a list of globs"
    )


def test_types_no_types_file_without_includes(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text(SCHEMA)
    (tmp_path / ".graphqlconfig.yml").write_text(
        "projects:\n  demo:\n    schemaPath: schema.graphql\n    extensions:\n      amplify:\n"
        "        codeGenTarget: typescript\n        generatedFileName: src/API.ts\n"
    )
    [project] = read_codegen_projects(tmp_path)
    written = write_codegen(project)
    assert [p.name for p in written] == ["queries.ts", "mutations.ts"]
    assert "as GeneratedQuery<" in written[0].read_text()


def test_types_project_without_root_reads_its_statements(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text(SCHEMA)
    project = CodegenProject(
        name="demo",
        schema_path=tmp_path / "schema.graphql",
        docs_path=tmp_path / "src" / "graphql",
        target="flow",
        max_depth=2,
        generated_file=tmp_path / "src" / "API.js",
    )
    write_codegen(project)
    assert (tmp_path / "src" / "API.js").read_text() == API_FLOW
