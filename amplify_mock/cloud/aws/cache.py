"""The Amplify CLI's own temporary-credential cache: ~/.amplify/awscloudformation/cache.json."""

from __future__ import annotations

from pathlib import Path

from amplify_mock.base.files import read_json, write_json
from amplify_mock.base.paths import amplify_home

__all__ = ["cache_file", "reset_cache"]


def cache_file() -> Path:
    return amplify_home() / "awscloudformation" / "cache.json"


def reset_cache(profiles: list[str]) -> list[str]:
    """Remove the cached temporary credentials of these profiles; returns those removed."""
    path = cache_file()
    data = dict(read_json(path, default={}))
    removed = [profile for profile in profiles if data.pop(profile, None) is not None]
    if removed:
        write_json(path, data)
    return removed
