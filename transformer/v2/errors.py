"""The errors the v2 transformer raises, named and worded as graphql-transformer-core's."""

from __future__ import annotations

from collections.abc import Sequence

from transformer import errors as v1

__all__ = [
    "GraphQLError",
    "InvalidDirectiveError",
    "PlainError",
    "SchemaValidationError",
    "TransformerError",
]

TransformerError = v1.TransformerError
_V1_DIRECTIVES = ("connection", "key", "versioned")
_MIGRATION_URL = "https://docs.amplify.aws/cli/migration/transformer-migration/"


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

    def __init__(
        self,
        printed_errors: Sequence[str],
        *,
        messages: Sequence[str] = (),
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        kept: list[str] = []
        v1_in_use: list[str] = []
        for message, printed in zip(messages or printed_errors, printed_errors, strict=True):
            name = next(
                (
                    d
                    for d in _V1_DIRECTIVES
                    if message.startswith("Unknown directive") and message.endswith(f'"@{d}".')
                ),
                None,
            )
            if name is None:
                kept.append(printed)
            elif name not in v1_in_use:
                v1_in_use.append(name)
        if v1_in_use:
            names = ", ".join(f'"@{d}"' for d in v1_in_use)
            noun = "directives" if len(v1_in_use) > 1 else "directive"
            text = (
                f"Your GraphQL Schema is using {names} {noun} from an older version of the "
                f"GraphQL Transformer. Visit {_MIGRATION_URL} to learn how to migrate your "
                "GraphQL schema."
            )
            if kept:
                text += " There are additional validation errors listed below \n\n " + "\n\n".join(
                    kept
                )
        else:
            text = "Schema validation failed.\n\n" + "\n\n".join(kept) + " "
        v1.TransformerError.__init__(self, text, file=file, line=line, column=column)
        self.errors = list(printed_errors)
