"""Every example template from the oracle renders to the same JSON as the real engine.

`golden/` holds the 236 generated templates of the oracle's examples, the `$ctx` set and the
real simulator's outputs (made by `golden/regen.py --from-oracle`, never by hand). Where the
simulator's engine deviates from AppSync's documented behaviour, the expectation is corrected
here, one named rule per deviation, and AppSync wins.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from resolvers.context import build_context, copy_value
from resolvers.errors import ResolverError, TemplateError
from resolvers.vtl import render
from tests.resolvers.golden.regen import (
    CONTEXTS,
    EXPECTED,
    PEER_TEMPLATES,
    TEMPLATES,
    case_key,
    context_prefixes,
    field_info,
)

TEMPLATE_FILES = sorted(TEMPLATES.rglob("*.vtl"))
PEER_TEMPLATE_FILES = sorted(PEER_TEMPLATES.rglob("*.vtl"))
ALL_FILES = [(p, TEMPLATES) for p in TEMPLATE_FILES] + [
    (p, PEER_TEMPLATES) for p in PEER_TEMPLATE_FILES
]


@cache
def contexts() -> dict[str, dict[str, Any]]:
    return json.loads(CONTEXTS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def expected_outcomes() -> dict[str, dict[str, Any]]:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def without_set_attribute(expected: dict[str, Any], attribute: str) -> dict[str, Any]:
    """`expected` with `#attribute = :attribute` taken out of the UpdateItem `SET` clause."""
    corrected = json.loads(json.dumps(expected))
    update = corrected["json"]["update"]
    clause = update["expression"]
    assert clause.startswith("SET "), clause
    kept = [part for part in clause[4:].split(", ") if part != f"#{attribute} = :{attribute}"]
    update["expression"] = "SET " + ", ".join(kept)
    update["expressionNames"].pop(f"#{attribute}")
    update["expressionValues"].pop(f":{attribute}")
    return corrected


def appsync_expectation(
    expected: dict[str, Any], info: dict[str, Any], text: str
) -> dict[str, Any]:
    """The oracle's outcome with the simulator's deviations from AppSync undone.

    1. `$util.unauthorized()`: the simulator says "Unauthorized" (the harness adds the
       location); AppSync says "Not Authorized to access <field> on type <type>".
    2. `$map.remove(key)` is a no-op in the simulator's JavaMap; Java removes the key. The
       @versioned update templates remove `expectedVersion` from the input, so in AppSync it is
       not written to the item.
    3. (in the oracle harness, `golden/oracle_render.js`) `toDynamoDBConditionExpression` keeps
       `expressionValues`, as AppSync documents; the simulator drops them.
    4. A map printed into text (`"$ctx.args.createdAt"` given a key condition map): the
       simulator prints its value mapper's JavaScript source; Java prints `{key=value}`
       (handled by `accept_java_map_prints`).
    """
    raised = expected.get("raises")
    if raised is not None and raised["type"] == "Unauthorized":
        message = f"Not Authorized to access {info['fieldName']} on type {info['parentTypeName']}"
        return {"raises": {"message": message, "type": "Unauthorized"}}
    removes_expected_version = '$ctx.args.input.remove("expectedVersion")' in text
    if removes_expected_version and "update" in (expected.get("json") or {}):
        return without_set_attribute(expected, "expectedVersion")
    return expected


JS_MAP_PRINT = re.compile(r"\{mapper=function map\(value, hint\)")
JAVA_MAP_PRINT = re.compile(r"\{[^=]+=.*\}", re.S)


def accept_java_map_prints(expected: Any, actual: Any) -> Any:
    """`expected` with each JS-printed map replaced by our Java print of it, where we have one."""
    if isinstance(expected, str) and JS_MAP_PRINT.search(expected):
        if isinstance(actual, str) and JAVA_MAP_PRINT.fullmatch(actual):
            return actual
        return expected
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: accept_java_map_prints(v, actual.get(k)) for k, v in expected.items()}
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [accept_java_map_prints(e, a) for e, a in zip(expected, actual, strict=True)]
    return expected


def outcome(text: str, raw: dict[str, Any], info: dict[str, Any], name: str) -> dict[str, Any]:
    """Our runtime's outcome in the shape `regen.classify` gives the oracle's."""
    context = build_context(
        arguments=copy_value(raw["arguments"]),
        identity=copy_value(raw["identity"]),
        source=copy_value(raw["source"]),
        stash=copy_value(raw["stash"]),
        result=copy_value(raw.get("result")),
        prev_result=copy_value(raw["prev"]["result"]),
        request=copy_value(raw["request"]),
        info=info,
    )
    try:
        rendered = render(text, context, file_name=name)
    except TemplateError:
        raise
    except ResolverError as err:
        return {"raises": {"message": err.message, "type": err.error_type}}
    found: dict[str, Any]
    if rendered.is_return:
        found = {"return": json.loads(json.dumps(rendered.return_value))}
    else:
        try:
            found = {"json": json.loads(rendered.text) if rendered.text.strip() else None}
        except json.JSONDecodeError:
            found = {"text": " ".join(rendered.text.split())}
    if rendered.errors:
        found["appended"] = [{"message": e.message, "type": e.error_type} for e in rendered.errors]
    return found


@pytest.mark.parametrize(
    "path",
    [p for p, _ in ALL_FILES],
    ids=[f"{root.name}/{p.relative_to(root)}" for p, root in ALL_FILES],
)
def test_golden_template_renders_like_the_real_engine(path: Path) -> None:
    """Each template under each applicable `$ctx`; cases the simulator's engine itself cannot
    render (it throws on inputs a peer schema does not expect) are only checked to render."""
    text = path.read_text(encoding="utf-8")
    info = field_info(path)
    prefixes = context_prefixes(path, text)
    checked = 0
    mismatches = []
    for context_id, raw in contexts().items():
        if not context_id.startswith(prefixes):
            continue
        expected = appsync_expectation(
            expected_outcomes()[case_key(text, info, context_id)], info, text
        )
        actual = outcome(text, raw, info, path.name)
        if "oracle_error" in expected:
            continue
        expected = accept_java_map_prints(expected, actual)
        checked += 1
        if actual != expected:
            mismatches.append((context_id, expected, actual))
    assert checked > 0
    assert mismatches == []


def test_golden_covers_every_example_template() -> None:
    assert len(TEMPLATE_FILES) == 236


def test_golden_oracle_failures_only_in_peer_templates() -> None:
    """The 236 example templates are all compared; only peer-schema cases may be skipped."""
    example_keys = set()
    for path in TEMPLATE_FILES:
        text = path.read_text(encoding="utf-8")
        info = field_info(path)
        prefixes = context_prefixes(path, text)
        example_keys |= {case_key(text, info, c) for c in contexts() if c.startswith(prefixes)}
    skipped = [k for k in example_keys if "oracle_error" in expected_outcomes()[k]]
    assert skipped == []
