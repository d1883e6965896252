"""`$util.list.*`: copies of lists with elements kept, removed or sorted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from resolvers import java_types as jt

__all__ = ["ListUtil"]


def _contains(items: Iterable[Any], target: Any) -> bool:
    return any(jt.java_equals(item, target) for item in items)


class ListUtil:
    """`$util.list`."""

    vtl_name = "$util.list"

    def copyAndRetainAll(self, items: Sequence[Any], keep: Sequence[Any]) -> list[Any]:
        return [x for x in items if _contains(keep, x)]

    def copyAndRemoveAll(self, items: Sequence[Any], remove: Sequence[Any]) -> list[Any]:
        return [x for x in items if not _contains(remove, x)]

    def sortList(self, items: Sequence[Any], descending: bool, property_name: str) -> list[Any]:
        """Sorts strings, numbers or maps (by `property_name`); mixed lists are returned as is.

        AppSync sorts at most 1000 elements and returns other lists unchanged.
        """
        if len(items) > 1000:
            return list(items)

        def key(item: Any) -> Any:
            return item.get(property_name) if isinstance(item, dict) else item

        keys = [key(x) for x in items]
        if all(isinstance(k, str) for k in keys) or all(type(k) in (int, float) for k in keys):
            return sorted(items, key=key, reverse=bool(descending))
        return list(items)
