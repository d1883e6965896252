"""The root of every error the transformer raises."""

from __future__ import annotations

__all__ = ["TransformerError"]


class TransformerError(Exception):
    """A schema or directive the v1 transformer rejects, with its location when there is one.

    `str()` gives the message Amplify users know; `file`, `line` and `column` let callers
    print `file:line:col: message` without parsing the text.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def location(self) -> str:
        """`file:line:col` (as much of it as is known), or an empty string."""
        parts = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(parts)
