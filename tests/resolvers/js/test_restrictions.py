"""The APPSYNC_JS restrictions ("Supported runtime features") and file:line:col errors."""

from __future__ import annotations

import pytest

from resolvers.context import build_context
from resolvers.js import CodeError, JsCode, JsRuntimeError, JsTimeoutError, evaluate, validate

#: (code, line, column, message): each feature AppSync's runtime does not support, with the words
#: of AWS's linter for the runtime (@aws-appsync/eslint-plugin 2.0.2) at the node it reports.
REJECTED: list[tuple[str, int, int, str]] = [
    ("try { a(); } catch (e) {}", 1, 1, "Try statements are not supported."),
    ("try { a(); } finally { b(); }", 1, 1, "Try statements are not supported."),
    ("throw new Error('x');", 1, 1, "Throw statements are not supported."),
    ("while (x) { x = false; }", 1, 1, "While statements are not supported."),
    ("do { x = 1; } while (x < 1);", 1, 1, "do...while statements are not supported."),
    ("for (let i = 0; i < 3; i = i + 1) {}", 1, 1, "For statements are not supported."),
    ("for (;;) {}", 1, 1, "For statements are not supported."),
    ("for (const a of b) { continue; }", 1, 22, "Continue statements are not supported"),
    ("outer: for (const a of b) {}", 1, 1, "Labeled statements are not supported."),
    ("let i = 0;\ni++;", 2, 1, "The operator ++ is not supported"),
    ("let i = 0;\n--i;", 2, 1, "The operator -- is not supported"),
    ("const o = { n: 1 };\no.n--;", 2, 1, "The operator -- is not supported"),
    ("const m = ~x;", 1, 11, "The operator ~ is not supported"),
    ("const has = 'a' in o;", 1, 13, "in operator is not supported. Use Object.hasOwn()."),
    ("const has = a.b in o;", 1, 13, "in operator is not supported. Use Object.hasOwn()."),
    ("const y = a instanceof B;", 1, 11, "The operator instanceof is not supported"),
    ("class A {}", 1, 1, "Class declarations are not supported."),
    ("async function f() {}", 1, 1, "Async functions are not supported."),
    ("const f = async () => 1;", 1, 11, "Async functions are not supported."),
    ("function f() { return await g(); }", 1, 23, "The `await` keyword is not supported"),
    ("const p = new Promise((r) => r(1));", 1, 11, "Promise is not supported"),
    ("function* g() {}", 1, 1, "Generator functions are not supported."),
    ("function g() { yield; }", 1, 16, "Yield statements are not supported"),
    ("const r = /ab+c/;", 1, 11, "Regex literals are not supported."),
    ("const t = this;", 1, 11, "This expressions are not supported."),
    (
        "function fact(n) { return n ? n * fact(n - 1) : 1; }",
        1,
        35,
        "Recursive function calls not supported. Detected cycle in fact <-fact",
    ),
    (
        "const f = (n) => f(n);",
        1,
        18,
        "Recursive function calls not supported. Detected cycle in f <-f",
    ),
    (
        "function a() { return b(); }\nfunction b() { return c(); }\nfunction c() { return a(); }",
        1,
        23,
        "Recursive function calls not supported. Detected cycle in a <-b <-c <-a",
    ),
    (
        "export function request(ctx) { ctx = {}; return {}; }",
        1,
        32,
        "ctx is readonly and re-assignment is not supported.",
    ),
    (
        "export function request(ctx) { ctx.stash = {}; return {}; }",
        1,
        32,
        "ctx is readonly. Adding/Updating stash is not supported.",
    ),
    (
        "export function response(context) { delete context['result']; return 1; }",
        1,
        44,
        "context is readonly. Adding/Updating result is not supported.",
    ),
    (
        "export function request(ctx) { ctx[a + b] = 1; return {}; }",
        1,
        32,
        "ctx is readonly adding/modifying properties is not supported.",
    ),
    (
        "const o = Object.freeze({});",
        1,
        11,
        "Method ObjectConstructor.freeze is not implemented",
    ),
    (
        "const o = Object.create(null);",
        1,
        11,
        "Method ObjectConstructor.create is not implemented",
    ),
    ("const r = Math.random();", 1, 11, "Method Math.random is not implemented"),
    ("const t = Date.now();", 1, 11, "Method DateConstructor.now is not implemented"),
    ("const d = new Date();", 1, 11, "The Date constructor without arguments is not supported"),
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
    "export function request(ctx) { ctx.stash.seen = true; ctx.args.input.id = 'x'; return {}; }",
    "const d = new Date('2024-01-01T00:00:00Z'); const y = d.getUTCFullYear();",
    "const k = Object.keys({ a: 1 }); const e = Object.entries({});\n"
    "const h = Object.hasOwn({}, 'a');",
    "function f(n) { return g(n); }\nfunction g(n) { return n; }",
    "import { util } from '@aws-appsync/utils';\n"
    "const x = util.math.randomDouble(); const t = util.time.nowEpochMilliSeconds();",
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


def test_runaway_loop_ends_with_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("resolvers.js.code.TIME_LIMIT_MS", 50.0)
    code = JsCode(
        "export function request(ctx) {\n  let n = 0;\n  const a = Array(2000).fill(0);\n"
        "  for (const x of a) { for (const y of a) { for (const z of a) { n = n + 1; } } }\n"
        "  return { n };\n}\n",
        "loop.js",
    )
    with pytest.raises(JsTimeoutError) as caught:
        evaluate(code, "request", build_context())
    assert caught.value.message == "loop.js: Execution timed out after 50 ms (request function)"
    assert caught.value.error_type == "ExecutionTimeout"


def test_runaway_callbacks_end_with_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("resolvers.js.code.TIME_LIMIT_MS", 50.0)
    code = JsCode(
        "export function request(ctx) {\n  let n = 0;\n  const a = Array(3000).fill(0);\n"
        "  a.forEach((x) => a.forEach((y) => a.forEach((z) => (n = n + z + 1))));\n"
        "  return { n };\n}\n",
        "each.js",
    )
    with pytest.raises(JsTimeoutError) as caught:
        evaluate(code, "request", build_context())
    assert caught.value.message == "each.js: Execution timed out after 50 ms (request function)"


def test_loop_without_block_body_ends_with_the_time_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("resolvers.js.code.TIME_LIMIT_MS", 50.0)
    code = JsCode(
        "export function request(ctx) {\n  let n = 0;\n  const a = Array(3000).fill(1);\n"
        "  for (const x of a) for (const y of a) for (const z of a) n = n + z;\n"
        "  return { n };\n}\n",
        "bare.js",
    )
    with pytest.raises(JsTimeoutError) as caught:
        evaluate(code, "request", build_context())
    assert caught.value.message == "bare.js: Execution timed out after 50 ms (request function)"


def test_a_timed_out_engine_keeps_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("resolvers.js.code.TIME_LIMIT_MS", 50.0)
    slow = JsCode(
        "export function request(ctx) { let n = 0; const a = Array(5000).fill(0);"
        " for (const x of a) { for (const y of a) { n = n + 1; } } return { n }; }",
        "slow.js",
    )
    with pytest.raises(JsTimeoutError):
        evaluate(slow, "request", build_context())
    fast = JsCode(
        "export function request(ctx) { return { n: [1, 2].map((x) => x * 2) }; }", "f.js"
    )
    assert evaluate(fast, "request", build_context()).value == {"n": [2, 4]}


#: Methods and globals the runtime does not implement, called where the validator cannot see
#: which object they are called on: refused when called, with the linter's words.
REFUSED_AT_RUN_TIME = [
    ("'a'.padStart(3, ' ')", "Method String.padStart is not implemented"),
    ("'ab'.repeat(2)", "Method String.repeat is not implemented"),
    ("'a'.charCodeAt(0)", "Method String.charCodeAt is not implemented"),
    ("[1, 2].keys()", "Method Array.keys is not implemented"),
    ("[1, 2].entries()", "Method Array.entries is not implemented"),
    ("new Date(0).setHours(1)", "Method Date.setHours is not implemented"),
    ("new Date(0).toLocaleString()", "Method Date.toLocaleString is not implemented"),
    ("[Math][0].random()", "Method Math.random is not implemented"),
    ("[Date][0].now()", "Method DateConstructor.now is not implemented"),
    ("new [Date][0]()", "The Date constructor without arguments is not supported"),
    ("[Object][0].freeze({})", "Method ObjectConstructor.freeze is not implemented"),
    ("eval('1')", "Method eval is not implemented"),
    ("Function('return 1')()", "Method FunctionConstructor is not implemented"),
    (
        "((x) => x).constructor('while (true) {}')()",
        "Method FunctionConstructor is not implemented",
    ),
]


@pytest.mark.parametrize(("expression", "message"), REFUSED_AT_RUN_TIME)
def test_missing_method_is_refused_when_called(expression: str, message: str) -> None:
    code = JsCode(f"export function request(ctx) {{\n  return {{ v: {expression} }};\n}}\n", "m.js")
    assert validate(code) == []
    with pytest.raises(JsRuntimeError) as caught:
        evaluate(code, "request", build_context())
    assert caught.value.message == f"m.js:2:3: Error: {message}"


def test_implemented_built_ins_run() -> None:
    code = JsCode(
        "export function request(ctx) {\n"
        "  const d = new Date(Date.UTC(2024, 0, 2));\n"
        "  return { iso: d.toISOString(), y: d.getUTCFullYear(), up: 'ab'.toUpperCase(),\n"
        "    s: `${[1, 2]}`, n: Number('2'), j: JSON.stringify({ a: 1 }),\n"
        "    f: [3, 1, 2].sort().join(','), v: Object.values({ a: 1 }) };\n"
        "}\n",
        "ok.js",
    )
    assert evaluate(code, "request", build_context()).value == {
        "iso": "2024-01-02T00:00:00.000Z",
        "y": 2024,
        "up": "AB",
        "s": "1,2",
        "n": 2,
        "j": '{"a":1}',
        "f": "1,2,3",
        "v": [1],
    }
