"""The syntax tree of DynamoDB expressions (condition, key condition, update, projection)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "And",
    "Arithmetic",
    "Between",
    "Compare",
    "Condition",
    "Function",
    "In",
    "Not",
    "Operand",
    "Or",
    "Path",
    "UpdateExpression",
    "Value",
]


@dataclass(frozen=True)
class Path:
    """A document path with `#names` already resolved: `("a", 0, "b")` is `a[0].b`."""

    elements: tuple[str | int, ...]

    def __str__(self) -> str:
        return "[" + ", ".join(f"[{e}]" if isinstance(e, int) else e for e in self.elements) + "]"


@dataclass(frozen=True)
class Value:
    """A `:value` placeholder, resolved to its (validated) wire attribute value."""

    name: str
    value: dict[str, Any] = field(hash=False, compare=False)


@dataclass(frozen=True)
class Function:
    """A function call: `size(a)`, `begins_with(a, :p)`, `if_not_exists(a, :v)`, ..."""

    name: str
    args: tuple[Operand, ...]


@dataclass(frozen=True)
class Arithmetic:
    """`left + right` or `left - right` in an update's SET."""

    op: str
    left: Operand
    right: Operand


Operand = Path | Value | Function | Arithmetic


@dataclass(frozen=True)
class Compare:
    op: str  # = <> < <= > >=
    left: Operand
    right: Operand


@dataclass(frozen=True)
class Between:
    operand: Operand
    low: Operand
    high: Operand


@dataclass(frozen=True)
class In:
    operand: Operand
    options: tuple[Operand, ...]


@dataclass(frozen=True)
class And:
    left: Condition
    right: Condition


@dataclass(frozen=True)
class Or:
    left: Condition
    right: Condition


@dataclass(frozen=True)
class Not:
    operand: Condition


Condition = Compare | Between | In | And | Or | Not | Function


@dataclass(frozen=True)
class UpdateExpression:
    """The four clauses of an update expression, in the order DynamoDB applies them."""

    set: tuple[tuple[Path, Operand], ...] = ()
    remove: tuple[Path, ...] = ()
    add: tuple[tuple[Path, Value], ...] = ()
    delete: tuple[tuple[Path, Value], ...] = ()

    def paths(self) -> list[Path]:
        return (
            [p for p, _ in self.set]
            + list(self.remove)
            + [p for p, _ in self.add]
            + [p for p, _ in self.delete]
        )
