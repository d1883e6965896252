"""DynamoDB's exceptions, each carrying its AWS exception name as the class attribute `code`."""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConditionalCheckFailedException",
    "DynamoDBError",
    "InternalServerError",
    "ItemValidationError",
    "ResourceInUseException",
    "ResourceNotFoundException",
    "SerializationException",
    "TransactionCanceledException",
    "UnknownOperationException",
    "ValidationException",
]


class DynamoDBError(Exception):
    """An error DynamoDB returns as `{"__type": "...#<code>", "message": ...}` with HTTP 400."""

    code = "InternalServerError"
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_wire(self) -> dict[str, Any]:
        """The JSON body of the error response."""
        return {"__type": f"com.amazonaws.dynamodb.v20120810#{self.code}", "message": self.message}


class ValidationException(DynamoDBError):
    code = "ValidationException"


class ItemValidationError(ValidationException):
    """A ValidationException about one item's key (type, size) or a key attribute an update
    touches: inside TransactWriteItems it becomes that action's `ValidationError` reason."""


class SerializationException(DynamoDBError):
    code = "SerializationException"


class UnknownOperationException(DynamoDBError):
    code = "UnknownOperationException"

    def __init__(self, operation: str) -> None:
        super().__init__(f"Unknown operation: {operation}")
        self.operation = operation


class InternalServerError(DynamoDBError):
    code = "InternalServerError"
    status = 500


class ResourceNotFoundException(DynamoDBError):
    code = "ResourceNotFoundException"

    def __init__(self, message: str = "Requested resource not found") -> None:
        super().__init__(message)

    @classmethod
    def table(cls, table_name: str) -> ResourceNotFoundException:
        return cls(f"Requested resource not found: Table: {table_name} not found")


class ResourceInUseException(DynamoDBError):
    code = "ResourceInUseException"


class ConditionalCheckFailedException(DynamoDBError):
    """A condition evaluated to false; `item` is the current item (wire form) when asked for."""

    code = "ConditionalCheckFailedException"

    def __init__(
        self, message: str = "The conditional request failed", item: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.item = item

    def to_wire(self) -> dict[str, Any]:
        body = super().to_wire()
        if self.item is not None:
            body["Item"] = self.item
        return body


class TransactionCanceledException(DynamoDBError):
    """A transaction rolled back; `reasons` has one `{"Code", "Message"?, "Item"?}` per action."""

    code = "TransactionCanceledException"

    def __init__(self, reasons: list[dict[str, Any]]) -> None:
        codes = ", ".join(r["Code"] for r in reasons)
        super().__init__(
            "Transaction cancelled, please refer cancellation reasons for specific reasons "
            f"[{codes}]"
        )
        self.reasons = reasons

    def to_wire(self) -> dict[str, Any]:
        body = super().to_wire()
        body["CancellationReasons"] = self.reasons
        return body
