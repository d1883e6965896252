"""Splits APPSYNC_JS source into tokens with line:column, enough to check and rewrite it."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LexError", "Token", "tokenize"]

_PUNCTUATORS = sorted(
    [
        ">>>=",
        "...",
        "===",
        "!==",
        "**=",
        "<<=",
        ">>=",
        ">>>",
        "??",
        "?.",
        "||=",
        "&&=",
        "??=",
        "=>",
        "==",
        "!=",
        "<=",
        ">=",
        "&&",
        "||",
        "++",
        "--",
        "+=",
        "-=",
        "*=",
        "/=",
        "%=",
        "&=",
        "|=",
        "^=",
        "<<",
        ">>",
        "**",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        ";",
        ",",
        "<",
        ">",
        "+",
        "-",
        "*",
        "/",
        "%",
        "&",
        "|",
        "^",
        "!",
        "~",
        "?",
        ":",
        "=",
        ".",
        "@",
        "#",
    ],
    key=len,
    reverse=True,
)
#: The punctuators by their first character, longest first.
_BY_FIRST: dict[str, list[str]] = {}
for _punct in _PUNCTUATORS:
    _BY_FIRST.setdefault(_punct[0], []).append(_punct)
_IDENT = re.compile(r"[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*")
_NUMBER = re.compile(
    r"(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?"
)
#: After these tokens a `/` starts a regular expression, not a division.
_BEFORE_REGEX = frozenset(
    [
        "(",
        ",",
        "=",
        ":",
        "[",
        "!",
        "&",
        "|",
        "?",
        "{",
        "}",
        ";",
        "+",
        "-",
        "*",
        "%",
        "<",
        ">",
        "~",
        "^",
        "=>",
        "==",
        "!=",
        "===",
        "!==",
        "&&",
        "||",
        "??",
        "return",
        "typeof",
        "case",
        "do",
        "else",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
    ]
)


@dataclass(frozen=True)
class Token:
    """`kind` is ident, keyword-like idents stay `ident`; punct, string, template, number, regex."""

    kind: str
    value: str
    line: int
    column: int
    offset: int


class LexError(Exception):
    """Source the lexer cannot split (an unterminated string, comment or template)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def tokenize(source: str) -> list[Token]:
    """The tokens of `source`; comments and whitespace dropped; template literals one token.

    :raises LexError: an unterminated string, comment, template or regular expression.
    """
    tokens: list[Token] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    pos = 0
    n = len(source)
    line = 1

    def where(offset: int) -> tuple[int, int]:
        nonlocal line
        while line < len(line_starts) and line_starts[line] <= offset:
            line += 1
        return line, offset - line_starts[line - 1] + 1

    def add(kind: str, start: int, end: int) -> None:
        ln, col = where(start)
        tokens.append(Token(kind, source[start:end], ln, col, start))

    while pos < n:
        ch = source[pos]
        if ch in " \t\r\n\ufeff\u00a0\u2028\u2029":
            pos += 1
        elif source.startswith("//", pos):
            end = source.find("\n", pos)
            pos = n if end < 0 else end
        elif source.startswith("/*", pos):
            end = source.find("*/", pos + 2)
            if end < 0:
                raise LexError("Unterminated comment", *where(pos))
            pos = end + 2
        elif ch in "'\"":
            end = _string_end(source, pos, ch)
            if end < 0:
                raise LexError("Unterminated string literal", *where(pos))
            add("string", pos, end)
            pos = end
        elif ch == "`":
            end = _template_end(source, pos)
            if end < 0:
                raise LexError("Unterminated template literal", *where(pos))
            add("template", pos, end)
            pos = end
        elif ch == "/" and (not tokens or tokens[-1].value in _BEFORE_REGEX):
            end = _regex_end(source, pos)
            if end < 0:
                raise LexError("Unterminated regular expression", *where(pos))
            add("regex", pos, end)
            pos = end
        elif (m := _IDENT.match(source, pos)) is not None:
            add("ident", pos, m.end())
            pos = m.end()
        elif ch.isdigit() or (ch == "." and pos + 1 < n and source[pos + 1].isdigit()):
            m = _NUMBER.match(source, pos)
            end = m.end() if m else pos + 1
            add("number", pos, end)
            pos = end
        else:
            for punct in _BY_FIRST.get(ch, ()):
                if source.startswith(punct, pos):
                    add("punct", pos, pos + len(punct))
                    pos += len(punct)
                    break
            else:
                raise LexError(f"Invalid character {ch!r}", *where(pos))
    return tokens


def _string_end(source: str, pos: int, quote: str) -> int:
    i = pos + 1
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
        elif c == quote:
            return i + 1
        elif c == "\n":
            return -1
        else:
            i += 1
    return -1


def _template_end(source: str, pos: int) -> int:
    i = pos + 1
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
        elif c == "`":
            return i + 1
        elif source.startswith("${", i):
            i = _expression_end(source, i + 2)
            if i < 0:
                return -1
        else:
            i += 1
    return -1


def _expression_end(source: str, pos: int) -> int:
    """The offset after the `}` closing a template's `${`."""
    depth = 0
    i = pos
    while i < len(source):
        c = source[i]
        if c in "'\"":
            i = _string_end(source, i, c)
            if i < 0:
                return -1
        elif c == "`":
            i = _template_end(source, i)
            if i < 0:
                return -1
        elif c == "{":
            depth += 1
            i += 1
        elif c == "}":
            if depth == 0:
                return i + 1
            depth -= 1
            i += 1
        else:
            i += 1
    return -1


def _regex_end(source: str, pos: int) -> int:
    i = pos + 1
    in_class = False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "\n":
            return -1
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            i += 1
            while i < len(source) and (source[i].isalnum() or source[i] == "_"):
                i += 1
            return i
        i += 1
    return -1
