"""DynamoDB attribute values: validation, 38-digit numbers, comparison, size, key encoding.

Values stay in their wire form (`{"S": "x"}`, `{"N": "1.5"}`, `{"B": "<base64>"}`); numbers are
normalised on the way in the way DynamoDB returns them (`"1.50"` -> `"1.5"`, `"1e2"` -> `"100"`).
"""

from __future__ import annotations

import base64
import binascii
import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from amplify_mock.simulators.dynamodb.errors import ValidationException

__all__ = [
    "MAX_ITEM_SIZE",
    "MAX_NESTING",
    "SCALAR_KEY_TYPES",
    "TOO_DEEP",
    "TYPES",
    "TYPE_NAMES",
    "add_numbers",
    "binary_bytes",
    "check_number",
    "compare",
    "encode_key",
    "format_number",
    "item_size",
    "number",
    "parse_number",
    "type_of",
    "validate_item",
    "validate_value",
    "value_size",
    "values_equal",
]

#: The type names DynamoDB's error messages use (`operand type: STRING_SET`).
TYPE_NAMES = {
    "S": "STRING",
    "N": "NUMBER",
    "B": "BINARY",
    "BOOL": "BOOLEAN",
    "NULL": "NULL",
    "M": "MAP",
    "L": "LIST",
    "SS": "STRING_SET",
    "NS": "NUMBER_SET",
    "BS": "BINARY_SET",
}
TYPES = frozenset(TYPE_NAMES)
SCALAR_KEY_TYPES = frozenset({"S", "N", "B"})
MAX_ITEM_SIZE = 400 * 1024
_SET_NAMES = {"SS": "string", "NS": "number", "BS": "binary"}

#: Wide enough that arithmetic is exact; the 38-digit limit is then checked explicitly.
_CONTEXT = decimal.Context(prec=200, Emax=999999, Emin=-999999)


def type_of(value: Mapping[str, Any]) -> str:
    """The single type tag of a wire attribute value."""
    return next(iter(value))


def parse_number(text: Any) -> Decimal:
    """A DynamoDB number from its wire string, within DynamoDB's range and precision.

    :raises ValidationException: not a number, more than 38 significant digits, out of range.
    """
    if not isinstance(text, str):
        raise ValidationException("NUMBER_VALUE cannot be converted to String")
    value = None
    if text and text == text.strip() and "_" not in text:  # DynamoDB takes no padding
        try:
            value = _CONTEXT.create_decimal(text)
        except decimal.InvalidOperation:
            value = None
    if value is None or not value.is_finite():
        raise ValidationException("A value provided cannot be converted into a number")
    return check_number(value)


def check_number(value: Decimal) -> Decimal:
    """`value` if DynamoDB can store it.

    :raises ValidationException: more than 38 significant digits, or out of range.
    """
    if value.is_zero():
        return Decimal(0)
    value = value.normalize(_CONTEXT)
    if len(value.as_tuple().digits) > 38:
        raise ValidationException("Attempting to store more than 38 significant digits in a Number")
    exponent = value.adjusted()
    if exponent > 125:
        raise ValidationException(
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range"
        )
    if exponent < -130:
        raise ValidationException(
            "Number underflow. Attempting to store a number with magnitude smaller than "
            "supported range"
        )
    return value


def add_numbers(a: Decimal, b: Decimal, *, subtract: bool = False) -> Decimal:
    """`a + b` (or `a - b`) computed exactly, then checked against DynamoDB's limits.

    :raises ValidationException: the result needs more than 38 digits or is out of range.
    """
    total = _CONTEXT.subtract(a, b) if subtract else _CONTEXT.add(a, b)
    return check_number(total)


def format_number(value: Decimal) -> str:
    """DynamoDB's canonical text of a number: no exponent, no trailing zeros."""
    if value.is_zero():
        return "0"
    return format(value.normalize(_CONTEXT), "f")


def number(value: Mapping[str, Any]) -> Decimal:
    """The Decimal of an already validated `{"N": ...}` value."""
    return _CONTEXT.create_decimal(value["N"])


