"""The NONE data source: `$ctx.result` is the request's `payload`, as in AppSync."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from resolvers.data_sources.base import register_data_source_type

__all__ = ["NoneDataSource"]


class NoneDataSource:
    """A local resolver: AppSync passes the rendered `payload` straight to the response."""

    type = "NONE"

    def __init__(self, name: str, **_config: Any) -> None:
        self.name = name

    async def invoke(self, request: Mapping[str, Any]) -> Any:
        return request.get("payload")


register_data_source_type(NoneDataSource.type, NoneDataSource)
