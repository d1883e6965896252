"""The `@aws-appsync/utils/dynamodb` requests, run by the DynamoDB data source on the store."""

from __future__ import annotations

from typing import Any

import pytest

from resolvers.context import build_context
from resolvers.data_sources.dynamodb import DynamoDBDataSource
from resolvers.errors import DataSourceError
from resolvers.js import JsCode, evaluate
from tests.resolvers.test_dynamodb_data_source import posts, store  # noqa: F401


async def run(posts: DynamoDBDataSource, expression: str, **args: Any) -> Any:  # noqa: F811
    code = JsCode(
        "import * as ddb from '@aws-appsync/utils/dynamodb';\n"
        f"export function request(ctx) {{ return {expression}; }}\n",
        "op.js",
    )
    request = evaluate(code, "request", build_context(arguments=args)).value
    return await posts.invoke(request)


async def test_put_update_get_query_scan_remove(posts: DynamoDBDataSource) -> None:  # noqa: F811
    item = {"id": "p1", "blogId": "b1", "rank": 1, "title": "One", "views": 0, "tags": ["x"]}
    put = "ddb.put({ key: { id: ctx.args.id }, item: ctx.args.item, condition: { id: { attributeExists: false } } })"  # noqa: E501
    assert await run(posts, put, id="p1", item=item) == {**item}
    # AppSync succeeds when a failed condition finds the item already as requested
    assert await run(posts, put, id="p1", item=item) == {**item}
    with pytest.raises(DataSourceError) as caught:
        await run(posts, put, id="p1", item={**item, "title": "Other"})
    assert caught.value.error_type == "DynamoDB:ConditionalCheckFailedException"

    updated = await run(
        posts,
        "ddb.update({ key: { id: 'p1' }, update: { title: 'Uno',"
        " views: ddb.operations.increment(5), tags: ddb.operations.append(['y']),"
        " rank: ddb.operations.remove() } })",
    )
    assert updated == {"id": "p1", "blogId": "b1", "title": "Uno", "views": 5, "tags": ["x", "y"]}
    assert await run(posts, "ddb.get({ key: { id: 'p1' }, consistentRead: true })") == updated

    await run(
        posts, "ddb.put({ key: { id: 'p2' }, item: { blogId: 'b1', rank: 2, title: 'Two' } })"
    )
    page = await run(
        posts,
        "ddb.query({ index: 'byBlog', query: { blogId: { eq: 'b1' }, rank: { gt: 0 } },"
        " scanIndexForward: false, limit: 5 })",
    )
    assert [i["id"] for i in page["items"]] == ["p2"]
    scanned = await run(posts, "ddb.scan({ filter: { title: { contains: 'Un' } } })")
    assert [i["id"] for i in scanned["items"]] == ["p1"]

    removed = await run(posts, "ddb.remove({ key: { id: 'p1' }, condition: { views: { eq: 5 } } })")
    assert removed["id"] == "p1"
    assert await run(posts, "ddb.get({ key: { id: 'p1' } })") is None
