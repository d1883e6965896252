"""The helpers compiled templates call: Java method dispatch, properties, loops, operators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from resolvers import java_types as jt
from resolvers.errors import ResolverError

__all__ = ["RUNTIME", "ForeachScope", "MethodFailure", "Return", "Stop"]


class Stop(Exception):
    """`#stop` (or `#break` outside a loop): end the template, keep what was written."""


class Return(Exception):
    """`#return` / `#return($x)`: end the template with a value (AppSync extension)."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


class MethodFailure(Exception):
    """A method call that failed; the message names the method and its arguments."""


def _show(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value + '"'
    return jt.to_java_string(value)


_METHODS = jt.METHODS
_JAVA_TYPE_NAMES = {
    dict: "Map",
    list: "List",
    str: "String",
    int: "Integer",
    float: "Double",
    bool: "Boolean",
}


def _call(target: Any, name: str, args: tuple[Any, ...]) -> Any:
    try:
        table = _METHODS.get(type(target))
        if table is not None:
            method = table.get(name)
            return None if method is None else method(target, *args)
        if target is None or isinstance(target, dict | list) or name[0] == "_":
            return jt.call_method(target, name, args)
        bound = getattr(target, name, None)
        return None if bound is None else bound(*args)
    except (ResolverError, Stop, Return):
        raise
    except Exception as err:
        if isinstance(err, jt.ArgumentCountError) or (
            isinstance(err, TypeError) and not jt.takes_argument_count(target, name, args)
        ):
            return None  # Velocity finds no such method: null, the reference prints as written
        shown = ", ".join(_show(a) for a in args)
        owner = getattr(target, "vtl_name", None) or _JAVA_TYPE_NAMES.get(
            type(target), type(target).__name__
        )
        raise MethodFailure(f"{owner}.{name}({shown}) failed: {err}") from err


def _property(target: Any, name: str) -> Any:
    if type(target) is dict:
        return target.get(name)
    return jt.get_property(target, name)


def _index(target: Any, index: Any) -> Any:
    if target is None:
        return None
    if isinstance(target, dict):
        return target.get(index)
    if isinstance(target, list | str):
        if type(index) is not int:
            raise MethodFailure(f"index {_show(index)} is not an integer")
        return target[index] if -len(target) <= index < len(target) else None
    return jt.get_property(target, jt.to_java_string(index))


def _out(value: Any, literal: str) -> str:
    if value is None:
        return literal
    if type(value) is str:
        return value
    return jt.to_java_string(value)


def _set_property(target: Any, name: str, value: Any) -> None:
    if isinstance(target, dict):
        target[name] = value
    elif target is not None:
        setter = getattr(target, "set" + name[:1].upper() + name[1:], None)
        if callable(setter):
            setter(value)


def _cmp(op: str) -> Callable[[Any, Any], bool]:
    tests: dict[str, Callable[[int], bool]] = {
        "<": lambda c: c < 0,
        ">": lambda c: c > 0,
        "<=": lambda c: c <= 0,
        ">=": lambda c: c >= 0,
    }
    test = tests[op]

    def compare(left: Any, right: Any) -> bool:
        """Velocity 1.7 logs a comparison with null or a non-number and yields false."""
        try:
            return test(jt.java_compare(left, right))
        except jt.JavaMethodError:
            return False

    return compare


def _range(start: Any, end: Any) -> list[int] | None:
    """`[a..b]`, inclusive either way; Velocity 1.7 logs a non-integer end and yields null."""
    if type(start) is not int or type(end) is not int:
        return None
    step = 1 if end >= start else -1
    return list(range(start, end + step, step))


class ForeachScope:
    """`$foreach` inside `#foreach`: `count`, `index`, `hasNext` (property or method), ..."""

    __slots__ = ("_size", "index", "parent")

    vtl_name = "$foreach"

    def __init__(self, size: int, parent: Any) -> None:
        self._size = size
        self.index = 0
        self.parent = parent

    def hasNext(self) -> bool:
        return self.index + 1 < self._size

    def getCount(self) -> int:
        return self.index + 1

    def getIndex(self) -> int:
        return self.index

    def getFirst(self) -> bool:
        return self.index == 0

    def getLast(self) -> bool:
        return self.index + 1 >= self._size

    def getParent(self) -> Any:
        return self.parent

    def isFirst(self) -> bool:
        return self.getFirst()

    def isLast(self) -> bool:
        return self.getLast()

    @property
    def count(self) -> int:
        return self.index + 1

    @property
    def first(self) -> bool:
        return self.index == 0

    @property
    def last(self) -> bool:
        return self.index + 1 >= self._size


def _iterable(value: Any) -> list[Any]:
    """What `#foreach` walks: a list, a map's values (as Java Velocity does), or nothing."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    if isinstance(value, str | int | float | bool):
        return []
    try:
        return list(value)
    except TypeError:
        return []


#: Names the generated code uses (the compiler emits exactly these).
RUNTIME: dict[str, Any] = {
    "_tr": jt.truthy,
    "_t": jt.to_java_string,
    "_o": _out,
    "_p": _property,
    "_c": _call,
    "_i": _index,
    "_sp": _set_property,
    "_eq": jt.java_equals,
    "_add": jt.java_add,
    "_sub": jt.java_sub,
    "_mul": jt.java_mul,
    "_div": jt.java_div,
    "_mod": jt.java_mod,
    "_lt": _cmp("<"),
    "_gt": _cmp(">"),
    "_le": _cmp("<="),
    "_ge": _cmp(">="),
    "_rng": _range,
    "_it": _iterable,
    "_FE": ForeachScope,
    "_Stop": Stop,
    "_Return": Return,
    "_MISSING": object(),
}
