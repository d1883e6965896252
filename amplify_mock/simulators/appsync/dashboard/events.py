"""The console's live events over one websocket: finished request traces and hot reloads.

A socket asks for its topics (`?topics=traces,reload`); only a socket on `traces` makes the
tracer take request logs (see `tracing.Tracer.begin`), so a console without the trace view
open costs the API nothing. Each socket has a bounded queue: a slow browser loses events, it
never slows the endpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

from amplify_mock.simulators.appsync.tracing import Tracer, trace_summary

__all__ = ["TOPICS", "ConsoleEvents", "reload_event"]

TOPICS = frozenset({"traces", "reload"})
_QUEUE = 200
_LOCATION = re.compile(
    r"(?P<file>[\w./@-]+\.(?:vtl|graphql|js|ts|json)):(?P<line>\d+)(?::(?P<column>\d+))?"
)


def reload_event(ok: bool, kind: str | None, error: str | None = None) -> dict[str, Any]:
    """The banner's event: success, or the error with its first `file:line:col`."""
    event: dict[str, Any] = {"ok": ok, "kind": kind, "error": error}
    match = _LOCATION.search(error or "")
    if match:
        event["location"] = {
            "file": match.group("file"),
            "line": int(match.group("line")),
            "column": int(match.group("column")) if match.group("column") else None,
        }
    return event


class ConsoleEvents:
    """Fans events out to the console's sockets."""

    def __init__(self, tracer: Tracer | None = None) -> None:
        self.tracer = tracer
        self._queues: dict[asyncio.Queue[str], frozenset[str]] = {}
        #: The last reload event, for a console opened after it.
        self.last_reload: dict[str, Any] | None = None

    def publish(self, topic: str, payload: Any) -> None:
        if topic == "reload":
            self.last_reload = payload
        if not self._queues:
            return
        text = json.dumps({"topic": topic, "payload": payload}, default=str)
        for queue, topics in self._queues.items():
            if topic in topics and queue.qsize() < _QUEUE:
                queue.put_nowait(text)

    def _on_trace(self, trace: dict[str, Any]) -> None:
        self.publish("traces", trace_summary(trace))

    async def serve(self, request: web.Request) -> web.WebSocketResponse:
        """One console socket until it closes."""
        topics = frozenset(t for t in request.query.get("topics", "").split(",") if t in TOPICS)
        ws = web.WebSocketResponse(heartbeat=30)
        await ws.prepare(request)
        queue: asyncio.Queue[str] = asyncio.Queue()
        self._queues[queue] = topics
        unwatch: Callable[[], None] | None = None
        if "traces" in topics and self.tracer is not None:
            unwatch = self.tracer.watch(self._on_trace)
        sender = asyncio.create_task(_send(ws, queue))
        try:
            await ws.send_str(json.dumps({"topic": "hello", "payload": sorted(topics)}))
            async for message in ws:
                if message.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                    break
        finally:
            if unwatch is not None:
                unwatch()
            self._queues.pop(queue, None)
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sender
        return ws


async def _send(ws: web.WebSocketResponse, queue: asyncio.Queue[str]) -> None:
    while True:
        text = await queue.get()
        try:
            await ws.send_str(text)
        except ConnectionError:
            return
