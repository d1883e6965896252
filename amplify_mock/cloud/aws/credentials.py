"""Credentials for the awscloudformation provider, resolved by botocore's own machinery.

Profiles come from `~/.aws/config` and `~/.aws/credentials`. Role profiles (`role_arn`,
`source_profile`, `mfa_serial`, `external_id`) are assumed by botocore's
`AssumeRoleProvider`; its temporary credentials are cached in the Amplify CLI's own
`~/.amplify/awscloudformation/cache.json` (one section per profile) rather than the AWS
CLI's cache, and botocore refreshes them before they expire. MFA codes are asked through
the `mfa_prompt` callback.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import boto3
import botocore.session
from botocore.credentials import (
    AssumeRoleProvider,
    ProfileProviderBuilder,
    create_credential_resolver,
)

from amplify_mock.base.files import read_json, write_json
from amplify_mock.cloud.aws.cache import cache_file
from amplify_mock.cloud.aws.profiles import secret_keys_of

__all__ = ["CredentialCache", "session_for"]

ClientCreator = Callable[..., Any]


def _serialize(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in the credential cache")


class CredentialCache(MutableMapping[str, Any]):
    """The dict-like cache botocore's AssumeRoleProvider takes, stored per profile."""

    def __init__(self, profile: str, path: Path | None = None) -> None:
        self.profile = profile
        self.path = path or cache_file()

    def _all(self) -> dict[str, Any]:
        return dict(read_json(self.path, default={}))

    def _section(self) -> dict[str, Any]:
        return dict(self._all().get(self.profile) or {})

    def __getitem__(self, key: str) -> Any:
        return self._section()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        data = self._all()
        data.setdefault(self.profile, {})[key] = json.loads(json.dumps(value, default=_serialize))
        write_json(self.path, data)
        self.path.chmod(0o600)

    def __delitem__(self, key: str) -> None:
        data = self._all()
        del data[self.profile][key]
        write_json(self.path, data)

    def __iter__(self) -> Iterator[str]:
        return iter(self._section())

    def __len__(self) -> int:
        return len(self._section())


def session_for(
    aws_info: dict[str, Any],
    region: str,
    *,
    mfa_prompt: Callable[[str], str] | None = None,
    client_creator: ClientCreator | None = None,
) -> boto3.Session:
    """A boto3 session for a local-aws-info.json entry.

    `configLevel: general` uses the SDK's default chain; access keys come from the entry's
    `awsConfigFilePath`; a profile goes through botocore's resolver with the Amplify cache.
    """
    if aws_info.get("configLevel") == "general":
        return boto3.Session(region_name=region)
    if aws_info.get("useProfile") is False:
        keys = secret_keys_of(aws_info)
        return boto3.Session(
            aws_access_key_id=keys.get("accessKeyId"),
            aws_secret_access_key=keys.get("secretAccessKey"),
            region_name=keys.get("region") or region,
        )
    profile = str(aws_info.get("profileName") or "default")
    core = botocore.session.Session(profile=profile)
    cache = CredentialCache(profile)
    resolver = create_credential_resolver(core, cache=cache, region_name=region)
    assume_role = AssumeRoleProvider(
        load_config=lambda: core.full_config,
        client_creator=client_creator or core.create_client,
        cache=cache,
        profile_name=profile,
        prompter=mfa_prompt or _no_prompt,
        profile_provider_builder=ProfileProviderBuilder(core, cache=cache, region_name=region),
    )
    resolver.remove("assume-role")
    resolver.insert_before("assume-role-with-web-identity", assume_role)
    core.register_component("credential_provider", resolver)
    return boto3.Session(botocore_session=core, region_name=region)


def _no_prompt(text: str) -> str:
    raise RuntimeError(f"An MFA code is needed ({text.strip()}) but no prompt is available")
