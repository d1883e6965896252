"""awscloudformation credentials: profiles, role profiles with MFA/external id, the cache."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from amplify_mock.cloud.aws.cache import cache_file, reset_cache
from amplify_mock.cloud.aws.credentials import session_for
from amplify_mock.project.aws_info import local_aws_info_entry

ROLE = "arn:aws:iam::111122223333:role/bizcorprole"
MFA = "arn:aws:iam::444455556666:mfa/dev"


@pytest.fixture
def aws_files(isolated_home: Path) -> Path:
    aws = isolated_home / ".aws"
    aws.mkdir()
    (aws / "config").write_text(
        "[profile bizcorprole]\n"
        f"role_arn={ROLE}\n"
        "source_profile=devcorpuser\n"
        f"mfa_serial={MFA}\n"
        "external_id=ext-42\n"
        "region=us-east-1\n\n"
        "[profile devcorpuser]\nregion=us-east-1\n"
    )
    (aws / "credentials").write_text(
        "[devcorpuser]\naws_access_key_id=AKIDSOURCE\naws_secret_access_key=sourcesecret\n"
    )
    return aws


def _sts_creator(expiry: dt.datetime) -> tuple[Any, Stubber]:
    sts = boto3.Session(
        aws_access_key_id="x", aws_secret_access_key="y", region_name="us-east-1"
    ).client("sts")
    stub = Stubber(sts)
    stub.add_response(
        "assume_role",
        {
            "Credentials": {
                "AccessKeyId": "ASIATEMPEXAMPLE01",
                "SecretAccessKey": "tempsecret",
                "SessionToken": "token",
                "Expiration": expiry,
            }
        },
        {
            "RoleArn": ROLE,
            "RoleSessionName": ANY,
            "SerialNumber": MFA,
            "TokenCode": "123456",
            "ExternalId": "ext-42",
        },
    )
    stub.activate()
    return sts, stub


def test_role_profile_assumes_role_with_mfa_and_caches(aws_files: Path) -> None:
    expiry = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    sts, stub = _sts_creator(expiry)
    prompts: list[str] = []

    def prompt(text: str) -> str:
        prompts.append(text)
        return "123456"

    entry = {"configLevel": "project", "useProfile": True, "profileName": "bizcorprole"}
    session = session_for(entry, "us-east-1", mfa_prompt=prompt, client_creator=lambda *a, **k: sts)
    credentials = session.get_credentials().get_frozen_credentials()
    assert credentials.access_key == "ASIATEMPEXAMPLE01"
    assert credentials.token == "token"
    assert prompts == [f"Enter MFA code for {MFA}: "]
    stub.assert_no_pending_responses()
    cache = json.loads(cache_file().read_text())
    assert list(cache) == ["bizcorprole"]
    (entry_cached,) = cache["bizcorprole"].values()
    assert entry_cached["Credentials"]["AccessKeyId"] == "ASIATEMPEXAMPLE01"

    def no_sts(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("STS must not be called while the cached credentials are valid")

    again = session_for(entry, "us-east-1", mfa_prompt=prompt, client_creator=no_sts)
    assert again.get_credentials().get_frozen_credentials().access_key == "ASIATEMPEXAMPLE01"
    assert len(prompts) == 1


def test_expiring_cached_credentials_are_refreshed(aws_files: Path) -> None:
    entry = {"configLevel": "project", "useProfile": True, "profileName": "bizcorprole"}
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    sts, stub = _sts_creator(soon)
    first = session_for(
        entry, "us-east-1", mfa_prompt=lambda _: "123456", client_creator=lambda *a, **k: sts
    )
    first.get_credentials().get_frozen_credentials()
    stub.assert_no_pending_responses()
    sts2, stub2 = _sts_creator(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    second = session_for(
        entry, "us-east-1", mfa_prompt=lambda _: "123456", client_creator=lambda *a, **k: sts2
    )
    second.get_credentials().get_frozen_credentials()
    stub2.assert_no_pending_responses()
    (cached,) = json.loads(cache_file().read_text())["bizcorprole"].values()
    assert dt.datetime.fromisoformat(cached["Credentials"]["Expiration"]) > soon


def test_reset_cache_removes_only_named_profiles(isolated_home: Path) -> None:
    path = cache_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"bizcorprole": {"k": {}}, "other": {"k": {}}}))
    assert reset_cache(["bizcorprole", "absent"]) == ["bizcorprole"]
    assert list(json.loads(path.read_text())) == ["other"]


def test_access_keys_entry_gives_static_session(isolated_home: Path) -> None:
    entry = local_aws_info_entry(
        {"useProfile": False, "accessKeyId": "AKID", "secretAccessKey": "s", "region": "eu-west-1"}
    )
    session = session_for(entry, "us-east-1")
    assert session.region_name == "eu-west-1"
    assert session.get_credentials().get_frozen_credentials().access_key == "AKID"


def test_plain_profile_reads_credentials_file(aws_files: Path) -> None:
    entry = {"configLevel": "project", "useProfile": True, "profileName": "devcorpuser"}
    session = session_for(entry, "us-east-1")
    assert session.get_credentials().get_frozen_credentials().access_key == "AKIDSOURCE"
