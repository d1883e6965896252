"""Attribute values: 38-digit numbers, canonical text, equality, sizes, key byte order."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from amplify_mock.simulators.dynamodb import ValidationException
from amplify_mock.simulators.dynamodb.values import (
    compare,
    encode_key,
    item_size,
    validate_item,
    validate_value,
    value_size,
    values_equal,
)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1.50", "1.5"),
        ("1e3", "1000"),
        ("-0.0012300", "-0.00123"),
        ("-0.000", "0"),
        ("007", "7"),
        ("1E-130", "0." + "0" * 129 + "1"),
        ("9" * 38, "9" * 38),
    ],
    ids=[
        "trailing-zero",
        "exponent",
        "negative-fraction",
        "negative-zero",
        "leading-zeros",
        "smallest",
        "38-digits",
    ],
)
def test_values_numbers_are_stored_canonically(text: str, canonical: str) -> None:
    assert validate_value({"N": text}) == {"N": canonical}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "A value provided cannot be converted into a number"),
        (" 1", "A value provided cannot be converted into a number"),
        ("1 ", "A value provided cannot be converted into a number"),
        ("1" * 39, "Attempting to store more than 38 significant digits in a Number"),
        (
            "1e126",
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range",
        ),
        (
            "1e-131",
            "Number underflow. Attempting to store a number with magnitude smaller than "
            "supported range",
        ),
    ],
    ids=["not-a-number", "leading-space", "trailing-space", "39-digits", "overflow", "underflow"],
)
def test_values_invalid_numbers_are_rejected(text: str, message: str) -> None:
    with pytest.raises(ValidationException) as caught:
        validate_value({"N": text})
    assert caught.value.message == message


def test_values_empty_set_is_rejected() -> None:
    with pytest.raises(ValidationException) as caught:
        validate_item({"s": {"SS": []}})
    assert caught.value.message == (
        "One or more parameter values were invalid: An string set  may not be empty"
    )


def test_values_duplicate_set_members_are_rejected() -> None:
    with pytest.raises(ValidationException) as caught:
        validate_item({"s": {"SS": ["a", "a"]}})
    assert caught.value.message == (
        "One or more parameter values were invalid: Input collection [a, a] contains duplicates"
    )


def test_values_two_types_in_one_value_are_rejected() -> None:
    with pytest.raises(ValidationException) as caught:
        validate_value({"S": "a", "N": "1"})
    assert caught.value.message == (
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes"
    )


def test_values_equality_is_by_number_value_and_set_membership() -> None:
    assert values_equal({"N": "1.0"}, {"N": "1"})
    assert values_equal({"SS": ["a", "b"]}, {"SS": ["b", "a"]})
    assert values_equal({"M": {"x": {"NS": ["1", "2"]}}}, {"M": {"x": {"NS": ["2", "1.00"]}}})
    assert not values_equal({"S": "1"}, {"N": "1"})
    assert not values_equal({"L": [{"N": "1"}, {"N": "2"}]}, {"L": [{"N": "2"}, {"N": "1"}]})


def test_values_compare_only_same_scalar_types() -> None:
    assert compare({"N": "10"}, {"N": "9"}) == 1
    assert compare({"S": "a"}, {"S": "b"}) == -1
    assert compare({"S": "1"}, {"N": "1"}) is None
    assert compare({"BOOL": True}, {"BOOL": True}) is None


def test_values_key_encoding_preserves_number_order() -> None:
    rng = random.Random(7)
    numbers = [Decimal(0), Decimal("-0.5"), Decimal("0.5"), Decimal("1e125"), Decimal("-1e125")]
    numbers += [
        Decimal(rng.randrange(-(10**6), 10**6)) / 10 ** rng.randrange(0, 8) for _ in range(400)
    ]
    numbers += [Decimal("1.2"), Decimal("1.23"), Decimal("-1.2"), Decimal("-1.23"), Decimal("12")]
    encoded = sorted(numbers, key=lambda d: encode_key(validate_value({"N": str(d)})))
    assert encoded == sorted(numbers)


def test_values_key_encoding_orders_strings_by_utf8_bytes() -> None:
    words = ["b", "a", "ab", "", "é", "z", "Z", "\u4e2d", "a\x00"]
    encoded = sorted(words, key=lambda w: encode_key({"S": w}))
    assert encoded == sorted(words, key=lambda w: w.encode())


def test_values_item_size_counts_names_and_values() -> None:
    item = {"id": {"S": "abc"}, "n": {"N": "123"}, "ok": {"BOOL": True}, "l": {"L": [{"S": "x"}]}}
    assert item_size(item) == (2 + 3) + (1 + 3) + (2 + 1) + (1 + 3 + 1 + 1)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("0", 1),
        ("1", 2),
        ("12", 2),
        ("123", 3),
        ("1.5", 3),
        ("0.001", 2),
        ("1000", 2),
        ("1E+100", 2),
        ("-1", 3),
        ("-123", 4),
        ("12345678901234567890123456789012345678", 20),
    ],
)
def test_values_number_size_is_dynamodbs(text: str, size: int) -> None:
    """Base-100 digit pairs aligned on the decimal point, an exponent byte, a sign byte when
    negative: measured against DynamoDB Local's 400 KB item limit."""
    assert value_size({"N": text}) == size


def test_values_1000_and_1e3_are_one_key() -> None:
    assert encode_key(validate_value({"N": "1000"})) == encode_key(validate_value({"N": "1E+3"}))
