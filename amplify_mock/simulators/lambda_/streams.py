"""DynamoDB stream triggers: the project's event source mappings and the Lambda events they send.

Records come from the DynamoDB store in the `GetRecords` shape; each batch of at most
`BatchSize` records becomes one `{"Records": [...]}` event with the fields Lambda adds
(`eventSourceARN`). Not emulated: retries of a failed batch, bisecting, filters, tumbling
windows, `MaximumBatchingWindowInSeconds` (records are sent as soon as they are delivered).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import logging
import re
import uuid
from collections.abc import AsyncIterable, AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from amplify_mock.simulators.lambda_.config import list_functions, template_path
from amplify_mock.simulators.lambda_.parameters import read_json
from resolvers.data_sources.lambda_ import LambdaInvokeError, LambdaInvoker

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DynamoDBStreamTrigger",
    "StreamTriggerConfig",
    "find_stream_triggers",
    "poll_stream",
    "run_stream_trigger",
    "to_lambda_record",
]

LOG = logging.getLogger(__name__)

#: Lambda's default `BatchSize` for DynamoDB event source mappings.
DEFAULT_BATCH_SIZE = 100

_TABLE_STREAM_EXPORT = re.compile(r":GetAtt:(?P<table>[^:]+):StreamArn$")


@dataclass(frozen=True)
class StreamTriggerConfig:
    """One `AWS::Lambda::EventSourceMapping` of a function on a table's stream.

    `table` is the `@model` table's logical name (`TodoTable`) when the mapping imports the
    API's stream export, else None; `source` is the raw `EventSourceArn` for other wiring
    (a storage-category table's `Ref`).
    """

    function_name: str
    resource_name: str
    table: str | None
    batch_size: int
    starting_position: str
    enabled: bool
    source: Any


def find_stream_triggers(project_root: Path) -> list[StreamTriggerConfig]:
    """Every DynamoDB event source mapping in the project's function templates."""
    found: list[StreamTriggerConfig] = []
    for name in list_functions(project_root):
        template = read_json(template_path(project_root, name))
        resources = template.get("Resources") if isinstance(template, dict) else None
        if not isinstance(resources, dict):
            continue
        for resource_name, resource in sorted(resources.items()):
            if not isinstance(resource, dict):
                continue
            if resource.get("Type") != "AWS::Lambda::EventSourceMapping":
                continue
            properties = resource.get("Properties") or {}
            source = properties.get("EventSourceArn")
            found.append(
                StreamTriggerConfig(
                    function_name=name,
                    resource_name=resource_name,
                    table=_table_of(source),
                    batch_size=_int(properties.get("BatchSize"), DEFAULT_BATCH_SIZE),
                    starting_position=str(properties.get("StartingPosition") or "LATEST"),
                    enabled=properties.get("Enabled", True) not in (False, "false"),
                    source=source,
                )
            )
    return found


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _table_of(source: Any) -> str | None:
    """The table of `{"Fn::ImportValue": {"Fn::Sub": "${apiId}:GetAtt:TodoTable:StreamArn"}}`."""
    if isinstance(source, dict):
        imported = source.get("Fn::ImportValue")
        if isinstance(imported, dict):
            sub = imported.get("Fn::Sub")
            text = sub if isinstance(sub, str) else (sub[0] if isinstance(sub, list) else None)
            if isinstance(text, str):
                match = _TABLE_STREAM_EXPORT.search(text)
                if match:
                    return match["table"]
    return None


def to_lambda_record(
    record: Mapping[str, Any], *, event_source_arn: str, region: str
) -> dict[str, Any]:
    """A `GetRecords` record as Lambda delivers it: the same fields plus `eventSourceARN`."""
    dynamodb = dict(record.get("dynamodb") or {})
    created = dynamodb.get("ApproximateCreationDateTime")
    if isinstance(created, dt.datetime):
        dynamodb["ApproximateCreationDateTime"] = int(created.timestamp())
    elif isinstance(created, float) and created.is_integer():
        dynamodb["ApproximateCreationDateTime"] = int(created)
    for image in ("Keys", "NewImage", "OldImage"):
        if image in dynamodb:
            dynamodb[image] = _jsonable(dynamodb[image])
    converted = {
        "eventID": record.get("eventID") or uuid.uuid4().hex,
        "eventName": record.get("eventName"),
        "eventVersion": record.get("eventVersion") or "1.1",
        "eventSource": record.get("eventSource") or "aws:dynamodb",
        "awsRegion": record.get("awsRegion") or region,
        "dynamodb": dynamodb,
        "eventSourceARN": event_source_arn,
    }
    if "userIdentity" in record:
        converted["userIdentity"] = record["userIdentity"]
    return converted


def _jsonable(value: Any) -> Any:
    """Binary attribute values (bytes from a store) as base64 text, as the wire carries them."""
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


class DynamoDBStreamTrigger:
    """Feeds one table's stream records to one function in batches of `batch_size`.

    Call `deliver` with each page of records (a `GetRecords` response or a list of records),
    or `consume` with an async iterable of such pages. A batch whose invocation fails is
    logged and skipped (not retried); `deliver` returns the results of its invocations.
    """

    def __init__(
        self,
        invoker: LambdaInvoker,
        function_name: str,
        *,
        event_source_arn: str,
        batch_size: int = DEFAULT_BATCH_SIZE,
        region: str = "us-fake-1",
    ) -> None:
        self.invoker = invoker
        self.function_name = function_name
        self.event_source_arn = event_source_arn
        self.batch_size = max(1, batch_size)
        self.region = region
        self.failures: list[LambdaInvokeError] = []

    async def deliver(self, page: StreamInput) -> list[Any]:
        """Invoke the function once per batch of the page's records, in order."""
        converted = [
            to_lambda_record(r, event_source_arn=self.event_source_arn, region=self.region)
            for r in _records_of(page)
        ]
        results: list[Any] = []
        for start in range(0, len(converted), self.batch_size):
            results.append(await self._invoke(converted[start : start + self.batch_size]))
        return results

    async def consume(self, source: AsyncIterable[StreamInput]) -> None:
        """Deliver what `source` yields (pages or single records) until it ends.

        Records that are already waiting when a batch starts go into that batch (up to
        `batch_size`), so a burst of single records is delivered in few invocations.
        """
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

        async def pull() -> None:
            try:
                async for item in source:
                    for record in _records_of(item):
                        queue.put_nowait(
                            to_lambda_record(
                                record, event_source_arn=self.event_source_arn, region=self.region
                            )
                        )
            finally:
                queue.put_nowait(None)

        puller = asyncio.create_task(pull())
        try:
            while True:
                first = await queue.get()
                if first is None:
                    break
                batch = [first]
                ended = False
                while len(batch) < self.batch_size and not queue.empty():
                    record = queue.get_nowait()
                    if record is None:
                        ended = True
                        break
                    batch.append(record)
                await self._invoke(batch)
                if ended:
                    break
        finally:
            puller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await puller

    async def _invoke(self, batch: list[dict[str, Any]]) -> Any:
        try:
            return await self.invoker.invoke(self.function_name, {"Records": batch})
        except LambdaInvokeError as err:
            self.failures.append(err)
            LOG.warning(
                "Stream trigger %s failed on %d record(s) of %s: %s",
                self.function_name,
                len(batch),
                self.event_source_arn,
                err.message,
            )
            return None


#: What a stream source yields: a `GetRecords` response, a list of records, or one record.
StreamInput = Mapping[str, Any] | Sequence[Mapping[str, Any]]


def _records_of(item: StreamInput) -> Sequence[Mapping[str, Any]]:
    if isinstance(item, Mapping):
        if "Records" in item:
            records = item["Records"]
            return records if isinstance(records, Sequence) else []
        return [item]
    return item


class StreamsClient(Protocol):
    """Anything that answers DynamoDB Streams API calls (e.g. the store's `StoreClient`)."""

    async def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]: ...


