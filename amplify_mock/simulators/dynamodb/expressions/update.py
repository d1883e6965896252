"""Applies a parsed UpdateExpression to an item (SET, then REMOVE, ADD, DELETE)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from amplify_mock.simulators.dynamodb.errors import ItemValidationError, ValidationException
from amplify_mock.simulators.dynamodb.expressions.evaluator import operand_value, resolve_path
from amplify_mock.simulators.dynamodb.expressions.nodes import (
    Arithmetic,
    Function,
    Operand,
    Path,
    UpdateExpression,
)
from amplify_mock.simulators.dynamodb.values import (
    TYPE_NAMES,
    add_numbers,
    binary_bytes,
    format_number,
    number,
    type_of,
    values_equal,
)

__all__ = ["apply_update"]

_MISSING = "The provided expression refers to an attribute that does not exist in the item"
_BAD_TYPE = "An operand in the update expression has an incorrect data type"
_BAD_PATH = "The document path provided in the update expression is invalid for update"


def apply_update(
    update: UpdateExpression, item: Mapping[str, Any], key_names: tuple[str, ...]
) -> tuple[dict[str, Any], set[str]]:
    """The updated copy of `item` and the top-level attributes the update touched.

    :raises ValidationException: key attributes updated, missing operands, wrong types,
        invalid document paths, with DynamoDB's messages.
    """
    targets = {path.elements[0] for path in update.paths()}
    for name in key_names:  # reported in key schema order
        if name in targets:
            raise ItemValidationError(
                f"One or more parameter values were invalid: Cannot update attribute "
                f"{name}. This attribute is part of the key"
            )
    # Every nested target needs its parent (a map or list) before any operand is read.
    for path in update.paths():
        if len(path.elements) > 1:
            _check_parent(dict(item), path)
    # Right-hand sides see the item as it was before the update.
    values = [(path, _set_value(value, item)) for path, value in update.set]
    result = copy.deepcopy(dict(item))
    for path, value in values:
        _assign(result, path, value)
    for path in sorted(update.remove, key=lambda p: p.elements, reverse=True):
        _remove(result, path)
    for path, operand in update.add:
        _add(result, path, operand.value)
    for path, operand in update.delete:
        _delete(result, path, operand.value)
    touched = {str(p.elements[0]) for p, _ in (*update.set, *update.add)}
    # A REMOVE or DELETE that found nothing to take away touched nothing (UPDATED_* omit it).
    for path in (*update.remove, *(p for p, _ in update.delete)):
        name = str(path.elements[0])
        if item.get(name) != result.get(name):
            touched.add(name)
    return result, touched


def _set_value(operand: Operand, item: Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(operand, Arithmetic):
        left = _set_value(operand.left, item)
        right = _set_value(operand.right, item)
        if type_of(left) != "N" or type_of(right) != "N":
            raise ValidationException(_BAD_TYPE)
        total = add_numbers(number(left), number(right), subtract=operand.op == "-")
        return {"N": format_number(total)}
    if isinstance(operand, Function):
        if operand.name == "if_not_exists":
            first = operand.args[0]
            assert isinstance(first, Path)
            existing = resolve_path(item, first)
            return existing if existing is not None else _set_value(operand.args[1], item)
        # list_append
        first_list = _set_value(operand.args[0], item)
        second_list = _set_value(operand.args[1], item)
        for value in (first_list, second_list):
            if type_of(value) != "L":
                raise ValidationException(_BAD_TYPE)
        return {"L": first_list["L"] + second_list["L"]}
    found = operand_value(operand, item, "UpdateExpression")
    if found is None:
        raise ValidationException(_MISSING)
    return found


def _parent(item: dict[str, Any], path: Path, *, create: bool) -> Any:
    """The container (a dict of attributes or a wire M/L value) holding the last element."""
    container: Any = item
    for element in path.elements[:-1]:
        if container is item:
            child = item.get(element) if isinstance(element, str) else None
        elif isinstance(element, int):
            elements = container.get("L")
            child = elements[element] if elements is not None and element < len(elements) else None
        else:
            members = container.get("M")
            child = members.get(element) if members is not None else None
        if child is None:
            if create:
                raise ValidationException(_BAD_PATH)
            return None
        container = child
    return container


def _assign(item: dict[str, Any], path: Path, value: dict[str, Any]) -> None:
    parent = _parent(item, path, create=True)
    last = path.elements[-1]
    if parent is item:
        item[str(last)] = copy.deepcopy(value)
    elif isinstance(last, int):
        if "L" not in parent:
            raise ValidationException(_BAD_PATH)
        elements = parent["L"]
        if last < len(elements):
            elements[last] = copy.deepcopy(value)
        else:
            elements.append(copy.deepcopy(value))
    else:
        if "M" not in parent:
            raise ValidationException(_BAD_PATH)
        parent["M"][last] = copy.deepcopy(value)


def _check_parent(item: dict[str, Any], path: Path) -> Any:
    """The parent of `path`'s last element, which must exist and be a map (for a name) or a
    list (for an index).

    :raises ValidationException: "The document path provided ... is invalid for update".
    """
    parent = _parent(item, path, create=True)
    last = path.elements[-1]
    if parent is not item and ("L" if isinstance(last, int) else "M") not in parent:
        raise ValidationException(_BAD_PATH)
    return parent


def _remove(item: dict[str, Any], path: Path) -> None:
    parent = _check_parent(item, path)
    last = path.elements[-1]
    if parent is item:
        item.pop(str(last), None)
    elif isinstance(last, int):
        elements = parent.get("L")
        if elements is not None and last < len(elements):
            del elements[last]
    elif "M" in parent:
        parent["M"].pop(last, None)


def _add(item: dict[str, Any], path: Path, value: dict[str, Any]) -> None:
    kind = type_of(value)
    if kind not in ("N", "SS", "NS", "BS"):
        raise ValidationException(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            f"operator: ADD, operand type: {TYPE_NAMES[kind]}"
        )
    existing = resolve_path(item, path)
    if existing is None:
        _assign(item, path, value)
        return
    if type_of(existing) != kind:
        raise ValidationException(_BAD_TYPE)
    if kind == "N":
        total = add_numbers(number(existing), number(value))
        _assign(item, path, {"N": format_number(total)})
        return
    members = list(existing[kind])
    for member in value[kind]:
        if not any(values_equal({kind[0]: m}, {kind[0]: member}) for m in members):
            members.append(member)
    _assign(item, path, {kind: members})


def _delete(item: dict[str, Any], path: Path, value: dict[str, Any]) -> None:
    kind = type_of(value)
    if kind not in ("SS", "NS", "BS"):
        raise ValidationException(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            f"operator: DELETE, operand type: {TYPE_NAMES[kind]}"
        )
    existing = resolve_path(item, path)
    if existing is None:
        _check_parent(item, path)  # a nested path needs its parent, as for ADD
        return
    if type_of(existing) != kind:
        raise ValidationException(_BAD_TYPE)
    scalar = kind[0]
    if scalar == "B":
        removed_bytes = {binary_bytes(m) for m in value[kind]}
        members = [m for m in existing[kind] if binary_bytes(m) not in removed_bytes]
    else:
        members = [
            m
            for m in existing[kind]
            if not any(values_equal({scalar: m}, {scalar: r}) for r in value[kind])
        ]
    if members:
        _assign(item, path, {kind: members})
    else:
        _remove(item, path)
