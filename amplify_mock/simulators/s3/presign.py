"""Presigned-URL (query-string authentication) expiry, SigV4 and SigV2.

Not emulated: signatures are not verified; any access key is accepted.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Mapping

from amplify_mock.simulators.s3.errors import AccessDenied, AuthorizationQueryParametersError

__all__ = ["MAX_EXPIRES", "check_presigned_expiry"]

MAX_EXPIRES = 604800


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def check_presigned_expiry(query: Mapping[str, str], now: float) -> None:
    """Refuse a presigned URL past its expiry, as S3 does.

    :raises AccessDenied: "Request has expired" once `X-Amz-Date + X-Amz-Expires` (or the
        SigV2 `Expires` epoch) is in the past.
    :raises AuthorizationQueryParametersError: malformed date or expiry, or more than a week.
    """
    if "X-Amz-Signature" in query or "X-Amz-Algorithm" in query:
        date = query.get("X-Amz-Date", "")
        expires = query.get("X-Amz-Expires", "")
        try:
            signed = calendar.timegm(time.strptime(date, "%Y%m%dT%H%M%SZ"))
        except ValueError as err:
            raise AuthorizationQueryParametersError(
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""
            ) from err
        if not expires.isdigit():
            raise AuthorizationQueryParametersError("X-Amz-Expires should be a number")
        if int(expires) > MAX_EXPIRES:
            raise AuthorizationQueryParametersError(
                "X-Amz-Expires must be less than a week (in seconds) that is 604800"
            )
        deadline = signed + int(expires)
        if now > deadline:
            raise AccessDenied(
                "Request has expired",
                **{"X-Amz-Expires": expires, "Expires": _iso(deadline), "ServerTime": _iso(now)},
            )
    elif "Signature" in query and "Expires" in query:
        value = query["Expires"]
        if not value.isdigit():
            raise AccessDenied("Invalid date (should be seconds since epoch): " + value)
        if now > int(value):
            raise AccessDenied(
                "Request has expired", Expires=_iso(int(value)), ServerTime=_iso(now)
            )
