"""The clock and id source `$util` reads, swappable so tests can freeze them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["Environment", "current", "frozen", "set_environment"]


def _system_now() -> datetime:
    return datetime.now(UTC)


def _random_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Environment:
    """`now` feeds `$util.time.*`; `auto_id` feeds `$util.autoId()`."""

    now: Callable[[], datetime] = _system_now
    auto_id: Callable[[], str] = _random_id


_CURRENT = Environment()


def current() -> Environment:
    """The environment renders use now."""
    return _CURRENT


def set_environment(environment: Environment) -> Environment:
    """Install `environment` for every later render; returns the previous one."""
    global _CURRENT
    previous, _CURRENT = _CURRENT, environment
    return previous


@contextmanager
def frozen(now: datetime, auto_id: str = "00000000-0000-4000-8000-000000000000") -> Iterator[None]:
    """Freeze the clock at `now` and `$util.autoId()` at `auto_id` (as the oracle's render.js)."""
    previous = set_environment(Environment(now=lambda: now, auto_id=lambda: auto_id))
    try:
        yield
    finally:
        set_environment(previous)
