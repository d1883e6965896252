"""Statements and types files byte for byte as amplify-codegen writes them.

The expected files under golden/ come from the real @aws-amplify/graphql-generator 0.5.4
(graphql-types-generator 3.6.0) run on the same schemas (golden/regen.js). Each case runs
through `.graphqlconfig.yml` as `amplify mock` does: statements into src/graphql, then the
types file from the documents the `includes` glob finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.codegen import CodegenProject, read_codegen_projects, write_codegen

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(
    (case.name, variant.name)
    for case in GOLDEN.iterdir()
    if case.is_dir()
    for variant in case.iterdir()
    if variant.is_dir()
)
_TYPES_FILE = {"typescript": "src/API.ts", "flow": "src/API.js", "javascript": ""}
_EXTENSION = {"typescript": "ts", "flow": "js", "javascript": "js"}


def _project(root: Path, schema: Path, target: str, depth: str) -> None:
    (root / "schema.graphql").write_text(schema.read_text(encoding="utf-8"), encoding="utf-8")
    (root / ".graphqlconfig.yml").write_text(
        "projects:\n"
        "  demo:\n"
        "    schemaPath: schema.graphql\n"
        "    includes:\n"
        f"      - src/graphql/**/*.{_EXTENSION[target]}\n"
        "    excludes:\n"
        "      - ./amplify/**\n"
        "    extensions:\n"
        "      amplify:\n"
        f"        codeGenTarget: {target}\n"
        f"        generatedFileName: '{_TYPES_FILE[target]}'\n"
        "        docsFilePath: src/graphql\n"
        f"        maxDepth: {depth}\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(("case", "variant"), CASES, ids=[f"{c}-{v}" for c, v in CASES])
def test_codegen_matches_amplify_codegen(tmp_path: Path, case: str, variant: str) -> None:
    target, depth = variant.split("-")
    _project(tmp_path, GOLDEN / case / "schema.graphql", target, depth)
    [project] = read_codegen_projects(tmp_path)

    written = write_codegen(project)

    expected = {p.name: p.read_text(encoding="utf-8") for p in (GOLDEN / case / variant).iterdir()}
    actual = {p.name: p.read_text(encoding="utf-8") for p in written}
    assert sorted(actual) == sorted(expected)
    for name, text in expected.items():
        assert actual[name] == text, name


DOCUMENTS = Path(__file__).parent / "golden_documents"
DOCUMENT_CASES = sorted(case.name for case in DOCUMENTS.iterdir() if case.is_dir())


@pytest.mark.parametrize("case", DOCUMENT_CASES)
@pytest.mark.parametrize(("target", "types_file"), [("typescript", "API.ts"), ("flow", "API.js")])
def test_codegen_types_of_hand_written_documents(
    tmp_path: Path, case: str, target: str, types_file: str
) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text((DOCUMENTS / case / "schema.graphql").read_text(encoding="utf-8"))
    documents = tmp_path / "src" / "graphql" / "custom.graphql"
    documents.parent.mkdir(parents=True)
    documents.write_text((DOCUMENTS / case / "documents.graphql").read_text(encoding="utf-8"))
    project = CodegenProject(
        name="demo",
        schema_path=schema,
        docs_path=documents.parent,
        target=target,
        max_depth=2,
        generated_file=tmp_path / "src" / types_file,
        includes=("src/graphql/**/*.graphql",),
        root=tmp_path,
    )

    assert write_codegen(project, statements=False) == [tmp_path / "src" / types_file]

    expected = (DOCUMENTS / case / types_file).read_text(encoding="utf-8")
    assert (tmp_path / "src" / types_file).read_text(encoding="utf-8") == expected
