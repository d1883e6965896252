"""The errors the v2 transformer raises, named and worded as graphql-transformer-core's."""

from __future__ import annotations

from transformer import errors as v1

__all__ = [
    "GraphQLError",
    "InvalidDirectiveError",
    "PlainError",
    "SchemaValidationError",
    "TransformerError",
]

TransformerError = v1.TransformerError


class GraphQLError(v1.TransformerError):
    """A GraphQL syntax error in the schema (graphql-js's GraphQLError, uncaught by the
    transformer), with its line and column."""


class PlainError(v1.TransformerError):
    """A misuse the real transformer reports with a plain JavaScript `Error` (not one of its
    own error classes); `oracle_name` is the class name it prints."""

    oracle_name = "Error"


class InvalidDirectiveError(v1.InvalidDirectiveError):
    """A directive used with arguments or in a place its v2 transformer does not accept."""


class SchemaValidationError(v1.SchemaValidationError):
    """The input schema is not valid GraphQL; v1-only directives get the migration message."""

    other_version_directives = ("connection", "key", "versioned")
    other_version = "an older version"
    more_errors_lead = " There are additional validation errors listed below \n\n "
