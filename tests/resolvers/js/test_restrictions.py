"""The APPSYNC_JS restrictions ("Supported runtime features") and file:line:col errors."""

from __future__ import annotations

import pytest

from resolvers.context import build_context
from resolvers.js import CodeError, JsCode, JsRuntimeError, evaluate, validate

#: (code, line, column, message): each feature AppSync's runtime does not support.
REJECTED: list[tuple[str, int, int, str]] = [
    ("try { a(); } catch (e) {}", 1, 1, "try statements are not supported"),
    ("throw new Error('x');", 1, 1, "throw statements are not supported"),
    ("while (x) { x = false; }", 1, 1, "while statements are not supported"),
    ("do { x = 1; } while (x < 1);", 1, 1, "do-while statements are not supported"),
    (
        "for (let i = 0; i < 3; i = i + 1) {}",
        1,
        1,
        "for(initialization; condition; afterthought) statements are not supported",
    ),
    ("for (const a of b) { continue; }", 1, 22, "continue statements are not supported"),
    ("outer: for (const a of b) {}", 1, 1, "labeled statements are not supported"),
    ("let i = 0;\ni++;", 2, 2, "the unary operator ++ is not supported"),
    ("let i = 0;\ni--;", 2, 2, "the unary operator -- is not supported"),
    ("const m = ~x;", 1, 11, "the unary operator ~ is not supported"),
    ("const has = 'a' in o;", 1, 17, "the in operator is not supported; use Object.hasOwn"),
    ("class A {}", 1, 1, "classes are not supported"),
    ("async function f() {}", 1, 1, "async functions are not supported"),
    ("function f() { return await g(); }", 1, 23, "await expressions are not supported"),
    ("function* g() {}", 1, 1, "generator functions are not supported"),
    ("const r = /ab+c/;", 1, 11, "regular expression literals are not supported"),
]


@pytest.mark.parametrize(("source", "line", "column", "message"), REJECTED)
def test_unsupported_feature_is_rejected(source: str, line: int, column: int, message: str) -> None:
    issues = validate(JsCode(source, "c.js"))
    assert [(i.error_type, i.line, i.column, i.message) for i in issues][:1] == [
        ("LINT_ERROR", line, column, message)
    ]
    with pytest.raises(CodeError) as caught:
        evaluate(JsCode(source, "c.js"), "request", build_context())
    assert caught.value.message == f"c.js:{line}:{column}: {message}"


ACCEPTED = [
    "for (const a of [1, 2]) { if (a) { break; } }",
    "for (const k in { a: 1 }) { const v = k; }",
    "const o = { try: 1, in: 2, class: 3 }; const t = o.try + o.in;",
    "const s = `a ${`nested ${1}`} b`; const d = 4 / 2 / 1;",
    "function f(x) { switch (x) { case 1: break; default: break; } }",
    "const f = (...rest) => rest.length ?? 0; const g = (a) => a?.b;",
    "function h(cond) { return cond ? { a: 1 } : { b: 2 }; }",
    "// try { } while\n/* throw */ const q = 'while (x) {}';",
]


@pytest.mark.parametrize("source", ACCEPTED)
def test_supported_code_passes(source: str) -> None:
    assert validate(JsCode(source, "ok.js")) == []


def test_code_over_the_size_limit() -> None:
    issues = validate(JsCode("//" + "x" * 32_767, "big.js"))
    assert [(i.error_type, i.message) for i in issues] == [
        ("LINT_ERROR", "code is 32769 characters; the limit is 32768")
    ]


def test_syntax_error_names_file_line_column() -> None:
    with pytest.raises(CodeError) as caught:
        evaluate(JsCode("export function request(ctx) {\n  return ctx.a(;\n}\n", "s.js"),
                 "request", build_context())  # fmt: skip
    assert caught.value.message == "s.js:2:16: SyntaxError: unexpected token in expression: ';'"
    assert caught.value.issues[0].error_type == "PARSER_ERROR"


def test_unknown_module_import() -> None:
    issues = validate(JsCode("import { x } from 'lodash';\n", "m.js"))
    assert [(i.error_type, i.line, i.column, i.message) for i in issues] == [
        ("PARSER_ERROR", 1, 19, "Cannot find module 'lodash'")
    ]


def test_runtime_error_names_file_line_column() -> None:
    code = JsCode("export function response(ctx) {\n  return ctx.result.a.b;\n}\n", "r.js")
    with pytest.raises(JsRuntimeError) as caught:
        evaluate(code, "response", build_context(result={}))
    assert caught.value.message == "r.js:2:22: TypeError: cannot read property 'b' of undefined"


def test_missing_export() -> None:
    with pytest.raises(JsRuntimeError) as caught:
        evaluate(JsCode("export function request(ctx) { return 1; }", "x.js"), "response",
                 build_context())  # fmt: skip
    assert caught.value.message == "x.js: The code does not export a response function"


def test_endless_recursion_is_a_range_error_not_a_crash() -> None:
    code = JsCode("function f(n) { return f(n + 1) + 1; }\nexport function request(ctx) "
                  "{ return f(0); }\n", "deep.js")  # fmt: skip
    with pytest.raises(JsRuntimeError) as caught:
        evaluate(code, "request", build_context())
    assert "RangeError" in caught.value.message or "stack" in caught.value.message
