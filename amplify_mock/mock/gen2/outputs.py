"""`amplify_outputs.json` pointed at the mock while it runs, restored byte for byte on stop.

aws-amplify 6.x reads a file with a `version` key as Amplify outputs (`parseAmplifyOutputs`),
which maps no Cognito endpoint and no S3 testing flag. So while the mock runs the file holds
the ResourcesConfig form instead (no `version` key), which `Amplify.configure(outputs)` takes
as it is: `Auth.Cognito` with `userPoolEndpoint`/`identityPoolEndpoint`, `API.GraphQL` with
the local URL, API key and the original `model_introspection`, and `Storage.S3` with every
bucket and its `paths` and `dangerouslyConnectToHttpEndpointForTesting`. A project that has
no amplify_outputs.json yet gets one, deleted on stop. The manifest of the originals is
`.amplify/mock-data/frontend-config-backup.json` (see `frontend/backup.py`).

Not carried over while mocking: `analytics`, `geo`, `notifications`, `custom` (aws-amplify
would need them in their ResourcesConfig form too).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.frontend.auth import LocalAuth
from amplify_mock.mock.frontend.backup import ConfigBackup, read_bytes

__all__ = [
    "BACKUP_MANIFEST",
    "OUTPUTS_FILE",
    "Gen2Endpoints",
    "LocalBucket",
    "OutputsOverride",
    "mock_outputs",
]

OUTPUTS_FILE = "amplify_outputs.json"
#: Relative to the project root, beside the mock data.
BACKUP_MANIFEST = Path(".amplify") / "mock-data" / "frontend-config-backup.json"

_AUTH_MODES = {
    "API_KEY": "apiKey",
    "AWS_IAM": "iam",
    "AMAZON_COGNITO_USER_POOLS": "userPool",
    "OPENID_CONNECT": "oidc",
    "AWS_LAMBDA": "lambda",
}


@dataclass(frozen=True)
class LocalBucket:
    """A `defineStorage` bucket served by the local S3: its friendly name and access paths
    (`{"media/{entity_id}/*": {"entityidentity": ["get", ...]}}`, the outputs' form)."""

    name: str
    bucket_name: str
    is_default: bool = False
    paths: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Gen2Endpoints:
    """What the app must talk to while mocking; None leaves a category out."""

    region: str
    graphql_url: str | None = None
    #: AppSync's name of the default mode (API_KEY, AMAZON_COGNITO_USER_POOLS, ...)
    default_auth_type: str | None = None
    api_key: str | None = None
    auth: LocalAuth | None = None
    groups: tuple[str, ...] = ()
    buckets: tuple[LocalBucket, ...] = ()


def _cognito(original: Mapping[str, Any], endpoints: Gen2Endpoints) -> dict[str, Any]:
    auth = endpoints.auth
    assert auth is not None
    names = [str(a).lower() for a in original.get("username_attributes") or []]
    names += [a.lower() for a in auth.username_attributes]
    email, phone = "email" in names, "phone_number" in names
    cognito: dict[str, Any] = {
        "userPoolId": auth.user_pool_id,
        "userPoolClientId": auth.client_id,
        "userPoolEndpoint": auth.endpoint,
        "signUpVerificationMethod": "code",
        "loginWith": {"username": not (email or phone), "email": email, "phone": phone},
        "userAttributes": {
            str(a): {"required": True} for a in original.get("standard_required_attributes") or []
        },
    }
    groups = original.get("groups") or [{name: {}} for name in endpoints.groups]
    if groups:
        cognito["groups"] = groups
    if auth.identity_pool_id:
        cognito["identityPoolId"] = auth.identity_pool_id
        cognito["identityPoolEndpoint"] = auth.endpoint
        cognito["allowGuestAccess"] = auth.allow_guests
    policy = original.get("password_policy")
    if isinstance(policy, dict):
        cognito["passwordFormat"] = {
            "minLength": policy.get("min_length", 6),
            "requireLowercase": bool(policy.get("require_lowercase")),
            "requireUppercase": bool(policy.get("require_uppercase")),
            "requireNumbers": bool(policy.get("require_numbers")),
            "requireSpecialCharacters": bool(policy.get("require_symbols")),
        }
    return {"Cognito": cognito}


def mock_outputs(original: Mapping[str, Any], endpoints: Gen2Endpoints) -> dict[str, Any]:
    """The ResourcesConfig the app gets while mocking, from the original outputs (or `{}`)."""
    config: dict[str, Any] = {}
    if endpoints.auth is not None:
        config["Auth"] = _cognito(original.get("auth") or {}, endpoints)
    if endpoints.graphql_url:
        data = original.get("data") or {}
        graphql: dict[str, Any] = {
            "endpoint": endpoints.graphql_url,
            "region": endpoints.region,
            "defaultAuthMode": _AUTH_MODES.get(str(endpoints.default_auth_type), "iam"),
        }
        if endpoints.api_key:
            graphql["apiKey"] = endpoints.api_key
        if data.get("model_introspection"):
            graphql["modelIntrospection"] = data["model_introspection"]
        config["API"] = {"GraphQL": graphql}
    if endpoints.buckets:
        default = next((b for b in endpoints.buckets if b.is_default), endpoints.buckets[0])
        config["Storage"] = {
            "S3": {
                "bucket": default.bucket_name,
                "region": endpoints.region,
                "buckets": {
                    bucket.name: {
                        "bucketName": bucket.bucket_name,
                        "region": endpoints.region,
                        "paths": dict(bucket.paths),
                    }
                    for bucket in endpoints.buckets
                },
                "dangerouslyConnectToHttpEndpointForTesting": True,
            }
        }
    return config


def _original(path: Path, raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        return {}
    try:
        loaded = json.loads(raw.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as err:
        raise AmplifyMockError(
            f"{path}:{err.lineno}:{err.colno}: {err.msg}",
            "Fix it, or delete it: the mock writes one while it runs.",
        ) from err
    if not isinstance(loaded, dict):
        raise AmplifyMockError(
            f"{path}: {OUTPUTS_FILE} is not a JSON object.",
            "Fix it, or delete it: the mock writes one while it runs.",
        )
    return loaded


class OutputsOverride:
    """Rewrites amplify_outputs.json for the mock (`apply`) and restores it (`restore`)."""

    def __init__(self, project_root: Path) -> None:
        self.project_root = project_root
        self.path = project_root / OUTPUTS_FILE
        self.backup = ConfigBackup(project_root, BACKUP_MANIFEST)

    def apply(self, endpoints: Gen2Endpoints) -> list[Path]:
        """Save the original (or its absence), then write the mock's config.

        :raises AmplifyMockError: the existing file is not a JSON object.
        """
        self.backup.restore()
        raw = read_bytes(self.path)
        mocked = json.dumps(mock_outputs(_original(self.path, raw), endpoints), indent=2) + "\n"
        return self.backup.write([(self.path, raw, mocked.encode("utf-8"))])

    def restore(self) -> list[Path]:
        """Put the original back (delete the file when there was none); files changed since
        the mock wrote them are kept."""
        return self.backup.restore()
