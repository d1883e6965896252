"""AppSync data sources: a protocol, a registry keyed by the AWS type string, and the types."""

# Importing a type's module registers it: NONE, AMAZON_DYNAMODB, AWS_LAMBDA.
from resolvers.data_sources import dynamodb as _dynamodb  # noqa: F401
from resolvers.data_sources import dynamodb_versioned as _dynamodb_versioned  # noqa: F401
from resolvers.data_sources import lambda_ as _lambda  # noqa: F401
from resolvers.data_sources import none as _none  # noqa: F401
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
