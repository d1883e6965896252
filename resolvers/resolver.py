"""Unit and pipeline resolvers: request template -> data source -> response template, as AppSync.

A resolver or function with `code` (runtime APPSYNC_JS) runs its `request` / `response`
exports instead of templates; the object `request` returns is what the data source gets, and
`response` always sees a data-source failure in `ctx.error` (as a 2018-05-29 template does).
JS and VTL functions mix freely in one pipeline: they share the arguments and the stash.

Not emulated: a resolver's own `MaxBatchSize` (a Lambda data source batches `BatchInvoke`
requests 5 at most, AppSync's default), resolver caching.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from resolvers.constant_templates import IDENTITY_AFTER, constant_effect
from resolvers.context import build_context, copy_value
from resolvers.data_sources.base import ConflictCaller, DataSource, SyncedDataSource
from resolvers.errors import DataSourceError, ResolverError, TemplateError
from resolvers.trace import FieldLogSink, FieldTrace

if TYPE_CHECKING:
    from resolvers.js import JsCode, JsOutcome
    from resolvers.vtl import RenderResult

__all__ = [
    "FieldInvocation",
    "FunctionConfig",
    "MappingTemplate",
    "ResolverConfig",
    "ResolverOutcome",
    "execute_resolver",
]

#: The template version whose response templates receive data-source errors in `$ctx.error`.
ERROR_HANDLING_VERSION = "2018-05-29"

#: `$ctx.error.type` for a data-source error without a type. AppSync's data sources always type
#: their errors (`DynamoDB:...`, `Lambda:Unhandled`); the Amplify simulator fills this value in.
UNKNOWN_ERROR_TYPE = "UnknownErrorType"


@dataclass(frozen=True)
class MappingTemplate:
    """A VTL mapping template and the file it came from (for `file:line:col` errors)."""

    text: str
    file_name: str


@dataclass(frozen=True)
class FunctionConfig:
    """An AppSync pipeline function: its data source and its own two templates."""

    name: str
    data_source: str | None
    request_template: MappingTemplate | None
    response_template: MappingTemplate | None
    code: JsCode | None = None
    #: the `SyncConfig` (`ConflictDetection`, `ConflictHandler`, ...) for versioned data sources
    sync_config: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class ResolverConfig:
    """A resolver on `type_name.field_name`; a PIPELINE resolver's templates are before/after."""

    type_name: str
    field_name: str
    kind: Literal["UNIT", "PIPELINE"]
    data_source: str | None
    request_template: MappingTemplate | None
    response_template: MappingTemplate | None
    functions: tuple[FunctionConfig, ...] = ()
    code: JsCode | None = None
    sync_config: Mapping[str, Any] | None = None


@dataclass
class FieldInvocation:
    """What the GraphQL execution knows about one field being resolved."""

    arguments: dict[str, Any]
    source: Any
    identity: dict[str, Any] | None
    request: dict[str, Any]
    info: dict[str, Any]
    #: The field's response path (`["listTodos", "items", 0, "owner"]`), asked only when logging.
    path: Callable[[], list[Any]] | None = None
    #: The GraphQL request's id (AppSync's `requestId` in the field logs).
    request_id: str | None = None
    #: The field's GraphQL return type (printed in the `Tracing` log entry only).
    return_type: Any = None


@dataclass
class ResolverOutcome:
    """The field's value, the errors `$util.appendError` added, and `$extensions` requests."""

    data: Any
    errors: list[ResolverError] = field(default_factory=list)
    extensions: dict[str, Any] = field(default_factory=dict)


class DataSourceNotFoundError(ResolverError):
    """A resolver or function names a data source the API does not define."""

    error_type = "DataSourceNotFound"

    def __init__(self, name: str | None, owner: str) -> None:
        super().__init__(f"{owner} uses data source {name!r}, which is not defined.")


