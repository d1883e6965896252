"""Expression parsing, validation messages and evaluation, through Store.dispatch.

The expected messages were checked against DynamoDB Local 1.25.1 (AWS's emulator).
"""

from __future__ import annotations

from typing import Any

import pytest

from amplify_mock.simulators.dynamodb import (
    ConditionalCheckFailedException,
    Store,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.expressions import (
    Placeholders,
    compile_condition,
    evaluate,
    parse_condition,
)
from amplify_mock.simulators.dynamodb.expressions.nodes import And, Compare, Not, Or

KEY = {"id": {"S": "a"}, "r": {"N": "1"}}


@pytest.fixture
def msg(store: Store) -> Store:
    store.dispatch(
        "CreateTable",
        {
            "TableName": "Msg",
            "KeySchema": [
                {"AttributeName": "id", "KeyType": "HASH"},
                {"AttributeName": "r", "KeyType": "RANGE"},
            ],
            "AttributeDefinitions": [
                {"AttributeName": "id", "AttributeType": "S"},
                {"AttributeName": "r", "AttributeType": "N"},
            ],
            "BillingMode": "PAY_PER_REQUEST",
        },
    )
    store.dispatch(
        "PutItem",
        {
            "TableName": "Msg",
            "Item": {
                **KEY,
                "n": {"N": "5"},
                "s": {"S": "x"},
                "l": {"L": [{"N": "1"}, {"M": {"deep": {"S": "d"}}}]},
                "mm": {"M": {"k": {"N": "1"}}},
                "tags": {"SS": ["red", "blue"]},
            },
        },
    )
    return store


def _update(expression: str, values: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    params: dict[str, Any] = {"TableName": "Msg", "Key": KEY, "UpdateExpression": expression}
    if values:
        params["ExpressionAttributeValues"] = values
    params.update(extra)
    return params


ONE = {":v": {"N": "1"}}

INVALID = [
    (
        "syntax-eof",
        _update("SET n = :v", ONE, ConditionExpression="n >"),
        'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ">"',
    ),
    (
        "syntax-bad-char",
        _update("SET n = :v", ONE, ConditionExpression="n $ :v"),
        'Invalid ConditionExpression: Syntax error; token: "$", near: "n $ :v"',
    ),
    (
        "syntax-dangling-and",
        _update("SET n = :v", ONE, ConditionExpression="n = :v AND"),
        'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"',
    ),
    (
        "empty-in",
        _update("SET n = :v", ONE, ConditionExpression="n IN ()"),
        'Invalid ConditionExpression: Syntax error; token: ")", near: "()"',
    ),
    (
        "undefined-value",
        _update("SET n = :v", ONE, ConditionExpression="n = :u"),
        "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :u",
    ),
    (
        "undefined-name",
        _update("SET #a = :v", ONE),
        "Invalid UpdateExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #a",
    ),
    (
        "reserved-word",
        _update("SET status = :v", ONE),
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status",
    ),
    (
        "clause-twice",
        _update("SET n = :v SET s = :v", ONE),
        'Invalid UpdateExpression: The "SET" section can only be used once in an update '
        "expression;",
    ),
    (
        "overlap",
        _update("SET l[0] = :v, l[0].x = :v", ONE),
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [l, [0]], path two: [l, [0], x]",
    ),
    (
        "overlap-across-clauses",
        _update("SET n = :v REMOVE n", ONE),
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [n], path two: [n]",
    ),
    (
        "invalid-document-path",
        _update("SET nope.b = :v", ONE),
        "The document path provided in the update expression is invalid for update",
    ),
    (
        "key-attribute",
        _update("SET r = :v", ONE),
        "One or more parameter values were invalid: Cannot update attribute r. This attribute "
        "is part of the key",
    ),
    (
        "condition-function-in-update",
        _update("SET n = size(s)"),
        "Invalid UpdateExpression: The function is not allowed in an update expression; "
        "function: size",
    ),
    (
        "update-function-in-condition",
        _update("SET n = :v", ONE, ConditionExpression="if_not_exists(n, :v) = :v"),
        "Invalid ConditionExpression: The function is not allowed in a condition expression; "
        "function: if_not_exists",
    ),
    (
        "boolean-function-as-operand",
        _update("SET n = :v", ONE, ConditionExpression="attribute_exists(n) = :v"),
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: attribute_exists",
    ),
    (
        "unknown-function",
        _update("SET n = foo(s)"),
        "Invalid UpdateExpression: Invalid function name; function: foo",
    ),
    (
        "function-needs-path",
        _update("SET n = if_not_exists(:v, n)", ONE),
        "Invalid UpdateExpression: Operator or function requires a document path; operator or "
        "function: if_not_exists",
    ),
    (
        "empty-update",
        _update(""),
        "Invalid UpdateExpression: The expression can not be empty;",
    ),
    (
        "list-append-literal-type",
        _update("SET l = list_append(l, :v)", ONE),
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: list_append, operand type: N",
    ),
    (
        "plus-literal-type",
        _update("SET n = n + :v", {":v": {"S": "1"}}),
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: +, operand type: S",
    ),
    (
        "plus-attribute-type",
        _update("SET n = s + :v", ONE),
        "An operand in the update expression has an incorrect data type",
    ),
    (
        "plus-missing-attribute",
        _update("SET n = zz + :v", ONE),
        "The provided expression refers to an attribute that does not exist in the item",
    ),
    (
        "add-string",
        _update("ADD s :v", {":v": {"S": "1"}}),
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND",
    ),
    (
        "delete-number",
        _update("DELETE s :v", ONE),
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND",
    ),
    (
        "add-to-wrong-type",
        _update("ADD s :v", ONE),
        "An operand in the update expression has an incorrect data type",
    ),
    (
        "begins-with-number",
        _update("SET n = :v", ONE, ConditionExpression="begins_with(s, :v)"),
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator "
        "or function: begins_with, operand type: N",
    ),
    (
        "attribute-type-name",
        _update(
            "SET n = :v",
            {":v": {"N": "1"}, ":t": {"S": "Q"}},
            ConditionExpression="attribute_type(n, :t)",
        ),
        "Invalid ConditionExpression: Invalid attribute type name found; type: Q, valid types: "
        "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}",
    ),
    (
        "between-bounds",
        _update(
            "SET n = :v",
            {":v": {"N": "5"}, ":w": {"N": "1"}},
            ConditionExpression="n BETWEEN :v AND :w",
        ),
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound "
        "operand: AttributeValue: {N:1}",
    ),
    (
        "unused-name",
        _update("SET n = :v", ONE, ExpressionAttributeNames={"#q": "q"}),
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#q}",
    ),
    (
        "unused-value",
        _update("SET n = :v", {":v": {"N": "1"}, ":w": {"N": "2"}}),
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}",
    ),
    (
        "bad-value-key",
        _update("SET n = :v", {":v": {"N": "1"}, "w": {"N": "1"}}),
        'ExpressionAttributeValues contains invalid key: Syntax error; key: "w"',
    ),
    (
        "empty-names",
        _update("SET n = :v", ONE, ExpressionAttributeNames={}),
        "ExpressionAttributeNames must not be empty",
    ),
    (
        "return-values",
        _update("SET n = :v", ONE, ReturnValues="ALL_OLDX"),
        "Return values set to invalid value",
    ),
]


@pytest.mark.parametrize(
    ("params", "message"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID]
)
def test_expressions_invalid_update_item_message(
    msg: Store, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationException) as caught:
        msg.dispatch("UpdateItem", params)
    assert caught.value.message == message


def _get(msg: Store) -> dict[str, Any]:
    return dict(msg.dispatch("GetItem", {"TableName": "Msg", "Key": KEY})["Item"])


def test_expressions_set_evaluates_right_sides_before_assigning(msg: Store) -> None:
    msg.dispatch("UpdateItem", _update("SET n = s, s = n"))
    item = _get(msg)
    assert (item["n"], item["s"]) == ({"S": "x"}, {"N": "5"})


def test_expressions_set_list_index_past_end_appends(msg: Store) -> None:
    msg.dispatch("UpdateItem", _update("SET l[9] = :v", ONE))
    assert _get(msg)["l"]["L"][-1] == {"N": "1"}


def test_expressions_remove_list_indexes_use_original_positions(msg: Store) -> None:
    msg.dispatch(
        "UpdateItem", _update("SET l = :l", {":l": {"L": [{"N": str(i)} for i in range(5)]}})
    )
    msg.dispatch("UpdateItem", _update("REMOVE l[1], l[3]"))
    assert _get(msg)["l"] == {"L": [{"N": "0"}, {"N": "2"}, {"N": "4"}]}


def test_expressions_add_and_delete_sets(msg: Store) -> None:
    msg.dispatch("UpdateItem", _update("ADD tags :t", {":t": {"SS": ["red", "green"]}}))
    assert sorted(_get(msg)["tags"]["SS"]) == ["blue", "green", "red"]
    msg.dispatch("UpdateItem", _update("DELETE tags :t", {":t": {"SS": ["red", "green", "blue"]}}))
    assert "tags" not in _get(msg)


def test_expressions_arithmetic_keeps_38_digits(msg: Store) -> None:
    values = {":a": {"N": "0.1"}, ":b": {"N": "12345678901234567890123456789012345678"}}
    msg.dispatch("UpdateItem", _update("SET n = :a + :a, big = :b - :b", values))
    item = _get(msg)
    assert (item["n"], item["big"]) == ({"N": "0.2"}, {"N": "0"})
    with pytest.raises(ValidationException) as caught:
        msg.dispatch("UpdateItem", _update("SET n = :b + :a", values))
    assert caught.value.message == "Attempting to store more than 38 significant digits in a Number"


def test_expressions_nested_map_and_list_paths(msg: Store) -> None:
    msg.dispatch(
        "UpdateItem",
        _update(
            "SET mm.#k = mm.#k + :v, l[1].deep = :d",
            {":v": {"N": "1"}, ":d": {"S": "new"}},
            ExpressionAttributeNames={"#k": "k"},
        ),
    )
    item = _get(msg)
    assert item["mm"] == {"M": {"k": {"N": "2"}}}
    assert item["l"]["L"][1] == {"M": {"deep": {"S": "new"}}}


@pytest.mark.parametrize(
    ("condition", "values", "holds"),
    [
        ("size(tags) = :v", {":v": {"N": "2"}}, True),
        ("size(n) > :v", {":v": {"N": "0"}}, False),
        ("contains(tags, :v)", {":v": {"S": "red"}}, True),
        ("contains(s, :v)", {":v": {"S": "x"}}, True),
        ("contains(l, :v)", {":v": {"N": "1"}}, True),
        ("begins_with(l[1].deep, :v)", {":v": {"S": "d"}}, True),
        ("attribute_type(mm, :v)", {":v": {"S": "M"}}, True),
        ("n IN (:a, :v)", {":a": {"N": "4"}, ":v": {"N": "5"}}, True),
        ("NOT n BETWEEN :a AND :v", {":a": {"N": "1"}, ":v": {"N": "9"}}, False),
        ("nothere <> :v", {":v": {"N": "1"}}, True),
        ("nothere < :v", {":v": {"N": "1"}}, False),
        ("s < :v", {":v": {"N": "1"}}, False),
        ("n = :v OR n = :v AND s = :v", {":v": {"N": "5"}}, True),
    ],
    ids=[
        "size-set",
        "size-number",
        "contains-set",
        "contains-string",
        "contains-list",
        "begins-with-nested",
        "attribute-type",
        "in",
        "not-between",
        "missing-not-equal",
        "missing-less",
        "cross-type-less",
        "and-binds-tighter",
    ],
)
def test_expressions_condition_evaluation(
    msg: Store, condition: str, values: dict[str, Any], holds: bool
) -> None:
    params = {
        "TableName": "Msg",
        "Key": KEY,
        "ConditionExpression": condition,
        "ExpressionAttributeValues": values,
    }
    try:
        msg.dispatch("DeleteItem", params)
        deleted = True
    except ConditionalCheckFailedException:
        deleted = False
    assert deleted is holds


def test_expressions_precedence_not_and_or() -> None:
    found = Placeholders(names={}, values={":v": {"N": "1"}})
    tree = parse_condition("NOT a = :v AND b = :v OR c = :v", "ConditionExpression", found)
    assert isinstance(tree, Or)
    assert isinstance(tree.left, And)
    assert isinstance(tree.left.left, Not)
    assert isinstance(tree.right, Compare)


def test_expressions_projection_keeps_nesting(msg: Store) -> None:
    result = msg.dispatch(
        "GetItem",
        {"TableName": "Msg", "Key": KEY, "ProjectionExpression": "l[1].deep, mm.k, nope, s"},
    )
    assert result["Item"] == {
        "l": {"L": [{"M": {"deep": {"S": "d"}}}]},
        "mm": {"M": {"k": {"N": "1"}}},
        "s": {"S": "x"},
    }


def test_expressions_projection_overlapping_paths_message(msg: Store) -> None:
    params = {"TableName": "Msg", "Key": KEY, "ProjectionExpression": "mm, mm.k"}
    with pytest.raises(ValidationException) as caught:
        msg.dispatch("GetItem", params)
    assert caught.value.message == (
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [mm], path two: [mm, k]"
    )


_ITEMS: list[dict[str, Any]] = [
    {},
    {"n": {"N": "5"}, "s": {"S": "x"}},
    {"n": {"S": "5"}, "s": {"N": "1"}, "tags": {"SS": ["red"]}},
    {"n": {"N": "-1.5"}, "l": {"L": [{"N": "1"}]}, "mm": {"M": {"k": {"N": "2"}}}},
]

_COMPILED = [
    ("n < :v", {":v": {"N": "5"}}),
    ("n >= :v", {":v": {"N": "-1.5"}}),
    ("n <= :v", {":v": {"S": "5"}}),
    ("n = :v", {":v": {"N": "5.0"}}),
    ("n <> :v", {":v": {"N": "5"}}),
    ("nothere <> :v", {":v": {"N": "5"}}),
    (":v < n", {":v": {"N": "0"}}),
    ("mm.k > :v", {":v": {"N": "1"}}),
    ("size(l) = :v OR contains(tags, :t)", {":v": {"N": "1"}, ":t": {"S": "red"}}),
    ("NOT (n BETWEEN :a AND :b) AND attribute_exists(n)", {":a": {"N": "0"}, ":b": {"N": "9"}}),
    ("s IN (:a, :b)", {":a": {"S": "x"}, ":b": {"N": "1"}}),
]


@pytest.mark.parametrize(("source", "values"), _COMPILED, ids=[c[0] for c in _COMPILED])
def test_expressions_compiled_condition_matches_evaluate(
    source: str, values: dict[str, Any]
) -> None:
    found = Placeholders(names={}, values=values)
    tree = parse_condition(source, "FilterExpression", found)
    predicate = compile_condition(tree)
    for item in _ITEMS:
        assert predicate(item) is evaluate(tree, item, "FilterExpression"), item
