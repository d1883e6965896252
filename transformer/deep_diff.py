"""Structural differences between two JSON values, as npm `deep-diff` 1.0.2 reports them.

The migration sanity checks match on the exact shape of these records (kind, path, array
index), so the traversal order and the array handling follow deep-diff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["MISSING", "Diff", "deep_diff"]

MISSING: Any = object()


@dataclass
class Diff:
    """N (new), D (deleted), E (edited) or A (array change, with `index` and `item`)."""

    kind: str
    path: list[Any] = field(default_factory=list)
    lhs: Any = MISSING
    rhs: Any = MISSING
    index: int | None = None
    item: Diff | None = None


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def deep_diff(lhs: Any, rhs: Any) -> list[Diff]:
    changes: list[Diff] = []
    _diff(lhs, rhs, changes, [])
    return changes


def _diff(lhs: Any, rhs: Any, changes: list[Diff], path: list[Any]) -> None:
    if lhs is MISSING and rhs is not MISSING:
        changes.append(Diff("N", path, rhs=rhs))
    elif rhs is MISSING and lhs is not MISSING:
        changes.append(Diff("D", path, lhs=lhs))
    elif _type_of(lhs) != _type_of(rhs):
        changes.append(Diff("E", path, lhs=lhs, rhs=rhs))
    elif isinstance(lhs, list):
        i, j = len(rhs) - 1, len(lhs) - 1
        while i > j:
            changes.append(Diff("A", path, index=i, item=Diff("N", [], rhs=rhs[i])))
            i -= 1
        while j > i:
            changes.append(Diff("A", path, index=j, item=Diff("D", [], lhs=lhs[j])))
            j -= 1
        while i >= 0:
            _diff(lhs[i], rhs[i], changes, [*path, i])
            i -= 1
    elif isinstance(lhs, dict):
        for key, value in lhs.items():
            _diff(value, rhs.get(key, MISSING), changes, [*path, key])
        for key, value in rhs.items():
            if key not in lhs:
                _diff(MISSING, value, changes, [*path, key])
    elif lhs != rhs:
        changes.append(Diff("E", path, lhs=lhs, rhs=rhs))
