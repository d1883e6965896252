"""The Java String / Map / List / number methods templates call, through the VTL runtime."""

from __future__ import annotations

import pytest

from resolvers import java_types as jt
from resolvers.errors import TemplateError
from resolvers.vtl import render
from tests.resolvers.conftest import make_context

# (id, template, expected output)
METHODS: list[tuple[str, str, str]] = [
    # String
    ("string-length", '#set($s = "héllo")$s.length()', "5"),
    ("string-isEmpty", '#set($s = "")$s.isEmpty()', "true"),
    ("string-contains", '#set($s = "abc")$s.contains("b")', "true"),
    ("string-startsWith", '#set($s = "abc")$s.startsWith("ab") $s.startsWith("c", 2)', "true true"),
    ("string-endsWith", '#set($s = "abc")$s.endsWith("bc")', "true"),
    (
        "string-indexOf",
        '#set($s = "abcb")$s.indexOf("b") $s.indexOf("b", 2) $s.indexOf("z") $s.lastIndexOf("b")',
        "1 3 -1 3",
    ),
    ("string-replace", '#set($s = "a.b.c")$s.replace(".", "/")', "a/b/c"),
    ("string-replaceAll-regex", '#set($s = "a1b22c")$s.replaceAll("[0-9]+", "#")', "a#b#c"),
    (
        "string-replaceAll-group",
        '#set($s = "john smith")$s.replaceAll("(\\w+) (\\w+)", "$2 $1")',
        "smith john",
    ),
    ("string-replaceFirst", '#set($s = "aaa")$s.replaceFirst("a", "b")', "baa"),
    ("string-split", '#set($s = "a,b,,c,,")$s.split(",")', "[a, b, , c]"),
    ("string-split-limit", '#set($s = "a,b,c")$s.split(",", 2)', "[a, b,c]"),
    ("string-split-regex", '#set($s = "a1b22c")$s.split("[0-9]+").size()', "3"),
    ("string-substring", '#set($s = "abcdef")$s.substring(2) $s.substring(1, 3)', "cdef bc"),
    ("string-case", '#set($s = "MiXeD")$s.toLowerCase() $s.toUpperCase()', "mixed MIXED"),
    ("string-trim", '#set($s = "  x  ")[$s.trim()]', "[x]"),
    ("string-matches-whole", '#set($s = "abc")$s.matches("a.c") $s.matches("b")', "true false"),
    (
        "string-equals",
        '#set($s = "a")$s.equals("a") $s.equals("b") $s.equalsIgnoreCase("A")',
        "true false true",
    ),
    ("string-charAt", '#set($s = "abc")$s.charAt(1)', "b"),
    ("string-concat", '#set($s = "a")$s.concat("b")', "ab"),
    ("string-compareTo", '#set($s = "a")$s.compareTo("b")', "-1"),
    ("string-property-empty", '#set($s = "")$s.empty', "true"),
    # Map
    ("map-size", '#set($m = {"a": 1, "b": 2})$m.size()', "2"),
    ("map-isEmpty", "#set($m = {})$m.isEmpty()", "true"),
    (
        "map-containsKey",
        '#set($m = {"a": null})$m.containsKey("a") $m.containsKey("b")',
        "true false",
    ),
    ("map-containsValue", '#set($m = {"a": 1})$m.containsValue(1)', "true"),
    ("map-keySet", '#set($m = {"a": 1, "b": 2})$m.keySet()', "[a, b]"),
    (
        "map-entrySet",
        '#set($m = {"a": 1})#foreach($e in $m.entrySet())$e.getKey():$e.getValue()#end',
        "a:1",
    ),
    (
        "map-entry-setValue",
        '#set($m = {"a": 1})#foreach($e in $m.entrySet())$util.qr($e.setValue(2))#end$m',
        "{a=2}",
    ),
    ("map-values", '#set($m = {"a": 1, "b": "x"})$m.values()', "[1, x]"),
    ("map-put-old-value", '#set($m = {"a": 1})$m.put("a", 2) $m.a', "1 2"),
    ("map-putAll", '#set($m = {"a": 1})$util.qr($m.putAll({"b": 2}))$m', "{a=1, b=2}"),
    ("map-remove", '#set($m = {"a": 1, "b": 2})$m.remove("a") $m', "1 {b=2}"),
    ("map-get", '#set($m = {"a": 1})$m.get("a")', "1"),
    ("map-getOrDefault", '#set($m = {})$m.getOrDefault("a", "d")', "d"),
    (
        "map-putIfAbsent",
        '#set($m = {"a": 1})$util.qr($m.putIfAbsent("a", 2))$util.qr($m.putIfAbsent("b", 3))$m',
        "{a=1, b=3}",
    ),
    ("map-property", '#set($m = {"key": "v"})$m.key', "v"),
    ("map-equals", '#set($m = {"a": 1})$m.equals({"a": 1})', "true"),
    ("map-clear", '#set($m = {"a": 1})$m.clear()$m', "{}"),
    # List
    ("list-size", "#set($l = [1, 2, 3])$l.size()", "3"),
    ("list-isEmpty", "#set($l = [])$l.isEmpty()", "true"),
    ("list-get", '#set($l = ["a", "b"])$l.get(1)', "b"),
    ("list-add", "#set($l = [])$l.add(1)$l", "true[1]"),
    ("list-add-index", '#set($l = ["b"])$l.add(0, "a")$l', "[a, b]"),
    ("list-addAll", "#set($l = [1])$util.qr($l.addAll([2, 3]))$l", "[1, 2, 3]"),
    (
        "list-contains",
        '#set($l = ["a", 1])$l.contains("a") $l.contains(1) $l.contains("z")',
        "true true false",
    ),
    (
        "list-indexOf",
        '#set($l = ["a", "b", "a"])$l.indexOf("a") $l.lastIndexOf("a") $l.indexOf("z")',
        "0 2 -1",
    ),
    ("list-remove-index", '#set($l = ["a", "b"])$l.remove(0) $l', "a [b]"),
    ("list-remove-object", '#set($l = ["a", "b"])$l.remove("b") $l', "true [a]"),
    ("list-set", '#set($l = ["a"])$l.set(0, "b") $l', "a [b]"),
    ("list-subList", "#set($l = [1, 2, 3, 4])$l.subList(1, 3)", "[2, 3]"),
    ("list-equals", "#set($l = [1, 2])$l.equals([1, 2])", "true"),
    ("list-containsAll", "#set($l = [1, 2])$l.containsAll([2])", "true"),
    # numbers and booleans
    ("int-methods", "#set($n = 7)$n.intValue() $n.doubleValue() $n.toString()", "7 7.0 7"),
    ("double-methods", "#set($n = 2.5)$n.intValue() $n.longValue()", "2 2"),
    ("number-equals", "#set($n = 1)$n.equals(1) $n.equals(1.0)", "true false"),
    (
        "boolean-methods",
        "#set($b = true)$b.booleanValue() $b.toString() $b.equals(true)",
        "true true true",
    ),
    ("unknown-method-prints-reference", '#set($s = "a")$s.noSuchMethod()', "$s.noSuchMethod()"),
]


