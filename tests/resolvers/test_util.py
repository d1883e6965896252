# ruff: noqa: E501  (templates read best on one line)
"""Every `$util` / `$utils` method AppSync documents, one table row per behaviour.

The clock is frozen at 2024-01-01T00:00:00.000Z and `$util.autoId()` at a fixed UUID (conftest).
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from resolvers.errors import ResolverError, TemplateError
from resolvers.util.http import HttpUtil
from resolvers.vtl import render
from tests.resolvers.conftest import make_context

OWNER = {
    "sub": "s",
    "issuer": "https://cognito-idp.us-east-1.amazonaws.com/pool",
    "username": "alice",
    "claims": {"sub": "s"},
}
IAM = {
    "accountId": "1",
    "cognitoIdentityPoolId": "p",
    "username": "auth-user",
    "sourceIp": ["1.2.3.4"],
}
OIDC = {"sub": "s", "issuer": "https://oidc.example/", "claims": {"sub": "s"}}
LAMBDA = {"resolverContext": {"a": "b"}}

# (id, template, expected output; a compiled pattern must match the whole output)
CORE: list[tuple[str, str, str | re.Pattern[str]]] = [
    ("qr", '#set($m = {})$util.qr($m.put("a", 1))$m', "{a=1}"),
    ("quiet", "#set($l = [])$util.quiet($l.add(1))$l", "[1]"),
    ("utils-alias", '$utils.toJson("x")', '"x"'),
    (
        "toJson-map",
        '$util.toJson({"a": [1, true, null, 1.5], "b": "é"})',
        '{"a":[1,true,null,1.5],"b":"é"}',
    ),
    ("toJson-string", '$util.toJson("q\\"")', '"q\\\\\\""'),
    ("toJson-null", "$util.toJson($nothing)", "null"),
    ("parseJson", "#set($v = $util.parseJson('{\"a\": [1, 2]}'))$v.a.size()", "2"),
    ("parseJson-number", '#set($v = $util.parseJson("7"))#set($w = $v / 2)$w', "3"),
    # AppSync's lenient reader: an unquoted literal (a v2 owner claim) is a string, up to `:`
    ("parseJson-bare", '$util.isString($util.parseJson("u@example.com"))', "true"),
    ("parseJson-bare-owner", '$util.parseJson("6fd0-7e4a::u@example.com")', "6fd0-7e4a"),
    ("autoId", "$util.autoId()", "00000000-0000-4000-8000-000000000000"),
    ("autoUlid", "$util.autoUlid()", re.compile(r"01HK153X00[0-9A-HJKMNP-TV-Z]{16}")),
    ("autoKsuid", "$util.autoKsuid()", re.compile(r"[0-9A-Za-z]{27}")),
    ("escapeJavaScript", '$util.escapeJavaScript("a\'b/c")', "a\\'b\\/c"),
    ("escapeJavaScript-unicode", '$util.escapeJavaScript("é")', "\\u00E9"),
    ("urlEncode", '$util.urlEncode("a b&c=d/é~*")', "a+b%26c%3Dd%2F%C3%A9%7E*"),
    ("urlDecode", '$util.urlDecode("a+b%26c%3D%C3%A9")', "a b&c=é"),
    ("base64Encode", '$util.base64Encode("hé")', "aMOp"),
    ("base64Decode", '$util.base64Decode("aMOp")', "hé"),
    ("validate-true", '$util.validate(true, "never")ok', "ok"),
    ("isNull-null", "$util.isNull($nothing)", "true"),
    ("isNull-empty-string", '$util.isNull("")', "false"),
    ("isNullOrEmpty-empty", '$util.isNullOrEmpty("")', "true"),
    ("isNullOrEmpty-blank", '$util.isNullOrEmpty(" ")', "false"),
    ("isNullOrEmpty-empty-list", "$util.isNullOrEmpty([])", "true"),
    ("isNullOrBlank-blank", '$util.isNullOrBlank("  ")', "true"),
    ("isNullOrBlank-text", '$util.isNullOrBlank(" a ")', "false"),
    ("defaultIfNull-null", '$util.defaultIfNull($nothing, "d")', "d"),
    ("defaultIfNull-value", '$util.defaultIfNull("", "d")', ""),
    ("defaultIfNullOrEmpty", '$util.defaultIfNullOrEmpty("", "d")', "d"),
    ("defaultIfNullOrBlank", '$util.defaultIfNullOrBlank("  ", "d")', "d"),
    ("defaultIfNullOrBlank-value", '$util.defaultIfNullOrBlank("v", "d")', "v"),
    ("isString", '$util.isString("a") $util.isString(1)', "true false"),
    (
        "isNumber",
        '$util.isNumber(1) $util.isNumber(1.5) $util.isNumber("1") $util.isNumber(true)',
        "true true false false",
    ),
    ("isBoolean", '$util.isBoolean(false) $util.isBoolean("true")', "true false"),
    ("isList", "$util.isList([]) $util.isList({})", "true false"),
    ("isMap", "$util.isMap({}) $util.isMap([])", "true false"),
    (
        "typeOf",
        '$util.typeOf(1) $util.typeOf("a") $util.typeOf([]) $util.typeOf({}) $util.typeOf(true) $util.typeOf($nothing)',
        "Number String List Map Boolean Null",
    ),
    ("matches", '$util.matches("^a.c$", "abc") $util.matches("b", "abc")', "true false"),
    ("log-info", '$util.log.info("hello", 1)x', "x"),
    ("log-error", '$util.log.error("bad")x', "x"),
]

TIME: list[tuple[str, str, str | re.Pattern[str]]] = [
    ("nowISO8601", "$util.time.nowISO8601()", "2024-01-01T00:00:00.000Z"),
    ("nowEpochSeconds", "$util.time.nowEpochSeconds()", "1704067200"),
    ("nowEpochMilliSeconds", "$util.time.nowEpochMilliSeconds()", "1704067200000"),
    ("nowFormatted", '$util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ")', "2024-01-01 00:00:00+0000"),
    (
        "nowFormatted-zone",
        '$util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ", "Australia/Perth")',
        "2024-01-01 08:00:00+0800",
    ),
    (
        "nowFormatted-text-fields",
        "$util.time.nowFormatted(\"EEE, d MMM yyyy hh:mm a 'at' z\")",
        "Mon, 1 Jan 2024 12:00 AM at UTC",
    ),
    (
        "nowFormatted-long-names",
        '$util.time.nowFormatted("EEEE MMMM dd D", "America/New_York")',
        "Sunday December 31 365",
    ),
    (
        "nowFormatted-iso-offset",
        '$util.time.nowFormatted("yyyy-MM-dd\'T\'HH:mm:ss.SSSXXX", "Asia/Kolkata")',
        "2024-01-01T05:30:00.000+05:30",
    ),
    (
        "parseFormattedToEpochMilliSeconds",
        '$util.time.parseFormattedToEpochMilliSeconds("2018-02-01 17:21:05+0000", "yyyy-MM-dd HH:mm:ssZ")',
        "1517505665000",
    ),
    (
        "parseFormattedToEpochMilliSeconds-zone",
        '$util.time.parseFormattedToEpochMilliSeconds("2018-02-02 01:19:22", "yyyy-MM-dd HH:mm:ss", "Australia/Perth")',
        "1517505562000",
    ),
    (
        "parseISO8601ToEpochMilliSeconds",
        '$util.time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.180+08:00")',
        "1517476865180",
    ),
    (
        "epochMilliSecondsToSeconds",
        "$util.time.epochMilliSecondsToSeconds(1517943695750)",
        "1517943695",
    ),
    (
        "epochMilliSecondsToISO8601",
        "$util.time.epochMilliSecondsToISO8601(1517943695750)",
        "2018-02-06T19:01:35.750Z",
    ),
    (
        "epochMilliSecondsToFormatted",
        '$util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ")',
        "2018-02-06 19:01:35+0000",
    ),
    (
        "epochMilliSecondsToFormatted-zone",
        '$util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ", "Australia/Perth")',
        "2018-02-07 03:01:35+0800",
    ),
]

DYNAMODB: list[tuple[str, str, str | re.Pattern[str]]] = [
    (
        "toDynamoDB",
        '$util.toJson($util.dynamodb.toDynamoDB({"a": 1, "b": ["x", false], "c": null}))',
        '{"M":{"a":{"N":"1"},"b":{"L":[{"S":"x"},{"BOOL":false}]},"c":{"NULL":true}}}',
    ),
    ("toDynamoDBJson", '$util.dynamodb.toDynamoDBJson("x")', '{"S":"x"}'),
    ("toDynamoDBJson-double", "$util.dynamodb.toDynamoDBJson(1.5)", '{"N":"1.5"}'),
    ("toString", '$util.toJson($util.dynamodb.toString("x"))', '{"S":"x"}'),
    ("toStringJson", '$util.dynamodb.toStringJson("x")', '{"S":"x"}'),
    ("toStringSet", '$util.toJson($util.dynamodb.toStringSet(["a", "b"]))', '{"SS":["a","b"]}'),
    ("toStringSetJson", '$util.dynamodb.toStringSetJson(["a"])', '{"SS":["a"]}'),
    ("toNumber", "$util.toJson($util.dynamodb.toNumber(12))", '{"N":"12"}'),
    ("toNumberJson", "$util.dynamodb.toNumberJson(1.25)", '{"N":"1.25"}'),
    ("toNumberSet", "$util.toJson($util.dynamodb.toNumberSet([1, 2.5]))", '{"NS":["1","2.5"]}'),
    ("toNumberSetJson", "$util.dynamodb.toNumberSetJson([3])", '{"NS":["3"]}'),
    ("toBinary", '$util.toJson($util.dynamodb.toBinary("AQI="))', '{"B":"AQI="}'),
    ("toBinaryJson", '$util.dynamodb.toBinaryJson("AQI=")', '{"B":"AQI="}'),
    ("toBinarySet", '$util.toJson($util.dynamodb.toBinarySet(["AQI="]))', '{"BS":["AQI="]}'),
    ("toBinarySetJson", '$util.dynamodb.toBinarySetJson(["AQI="])', '{"BS":["AQI="]}'),
    ("toBoolean", "$util.toJson($util.dynamodb.toBoolean(true))", '{"BOOL":true}'),
    ("toBooleanJson", "$util.dynamodb.toBooleanJson(false)", '{"BOOL":false}'),
    ("toNull", "$util.toJson($util.dynamodb.toNull())", '{"NULL":null}'),
    ("toNullJson", "$util.dynamodb.toNullJson()", '{"NULL":null}'),
    ("toList", '$util.toJson($util.dynamodb.toList([1, "a"]))', '{"L":[{"N":"1"},{"S":"a"}]}'),
    ("toListJson", "$util.dynamodb.toListJson([])", '{"L":[]}'),
    ("toMap", '$util.toJson($util.dynamodb.toMap({"a": "b"}))', '{"M":{"a":{"S":"b"}}}'),
    ("toMapJson", '$util.dynamodb.toMapJson({"a": 1})', '{"M":{"a":{"N":"1"}}}'),
    ("toMapValues", '$util.toJson($util.dynamodb.toMapValues({"a": "b"}))', '{"a":{"S":"b"}}'),
    ("toMapValuesJson", '$util.dynamodb.toMapValuesJson({"a": true})', '{"a":{"BOOL":true}}'),
    (
        "toS3Object",
        '$util.toJson($util.dynamodb.toS3Object("k", "b", "r"))',
        '{"S":"{\\"s3\\":{\\"key\\":\\"k\\",\\"bucket\\":\\"b\\",\\"region\\":\\"r\\"}}"}',
    ),
    (
        "toS3ObjectJson-version",
        '$util.dynamodb.toS3ObjectJson("k", "b", "r", "v1")',
        '{"S":"{\\"s3\\":{\\"key\\":\\"k\\",\\"bucket\\":\\"b\\",\\"region\\":\\"r\\",\\"version\\":\\"v1\\"}}"}',
    ),
    (
        "fromS3ObjectJson",
        """#set($o = $util.dynamodb.fromS3ObjectJson('{"s3":{"key":"k","bucket":"b","region":"r"}}'))$o.key $o.bucket $o.region""",
        "k b r",
    ),
]

