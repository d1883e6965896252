"""`--log-level`: a query over the endpoint writes AppSync field logs to `logs/appsync.log`."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync import field_log, tracing
from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
from amplify_mock.simulators.appsync.field_log import FieldLog, compact_line, field_log_for
from amplify_mock.simulators.appsync.state import StateHolder, build_api_state
from amplify_mock.simulators.appsync.tracing import RequestLog, Tracer, traced_runner
from amplify_mock.simulators.appsync.wiring import data_source_factory, ensure_tables
from amplify_mock.simulators.dynamodb.client import StoreClient
from amplify_mock.simulators.dynamodb.store import Store
from resolvers.trace import LogLevel

from .conftest import API_KEY

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
V2_TODO = Path(__file__).parents[2] / "transformer" / "v2" / "golden" / "serve-todo" / "build"
KEY = {"x-api-key": API_KEY}


@pytest.fixture
async def store_client() -> AsyncIterator[StoreClient]:
    store = Store.open(None)
    yield StoreClient(store)
    store.close()


async def _client(
    aiohttp_client: ClientFactory, build: Path, store: StoreClient, log: FieldLog
) -> TestClient[Any, Any]:
    state = build_api_state(
        build,
        data_source_factory=data_source_factory(dynamodb_client=store),
        api_key=API_KEY,
        runner=traced_runner,
    )
    await ensure_tables(store, state.config)
    options = EndpointOptions(tracer=Tracer(log))
    return await aiohttp_client(create_app(StateHolder(state), options=options))


async def _post(client: TestClient[Any, Any], query: str) -> Any:
    response = await client.post("/graphql", json={"query": query}, headers=KEY)
    return await response.json()


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _log(tmp_path: Path, level: LogLevel, echoed: list[str]) -> FieldLog:
    return FieldLog(level, tmp_path / "logs" / "appsync.log", echoed.append)


async def test_pipeline_query_writes_appsync_log_lines_with_rendered_templates(
    aiohttp_client: ClientFactory, store_client: StoreClient, tmp_path: Path
) -> None:
    echoed: list[str] = []
    log = _log(tmp_path, "ALL", echoed)
    client = await _client(aiohttp_client, V2_TODO, store_client, log)
    await _post(client, 'mutation { createTodo(input: {id: "t1", name: "Milk"}) { id } }')
    got = await _post(client, '{ getTodo(id: "t1") { id name } }')
    assert got == {"data": {"getTodo": {"id": "t1", "name": "Milk"}}}
    log.close()
    entries = [e for e in _lines(log.log_file) if e.get("fieldName") == "getTodo"]
    assert [e["logType"] for e in entries] == [
        "BeforeMapping",
        "RequestFunctionEvaluation",  # the auth slot (returns early: no data source call)
        "RequestFunctionEvaluation",
        "DataSourceInvocation",
        "ResponseFunctionEvaluation",
        "AfterMapping",
        "Tracing",
    ]
    request_ids = {e["requestId"] for e in entries}
    assert len(request_ids) == 1 and None not in request_ids
    assert entries[0]["path"] == ["getTodo"] and entries[0]["parentType"] == "Query"
    assert entries[1]["functionName"] == "QuerygetTodopostAuth0Function"
    get_item = entries[2]
    assert get_item["functionName"] == "QueryGetTodoDataResolverFn"
    rendered = json.loads(get_item["transformedTemplate"])  # v2 reads one item with a Query
    assert rendered["operation"] == "Query" and "t1" in get_item["transformedTemplate"]
    assert get_item["context"]["arguments"] == {"id": "t1"}
    assert entries[3]["response"]["items"][0]["name"] == "Milk"
    assert json.loads(entries[5]["transformedTemplate"])["name"] == "Milk"
    assert all(e["fieldInError"] is False for e in entries)
    assert any(line.startswith("[AfterMapping] Query.getTodo (getTodo)") for line in echoed)
    tracing = entries[-1]
    assert tracing["returnType"] == "Todo" and tracing["startOffset"] > 0
    (request_id,) = request_ids
    request_level = [e for e in _lines(log.log_file) if "fieldName" not in e]
    execution, summary = [e for e in request_level if e["requestId"] == request_id]
    assert execution["logType"] == "ExecutionSummary" and execution["graphQLAPIId"] == "local"
    assert execution["version"] == 1 and execution["duration"] >= tracing["duration"]
    assert execution["parsing"]["startOffset"] >= 0 and execution["endTime"].endswith("Z")
    assert summary == {
        "logType": "RequestSummary",
        "requestId": request_id,
        "graphQLAPIId": "local",
        "statusCode": 200,
        "latency": summary["latency"],
    }
    assert summary["latency"] >= execution["duration"] > 0
    assert f"[RequestSummary] {request_id} status=200 " in "\n".join(echoed)


async def test_error_level_logs_the_template_error_with_file_line_and_column(
    aiohttp_client: ClientFactory, store_client: StoreClient, tmp_path: Path
) -> None:
    build = tmp_path / "build"
    shutil.copytree(V2_TODO, build)
    template = build / "resolvers" / "Query.getTodo.res.vtl"
    template.write_text('## broken on purpose\n#set($x = $util.parseJson("{bad"))\n$x\n')
    echoed: list[str] = []
    log = _log(tmp_path, "ERROR", echoed)
    client = await _client(aiohttp_client, build, store_client, log)
    await _post(client, 'mutation { createTodo(input: {id: "t1", name: "Milk"}) { id } }')
    got = await _post(client, '{ getTodo(id: "t1") { id } }')
    assert got["data"] == {"getTodo": None}
    message = got["errors"][0]["message"]
    log.close()
    lines = _lines(log.log_file)
    entries = [e for e in lines if "fieldName" in e]
    assert {e["fieldName"] for e in entries} == {"getTodo"}  # ERROR: only fields in error
    # the request-level entries of both requests, on the terminal only for the failed one
    assert [e["logType"] for e in lines if "fieldName" not in e] == [
        "ExecutionSummary",
        "RequestSummary",
    ] * 2
    assert sum(line.startswith("[RequestSummary]") for line in echoed) == 1
    failed = next(e for e in entries if e["errors"])
    # v2: Query.getTodo.res.vtl is the data function's response template
    assert failed["logType"] == "ResponseFunctionEvaluation"
    assert failed["functionName"] == "QueryGetTodoDataResolverFn"
    location = failed["errors"][0]["location"]
    assert location["file"].endswith("Query.getTodo.res.vtl")
    assert (location["line"], location["column"]) == (2, 1)  # the #set directive
    assert failed["errors"][0]["message"] == message
    assert f"Query.getTodo.res.vtl:2:{location['column']}: " in message
    assert any("error: " in line and "Query.getTodo.res.vtl:2:" in line for line in echoed)
    assert any(line.endswith("Query.getTodo.res.vtl:2:1") for line in echoed)


def test_compact_line_of_a_data_source_call() -> None:
    entry = {
        "logType": "DataSourceInvocation",
        "path": ["getTodo"],
        "parentType": "Query",
        "fieldName": "getTodo",
        "dataSource": "TodoTable",
        "request": {"operation": "GetItem"},
        "response": {"id": "1"},
        "errors": [],
    }
    assert compact_line(entry) == (
        '[DataSourceInvocation] Query.getTodo (getTodo) TodoTable <- {"operation": "GetItem"}'
        ' -> {"id": "1"}'
    )


def test_no_reader_means_no_request_log(tmp_path: Path) -> None:
    tracer = Tracer(None)
    assert tracer.begin() is None
    unwatch = tracer.watch(lambda trace: None)
    log = tracer.begin()
    assert log is not None and log.level == "ALL"
    unwatch()
    assert tracer.begin() is None
    at_error = Tracer(FieldLog("ERROR", tmp_path / "appsync.log"))
    error_log = at_error.begin()
    assert error_log is not None and error_log.level == "ERROR"
    assert at_error.keeping is False


def test_compact_line_of_the_request_summary() -> None:
    entry = {"logType": "RequestSummary", "requestId": "r1", "statusCode": 401,
             "latency": 1_500_000, "graphQLAPIId": "local"}  # fmt: skip
    assert compact_line(entry) == "[RequestSummary] r1 status=401 1.50ms"


class _Reporter:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, message: str) -> None:
        self.lines.append(message)


def test_field_log_for_each_level(tmp_path: Path) -> None:
    reporter = _Reporter()
    assert field_log_for("NONE", tmp_path, reporter) is None
    error = field_log_for("error", tmp_path, reporter)
    assert error is not None and error.level == "ERROR"
    assert error.log_file == tmp_path / "logs" / "appsync.log"
    full = field_log_for("ALL", tmp_path, reporter)
    assert full is not None and full.level == "ALL"
    full.write([{"logType": "ApplicationLog", "path": ["a"], "parentType": "Query",
                 "fieldName": "a", "level": "INFO", "message": "hi", "errors": []}])  # fmt: skip
    full.close()
    assert reporter.lines == ["[ApplicationLog] Query.a (a) INFO: hi"]
    assert json.loads(full.log_file.read_text())["message"] == "hi"


def test_the_log_file_rotates_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(field_log, "MAX_BYTES", 200)
    log = FieldLog("ALL", tmp_path / "appsync.log")
    for n in range(10):
        log.write([{"logType": "ApplicationLog", "message": "x" * 50, "n": n}])
    log.close()
    assert (tmp_path / "appsync.log.1").is_file()
    newest = _lines(tmp_path / "appsync.log")
    assert newest[-1]["n"] == 9 and (tmp_path / "appsync.log").stat().st_size <= 200


async def test_lines_are_written_in_batches_off_the_request(tmp_path: Path) -> None:
    log = FieldLog("ALL", tmp_path / "appsync.log")
    log.write([{"logType": "ApplicationLog", "message": "first", "n": 1}], echo=False)
    log.write([{"logType": "ApplicationLog", "message": "second", "n": 2}], echo=False)
    assert not log.log_file.exists()  # a list append per line while the request runs
    deadline = asyncio.get_running_loop().time() + 5
    while not log.log_file.exists() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.02)
    assert [e["n"] for e in _lines(log.log_file)] == [1, 2]
    log.close()


def test_request_level_lines_are_the_json_of_their_entries() -> None:
    log = Tracer(None).begin() or RequestLog("ERROR")
    log.parsed(log.started_ns)
    execution = tracing._execution_summary(log, 1_234_567)
    summary = {"logType": "RequestSummary", "requestId": log.request_id,
               "graphQLAPIId": "local", "statusCode": 401, "latency": 1_300_000}  # fmt: skip
    for entry, line in ((execution, tracing._execution_line(execution)),
                        (summary, tracing._summary_line(summary))):  # fmt: skip
        assert json.loads(line) == entry
        assert line == json.dumps(entry, separators=(",", ":"))
