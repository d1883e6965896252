"""AppSync's error shapes: field errors at the root of each error, 401 UnauthorizedException."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from amplify_mock.errors import AmplifyMockError

__all__ = [
    "INTERNAL_FAILURE",
    "AppSyncFieldError",
    "ExecutionTimeoutError",
    "FieldUnauthorizedError",
    "MalformedRequest",
    "PortInUseError",
    "QueryDepthLimitError",
    "ResolverCountLimitError",
    "ResponseSizeLimitError",
    "UnauthorizedRequest",
    "error_body",
    "format_error",
    "internal_failure_body",
    "unauthorized_body",
]

#: AppSync's `errorType` for a failure of the service itself (answered with HTTP 500).
INTERNAL_FAILURE = "InternalFailure"


class UnauthorizedRequest(AmplifyMockError):
    """A request that no enabled auth mode accepts: HTTP 401 (or `status`), AppSync's message
    (`message`) and `errorType`."""

    error_type = "UnauthorizedException"
    status = 401

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.reason = message


class MalformedRequest(AmplifyMockError):
    """A request AppSync refuses before any GraphQL work: HTTP 400 (or `status`)."""

    error_type = "MalformedHttpRequestException"

    def __init__(self, message: str, status: int = 400, *, unread_body: bool = False) -> None:
        super().__init__(message)
        self.status = status
        #: The body could not be read to its end: the connection cannot be reused.
        self.unread_body = unread_body


class PortInUseError(AmplifyMockError):
    """The endpoint's port is taken; never silently moved to another port."""

    def __init__(self, host: str, port: int, holder: str | None = None) -> None:
        held = f" (held by {holder})" if holder else ""
        super().__init__(
            f"Port {port} on {host} is already in use{held}.",
            resolution="Stop the process that uses it, or set another port with --port "
            "(or graphqlPort in amplify/mock.json).",
        )
        self.host = host
        self.port = port
        self.holder = holder


class AppSyncFieldError(Exception):
    """A field error raised by the endpoint itself, with AppSync's `errorType` on the class."""

    error_type = "GraphQLError"

    def __init__(self, message: str, data: Any = None, error_info: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.data = data
        self.error_info = error_info


class FieldUnauthorizedError(AppSyncFieldError):
    """An `@aws_*` (or Lambda `deniedFields`) check refused a field."""

    error_type = "Unauthorized"

    def __init__(self, type_name: str, field_name: str) -> None:
        super().__init__(f"Not Authorized to access {field_name} on type {type_name}")
        self.type_name = type_name
        self.field_name = field_name


class ResolverCountLimitError(AppSyncFieldError):
    """A request invoked more resolvers than the API's `resolverCountLimit` (10,000 default)."""

    error_type = "ResolverCountLimitExceeded"

    def __init__(self, limit: int) -> None:
        super().__init__(f"Resolver count limit of {limit} exceeded.")
        self.limit = limit


class QueryDepthLimitError(AppSyncFieldError):
    """An operation nested deeper than the API's `queryDepthLimit`."""

    error_type = "QueryDepthLimitExceeded"

    def __init__(self, depth: int, limit: int) -> None:
        super().__init__(f"Query depth {depth} exceeds the query depth limit of {limit}.")
        self.depth = depth
        self.limit = limit


class ExecutionTimeoutError(AppSyncFieldError):
    """A request still running at AppSync's 30-second deadline."""

    error_type = "ExecutionTimeout"

    def __init__(self) -> None:
        super().__init__("Execution timed out.")


class ResponseSizeLimitError(AppSyncFieldError):
    """A response larger than AppSync's response size limit."""

    error_type = "ResponseSizeLimitExceeded"

    def __init__(self, limit: int) -> None:
        super().__init__(f"Response size exceeds the limit of {limit} bytes.")
        self.limit = limit


def internal_failure_body() -> dict[str, Any]:
    """AppSync's answer (HTTP 500) when the service itself failed; the cause goes to the log."""
    return error_body("An internal error occurred.", INTERNAL_FAILURE)


def error_body(message: str, error_type: str | None = None, **details: Any) -> dict[str, Any]:
    """A request-level error (`{"errors": [...]}`): no field ran, so no path or locations."""
    error: dict[str, Any] = {} if error_type is None else {"errorType": error_type}
    error.update(details)
    error["message"] = message
    return {"errors": [error]}


def unauthorized_body(err: UnauthorizedRequest, **details: Any) -> dict[str, Any]:
    """The body AppSync (and the Amplify simulator) send with a 401 (`details`: `errorCode`)."""
    return error_body(err.message, err.error_type, **details)


def format_error(error: GraphQLError) -> dict[str, Any]:
    """One GraphQL error in AppSync's shape.

    Resolver errors carry `errorType`, `data` and `errorInfo` at the root of the error (not
    under `extensions`); `locations` have AppSync's `sourceName: null`.
    """
    original = error.original_error
    typed = hasattr(original, "error_type")
    if typed:
        message = getattr(original, "message", None) or str(original)
    else:
        message = error.message if original is None else str(original)
    return {
        "path": list(error.path) if error.path is not None else None,
        "data": getattr(original, "data", None) if typed else None,
        "errorType": getattr(original, "error_type", None),
        "errorInfo": getattr(original, "error_info", None) if typed else None,
        "locations": [
            {"line": loc.line, "column": loc.column, "sourceName": None}
            for loc in (error.locations or ())
        ],
        "message": message,
    }