NAMESPACES: list[tuple[str, str, str | re.Pattern[str]]] = [
    ("str-toUpper", '$util.str.toUpper("abé")', "ABÉ"),
    ("str-toLower", '$util.str.toLower("ABC")', "abc"),
    ("str-toReplace", '$util.str.toReplace("a.b.c", ".", "-")', "a-b-c"),
    ("str-normalize", '$util.str.normalize("e\u0301", "nfc")', "é"),
    ("list-copyAndRetainAll", "$util.list.copyAndRetainAll([1, 2, 3], [3, 1])", "[1, 3]"),
    ("list-copyAndRemoveAll", '$util.list.copyAndRemoveAll(["a", "b"], ["a"])', "[b]"),
    ("list-sortList-strings", '$util.list.sortList(["b", "c", "a"], false, "")', "[a, b, c]"),
    ("list-sortList-desc", '$util.list.sortList([1, 3, 2], true, "")', "[3, 2, 1]"),
    (
        "list-sortList-maps",
        '$util.list.sortList([{"n": 2}, {"n": 1}], false, "n")',
        "[{n=1}, {n=2}]",
    ),
    ("list-sortList-mixed-unchanged", '$util.list.sortList([2, "a"], false, "")', "[2, a]"),
    (
        "map-copyAndRetainAllKeys",
        '$util.map.copyAndRetainAllKeys({"a": 1, "b": 2}, ["b"])',
        "{b=2}",
    ),
    (
        "map-copyAndRemoveAllKeys",
        '$util.map.copyAndRemoveAllKeys({"a": 1, "b": 2}, ["b"])',
        "{a=1}",
    ),
    (
        "math-roundNum",
        "$util.math.roundNum(2.5) $util.math.roundNum(-2.5) $util.math.roundNum(1.4)",
        "3 -2 1",
    ),
    ("math-minVal", "$util.math.minVal(1, 2.5)", "1.0"),
    ("math-maxVal", "$util.math.maxVal(1, 2.5)", "2.5"),
    ("math-randomDouble", "#set($r = $util.math.randomDouble())#if($r >= 0 && $r < 1)ok#end", "ok"),
    (
        "math-randomWithinRange",
        "#set($r = $util.math.randomWithinRange(3, 5))#if($r >= 3 && $r <= 5)ok#end",
        "ok",
    ),
    (
        "rds-toJsonString",
        """$util.rds.toJsonString('{"sqlStatementResults":[{"records":[[{"stringValue":"a"},{"longValue":1},{"isNull":true}]],"columnMetadata":[{"name":"n"},{"name":"v"},{"name":"z"}]}]}')""",
        '[[{"n":"a","v":1,"z":null}]]',
    ),
    (
        "rds-toJsonObject",
        """#set($rows = $util.rds.toJsonObject('{"sqlStatementResults":[{"records":[[{"longValue":7}]],"columnMetadata":[{"name":"id"}]}]}'))$rows[0][0].id""",
        "7",
    ),
    (
        "xml-toMap",
        """#set($m = $util.xml.toMap('<a><b>1</b><b>2</b><c x="y">t</c></a>'))$m.a.b $m.a.c.x $m.a.c.content""",
        "[1, 2] y t",
    ),
    ("xml-toJsonString", '$util.xml.toJsonString("<a><b>1</b></a>")', '{"a":{"b":"1"}}'),
    (
        "http-copyHeaders",
        '$util.http.copyHeaders({"Authorization": "t", "x-custom": "1", "Host": "h"})',
        "{x-custom=1}",
    ),
    ("http-addResponseHeader", '$util.http.addResponseHeader("x-a", 1)ok', "ok"),
    ("http-addResponseHeaders", '$util.http.addResponseHeaders({"x-a": "1"})ok', "ok"),
]

