"""Source maps (version 3): where a line:column of a bundle came from in the files bundled."""

from __future__ import annotations

import base64
import binascii
import json
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["SourceMap"]

_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_DIGITS = {ch: i for i, ch in enumerate(_BASE64)}


@dataclass(frozen=True)
class SourceMap:
    """Per generated line, sorted `(generated column, source index, line, column)`, 0-based."""

    sources: tuple[Path, ...]
    lines: tuple[tuple[tuple[int, int, int, int], ...], ...]

    @classmethod
    def from_base64(cls, data: str, base: Path) -> SourceMap | None:
        """The map of an inline `sourceMappingURL=data:...;base64,<data>`, sources relative to
        `base`; None when it cannot be read."""
        try:
            document: Any = json.loads(base64.b64decode(data))
        except (binascii.Error, ValueError):
            return None
        if not isinstance(document, dict) or not isinstance(document.get("mappings"), str):
            return None
        sources = tuple(base / str(s) for s in document.get("sources") or ())
        return cls(sources, _decode(document["mappings"]))

    def original(self, line: int, column: int) -> tuple[Path, int, int] | None:
        """The source file, line and column (1-based) of generated `line:column` (1-based)."""
        if not 1 <= line <= len(self.lines):
            return None
        segments = self.lines[line - 1]
        if not segments:
            return None
        at = bisect_right([s[0] for s in segments], column - 1) - 1
        generated, source, source_line, source_column = segments[max(at, 0)]
        if not 0 <= source < len(self.sources):
            return None
        del generated
        return self.sources[source], source_line + 1, source_column + 1


def _decode(mappings: str) -> tuple[tuple[tuple[int, int, int, int], ...], ...]:
    out: list[tuple[tuple[int, int, int, int], ...]] = []
    source = source_line = source_column = 0
    for text in mappings.split(";"):
        generated = 0
        segments: list[tuple[int, int, int, int]] = []
        for segment in text.split(","):
            if not segment:
                continue
            values = _vlq(segment)
            generated += values[0]
            if len(values) >= 4:
                source += values[1]
                source_line += values[2]
                source_column += values[3]
                segments.append((generated, source, source_line, source_column))
        segments.sort()
        out.append(tuple(segments))
    return tuple(out)


def _vlq(segment: str) -> list[int]:
    values: list[int] = []
    value = shift = 0
    for ch in segment:
        digit = _DIGITS.get(ch)
        if digit is None:
            return values
        value += (digit & 31) << shift
        if digit & 32:
            shift += 5
            continue
        values.append(-(value >> 1) if value & 1 else value >> 1)
        value = shift = 0
    return values
