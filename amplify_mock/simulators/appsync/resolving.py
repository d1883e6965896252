"""Runs resolvers through the `resolvers` package (the VTL runtime) for the endpoint."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from amplify_mock.simulators.appsync.config import FunctionSpec, ResolverSpec, TemplateSpec
from amplify_mock.simulators.appsync.execution import FieldCall, FieldOutcome
from resolvers.resolver import (
    FieldInvocation,
    FunctionConfig,
    MappingTemplate,
    ResolverConfig,
    execute_resolver,
)

__all__ = ["VtlResolverRunner", "to_resolver_config"]


def _template(spec: TemplateSpec | None) -> MappingTemplate | None:
    return MappingTemplate(spec.text, spec.file_name) if spec is not None else None


def _function(spec: FunctionSpec) -> FunctionConfig:
    return FunctionConfig(
        name=spec.name,
        data_source=spec.data_source,
        request_template=_template(spec.request_template),
        response_template=_template(spec.response_template),
    )


def to_resolver_config(spec: ResolverSpec) -> ResolverConfig:
    """The `resolvers` package's view of one resolver of the build."""
    return ResolverConfig(
        type_name=spec.type_name,
        field_name=spec.field_name,
        kind=spec.kind,
        data_source=spec.data_source,
        request_template=_template(spec.request_template),
        response_template=_template(spec.response_template),
        functions=tuple(_function(f) for f in spec.functions),
    )


class VtlResolverRunner:
    """`ResolverRunner` backed by `resolvers.resolver.execute_resolver`."""

    def __init__(self) -> None:
        self._configs: dict[ResolverSpec, ResolverConfig] = {}

    async def __call__(
        self, spec: ResolverSpec, call: FieldCall, data_sources: Mapping[str, Any]
    ) -> FieldOutcome:
        config = self._configs.get(spec)
        if config is None:
            config = self._configs[spec] = to_resolver_config(spec)
        outcome = await execute_resolver(
            config,
            FieldInvocation(
                arguments=call.arguments,
                source=call.source,
                identity=call.identity,
                request=call.request,
                info=call.info,
            ),
            data_sources,
        )
        return FieldOutcome(outcome.data, list(outcome.errors), dict(outcome.extensions))
