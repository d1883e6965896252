# ruff: noqa: E501  (templates read best on one line)
"""Unit and pipeline resolvers: template -> data source -> template, with AppSync's error rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from resolvers.data_sources import create_data_source
from resolvers.data_sources.base import DataSource
from resolvers.errors import DataSourceError, ResolverError, TemplateError
from resolvers.resolver import (
    FieldInvocation,
    FunctionConfig,
    MappingTemplate,
    ResolverConfig,
    execute_resolver,
)


class RecordingDataSource:
    """Returns canned results (or raises) and records every request it gets."""

    def __init__(
        self,
        name: str,
        type_name: str = "AMAZON_DYNAMODB",
        result: Any = None,
        error: DataSourceError | None = None,
    ) -> None:
        self.name = name
        self.type = type_name
        self.result = result
        self.error = error
        self.requests: list[Mapping[str, Any]] = []

    async def invoke(self, request: Mapping[str, Any]) -> Any:
        self.requests.append(request)
        if self.error is not None:
            raise self.error
        return self.result


def template(text: str, name: str = "t.vtl") -> MappingTemplate:
    return MappingTemplate(text, name)


def invocation(**arguments: Any) -> FieldInvocation:
    return FieldInvocation(
        arguments=arguments,
        source=None,
        identity=None,
        request={"headers": {}, "domainName": None},
        info={"fieldName": "getTodo", "parentTypeName": "Query", "variables": {}},
    )


def unit(request: str | None, response: str | None, data_source: str = "ds") -> ResolverConfig:
    return ResolverConfig(
        type_name="Query",
        field_name="getTodo",
        kind="UNIT",
        data_source=data_source,
        request_template=template(request, "req.vtl") if request is not None else None,
        response_template=template(response, "res.vtl") if response is not None else None,
    )


async def test_execute_resolver_unit_round_trip() -> None:
    source = RecordingDataSource("ds", result={"id": "1", "name": "a"})
    config = unit(
        '{"version": "2018-05-29", "operation": "GetItem", "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)}}',
        "$util.toJson($ctx.result)",
    )
    outcome = await execute_resolver(config, invocation(id="1"), {"ds": source})
    assert outcome.data == {"id": "1", "name": "a"}
    assert source.requests == [
        {"version": "2018-05-29", "operation": "GetItem", "key": {"id": {"S": "1"}}}
    ]


async def test_execute_resolver_none_data_source_returns_payload() -> None:
    none = create_data_source("NONE", "none")
    config = unit(
        '{"version": "2018-05-29", "payload": {"echo": $util.toJson($ctx.args.msg)}}',
        "$util.toJson($ctx.result)",
        data_source="none",
    )
    outcome = await execute_resolver(config, invocation(msg="hi"), {"none": none})
    assert outcome.data == {"echo": "hi"}


async def test_execute_resolver_return_in_request_skips_data_source() -> None:
    source = RecordingDataSource("ds", result="unused")
    config = unit('#return({"early": true})', "$util.toJson($ctx.result)")
    outcome = await execute_resolver(config, invocation(), {"ds": source})
    assert outcome.data == {"early": True}
    assert source.requests == []


async def test_execute_resolver_error_in_ctx_with_2018_template() -> None:
    failure = DataSourceError(
        "The conditional request failed", error_type="DynamoDB:ConditionalCheckFailedException"
    )
    source = RecordingDataSource("ds", error=failure)
    config = unit(
        '{"version": "2018-05-29", "operation": "PutItem"}',
        "#if($ctx.error)$util.toJson($ctx.error)#else null#end",
    )
    outcome = await execute_resolver(config, invocation(), {"ds": source})
    assert outcome.data == {
        "message": "The conditional request failed",
        "type": "DynamoDB:ConditionalCheckFailedException",
    }


async def test_execute_resolver_untyped_error_has_unknown_error_type() -> None:
    source = RecordingDataSource("ds", error=DataSourceError("boom"))
    config = unit('{"version": "2018-05-29", "operation": "PutItem"}', "$util.toJson($ctx.error)")
    outcome = await execute_resolver(config, invocation(), {"ds": source})
    assert outcome.data == {"message": "boom", "type": "UnknownErrorType"}


async def test_execute_resolver_error_raised_with_2017_template() -> None:
    failure = DataSourceError("boom", error_type="DynamoDB:ValidationException")
    source = RecordingDataSource("ds", error=failure)
    config = unit('{"version": "2017-02-28", "operation": "PutItem"}', "$util.toJson($ctx.error)")
    with pytest.raises(DataSourceError) as caught:
        await execute_resolver(config, invocation(), {"ds": source})
    assert (caught.value.message, caught.value.error_type) == (
        "boom",
        "DynamoDB:ValidationException",
    )


async def test_execute_resolver_util_error_in_response_raises() -> None:
    failure = DataSourceError("failed", error_type="DynamoDB:ConditionalCheckFailedException")
    source = RecordingDataSource("ds", error=failure)
    config = unit(
        '{"version": "2018-05-29", "operation": "PutItem"}',
        "#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end",
    )
    with pytest.raises(ResolverError) as caught:
        await execute_resolver(config, invocation(), {"ds": source})
    assert (caught.value.message, caught.value.error_type) == (
        "failed",
        "DynamoDB:ConditionalCheckFailedException",
    )


async def test_execute_resolver_unauthorized_message() -> None:
    config = unit("$util.unauthorized()", None)
    with pytest.raises(ResolverError) as caught:
        await execute_resolver(config, invocation(), {"ds": RecordingDataSource("ds")})
    assert (caught.value.message, caught.value.error_type) == (
        "Not Authorized to access getTodo on type Query",
        "Unauthorized",
    )


async def test_execute_resolver_appended_errors_collected() -> None:
    source = RecordingDataSource("ds", result=1)
    config = unit(
        '$util.appendError("first"){"version": "2018-05-29"}',
        '$util.appendError("second", "T")$util.toJson($ctx.result)',
    )
    outcome = await execute_resolver(config, invocation(), {"ds": source})
    assert outcome.data == 1
    assert [(e.message, e.error_type) for e in outcome.errors] == [("first", None), ("second", "T")]


async def test_execute_resolver_invalid_json_request_names_file() -> None:
    config = unit("{not json", None)
    with pytest.raises(TemplateError) as caught:
        await execute_resolver(config, invocation(), {"ds": RecordingDataSource("ds")})
    assert str(caught.value) == (
        "req.vtl: Unable to parse the JSON document: Expecting property name enclosed in double "
        "quotes at line 1 column 2"
    )


async def test_execute_resolver_missing_data_source() -> None:
    config = unit('{"version": "2018-05-29"}', None, data_source="nope")
    with pytest.raises(ResolverError) as caught:
        await execute_resolver(config, invocation(), {})
    assert (
        caught.value.message
        == "Resolver Query.getTodo uses data source 'nope', which is not defined."
    )


async def test_execute_resolver_direct_lambda_event() -> None:
    function = RecordingDataSource("fn", type_name="AWS_LAMBDA", result={"ok": True})
    config = unit(None, None, data_source="fn")
    outcome = await execute_resolver(config, invocation(id="1"), {"fn": function})
    assert outcome.data == {"ok": True}
    request = function.requests[0]
    assert (request["version"], request["operation"]) == ("2018-05-29", "Invoke")
    assert request["payload"]["arguments"] == {"id": "1"}
    assert request["payload"]["info"]["fieldName"] == "getTodo"


def pipeline(
    *functions: FunctionConfig, before: str = "{}", after: str = "$util.toJson($ctx.result)"
) -> ResolverConfig:
    return ResolverConfig(
        type_name="Query",
        field_name="getTodo",
        kind="PIPELINE",
        data_source=None,
        request_template=template(before, "before.vtl"),
        response_template=template(after, "after.vtl"),
        functions=functions,
    )


def function(
    name: str, request: str, response: str = "$util.toJson($ctx.result)"
) -> FunctionConfig:
    return FunctionConfig(
        name, "ds", template(request, f"{name}.req.vtl"), template(response, f"{name}.res.vtl")
    )


async def test_execute_resolver_pipeline_stash_args_and_prev_flow() -> None:
    source = RecordingDataSource("ds", result="from-ds")
    config = pipeline(
        function(
            "one",
            '$util.qr($ctx.stash.put("one", $ctx.prev.result.start)){"version": "2018-05-29", "n": $util.toJson($ctx.args.n)}',
        ),
        function(
            "two",
            '{"version": "2018-05-29", "prev": $util.toJson($ctx.prev.result), "stash": $util.toJson($ctx.stash)}',
        ),
        before='$util.qr($ctx.args.put("n", 2))$util.qr($ctx.stash.put("b", 1)){"start": "s"}',
        after='{"result": $util.toJson($ctx.result), "stash": $util.toJson($ctx.stash), "args": $util.toJson($ctx.args)}',
    )
    outcome = await execute_resolver(config, invocation(n=1), {"ds": source})
    assert source.requests == [
        {"version": "2018-05-29", "n": 2},
        {"version": "2018-05-29", "prev": "from-ds", "stash": {"b": 1, "one": "s"}},
    ]
    assert outcome.data == {"result": "from-ds", "stash": {"b": 1, "one": "s"}, "args": {"n": 2}}


async def test_execute_resolver_pipeline_return_in_function_skips_its_data_source() -> None:
    source = RecordingDataSource("ds", result="from-ds")
    config = pipeline(
        function("skip", '#return("skipped")'),
        function("next", '{"version": "2018-05-29", "prev": $util.toJson($ctx.prev.result)}'),
    )
    outcome = await execute_resolver(config, invocation(), {"ds": source})
    assert source.requests == [{"version": "2018-05-29", "prev": "skipped"}]
    assert outcome.data == "from-ds"


async def test_execute_resolver_pipeline_return_in_before_ends_resolver() -> None:
    source = RecordingDataSource("ds")
    config = pipeline(function("f", "{}"), before='#return("done")')
    outcome = await execute_resolver(config, invocation(), {"ds": source})
    assert (outcome.data, source.requests) == ("done", [])


async def test_execute_resolver_does_not_mutate_caller_arguments() -> None:
    call = invocation(input={"name": "a"})
    config = unit(
        '$util.qr($ctx.args.input.put("id", "x")){"version": "2018-05-29", "payload": $util.toJson($ctx.args)}',
        "$util.toJson($ctx.result)",
        data_source="none",
    )
    none: DataSource = create_data_source("NONE", "none")
    outcome = await execute_resolver(config, call, {"none": none})
    assert outcome.data == {"input": {"name": "a", "id": "x"}}
    assert call.arguments == {"input": {"name": "a"}}


async def test_execute_resolver_subscription_filter_extension() -> None:
    none = create_data_source("NONE", "none")
    config = unit(
        '{"version": "2018-05-29", "payload": {}}',
        '$extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter({"a": {"eq": 1}})){}',
        data_source="none",
    )
    outcome = await execute_resolver(config, invocation(), {"none": none})
    assert outcome.extensions == {
        "subscriptionFilter": {
            "filterGroup": [{"filters": [{"fieldName": "a", "operator": "eq", "value": 1}]}]
        }
    }


async def test_execute_resolver_pipeline_function_sees_ctx_error() -> None:
    failure = DataSourceError("gone", error_type="DynamoDB:ResourceNotFoundException")
    source = RecordingDataSource("ds", error=failure)
    config = pipeline(
        function(
            "f",
            '{"version": "2018-05-29", "operation": "GetItem"}',
            '#if($ctx.error)$util.toJson("handled $ctx.error.type")#end',
        )
    )
    outcome = await execute_resolver(config, invocation(), {"ds": source})
    assert outcome.data == "handled DynamoDB:ResourceNotFoundException"


async def test_execute_resolver_pipeline_util_error_stops_pipeline() -> None:
    source = RecordingDataSource("ds", result="x")
    config = pipeline(
        function("stop", '$util.error("stopped here", "Custom")'),
        function("never", '{"version": "2018-05-29"}'),
    )
    with pytest.raises(ResolverError) as caught:
        await execute_resolver(config, invocation(), {"ds": source})
    assert (caught.value.message, caught.value.error_type) == ("stopped here", "Custom")
    assert source.requests == []


async def test_execute_resolver_template_error_names_function_file() -> None:
    source = RecordingDataSource("ds", result="x")
    config = pipeline(function("broken", '{"version": "2018-05-29"}\n#if($x'))
    with pytest.raises(TemplateError) as caught:
        await execute_resolver(config, invocation(), {"ds": source})
    assert (caught.value.file, caught.value.line) == ("broken.req.vtl", 2)
