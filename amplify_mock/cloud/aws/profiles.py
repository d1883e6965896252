"""The shared AWS config and credentials files that `amplify configure` writes, and the
project-level access-key files that `amplify configure project` writes."""

from __future__ import annotations

import configparser
import io
import os
from pathlib import Path
from typing import Any

from amplify_mock.base.files import read_json, write_text
from amplify_mock.base.paths import user_home

__all__ = [
    "config_file",
    "credentials_file",
    "list_profiles",
    "profile_region",
    "secret_keys_of",
    "write_profile",
]


def config_file() -> Path:
    return Path(os.environ.get("AWS_CONFIG_FILE") or user_home() / ".aws" / "config")


def credentials_file() -> Path:
    return Path(
        os.environ.get("AWS_SHARED_CREDENTIALS_FILE") or user_home() / ".aws" / "credentials"
    )


def _config_section(profile: str) -> str:
    """A profile's section in the config file: `default`, else `profile <name>`."""
    return "default" if profile == "default" else f"profile {profile}"


def _update(path: Path, section: str, values: dict[str, str]) -> None:
    parser = configparser.ConfigParser()
    parser.read(path)
    if not parser.has_section(section):
        parser.add_section(section)
    for key, value in values.items():
        parser.set(section, key, value)
    buffer = io.StringIO()
    parser.write(buffer)
    write_text(path, buffer.getvalue())
    os.chmod(path, 0o600)


def write_profile(name: str, region: str, access_key_id: str, secret_access_key: str) -> None:
    """Add or update a profile: region in the config file, keys in the credentials file."""
    _update(config_file(), _config_section(name), {"region": region})
    _update(
        credentials_file(),
        name,
        {"aws_access_key_id": access_key_id, "aws_secret_access_key": secret_access_key},
    )


def profile_region(profile: str) -> str | None:
    """The region the config file gives a profile, if any."""
    parser = configparser.ConfigParser()
    parser.read(config_file())
    return parser.get(_config_section(profile), "region", fallback=None)


def list_profiles() -> list[str]:
    """Profile names from both files."""
    names: set[str] = set()
    config = configparser.ConfigParser()
    config.read(config_file())
    for section in config.sections():
        names.add(section.removeprefix("profile ").strip())
    credentials = configparser.ConfigParser()
    credentials.read(credentials_file())
    names.update(credentials.sections())
    return sorted(names)


def secret_keys_of(entry: dict[str, Any]) -> dict[str, Any]:
    """The access keys a local-aws-info.json entry points to ({} for a profile or the SDK
    chain): `amplify configure project` writes them to a file under `~/.amplify/`."""
    path = entry.get("awsConfigFilePath")
    return dict(read_json(Path(path), default={})) if path else {}
