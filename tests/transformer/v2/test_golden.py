"""The v2 golden suite: our transformer against the real v2 transformer's (Gen 1 line) builds.

Every case under golden/ must match byte for byte (schema.graphql, every resolver file, every
stack, the root stack); a case whose oracle run failed must fail with the same error class and
message. A case that does not match yet is a strict xfail listed in known_gaps.json with the
reason, so the list can only shrink.
"""

from __future__ import annotations

import difflib
import functools
import json
from pathlib import Path

import pytest

from tests.transformer.v2 import golden_support as gs
from transformer import TransformerError
from transformer.v2 import BuildV2

CASES = gs.load_cases()
KNOWN_GAPS: dict[str, str] = json.loads((Path(__file__).with_name("known_gaps.json")).read_text())


def _param(case: gs.V2Case) -> object:
    reason = KNOWN_GAPS.get(case.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


@functools.cache
def _build(name: str) -> BuildV2:
    return next(c for c in CASES if c.name == name).run()


@pytest.mark.parametrize("case", [_param(c) for c in CASES if not c.expects_error])
def test_v2_build_is_byte_identical_to_oracle(case: gs.V2Case) -> None:
    expected = case.expected_files()
    got = _build(case.name).files()
    assert sorted(got) == sorted(expected)
    for name in sorted(expected):
        if got[name] != expected[name]:
            diff = "".join(
                list(
                    difflib.unified_diff(
                        expected[name].splitlines(True), got[name].splitlines(True), n=2
                    )
                )[:80]
            )
            pytest.fail(f"{name} differs from the oracle:\n{diff}")


@pytest.mark.parametrize("case", [_param(c) for c in CASES if c.expects_error])
def test_v2_error_matches_oracle(case: gs.V2Case) -> None:
    expected = case.expected_error
    with pytest.raises(TransformerError) as caught:
        case.run()
    error_type = type(caught.value)
    assert getattr(error_type, "oracle_name", error_type.__name__) == expected["name"]
    assert caught.value.message == expected["message"]


def test_golden_suite_has_cases() -> None:
    assert len(CASES) >= 9
