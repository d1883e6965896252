"""`$extensions`: subscription filters and cache eviction requested by a template."""

from __future__ import annotations

from typing import Any

from resolvers import java_types as jt

__all__ = ["Extensions"]


class Extensions:
    """Collects what a template asked for; the endpoint applies it after the field resolves.

    Not emulated: caching, so `evictFromApiCache` is only recorded.
    """

    vtl_name = "$extensions"

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def setSubscriptionFilter(self, filter_json: Any) -> str:
        self.values["subscriptionFilter"] = filter_json
        return jt.VOID

    def setSubscriptionInvalidationFilter(self, filter_json: Any) -> str:
        self.values["subscriptionInvalidationFilter"] = filter_json
        return jt.VOID

    def invalidateSubscriptions(self, invalidation: Any) -> str:
        self.values.setdefault("invalidateSubscriptions", []).append(invalidation)
        return jt.VOID

    def evictFromApiCache(self, type_name: Any, field_name: Any, keys: Any) -> str:
        self.values.setdefault("evictFromApiCache", []).append(
            {"typeName": type_name, "fieldName": field_name, "keys": keys}
        )
        return jt.VOID