TRANSFORM: list[tuple[str, str, str | re.Pattern[str]]] = [
    (
        "toDynamoDBFilterExpression",
        '$util.transform.toDynamoDBFilterExpression({"title": {"contains": "Hello World"}})',
        '{"expression":"contains(#title, :title_contains)","expressionNames":{"#title":"title"},"expressionValues":{":title_contains":{"S":"Hello World"}}}',
    ),
    (
        "toDynamoDBFilterExpression-and-or-not",
        '$util.transform.toDynamoDBFilterExpression({"a": {"eq": 1}, "or": [{"b": {"gt": 2}}, {"c": {"beginsWith": "x"}}], "not": {"d": {"ne": true}}})',
        '{"expression":"#a = :a_eq AND (#b > :or_0_b_gt OR begins_with(#c, :or_1_c_beginsWith)) AND NOT #d <> :not_d_ne","expressionNames":{"#a":"a","#b":"b","#c":"c","#d":"d"},"expressionValues":{":a_eq":{"N":"1"},":or_0_b_gt":{"N":"2"},":or_1_c_beginsWith":{"S":"x"},":not_d_ne":{"BOOL":true}}}',
    ),
    (
        "toDynamoDBFilterExpression-between-notContains",
        '$util.transform.toDynamoDBFilterExpression({"n": {"between": [1, 5], "notContains": "z"}})',
        '{"expression":"(#n BETWEEN :n_between_1 AND :n_between_2 AND NOT contains(#n, :n_notContains))","expressionNames":{"#n":"n"},"expressionValues":{":n_between_1":{"N":"1"},":n_between_2":{"N":"5"},":n_notContains":{"S":"z"}}}',
    ),
    (
        "toDynamoDBFilterExpression-attributeType",
        '$util.transform.toDynamoDBFilterExpression({"t": {"attributeType": "S"}})',
        '{"expression":"attribute_type(#t, :t_attributeType)","expressionNames":{"#t":"t"},"expressionValues":{":t_attributeType":{"S":"S"}}}',
    ),
    (
        "toDynamoDBConditionExpression-keeps-values",
        '$util.transform.toDynamoDBConditionExpression({"version": {"eq": 2}, "owner": {"attributeExists": true}})',
        '{"expression":"#version = :version_eq AND attribute_exists(#owner)","expressionNames":{"#version":"version","#owner":"owner"},"expressionValues":{":version_eq":{"N":"2"}}}',
    ),
    (
        "toSubscriptionFilter",
        '$util.toJson($util.transform.toSubscriptionFilter({"owner": {"eq": "alice"}, "ignored": {"eq": 1}}, ["ignored"]))',
        '{"filterGroup":[{"filters":[{"fieldName":"owner","operator":"eq","value":"alice"}]}]}',
    ),
    (
        "toSubscriptionFilter-or-groups",
        '$util.toJson($util.transform.toSubscriptionFilter({"a": {"eq": 1}, "or": [{"b": {"gt": 2}}, {"c": {"in": ["x"]}}]}))',
        '{"filterGroup":[{"filters":[{"fieldName":"a","operator":"eq","value":1},{"fieldName":"b","operator":"gt","value":2}]},{"filters":[{"fieldName":"a","operator":"eq","value":1},{"fieldName":"c","operator":"in","value":["x"]}]}]}',
    ),
    (
        # the v2 auth slot's {"and": [{"or": <owner rules>}, <caller's filter>]}: every pair
        "toSubscriptionFilter-and-of-ors",
        '$util.toJson($util.transform.toSubscriptionFilter({"and": [{"or": [{"o": {"eq": "u"}}, {"r": {"contains": "u"}}]}, {"or": [{"p": {"gt": 5}}, {"s": {"gt": 5}}]}]}))',
        '{"filterGroup":[{"filters":[{"fieldName":"o","operator":"eq","value":"u"},{"fieldName":"p","operator":"gt","value":5}]},{"filters":[{"fieldName":"o","operator":"eq","value":"u"},{"fieldName":"s","operator":"gt","value":5}]},{"filters":[{"fieldName":"r","operator":"contains","value":"u"},{"fieldName":"p","operator":"gt","value":5}]},{"filters":[{"fieldName":"r","operator":"contains","value":"u"},{"fieldName":"s","operator":"gt","value":5}]}]}',
    ),
]

