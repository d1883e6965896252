"""The VTL runtime's Java Velocity / AppSync semantics, one behaviour per table row."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers.errors import ResolverError, TemplateError
from resolvers.vtl import compile_template, render
from tests.resolvers.conftest import make_context

# (id, template, arguments, expected output)
SEMANTICS: list[tuple[str, str, dict[str, Any], str]] = [
    ("empty-string-is-true", '#if("")yes#{else}no#end', {}, "yes"),
    ("zero-is-true", "#if(0)yes#{else}no#end", {}, "yes"),
    ("empty-list-is-true", "#if([])yes#{else}no#end", {}, "yes"),
    ("empty-map-is-true", "#if({})yes#{else}no#end", {}, "yes"),
    ("null-is-false", "#if($nothing)yes#{else}no#end", {}, "no"),
    ("false-is-false", "#if(false)yes#{else}no#end", {}, "no"),
    ("not-null", "#if(!$nothing)yes#end", {}, "yes"),
    ("break", "#foreach($i in [1, 2, 3])$i#if($i == 2)#break#end#end", {}, "12"),
    ("stop", "a#stop b", {}, "a"),
    ("has-next-method", "#foreach($i in [1, 2])$i#if($foreach.hasNext()),#end#end", {}, "1,2"),
    ("has-next-property", "#foreach($i in [1, 2])$i#if($foreach.hasNext),#end#end", {}, "1,2"),
    (
        "foreach-count-index",
        "#foreach($i in ['a', 'b'])$foreach.count$foreach.index$velocityCount#end",
        {},
        "101212",
    ),
    ("foreach-map-values", '#set($m = {"a": 1, "b": 2})#foreach($v in $m)$v#end', {}, "12"),
    (
        "foreach-entry-set",
        '#set($m = {"a": 1})#foreach($e in $m.entrySet())$e.key=$e.value#end',
        {},
        "a=1",
    ),
    ("foreach-null", "#foreach($i in $nothing)x#end.", {}, "."),
    ("foreach-range", "#foreach($i in [1..3])$i#end", {}, "123"),
    ("foreach-range-down", "#foreach($i in [3..1])$i#end", {}, "321"),
    ("foreach-range-null-end", "#foreach($i in [1..$nothing])$i#end.", {}, "."),
    ("hash-var-in-string", '#set($v = "x")#set($s = "#$v")$s', {}, "#x"),
    ("hash-braced-var-in-string", '#set($v = "x")#set($s = "#${v}")$s', {}, "#x"),
    ("print-true", "#set($b = true)$b", {}, "true"),
    ("print-map", '#set($m = {"a": 1, "b": "x"})$m', {}, "{a=1, b=x}"),
    ("print-list", '#set($l = [1, "a", true, $nothing])$l', {}, "[1, a, true, null]"),
    ("print-null-reference", "$nothing", {}, "$nothing"),
    ("print-null-formal-reference", "${nothing}", {}, "${nothing}"),
    ("quiet-reference", "$!nothing", {}, ""),
    ("quiet-formal-reference", "$!{nothing}", {}, ""),
    ("quiet-reference-value", '#set($a = "v")$!{a}', {}, "v"),
    ("map-put-returns-old", '#set($m = {"a": 1})$m.put("a", 2)', {}, "1"),
    ("map-put-new-prints-reference", '#set($m = {})$m.put("a", 2)', {}, '$m.put("a", 2)'),
    ("list-add-prints-true", "#set($l = [])$l.add(1)", {}, "true"),
    ("put-all-prints-nothing", '#set($m = {})$m.putAll({"a": 1})', {}, ""),
    ("integer-division", "#set($x = 7 / 2)$x", {}, "3"),
    ("negative-integer-division", "#set($x = -7 / 2)$x", {}, "-3"),
    ("float-division", "#set($x = 7.0 / 2)$x", {}, "3.5"),
    ("modulo-sign", "#set($x = -7 % 3)$x", {}, "-1"),
    ("double-format", "#set($x = 1.0)$x", {}, "1.0"),
    ("double-large", "#set($x = 10000000.0)$x", {}, "1.0E7"),
    ("double-small", "#set($x = 0.0001)$x", {}, "1.0E-4"),
    ("string-concat-number", '#set($x = "a" + 1)$x', {}, "a1"),
    ("precedence", "#set($x = 1 + 2 * 3)$x", {}, "7"),
    ("and-or", "#if(true || false && false)y#end", {}, "y"),
    ("eq-word-operators", "#if(1 eq 1 and 2 gt 1)y#end", {}, "y"),
    ("eq-different-types-tostring", '#if(1 == "1")y#{else}n#end', {}, "y"),
    ("ne", "#if(1 != 2)y#end", {}, "y"),
    ("comparison", "#if(2 >= 2 && 1 < 2)y#end", {}, "y"),
    ("args", "$ctx.args.id $context.arguments.id", {"id": "7"}, "7 7"),
    ("nested-set", '#set($m = {"a": {}})#set($m.a.b = 1)$m', {}, "{a={b=1}}"),
    ("index", '#set($l = ["x", "y"])$l[1]', {}, "y"),
    ("map-index", '#set($m = {"k": "v"})$m["k"]', {}, "v"),
    ("alternate", "${nothing|'d'}", {}, "d"),
    ("macro", "#macro(hi $n)hi $n#end#hi('bob')", {}, "hi bob"),
    ("string-methods", '#set($s = " Ab ")$s.trim().toLowerCase().length()', {}, "2"),
    ("single-quotes-no-interpolation", "#set($a = 1)#set($s = '$a')$s", {}, "$a"),
    ("backslash-kept", '#set($s = "a\\nb")$s', {}, "a\\nb"),
    ("escaped-quote-in-string", '#set($s = "a\\"b")$s', {}, 'a\\"b'),
    ("directive-in-string", '#set($s = "#if(true)y#end")$s', {}, "y"),
    ("comment", "a## comment\nb#* block *#c", {}, "abc"),
    ("loop-var-restored", '#set($i = "out")#foreach($i in [1])#end$i', {}, "out"),
    (
        "wrong-argument-count-prints-reference",
        "#set($l = [1])$l.get() $l.size(1)",
        {},
        "$l.get() $l.size(1)",
    ),
    ("wrong-argument-count-quiet", "#set($l = [1])$!l.get()$!{l.get(0, 1)}", {}, ""),
    (
        "wrong-argument-count-list-add",
        "#set($l = [])$l.add(1, 2, 3)$l.addAll()$l",
        {},
        "$l.add(1, 2, 3)$l.addAll()[]",
    ),
    (
        "wrong-argument-count-foreach",
        "#foreach($i in [1])$foreach.hasNext(1)#end",
        {},
        "$foreach.hasNext(1)",
    ),
    (
        "wrong-argument-count-string",
        '#set($s = "ab")$s.length(2) $s.toUpperCase()',
        {},
        "$s.length(2) AB",
    ),
]


@pytest.mark.parametrize(
    ("template", "arguments", "expected"),
    [row[1:] for row in SEMANTICS],
    ids=[row[0] for row in SEMANTICS],
)
def test_render_java_velocity_semantics(
    template: str, arguments: dict[str, Any], expected: str
) -> None:
    assert render(template, make_context(arguments=arguments)).text == expected


def test_render_return_with_value_ends_template() -> None:
    result = render('a#return({"x": 1})b', make_context())
    assert (result.text, result.is_return, result.return_value) == ("a", True, {"x": 1})


def test_render_return_without_value() -> None:
    result = render("a#return b", make_context())
    assert (result.is_return, result.return_value) == (True, None)


def test_render_return_inside_foreach() -> None:
    result = render("#foreach($i in [1, 2])#if($i == 2)#return($i)#end#end", make_context())
    assert result.return_value == 2


def test_render_stash_changes_stay_in_context() -> None:
    context = make_context()
    render('$util.qr($ctx.stash.put("k", "v"))', context)
    assert context["stash"] == {"k": "v"}


def test_render_args_mutation_stays_in_context() -> None:
    context = make_context(arguments={"input": {}})
    render('$util.qr($ctx.args.input.put("id", "1"))', context)
    assert context["arguments"] == {"input": {"id": "1"}}


def test_render_append_error_collected() -> None:
    result = render('$util.appendError("bad", "Custom")ok', make_context())
    assert result.text == "ok"
    assert [(e.message, e.error_type) for e in result.errors] == [("bad", "Custom")]


def test_render_util_error_raises_resolver_error() -> None:
    with pytest.raises(ResolverError) as caught:
        render('$util.error("boom", "MyType", {"a": 1})', make_context())
    assert (caught.value.message, caught.value.error_type, caught.value.data) == (
        "boom",
        "MyType",
        {"a": 1},
    )
    assert not isinstance(caught.value, TemplateError)


def test_render_syntax_error_has_file_line_column() -> None:
    with pytest.raises(TemplateError) as caught:
        render("ok\n  #if($a\nx", make_context(), file_name="Query.x.req.vtl")
    error = caught.value
    assert (error.file, error.line, error.column) == ("Query.x.req.vtl", 2, 9)
    assert str(error) == ("Query.x.req.vtl:2:9: expected ) in condition, got: \nx ...")


def test_render_unmatched_end_is_syntax_error() -> None:
    with pytest.raises(TemplateError) as caught:
        render("a\n#end", make_context(), file_name="t.vtl")
    assert str(caught.value) == "t.vtl:2:1: expected block element in template body, got: #end ..."


def test_render_util_runtime_error_names_method_and_arguments() -> None:
    with pytest.raises(TemplateError) as caught:
        render('x\n  $util.parseJson("{bad")', make_context(), file_name="r.vtl")
    error = caught.value
    assert (error.file, error.line, error.column) == ("r.vtl", 2, 3)
    assert str(error).startswith('r.vtl:2:3: $util.parseJson("{bad") failed: Expecting')


def test_render_type_error_inside_method_is_not_a_missing_method() -> None:
    with pytest.raises(TemplateError) as caught:
        render('#set($l = [1])$l.subList("a", 1)', make_context(), file_name="t.vtl")
    assert str(caught.value) == (
        't.vtl:1:15: List.subList("a", 1) failed: '
        "'<' not supported between instances of 'str' and 'int'"
    )


def test_render_unsupported_directive_is_explicit() -> None:
    with pytest.raises(TemplateError) as caught:
        render('#include("x.vtl")', make_context(), file_name="t.vtl")
    assert str(caught.value) == "t.vtl:1:1: #include is not supported by AppSync"


def test_compile_template_cached_by_content() -> None:
    text = "#set($a = 1)$a cached"
    assert compile_template(text, "a.vtl") is compile_template(text, "b.vtl")


def test_render_runtime_error_inside_string_has_location() -> None:
    with pytest.raises(TemplateError) as caught:
        render("a\n#set($s = \"x $util.parseJson('{')\")", make_context(), file_name="s.vtl")
    assert (caught.value.line, caught.value.reason) == (
        2,
        '$util.parseJson("{") failed: Expecting property name enclosed in double quotes: '
        "line 1 column 2 (char 1)",
    )


def test_render_extensions_collected() -> None:
    result = render('$extensions.evictFromApiCache("Query", "getTodo", {"id": 1})', make_context())
    assert result.extensions == {
        "evictFromApiCache": [{"typeName": "Query", "fieldName": "getTodo", "keys": {"id": 1}}]
    }


BAD_TEMPLATES = [
    (
        "foreach-without-in",
        "#foreach($x)",
        "b.vtl:1:12: expected in in foreach directive, got: ) ...",
    ),
    (
        "set-without-value",
        "#set($x = )",
        "b.vtl:1:11: expected expression in set directive, got: ) ...",
    ),
    ("unclosed-call", "$util.toJson(", "b.vtl:1:14: expected ) in parameter list, got:  ..."),
    ("unclosed-formal", "${", "b.vtl:1:3: expected } in formal reference, got:  ..."),
    ("unclosed-list", "#set($a = [1,2)", "b.vtl:1:15: expected ] in array literal, got: ) ..."),
    (
        "if-without-end",
        "#if($a)x",
        "b.vtl:1:9: expected #else, #elseif or #end in if directive, got:  ...",
    ),
    ("stray-else", "#else", "b.vtl:1:1: expected block element in template body, got: #else ..."),
    ("unclosed-return", "#return(", "b.vtl:1:9: expected value in return directive, got:  ..."),
    (
        "unterminated-if",
        '{\n  "version": "2018-05-29",\n  #if(\n}\n',
        "b.vtl:4:1: expected expression in condition, got: }\n ...",
    ),
    (
        "empty-if-condition",
        "#if()x#end",
        "b.vtl:1:5: expected expression in condition, got: )x#end ...",
    ),
    (
        "if-without-parenthesis",
        "a #if b #end",
        "b.vtl:1:7: expected ( in condition, got: b #end ...",
    ),
    ("if-at-end", "a #if", "b.vtl:1:6: expected ( in condition, got:  ..."),
    (
        "malformed-if-in-string",
        'a\n#set($s = "x #if( y")',
        "b.vtl:2:19: expected expression in condition, got: y ...",
    ),
    (
        "unclosed-call-in-string",
        'a\n#set($s = "x $util.toJson( y")',
        "b.vtl:2:28: expected ) in parameter list, got: y ...",
    ),
    (
        "unterminated-elseif",
        "#if(true)a#elseif(\nb#end",
        "b.vtl:2:1: expected expression in condition, got: b#end ...",
    ),
    (
        "elseif-without-parenthesis",
        "#if(true)a#elseif b#end",
        "b.vtl:1:19: expected ( in condition, got: b#end ...",
    ),
]


@pytest.mark.parametrize(
    ("template", "message"), [r[1:] for r in BAD_TEMPLATES], ids=[r[0] for r in BAD_TEMPLATES]
)
def test_render_bad_template_is_typed_error(template: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render(template, make_context(), file_name="b.vtl")
    assert str(caught.value) == message


def test_render_trailing_backslash_is_text() -> None:
    assert render("a\\", make_context()).text == "a\\"