def binary_bytes(text: Any) -> bytes:
    """The bytes of a wire binary (base64 text).

    :raises SerializationException-like ValidationException: not base64.
    """
    if isinstance(text, bytes | bytearray):
        return bytes(text)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, TypeError, ValueError) as err:
        raise ValidationException(f"Invalid binary value: {text!r}") from err


#: Documents (M, L) nest at most this deep inside an attribute (DynamoDB's 32 levels).
MAX_NESTING = 31
TOO_DEEP = (
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
    "beyond supported limit"
)


def validate_value(value: Any, *, allow_empty_set: bool = False, depth: int = 0) -> dict[str, Any]:
    """A normalised copy of a wire attribute value.

    :raises ValidationException: wrong shape, bad number, empty or duplicated set, documents
        nested deeper than DynamoDB allows.
    """
    if not (type(value) is dict or isinstance(value, Mapping)) or not value:
        raise ValidationException(
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
        )
    if len(value) > 1:
        raise ValidationException(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one "
            "of the supported datatypes"
        )
    tag, raw = next(iter(value.items()))
    if tag not in TYPES:
        raise ValidationException(
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
        )
    if tag == "S":
        if not isinstance(raw, str):
            raise ValidationException("STRING_VALUE cannot be converted to String")
        return {"S": raw}
    if tag == "N":
        return {"N": format_number(parse_number(raw))}
    if tag == "B":
        if isinstance(raw, bytes | bytearray):
            return {"B": base64.b64encode(raw).decode()}
        binary_bytes(raw)
        return {"B": raw}
    if tag == "BOOL":
        if not isinstance(raw, bool):
            raise ValidationException("BOOLEAN_VALUE cannot be converted to Boolean")
        return {"BOOL": raw}
    if tag == "NULL":
        if raw is not True:
            raise ValidationException(
                "One or more parameter values were invalid: Null attribute value types must have "
                "the value of true"
            )
        return {"NULL": True}
    if tag in ("M", "L") and depth >= MAX_NESTING:
        raise ValidationException(TOO_DEEP)
    if tag == "M":
        if not (type(raw) is dict or isinstance(raw, Mapping)):
            raise ValidationException("Start of structure or map found where not expected")
        return {"M": {str(k): validate_value(v, depth=depth + 1) for k, v in raw.items()}}
    if tag == "L":
        if not isinstance(raw, list):
            raise ValidationException("Start of list found where not expected")
        return {"L": [validate_value(v, depth=depth + 1) for v in raw]}
    return {tag: _validate_set(tag, raw, allow_empty=allow_empty_set)}


def _validate_set(tag: str, raw: Any, *, allow_empty: bool) -> list[str]:
    if not isinstance(raw, list):
        raise ValidationException("Start of list found where not expected")
    if not raw and not allow_empty:
        raise ValidationException(
            f"One or more parameter values were invalid: An {_SET_NAMES[tag]} set  may not be empty"
        )
    members: list[str] = []
    seen: set[Any] = set()
    for element in raw:
        identity: Any
        if tag == "NS":
            parsed = parse_number(element)
            member, identity = format_number(parsed), parsed
        elif tag == "BS":
            data = binary_bytes(element)
            member = base64.b64encode(data).decode()
            identity = data
        else:
            if not isinstance(element, str):
                raise ValidationException("STRING_VALUE cannot be converted to String")
            member = identity = element
        if identity in seen:
            raise ValidationException(
                "One or more parameter values were invalid: Input collection "
                f"[{', '.join(str(e) for e in raw)}] contains duplicates"
            )
        seen.add(identity)
        members.append(member)
    return members


def validate_item(item: Any) -> dict[str, dict[str, Any]]:
    """A normalised copy of a whole item (attribute name -> value).

    :raises ValidationException: a bad value anywhere in it.
    """
    if not (type(item) is dict or isinstance(item, Mapping)):
        raise ValidationException("Start of structure or map found where not expected")
    return {str(name): validate_value(value) for name, value in item.items()}


