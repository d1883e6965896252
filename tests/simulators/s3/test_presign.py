"""Presigned URLs expire as S3's do."""

from __future__ import annotations

import calendar
import time

import pytest

from amplify_mock.simulators.s3.errors import AccessDenied, AuthorizationQueryParametersError
from amplify_mock.simulators.s3.presign import check_presigned_expiry

SIGNED_AT = calendar.timegm(time.strptime("20240101T000000Z", "%Y%m%dT%H%M%SZ"))
V4 = {
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Date": "20240101T000000Z",
    "X-Amz-Expires": "900",
    "X-Amz-Signature": "abc",
}


def test_sigv4_url_within_expiry_is_accepted() -> None:
    check_presigned_expiry(V4, SIGNED_AT + 900)


def test_sigv4_url_past_expiry_is_access_denied() -> None:
    with pytest.raises(AccessDenied) as excinfo:
        check_presigned_expiry(V4, SIGNED_AT + 901)

    assert excinfo.value.message == "Request has expired"
    assert excinfo.value.details == {
        "X-Amz-Expires": "900",
        "Expires": "2024-01-01T00:15:00Z",
        "ServerTime": "2024-01-01T00:15:01Z",
    }


def test_sigv4_expiry_over_a_week_is_rejected() -> None:
    with pytest.raises(AuthorizationQueryParametersError) as excinfo:
        check_presigned_expiry({**V4, "X-Amz-Expires": "604801"}, SIGNED_AT)

    assert excinfo.value.message == (
        "X-Amz-Expires must be less than a week (in seconds) that is 604800"
    )


def test_sigv2_url_past_expires_is_access_denied() -> None:
    query = {"AWSAccessKeyId": "AKIA", "Signature": "x", "Expires": str(SIGNED_AT)}

    with pytest.raises(AccessDenied) as excinfo:
        check_presigned_expiry(query, SIGNED_AT + 1)

    assert excinfo.value.message == "Request has expired"


def test_request_without_query_auth_is_not_checked() -> None:
    check_presigned_expiry({"list-type": "2"}, SIGNED_AT)