ALL = CORE + TIME + DYNAMODB + NAMESPACES + TRANSFORM


@pytest.mark.parametrize(("template", "expected"), [r[1:] for r in ALL], ids=[r[0] for r in ALL])
def test_util_method(template: str, expected: str | re.Pattern[str]) -> None:
    text = render(template, make_context()).text
    if isinstance(expected, re.Pattern):
        assert expected.fullmatch(text), text
    else:
        assert text == expected


AUTH_TYPES = [
    ("api-key", None, "API Key Authorization"),
    ("user-pools", OWNER, "User Pool Authorization"),
    ("iam", IAM, "IAM Authorization"),
    ("oidc", OIDC, "Open ID Connect Authorization"),
    ("lambda", LAMBDA, "Lambda Authorization"),
]


@pytest.mark.parametrize(
    ("identity", "expected"), [r[1:] for r in AUTH_TYPES], ids=[r[0] for r in AUTH_TYPES]
)
def test_util_auth_type(identity: dict[str, Any] | None, expected: str) -> None:
    assert render("$util.authType()", make_context(identity=identity)).text == expected


RAISES: list[tuple[str, str, str, str | None, Any]] = [
    ("error", '$util.error("boom")', "boom", None, None),
    (
        "error-type-data",
        '$util.error("boom", "Custom", {"a": 1}, {"i": 2})',
        "boom",
        "Custom",
        {"a": 1},
    ),
    (
        "unauthorized",
        "$util.unauthorized()",
        "Not Authorized to access getTodo on type Query",
        "Unauthorized",
        None,
    ),
    (
        "validate-false",
        '$util.validate(false, "bad input", "ValidationError")',
        "bad input",
        "ValidationError",
        None,
    ),
    (
        "filter-between-not-a-pair",
        '$util.transform.toDynamoDBFilterExpression({"title": {"between": ["test"]}})',
        "'between' takes a list of two values, got [\"test\"]",
        "Unrecognized Filter",
        None,
    ),
    (
        "filter-unknown-operator",
        '$util.transform.toDynamoDBFilterExpression({"title": {"like": "x"}})',
        "unsupported filter operator 'like'",
        "Unrecognized Filter",
        None,
    ),
]


