"""`$util.map.*`: copies of maps with keys kept or removed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["MapUtil"]


class MapUtil:
    """`$util.map`."""

    vtl_name = "$util.map"

    def copyAndRetainAllKeys(
        self, values: Mapping[Any, Any], keys: Sequence[Any]
    ) -> dict[Any, Any]:
        wanted = set(keys)
        return {k: v for k, v in values.items() if k in wanted}

    def copyAndRemoveAllKeys(
        self, values: Mapping[Any, Any], keys: Sequence[Any]
    ) -> dict[Any, Any]:
        unwanted = set(keys)
        return {k: v for k, v in values.items() if k not in unwanted}
