"""Cognito errors: each class carries the service's error code; the app serialises them once.

Both endpoints (user pools, identity pools) answer errors as JSON 1.1:
HTTP 400, `{"__type": "<Code>", "message": "<text>"}`, header `x-amzn-ErrorType`.
"""

from __future__ import annotations

__all__ = [
    "AliasExistsException",
    "CodeMismatchException",
    "CognitoError",
    "ExpiredCodeException",
    "GroupExistsException",
    "InternalErrorException",
    "InvalidParameterException",
    "InvalidPasswordException",
    "NotAuthorizedException",
    "ResourceNotFoundException",
    "SerializationException",
    "UnknownOperationException",
    "UnsupportedOperationException",
    "UserNotConfirmedException",
    "UserNotFoundException",
    "UsernameExistsException",
]


class CognitoError(Exception):
    """An error Cognito answers with its code and message (HTTP 400 unless said otherwise)."""

    code = "InternalErrorException"
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAuthorizedException(CognitoError):
    code = "NotAuthorizedException"


class UserNotFoundException(CognitoError):
    code = "UserNotFoundException"


class UserNotConfirmedException(CognitoError):
    code = "UserNotConfirmedException"


class UsernameExistsException(CognitoError):
    code = "UsernameExistsException"


class AliasExistsException(CognitoError):
    code = "AliasExistsException"


class CodeMismatchException(CognitoError):
    code = "CodeMismatchException"


class ExpiredCodeException(CognitoError):
    code = "ExpiredCodeException"


class GroupExistsException(CognitoError):
    code = "GroupExistsException"


class InvalidPasswordException(CognitoError):
    code = "InvalidPasswordException"


class InvalidParameterException(CognitoError):
    code = "InvalidParameterException"


class ResourceNotFoundException(CognitoError):
    code = "ResourceNotFoundException"


class UnsupportedOperationException(CognitoError):
    code = "UnsupportedOperationException"


class UnknownOperationException(CognitoError):
    code = "UnknownOperationException"


class SerializationException(CognitoError):
    code = "SerializationException"


class InternalErrorException(CognitoError):
    code = "InternalErrorException"
    status = 500
