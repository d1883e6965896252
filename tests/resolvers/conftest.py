"""Shared fixtures for the resolver runtime tests: a frozen clock and `$ctx` builders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from resolvers.context import build_context
from resolvers.util import frozen

FROZEN_NOW = datetime(2024, 1, 1, tzinfo=UTC)
FROZEN_ID = "00000000-0000-4000-8000-000000000000"


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Every resolver test sees 2024-01-01T00:00:00.000Z and a fixed `$util.autoId()`."""
    with frozen(FROZEN_NOW, FROZEN_ID):
        yield


def make_context(**overrides: Any) -> dict[str, Any]:
    """`$ctx` with empty arguments unless overridden."""
    return build_context(**overrides)