def values_equal(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """DynamoDB equality: numbers by value, sets regardless of order, documents deeply."""
    if a is None or b is None:
        return a is b
    ta, tb = type_of(a), type_of(b)
    if ta != tb:
        return False
    va, vb = a[ta], b[tb]
    if ta == "N":
        return number(a) == number(b)
    if ta == "B":
        return binary_bytes(va) == binary_bytes(vb)
    if ta == "NS":
        return {Decimal(x) for x in va} == {Decimal(x) for x in vb}
    if ta == "BS":
        return {binary_bytes(x) for x in va} == {binary_bytes(x) for x in vb}
    if ta == "SS":
        return set(va) == set(vb)
    if ta == "M":
        return va.keys() == vb.keys() and all(values_equal(va[k], vb[k]) for k in va)
    if ta == "L":
        return len(va) == len(vb) and all(values_equal(x, y) for x, y in zip(va, vb, strict=True))
    return bool(va == vb)


def compare(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> int | None:
    """-1/0/1 for two values of the same ordered type (S, N, B); None when not comparable."""
    if a is None or b is None:
        return None
    ta, tb = type_of(a), type_of(b)
    if ta != tb or ta not in SCALAR_KEY_TYPES:
        return None
    if ta == "N":
        x: Any = number(a)
        y: Any = number(b)
    elif ta == "S":
        x, y = a["S"].encode(), b["S"].encode()
    else:
        x, y = binary_bytes(a["B"]), binary_bytes(b["B"])
    return int(x > y) - int(x < y)


def value_size(value: Mapping[str, Any]) -> int:
    """The bytes DynamoDB bills for a value (its documented sizing rules)."""
    tag = type_of(value)
    raw = value[tag]
    if tag == "S":
        return len(raw.encode())
    if tag == "N":
        return _number_size(raw)
    if tag == "B":
        return len(binary_bytes(raw))
    if tag in ("BOOL", "NULL"):
        return 1
    if tag == "SS":
        return sum(len(s.encode()) for s in raw)
    if tag == "NS":
        return sum(_number_size(n) for n in raw)
    if tag == "BS":
        return sum(len(binary_bytes(b)) for b in raw)
    if tag == "M":
        return 3 + sum(len(k.encode()) + value_size(v) + 1 for k, v in raw.items())
    return 3 + sum(value_size(v) + 1 for v in raw)


def _number_size(text: str) -> int:
    """DynamoDB stores a number as base-100 digit pairs aligned on the decimal point, plus an
    exponent byte, plus a byte when negative: `12` is 2 bytes, `1.5` and `123` are 3, `-1` is 3.
    """
    if "e" in text or "E" in text:  # not canonical: let Decimal place the point
        text = format_number(_CONTEXT.create_decimal(text))
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    digits = (whole + fraction).lstrip("0")
    significant = digits.rstrip("0")
    if not significant:
        return 1
    exponent = len(digits) - len(significant) - len(fraction)
    high = exponent + len(significant) - 1
    pairs = high // 2 - exponent // 2 + 1
    return 1 + pairs + int(negative)


def item_size(item: Mapping[str, Mapping[str, Any]]) -> int:
    """The size of an item: names plus values."""
    return sum(len(name.encode()) + value_size(value) for name, value in item.items())


def encode_key(value: Mapping[str, Any]) -> bytes:
    """An order-preserving byte encoding of a key value: memcmp order is DynamoDB's order.

    Strings sort by their UTF-8 bytes and binaries by their bytes, as DynamoDB sorts them;
    numbers get a sign byte, a biased exponent and their digits (inverted when negative).
    """
    tag = type_of(value)
    if tag == "S":
        return bytes(value["S"].encode())
    if tag == "B":
        return binary_bytes(value["B"])
    n = number(value)
    if n.is_zero():
        return b"\x02"
    sign, digits, _ = n.as_tuple()
    exponent = n.adjusted() + 130  # adjusted exponents span -130..125
    text = bytes(0x30 + d for d in digits).rstrip(b"0")
    if not sign:
        return b"\x03" + bytes([exponent]) + text
    return b"\x01" + bytes([255 - exponent]) + bytes(255 - c for c in text) + b"\xff"
