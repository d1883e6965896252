"""The DynamoDB and DynamoDB Streams operations, keyed by their AWS API names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.dynamodb.operations.batch import batch_get_item, batch_write_item
from amplify_mock.simulators.dynamodb.operations.items import (
    delete_item,
    get_item,
    put_item,
    update_item,
)
from amplify_mock.simulators.dynamodb.operations.misc import (
    describe_endpoints,
    describe_limits,
    describe_time_to_live,
    list_tags_of_resource,
    tag_resource,
    untag_resource,
    update_time_to_live,
)
from amplify_mock.simulators.dynamodb.operations.reads import query, scan
from amplify_mock.simulators.dynamodb.operations.streams import (
    describe_stream,
    get_records,
    get_shard_iterator,
    list_streams,
)
from amplify_mock.simulators.dynamodb.operations.tables import (
    create_table,
    delete_table,
    describe_table,
    list_tables,
    update_table,
)
from amplify_mock.simulators.dynamodb.operations.transactions import (
    transact_get_items,
    transact_write_items,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from amplify_mock.simulators.dynamodb.store import Store

__all__ = ["OPERATIONS", "SLOW_OPERATIONS", "is_slow"]


OPERATIONS: dict[str, Callable[[Store, dict[str, Any]], dict[str, Any]]] = {
    "CreateTable": create_table,
    "DeleteTable": delete_table,
    "DescribeTable": describe_table,
    "ListTables": list_tables,
    "UpdateTable": update_table,
    "DescribeTimeToLive": describe_time_to_live,
    "UpdateTimeToLive": update_time_to_live,
    "TagResource": tag_resource,
    "UntagResource": untag_resource,
    "ListTagsOfResource": list_tags_of_resource,
    "DescribeEndpoints": describe_endpoints,
    "DescribeLimits": describe_limits,
    "PutItem": put_item,
    "GetItem": get_item,
    "UpdateItem": update_item,
    "DeleteItem": delete_item,
    "Query": query,
    "Scan": scan,
    "BatchGetItem": batch_get_item,
    "BatchWriteItem": batch_write_item,
    "TransactGetItems": transact_get_items,
    "TransactWriteItems": transact_write_items,
    "ListStreams": list_streams,
    "DescribeStream": describe_stream,
    "GetShardIterator": get_shard_iterator,
    "GetRecords": get_records,
}

#: Operations that can read or rewrite many items: callers on an event loop run these in a
#: thread; the rest take microseconds and run inline.
SLOW_OPERATIONS = frozenset({"Scan", "Query", "BatchWriteItem", "UpdateTable", "DeleteTable"})


def is_slow(store: Store, operation: str, params: Mapping[str, Any]) -> bool:
    """Whether `operation` can take long: a `SLOW_OPERATIONS` one, except a `Query` of a table
    whose key is a hash key only (it reads one item at most: the v2 transformer's `get<Model>`
    is such a Query)."""
    if operation not in SLOW_OPERATIONS:
        return False
    if operation != "Query" or params.get("IndexName") is not None:
        return True
    name = params.get("TableName")
    table = store.find_table(name) if isinstance(name, str) else None
    return table is None or table.key.range_name is not None
