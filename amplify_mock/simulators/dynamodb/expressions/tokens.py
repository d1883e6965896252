"""The tokenizer shared by every DynamoDB expression kind."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Token", "tokenize"]

_PUNCTUATION = ("<>", "<=", ">=", "(", ")", "[", "]", ",", ".", "=", "<", ">", "+", "-")


@dataclass(frozen=True)
class Token:
    """`kind` is NAME, ATTR_NAME (#x), VALUE (:x), NUMBER, PUNCT, EOF or BAD."""

    kind: str
    text: str
    start: int
    end: int


def _is_name_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def tokenize(source: str) -> list[Token]:
    """The tokens of `source`, ending with EOF; an unknown character becomes a BAD token."""
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
            continue
        start = i
        if c in "#:":
            i += 1
            while i < n and _is_name_char(source[i]):
                i += 1
            kind = "ATTR_NAME" if c == "#" else "VALUE"
            tokens.append(Token(kind if i > start + 1 else "BAD", source[start:i], start, i))
            continue
        if c.isdigit():
            while i < n and source[i].isdigit():
                i += 1
            tokens.append(Token("NUMBER", source[start:i], start, i))
            continue
        if c.isalpha() or c == "_":
            while i < n and _is_name_char(source[i]):
                i += 1
            tokens.append(Token("NAME", source[start:i], start, i))
            continue
        for punct in _PUNCTUATION:
            if source.startswith(punct, i):
                i += len(punct)
                tokens.append(Token("PUNCT", punct, start, i))
                break
        else:
            i += 1
            tokens.append(Token("BAD", c, start, i))
    tokens.append(Token("EOF", "<EOF>", n, n))
    return tokens
