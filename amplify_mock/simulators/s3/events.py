"""S3 event notifications: the record Lambda receives, and the key filters from CloudFormation.

The mock calls an injected `on_event(bucket, event_name, key, size, etag)` coroutine after
each object is created or removed; whoever wires the storage trigger (the Lambda runner) builds
the payload with `build_s3_event` and picks functions with `matching_targets`.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from amplify_mock.errors import AmplifyMockError

__all__ = [
    "EventCallback",
    "NotificationFilterError",
    "NotificationTarget",
    "build_s3_event",
    "event_name_matches",
    "key_filter_matches",
    "matching_targets",
    "notification_targets",
]

#: `on_event(bucket, event_name, key, size, etag)`; size and etag are None for removals.
EventCallback = Callable[[str, str, str, "int | None", "str | None"], Awaitable[None]]

_SEQUENCE = itertools.count(1)
_SEQUENCE_LOCK = threading.Lock()


def _sequencer() -> str:
    """Hex, strictly increasing per process (S3 only promises ordering per key)."""
    with _SEQUENCE_LOCK:
        return f"{time.time_ns():016X}{next(_SEQUENCE) % 0x10000:04X}"


def build_s3_event(
    bucket: str,
    event_name: str,
    key: str,
    size: int | None,
    etag: str | None,
    *,
    region: str = "us-east-1",
    configuration_id: str = "amplify-mock",
    now: float | None = None,
    principal_id: str = "AWS:AMPLIFYMOCKPRINCIPAL",
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """The `{"Records": [...]}` payload S3 sends to Lambda for one event.

    The key is URL-encoded the way S3 encodes it in notifications (spaces become `+`,
    `/` stays); removals carry no size or eTag, as in S3.
    """
    moment = time.time() if now is None else now
    event_time = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(moment))
    event_time += f".{int(moment * 1000) % 1000:03d}Z"
    s3_object: dict[str, Any] = {"key": quote_plus(key, safe="/")}
    if size is not None:
        s3_object["size"] = size
    if etag is not None:
        s3_object["eTag"] = etag.strip('"')
    s3_object["sequencer"] = _sequencer()
    record = {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": region,
        "eventTime": event_time,
        "eventName": event_name,
        "userIdentity": {"principalId": principal_id},
        "requestParameters": {"sourceIPAddress": source_ip},
        "responseElements": {
            "x-amz-request-id": "AMPLIFYMOCKREQID",
            "x-amz-id-2": "amplify-mock",
        },
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": configuration_id,
            "bucket": {
                "name": bucket,
                "ownerIdentity": {"principalId": principal_id.removeprefix("AWS:")},
                "arn": f"arn:aws:s3:::{bucket}",
            },
            "object": s3_object,
        },
    }
    return {"Records": [record]}


class NotificationFilterError(AmplifyMockError):
    """A filter rule still holding a CloudFormation intrinsic (e.g. `Fn::Join` with the region)."""

    def __init__(self, rule: Mapping[str, Any]) -> None:
        super().__init__(
            f"The storage notification filter rule {dict(rule)!r} has an unresolved value.",
            resolution="Evaluate the storage CloudFormation template before matching S3 events.",
        )


def key_filter_matches(rules: Sequence[Mapping[str, Any]], key: str) -> bool:
    """True if `key` satisfies every `{"Name": "prefix"|"suffix", "Value": ...}` rule.

    Rule names are case-insensitive in S3; an empty list matches every key. Values must be
    resolved strings: Amplify's storage template builds some with `Fn::Join` and the region.

    :raises NotificationFilterError: a rule value is not a string.
    """
    for rule in rules:
        name = str(rule.get("Name", "")).lower()
        value = rule.get("Value", "")
        if not isinstance(value, str):
            raise NotificationFilterError(rule)
        if name == "prefix" and not key.startswith(value):
            return False
        if name == "suffix" and not key.endswith(value):
            return False
    return True


def event_name_matches(pattern: str, event_name: str) -> bool:
    """`s3:ObjectCreated:*` matches `ObjectCreated:Put`; exact names match themselves."""
    wanted = pattern.removeprefix("s3:")
    if wanted.endswith(":*"):
        return event_name.startswith(wanted[:-1])
    return wanted == event_name


@dataclass(frozen=True)
class NotificationTarget:
    """One `LambdaConfigurations` entry; `function` is as written (often an intrinsic)."""

    function: Any
    event: str
    rules: tuple[Mapping[str, Any], ...]


def notification_targets(bucket_properties: Mapping[str, Any]) -> list[NotificationTarget]:
    """The Lambda targets of an `AWS::S3::Bucket`'s resolved `Properties`."""
    config = bucket_properties.get("NotificationConfiguration") or {}
    targets = []
    for entry in config.get("LambdaConfigurations") or []:
        rules = ((entry.get("Filter") or {}).get("S3Key") or {}).get("Rules") or []
        targets.append(
            NotificationTarget(
                function=entry.get("Function"),
                event=str(entry.get("Event", "")),
                rules=tuple(rules),
            )
        )
    return targets


def matching_targets(
    targets: Sequence[NotificationTarget], event_name: str, key: str
) -> list[NotificationTarget]:
    """The targets an event on `key` must be delivered to."""
    return [
        target
        for target in targets
        if event_name_matches(target.event, event_name) and key_filter_matches(target.rules, key)
    ]
