"""The local S3 of a mock run: its buckets, websites, and the functions its events trigger."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from amplify_mock.simulators.s3 import (
    NotificationTarget,
    S3Server,
    S3Settings,
    WebsiteConfiguration,
    matching_targets,
)

if TYPE_CHECKING:
    from amplify_mock.mock.gen1.hosting import HostingBucket
    from amplify_mock.simulators.s3.state import S3Access
    from resolvers.data_sources.lambda_ import LambdaInvoker

__all__ = ["BucketTriggers", "start_local_s3"]


@dataclass(frozen=True)
class BucketTriggers:
    """The Lambda targets of one bucket; `functions_for` applies the event and key filters."""

    bucket: str
    targets: tuple[NotificationTarget, ...]

    def functions_for(self, event_name: str, key: str) -> list[str]:
        """Function names or ARNs (the Lambda runner takes either) to invoke, in order."""
        found: list[str] = []
        for target in matching_targets(self.targets, event_name, key):
            function = target.function
            if isinstance(function, str) and function not in found:
                found.append(function)
        return found


async def start_local_s3(
    *,
    root: Path,
    buckets: tuple[str, ...],
    region: str,
    hosting: tuple[HostingBucket, ...],
    triggers: Mapping[str, BucketTriggers],
    invoker: Callable[[], LambdaInvoker | None],
    host: str,
    port: int,
    tls_also: ssl.SSLContext | None,
    authorizer: Callable[[S3Access], None] | None = None,
) -> S3Server:
    """Start the local S3 serving `buckets` (and `hosting` as websites) under `root`.

    Each object event is delivered to the functions `triggers` select, through the invoker
    `invoker()` returns at that time (none: not delivered).
    """

    async def on_event(
        bucket: str, event_name: str, key: str, size: int | None, etag: str | None
    ) -> None:
        from amplify_mock.simulators.lambda_.s3_events import dispatch_s3_event
        from amplify_mock.simulators.s3 import build_s3_event

        bucket_triggers = triggers.get(bucket)
        runner = invoker()
        if bucket_triggers is None or runner is None:
            return
        for function in bucket_triggers.functions_for(event_name, key):
            event = build_s3_event(bucket, event_name, key, size, etag, region=region)
            await dispatch_s3_event(runner, function, event)

    settings = S3Settings(
        root=root,
        buckets=buckets,
        region=region,
        on_event=on_event if triggers else None,
        authorizer=authorizer,
        websites={
            bucket.bucket_name: WebsiteConfiguration(bucket.index_document, bucket.error_document)
            for bucket in hosting
        },
    )
    server = S3Server(settings, host=host, port=port)
    await server.start(tls_also=tls_also)
    return server
