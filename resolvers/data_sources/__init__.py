"""AppSync data sources: a protocol, a registry keyed by the AWS type string, and the types."""

from resolvers.data_sources import none as _none  # noqa: F401  (registers NONE)
from resolvers.data_sources.base import (
    DataSource,
    UnsupportedDataSourceError,
    create_data_source,
    register_data_source_type,
)

__all__ = [
    "DataSource",
    "UnsupportedDataSourceError",
    "create_data_source",
    "register_data_source_type",
]
