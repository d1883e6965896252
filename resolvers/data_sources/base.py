"""The data-source protocol and the registry that builds one from its AWS type string."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from resolvers.errors import DataSourceError, ResolverError

__all__ = [
    "ConflictCaller",
    "DataSource",
    "DataSourceFactory",
    "SyncedDataSource",
    "UnsupportedDataSourceError",
    "UnsupportedOperationError",
    "create_data_source",
    "register_data_source_type",
    "registered_types",
]


@runtime_checkable
class DataSource(Protocol):
    """What a resolver calls with the JSON its request mapping template rendered.

    `invoke` gets the parsed request (e.g. `{"version": "2018-05-29", "operation":
    "GetItem", ...}`) and returns what `$ctx.result` becomes; failures raise
    `resolvers.errors.DataSourceError` with AppSync's `errorType`.
    """

    name: str
    type: str

    async def invoke(self, request: Mapping[str, Any]) -> Any: ...


@dataclass(frozen=True)
class ConflictCaller:
    """The field a versioned data source is called for: what a LAMBDA conflict handler's event
    carries besides the two items (`arguments`, `identity`, `resolver.parentType/field`)."""

    parent_type: str
    field_name: str
    arguments: Mapping[str, Any]
    identity: Mapping[str, Any] | None


@runtime_checkable
class SyncedDataSource(Protocol):
    """A versioned data source, called with the resolver's `SyncConfig` (conflict handler)."""

    async def invoke_synced(
        self,
        request: Mapping[str, Any],
        sync_config: Mapping[str, Any] | None,
        caller: ConflictCaller | None = None,
    ) -> Any: ...


#: Builds a data source from its name, its CloudFormation-derived config and injected clients.
DataSourceFactory = Callable[..., DataSource]

_FACTORIES: dict[str, DataSourceFactory] = {}


class UnsupportedDataSourceError(ResolverError):
    """A data source whose AWS type this runtime does not emulate (never a silent NONE)."""

    error_type = "UnsupportedDataSource"

    def __init__(self, type_name: str, name: str) -> None:
        supported = ", ".join(sorted(_FACTORIES)) or "none"
        super().__init__(
            f"Data source {name!r} has type {type_name!r}, which the mock does not support "
            f"(supported: {supported})."
        )
        self.type_name = type_name
        self.name = name


class UnsupportedOperationError(DataSourceError):
    """A request template names an operation its data source does not have.

    AppSync reports it as a mapping-template error, not as an error of the data source.
    """

    error_type = "MappingTemplate"


def register_data_source_type(type_name: str, factory: DataSourceFactory) -> None:
    """Make `create_data_source` build `type_name` (e.g. `AMAZON_DYNAMODB`) with `factory`."""
    _FACTORIES[type_name] = factory


def registered_types() -> list[str]:
    """The AWS type strings that can be built, sorted."""
    return sorted(_FACTORIES)


def create_data_source(type_name: str, name: str, **config: Any) -> DataSource:
    """Build the data source `name` of AWS type `type_name`.

    :raises UnsupportedDataSourceError: no factory is registered for `type_name`.
    """
    factory = _FACTORIES.get(type_name)
    if factory is None:
        raise UnsupportedDataSourceError(type_name, name)
    return factory(name=name, **config)