async def poll_stream(
    client: StreamsClient,
    stream_arn: str,
    *,
    iterator_type: str = "LATEST",
    interval: float = 0.25,
) -> AsyncIterator[dict[str, Any]]:
    """Yield each non-empty `GetRecords` page of the stream's open shard, polling forever.

    The Amplify CLI's mock polls the same way (from `LATEST`, every 250 ms); cancel the
    consuming task to stop.
    """
    description = (await client.call("DescribeStream", {"StreamArn": stream_arn}))[
        "StreamDescription"
    ]
    shards = [
        shard
        for shard in description.get("Shards") or []
        if "EndingSequenceNumber" not in (shard.get("SequenceNumberRange") or {})
    ]
    if not shards:
        return
    iterator = (
        await client.call(
            "GetShardIterator",
            {
                "StreamArn": stream_arn,
                "ShardId": shards[0]["ShardId"],
                "ShardIteratorType": iterator_type,
            },
        )
    )["ShardIterator"]
    while iterator:
        page = await client.call("GetRecords", {"ShardIterator": iterator})
        iterator = page.get("NextShardIterator")
        if page.get("Records"):
            yield page
        else:
            await asyncio.sleep(interval)


async def run_stream_trigger(
    invoker: LambdaInvoker,
    client: StreamsClient,
    config: StreamTriggerConfig,
    *,
    table_name: str | None = None,
    region: str = "us-fake-1",
    interval: float = 0.25,
) -> DynamoDBStreamTrigger | None:
    """Feed `config`'s table stream to its function until cancelled.

    `table_name` overrides the table the mapping names (the local store may name `@model`
    tables differently). Returns None at once when the table has no stream or is unknown.
    """
    name = table_name or config.table
    if not name:
        LOG.warning("Stream trigger %s: no table to listen to", config.function_name)
        return None
    try:
        table = (await client.call("DescribeTable", {"TableName": name}))["Table"]
    except Exception as err:  # the client's own error type; the trigger just stays off
        LOG.warning("Stream trigger %s: table %s: %s", config.function_name, name, err)
        return None
    arn = table.get("LatestStreamArn")
    if not config.enabled:
        LOG.info("Stream trigger %s on %s is disabled (Enabled: false)", config.function_name, name)
        return None
    if not arn:
        LOG.warning("Stream trigger %s: table %s has no stream", config.function_name, name)
        return None
    trigger = DynamoDBStreamTrigger(
        invoker,
        config.function_name,
        event_source_arn=str(arn),
        batch_size=config.batch_size,
        region=region,
    )
    position = "TRIM_HORIZON" if config.starting_position == "TRIM_HORIZON" else "LATEST"
    await trigger.consume(poll_stream(client, str(arn), iterator_type=position, interval=interval))
    return trigger
