"""The shared AWS config files: profiles written and read back."""

from __future__ import annotations

from amplify_mock.cloud.aws.profiles import list_profiles, profile_region, write_profile
from amplify_mock.project.aws_info import region_of


def test_profile_region_reads_default_and_named_sections() -> None:
    write_profile("default", "eu-west-1", "AKIADEFAULT", "secret")
    write_profile("work", "ap-south-1", "AKIAWORK", "secret")
    assert profile_region("default") == "eu-west-1"
    assert profile_region("work") == "ap-south-1"
    assert list_profiles() == ["default", "work"]


def test_profile_region_unknown_profile_is_none() -> None:
    write_profile("default", "eu-west-1", "AKIADEFAULT", "secret")
    assert profile_region("missing") is None


def test_region_of_profile_entry_takes_the_profile_region() -> None:
    write_profile("work", "ap-south-1", "AKIAWORK", "secret")
    entry = {"configLevel": "project", "useProfile": True, "profileName": "work"}
    assert region_of(entry) == "ap-south-1"
    assert region_of({**entry, "profileName": "missing"}) == "us-east-1"
