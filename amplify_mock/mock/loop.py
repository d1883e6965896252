"""The event loop `amplify mock` runs on: uvloop where it is installed, else asyncio's own."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["loop_name", "resume_collection", "run"]

T = TypeVar("T")


def run(main: Coroutine[Any, Any, T]) -> T:
    """Run `main` to completion on a new event loop, as `asyncio.run` does.

    uvloop roughly halves the loop's and the transports' share of each request (the
    endpoint's throughput target in bench/bench_appsync.py needs it); it is not built for
    Windows, where asyncio's loop serves instead.
    """
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


def resume_collection() -> None:
    """Turn the garbage collector back on if the `amplify mock` entry point paused it.

    What the start imported and built lives as long as the process, so it is frozen out of
    every later collection (which also makes those cheaper while serving).
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def loop_name() -> str:
    """Which loop `run` uses (for bench reports)."""
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    del uvloop
    return "uvloop"