@pytest.mark.parametrize(
    ("template", "message", "error_type", "data"),
    [r[1:] for r in RAISES],
    ids=[r[0] for r in RAISES],
)
def test_util_raises_field_error(
    template: str, message: str, error_type: str | None, data: Any
) -> None:
    context = make_context(info={"fieldName": "getTodo", "parentTypeName": "Query"})
    with pytest.raises(ResolverError) as caught:
        render(template, context)
    assert (caught.value.message, caught.value.error_type, caught.value.data) == (
        message,
        error_type,
        data,
    )


def test_util_error_info_kept() -> None:
    with pytest.raises(ResolverError) as caught:
        render('$util.error("m", "T", null, {"k": "v"})', make_context())
    assert caught.value.error_info == {"k": "v"}


def test_util_append_error_keeps_rendering() -> None:
    result = render(
        '$util.appendError("one", "T1", {"d": 1})$util.appendError("two")done', make_context()
    )
    assert result.text == "done"
    assert [(e.message, e.error_type, e.data) for e in result.errors] == [
        ("one", "T1", {"d": 1}),
        ("two", None, None),
    ]


BAD_CALLS = [
    (
        "parseJson",
        '$util.parseJson("{")',
        't.vtl:1:1: $util.parseJson("{") failed: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
    ),
    (
        "time-zone",
        '$util.time.nowFormatted("yyyy", "Nowhere/City")',
        't.vtl:1:1: $util.time.nowFormatted("yyyy", "Nowhere/City") failed: unknown time zone \'Nowhere/City\'',
    ),
    (
        "time-pattern",
        '$util.time.nowFormatted("yyyy-qq")',
        "t.vtl:1:1: $util.time.nowFormatted(\"yyyy-qq\") failed: Illegal pattern character 'q'",
    ),
    (
        "time-parse",
        '$util.time.parseFormattedToEpochMilliSeconds("nope", "yyyy-MM-dd")',
        't.vtl:1:1: $util.time.parseFormattedToEpochMilliSeconds("nope", "yyyy-MM-dd") failed: Unparseable date: "nope"',
    ),
    (
        "toNumber",
        '$util.dynamodb.toNumber("x")',
        't.vtl:1:1: $util.dynamodb.toNumber("x") failed: expected a number, got x',
    ),
    (
        "normalize",
        '$util.str.normalize("a", "nfx")',
        't.vtl:1:1: $util.str.normalize("a", "nfx") failed: unknown normalization form \'nfx\' (nfc, nfd, nfkc, nfkd)',
    ),
    (
        "xml",
        '$util.xml.toMap("<a>")',
        't.vtl:1:1: $util.xml.toMap("<a>") failed: not well-formed XML: no element found: line 1, column 3',
    ),
]