@pytest.mark.parametrize(
    ("template", "expected"), [r[1:] for r in METHODS], ids=[r[0] for r in METHODS]
)
def test_java_method(template: str, expected: str) -> None:
    assert render(template, make_context()).text == expected


PRINTED = [
    ("string", "x", "x"),
    ("true", True, "true"),
    ("null", None, "null"),
    ("int", 42, "42"),
    ("double", 1.5, "1.5"),
    ("double-integral", 3.0, "3.0"),
    ("double-exponent", 1.5e-5, "1.5E-5"),
    ("double-large", 12345678.9, "1.23456789E7"),
    ("double-negative-exponent", -2e20, "-2.0E20"),
    ("nan", float("nan"), "NaN"),
    ("infinity", float("inf"), "Infinity"),
    ("map", {"a": 1, "b": [True, None]}, "{a=1, b=[true, null]}"),
    ("list", [1, "a", {"k": "v"}], "[1, a, {k=v}]"),
]


@pytest.mark.parametrize(
    ("value", "expected"), [r[1:] for r in PRINTED], ids=[r[0] for r in PRINTED]
)
def test_java_to_string(value: object, expected: str) -> None:
    assert jt.to_java_string(value) == expected


ARITHMETIC = [
    ("div-int", jt.java_div, 7, 2, 3),
    ("div-negative", jt.java_div, -7, 2, -3),
    ("div-float", jt.java_div, 7, 2.0, 3.5),
    ("div-zero-null", jt.java_div, 1, 0, None),
    ("mod-negative", jt.java_mod, -7, 3, -1),
    ("mod-zero-null", jt.java_mod, 7, 0, None),
    ("add-strings", jt.java_add, "a", True, "atrue"),
    ("add-null-number", jt.java_add, None, 1, None),
    ("sub", jt.java_sub, 5, 7, -2),
    ("mul-mixed", jt.java_mul, 2, 1.5, 3.0),
]


@pytest.mark.parametrize(
    ("op", "left", "right", "expected"), [r[1:] for r in ARITHMETIC], ids=[r[0] for r in ARITHMETIC]
)
def test_java_arithmetic(op: object, left: object, right: object, expected: object) -> None:
    assert op(left, right) == expected  # type: ignore[operator]


def test_java_list_get_out_of_range_names_method() -> None:
    with pytest.raises(TemplateError) as caught:
        render("#set($l = [1])\n$l.get(5)", make_context(), file_name="t.vtl")
    assert str(caught.value) == "t.vtl:2:1: List.get(5) failed: Index 5 out of bounds for length 1"


def test_java_compare_with_null_or_other_type_is_false() -> None:
    template = '#if($nothing > 1)a#end#if(1 < "a")b#end#if(!($nothing <= 1))c#end'
    assert render(template, make_context()).text == "c"