@dataclass
class _Run:
    """State shared by every template of one resolver execution."""

    config: ResolverConfig
    invocation: FieldInvocation
    data_sources: Mapping[str, DataSource]
    arguments: dict[str, Any]
    stash: dict[str, Any] = field(default_factory=dict)
    errors: list[ResolverError] = field(default_factory=list)
    extensions: dict[str, Any] = field(default_factory=dict)
    trace: FieldTrace | None = None

    @property
    def owner(self) -> str:
        return f"Resolver {self.config.type_name}.{self.config.field_name}"

    def context(
        self, *, result: Any = None, error: Mapping[str, Any] | None = None, prev: Any = None
    ) -> dict[str, Any]:
        return build_context(
            arguments=self.arguments,
            identity=self.invocation.identity,
            source=self.invocation.source,
            stash=self.stash,
            result=result,
            error=error,
            prev_result=prev,
            request=self.invocation.request,
            info=self.info(),
        )

    def constant(self, template: MappingTemplate) -> bool:
        """Apply a template whose effect is constant (stash puts, output `{}`) without the
        engine; never while every field's log is recorded (ALL shows the rendered text)."""
        if self.trace is not None and self.trace.full:
            return False
        effect = constant_effect(template.text)
        return effect is not None and effect.apply(self.stash)

    def info(self) -> dict[str, Any]:
        info = dict(self.invocation.info)
        info.setdefault("fieldName", self.config.field_name)
        info.setdefault("parentTypeName", self.config.type_name)
        return info

    def render(
        self,
        template: MappingTemplate,
        context: Mapping[str, Any],
        log_type: str,
        function: str | None = None,
    ) -> RenderResult:
        # Imported on first use: the VTL engine is not needed until a resolver runs.
        from resolvers.vtl import render

        trace = self.trace
        if trace is None:
            result = render(template.text, context, file_name=template.file_name)
        else:
            try:
                result = trace.rendering(
                    lambda: render(template.text, context, file_name=template.file_name)
                )
            except ResolverError as err:
                trace.template(log_type, context, function=function, error=err)
                raise
            trace.template(log_type, context, rendered=result.text, function=function,
                           error=result.errors[0] if result.errors else None)  # fmt: skip
        self.errors.extend(result.errors)
        self.extensions.update(result.extensions)
        return result

    def evaluate(self, code: JsCode, handler: Literal["request", "response"],
                 context: dict[str, Any], log_type: str,
                 function: str | None = None) -> JsOutcome:  # fmt: skip
        # Imported on first use: the JS engine starts only when a JS resolver runs.
        from resolvers.js import evaluate

        trace = self.trace
        try:
            outcome = evaluate(code, handler, context)
        except ResolverError as err:
            self.errors.extend(getattr(err, "appended", ()))
            if trace is not None:
                trace.template(log_type, context, function=function, error=err)
            raise
        if trace is not None:
            for line in outcome.logs:
                trace.message("INFO", line)
            trace.template(log_type, context, evaluation=outcome.value, function=function,
                           error=outcome.errors[0] if outcome.errors else None)  # fmt: skip
        self.errors.extend(outcome.errors)
        self.extensions.update(outcome.extensions)
        return outcome

    def data_source(self, name: str | None, owner: str) -> DataSource:
        found = self.data_sources.get(name) if name is not None else None
        if found is None:
            raise DataSourceNotFoundError(name, owner)
        return found

    def direct_lambda_event(self, prev: Any) -> dict[str, Any]:
        return {
            "arguments": self.arguments,
            "identity": self.invocation.identity,
            "source": self.invocation.source,
            "request": self.invocation.request,
            "prev": {"result": prev} if prev is not None else None,
            "info": self.info(),
            "stash": self.stash,
        }


def error_shape(err: DataSourceError) -> dict[str, Any]:
    """`$ctx.error` of a data-source failure."""
    return {"message": err.message, "type": err.error_type or UNKNOWN_ERROR_TYPE}


