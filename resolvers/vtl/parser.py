"""Parses VTL with airspeed's parser, patched to read templates as Java Velocity does."""

from __future__ import annotations

import re
from typing import Any

import airspeed

from resolvers.errors import TemplateError

__all__ = ["BreakDirective", "ReturnDirective", "line_column", "parse_template"]


class BreakDirective(airspeed._Element):  # type: ignore[misc]
    """`#break` (Velocity 1.7 also accepts `#break($foreach)`)."""

    START = re.compile(r"#(?:break|\{break\})(?![a-zA-Z0-9_])(?:\s*\(\s*\$?[a-zA-Z_.]*\s*\))?")

    def parse(self) -> None:
        self.identity_match(self.START)


class ReturnDirective(airspeed._Element):  # type: ignore[misc]
    """`#return` / `#return($value)`, AppSync's extension that ends the template with a value."""

    START = re.compile(r"#(?:return|\{return\})(?![a-zA-Z0-9_])")
    OPEN = re.compile(r"\s*\(\s*", re.S)
    CLOSE = re.compile(r"\s*\)", re.S)
    value: Any = None

    def parse(self) -> None:
        self.identity_match(self.START)
        if self.optional_match(self.OPEN) and not self.optional_match(self.CLOSE):
            self.value = self.require_next_element(airspeed.Value, "value")
            self.require_match(self.CLOSE, ")")


_OPEN_PAREN = re.compile(r"\(\s*", re.S)
_CLOSE_PAREN = re.compile(r"\s*\)", re.S)


def _parse_condition(self: Any) -> None:
    """`(expression)` after `#if` / `#elseif`, which Velocity requires: anything else is a
    parse error (airspeed's own Condition gives up, so a malformed `#if(` was printed as text)."""
    self.require_match(_OPEN_PAREN, "(")
    expression = self.require_next_element(airspeed.Expression, "expression")
    self.require_match(_CLOSE_PAREN, ")")
    self.optional_match(airspeed.WHITESPACE_TO_END_OF_LINE)
    self.calculate = expression.calculate


def _parse_interpolated_string(self: Any) -> None:
    """A `"..."` literal's inside is parsed as a template; a syntax error in it keeps its offset
    in the whole template (`template_offset`), not only its line:column inside the string."""
    airspeed.StringLiteral.parse(self)
    content_start = self.end - 1 - len(self.value)
    try:
        self.block = airspeed.Block(self.filename, self.value, 0)
    except airspeed.TemplateSyntaxError as err:
        err.template_offset = content_start + getattr(err, "template_offset", err.element.end)
        raise


def _patch_airspeed() -> None:
    """Close the parser gaps: `"#$var"`, backslashes in string literals, `#break`, `#return`,
    malformed `#if(` / `#elseif(`."""
    airspeed.Text.PLAIN = re.compile(
        r"((?:[^\\\$#]+|\\[\$#])+|\$[^!\{a-z0-9_]|\$$|#$|#(?=\$)|#[^\{\}a-zA-Z0-9#\*\$]+|\\.|\\$)",
        re.S | re.I,
    )
    airspeed.StringLiteral.STRING = re.compile(r"'((?:\\.|[^'\\])*)'", re.S)
    airspeed.InterpolatedStringLiteral.STRING = re.compile(r'"((?:\\.|[^"\\])*)"', re.S)
    airspeed.InterpolatedStringLiteral.ESCAPED_CHAR = re.compile(r"(?!)")
    airspeed.StringLiteral.ESCAPED_CHAR = re.compile(r"(?!)")
    airspeed.Condition.parse = _parse_condition
    airspeed.InterpolatedStringLiteral.parse = _parse_interpolated_string
    directives = airspeed.UserDefinedDirective.DIRECTIVES
    for directive in (BreakDirective, ReturnDirective):
        if directive not in directives:
            directives.append(directive)


_patch_airspeed()


def line_column(template: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset in `template`."""
    line = template.count("\n", 0, offset) + 1
    column = offset - (template.rfind("\n", 0, offset) + 1) + 1
    return line, column


def parse_template(template: str, file_name: str) -> Any:
    """airspeed's parse tree (`TemplateBody`) of `template`.

    :raises TemplateError: the template does not parse (`file:line:col: message`).
    """
    try:
        return airspeed.TemplateBody(file_name, template)
    except airspeed.TemplateSyntaxError as err:
        reason = re.sub(r"^line \d+, column \d+: ", "", str(err))
        offset = getattr(err, "template_offset", None)
        line, column = (err.line, err.column) if offset is None else line_column(template, offset)
        raise TemplateError(reason, file=file_name, line=line, column=column) from None
    except Exception as err:  # airspeed raises KeyError/ValueError on some malformed input
        raise TemplateError(f"cannot parse template: {err!r}", file=file_name) from None
