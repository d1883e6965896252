"""The embedded DynamoDB: a sqlite-backed store, its HTTP endpoint and its clients."""

from amplify_mock.simulators.dynamodb.errors import (
    ConditionalCheckFailedException,
    DynamoDBError,
    ResourceInUseException,
    ResourceNotFoundException,
    TransactionCanceledException,
    ValidationException,
)
from amplify_mock.simulators.dynamodb.store import Store

__all__ = [
    "ConditionalCheckFailedException",
    "DynamoDBError",
    "ResourceInUseException",
    "ResourceNotFoundException",
    "Store",
    "TransactionCanceledException",
    "ValidationException",
]
