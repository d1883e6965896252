"""The errors the transformer raises; the messages are the ones Amplify CLI users know."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DestructiveMigrationError",
    "InvalidDirectiveError",
    "InvalidGSIMigrationError",
    "InvalidMigrationError",
    "InvalidTransformerError",
    "SchemaValidationError",
    "TransformerContractError",
    "TransformerError",
    "UnknownDirectiveError",
]

_V2_DIRECTIVES = ("hasOne", "index", "primaryKey", "belongsTo", "manyToMany", "hasMany", "default")
_MIGRATION_URL = "https://docs.amplify.aws/cli/migration/transformer-migration/"


class TransformerError(Exception):
    """A schema or directive the v1 transformer rejects, with its location when there is one.

    `str()` gives the message Amplify users know; `file`, `line` and `column` let callers
    print `file:line:col: message` without parsing the text.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def location(self) -> str:
        """`file:line:col` (as much of it as is known), or an empty string."""
        parts = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(parts)


class InvalidDirectiveError(TransformerError):
    """A directive used with arguments or in a place its transformer does not accept."""


class TransformerContractError(TransformerError):
    """The schema breaks a transformer's contract (wrong field types, missing fields)."""


class UnknownDirectiveError(TransformerError):
    """A directive no transformer handles."""


class InvalidTransformerError(TransformerError):
    """A transformer plugin that does not implement the hook its directive needs."""


class SchemaValidationError(TransformerError):
    """The input schema is not valid GraphQL (graphql-js validation errors, printed).

    Directives of the other transformer version get the migration message instead of
    "Unknown directive"; each version names those directives and words the message itself
    (the class attributes below), as the real transformers do.
    """

    other_version_directives: tuple[str, ...] = _V2_DIRECTIVES
    other_version = "the newer version"
    more_errors_lead = " There are additional validation errors listed below: \n\n "

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
        in_use: list[str] = []
        for message, printed in zip(messages or printed_errors, printed_errors, strict=True):
            name = next(
                (
                    d
                    for d in self.other_version_directives
                    if message.startswith("Unknown directive") and message.endswith(f'"@{d}".')
                ),
                None,
            )
            if name is None:
                kept.append(printed)
            elif name not in in_use:
                in_use.append(name)
        if in_use:
            names = ", ".join(f'"@{d}"' for d in in_use)
            noun = "directives" if len(in_use) > 1 else "directive"
            text = (
                f"Your GraphQL Schema is using {names} {noun} from {self.other_version} of the "
                f"GraphQL Transformer. Visit {_MIGRATION_URL} to learn how to migrate your "
                "GraphQL schema."
            )
            if kept:
                text += self.more_errors_lead + "\n\n".join(kept)
        else:
            text = "Schema validation failed.\n\n" + "\n\n".join(kept) + " "
        super().__init__(text, file=file, line=line, column=column)
        self.errors = list(printed_errors)


class InvalidMigrationError(TransformerError):
    """A schema change the deployed API cannot take (checked against the last build).

    `str()` is the v1 text: the message, then `Cause:` and `How to fix:` lines.
    """

    def __init__(self, message: str, cause: str, fix: str) -> None:
        super().__init__(f"{message}\nCause: {cause}\nHow to fix: {fix}")
        self.summary = message
        self.cause = cause
        self.fix = fix


class InvalidGSIMigrationError(InvalidMigrationError):
    """A global secondary index change DynamoDB cannot apply in one update."""


class DestructiveMigrationError(TransformerError):
    """A change that removes or replaces tables (allowed with
    `--allow-destructive-graphql-schema-updates`)."""

    def __init__(self, message: str, removed: list[str], replaced: list[str]) -> None:
        removed_list = ", ".join(removed)
        replaced_list = ", ".join(replaced)
        if removed_list and replaced_list:
            message += (
                f"\nThis update will remove table(s) [{removed_list}] and will replace "
                f"table(s) [{replaced_list}]"
            )
        elif removed_list:
            message += f"\nThis update will remove table(s) [{removed_list}]"
        elif replaced_list:
            message += f"\nThis update will replace table(s) [{replaced_list}]"
        message += (
            "\nALL EXISTING DATA IN THESE TABLES WILL BE LOST!\nIf this is intended, rerun the "
            "command with '--allow-destructive-graphql-schema-updates'."
        )
        super().__init__(message)
        self.removed = removed
        self.replaced = replaced
