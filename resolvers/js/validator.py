"""The APPSYNC_JS restrictions, checked before code runs, so what runs here runs on AppSync.

The rules are those of AppSync's "Supported runtime features" page and of AWS's own linter for
the runtime (`@aws-appsync/eslint-plugin` 2.0.2, the rules AppSync's evaluator reports as
`LINT_ERROR`s): no try/catch/finally, throw, while, do-while, C-style for, continue, labels,
`++`/`--`/`~`, the `in` and `instanceof` operators (for-in aside), regular expression
literals, classes, async/await, `Promise`, generators, `this`, recursive calls (direct or
through a cycle of the file's functions), re-assigning a handler's `ctx` or one of its
properties, and the `Object` methods the runtime does not implement. Each message is the
linter's, word for word, at the node the linter reports (a postfix `i++` at `i`, a binary
`a in b` at `a`); the linter has no rule for `throw`, whose message is ours in its style.
Code is at most 32,768 characters (EvaluateCode's and CloudFormation's limit).

The clock and the random number generator are the runtime's (`util.time.*`, `util.autoId()`,
`util.math.randomDouble()`): `Math.random()`, `Date.now()` and `new Date()` without arguments
are refused. Their wording is ours (AppSync publishes none for them), in the linter's
"Method ... is not implemented" form.

Not emulated: the linter's type-aware rules that need TypeScript's checker (passing, returning
or re-assigning functions); instance methods the runtime lacks (`padStart`, `repeat`,
`Date.prototype.setHours`...) are refused when called, at run time, with the same message
(`runtime.js`), since which object a call is made on is only known then.
"""

from __future__ import annotations

from dataclasses import dataclass

from resolvers.js.lexer import LexError, Token, tokenize
from resolvers.js.recursion import recursive_calls

__all__ = ["CODE_SIZE_LIMIT", "DENIED_STATIC_METHODS", "CodeIssue", "check"]

CODE_SIZE_LIMIT = 32_768

#: `Object.<name>(...)`: static methods of `Object` the runtime does not implement.
DENIED_STATIC_METHODS = frozenset(
    {
        "create",
        "defineProperties",
        "defineProperty",
        "freeze",
        "getOwnPropertyDescriptor",
        "getOwnPropertyDescriptors",
        "getOwnPropertyNames",
        "getOwnPropertySymbols",
        "getPrototypeOf",
        "hasOwnProperty",
        "is",
        "isExtensible",
        "isFrozen",
        "isPrototypeOf",
        "isSealed",
        "preventExtensions",
        "propertyIsEnumerable",
        "seal",
        "setPrototypeOf",
        "toLocaleString",
        "toString",
        "valueOf",
    }
)

#: `Namespace.method()` calls that read the clock or a random number generator.
_NON_DETERMINISTIC = {("Math", "random"): "Math.random", ("Date", "now"): "DateConstructor.now"}

_KEYWORDS = {
    "try": "Try statements are not supported.",
    "throw": "Throw statements are not supported.",
    "while": "While statements are not supported.",
    "do": "do...while statements are not supported.",
    "continue": "Continue statements are not supported",
    "class": "Class declarations are not supported.",
    "await": "The `await` keyword is not supported",
    "yield": "Yield statements are not supported",
    "this": "This expressions are not supported.",
}
_ASYNC = "Async functions are not supported."
_GENERATOR = "Generator functions are not supported."
_FOR = "For statements are not supported."
_LABEL = "Labeled statements are not supported."
_IN = "in operator is not supported. Use Object.hasOwn()."
_REGEX = "Regex literals are not supported."
_PROMISE = "Promise is not supported"
_ARGLESS_DATE = "The Date constructor without arguments is not supported"
_UNARY = {"++", "--", "~"}
_UPDATES = {"++", "--"}
_ASSIGNMENTS = frozenset(
    {
        "=",
        "+=",
        "-=",
        "*=",
        "/=",
        "%=",
        "**=",
        "<<=",
        ">>=",
        ">>>=",
        "&=",
        "|=",
        "^=",
        "&&=",
        "||=",
        "??=",
    }
)
_STATEMENT_START = {";", "{", "}"}
_HANDLERS = ("request", "response")


@dataclass(frozen=True)
class CodeIssue:
    """One rule the code breaks, where; `error_type` is EvaluateCode's `LINT_ERROR` or
    `PARSER_ERROR`."""

    error_type: str
    message: str
    line: int
    column: int
    span: int


def check(source: str) -> list[CodeIssue]:
    """Every restriction `source` breaks, in source order (empty when it may run)."""
    if len(source) > CODE_SIZE_LIMIT:
        return [CodeIssue("LINT_ERROR", f"code is {len(source)} characters; the limit is "
                          f"{CODE_SIZE_LIMIT}", 1, 1, 0)]  # fmt: skip
    try:
        tokens = tokenize(source)
    except LexError as err:
        return [CodeIssue("PARSER_ERROR", err.message, err.line, err.column, 1)]
    issues = _token_rules(tokens)
    issues.extend(_handler_context_rules(tokens))
    issues.extend(
        _lint(tokens[index], f"Recursive function calls not supported. Detected cycle in {path}")
        for index, path in recursive_calls(tokens)
    )
    return sorted(issues, key=lambda issue: (issue.line, issue.column))


