"""The golden suite: our transformer against the real Amplify v1 transformer's recorded output.

Every case under golden/cases is parametrized; a case (or one aspect of it) that does not
match yet is a strict xfail listed in golden/known_gaps.json with the reason, so the list
shrinks as directives land and a case that starts passing fails the run until its entry is
removed (`python tests/transformer/golden/gaps.py --write` recomputes the file).
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from pathlib import Path

import pytest

from amplify_mock.project.api_build import ApiSchemaError, compile_api
from tests.transformer import golden_support as gs
from transformer import TransformerError

CASES = gs.load_cases()
OK_CASES = [c for c in CASES if not c.expects_error]
ERROR_CASES = [c for c in CASES if c.expects_error]

#: (aspect, case name) -> why it does not match yet. aspect: schema|stacks|templates|build|error.
KNOWN_GAPS = gs.load_known_gaps()


def _param(aspect: str, case: gs.GoldenCase) -> object:
    reason = KNOWN_GAPS.get((aspect, case.name))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


@functools.cache
def _build(name: str) -> tuple[Path | None, str | None]:
    """Transform a case once per session: (build dir, None) or (None, error text)."""
    case = gs.cases_by_name()[name]
    out = Path(tempfile.mkdtemp(prefix=f"golden-{name}-"))
    try:
        gs.run_case(case, out)
    except TransformerError as err:
        return None, f"{type(err).__name__}: {err}"
    return out, None


def _built(case: gs.GoldenCase) -> Path:
    build, error = _build(case.name)
    assert error is None, f"transform failed: {error}"
    assert build is not None
    return build


@pytest.mark.parametrize("case", [_param("schema", c) for c in OK_CASES])
def test_golden_schema_matches_oracle(case: gs.GoldenCase) -> None:
    build = _built(case)
    differences = gs.schema_differences(
        (case.expected_dir / "schema.graphql").read_text(), (build / "schema.graphql").read_text()
    )
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("case", [_param("stacks", c) for c in OK_CASES])
def test_golden_stacks_match_oracle(case: gs.GoldenCase) -> None:
    build = _built(case)
    differences = gs.stack_differences(case.expected_dir, build)
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("case", [_param("templates", c) for c in OK_CASES])
def test_golden_templates_match_oracle(case: gs.GoldenCase) -> None:
    build = _built(case)
    differences = gs.template_differences(case.expected_dir, build)
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("case", [_param("build", c) for c in OK_CASES])
def test_golden_build_is_byte_identical(case: gs.GoldenCase) -> None:
    """Beyond "equal as a schema / same resources / same requests": the very same bytes."""
    assert gs.build_files(_built(case)) == gs.build_files(case.expected_dir)


@pytest.mark.parametrize("case", [_param("error", c) for c in ERROR_CASES])
def test_golden_error_message_matches_oracle(case: gs.GoldenCase) -> None:
    expected = case.expected_error
    with pytest.raises((TransformerError, ApiSchemaError)) as caught:
        gs.run_case(case, Path(tempfile.mkdtemp(prefix=f"golden-{case.name}-")))
    assert gs.error_message(caught.value) == expected["message"]
    assert gs.error_class_matches(caught.value, expected["name"])


PROJECTS = sorted(p for p in (gs.GOLDEN_DIR.parent / "projects").iterdir() if p.is_dir())


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_golden_project_compile_matches_cli_build(project: Path, tmp_path: Path) -> None:
    """compile_api on a whole project (cli.json flags, backend-config auth, parameters.json,
    resolver overrides, custom stacks) against the real buildAPIProject of the same folder."""
    shutil.copytree(project / "amplify", tmp_path / "amplify")
    result = compile_api(tmp_path, now=gs.NOW)
    expected = project / "expected"
    differences = gs.schema_differences(
        (expected / "schema.graphql").read_text(), (result.build_dir / "schema.graphql").read_text()
    )
    differences += gs.stack_differences(expected, result.build_dir)
    differences += gs.template_differences(expected, result.build_dir)
    assert not differences, "\n".join(differences)
    assert json.loads((result.build_dir / "parameters.json").read_text()) == json.loads(
        (expected / "parameters.json").read_text()
    )
