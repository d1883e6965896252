"""Runs resolvers through the `resolvers` package (the VTL runtime) for the endpoint."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from amplify_mock.simulators.appsync.config import ResolverSpec
from amplify_mock.simulators.appsync.execution import FieldCall, FieldOutcome
from resolvers.resolver import execute_resolver

__all__ = ["VtlResolverRunner"]


class VtlResolverRunner:
    """`ResolverRunner` backed by `resolvers.resolver.execute_resolver`."""

    async def __call__(
        self, spec: ResolverSpec, call: FieldCall, data_sources: Mapping[str, Any]
    ) -> FieldOutcome:
        return await execute_resolver(spec, call, data_sources)