def _token_rules(tokens: list[Token]) -> list[CodeIssue]:
    issues: list[CodeIssue] = []
    braces: list[bool] = []  # True: a block, False: an object literal / template / pattern
    for_headers: list[int] = []  # paren depth of each open `for (` header
    depth = 0
    for i, token in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        value = token.value
        is_key = nxt is not None and nxt.value == ":" and bool(braces) and not braces[-1]
        if token.kind == "ident" and not _is_property(prev) and not is_key:
            message = _KEYWORDS.get(value)
            if value == "while" and _closes_do(tokens, i):
                message = None
            if message is not None:
                issues.append(_lint(token, message))
            elif (
                value == "async"
                and nxt is not None
                and (nxt.value in ("function", "(") or nxt.kind == "ident")
            ):
                issues.append(_lint(token, _ASYNC))
            elif value == "function" and nxt is not None and nxt.value == "*":
                issues.append(_lint(token, _GENERATOR))
            elif value == "for":
                for_headers.append(depth + 1)
            elif value == "in" and not (for_headers and for_headers[-1] == depth):
                issues.append(_lint(tokens[_operand_start(tokens, i - 1)], _IN))
            elif value == "instanceof":
                start = tokens[_operand_start(tokens, i - 1)]
                issues.append(_lint(start, "The operator instanceof is not supported"))
            elif value == "new" and nxt is not None and nxt.value == "Promise":
                issues.append(_lint(token, _PROMISE))
            elif value == "new" and _is_argless_date(tokens, i):
                issues.append(_lint(token, _ARGLESS_DATE))
            elif (
                value == "Object"
                and _is_call(tokens, i)
                and tokens[i + 2].value in DENIED_STATIC_METHODS
            ):
                name = tokens[i + 2].value
                issues.append(_lint(token, f"Method ObjectConstructor.{name} is not implemented"))
            elif _is_call(tokens, i) and (value, tokens[i + 2].value) in _NON_DETERMINISTIC:
                name = _NON_DETERMINISTIC[(value, tokens[i + 2].value)]
                issues.append(_lint(token, f"Method {name} is not implemented"))
            elif (
                nxt is not None
                and nxt.value == ":"
                and (prev is None or prev.value in _STATEMENT_START)
                and (not braces or braces[-1])
                and value not in ("default", "case")
            ):
                issues.append(_lint(token, _LABEL))
        elif token.kind == "regex":
            issues.append(_lint(token, _REGEX))
        elif token.kind == "punct":
            if value in _UNARY:
                postfix = value != "~" and prev is not None and _ends_operand(prev)
                at = tokens[_operand_start(tokens, i - 1)] if postfix else token
                issues.append(_lint(at, f"The operator {value} is not supported"))
            elif value == "(":
                depth += 1
            elif value == ")":
                if for_headers and for_headers[-1] == depth:
                    for_headers.pop()
                depth -= 1
            elif value == ";" and for_headers and for_headers[-1] == depth:
                issues.append(_lint(_find_for(tokens, i), _FOR))
                for_headers.pop()
            elif value == "{":
                braces.append(_opens_block(prev))
            elif value == "}" and braces:
                braces.pop()
    return issues


def _handler_context_rules(tokens: list[Token]) -> list[CodeIssue]:
    """`ctx = ...`, `ctx.stash = ...`, `delete ctx.x` in `function request(ctx)` / `response`:
    the context is read-only at its first level (`ctx.stash.x = 1` is allowed)."""
    issues: list[CodeIssue] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (
            token.value == "function"
            and i + 4 < len(tokens)
            and tokens[i + 1].value in _HANDLERS
            and tokens[i + 2].value == "("
            and tokens[i + 3].kind == "ident"
            and tokens[i + 4].value in (")", ",", "=")
        ):
            name = tokens[i + 3].value
            body = _next_index(tokens, i + 2, "{")
            end = _matching(tokens, body) if body is not None else None
            if body is not None and end is not None:
                issues.extend(_context_writes(tokens, body + 1, end, name))
                i = end
        i += 1
    return issues


