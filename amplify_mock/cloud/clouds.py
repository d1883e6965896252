"""Which cloud a project deploys to: the local cloud (default) or an AWS account."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from amplify_mock.cloud.local import LocalCloud
from amplify_mock.cloud.local.store import open_store
from amplify_mock.cloud.provider import Cloud
from amplify_mock.errors import AmplifyMockError

__all__ = ["CLOUDS", "CLOUD_ENV_VAR", "open_cloud"]

#: selects the cloud: `local` (default, offline) or `aws` (the awscloudformation provider)
CLOUD_ENV_VAR = "AMPLIFY_MOCK_CLOUD"
CLOUDS = ("local", "aws")


class UnknownCloudError(AmplifyMockError):
    """`$AMPLIFY_MOCK_CLOUD` names a cloud this build has no provider for."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"Unknown cloud '{name}' in ${CLOUD_ENV_VAR}. Clouds: {', '.join(CLOUDS)}.",
            f"Set {CLOUD_ENV_VAR}=local (the default) or {CLOUD_ENV_VAR}=aws.",
        )


def open_cloud(
    store_spec: str | None,
    region: str,
    aws_info: dict[str, Any],
    *,
    mfa_prompt: Callable[[str], str] | None = None,
) -> Cloud:
    """The cloud for one environment; the local cloud lives in the store `store_spec` names.

    :raises UnknownCloudError: `$AMPLIFY_MOCK_CLOUD` names no cloud.
    :raises InvalidStoreError: `store_spec` is not a store URL.
    """
    kind = os.environ.get(CLOUD_ENV_VAR, "local")
    if kind == "local":
        return LocalCloud(open_store(store_spec), region)
    if kind == "aws":
        from amplify_mock.cloud.aws.cloud import AwsCloud, aws_errors
        from amplify_mock.cloud.aws.credentials import session_for

        @aws_errors
        def connect() -> Cloud:  # an unknown profile fails here, before any call
            return AwsCloud(session_for(aws_info, region, mfa_prompt=mfa_prompt), region)

        return connect()
    raise UnknownCloudError(kind)
