"""S3 errors: each class carries its S3 error code and HTTP status; the app serialises them once."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "AccessDenied",
    "AuthorizationQueryParametersError",
    "BadDigest",
    "BucketAlreadyOwnedByYou",
    "BucketNotEmpty",
    "EntityTooSmall",
    "IncompleteBody",
    "InvalidArgument",
    "InvalidBucketName",
    "InvalidDigest",
    "InvalidObjectKey",
    "InvalidPart",
    "InvalidPartOrder",
    "InvalidRange",
    "InvalidRequest",
    "InvalidURI",
    "KeyConflict",
    "KeyTooLongError",
    "MalformedXML",
    "MaxMessageLengthExceeded",
    "MethodNotAllowed",
    "NoSuchBucket",
    "NoSuchKey",
    "NoSuchUpload",
    "NotImplementedOperation",
    "NotModified",
    "PreconditionFailed",
    "S3Error",
]


class S3Error(Exception):
    """An error S3 answers with an `<Error>` XML body (no body for HEAD and 304).

    `details` become extra child elements of `<Error>` (S3 adds e.g. `<Key>`, `<BucketName>`).
    """

    code: str = "InternalError"
    status: int = 500
    default_message: str = "We encountered an internal error. Please try again."

    def __init__(self, message: str | None = None, **details: object) -> None:
        self.message = message if message is not None else self.default_message
        super().__init__(self.message)
        self.details: Mapping[str, object] = details


class NotModified(S3Error):
    code = "NotModified"
    status = 304
    default_message = "Not Modified"


class AccessDenied(S3Error):
    code = "AccessDenied"
    status = 403
    default_message = "Access Denied"


class AuthorizationQueryParametersError(S3Error):
    code = "AuthorizationQueryParametersError"
    status = 400


class BadDigest(S3Error):
    code = "BadDigest"
    status = 400
    default_message = "The Content-MD5 you specified did not match what we received."


class InvalidDigest(S3Error):
    code = "InvalidDigest"
    status = 400
    default_message = "The Content-MD5 you specified was invalid."


class BucketAlreadyOwnedByYou(S3Error):
    code = "BucketAlreadyOwnedByYou"
    status = 409
    default_message = (
        "Your previous request to create the named bucket succeeded and you already own it."
    )


class BucketNotEmpty(S3Error):
    code = "BucketNotEmpty"
    status = 409
    default_message = "The bucket you tried to delete is not empty"


class EntityTooSmall(S3Error):
    code = "EntityTooSmall"
    status = 400
    default_message = "Your proposed upload is smaller than the minimum allowed size"


class IncompleteBody(S3Error):
    code = "IncompleteBody"
    status = 400
    default_message = (
        "You did not provide the number of bytes specified by the Content-Length HTTP header"
    )


class InvalidArgument(S3Error):
    code = "InvalidArgument"
    status = 400


class InvalidObjectKey(InvalidArgument):
    """A key the mock refuses because its file would leave (or alias inside) the bucket folder."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(
            f"Object key {key!r} is not supported by the local S3 mock: {reason}",
            ArgumentName="key",
            ArgumentValue=key,
        )


class KeyConflict(InvalidArgument):
    """Objects are plain files, so `a` and `a/b` cannot both exist (S3 itself allows it)."""

    def __init__(self, key: str, other: str) -> None:
        super().__init__(
            f"Object key {key!r} conflicts with {other!r}: the local S3 mock stores objects as "
            "files, so a key cannot also be a folder of another key",
            ArgumentName="key",
            ArgumentValue=key,
        )


class InvalidBucketName(S3Error):
    code = "InvalidBucketName"
    status = 400
    default_message = "The specified bucket is not valid."


class InvalidPart(S3Error):
    code = "InvalidPart"
    status = 400
    default_message = (
        "One or more of the specified parts could not be found.  The part may not have been "
        "uploaded, or the specified entity tag may not match the part's entity tag."
    )


class InvalidPartOrder(S3Error):
    code = "InvalidPartOrder"
    status = 400
    default_message = (
        "The list of parts was not in ascending order. The parts list must be specified in "
        "order by part number."
    )


class InvalidRange(S3Error):
    code = "InvalidRange"
    status = 416
    default_message = "The requested range is not satisfiable"


class InvalidRequest(S3Error):
    code = "InvalidRequest"
    status = 400


class InvalidURI(S3Error):
    code = "InvalidURI"
    status = 400
    default_message = "Couldn't parse the specified URI."


class KeyTooLongError(S3Error):
    code = "KeyTooLongError"
    status = 400
    default_message = "Your key is too long"


class MaxMessageLengthExceeded(S3Error):
    code = "MaxMessageLengthExceeded"
    status = 400
    default_message = "Your request was too big."


class MalformedXML(S3Error):
    code = "MalformedXML"
    status = 400
    default_message = (
        "The XML you provided was not well-formed or did not validate against our published schema"
    )


class MethodNotAllowed(S3Error):
    code = "MethodNotAllowed"
    status = 405
    default_message = "The specified method is not allowed against this resource."


class NoSuchBucket(S3Error):
    code = "NoSuchBucket"
    status = 404
    default_message = "The specified bucket does not exist"


class NoSuchKey(S3Error):
    code = "NoSuchKey"
    status = 404
    default_message = "The specified key does not exist."


class NoSuchUpload(S3Error):
    code = "NoSuchUpload"
    status = 404
    default_message = (
        "The specified upload does not exist. The upload ID may be invalid, or the upload may "
        "have been aborted or completed."
    )


class NotImplementedOperation(S3Error):
    """An S3 feature the mock does not emulate (the request names it)."""

    code = "NotImplemented"
    status = 501
    default_message = "A header you provided implies functionality that is not implemented"


class PreconditionFailed(S3Error):
    code = "PreconditionFailed"
    status = 412
    default_message = "At least one of the pre-conditions you specified did not hold"
