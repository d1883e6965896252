"""`amplify/mock.json`: the mock's host, ports and DynamoDB endpoint, for both project kinds."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amplify_mock.errors import AmplifyMockError

__all__ = [
    "DEFAULT_COGNITO_PORT",
    "DEFAULT_DYNAMODB_PORT",
    "DEFAULT_GRAPHQL_PORT",
    "DEFAULT_STORAGE_PORT",
    "MockSettings",
    "MockSettingsError",
    "read_mock_settings",
]

DEFAULT_GRAPHQL_PORT = 20002
DEFAULT_STORAGE_PORT = 20005  # Amplify JS hard-codes it for a local bucket
DEFAULT_DYNAMODB_PORT = 62224
DEFAULT_COGNITO_PORT = 20006


class MockSettingsError(AmplifyMockError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}", "Fix amplify/mock.json or delete it.")


@dataclass(frozen=True)
class MockSettings:
    """`amplify/mock.json`, with the command line's options layered on top."""

    host: str = "127.0.0.1"
    graphql_port: int = DEFAULT_GRAPHQL_PORT
    storage_port: int = DEFAULT_STORAGE_PORT
    dynamodb_port: int = DEFAULT_DYNAMODB_PORT
    cognito_port: int = DEFAULT_COGNITO_PORT
    dynamodb_endpoint: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


def read_mock_settings(path: Path) -> MockSettings:
    """`amplify/mock.json` (both project kinds), defaults when there is none.

    :raises MockSettingsError: the file is not a JSON object of numbers for ports.
    """
    if not path.is_file():
        return MockSettings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise MockSettingsError(path, f"{err.lineno}:{err.colno}: {err.msg}") from err
    if not isinstance(raw, dict):
        raise MockSettingsError(path, "must be a JSON object")
    try:
        return MockSettings(
            host=str(raw.get("host", "127.0.0.1")),
            graphql_port=int(raw.get("graphqlPort", DEFAULT_GRAPHQL_PORT)),
            storage_port=int(raw.get("storagePort", DEFAULT_STORAGE_PORT)),
            # 0 (the OS picks) is a port too; `port` is the Amplify CLI's older key
            dynamodb_port=int(
                next(
                    (raw[k] for k in ("dynamoDbPort", "port") if raw.get(k) is not None),
                    DEFAULT_DYNAMODB_PORT,
                )
            ),
            cognito_port=int(raw.get("cognitoPort", DEFAULT_COGNITO_PORT)),
            dynamodb_endpoint=raw.get("dynamoDbEndpoint"),
            raw=raw,
        )
    except (TypeError, ValueError) as err:
        raise MockSettingsError(path, f"a port is not a number ({err})") from err
