"""JavaScript resolvers in unit and pipeline resolvers, mixed with VTL functions."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers.errors import DataSourceError, ResolverError
from resolvers.js import JsCode
from resolvers.resolver import (
    FunctionConfig,
    MappingTemplate,
    ResolverConfig,
    execute_resolver,
)
from tests.resolvers.test_resolver import RecordingDataSource, invocation

GET_ITEM = JsCode(
    """import { util } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) {
  return ddb.get({ key: { id: ctx.args.id } });
}
export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
""",
    "resolvers/Query.getTodo.js",
)


def js_unit(code: JsCode) -> ResolverConfig:
    return ResolverConfig("Query", "getTodo", "UNIT", "ds", None, None, code=code)


async def test_unit_js_resolver_sends_the_request_object_to_the_data_source() -> None:
    ds = RecordingDataSource("ds", result={"id": "1", "name": "milk"})
    outcome = await execute_resolver(js_unit(GET_ITEM), invocation(id="1"), {"ds": ds})
    assert ds.requests == [{"operation": "GetItem", "key": {"id": {"S": "1"}}}]
    assert outcome.data == {"id": "1", "name": "milk"}


async def test_data_source_error_reaches_ctx_error() -> None:
    error = DataSourceError("gone", error_type="DynamoDB:ResourceNotFoundException")
    ds = RecordingDataSource("ds", error=error)
    with pytest.raises(ResolverError) as caught:
        await execute_resolver(js_unit(GET_ITEM), invocation(id="1"), {"ds": ds})
    assert (caught.value.message, caught.value.error_type) == (
        "gone",
        "DynamoDB:ResourceNotFoundException",
    )


async def test_early_return_skips_the_data_source() -> None:
    code = JsCode(
        "import { runtime } from '@aws-appsync/utils';\n"
        "export function request(ctx) { runtime.earlyReturn({ cached: true }); }\n"
        "export function response(ctx) { return 'never'; }\n",
        "early.js",
    )
    ds = RecordingDataSource("ds")
    outcome = await execute_resolver(js_unit(code), invocation(), {"ds": ds})
    assert (outcome.data, ds.requests) == ({"cached": True}, [])


async def test_pipeline_mixes_js_and_vtl_functions_with_one_stash() -> None:
    before = JsCode(
        "export function request(ctx) { ctx.stash.seen = ['before']; return {}; }\n"
        "export function response(ctx) {\n"
        "  return { result: ctx.prev.result, seen: ctx.stash.seen.concat(['after']) };\n}\n",
        "before-after.js",
    )
    js_function = FunctionConfig(
        "jsFn",
        "none",
        None,
        None,
        code=JsCode(
            "export function request(ctx) { ctx.stash.seen.push('js'); "
            "return { payload: { n: ctx.args.n } }; }\n"
            "export function response(ctx) { return ctx.result.n + 1; }\n",
            "jsFn.js",
        ),
    )
    vtl_function = FunctionConfig(
        "vtlFn",
        "none",
        MappingTemplate(
            '$util.qr($ctx.stash.seen.add("vtl"))'
            '{"version": "2018-05-29", "payload": $util.toJson($ctx.prev.result)}',
            "vtlFn.req.vtl",
        ),
        MappingTemplate("#set($x = $ctx.result * 10)$util.toJson($x)", "vtlFn.res.vtl"),
    )
    config = ResolverConfig(
        "Query", "getTodo", "PIPELINE", None, None, None,
        functions=(js_function, vtl_function), code=before,
    )  # fmt: skip
    none = _NoneSource()
    outcome = await execute_resolver(config, invocation(n=4), {"none": none})
    assert outcome.data == {"result": 50, "seen": ["before", "js", "vtl", "after"]}


class _NoneSource:
    name = "none"
    type = "NONE"

    async def invoke(self, request: Any) -> Any:
        return request.get("payload")
