"""The merged build the mock serves: generated templates published, user overrides applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.mock.gen1.build import prepare_mock_build


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    api_dir = tmp_path / "amplify" / "backend" / "api" / "demo"
    build = api_dir / "build"
    (build / "resolvers").mkdir(parents=True)
    (build / "stacks").mkdir()
    (build / "resolvers" / "Query.getTodo.req.vtl").write_text("generated get")
    (build / "resolvers" / "Query.listTodos.req.vtl").write_text("generated list")
    (build / "stacks" / "Todo.json").write_text("{}")
    (build / "schema.graphql").write_text("type Query { x: String }")
    resources = tmp_path / "amplify" / "mock-api-resources" / "demo"
    return api_dir, build, resources


def test_mock_build_publishes_generated_templates(dirs: tuple[Path, Path, Path]) -> None:
    api_dir, build, resources = dirs
    result = prepare_mock_build(api_dir, build, resources)
    assert (resources / "resolvers" / "Query.getTodo.req.vtl").read_text() == "generated get"
    assert (result.build_dir / "schema.graphql").read_text() == "type Query { x: String }"
    assert (result.build_dir / "stacks" / "Todo.json").is_file()
    assert result.overridden == ()
    assert not (api_dir / "resolvers").exists()


def test_mock_build_user_template_overrides_generated(dirs: tuple[Path, Path, Path]) -> None:
    api_dir, build, resources = dirs
    (api_dir / "resolvers").mkdir()
    user = api_dir / "resolvers" / "Query.getTodo.req.vtl"
    user.write_text("mine")
    result = prepare_mock_build(api_dir, build, resources)
    assert result.overridden == ("resolvers/Query.getTodo.req.vtl",)
    assert (result.build_dir / "resolvers" / "Query.getTodo.req.vtl").read_text() == "mine"
    assert (result.build_dir / "resolvers" / "Query.listTodos.req.vtl").read_text() == (
        "generated list"
    )
    # the published copy stays the generated one, and the user's file is never touched
    assert (resources / "resolvers" / "Query.getTodo.req.vtl").read_text() == "generated get"
    assert user.read_text() == "mine"


def test_mock_build_removing_an_override_restores_generated(
    dirs: tuple[Path, Path, Path],
) -> None:
    api_dir, build, resources = dirs
    (api_dir / "resolvers").mkdir()
    user = api_dir / "resolvers" / "Query.getTodo.req.vtl"
    user.write_text("mine")
    prepare_mock_build(api_dir, build, resources)
    user.unlink()
    result = prepare_mock_build(api_dir, build, resources)
    assert (result.build_dir / "resolvers" / "Query.getTodo.req.vtl").read_text() == (
        "generated get"
    )


def test_mock_build_ignores_hidden_files(dirs: tuple[Path, Path, Path]) -> None:
    api_dir, build, resources = dirs
    (api_dir / "resolvers").mkdir()
    (api_dir / "resolvers" / ".gitkeep").write_text("")
    assert prepare_mock_build(api_dir, build, resources).overridden == ()
