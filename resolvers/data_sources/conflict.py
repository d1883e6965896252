"""Conflict resolution of versioned data sources: Automerge and the LAMBDA handler's event/answer.

AppSync documents three handlers for a mutation whose `_version` is not the stored one:
OPTIMISTIC_CONCURRENCY rejects it (`ConflictUnhandled`, the server item as `data`), AUTOMERGE
merges it into the server item by type, LAMBDA asks a function with the event
`{newItem, existingItem, arguments, resolver, identity}` and applies its answer
`{"action": "RESOLVE", "item": {...}}`, `{"action": "REJECT"}` or `{"action": "REMOVE"}`.
A handler that fails or answers anything else is a `ConflictError`.

Not emulated: Automerge of DynamoDB sets and maps (sets would be unioned, maps are not merged),
`MaxConflicts` (a conflict is resolved once, never retried).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from resolvers.data_sources.base import ConflictCaller
from resolvers.data_sources.dynamodb import DynamoDBDataSourceError, unmarshall
from resolvers.data_sources.lambda_ import LambdaInvokeError, LambdaInvoker

__all__ = [
    "REJECTED",
    "ConflictError",
    "ConflictUnhandledError",
    "LambdaConflictHandler",
    "LambdaDecision",
    "automerge",
    "preview_update",
    "set_values",
]

#: AppSync's message when a handler rejects the mutation (OPTIMISTIC_CONCURRENCY, LAMBDA REJECT).
REJECTED = "Conflict resolver rejects mutation."

_ASSIGNMENT = re.compile(r"^\s*(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)\s*$")
_NAME = re.compile(r"^\s*(#?[A-Za-z0-9_]+)\s*$")
_CLAUSE = re.compile(r"\b(SET|REMOVE|ADD|DELETE)\b")


class ConflictUnhandledError(DynamoDBDataSourceError):
    """A mutation whose `_version` differs from the stored one, rejected by the handler;
    `result` is the item on the server (AppSync's `data` of the error)."""

    def __init__(self, current: dict[str, Any] | None, message: str = REJECTED) -> None:
        super().__init__(message, error_type="ConflictUnhandled", result=current)


class ConflictError(DynamoDBDataSourceError):
    """The conflict could not be resolved: the LAMBDA handler failed, could not be invoked or
    answered something AppSync does not accept."""

    def __init__(self, message: str) -> None:
        super().__init__(message, error_type="ConflictError")


def set_values(update: Mapping[str, Any]) -> dict[str, Any] | None:
    """The attribute -> wire value a `SET #a = :a, ...` update writes; None for any other form
    (a REMOVE/ADD clause or an arithmetic SET), which Automerge cannot merge."""
    expression = str(update.get("expression") or "").strip()
    if not expression.startswith("SET ") or re.search(r"\b(REMOVE|ADD|DELETE)\b", expression):
        return None
    names = update.get("expressionNames") or {}
    values = update.get("expressionValues") or {}
    out: dict[str, Any] = {}
    for part in expression[4:].split(","):
        match = _ASSIGNMENT.match(part)
        if match is None or match.group(2) not in values:
            return None
        name = names.get(match.group(1), match.group(1))
        out[str(name)] = values[match.group(2)]
    return out


def automerge(server: dict[str, Any], incoming: Mapping[str, Any]) -> dict[str, Any]:
    """AppSync's Automerge of wire items: server scalars win, lists are concatenated (server
    first), fields absent or null on the server take the incoming value."""
    merged = dict(server)
    for name, value in incoming.items():
        existing = server.get(name)
        if existing is None or "NULL" in existing:
            merged[name] = value
        elif "L" in existing and "L" in value:
            merged[name] = {"L": [*existing["L"], *value["L"]]}
    return merged


def preview_update(existing: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """The item an update would write if it succeeded (the LAMBDA handler's `newItem`), in plain
    JSON: the existing item with the update's `SET name = :value` and `REMOVE name` clauses
    applied. Other clauses (arithmetic SET, ADD, DELETE) leave their attributes as stored."""
    item = dict(existing)
    expression = str(update.get("expression") or "")
    names = update.get("expressionNames") or {}
    values = update.get("expressionValues") or {}
    parts = _CLAUSE.split(expression)
    for clause, body in zip(parts[1::2], parts[2::2], strict=True):
        for part in body.split(","):
            if clause == "SET":
                match = _ASSIGNMENT.match(part)
                if match is not None and match.group(2) in values:
                    name = str(names.get(match.group(1), match.group(1)))
                    item[name] = unmarshall(values[match.group(2)])
            elif clause == "REMOVE":
                match = _NAME.match(part)
                if match is not None:
                    item.pop(str(names.get(match.group(1), match.group(1))), None)
    return item


@dataclass(frozen=True)
class LambdaDecision:
    """The LAMBDA handler's answer; `item` (plain JSON) only with RESOLVE."""

    action: Literal["RESOLVE", "REJECT", "REMOVE"]
    item: dict[str, Any] | None = None


class LambdaConflictHandler:
    """Calls the function of a `LambdaConflictHandlerConfig` with AppSync's event."""

    def __init__(self, function_arn: str, invoker: LambdaInvoker | None) -> None:
        self.function_arn = function_arn
        self.invoker = invoker

    @staticmethod
    def event(
        *,
        new_item: Mapping[str, Any] | None,
        existing_item: Mapping[str, Any],
        caller: ConflictCaller | None,
        table_name: str,
        region: str,
    ) -> dict[str, Any]:
        """AppSync's event: the two items, the mutation's arguments, the resolver and the
        caller's identity (null with an API key)."""
        return {
            "newItem": dict(new_item) if new_item is not None else None,
            "existingItem": dict(existing_item),
            "arguments": dict(caller.arguments) if caller is not None else {},
            "resolver": {
                "tableName": table_name,
                "awsRegion": region,
                "parentType": caller.parent_type if caller is not None else None,
                "field": caller.field_name if caller is not None else None,
            },
            "identity": dict(caller.identity) if caller and caller.identity else None,
        }

    async def decide(self, event: Mapping[str, Any]) -> LambdaDecision:
        """Invoke the handler and read its answer.

        :raises ConflictError: no Lambda runner, the function failed, or the answer is not
            RESOLVE with an item object, REJECT or REMOVE.
        """
        if self.invoker is None:
            raise ConflictError(
                f"Cannot invoke the Lambda conflict handler {self.function_arn}: "
                "no Lambda runner is available."
            )
        try:
            answer = await self.invoker.invoke(self.function_arn, dict(event))
        except LambdaInvokeError as err:
            raise ConflictError(
                f"The Lambda conflict handler {self.function_arn} failed: "
                f"{err.error_type}: {err.message}"
            ) from err
        action = answer.get("action") if isinstance(answer, Mapping) else None
        item = answer.get("item") if isinstance(answer, Mapping) else None
        if action == "RESOLVE" and isinstance(item, Mapping):
            return LambdaDecision("RESOLVE", dict(item))
        if action in ("REJECT", "REMOVE"):
            return LambdaDecision(action)
        shown = json.dumps(answer, default=str)
        if len(shown) > 200:
            shown = shown[:200] + "..."
        raise ConflictError(
            f"Invalid response from the Lambda conflict handler {self.function_arn}: {shown} "
            '(expected {"action": "RESOLVE", "item": {...}}, {"action": "REJECT"} '
            'or {"action": "REMOVE"}).'
        )
