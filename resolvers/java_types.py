"""Java semantics for the plain Python values VTL sees: methods, printing, equality, arithmetic.

Values stay native (`dict`, `list`, `str`, `int`, `float`, `bool`, `None`) so data crosses
between templates, `$util` and data sources without conversion; the Java behaviour lives in
per-type method tables that the VTL runtime dispatches on.
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

__all__ = [
    "METHODS",
    "VOID",
    "ArgumentCountError",
    "Entry",
    "JavaMethodError",
    "call_method",
    "get_property",
    "java_add",
    "java_compare",
    "java_div",
    "java_equals",
    "java_mod",
    "java_mul",
    "java_regex",
    "java_replacement",
    "java_sub",
    "takes_argument_count",
    "to_java_string",
    "truthy",
]

Method = Callable[..., Any]

#: What a Java `void` method gives a template: Velocity prints nothing for it (unlike null).
VOID = ""


class JavaMethodError(Exception):
    """A Java method called with arguments it cannot take (the template author's mistake)."""


class ArgumentCountError(JavaMethodError):
    """No overload of a method takes this many arguments: Velocity finds no method at all."""


class Entry:
    """A `Map.Entry` from `entrySet()`: `$entry.key`, `$entry.value`, `getKey()`, `setValue()`."""

    __slots__ = ("_map", "key", "value")

    def __init__(self, mapping: dict[Any, Any], key: Any, value: Any) -> None:
        self._map = mapping
        self.key = key
        self.value = value

    def getKey(self) -> Any:
        return self.key

    def getValue(self) -> Any:
        return self.value

    def setValue(self, value: Any) -> Any:
        old = self.value
        self.value = value
        self._map[self.key] = value
        return old

    def __str__(self) -> str:
        return f"{to_java_string(self.key)}={to_java_string(self.value)}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and (self.key, self.value) == (other.key, other.value)

    def __hash__(self) -> int:
        return hash(self.key)


def truthy(value: Any) -> bool:
    """Velocity truthiness: only `null` and `false` are false (`""`, `0`, `[]`, `{}` are true)."""
    return value is not None and value is not False


# ---------------------------------------------------------------------------------- printing


def _java_double(value: float) -> str:
    """`Double.toString`: `1.0`, `0.001`, `1.0E7`, `1.5E-4`, `NaN`, `Infinity`."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    magnitude = abs(value)
    if 1e-3 <= magnitude < 1e7:
        text = repr(value)
        if "e" in text:  # repr never uses exponents in this range, kept for safety
            text = format(value, "f")
        return text if "." in text else text + ".0"
    _sign, digits, exponent = Decimal(repr(magnitude)).as_tuple()
    digit_text = "".join(map(str, digits)).rstrip("0") or "0"
    power = len(digits) - 1 + int(exponent)
    mantissa = digit_text[0] + "." + (digit_text[1:] or "0")
    return f"{'-' if value < 0 else ''}{mantissa}E{power}"


def to_java_string(value: Any) -> str:
    """What Java's `String.valueOf` prints: `true`, `null`, `{a=1, b=x}`, `[1, a]`, `1.0E10`."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    if kind is float:
        return _java_double(value)
    if isinstance(value, Mapping):
        return (
            "{"
            + ", ".join(f"{to_java_string(k)}={to_java_string(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list | tuple | set | frozenset):
        return "[" + ", ".join(to_java_string(v) for v in value) + "]"
    return str(value)


# -------------------------------------------------------------------------------- operators


def _is_number(value: Any) -> bool:
    kind = type(value)
    return kind is int or kind is float


def java_equals(left: Any, right: Any) -> bool:
    """Velocity `==`: numbers by value, same classes by `equals`, otherwise by `toString()`."""
    if left is None or right is None:
        return left is right
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    if type(left) is type(right) or (isinstance(left, dict) and isinstance(right, dict)):
        return bool(left == right)
    return to_java_string(left) == to_java_string(right)


def java_compare(left: Any, right: Any) -> int:
    """`<`/`>` operands: numbers, or two strings (`compareTo`); anything else is an error."""
    if _is_number(left) and _is_number(right):
        return (left > right) - (left < right)  # type: ignore[no-any-return]
    if isinstance(left, str) and isinstance(right, str):
        return (left > right) - (left < right)
    raise JavaMethodError(f"cannot compare {to_java_string(left)!r} with {to_java_string(right)!r}")


def java_add(left: Any, right: Any) -> Any:
    """`+`: string concatenation when either side is a string, else number addition."""
    if isinstance(left, str) or isinstance(right, str):
        return to_java_string(left) + to_java_string(right)
    if _is_number(left) and _is_number(right):
        return left + right
    return None


def java_sub(left: Any, right: Any) -> Any:
    return left - right if _is_number(left) and _is_number(right) else None


def java_mul(left: Any, right: Any) -> Any:
    return left * right if _is_number(left) and _is_number(right) else None


def java_div(left: Any, right: Any) -> Any:
    """`/`: integer division truncates toward zero (7/2 = 3, -7/2 = -3); `/0` is null."""
    if not (_is_number(left) and _is_number(right)) or right == 0:
        return None
    if type(left) is int and type(right) is int:
        quotient = abs(left) // abs(right)
        return quotient if (left < 0) == (right < 0) else -quotient
    return left / right


def java_mod(left: Any, right: Any) -> Any:
    """`%`: the sign follows the dividend, as in Java."""
    if not (_is_number(left) and _is_number(right)) or right == 0:
        return None
    if type(left) is int and type(right) is int:
        remainder = abs(left) % abs(right)
        return remainder if left >= 0 else -remainder
    return math.fmod(left, right)


# ----------------------------------------------------------------------------- Java regexes

_JAVA_GROUP_REF = re.compile(r"\\(.)|\$(\d+|\{\w+\})")


def java_regex(pattern: str) -> re.Pattern[str]:
    """Compile a `java.util.regex` pattern (the common subset is Python-compatible)."""
    return _compiled_regex(pattern)


_REGEX_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled_regex(pattern: str) -> re.Pattern[str]:
    compiled = _REGEX_CACHE.get(pattern)
    if compiled is None:
        translated = (
            pattern.replace("(?<", "(?P<").replace("(?P<=", "(?<=").replace("(?P<!", "(?<!")
        )
        compiled = _REGEX_CACHE[pattern] = re.compile(translated)
    return compiled


def java_replacement(replacement: str) -> Callable[[re.Match[str]], str]:
    """A Java replacement string (`$1`, `${name}`, `\\$`) as a Python `re.sub` callable."""

    def expand(match: re.Match[str]) -> str:
        def one(ref: re.Match[str]) -> str:
            if ref.group(1) is not None:
                return ref.group(1)
            name = ref.group(2).strip("{}")
            group = match.group(int(name) if name.isdigit() else name)
            return group or ""

        return _JAVA_GROUP_REF.sub(one, replacement)

    return expand


# ------------------------------------------------------------------------------- String


def _java_split(text: str, regex: str, limit: int = 0) -> list[str]:
    """`String.split`: no leading empty part for a zero-width match; trailing empties dropped
    when `limit` is 0."""
    if text == "":
        return [""]
    parts: list[str] = []
    position = 0
    for match in _compiled_regex(regex).finditer(text):
        if match.end() == 0:
            continue
        if limit > 0 and len(parts) == limit - 1:
            break
        parts.append(text[position : match.start()])
        position = match.end()
    parts.append(text[position:])
    if limit == 0:
        while len(parts) > 1 and parts[-1] == "":
            parts.pop()
        if parts == [""]:
            return []
    return parts


def _substring(text: str, begin: int, end: int | None = None) -> str:
    stop = len(text) if end is None else end
    if begin < 0 or stop > len(text) or begin > stop:
        raise JavaMethodError(f"begin {begin}, end {stop}, length {len(text)}")
    return text[begin:stop]


def _index_of(text: str, needle: Any, start: int = 0) -> int:
    return text.find(to_java_string(needle), max(start, 0))


def _char_at(text: str, index: int) -> str:
    if not 0 <= index < len(text):
        raise JavaMethodError(f"index {index} out of bounds for length {len(text)}")
    return text[index]


def _str_replace(text: str, target: Any, replacement: Any) -> str:
    return text.replace(to_java_string(target), to_java_string(replacement))


def _replace_all(text: str, regex: str, replacement: str) -> str:
    return _compiled_regex(regex).sub(java_replacement(replacement), text)


def _replace_first(text: str, regex: str, replacement: str) -> str:
    return _compiled_regex(regex).sub(java_replacement(replacement), text, count=1)


def _starts_with(text: str, prefix: str, offset: int = 0) -> bool:
    return text.startswith(prefix, offset)


def _compare_to(left: Any, right: Any) -> int:
    return java_compare(left, right)


STRING_METHODS: dict[str, Method] = {
    "length": len,
    "isEmpty": lambda s: s == "",
    "isBlank": lambda s: s.strip() == "",
    "contains": lambda s, x: to_java_string(x) in s,
    "startsWith": _starts_with,
    "endsWith": lambda s, x: s.endswith(x),
    "indexOf": _index_of,
    "lastIndexOf": lambda s, x: s.rfind(to_java_string(x)),
    "substring": _substring,
    "charAt": _char_at,
    "toLowerCase": str.lower,
    "toUpperCase": str.upper,
    "trim": lambda s: s.strip(" \t\n\r\x0b\x0c\x00"),
    "strip": str.strip,
    "replace": _str_replace,
    "replaceAll": _replace_all,
    "replaceFirst": _replace_first,
    "split": _java_split,
    "matches": lambda s, regex: _compiled_regex(regex).fullmatch(s) is not None,
    "equals": lambda s, x: s == x,
    "equalsIgnoreCase": lambda s, x: isinstance(x, str) and s.lower() == x.lower(),
    "concat": lambda s, x: s + x,
    "compareTo": _compare_to,
    "toString": lambda s: s,
    "hashCode": lambda s: _java_string_hash(s),
    "toCharArray": list,
    "chars": list,
}


def _java_string_hash(text: str) -> int:
    result = 0
    for char in text:
        result = (31 * result + ord(char)) & 0xFFFFFFFF
    return result - (1 << 32) if result >= 1 << 31 else result


# ---------------------------------------------------------------------------------- Map


def _map_put(mapping: dict[Any, Any], key: Any, value: Any) -> Any:
    old = mapping.get(key)
    mapping[key] = value
    return old


def _map_put_all(mapping: dict[Any, Any], other: Mapping[Any, Any] | None) -> str:
    if other is None:
        raise JavaMethodError("putAll(null)")
    mapping.update(other)
    return VOID


def _map_put_if_absent(mapping: dict[Any, Any], key: Any, value: Any) -> Any:
    old = mapping.get(key)
    if old is None:
        mapping[key] = value
    return old


def _map_entry_set(mapping: dict[Any, Any]) -> list[Entry]:
    return [Entry(mapping, k, v) for k, v in mapping.items()]


MAP_METHODS: dict[str, Method] = {
    "size": len,
    "isEmpty": lambda m: not m,
    "containsKey": lambda m, k: k in m,
    "containsValue": lambda m, v: any(java_equals(x, v) for x in m.values()),
    "keySet": list,
    "entrySet": _map_entry_set,
    "values": lambda m: list(m.values()),
    "get": lambda m, k: m.get(k),
    "getOrDefault": lambda m, k, d: m.get(k, d),
    "put": _map_put,
    "putAll": _map_put_all,
    "putIfAbsent": _map_put_if_absent,
    "remove": lambda m, k: m.pop(k, None),
    "clear": lambda m: m.clear() or VOID,
    "equals": lambda m, other: m == other,
    "toString": to_java_string,
}


# --------------------------------------------------------------------------------- List


def _list_add(items: list[Any], *args: Any) -> Any:
    if len(args) == 1:
        items.append(args[0])
        return True
    if len(args) == 2:
        items.insert(_check_index(items, args[0], inclusive=True), args[1])
        return VOID
    raise ArgumentCountError(f"add takes 1 or 2 arguments, got {len(args)}")


def _list_add_all(items: list[Any], *args: Any) -> bool:
    if len(args) not in (1, 2):
        raise ArgumentCountError(f"addAll takes 1 or 2 arguments, got {len(args)}")
    if len(args) == 1:
        if args[0] is None:
            raise JavaMethodError("addAll(null)")
        items.extend(args[0])
        return bool(args[0])
    index = _check_index(items, args[0], inclusive=True)
    items[index:index] = list(args[1])
    return bool(args[1])


def _check_index(items: list[Any], index: Any, *, inclusive: bool = False) -> int:
    if type(index) is not int or not 0 <= index < len(items) + (1 if inclusive else 0):
        raise JavaMethodError(f"Index {index} out of bounds for length {len(items)}")
    return index


def _list_get(items: list[Any], index: Any) -> Any:
    return items[_check_index(items, index)]


def _list_set(items: list[Any], index: Any, value: Any) -> Any:
    position = _check_index(items, index)
    old = items[position]
    items[position] = value
    return old


def _list_remove(items: list[Any], target: Any) -> Any:
    if type(target) is int:
        return items.pop(_check_index(items, target))
    for position, item in enumerate(items):
        if java_equals(item, target):
            del items[position]
            return True
    return False


def _list_index_of(items: list[Any], target: Any) -> int:
    for position, item in enumerate(items):
        if java_equals(item, target):
            return position
    return -1


def _list_last_index_of(items: list[Any], target: Any) -> int:
    for position in range(len(items) - 1, -1, -1):
        if java_equals(items[position], target):
            return position
    return -1


def _list_contains(items: Iterable[Any], target: Any) -> bool:
    return any(java_equals(item, target) for item in items)


def _list_sub_list(items: list[Any], start: int, end: int) -> list[Any]:
    if start < 0 or end > len(items) or start > end:
        raise JavaMethodError(f"subList({start}, {end}) of length {len(items)}")
    return items[start:end]


LIST_METHODS: dict[str, Method] = {
    "size": len,
    "isEmpty": lambda items: not items,
    "get": _list_get,
    "set": _list_set,
    "add": _list_add,
    "addAll": _list_add_all,
    "remove": _list_remove,
    "removeAll": lambda items, other: _remove_all(items, other),
    "contains": _list_contains,
    "containsAll": lambda items, other: all(_list_contains(items, x) for x in other),
    "indexOf": _list_index_of,
    "lastIndexOf": _list_last_index_of,
    "clear": lambda items: items.clear() or VOID,
    "subList": _list_sub_list,
    "equals": lambda items, other: items == other,
    "toString": to_java_string,
}


def _remove_all(items: list[Any], other: Iterable[Any]) -> bool:
    doomed = list(other)
    before = len(items)
    items[:] = [x for x in items if not _list_contains(doomed, x)]
    return len(items) != before


# ------------------------------------------------------------------------ numbers, booleans

NUMBER_METHODS: dict[str, Method] = {
    "intValue": lambda n: int(n),
    "longValue": lambda n: int(n),
    "doubleValue": lambda n: float(n),
    "floatValue": lambda n: float(n),
    "toString": to_java_string,
    "equals": lambda n, other: type(n) is type(other) and n == other,
    "compareTo": _compare_to,
}

BOOLEAN_METHODS: dict[str, Method] = {
    "booleanValue": lambda b: b,
    "toString": to_java_string,
    "equals": lambda b, other: b is other,
}

#: Java methods by exact Python type; `dict`/`list` subclasses fall back by `isinstance`.
METHODS: dict[type, dict[str, Method]] = {
    str: STRING_METHODS,
    dict: MAP_METHODS,
    list: LIST_METHODS,
    int: NUMBER_METHODS,
    float: NUMBER_METHODS,
    bool: BOOLEAN_METHODS,
}


def _methods_for(value: Any) -> dict[str, Method] | None:
    table = METHODS.get(type(value))
    if table is None:
        if isinstance(value, dict):
            return MAP_METHODS
        if isinstance(value, list):
            return LIST_METHODS
    return table


def call_method(target: Any, name: str, args: tuple[Any, ...]) -> Any:
    """`$target.name(args)`: a Java method on a native value or a method of a Python object.

    Unknown methods give null, as in Velocity (the reference then prints literally).

    :raises JavaMethodError: wrong arguments for a known method.
    """
    if target is None:
        return None
    table = _methods_for(target)
    if table is not None:
        method = table.get(name)
        if method is None:
            return None
        return method(target, *args)
    if name.startswith("_"):
        return None
    bound = getattr(target, name, None)
    if bound is None or not callable(bound):
        return None
    return bound(*args)


def takes_argument_count(target: Any, name: str, args: tuple[Any, ...]) -> bool:
    """Whether `$target.name(args)` names a method that takes this many arguments.

    Java Velocity picks a method by name and arguments; with none matching (wrong count) the
    call is null and the reference prints as written, rather than failing. Asked only after a
    call raised `TypeError`, to tell a wrong count from a failure inside the method.
    """
    table = _methods_for(target)
    if table is not None:
        function, call_args = table.get(name), (target, *args)
    else:
        function, call_args = getattr(target, name, None), args
    if not callable(function):
        return False
    try:
        inspect.signature(function).bind(*call_args)
    except TypeError:
        return False
    except ValueError:  # no signature to check: count it as taking them
        return True
    return True


def get_property(target: Any, name: str) -> Any:
    """`$target.name`: `Map.get`, else the Java getter (`getName()`/`isName()`), else attribute."""
    if isinstance(target, dict):
        return target.get(name)
    if target is None:
        return None
    table = _methods_for(target)
    if table is not None:
        suffix = name[:1].upper() + name[1:]
        getter = table.get("get" + suffix) or table.get("is" + suffix)
        return getter(target) if getter is not None else None
    if name.startswith("_"):
        return None
    value = getattr(target, name, None)
    if value is None:
        suffix = name[:1].upper() + name[1:]
        getter = getattr(target, "get" + suffix, None) or getattr(target, "is" + suffix, None)
        return getter() if callable(getter) else None
    if callable(value) and getattr(value, "__self__", None) is target:
        return value()
    return value
