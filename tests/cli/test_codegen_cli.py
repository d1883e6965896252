"""`amplify codegen [add | configure | statements | types | models]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.cli.conftest import run_ok

ADD_API = {
    "version": 1,
    "serviceConfiguration": {
        "serviceName": "AppSync",
        "apiName": "notes",
        "transformSchema": "type Note @model {\n  id: ID!\n  text: String\n}\n",
        "defaultAuthType": {"mode": "API_KEY"},
    },
}


@pytest.fixture
def with_api(initialized: Path) -> Path:
    run_ok("add", "api", "--headless", stdin=json.dumps(ADD_API))
    return initialized


def test_codegen_before_add_is_refused(with_api: Path) -> None:
    result = CliRunner().invoke(cli, ["codegen"])
    assert result.exit_code == 1
    assert "Code generation is not configured for this project." in result.output


def test_codegen_add_interactive_typescript(with_api: Path) -> None:
    answers = "typescript\n\n\n3\nsrc/API.ts\n"
    output = run_ok("codegen", "add", stdin=answers)
    assert "Choose the code generation language target" in output
    assert "Enter the file name pattern of graphql queries, mutations and subscriptions " in (
        output
    )
    assert "[src/graphql/**/*.ts]" in output
    assert "Enter the file name for the generated code [src/API.ts]:" in output
    assert (with_api / "src/API.ts").is_file()
    assert (with_api / "src/graphql/queries.ts").is_file()
    config = (with_api / ".graphqlconfig.yml").read_text()
    assert "generatedFileName: src/API.ts" in config
    assert "maxDepth: 3" in config
    again = CliRunner().invoke(cli, ["codegen", "add", "--yes"])
    assert again.exit_code == 1
    assert "already added" in again.output


def test_codegen_add_headless_then_statements_types_models(with_api: Path) -> None:
    output = run_ok("codegen", "add", "--yes")
    assert "Generated src/graphql/queries.js" in output
    (with_api / "src/graphql/queries.js").unlink()
    assert "Generated src/graphql/queries.js" in run_ok("codegen", "statements")
    types = CliRunner().invoke(cli, ["codegen", "types"])
    assert types.exit_code == 1
    assert "The codegen target 'javascript' has no types file." in types.output
    run_ok("codegen", "configure", stdin="flow\n\n\n\n\n")
    assert "Generated src/API.js" in run_ok("codegen", "types")
    assert "Generated src/graphql/queries.js" in run_ok("codegen")
    models = CliRunner().invoke(cli, ["codegen", "models"])
    assert models.exit_code == 1
    assert "`amplify codegen models` (the DataStore model generator) is not emulated." in (
        models.output
    )


def test_codegen_add_external_api_id_not_emulated(with_api: Path) -> None:
    result = CliRunner().invoke(cli, ["codegen", "add", "--apiId", "abc", "--yes"])
    assert result.exit_code == 1
    assert "adding codegen for an AppSync API outside the project is not emulated" in (
        result.output
    )
