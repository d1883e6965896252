"""Templates applied without the VTL engine give what the engine gives: the v2 pipelines'
constant before templates and `$util.toJson({})`, checked against rendering for every v2
golden build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from amplify_mock.simulators.appsync.loader import load_api_config
from resolvers.constant_templates import constant_effect
from resolvers.context import build_context
from resolvers.vtl import render

V2_GOLDEN = Path(__file__).parents[1] / "transformer" / "v2" / "golden"
BUILDS = sorted(p / "build" for p in V2_GOLDEN.iterdir() if (p / "build").is_dir())


def _templates(build: Path) -> list[str]:
    config = load_api_config(build)
    owners = [*config.resolvers, *config.functions]
    return [
        template.text
        for owner in owners
        for template in (owner.request_template, owner.response_template)
        if template is not None
    ]


def _rendered(text: str, stash: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    context = build_context(stash=stash, arguments={"id": "x"})
    return render(text, context).text.strip(), stash


@pytest.mark.parametrize("build", BUILDS, ids=[p.parent.name for p in BUILDS])
def test_constant_template_effect_equals_rendering(build: Path) -> None:
    checked = 0
    for text in _templates(build):
        effect = constant_effect(text)
        if effect is None:
            continue
        replayed: dict[str, Any] = {}
        assert effect.apply(replayed)
        output, rendered = _rendered(text, {})
        assert output == "{}"
        assert replayed == rendered
        checked += 1
    # every v2 pipeline starts with one
    assert checked >= len(load_api_config(build).resolvers)


def test_constant_effect_gives_fresh_values_each_time() -> None:
    effect = constant_effect('$util.qr($ctx.stash.put("conditions", []))\n$util.toJson({})')
    assert effect is not None
    first: dict[str, Any] = {}
    second: dict[str, Any] = {}
    effect.apply(first)
    effect.apply(second)
    first["conditions"].append(1)
    assert second == {"conditions": []}


@pytest.mark.parametrize(
    "text",
    [
        '$util.qr($ctx.stash.put("owner", $ctx.identity.sub))\n$util.toJson({})',
        '$util.qr($ctx.stash.put("name", "a$b"))\n$util.toJson({})',
        '$util.qr($ctx.stash.put("name", "x"))\n$util.toJson($ctx.args)',
        "#set( $x = 1 )\n$util.toJson({})",
        '$util.qr($ctx.stash.put("name", "x"))',
    ],
    ids=["reference-value", "interpolated-string", "other-output", "directive", "no-output"],
)
def test_constant_effect_refuses_templates_that_depend_on_the_request(text: str) -> None:
    assert constant_effect(text) is None


def test_constant_effect_defers_to_the_engine_when_a_nested_map_is_missing() -> None:
    effect = constant_effect('$util.qr($ctx.stash.metadata.put("apiId", "a"))\n$util.toJson({})')
    assert effect is not None
    stash: dict[str, Any] = {"metadata": None}
    assert effect.apply(stash) is False
    assert stash == {"metadata": None}
