"""airspeed is wrapped in exactly one place: only modules of `resolvers/vtl/` import it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("amplify_mock", "transformer", "resolvers", "bench", "tests")
ALLOWED = ROOT / "resolvers" / "vtl"


def imports_airspeed(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] == "airspeed" for name in names):
            return True
    return False


def test_airspeed_imported_only_inside_resolvers_vtl() -> None:
    outside = [
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if ALLOWED not in path.parents and imports_airspeed(path)
    ]
    assert outside == []


def test_airspeed_boundary_checker_sees_both_import_forms(tmp_path: Path) -> None:
    plain, star = tmp_path / "plain.py", tmp_path / "star.py"
    plain.write_text("import airspeed.operators as ops\n")
    star.write_text("from airspeed import Template\n")
    assert imports_airspeed(plain) and imports_airspeed(star)
    assert imports_airspeed(ALLOWED / "parser.py")
