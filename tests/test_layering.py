"""The package layering rules of STYLE.md, enforced by walking every import with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: package -> packages it must never import
FORBIDDEN = {
    "transformer": {"amplify_mock", "resolvers"},
    "resolvers": {"amplify_mock", "transformer"},
}

#: the layers of amplify_mock, top to bottom: a layer imports only the layers below it, so
#: the engine (project/) builds on the clouds and codegen, never the other way round, and
#: `amplify mock`'s orchestration (mock/) wires the simulators, which never import it
LAYERS: list[set[str]] = [
    {"cli"},
    {"mock"},
    {"simulators"},
    {"project"},
    {"cloud", "codegen", "gen2"},
    {"base"},
    {"errors", "appsync_prelude"},
]


def imported_modules(path: Path) -> set[str]:
    """Every absolute module name `path` imports (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def imported_top_levels(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imported_modules(path)}


def layer_of(subpackage: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if subpackage in layer)


def layer_violations(root: Path) -> list[str]:
    """`amplify_mock` modules importing a layer above their own, or a sibling of their layer."""
    found = []
    for path in sorted((root / "amplify_mock").rglob("*.py")):
        parts = path.relative_to(root / "amplify_mock").with_suffix("").parts
        own = parts[0]
        if own in {"__init__", "__main__"}:
            continue
        for name in sorted(imported_modules(path)):
            pieces = name.split(".")
            if pieces[0] != "amplify_mock" or len(pieces) < 2 or pieces[1] == own:
                continue
            if layer_of(pieces[1]) <= layer_of(own):
                found.append(f"{path.relative_to(root)} imports {name}")
    return found


def violations(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = imported_top_levels(path) & FORBIDDEN[package]
        found.extend(f"{path.relative_to(ROOT)} imports {name}" for name in sorted(bad))
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layering_package_does_not_import_forbidden(package: str) -> None:
    assert (ROOT / package / "__init__.py").is_file()
    assert violations(package) == []


def test_layering_checker_detects_a_violation(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from amplify_mock.errors import AmplifyMockError\nimport resolvers.vtl\n")
    assert imported_top_levels(module) >= {"amplify_mock", "resolvers"}


def test_layering_every_amplify_mock_package_has_a_layer() -> None:
    subpackages = {
        p.stem if p.is_file() else p.name
        for p in (ROOT / "amplify_mock").iterdir()
        if (p.suffix == ".py" and p.stem not in {"__init__", "__main__"})
        or (p.is_dir() and (p / "__init__.py").is_file())
    }
    assert subpackages == set().union(*LAYERS)


def test_layering_amplify_mock_imports_run_downwards() -> None:
    assert layer_violations(ROOT) == []


def test_layering_simulators_never_import_the_orchestration() -> None:
    assert layer_of("mock") < layer_of("simulators")
    assert [v for v in layer_violations(ROOT) if v.startswith("amplify_mock/simulators/")] == []


def test_layering_checker_detects_a_simulator_importing_the_orchestration(tmp_path: Path) -> None:
    for package in ("mock", "simulators"):
        (tmp_path / "amplify_mock" / package).mkdir(parents=True)
    (tmp_path / "amplify_mock" / "simulators" / "s3.py").write_text(
        "from amplify_mock.mock.session import MockSession\n"
    )
    (tmp_path / "amplify_mock" / "mock" / "session.py").write_text(
        "from amplify_mock.simulators.s3 import S3Server\n"
    )
    assert layer_violations(tmp_path) == [
        "amplify_mock/simulators/s3.py imports amplify_mock.mock.session",
    ]


def test_layering_checker_detects_an_upward_import(tmp_path: Path) -> None:
    for package in ("cloud", "project", "codegen"):
        (tmp_path / "amplify_mock" / package).mkdir(parents=True)
    (tmp_path / "amplify_mock" / "cloud" / "x.py").write_text(
        "from amplify_mock.project.paths import ProjectPaths\n"
    )
    (tmp_path / "amplify_mock" / "codegen" / "y.py").write_text(
        "def f() -> None:\n    import amplify_mock.cloud.clouds\n"
    )
    assert layer_violations(tmp_path) == [
        "amplify_mock/cloud/x.py imports amplify_mock.project.paths",
        "amplify_mock/codegen/y.py imports amplify_mock.cloud.clouds",
    ]
