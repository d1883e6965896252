"""The Amplify GraphQL Transformer v1, in Python: schema.graphql -> AppSync schema, VTL, stacks."""

from __future__ import annotations

from transformer.config import AuthConfig, AuthProvider, FeatureFlags, TransformConfig
from transformer.errors import TransformerError
from transformer.output import DeploymentResources, write_build
from transformer.schema_files import read_schema

__all__ = [
    "AuthConfig",
    "AuthProvider",
    "DeploymentResources",
    "FeatureFlags",
    "TransformConfig",
    "TransformerError",
    "read_schema",
    "transform",
    "write_build",
]


def transform(schema_sdl: str, config: TransformConfig | None = None) -> DeploymentResources:
    """Run the v1 transformers (@model, @versioned, @function, @key, @connection, @auth).

    :raises TransformerError: for invalid schemas and directive misuse, with the v1 message.
    """
    from transformer.graphql_transform import GraphQLTransform, default_transformers

    config = config or TransformConfig()
    return GraphQLTransform(default_transformers(config), config).transform(schema_sdl)
