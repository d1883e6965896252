"""`amplify api gql-compile`: compiles the project's API and maps errors to exit 1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from amplify_mock.cli.main import cli
from tests.project.test_api_build import make_project


def test_api_gql_compile_writes_build_and_reports_success(app_dir: Path) -> None:
    api_dir = make_project(app_dir)
    result = CliRunner().invoke(cli, ["api", "gql-compile"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "✔ GraphQL schema compiled successfully.\n\n"
        f"Edit your schema at {api_dir / 'schema.graphql'} or place .graphql files in a "
        f"directory at {api_dir / 'schema'}\n"
    )
    assert (api_dir / "build" / "resolvers" / "Mutation.createTodo.req.vtl").is_file()


def test_api_gql_compile_with_name_picks_the_api(app_dir: Path) -> None:
    make_project(
        app_dir,
        api="first",
        backend_config={"api": {"first": {"service": "AppSync"}, "second": {"service": "AppSync"}}},
    )
    result = CliRunner().invoke(cli, ["api", "gql-compile", "--name", "first"])
    assert result.exit_code == 0, result.output
    assert (app_dir / "amplify" / "backend" / "api" / "first" / "build" / "schema.graphql").exists()


def test_api_gql_compile_schema_error_exits_1_with_location(app_dir: Path) -> None:
    api_dir = make_project(app_dir, schema="type Todo @model {\n  id: ID!\n  name String\n}\n")
    result = CliRunner().invoke(cli, ["api", "gql-compile"])
    assert result.exit_code == 1
    assert result.output == (
        f'{api_dir / "schema.graphql"}:3:8: Syntax Error: Expected ":", found Name "String".\n'
        "Resolution: Fix the GraphQL schema and run the command again.\n"
    )
    assert not (api_dir / "build").exists()
