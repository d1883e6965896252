"""Evaluates condition trees against an item and applies projections."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from amplify_mock.simulators.dynamodb.errors import ValidationException
from amplify_mock.simulators.dynamodb.expressions.nodes import (
    And,
    Arithmetic,
    Between,
    Compare,
    Condition,
    Function,
    In,
    Not,
    Operand,
    Or,
    Path,
    Value,
)
from amplify_mock.simulators.dynamodb.values import (
    TYPES,
    binary_bytes,
    compare,
    number,
    type_of,
    values_equal,
)

__all__ = ["Predicate", "compile_condition", "evaluate", "project", "resolve_path"]

Item = Mapping[str, Mapping[str, Any]]


def resolve_path(item: Item, path: Path) -> dict[str, Any] | None:
    """The value at `path` in `item`, or None if any step is missing or of the wrong type."""
    first = path.elements[0]
    current: Any = item.get(first) if isinstance(first, str) else None
    for element in path.elements[1:]:
        if current is None:
            return None
        if isinstance(element, int):
            elements = current.get("L")
            if elements is None or element >= len(elements):
                return None
            current = elements[element]
        else:
            members = current.get("M")
            if members is None:
                return None
            current = members.get(element)
    return None if current is None else dict(current)


def _operand_type_error(kind: str, function: str, value: Mapping[str, Any]) -> ValidationException:
    return ValidationException(
        f"Invalid {kind}: Incorrect operand type for operator or function; "
        f"operator or function: {function}, operand type: {type_of(value)}"
    )


def operand_value(operand: Operand, item: Item, kind: str) -> dict[str, Any] | None:
    """The value an operand denotes against `item` (None when its path is missing)."""
    if isinstance(operand, Value):
        return operand.value
    if isinstance(operand, Path):
        return resolve_path(item, operand)
    if isinstance(operand, Function) and operand.name == "size":
        target = operand_value(operand.args[0], item, kind)
        if target is None:
            return None
        tag = type_of(target)
        raw = target[tag]
        if tag == "S":  # in UTF-16 code units, as DynamoDB counts (an emoji is 2)
            return {"N": str(len(raw.encode("utf-16-le")) // 2)}
        if tag == "B":
            return {"N": str(len(binary_bytes(raw)))}
        if tag in ("SS", "NS", "BS", "L", "M"):
            return {"N": str(len(raw))}
        return None
    if isinstance(operand, Arithmetic):  # pragma: no cover - the parser never puts it here
        raise ValidationException(f"Invalid {kind}: arithmetic is only allowed in SET")
    raise ValidationException(f"Invalid {kind}: unsupported operand {operand!r}")


def evaluate(condition: Condition, item: Item, kind: str = "ConditionExpression") -> bool:
    """Whether `item` (empty when absent) satisfies `condition`.

    :raises ValidationException: operand types DynamoDB rejects (e.g. `begins_with` on a number).
    """
    if isinstance(condition, And):
        return evaluate(condition.left, item, kind) and evaluate(condition.right, item, kind)
    if isinstance(condition, Or):
        return evaluate(condition.left, item, kind) or evaluate(condition.right, item, kind)
    if isinstance(condition, Not):
        return not evaluate(condition.operand, item, kind)
    if isinstance(condition, Compare):
        left = operand_value(condition.left, item, kind)
        right = operand_value(condition.right, item, kind)
        if condition.op == "=":
            return left is not None and right is not None and values_equal(left, right)
        if condition.op == "<>":  # true when either side is missing, even both
            return left is None or right is None or not values_equal(left, right)
        order = compare(left, right)
        if order is None:
            return False
        return {"<": order < 0, "<=": order <= 0, ">": order > 0, ">=": order >= 0}[condition.op]
    if isinstance(condition, Between):
        value = operand_value(condition.operand, item, kind)
        low = operand_value(condition.low, item, kind)
        high = operand_value(condition.high, item, kind)
        lower, upper = compare(low, value), compare(value, high)
        return lower is not None and upper is not None and lower <= 0 and upper <= 0
    if isinstance(condition, In):
        value = operand_value(condition.operand, item, kind)
        if value is None:
            return False
        return any(
            values_equal(value, operand_value(option, item, kind)) for option in condition.options
        )
    return _function(condition, item, kind)


def _function(function: Function, item: Item, kind: str) -> bool:
    name = function.name
    target = operand_value(function.args[0], item, kind)
    if name == "attribute_exists":
        return target is not None
    if name == "attribute_not_exists":
        return target is None
    argument = operand_value(function.args[1], item, kind)
    if name == "attribute_type":
        if argument is None or type_of(argument) != "S" or argument["S"] not in TYPES:
            shown = argument["S"] if argument and "S" in argument else argument
            raise ValidationException(
                f"Invalid {kind}: Invalid attribute type name found; type: {shown}, valid "
                "types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}"
            )
        return target is not None and type_of(target) == argument["S"]
    if argument is None or target is None:
        return False
    if name == "begins_with":
        arg_type = type_of(argument)
        if arg_type not in ("S", "B"):
            raise _operand_type_error(kind, "begins_with", argument)
        if type_of(target) != arg_type:
            return False
        if arg_type == "S":
            return bool(target["S"].startswith(argument["S"]))
        return binary_bytes(target["B"]).startswith(binary_bytes(argument["B"]))
    # contains
    target_type, arg_type = type_of(target), type_of(argument)
    if target_type == "S" and arg_type == "S":
        return argument["S"] in target["S"]
    if target_type == "B" and arg_type == "B":
        return binary_bytes(argument["B"]) in binary_bytes(target["B"])
    if target_type in ("SS", "NS", "BS") and arg_type == target_type[0]:
        return any(values_equal({arg_type: m}, argument) for m in target[target_type])
    if target_type == "L":
        return any(values_equal(element, argument) for element in target["L"])
    return False


def project(item: Item, paths: list[Path]) -> dict[str, Any]:
    """The parts of `item` named by `paths`, keeping their nesting (list elements in order)."""
    result: dict[str, Any] = {}
    for path in paths:
        value = resolve_path(item, path)
        if value is None:
            continue
        _insert(result, path.elements, copy.deepcopy(value))
    return _finish(result)


def _insert(container: dict[Any, Any], elements: tuple[str | int, ...], value: Any) -> None:
    head, *rest = elements
    if not rest:
        container[head] = value
        return
    child = container.setdefault(head, {"__partial__": "L" if isinstance(rest[0], int) else "M"})
    _insert(child, tuple(rest), value)


def _finish(container: dict[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in container.items():
        out[key] = _finish_value(value)
    return out


def _finish_value(value: Any) -> Any:
    kind = value.get("__partial__") if isinstance(value, dict) else None
    if kind is None:
        return value
    members = {k: _finish_value(v) for k, v in value.items() if k != "__partial__"}
    if kind == "L":
        return {"L": [members[k] for k in sorted(members)]}
    return {"M": members}


Predicate = Callable[[Item], bool]
_Getter = Callable[[Item], "Mapping[str, Any] | None"]

_ORDERED: dict[str, Callable[[int], bool]] = {
    "<": lambda order: order < 0,
    "<=": lambda order: order <= 0,
    ">": lambda order: order > 0,
    ">=": lambda order: order >= 0,
}


def compile_condition(condition: Condition, kind: str = "FilterExpression") -> Predicate:
    """`condition` as a closure with the same semantics as `evaluate`, for per-item loops
    (Query and Scan filters), so the tree is walked once instead of once per item."""
    if isinstance(condition, And):
        left, right = (
            compile_condition(condition.left, kind),
            compile_condition(condition.right, kind),
        )
        return lambda item: left(item) and right(item)
    if isinstance(condition, Or):
        left, right = (
            compile_condition(condition.left, kind),
            compile_condition(condition.right, kind),
        )
        return lambda item: left(item) or right(item)
    if isinstance(condition, Not):
        inner = compile_condition(condition.operand, kind)
        return lambda item: not inner(item)
    if isinstance(condition, Compare):
        get_left = _compile_operand(condition.left, kind)
        get_right = _compile_operand(condition.right, kind)
        if condition.op == "=":

            def equal(item: Item) -> bool:
                left, right = get_left(item), get_right(item)
                return left is not None and right is not None and values_equal(left, right)

            return equal
        if condition.op == "<>":

            def not_equal(item: Item) -> bool:
                left, right = get_left(item), get_right(item)
                return left is None or right is None or not values_equal(left, right)

            return not_equal
        test = _ORDERED[condition.op]
        right_operand = condition.right
        if isinstance(right_operand, Value) and type_of(right_operand.value) == "N":
            bound = number(right_operand.value)

            def against_number(item: Item) -> bool:
                left = get_left(item)
                if left is None or "N" not in left:
                    return False
                value = number(left)
                return test((value > bound) - (value < bound))

            return against_number

        def ordered(item: Item) -> bool:
            order = compare(get_left(item), get_right(item))
            return order is not None and test(order)

        return ordered
    return lambda item: evaluate(condition, item, kind)


def _compile_operand(operand: Operand, kind: str) -> _Getter:
    if isinstance(operand, Value):
        constant = operand.value
        return lambda _item: constant
    if isinstance(operand, Path) and len(operand.elements) == 1:
        name = operand.elements[0]
        if isinstance(name, str):
            return lambda item: item.get(name)
    return lambda item: operand_value(operand, item, kind)