@pytest.mark.parametrize(
    ("template", "message"), [r[1:] for r in BAD_CALLS], ids=[r[0] for r in BAD_CALLS]
)
def test_util_bad_call_names_method_and_arguments(template: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render(template, make_context(), file_name="t.vtl")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("a $util.isNull() b", "a $util.isNull() b"),
        (
            '$util.toJson(1, 2)|$!util.toJson(1, 2)|$util.time.nowISO8601("x")',
            '$util.toJson(1, 2)||$util.time.nowISO8601("x")',
        ),
        ("$util.qr()$util.quiet(1, 2)", "$util.qr()$util.quiet(1, 2)"),
        ("#if($util.isNull())y#{else}n#end", "n"),
        ("#set($x = $util.log.info())$util.toJson($x)", "null"),
    ],
    ids=["missing", "extra-and-quiet", "qr", "in-if", "in-set"],
)
def test_util_wrong_argument_count_prints_reference(template: str, expected: str) -> None:
    """Velocity finds no `$util` method with that many arguments: null, printed as written."""
    assert render(template, make_context()).text == expected


def test_util_log_goes_to_logger(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="resolvers.util.core"):
        render('$util.log.info("hello", 42)', make_context())
    assert [r.getMessage() for r in caplog.records] == ["hello 42"]


def test_util_http_response_headers_collected() -> None:
    http = HttpUtil()
    http.addResponseHeader("x-a", 1)
    http.addResponseHeaders({"x-b": "2"})
    assert http.response_headers == {"x-a": "1", "x-b": "2"}
