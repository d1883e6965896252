"""The Amplify GraphQL Transformer v1, in Python: schema.graphql -> AppSync schema, VTL, stacks."""

from transformer.errors import TransformerError

__all__ = ["TransformerError"]
