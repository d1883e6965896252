"""AppSync's execution limits on POST /graphql: resolver count, depth, deadline, size, cancel."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
from amplify_mock.simulators.appsync.config import ApiConfig, ResolverSpec
from amplify_mock.simulators.appsync.execution import FieldCall, FieldOutcome
from amplify_mock.simulators.appsync.limits import query_depth
from amplify_mock.simulators.appsync.server import AppSyncServer
from amplify_mock.simulators.appsync.state import StateHolder

from .conftest import FakeRunner, make_state, user_pool_token

ClientFactory = Callable[..., Awaitable[TestClient[Any, Any]]]
HEADERS = {"Authorization": user_pool_token()}


def fan_out_query(levels: int) -> str:
    """`getBlog { posts { items { blog { posts { ... } } } } }`: 2^levels posts at the bottom."""
    inner = "id"
    for _ in range(levels):
        inner = f"posts {{ items {{ id blog {{ {inner} }} }} }}"
    return f'{{ getBlog(id: "b1") {{ {inner} }} }}'


def blog_functions() -> dict[str, Callable[[FieldCall], Any]]:
    """Every blog has two posts and every post points back at the blog."""
    return {
        "Query.getBlog": lambda call: {"id": "b1", "name": "B"},
        "Blog.posts": lambda call: {"items": [{"id": "p1"}, {"id": "p2"}], "nextToken": None},
        "Post.blog": lambda call: {"id": "b1", "name": "B"},
        "Query.listBlogs": lambda call: {"items": [{"id": "b1", "name": "B"}], "nextToken": None},
    }


async def _client(
    aiohttp_client: ClientFactory,
    config: ApiConfig,
    runner: FakeRunner,
    options: EndpointOptions | None = None,
) -> TestClient[Any, Any]:
    return await aiohttp_client(
        create_app(StateHolder(make_state(config, runner)), options=options)
    )


async def test_limits_fan_out_is_cut_off_at_the_resolver_count_limit(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = FakeRunner(blog_functions())
    client = await _client(aiohttp_client, blog_config, runner)
    response = await client.post("/graphql", json={"query": fan_out_query(16)}, headers=HEADERS)
    assert response.status == 200
    body = await response.json()
    limit_errors = [e for e in body["errors"] if e["errorType"] == "ResolverCountLimitExceeded"]
    assert [e["message"] for e in limit_errors] == ["Resolver count limit of 10000 exceeded."]
    assert len(runner.calls) == 10_000


async def test_limits_resolver_count_limit_of_the_api(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = FakeRunner(blog_functions())
    config = dataclasses.replace(blog_config, resolver_count_limit=5)
    client = await _client(aiohttp_client, config, runner)
    response = await client.post("/graphql", json={"query": fan_out_query(3)}, headers=HEADERS)
    body = await response.json()
    assert len(runner.calls) == 5
    assert [e["message"] for e in body["errors"]] == ["Resolver count limit of 5 exceeded."]


async def test_limits_query_depth_limit_of_the_api(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = FakeRunner(blog_functions())
    config = dataclasses.replace(blog_config, query_depth_limit=3)
    client = await _client(aiohttp_client, config, runner)
    response = await client.post("/graphql", json={"query": fan_out_query(1)}, headers=HEADERS)
    assert response.status == 200
    assert await response.json() == {
        "data": None,
        "errors": [
            {
                "path": None,
                "data": None,
                "errorType": "QueryDepthLimitExceeded",
                "errorInfo": None,
                "locations": [],
                "message": "Query depth 5 exceeds the query depth limit of 3.",
            }
        ],
    }
    assert runner.calls == []
    shallow = await client.post(
        "/graphql", json={"query": '{ getBlog(id: "b1") { id name } }'}, headers=HEADERS
    )
    assert await shallow.json() == {"data": {"getBlog": {"id": "b1", "name": "B"}}}


def test_limits_query_depth_counts_fragments_once_each() -> None:
    from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

    # 40 fragments, each spreading the next twice: 2^40 paths, measured in linear time
    fragments = [
        f"fragment F{i} on Blog {{ posts {{ items {{ blog {{ ...F{i + 1} ...F{i + 1} }} }} }} }}"
        for i in range(40)
    ]
    document = parse(
        "{ getBlog(id: 1) { ...F0 } }\n" + "\n".join(fragments) + "\nfragment F40 on Blog { id }"
    )
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    by_name = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    assert query_depth(operation, by_name) == 2 + 40 * 3


async def test_limits_deep_query_beyond_the_executor_is_refused(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = FakeRunner(blog_functions())
    client = await _client(aiohttp_client, blog_config, runner)
    response = await client.post("/graphql", json={"query": fan_out_query(30)}, headers=HEADERS)
    body = await response.json()
    assert [e["message"] for e in body["errors"]] == [
        "Query depth 92 exceeds the query depth limit of 75."
    ]


class SlowRunner(FakeRunner):
    """Each resolver waits `delay` seconds; records whether its work was cancelled."""

    def __init__(self, functions: Mapping[str, Any], delay: float) -> None:
        super().__init__(functions)
        self.delay = delay
        self.cancelled = asyncio.Event()

    async def __call__(
        self, spec: ResolverSpec, call: FieldCall, data_sources: Mapping[str, Any]
    ) -> FieldOutcome:
        try:
            await asyncio.sleep(self.delay)
        except asyncio.CancelledError:
            self.cancelled.set()
            raise
        return await super().__call__(spec, call, data_sources)


async def test_limits_request_deadline_answers_execution_timeout(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = SlowRunner(blog_functions(), delay=30)
    options = EndpointOptions(request_timeout=0.2)
    client = await _client(aiohttp_client, blog_config, runner, options)
    response = await client.post(
        "/graphql", json={"query": '{ getBlog(id: "b1") { id } }'}, headers=HEADERS
    )
    assert response.status == 200
    assert await response.json() == {
        "data": None,
        "errors": [{"errorType": "ExecutionTimeout", "message": "Execution timed out."}],
    }
    assert runner.cancelled.is_set()


async def test_limits_response_size_limit(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = FakeRunner(blog_functions())
    client = await _client(
        aiohttp_client, blog_config, runner, EndpointOptions(response_size_limit=200)
    )
    response = await client.post("/graphql", json={"query": fan_out_query(4)}, headers=HEADERS)
    assert await response.json() == {
        "data": None,
        "errors": [
            {
                "errorType": "ResponseSizeLimitExceeded",
                "message": "Response size exceeds the limit of 200 bytes.",
            }
        ],
    }


async def test_limits_small_query_is_answered_while_a_fan_out_runs(
    aiohttp_client: ClientFactory, blog_config: ApiConfig
) -> None:
    runner = FakeRunner(blog_functions())
    client = await _client(aiohttp_client, blog_config, runner)
    finished: list[str] = []

    async def post(name: str, query: str) -> None:
        response = await client.post("/graphql", json={"query": query}, headers=HEADERS)
        await response.read()
        finished.append(name)

    big = asyncio.create_task(post("fan-out", fan_out_query(16)))
    while len(runner.calls) < 100:  # the fan-out is under way
        await asyncio.sleep(0)
    await post("small", '{ getBlog(id: "b1") { id name } }')
    assert finished == ["small"]
    assert len(runner.calls) < 10_000  # answered while the fan-out was still resolving
    big.cancel()  # its own end is test_limits_fan_out_is_cut_off_at_the_resolver_count_limit
    with contextlib.suppress(asyncio.CancelledError):
        await big


async def test_limits_disconnected_request_stops_its_work(blog_config: ApiConfig) -> None:
    runner = SlowRunner(blog_functions(), delay=0.01)
    server = AppSyncServer(make_state(blog_config, runner), port=0)
    port = await server.start()
    try:
        async with aiohttp.ClientSession() as session:
            request = asyncio.create_task(
                session.post(
                    f"http://127.0.0.1:{port}/graphql",
                    json={"query": fan_out_query(16)},
                    headers=HEADERS,
                )
            )
            while len(runner.calls) < 20:
                await asyncio.sleep(0.01)
            request.cancel()  # the client goes away
            with pytest.raises(asyncio.CancelledError):
                await request
        await asyncio.wait_for(runner.cancelled.wait(), 5)
        calls = len(runner.calls)
        await asyncio.sleep(0.2)
        assert len(runner.calls) == calls < 10_000
    finally:
        await server.stop()


async def test_server_holds_requests_until_open(blog_config: ApiConfig) -> None:
    server = AppSyncServer(make_state(blog_config, FakeRunner(blog_functions())), port=0)
    port = await server.start(hold_requests=True)
    try:
        async with aiohttp.ClientSession() as session:
            request = asyncio.create_task(
                session.post(
                    f"http://127.0.0.1:{port}/graphql",
                    json={"query": '{ getBlog(id: "b1") { id } }'},
                    headers=HEADERS,
                )
            )
            done, _ = await asyncio.wait([request], timeout=0.3)
            assert done == set()  # connected, but not answered before open()
            server.open()
            response = await asyncio.wait_for(request, 5)
            assert await response.json() == {"data": {"getBlog": {"id": "b1"}}}
    finally:
        await server.stop()
