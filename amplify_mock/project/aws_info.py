"""local-aws-info.json entries: which credentials an environment uses, and its region."""

from __future__ import annotations

import os
import uuid
from typing import Any

from amplify_mock.base.files import write_json
from amplify_mock.base.paths import amplify_home
from amplify_mock.cloud.aws.profiles import profile_region, secret_keys_of

__all__ = ["DEFAULT_REGION", "local_aws_info_entry", "region_of", "secret_keys_of"]

DEFAULT_REGION = "us-east-1"


def local_aws_info_entry(info: dict[str, Any]) -> dict[str, Any]:
    """The local-aws-info.json entry for a validated provider config.

    Access keys are not written into the project: they go to a file under
    `~/.amplify/awscloudformation/` (mode 600) that the entry points to, as the Amplify CLI does.
    """
    if info.get("configLevel") == "general":
        return {"configLevel": "general"}
    if info.get("useProfile"):
        return {"configLevel": "project", "useProfile": True, "profileName": info["profileName"]}
    if "awsConfigFilePath" in info:
        return dict(info)
    key_file = amplify_home() / "awscloudformation" / uuid.uuid4().hex[:10]
    write_json(
        key_file,
        {
            "accessKeyId": info["accessKeyId"],
            "secretAccessKey": info["secretAccessKey"],
            "region": info["region"],
        },
    )
    os.chmod(key_file, 0o600)
    return {"configLevel": "project", "useProfile": False, "awsConfigFilePath": str(key_file)}


def region_of(entry: dict[str, Any]) -> str:
    """The region an entry deploys to: its keys file, its profile, `$AWS_REGION`, us-east-1."""
    if entry.get("useProfile") is False:
        region = secret_keys_of(entry).get("region")
        if region:
            return str(region)
    if entry.get("useProfile"):
        region = profile_region(str(entry.get("profileName", "default")))
        if region:
            return region
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
