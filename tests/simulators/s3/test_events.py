"""S3 event records and the notification filters read from storage CloudFormation."""

from __future__ import annotations

from typing import Any

import pytest

from amplify_mock.simulators.s3 import (
    NotificationFilterError,
    build_s3_event,
    event_name_matches,
    key_filter_matches,
    matching_targets,
    notification_targets,
)

BUCKET_PROPERTIES: dict[str, Any] = {
    "BucketName": "app-dev",
    "NotificationConfiguration": {
        "LambdaConfigurations": [
            {
                "Event": "s3:ObjectCreated:*",
                "Function": "S3Trigger1234-dev",
                "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "public/"}]}},
            },
            {
                "Event": "s3:ObjectRemoved:*",
                "Function": "S3Trigger1234-dev",
                "Filter": {"S3Key": {"Rules": [{"Name": "Suffix", "Value": ".jpg"}]}},
            },
        ]
    },
}


def test_build_s3_event_has_real_record_shape() -> None:
    event = build_s3_event(
        "app-dev", "ObjectCreated:Put", "public/my photo+1.jpg", 12, '"abc"', now=1704067200.5
    )

    (record,) = event["Records"]
    sequencer = record["s3"]["object"].pop("sequencer")
    assert isinstance(sequencer, str)
    assert int(sequencer, 16) > 0
    assert record == {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": "us-east-1",
        "eventTime": "2024-01-01T00:00:00.500Z",
        "eventName": "ObjectCreated:Put",
        "userIdentity": {"principalId": "AWS:AMPLIFYMOCKPRINCIPAL"},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": "AMPLIFYMOCKREQID", "x-amz-id-2": "amplify-mock"},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "amplify-mock",
            "bucket": {
                "name": "app-dev",
                "ownerIdentity": {"principalId": "AMPLIFYMOCKPRINCIPAL"},
                "arn": "arn:aws:s3:::app-dev",
            },
            "object": {"key": "public/my+photo%2B1.jpg", "size": 12, "eTag": "abc"},
        },
    }


def test_build_s3_event_removal_has_no_size_or_etag() -> None:
    event = build_s3_event("app-dev", "ObjectRemoved:Delete", "public/x", None, None)

    assert set(event["Records"][0]["s3"]["object"]) == {"key", "sequencer"}


def test_sequencers_increase() -> None:
    first = build_s3_event("b-1", "ObjectCreated:Put", "k", 1, "e")
    second = build_s3_event("b-1", "ObjectCreated:Put", "k", 1, "e")

    assert (
        first["Records"][0]["s3"]["object"]["sequencer"]
        < second["Records"][0]["s3"]["object"]["sequencer"]
    )


@pytest.mark.parametrize(
    ("rules", "key", "expected"),
    [
        ([], "anything", True),
        ([{"Name": "prefix", "Value": "public/"}], "public/a.jpg", True),
        ([{"Name": "prefix", "Value": "public/"}], "private/a.jpg", False),
        ([{"Name": "suffix", "Value": ".jpg"}], "public/a.png", False),
        (
            [{"Name": "Prefix", "Value": "protected/"}, {"Name": "Suffix", "Value": ".jpg"}],
            "protected/id/a.jpg",
            True,
        ),
    ],
    ids=["no-rules", "prefix-hit", "prefix-miss", "suffix-miss", "both-case-insensitive"],
)
def test_key_filter_matches(rules: list[dict[str, str]], key: str, expected: bool) -> None:
    assert key_filter_matches(rules, key) is expected


@pytest.mark.parametrize(
    ("pattern", "event_name", "expected"),
    [
        ("s3:ObjectCreated:*", "ObjectCreated:Put", True),
        ("s3:ObjectCreated:*", "ObjectRemoved:Delete", False),
        ("s3:ObjectCreated:Copy", "ObjectCreated:Copy", True),
        ("s3:ObjectCreated:Copy", "ObjectCreated:Put", False),
    ],
)
def test_event_name_matches(pattern: str, event_name: str, expected: bool) -> None:
    assert event_name_matches(pattern, event_name) is expected


def test_matching_targets_applies_event_and_key_filters() -> None:
    targets = notification_targets(BUCKET_PROPERTIES)

    created = matching_targets(targets, "ObjectCreated:Put", "public/a.png")
    removed_png = matching_targets(targets, "ObjectRemoved:Delete", "public/a.png")
    removed_jpg = matching_targets(targets, "ObjectRemoved:Delete", "public/a.jpg")

    assert [t.event for t in created] == ["s3:ObjectCreated:*"]
    assert removed_png == []
    assert [t.function for t in removed_jpg] == ["S3Trigger1234-dev"]


def test_notification_targets_without_configuration_is_empty() -> None:
    assert notification_targets({"BucketName": "x"}) == []


def test_key_filter_with_unresolved_intrinsic_is_clear_error() -> None:
    rule = {
        "Name": "prefix",
        "Value": {"Fn::Join": ["", ["protected/", {"Ref": "AWS::Region"}, ":"]]},
    }

    with pytest.raises(NotificationFilterError) as excinfo:
        key_filter_matches([rule], "protected/us-east-1:abc/x.jpg")

    assert excinfo.value.message == (
        f"The storage notification filter rule {rule!r} has an unresolved value."
    )
    assert excinfo.value.resolution == (
        "Evaluate the storage CloudFormation template before matching S3 events."
    )
