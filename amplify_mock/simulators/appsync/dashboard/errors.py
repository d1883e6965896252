"""The console API's errors, each in the error shape of the service whose data it touches."""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "ConsoleError",
    "DynamoDBConsoleError",
    "LambdaConsoleError",
    "NotAttached",
    "S3ConsoleError",
    "TraceNotFound",
]


class ConsoleError(Exception):
    """Root of the console API's errors: `status` and a JSON body (`to_wire`)."""

    status: ClassVar[int] = 400
    code: str = "BadRequestException"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status_override = status

    @property
    def http_status(self) -> int:
        return getattr(self, "status_override", self.status)

    def to_wire(self) -> dict[str, Any]:
        """AppSync's shape (the console's own answers come from the AppSync endpoint)."""
        return {"errors": [{"errorType": self.code, "message": self.message}]}


class NotAttached(ConsoleError):
    """The mock runs without this service (no storage, no functions, no local Cognito)."""

    status = 404
    code = "NotFoundException"

    def __init__(self, what: str) -> None:
        super().__init__(f"This mock runs without {what}.")


class TraceNotFound(ConsoleError):
    status = 404
    code = "NotFoundException"

    def __init__(self, request_id: str) -> None:
        super().__init__(f"No trace of request {request_id} is kept (the last 200 are).")


class DynamoDBConsoleError(ConsoleError):
    """DynamoDB's JSON error: `__type` with the service prefix, `message`."""

    def __init__(self, code: str, message: str, wire: dict[str, Any] | None = None) -> None:
        super().__init__(message, code=code)
        self.wire = wire

    def to_wire(self) -> dict[str, Any]:
        if self.wire:
            return dict(self.wire)
        return {"__type": f"com.amazonaws.dynamodb.v20120810#{self.code}", "message": self.message}


class S3ConsoleError(ConsoleError):
    """S3's error document (Code, Message, the resource) as JSON."""

    def __init__(self, code: str, message: str, status: int, **resource: str) -> None:
        super().__init__(message, code=code, status=status)
        self.resource = resource

    def to_wire(self) -> dict[str, Any]:
        return {"Error": {"Code": self.code, "Message": self.message, **self.resource}}


class LambdaConsoleError(ConsoleError):
    """Lambda's REST error: `Type` (User/Service) and `Message`, the code in `__type`."""

    def to_wire(self) -> dict[str, Any]:
        return {"__type": self.code, "Type": "User", "Message": self.message}
