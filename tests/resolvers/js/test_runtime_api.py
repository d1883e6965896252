"""The APPSYNC_JS runtime API, table-driven; expected values from AppSync's documentation."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from resolvers.context import build_context
from resolvers.errors import ResolverError
from resolvers.js import JsCode, JsOutcome, evaluate
from resolvers.util import frozen

HEADER = """import { util, runtime, extensions } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
"""


def run(expression: str, **context: Any) -> JsOutcome:
    code = JsCode(HEADER + f"export function request(ctx) {{ return {expression}; }}\n", "t.js")
    return evaluate(code, "request", build_context(**context))


UTIL_CASES: list[tuple[str, Any]] = [
    # util.dynamodb (AppSync "DynamoDB helpers in util.dynamodb" examples)
    ('util.dynamodb.toDynamoDB("foo")', {"S": "foo"}),
    ("util.dynamodb.toDynamoDB(12345)", {"N": "12345"}),
    ("util.dynamodb.toDynamoDB(true)", {"BOOL": True}),
    (
        'util.dynamodb.toDynamoDB(["foo", 123, { bar: "baz" }])',
        {"L": [{"S": "foo"}, {"N": "123"}, {"M": {"bar": {"S": "baz"}}}]},
    ),
    (
        'util.dynamodb.toDynamoDB({ foo: "bar", baz: 1234, beep: ["boop"] })',
        {"M": {"foo": {"S": "bar"}, "baz": {"N": "1234"}, "beep": {"L": [{"S": "boop"}]}}},
    ),
    ('util.dynamodb.toString("foo")', {"S": "foo"}),
    ('util.dynamodb.toStringSet(["foo", "bar", "baz"])', {"SS": ["foo", "bar", "baz"]}),
    ("util.dynamodb.toNumber(12345)", {"N": "12345"}),
    ("util.dynamodb.toNumberSet([1, 23, 4.56])", {"NS": ["1", "23", "4.56"]}),
    ('util.dynamodb.toBinary("foo")', {"B": "foo"}),
    ('util.dynamodb.toBinarySet(["foo", "bar"])', {"BS": ["foo", "bar"]}),
    ("util.dynamodb.toBoolean(true)", {"BOOL": True}),
    ("util.dynamodb.toNull()", {"NULL": True}),
    (
        'util.dynamodb.toList(["foo", 123, { bar: "baz" }])',
        {"L": [{"S": "foo"}, {"N": "123"}, {"M": {"bar": {"S": "baz"}}}]},
    ),
    (
        'util.dynamodb.toMap({ foo: "bar", baz: 1234 })',
        {"M": {"foo": {"S": "bar"}, "baz": {"N": "1234"}}},
    ),
    (
        'util.dynamodb.toMapValues({ foo: "bar", baz: 1234, beep: ["boop"] })',
        {"foo": {"S": "bar"}, "baz": {"N": "1234"}, "beep": {"L": [{"S": "boop"}]}},
    ),
    (
        'util.dynamodb.toS3Object("foo", "bar", "baz")',
        {"S": '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}'},
    ),
    (
        'util.dynamodb.toS3Object("foo", "bar", "baz", "beep")',
        {"S": '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}'},
    ),
    (
        'util.dynamodb.fromS3ObjectJson(\'{"s3":{"key":"foo","bucket":"bar","region":"baz"}}\')',
        {"key": "foo", "bucket": "bar", "region": "baz"},
    ),
    # util.transform
    (
        'util.transform.toDynamoDBFilterExpression({ title: { contains: "Hello World" } })',
        '{"expression":"contains(#title, :title_contains)","expressionNames":{"#title":"title"},'
        '"expressionValues":{":title_contains":{"S":"Hello World"}}}',
    ),
    (
        "JSON.parse(util.transform.toDynamoDBConditionExpression("
        "{ id: { attributeExists: true } }))",
        {
            "expression": "attribute_exists(#id)",
            "expressionNames": {"#id": "id"},
            "expressionValues": {},
        },
    ),
    (
        'util.transform.toSubscriptionFilter({ age: { gt: 10 }, name: { eq: "x" } })',
        {
            "filterGroup": [
                {
                    "filters": [
                        {"fieldName": "age", "operator": "gt", "value": 10},
                        {"fieldName": "name", "operator": "eq", "value": "x"},
                    ]
                }
            ]
        },
    ),
    (
        'util.transform.toSubscriptionFilter({ a: { eq: 1 }, b: { eq: 2 } }, ["b"])',
        {"filterGroup": [{"filters": [{"fieldName": "a", "operator": "eq", "value": 1}]}]},
    ),
    # util.time (AppSync "Time helpers in util.time" examples)
    ("util.time.epochMilliSecondsToSeconds(1517943695750)", 1517943695),
    ("util.time.epochMilliSecondsToISO8601(1517943695750)", "2018-02-06T19:01:35.750Z"),
    (
        'util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ")',
        "2018-02-06 19:01:35+0000",
    ),
    (
        'util.time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ", '
        '"Australia/Perth")',
        "2018-02-07 03:01:35+0800",
    ),
    ('util.time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.180+08:00")', 1517476865180),
    (
        'util.time.parseFormattedToEpochMilliSeconds("2018-02-02 01:19:22+0000", '
        '"yyyy-MM-dd HH:mm:ssZ")',
        1517534362000,
    ),
    ("util.time.nowISO8601()", "2018-02-06T19:01:35.749Z"),
    ("util.time.nowEpochSeconds()", 1517943695),
    ("util.time.nowEpochMilliSeconds()", 1517943695749),
    ('util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ")', "2018-02-06 19:01:35+0000"),
    # ids
    ("util.autoId()", "00000000-0000-4000-8000-000000000000"),
    ("util.autoUlid().length", 26),
    ("util.autoKsuid().length", 27),
    # encodings
    ('util.base64Encode("Hello World")', "SGVsbG8gV29ybGQ="),
    ('util.base64Decode("SGVsbG8gV29ybGQ=")', "Hello World"),
    ('util.urlEncode("hello world & é")', "hello+world+%26+%C3%A9"),
    ('util.urlDecode("hello+world+%26+%C3%A9")', "hello world & é"),
    ('util.escapeJavaScript("it\'s")', "it\\'s"),
    # type and null checks
    ("util.isNull(null)", True),
    ('util.isNull("")', False),
    ('util.isNullOrEmpty("")', True),
    ("util.isNullOrEmpty([])", True),
    ('util.isNullOrBlank("   ")', True),
    ('util.isNullOrBlank("a")', False),
    ('util.defaultIfNull(null, "d")', "d"),
    ('util.defaultIfNullOrEmpty("", "d")', "d"),
    ('util.defaultIfNullOrBlank(" ", "d")', "d"),
    ('util.isString("a")', True),
    ("util.isNumber(1)", True),
    ("util.isBoolean(false)", True),
    ("util.isList([])", True),
    ("util.isMap({})", True),
    (
        "[util.typeOf(null), util.typeOf('a'), util.typeOf(1), util.typeOf(true), util.typeOf([]), "
        "util.typeOf({})]",
        ["Null", "String", "Number", "Boolean", "List", "Map"],
    ),
    ('util.matches("a-.*", "a-bc")', True),
    ('util.matches("a-.*", "b-bc")', False),
    ("util.authType()", "API Key Authorization"),
    # util.str and util.math
    ('util.str.toUpper("hello World")', "HELLO WORLD"),
    ('util.str.toLower("Hello World")', "hello world"),
    ('util.str.toReplace("hello world", "hello", "mellow")', "mellow world"),
    ('util.str.normalize("e\\u0301", "nfc")', "\u00e9"),
    ("util.math.roundNum(1.5)", 2),
    ("util.math.minVal(1, 2)", 1),
    ("util.math.maxVal(1, 2)", 2),
    ("util.math.randomWithinRange(3, 4)", 3),
    ("util.math.randomDouble() < 1", True),
    # ES2022 built-ins AppSync offers (the engine's prelude adds the missing ones)
    ("Object.hasOwn({ a: 1 }, 'a')", True),
    ("[1, 2, 3].at(-1)", 3),
    ("'abc'.at(-1)", "c"),
    ("[1, 2, 3].findLast((x) => x < 3)", 2),
    ("[1, 2, 3].findLastIndex((x) => x > 5)", -1),
    # util.http
    (
        'util.http.copyHeaders({ "x-custom": "a", authorization: "secret", "x-api-key": "k" })',
        {"x-custom": "a"},
    ),
]


@pytest.mark.parametrize(
    ("expression", "expected"), UTIL_CASES, ids=[c[0][:60] for c in UTIL_CASES]
)
def test_util(expression: str, expected: Any) -> None:
    with frozen(datetime(2018, 2, 6, 19, 1, 35, 749000, tzinfo=UTC)):
        assert run(expression).value == expected


DDB_CASES: list[tuple[str, Any]] = [
    ('ddb.get({ key: { id: "1" } })', {"operation": "GetItem", "key": {"id": {"S": "1"}}}),
    (
        'ddb.get({ key: { id: "1", sk: 2 }, consistentRead: true })',
        {
            "operation": "GetItem",
            "key": {"id": {"S": "1"}, "sk": {"N": "2"}},
            "consistentRead": True,
        },
    ),
    (
        'ddb.put({ key: { id: "1" }, item: { title: "t", n: 1 } })',
        {
            "operation": "PutItem",
            "key": {"id": {"S": "1"}},
            "attributeValues": {"title": {"S": "t"}, "n": {"N": "1"}},
        },
    ),
    (
        'ddb.put({ key: { id: "1" }, item: {}, condition: { id: { attributeExists: false } } })',
        {
            "operation": "PutItem",
            "key": {"id": {"S": "1"}},
            "attributeValues": {},
            "condition": {
                "expression": "attribute_not_exists(#id)",
                "expressionNames": {"#id": "id"},
            },
        },
    ),
    (
        'ddb.remove({ key: { id: "1" } })',
        {"operation": "DeleteItem", "key": {"id": {"S": "1"}}},
    ),
    (
        'ddb.remove({ key: { id: "1" }, _version: 3 })',
        {"operation": "DeleteItem", "key": {"id": {"S": "1"}}, "_version": 3},
    ),
    (
        'ddb.update({ key: { id: "1" }, update: { title: "x", views: ddb.operations.increment(1),'
        ' old: ddb.operations.remove(), tags: ddb.operations.append(["a"]),'
        " n: ddb.operations.decrement(2), s: ddb.operations.add(5),"
        ' r: ddb.operations.replace("y"), p: ddb.operations.prepend(["z"]),'
        ' l: ddb.operations.updateListItem("q", 1) } })',
        {
            "operation": "UpdateItem",
            "key": {"id": {"S": "1"}},
            "update": {
                "expression": "SET #title = :title_0, #views = #views + :views_1, "
                "#tags = list_append(#tags, :tags_3), #n = #n - :n_4, #r = :r_6, "
                "#p = list_append(:p_7, #p), #l[1] = :l_8 ADD #s :s_5 REMOVE #old",
                "expressionNames": {
                    "#title": "title",
                    "#views": "views",
                    "#old": "old",
                    "#tags": "tags",
                    "#n": "n",
                    "#s": "s",
                    "#r": "r",
                    "#p": "p",
                    "#l": "l",
                },
                "expressionValues": {
                    ":title_0": {"S": "x"},
                    ":views_1": {"N": "1"},
                    ":tags_3": {"L": [{"S": "a"}]},
                    ":n_4": {"N": "2"},
                    ":s_5": {"N": "5"},
                    ":r_6": {"S": "y"},
                    ":p_7": {"L": [{"S": "z"}]},
                    ":l_8": {"S": "q"},
                },
            },
        },
    ),
    (
        'ddb.query({ query: { id: { eq: "1" }, sk: { beginsWith: "a" } }, limit: 5, '
        'index: "byId", scanIndexForward: false, nextToken: "t" })',
        {
            "operation": "Query",
            "query": {
                "expression": "#id = :id_eq AND begins_with(#sk, :sk_beginsWith)",
                "expressionNames": {"#id": "id", "#sk": "sk"},
                "expressionValues": {":id_eq": {"S": "1"}, ":sk_beginsWith": {"S": "a"}},
            },
            "index": "byId",
            "nextToken": "t",
            "limit": 5,
            "scanIndexForward": False,
        },
    ),
    (
        'ddb.scan({ limit: 10, filter: { title: { contains: "Hello World" } } })',
        {
            "operation": "Scan",
            "filter": {
                "expression": "contains(#title, :title_contains)",
                "expressionNames": {"#title": "title"},
                "expressionValues": {":title_contains": {"S": "Hello World"}},
            },
            "limit": 10,
        },
    ),
    ("ddb.scan()", {"operation": "Scan"}),
    (
        "ddb.sync({ limit: 5, lastSync: 1000 })",
        {"operation": "Sync", "limit": 5, "lastSync": 1000},
    ),
    (
        'ddb.batchGet({ tables: { Posts: { keys: [{ id: "1" }], consistentRead: true } } })',
        {
            "operation": "BatchGetItem",
            "tables": {"Posts": {"keys": [{"id": {"S": "1"}}], "consistentRead": True}},
        },
    ),
    (
        'ddb.batchPut({ tables: { Posts: [{ id: "1", n: 2 }] } })',
        {"operation": "BatchPutItem", "tables": {"Posts": [{"id": {"S": "1"}, "n": {"N": "2"}}]}},
    ),
    (
        'ddb.batchDelete({ tables: { Posts: [{ id: "1" }] } })',
        {"operation": "BatchDeleteItem", "tables": {"Posts": [{"id": {"S": "1"}}]}},
    ),
    (
        'ddb.transactGet({ items: [{ table: "Posts", key: { id: "1" } }] })',
        {
            "operation": "TransactGetItems",
            "transactItems": [{"table": "Posts", "key": {"id": {"S": "1"}}}],
        },
    ),
    (
        'ddb.transactWrite({ items: [{ table: "Posts", operation: "put", key: { id: "1" },'
        ' item: { a: 1 } }, { table: "Posts", operation: "remove", key: { id: "2" } },'
        ' { table: "Posts", operation: "conditionCheck", key: { id: "3" },'
        " condition: { id: { attributeExists: true } } }] })",
        {
            "operation": "TransactWriteItems",
            "transactItems": [
                {
                    "table": "Posts",
                    "operation": "PutItem",
                    "key": {"id": {"S": "1"}},
                    "attributeValues": {"a": {"N": "1"}},
                },
                {"table": "Posts", "operation": "DeleteItem", "key": {"id": {"S": "2"}}},
                {
                    "table": "Posts",
                    "operation": "ConditionCheck",
                    "key": {"id": {"S": "3"}},
                    "condition": {
                        "expression": "attribute_exists(#id)",
                        "expressionNames": {"#id": "id"},
                    },
                },
            ],
        },
    ),
]


@pytest.mark.parametrize(("expression", "expected"), DDB_CASES, ids=[c[0][:50] for c in DDB_CASES])
def test_dynamodb_module(expression: str, expected: Any) -> None:
    assert run(expression).value == expected


def test_context_fields_reach_the_handler() -> None:
    code = JsCode(
        "export function request(ctx) {\n"
        "  return [ctx.args.id, ctx.arguments.id, ctx.identity.sub, ctx.source.parent,\n"
        "          ctx.stash.k, ctx.prev.result.p, ctx.result.r, ctx.error.message,\n"
        "          ctx.info.fieldName, ctx.request.headers.h];\n}\n",
        "ctx.js",
    )
    context = build_context(
        arguments={"id": "1"}, identity={"sub": "s"}, source={"parent": "P"},
        stash={"k": "v"}, prev_result={"p": 1}, result={"r": 2}, error={"message": "m"},
        info={"fieldName": "getPost"}, request={"headers": {"h": "x"}},
    )  # fmt: skip
    assert evaluate(code, "request", context).value == [
        "1", "1", "s", "P", "v", 1, 2, "m", "getPost", "x"
    ]  # fmt: skip


def test_stash_and_argument_changes_are_written_back() -> None:
    code = JsCode(
        "export function request(ctx) { ctx.stash.a = 1; ctx.args.b = 2; return null; }", "s.js"
    )
    stash: dict[str, Any] = {"keep": True}
    args: dict[str, Any] = {}
    evaluate(code, "request", build_context(arguments=args, stash=stash))
    assert stash == {"keep": True, "a": 1}
    assert args == {"b": 2}


def test_util_error_raises_with_type_data_and_info() -> None:
    with pytest.raises(ResolverError) as caught:
        run('util.error("boom", "Custom", { a: 1 }, { b: 2 })')
    assert (caught.value.message, caught.value.error_type) == ("boom", "Custom")
    assert (caught.value.data, caught.value.error_info) == ({"a": 1}, {"b": 2})


def test_append_error_collects_and_carries_on() -> None:
    outcome = run('(util.appendError("first", "T1"), util.appendError("second"), 7)')
    assert outcome.value == 7
    assert [(e.message, e.error_type) for e in outcome.errors] == [
        ("first", "T1"),
        ("second", None),
    ]


def test_unauthorized_names_the_field() -> None:
    with pytest.raises(ResolverError) as caught:
        run("util.unauthorized()", info={"fieldName": "getPost", "parentTypeName": "Query"})
    assert caught.value.message == "Not Authorized to access getPost on type Query"
    assert caught.value.error_type == "Unauthorized"


def test_early_return() -> None:
    outcome = run("runtime.earlyReturn({ done: true })")
    assert (outcome.early_return, outcome.value) == (True, {"done": True})


def test_extensions_are_collected() -> None:
    outcome = run(
        "(extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ a: { eq: 1 } })),"
        " extensions.setSubscriptionInvalidationFilter({ filterGroup: [] }),"
        ' extensions.invalidateSubscriptions({ subscriptionField: "onX", payload: { id: 1 } }),'
        ' extensions.evictFromApiCache("Query", "getTodo", { "context.arguments.id": "1" }),'
        " null)"
    )
    assert outcome.extensions == {
        "subscriptionFilter": {
            "filterGroup": [{"filters": [{"fieldName": "a", "operator": "eq", "value": 1}]}]
        },
        "subscriptionInvalidationFilter": {"filterGroup": []},
        "invalidateSubscriptions": [{"subscriptionField": "onX", "payload": {"id": 1}}],
        "evictFromApiCache": [
            {"typeName": "Query", "fieldName": "getTodo", "keys": {"context.arguments.id": "1"}}
        ],
    }


def test_response_headers_and_console_logs() -> None:
    outcome = run(
        '(util.http.addResponseHeader("x-a", 1), util.http.addResponseHeaders({ "x-b": "2" }),'
        ' console.log("hi", { a: 1 }), null)'
    )
    assert outcome.response_headers == {"x-a": "1", "x-b": "2"}
    assert outcome.logs == ['hi {"a":1}']


def test_util_is_not_a_global_without_the_import() -> None:
    code = JsCode("export function request(ctx) {\n  return util.autoId();\n}\n", "g.js")
    with pytest.raises(ResolverError) as caught:
        evaluate(code, "request", build_context())
    assert caught.value.message == "g.js:2:10: ReferenceError: 'util' is not defined"


def test_whole_context_serializes() -> None:
    outcome = run("JSON.parse(JSON.stringify(ctx))", arguments={"id": "1"}, stash={"s": 2})
    assert outcome.value["arguments"] == {"id": "1"}
    assert outcome.value["stash"] == {"s": 2}
    assert outcome.value["info"]["selectionSetList"] == []


def test_not_emulated_util_names_itself() -> None:
    with pytest.raises(ResolverError) as caught:
        run("util.transform.toElasticsearchQueryDSL({ a: { eq: 1 } })")
    assert caught.value.message.endswith(
        "Error: util.transform.toElasticsearchQueryDSL is not emulated "
        "(no OpenSearch data source locally)"
    )


def test_named_and_aliased_imports_and_export_lists() -> None:
    code = JsCode(
        "import { util as u } from '@aws-appsync/utils';\n"
        "import { get, operations } from '@aws-appsync/utils/dynamodb';\n"
        "function handle(ctx) { return [u.str.toUpper('a'), get({ key: { id: 1 } }).operation,"
        " typeof operations.increment]; }\n"
        "export { handle as request };\n",
        "imports.js",
    )
    assert evaluate(code, "request", build_context()).value == ["A", "GetItem", "function"]
