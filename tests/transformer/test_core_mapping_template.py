"""The VTL node printer reproduces the v1 printer's layout."""

from __future__ import annotations

import pytest

from transformer.mapping_template import ast as a
from transformer.mapping_template.printer import print_block, print_template


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (a.set_(a.ref("x"), a.int_(1)), "#set( $x = 1 )"),
        (a.qref("$m.put(1)"), "$util.qr($m.put(1))"),
        (a.iff(a.ref("c"), a.raw("body")), "#if( $c )\n  body\n#end"),
        (a.iff(a.ref("c"), a.ref("r")), "#if( $c )\n$r\n#end"),
        (a.if_else(a.ref("c"), a.raw("a"), a.raw("b"), True), "#if( $c ) a #else b #end"),
        (a.obj({}), "{}"),
        (a.obj({"k": a.str_("v"), "n": a.nul()}), '{\n  "k": "v",\n  "n": null\n}'),
        (a.list_([a.str_("a"), a.bool_(True)]), '["a", true]'),
        (a.for_each(a.ref("e"), a.ref("l"), [a.raw("x")]), "#foreach( $e in $l )\n  x\n#end"),
        (a.ret(a.ref("x")), "#return($x)"),
        (a.ret(), "#return"),
        (a.and_([a.ref("a"), a.not_(a.ref("b"))]), "$a && !$b"),
        (a.equals(a.ref("a"), a.str_("b")), '$a == "b"'),
        (a.comment("hi"), "## hi **"),
        (a.to_json(a.ref("x")), "$util.toJson($x)"),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, str) else "",
)
def test_print_template_matches_v1_layout(node: a.Expression, expected: str) -> None:
    assert print_template(node) == expected


def test_print_template_nested_object_indents_attributes() -> None:
    node = a.iff(a.ref("c"), a.set_(a.ref("o"), a.obj({"a": a.obj({"b": a.int_(1)})})))
    assert (
        print_template(node) == '#if( $c )\n  #set( $o = {\n  "a": {\n      "b": 1\n  }\n} )\n#end'
    )


def test_print_block_wraps_in_start_and_end_comments() -> None:
    assert print_block("Do it", a.raw("x")) == "## [Start] Do it. **\nx\n## [End] Do it. **"