def _parse_json(text: str, file_name: str) -> Any:
    """A rendered template's JSON; blank output is null.

    :raises TemplateError: the output is not JSON.
    """
    stripped = text.strip()
    if not stripped:
        return None
    try:
        return json.loads(stripped)
    except json.JSONDecodeError as err:
        raise TemplateError(
            f"Unable to parse the JSON document: {err.msg} at line {err.lineno} column {err.colno}",
            file=file_name,
        ) from None


async def _call_js_data_source(
    run: _Run,
    data_source_name: str | None,
    owner: str,
    code: JsCode,
    prev: Any,
    function: str | None,
    sync_config: Mapping[str, Any] | None = None,
) -> Any:
    """One APPSYNC_JS request -> data source -> response round (under the resolver's
    `SyncConfig` on a versioned data source; a conflict's server item is `ctx.result`, as in
    AppSync)."""
    request_type, response_type = _log_types(function)
    before = run.evaluate(code, "request", run.context(prev=prev), request_type, function)
    if before.early_return:
        return before.value
    source = run.data_source(data_source_name, owner)
    error: dict[str, Any] | None = None
    result: Any = None
    try:
        result = await _invoke(run, source, copy_value(before.value), sync_config)
    except DataSourceError as err:
        error = {"message": err.message, "type": err.error_type or UNKNOWN_ERROR_TYPE}
        result = getattr(err, "result", None)
    if run.trace is not None:
        run.trace.data_source(source.name, before.value, result, error)
    context = run.context(result=result, error=error, prev=prev)
    return run.evaluate(code, "response", context, response_type, function).value


def _log_types(function: str | None) -> tuple[str, str]:
    """AppSync's log types of a unit resolver's or a pipeline function's two halves."""
    if function is None:
        return "RequestMapping", "ResponseMapping"
    return "RequestFunctionEvaluation", "ResponseFunctionEvaluation"


async def _invoke(
    run: _Run, source: DataSource, request: Any, sync_config: Mapping[str, Any] | None
) -> Any:
    """Call the data source, under the resolver's `SyncConfig` when it is a versioned one (with
    the field's arguments and identity, which a LAMBDA conflict handler receives)."""
    if sync_config is not None and isinstance(source, SyncedDataSource):
        caller = ConflictCaller(
            parent_type=run.config.type_name,
            field_name=run.config.field_name,
            arguments=run.arguments,
            identity=run.invocation.identity,
        )
        return await source.invoke_synced(request, sync_config, caller)
    return await source.invoke(request)


async def _call_data_source(
    run: _Run,
    data_source_name: str | None,
    owner: str,
    request_template: MappingTemplate | None,
    response_template: MappingTemplate | None,
    prev: Any,
    code: JsCode | None = None,
    function: str | None = None,
    sync_config: Mapping[str, Any] | None = None,
) -> Any:
    """One request -> data source -> response round (a unit resolver or a pipeline function)."""
    if code is not None:
        return await _call_js_data_source(
            run, data_source_name, owner, code, prev, function, sync_config
        )
    request_type, response_type = _log_types(function)
    if request_template is not None:
        rendered = run.render(request_template, run.context(prev=prev), request_type, function)
        if rendered.is_return:
            return rendered.return_value
        # Parsed from the rendered text: no template holds it, the data source may own it
        # (unless the field log still shows it after the call).
        request = _parse_json(rendered.text, request_template.file_name)
        owned = request if run.trace is None else copy_value(request)
    else:
        request = None
    source = run.data_source(data_source_name, owner)
    if request is None:
        if source.type != "AWS_LAMBDA":
            raise ResolverError(f"{owner} has no request mapping template.")
        request = {"version": ERROR_HANDLING_VERSION, "operation": "Invoke",
                   "payload": run.direct_lambda_event(prev)}  # fmt: skip
        owned = copy_value(request)  # holds the run's arguments and stash
    error: dict[str, Any] | None = None
    result: Any = None
    try:
        result = await _invoke(run, source, owned, sync_config)
    except DataSourceError as err:
        if run.trace is not None:
            run.trace.data_source(source.name, request, None, error_shape(err))
        version = request.get("version") if isinstance(request, Mapping) else None
        if response_template is None or version != ERROR_HANDLING_VERSION:
            raise
        error = error_shape(err)
        # what AppSync still exposes as `$ctx.result` (a conflict's server item, cancellations)
        result = getattr(err, "result", None)
    else:
        if run.trace is not None:
            run.trace.data_source(source.name, request, result, None)
    if response_template is None:
        return result
    if error is None and run.constant(response_template):
        return {}
    context = run.context(result=result, error=error, prev=prev)
    rendered = run.render(response_template, context, response_type, function)
    if rendered.is_return:
        return rendered.return_value
    return _parse_json(rendered.text, response_template.file_name)


