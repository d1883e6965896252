"""A line printer with the spacing rules of amplify-codegen's code generator.

The types files' blank lines and odd spaces (`items?:  Array<...`) come from these rules: a
newline is never the first thing in the output, and "newline if needed" is skipped right after
a block opens.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["CodePrinter"]


class CodePrinter:
    def __init__(self, indent_width: int = 2) -> None:
        self.output = ""
        self.indent_width = indent_width
        self.indent_level = 0
        self.start_of_indent_level = False

    def print(self, text: str) -> None:
        self.output += text

    def newline(self) -> None:
        if self.output:
            self.output += "\n"
            self.start_of_indent_level = False

    def newline_if_needed(self) -> None:
        if not self.start_of_indent_level:
            self.newline()

    def on_newline(self, text: str) -> None:
        if text:
            self.newline()
            self.output += " " * (self.indent_level * self.indent_width) + text

    def within_block(
        self, body: Callable[[], None], opening: str = " {", closing: str = "}"
    ) -> None:
        self.print(opening)
        self.indent_level += 1
        self.start_of_indent_level = True
        body()
        self.indent_level -= 1
        self.on_newline(closing)

    def comment_lines(self, description: str | None, prefix: str = "// ") -> None:
        if description:
            for line in description.split("\n"):
                self.on_newline(f"{prefix}{line.strip()}")
