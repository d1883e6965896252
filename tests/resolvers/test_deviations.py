# ruff: noqa: E501  (templates read best on one line)
"""Where the Amplify simulator's JS engine (the oracle) and AppSync disagree, AppSync wins.

Each row: our output (AppSync / Java Velocity behaviour), what the JS engine printed for the same
template (recorded with `node render.js`, 2024-01-01 clock), and why AppSync's answer is the one
to keep. Only our output is asserted; the JS output documents the deviation.
"""

from __future__ import annotations

import pytest

from resolvers.vtl import render
from tests.resolvers.conftest import make_context

# (id, template, AppSync output, JS engine output, reason)
DEVIATIONS: list[tuple[str, str, str, str, str]] = [
    (
        "integer-division",
        "#set($x = 7 / 2)$x",
        "3",
        "3.5",
        "Java integer division; AppSync docs: 7/2 = 3",
    ),
    (
        "map-remove",
        '#set($m = {"a": 1, "b": 2})$util.qr($m.remove("a"))$util.toJson($m)',
        '{"b":2}',
        '{"a":1,"b":2}',
        "JavaMap.remove is a no-op in the simulator; the @versioned update templates rely on it removing expectedVersion",
    ),
    (
        "null-method-result",
        '#set($m = {})[$m.get("x")]',
        '[$m.get("x")]',
        "[null]",
        "Velocity renders a null reference as its literal text",
    ),
    (
        "put-new-key",
        '#set($m = {})$m.put("a", 1)',
        '$m.put("a", 1)',
        "1",
        "Map.put returns the previous value (null here), not the new one",
    ),
    ("list-add", "#set($l = [])$l.add(1)", "true", "1", "List.add returns boolean true"),
    (
        "foreach-map",
        '#set($m = {"a": 1, "b": 2})#foreach($v in $m)$v,#end',
        "1,2,",
        "undefined,[object Map],",
        "Velocity iterates a Map's values",
    ),
    (
        "print-map",
        '#set($m = {"a": 1})$m',
        "{a=1}",
        "{mapper=function map(value, hint) {...",
        "Java Map.toString",
    ),
    ("print-double", "#set($d = 10000000.0)$d", "1.0E7", "10000000", "Java Double.toString"),
    ("print-double-one", "#set($d = 1.0)$d", "1.0", "1", "Java Double.toString"),
    (
        "return-no-parens",
        "a#return",
        "a",
        "a#return",
        "#return without arguments ends the template (AppSync directive)",
    ),
    (
        "toS3ObjectJson",
        '$util.dynamodb.toS3ObjectJson("k", "b", "r")',
        '{"S":"{\\"s3\\":{\\"key\\":\\"k\\",\\"bucket\\":\\"b\\",\\"region\\":\\"r\\"}}"}',
        "Error: not implemented",
        "AppSync documents the S3 object helpers",
    ),
    (
        "xml-toJsonString",
        "$util.xml.toJsonString('<a>1</a>')",
        '{"a":"1"}',
        "$util.xml.toJsonString('<a>1</a>')",
        "the simulator has no $util.xml",
    ),
    (
        "string-literal-backslash-quote",
        r'$util.toJson("a\"b")',
        r'"a\\\"b"',
        r'"a\"b"',
        "Velocity 1.7 keeps backslashes in string literals (it unescapes only \\uXXXX), so JSON "
        "written inside a string literal stays valid JSON when printed",
    ),
    (
        "condition-expression-values",
        '$util.transform.toDynamoDBConditionExpression({"a": {"eq": 1}})',
        '{"expression":"#a = :a_eq","expressionNames":{"#a":"a"},"expressionValues":{":a_eq":{"N":"1"}}}',
        '{"expression":"#a = :a_eq","expressionNames":{"#a":"a"}}',
        "the generated templates putAll(expressionValues); without them every `condition:` argument fails",
    ),
    (
        "wrong-argument-count",
        "x $util.isNull() y",
        "x $util.isNull() y",
        "x true y",
        "Velocity finds no isNull() without an argument: the call is null and prints as written (JS calls isNull(undefined))",
    ),
]


@pytest.mark.parametrize(
    ("template", "appsync", "js_engine", "reason"),
    [row[1:] for row in DEVIATIONS],
    ids=[row[0] for row in DEVIATIONS],
)
def test_deviation_appsync_behaviour_wins(
    template: str, appsync: str, js_engine: str, reason: str
) -> None:
    assert render(template, make_context()).text == appsync
    assert appsync != js_engine, reason


def test_deviation_unauthorized_message_is_appsyncs() -> None:
    """The simulator's message is "Unauthorized"; AppSync names the field and type."""
    from resolvers.errors import ResolverError

    context = make_context(info={"fieldName": "createPost", "parentTypeName": "Mutation"})
    with pytest.raises(ResolverError) as caught:
        render("$util.unauthorized()", context)
    assert caught.value.message == "Not Authorized to access createPost on type Mutation"
