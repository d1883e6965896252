"""DynamoDB's static checks of a condition's literal operands (before any item is read)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from amplify_mock.simulators.dynamodb.expressions.nodes import (
    And,
    Between,
    Compare,
    Condition,
    Function,
    Not,
    Operand,
    Or,
    Value,
)
from amplify_mock.simulators.dynamodb.values import TYPE_NAMES, compare

__all__ = ["Fail", "check_operands"]

#: Raises the expression kind's ValidationException with a detail message.
Fail = Callable[[str], NoReturn]


def check_operands(fail: Fail, root: Condition) -> None:
    """DynamoDB's static checks of literal operands, in the order the expression reads.

    Ordering comparisons and BETWEEN take S, N or B; BETWEEN bounds share a type and are in
    order; begins_with takes S or B; attribute_type takes one of the type names.
    """
    stack: list[Condition] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, And | Or):
            stack += [node.right, node.left]
        elif isinstance(node, Not):
            stack.append(node.operand)
        elif isinstance(node, Compare):
            if node.op not in ("=", "<>"):
                for side in (node.left, node.right):
                    _check_ordered(fail, node.op, side)
        elif isinstance(node, Between):
            for part in (node.operand, node.low, node.high):
                _check_ordered(fail, "BETWEEN", part)
            _check_bounds(fail, node)
        elif isinstance(node, Function):
            _check_function(fail, node)


def _check_ordered(fail: Fail, op: str, operand: Operand) -> None:
    if isinstance(operand, Value) and next(iter(operand.value)) not in ("S", "N", "B"):
        fail(
            "Incorrect operand type for operator or function; operator or function: "
            f"{op}, operand type: {next(iter(operand.value))}"
        )


def _check_bounds(fail: Fail, node: Between) -> None:
    low, high = node.low, node.high
    if not (isinstance(low, Value) and isinstance(high, Value)):
        return
    if next(iter(low.value)) != next(iter(high.value)):
        fail(
            "The BETWEEN operator requires same data type for lower and upper bounds; "
            f"lower bound operand: AttributeValue: {{{_show(low.value)}}}, "
            f"upper bound operand: AttributeValue: {{{_show(high.value)}}}"
        )
    if (compare(low.value, high.value) or 0) > 0:
        fail(
            "The BETWEEN operator requires upper bound to be greater than or equal to lower "
            f"bound; lower bound operand: AttributeValue: {{{_show(low.value)}}}, "
            f"upper bound operand: AttributeValue: {{{_show(high.value)}}}"
        )


def _check_function(fail: Fail, node: Function) -> None:
    if node.name == "begins_with":
        for arg in node.args:
            if isinstance(arg, Value) and next(iter(arg.value)) not in ("S", "B"):
                fail(
                    "Incorrect operand type for operator or function; operator or function: "
                    f"begins_with, operand type: {next(iter(arg.value))}"
                )
    elif node.name == "attribute_type":
        kind = node.args[1]
        if isinstance(kind, Value):
            shown = kind.value.get("S", next(iter(kind.value.values())))
            if "S" not in kind.value or kind.value["S"] not in TYPE_NAMES:
                fail(
                    f"Invalid attribute type name found; type: {shown}, valid types: "
                    "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}"
                )


def _show(value: Mapping[str, Any]) -> str:
    tag, raw = next(iter(value.items()))
    return f"{tag}:{raw}"