def _context_writes(tokens: list[Token], start: int, end: int, name: str) -> list[CodeIssue]:
    issues: list[CodeIssue] = []
    for j in range(start, end):
        token = tokens[j]
        if token.value != name or token.kind != "ident" or _is_property(tokens[j - 1]):
            continue
        nxt = tokens[j + 1] if j + 1 < end else None
        if nxt is not None and nxt.value in _ASSIGNMENTS:
            issues.append(_lint(token, f"{name} is readonly and re-assignment is not supported."))
            continue
        prop_end = _member_end(tokens, j + 1, end)
        if prop_end is None:
            continue
        after = tokens[prop_end] if prop_end < end else None
        before = tokens[j - 1].value
        written = after is not None and (after.value in _ASSIGNMENTS or after.value in _UPDATES)
        if not (written or before == "delete" or before in _UPDATES):
            continue
        prop = tokens[j + 2]
        closes = tokens[j + 3].value == "]" if j + 3 < end else False
        if tokens[j + 1].value == ".":
            prop_name: str | None = prop.value
        elif prop.kind in ("string", "number", "ident") and closes:
            prop_name = prop.value.strip("'\"") if prop.kind == "string" else prop.value
        else:
            prop_name = None
        if prop_name is None:
            message = f"{name} is readonly adding/modifying properties is not supported."
        else:
            message = f"{name} is readonly. Adding/Updating {prop_name} is not supported."
        issues.append(_lint(token, message))
    return issues


def _member_end(tokens: list[Token], i: int, end: int) -> int | None:
    """After `ctx` at `i - 1`: the index past a single `.name` / `[expr]`, if that is what
    follows and nothing else is chained onto it."""
    if i + 1 >= end:
        return None
    if tokens[i].value == "." and tokens[i + 1].kind == "ident":
        after = i + 2
    elif tokens[i].value == "[":
        close = _matching(tokens, i)
        if close is None:
            return None
        after = close + 1
    else:
        return None
    if after < end and tokens[after].value in (".", "[", "(", "?."):
        return None
    return after


def _lint(token: Token, message: str) -> CodeIssue:
    return CodeIssue("LINT_ERROR", message, token.line, token.column, len(token.value))


def _is_property(prev: Token | None) -> bool:
    """`x.try` or `{ try: 1 }`-like uses of a keyword as a name are not statements."""
    return prev is not None and prev.value in (".", "?.")


def _is_call(tokens: list[Token], i: int) -> bool:
    """`tokens[i] . name (` with `tokens[i]` not itself a property."""
    return (
        i + 3 < len(tokens)
        and tokens[i + 1].value == "."
        and tokens[i + 2].kind == "ident"
        and tokens[i + 3].value == "("
        and not (i and _is_property(tokens[i - 1]))
    )


def _is_argless_date(tokens: list[Token], i: int) -> bool:
    """`new Date()` or `new Date` (no arguments: the current time)."""
    if i + 1 >= len(tokens) or tokens[i + 1].value != "Date":
        return False
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if after is None or after.value != "(":
        return True
    return i + 3 < len(tokens) and tokens[i + 3].value == ")"


def _closes_do(tokens: list[Token], i: int) -> bool:
    """`while` ending `do { ... } while (x)` (reported once, at `do`)."""
    if i == 0 or tokens[i - 1].value != "}":
        return False
    depth = 0
    for j in range(i - 1, -1, -1):
        if tokens[j].value == "}":
            depth += 1
        elif tokens[j].value == "{":
            depth -= 1
            if depth == 0:
                return j > 0 and tokens[j - 1].value == "do"
    return False


def _ends_operand(token: Token) -> bool:
    return token.kind in ("ident", "number", "string", "template") or token.value in (")", "]")


def _operand_start(tokens: list[Token], i: int) -> int:
    """The first token of the operand ending at `tokens[i]` (a member / call chain)."""
    while i > 0:
        token = tokens[i]
        if token.value in (")", "]"):
            opening = _matching_back(tokens, i)
            if opening is None:
                return i
            i = opening
            if i > 0 and _ends_operand(tokens[i - 1]) and token.value == ")":
                i -= 1
                continue
            if token.value == "]" and i > 0 and _ends_operand(tokens[i - 1]):
                i -= 1
                continue
            return i
        if i > 1 and tokens[i - 1].value in (".", "?.") and _ends_operand(tokens[i - 2]):
            i -= 2
            continue
        return i
    return i


def _matching(tokens: list[Token], i: int) -> int | None:
    pairs = {"(": ")", "[": "]", "{": "}"}
    opening = tokens[i].value
    closing = pairs[opening]
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].value == opening:
            depth += 1
        elif tokens[j].value == closing:
            depth -= 1
            if depth == 0:
                return j
    return None


def _matching_back(tokens: list[Token], i: int) -> int | None:
    pairs = {")": "(", "]": "["}
    closing = tokens[i].value
    opening = pairs[closing]
    depth = 0
    for j in range(i, -1, -1):
        if tokens[j].value == closing:
            depth += 1
        elif tokens[j].value == opening:
            depth -= 1
            if depth == 0:
                return j
    return None


def _next_index(tokens: list[Token], i: int, value: str) -> int | None:
    close = _matching(tokens, i)
    if close is None or close + 1 >= len(tokens) or tokens[close + 1].value != value:
        return None
    return close + 1


def _opens_block(prev: Token | None) -> bool:
    if prev is None:
        return True
    if prev.kind == "punct":
        return prev.value in (")", ";", "{", "}", "=>")
    return prev.value in ("else", "do", "try", "finally")


def _find_for(tokens: list[Token], index: int) -> Token:
    for token in reversed(tokens[:index]):
        if token.value == "for":
            return token
    return tokens[index]
