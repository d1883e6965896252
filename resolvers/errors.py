"""The root of every error the resolver runtime raises, with its AppSync error type."""

from __future__ import annotations

from typing import Any

__all__ = ["DataSourceError", "ResolverError", "TemplateError"]


class ResolverError(Exception):
    """An error that ends up in a GraphQL response's `errors`, shaped as AppSync shapes it.

    `error_type` is AppSync's `errorType` (e.g. `Unauthorized`,
    `DynamoDB:ConditionalCheckFailedException`); `data` and `error_info` are AppSync's
    fields of the same name, set by `$util.error(message, type, data, info)`.
    """

    error_type: str | None = None

    def __init__(
        self,
        message: str,
        *,
        error_type: str | None = None,
        data: Any = None,
        error_info: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if error_type is not None:
            self.error_type = error_type
        self.data = data
        self.error_info = error_info


class TemplateError(ResolverError):
    """A mapping template that does not parse or fails while rendering, with its location."""

    error_type = "MappingTemplate"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        where = ":".join(str(p) for p in (file, line, column) if p is not None)
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message
        self.file = file
        self.line = line
        self.column = column


class DataSourceError(ResolverError):
    """A data source call that failed; `error_type` is e.g. `DynamoDB:<ExceptionName>`."""
