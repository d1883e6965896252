"""Mapping templates whose effect is known from their text alone, applied without rendering.

Every v2 pipeline starts with an inline *before* template that only puts constants into the
stash (`typeName`, `fieldName`, `tableName`, `metadata.apiId`...) and outputs `{}`; response
halves of slot functions are `$util.toJson({})`. Their output and stash changes are the same on
every request, so they are recognised once per template text and replayed (fresh copies of the
values each time). Any other template, and every template while a field log is recorded
(the log shows the rendered text), goes through the VTL engine.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

from resolvers.context import copy_value

__all__ = ["IDENTITY_AFTER", "ConstantEffect", "constant_effect"]

#: The v2 pipelines' after template: the last function's result, unchanged.
IDENTITY_AFTER = "$util.toJson($ctx.prev.result)"

#: A VTL string without interpolation or escapes, or a JSON literal of such strings/numbers.
_LITERAL = r'(?:"[^"$\\#]*"|\[\]|\{\}|\[(?:"[^"$\\#]*"(?:,"[^"$\\#]*")*)\]|-?\d+|true|false)'
_PUT = re.compile(
    r"\$util\.qr\(\$ctx\.stash((?:\.[A-Za-z_]\w*)?)\.put\(\"([^\"$\\#]*)\", (" + _LITERAL + r")\)\)"
)
#: `{}` printed by `$util.toJson` or as text (a `##` comment line prints nothing)
_OUTPUTS = ("$util.toJson({})", "{}")


@dataclass(frozen=True)
class ConstantEffect:
    """The stash puts (`(map under the stash or "", key, value)`) and the output `{}`."""

    puts: tuple[tuple[str, str, Any], ...]

    def apply(self, stash: dict[str, Any]) -> bool:
        """Put the values (fresh copies) into `stash`; False, with `stash` untouched, when a
        map the template writes into is not a map (then the engine renders it)."""
        maps = {key for key, value in stash.items() if isinstance(value, dict)}
        for target, key, value in self.puts:
            if not target:
                (maps.add if isinstance(value, dict) else maps.discard)(key)
            elif target not in maps:
                return False
        for target, key, value in self.puts:
            (stash[target] if target else stash)[key] = copy_value(value)
        return True


@functools.lru_cache(maxsize=4096)
def constant_effect(text: str) -> ConstantEffect | None:
    """The effect of a template made only of constant stash puts and comments, ending in
    `$util.toJson({})` or `{}`, or None for any other template."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("##")]
    if not lines or lines[-1] not in _OUTPUTS:
        return None
    puts: list[tuple[str, str, Any]] = []
    for line in lines[:-1]:
        match = _PUT.fullmatch(line)
        if match is None:
            return None
        puts.append((match.group(1)[1:], match.group(2), json.loads(match.group(3))))
    return ConstantEffect(tuple(puts))