async def _run_pipeline(run: _Run) -> Any:
    config = run.config
    prev: Any = {}
    if config.code is not None:
        before_js = run.evaluate(config.code, "request", run.context(), "BeforeMapping")
        if before_js.early_return:
            return before_js.value
        prev = before_js.value
    elif config.request_template is not None and run.constant(config.request_template):
        prev = {}
    elif config.request_template is not None:
        before = run.render(config.request_template, run.context(), "BeforeMapping")
        if before.is_return:
            return before.return_value
        prev = _parse_json(before.text, config.request_template.file_name)
    for function in config.functions:
        prev = await _call_data_source(
            run,
            function.data_source,
            f"Function {function.name}",
            function.request_template,
            function.response_template,
            prev,
            function.code,
            function.name,
            sync_config=function.sync_config,
        )
    if config.code is not None:
        context = run.context(result=prev, prev=prev)
        return run.evaluate(config.code, "response", context, "AfterMapping").value
    if config.response_template is None:
        return prev
    logged = run.trace is not None and run.trace.full
    if not logged and config.response_template.text == IDENTITY_AFTER:
        return prev  # `$util.toJson($ctx.prev.result)` parsed back: the same JSON value
    after = run.render(
        config.response_template, run.context(result=prev, prev=prev), "AfterMapping"
    )
    if after.is_return:
        return after.return_value
    return _parse_json(after.text, config.response_template.file_name)


async def execute_resolver(
    config: ResolverConfig,
    invocation: FieldInvocation,
    data_sources: Mapping[str, DataSource],
    log: FieldLogSink | None = None,
) -> ResolverOutcome:
    """Resolve one field as AppSync does.

    The field's arguments are copied once; every template of this execution then shares that
    copy and one stash, so `$ctx.args` changes and stash entries flow through a pipeline.

    :raises ResolverError: `$util.error` / `$util.unauthorized`, a data-source failure not
        handled by a 2018-05-29 response template, a template error, a missing data source.
    """
    run = _Run(config, invocation, data_sources, copy_value(invocation.arguments))
    if log is None:
        return await _execute(run)
    trace = FieldTrace(
        log,
        type_name=config.type_name,
        field_name=config.field_name,
        path=invocation.path,
        request_id=invocation.request_id,
        return_type=invocation.return_type,
    )
    run.trace = trace
    try:
        outcome = await _execute(run)
    except Exception as err:
        trace.fail(err)
        trace.finish(run.errors)
        raise
    trace.finish(run.errors)
    return outcome


async def _execute(run: _Run) -> ResolverOutcome:
    config = run.config
    if config.kind == "PIPELINE":
        data = await _run_pipeline(run)
    else:
        data = await _call_data_source(
            run,
            config.data_source,
            run.owner,
            config.request_template,
            config.response_template,
            None,
            config.code,
            sync_config=config.sync_config,
        )
    return ResolverOutcome(data, run.errors, run.extensions)
