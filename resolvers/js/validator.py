"""The APPSYNC_JS restrictions, checked before code runs, so what runs here runs on AppSync.

The rules are those of AppSync's "Supported runtime features" page: no try/catch/finally,
throw, while, do-while, C-style for, continue, labels, `++`/`--`/`~`, the `in` operator
(for-in aside), regular expression literals; and none of what the page leaves out and
AppSync's linter rejects: classes, async/await, generators. Code is at most 32,768
characters (EvaluateCode's and CloudFormation's limit).

Not emulated: AppSync's exact wording (its messages are not published; these name the
feature and the page's term for it); the checks on which built-in methods are called.
"""

from __future__ import annotations

from dataclasses import dataclass

from resolvers.js.lexer import LexError, Token, tokenize

__all__ = ["CODE_SIZE_LIMIT", "CodeIssue", "check"]

CODE_SIZE_LIMIT = 32_768

_STATEMENTS = {
    "try": "try statements are not supported",
    "throw": "throw statements are not supported",
    "while": "while statements are not supported",
    "do": "do-while statements are not supported",
    "continue": "continue statements are not supported",
    "class": "classes are not supported",
    "async": "async functions are not supported",
    "await": "await expressions are not supported",
    "yield": "generator functions are not supported",
}
_UNARY = {"++", "--", "~"}
_STATEMENT_START = {";", "{", "}"}


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
            message = _STATEMENTS.get(value)
            if value == "async" and (nxt is None or nxt.value not in ("function", "(")):
                message = None if nxt is None or nxt.kind != "ident" else message
            if message is not None:
                issues.append(_lint(token, message))
            elif value == "function" and nxt is not None and nxt.value == "*":
                issues.append(_lint(token, "generator functions are not supported"))
            elif value == "for":
                for_headers.append(depth + 1)
            elif value == "in" and not (for_headers and for_headers[-1] == depth):
                issues.append(_lint(token, "the in operator is not supported; use Object.hasOwn"))
            elif (
                nxt is not None
                and nxt.value == ":"
                and (prev is None or prev.value in _STATEMENT_START)
                and (not braces or braces[-1])
                and value not in ("default", "case")
            ):
                issues.append(_lint(token, "labeled statements are not supported"))
        elif token.kind == "regex":
            issues.append(_lint(token, "regular expression literals are not supported"))
        elif token.kind == "punct":
            if value in _UNARY:
                issues.append(_lint(token, f"the unary operator {value} is not supported"))
            elif value == "(":
                depth += 1
            elif value == ")":
                if for_headers and for_headers[-1] == depth:
                    for_headers.pop()
                depth -= 1
            elif value == ";" and for_headers and for_headers[-1] == depth:
                for_token = _find_for(tokens, i)
                issues.append(_lint(for_token, "for(initialization; condition; afterthought) "
                                               "statements are not supported"))  # fmt: skip
                for_headers.pop()
            elif value == "{":
                braces.append(_opens_block(prev))
            elif value == "}" and braces:
                braces.pop()
    return issues


def _lint(token: Token, message: str) -> CodeIssue:
    return CodeIssue("LINT_ERROR", message, token.line, token.column, len(token.value))


def _is_property(prev: Token | None) -> bool:
    """`x.try` or `{ try: 1 }`-like uses of a keyword as a name are not statements."""
    return prev is not None and prev.value in (".", "?.")


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
