"""Subscription fan-out: `@aws_subscribe` routes, argument and enhanced filters, delivery."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from amplify_mock.simulators.appsync.auth import RequestAuth
from amplify_mock.simulators.appsync.execution import ApiState, PreparedDocument, RequestContext

__all__ = ["Subscriber", "SubscriptionHub", "matches_filter"]

LOG = logging.getLogger(__name__)

#: Sends one realtime message (`{"type": "data", ...}`) to the subscriber's socket.
Sender = Callable[[dict[str, Any]], Awaitable[None]]
#: Events waiting to be sent to one subscriber; past this the client is not reading.
MAX_BACKLOG = 1000


@dataclass(eq=False)
class Subscriber:
    """One started subscription on one realtime connection."""

    subscription_id: str
    field_name: str
    state: ApiState
    prepared: PreparedDocument
    variables: Mapping[str, Any]
    operation_name: str | None
    auth: RequestAuth
    request: dict[str, Any]
    arguments: Mapping[str, Any]
    send: Sender
    enhanced_filter: Mapping[str, Any] | None = None
    #: Called (instead of queueing) when `MAX_BACKLOG` events already wait for this client.
    on_backlog: Callable[[], None] | None = None
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    last_delivery: asyncio.Task[None] | None = None


class SubscriptionHub:
    """Routes mutation results to the subscriptions listening on them (`@aws_subscribe`)."""

    def __init__(self) -> None:
        self.subscribers: dict[str, set[Subscriber]] = {}

    def add(self, subscriber: Subscriber) -> None:
        self.subscribers.setdefault(subscriber.field_name, set()).add(subscriber)

    def remove(self, subscriber: Subscriber) -> None:
        self.subscribers.get(subscriber.field_name, set()).discard(subscriber)
        for task in list(subscriber.tasks):
            task.cancel()

    def publish(self, field_name: str, payload: Any) -> None:
        """Deliver `payload` (a mutation's resolved value) to each matching subscriber."""
        if not isinstance(payload, Mapping):
            return
        for subscriber in list(self.subscribers.get(field_name, ())):
            # An enhanced filter replaces the argument filter (AppSync delivers to an `Admin`
            # subscribed with `owner: <someone else>` when the resolver set a filter).
            if subscriber.enhanced_filter is not None:
                if not matches_filter(subscriber.enhanced_filter, payload):
                    continue
            elif not _arguments_match(subscriber.arguments, payload):
                continue
            if len(subscriber.tasks) >= MAX_BACKLOG:
                if subscriber.on_backlog is not None:
                    subscriber.on_backlog()
                continue
            task = asyncio.get_running_loop().create_task(
                self._deliver(subscriber, payload, subscriber.last_delivery)
            )
            subscriber.last_delivery = task
            subscriber.tasks.add(task)
            task.add_done_callback(subscriber.tasks.discard)

    async def _deliver(
        self,
        subscriber: Subscriber,
        payload: Mapping[str, Any],
        previous: asyncio.Task[None] | None,
    ) -> None:
        """Execute the subscription's selection on the payload; send after earlier events."""
        context = RequestContext(
            auth=subscriber.auth, request=subscriber.request, event=dict(payload)
        )
        try:
            body = await subscriber.state.execute(
                subscriber.prepared,
                context,
                variables=subscriber.variables,
                operation_name=subscriber.operation_name,
            )
            if previous is not None and not previous.done():
                await asyncio.wait([previous])
            await subscriber.send(
                {"id": subscriber.subscription_id, "type": "data", "payload": body}
            )
        except (ConnectionError, RuntimeError) as err:
            LOG.debug("subscription %s: delivery failed: %s", subscriber.subscription_id, err)


def _arguments_match(arguments: Mapping[str, Any], payload: Mapping[str, Any]) -> bool:
    """AppSync's argument filter: every non-null subscription argument equals the field."""
    return all(value is None or payload.get(name) == value for name, value in arguments.items())


def matches_filter(spec: Mapping[str, Any], payload: Mapping[str, Any]) -> bool:
    """An enhanced subscription filter (`$extensions.setSubscriptionFilter`).

    Filters inside a group are ANDed, groups are ORed.
    """
    groups = spec.get("filterGroup") or []
    if not groups:
        return True
    return any(all(_condition(f, payload) for f in group.get("filters") or ()) for group in groups)


def _lookup(payload: Mapping[str, Any], path: str) -> Any:
    value: Any = payload
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _condition(spec: Mapping[str, Any], payload: Mapping[str, Any]) -> bool:
    operator = spec.get("operator")
    expected = spec.get("value")
    value = _lookup(payload, str(spec.get("fieldName", "")))
    check = _OPERATORS.get(str(operator))
    if check is None:
        LOG.warning("unsupported subscription filter operator %r", operator)
        return False
    try:
        return bool(check(value, expected))
    except TypeError:
        return False


def _contains(value: Any, expected: Any) -> bool:
    if isinstance(value, (str, list)):
        return expected in value
    return False


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": lambda v, e: v == e,
    "ne": lambda v, e: v != e,
    "le": lambda v, e: v is not None and v <= e,
    "lt": lambda v, e: v is not None and v < e,
    "ge": lambda v, e: v is not None and v >= e,
    "gt": lambda v, e: v is not None and v > e,
    "contains": _contains,
    "notContains": lambda v, e: not _contains(v, e),
    "beginsWith": lambda v, e: isinstance(v, str) and v.startswith(str(e)),
    "in": lambda v, e: v in (e or ()),
    "notIn": lambda v, e: v not in (e or ()),
    "between": lambda v, e: v is not None and e[0] <= v <= e[1],
    "attributeExists": lambda v, e: (v is not None) == bool(e),
    "containsAny": lambda v, e: isinstance(v, list) and any(x in v for x in e or ()),
}
