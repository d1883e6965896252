"""Field-level logs collected by the resolver runtime (AppSync's CloudWatch entry shape)."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers.errors import DataSourceError, TemplateError
from resolvers.js import JsCode
from resolvers.resolver import FunctionConfig, ResolverConfig, execute_resolver
from resolvers.trace import LogLevel
from tests.resolvers.test_resolver import RecordingDataSource, invocation, template, unit

GET = '{"version": "2018-05-29", "operation": "GetItem", "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)}}'  # noqa: E501


class ListSink:
    """A `FieldLogSink` keeping what it gets."""

    def __init__(self, level: LogLevel = "ALL") -> None:
        self.level: LogLevel = level
        self.entries: list[dict[str, Any]] = []

    def write(self, entries: list[dict[str, Any]]) -> None:
        self.entries.extend(entries)


def _types(sink: ListSink) -> list[str]:
    return [entry["logType"] for entry in sink.entries]


async def test_unit_resolver_logs_rendered_templates_data_source_and_tracing() -> None:
    sink = ListSink()
    source = RecordingDataSource("ds", result={"id": "1"})
    config = unit(GET, '$util.log.info("got", $ctx.result.id)\n$util.toJson($ctx.result)')
    await execute_resolver(config, invocation(id="1"), {"ds": source}, log=sink)
    assert _types(sink) == [
        "RequestMapping",
        "DataSourceInvocation",
        "ApplicationLog",
        "ResponseMapping",
        "Tracing",
    ]
    request, call, message, response, tracing = sink.entries
    assert request["transformedTemplate"] == (
        '{"version": "2018-05-29", "operation": "GetItem", "key": {"id": {"S":"1"}}}'
    )
    assert request["context"]["arguments"] == {"id": "1"}
    assert request["resolverArn"].endswith("/types/Query/resolvers/getTodo")
    assert (request["fieldName"], request["parentType"]) == ("getTodo", "Query")
    assert call["request"]["operation"] == "GetItem" and call["response"] == {"id": "1"}
    assert (message["level"], message["message"]) == ("INFO", "got 1")
    assert response["context"]["result"] == {"id": "1"}
    assert response["transformedTemplate"].strip() == '{"id":"1"}'
    assert tracing["fieldInError"] is False and tracing["duration"] > 0


async def test_pipeline_logs_each_function_with_its_name() -> None:
    sink = ListSink()
    source = RecordingDataSource("ds", result={"id": "1"})
    config = ResolverConfig(
        type_name="Query",
        field_name="getTodo",
        kind="PIPELINE",
        data_source=None,
        request_template=template('$util.qr($ctx.stash.put("k", 1)){}', "before.vtl"),
        response_template=template("$util.toJson($ctx.prev.result)", "after.vtl"),
        functions=(
            FunctionConfig(
                "getFn",
                "ds",
                template(GET, "fn.req.vtl"),
                template("$util.toJson($ctx.result)", "fn.res.vtl"),
            ),
        ),
    )
    await execute_resolver(config, invocation(id="1"), {"ds": source}, log=sink)
    assert _types(sink) == [
        "BeforeMapping",
        "RequestFunctionEvaluation",
        "DataSourceInvocation",
        "ResponseFunctionEvaluation",
        "AfterMapping",
        "Tracing",
    ]
    function_entries = [e for e in sink.entries if "functionName" in e]
    assert {e["functionName"] for e in function_entries} == {"getFn"}
    assert function_entries[0]["functionArn"].endswith("/functions/getFn")
    assert function_entries[0]["context"]["stash"] == {"k": 1}
    assert '"operation": "GetItem"' in sink.entries[1]["transformedTemplate"]


async def test_template_error_entry_names_file_line_and_column() -> None:
    sink = ListSink("ERROR")
    config = unit('{\n  "a": $util.parseJson("{bad")\n}', None)
    with pytest.raises(TemplateError) as raised:
        await execute_resolver(config, invocation(id="1"), {"ds": RecordingDataSource("ds")},
                               log=sink)  # fmt: skip
    failed = sink.entries[0]
    assert failed["logType"] == "RequestMapping"
    assert failed["fieldInError"] is True
    error = failed["errors"][0]
    assert error["location"] == {"file": "req.vtl", "line": raised.value.line,
                                 "column": raised.value.column}  # fmt: skip
    assert error["message"].startswith(f"req.vtl:{raised.value.line}:{raised.value.column}: ")
    assert (raised.value.line, raised.value.column) == (2, 8)
    assert sink.entries[-1]["logType"] == "Tracing"


async def test_error_level_writes_nothing_for_fields_without_error() -> None:
    sink = ListSink("ERROR")
    source = RecordingDataSource("ds", result={"id": "1"})
    await execute_resolver(unit(GET, "$util.toJson($ctx.result)"), invocation(id="1"),
                           {"ds": source}, log=sink)  # fmt: skip
    assert sink.entries == []


async def test_error_level_logs_data_source_failure() -> None:
    sink = ListSink("ERROR")
    source = RecordingDataSource("ds", error=DataSourceError("nope", error_type="DynamoDB:X"))
    with pytest.raises(DataSourceError):
        await execute_resolver(unit(GET, None), invocation(id="1"), {"ds": source}, log=sink)
    assert _types(sink) == ["RequestMapping", "DataSourceInvocation", "FieldError", "Tracing"]
    assert sink.entries[2]["errors"] == [{"message": "nope", "errorType": "DynamoDB:X"}]
    assert all(entry["fieldInError"] for entry in sink.entries)


async def test_js_resolver_logs_evaluation_results_and_console_lines() -> None:
    sink = ListSink()
    code = JsCode(
        """export function request(ctx) {
  console.log('asked', ctx.args.id);
  return { operation: 'GetItem', key: { id: { S: ctx.args.id } } };
}
export function response(ctx) { return ctx.result; }
""",
        "getTodo.js",
    )
    config = ResolverConfig("Query", "getTodo", "UNIT", "ds", None, None, code=code)
    source = RecordingDataSource("ds", result={"id": "1"})
    await execute_resolver(config, invocation(id="1"), {"ds": source}, log=sink)
    assert _types(sink) == [
        "ApplicationLog",
        "RequestMapping",
        "DataSourceInvocation",
        "ResponseMapping",
        "Tracing",
    ]
    assert sink.entries[0]["message"] == "asked 1"
    assert sink.entries[1]["evaluationResult"] == {
        "operation": "GetItem",
        "key": {"id": {"S": "1"}},
    }
    assert sink.entries[3]["evaluationResult"] == {"id": "1"}
