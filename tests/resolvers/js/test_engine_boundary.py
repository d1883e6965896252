"""The JavaScript engine is wrapped in exactly one module: only resolvers/js/engine.py imports
quickjs."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("amplify_mock", "transformer", "resolvers", "bench", "tests")
ALLOWED = ROOT / "resolvers" / "js" / "engine.py"
ENGINES = {"quickjs", "_quickjs", "py_mini_racer"}


def imports_engine(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] in ENGINES for name in names):
            return True
    return False


def test_engine_imported_only_by_resolvers_js_engine() -> None:
    outside = [
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != ALLOWED and ".venv" not in path.parts and imports_engine(path)
    ]
    assert outside == []


def test_boundary_checker_sees_both_import_forms(tmp_path: Path) -> None:
    plain, star = tmp_path / "plain.py", tmp_path / "star.py"
    plain.write_text("import quickjs\n")
    star.write_text("from quickjs import Context\n")
    assert imports_engine(plain) and imports_engine(star)
    assert imports_engine(ALLOWED)
