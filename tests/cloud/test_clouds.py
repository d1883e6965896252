"""`open_cloud`: the local cloud by default, the AWS provider on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from amplify_mock.cloud.aws.cloud import AwsCloud, AwsRequestError
from amplify_mock.cloud.clouds import UnknownCloudError, open_cloud
from amplify_mock.cloud.local import LocalCloud

PROFILE = {"configLevel": "project", "useProfile": True, "profileName": "default"}


def test_open_cloud_defaults_to_local(tmp_path: Path) -> None:
    cloud = open_cloud(str(tmp_path), "eu-west-1", PROFILE)
    assert isinstance(cloud, LocalCloud)
    assert (cloud.region, cloud.store.location) == ("eu-west-1", str(tmp_path))


def test_open_cloud_local_default_store_is_per_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.delenv("AMPLIFY_HOME", raising=False)
    cloud = open_cloud(None, "eu-west-1", PROFILE)
    assert isinstance(cloud, LocalCloud)
    assert cloud.store.location == "/home/someone/.amplify/local-cloud"


def test_open_cloud_aws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMPLIFY_MOCK_CLOUD", "aws")
    cloud = open_cloud(str(tmp_path), "eu-west-1", {"configLevel": "general"})
    assert isinstance(cloud, AwsCloud)
    assert cloud.cfn.meta.region_name == "eu-west-1"


def test_open_cloud_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMPLIFY_MOCK_CLOUD", "gcp")
    with pytest.raises(UnknownCloudError) as err:
        open_cloud(str(tmp_path), "eu-west-1", PROFILE)
    assert err.value.message == "Unknown cloud 'gcp' in $AMPLIFY_MOCK_CLOUD. Clouds: local, aws."


def test_open_cloud_aws_unknown_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMPLIFY_MOCK_CLOUD", "aws")
    with pytest.raises(AwsRequestError) as err:
        open_cloud(str(tmp_path), "eu-west-1", {**PROFILE, "profileName": "nosuch"})
    assert err.value.message == (
        "AWS request failed: The config profile (nosuch) could not be found"
    )
