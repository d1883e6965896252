"""amplify_outputs.json while mocking: the ResourcesConfig form, restored byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.frontend.auth import LocalAuth
from amplify_mock.mock.gen2.outputs import (
    BACKUP_MANIFEST,
    Gen2Endpoints,
    LocalBucket,
    OutputsOverride,
    mock_outputs,
)

ORIGINAL = {
    "version": "1.3",
    "auth": {
        "user_pool_id": "us-east-1_cloud",
        "user_pool_client_id": "cloudclient",
        "username_attributes": ["email"],
        "standard_required_attributes": ["email"],
        "groups": [{"ADMINS": {"precedence": 0}}],
        "password_policy": {"min_length": 8, "require_numbers": True},
    },
    "data": {
        "url": "https://x.appsync-api.us-east-1.amazonaws.com/graphql",
        "default_authorization_type": "AMAZON_COGNITO_USER_POOLS",
        "model_introspection": {"version": 1, "models": {}},
    },
}

ENDPOINTS = Gen2Endpoints(
    region="us-east-1",
    graphql_url="http://127.0.0.1:20002/graphql",
    default_auth_type="AMAZON_COGNITO_USER_POOLS",
    api_key="da2-local",
    auth=LocalAuth(
        endpoint="http://127.0.0.1:20006",
        region="us-east-1",
        user_pool_id="us-east-1_local",
        client_id="localclient",
        identity_pool_id="us-east-1:pool",
        allow_guests=True,
        username_attributes=("email",),
    ),
    buckets=(
        LocalBucket("photos", "photos-local", paths={"public/*": {"guest": ["get", "list"]}}),
    ),
)


def test_mock_outputs_resources_config_carries_the_local_endpoints() -> None:
    config = mock_outputs(ORIGINAL, ENDPOINTS)
    assert "version" not in config
    cognito = config["Auth"]["Cognito"]
    assert cognito["userPoolId"] == "us-east-1_local"
    assert cognito["userPoolEndpoint"] == "http://127.0.0.1:20006"
    assert cognito["identityPoolEndpoint"] == "http://127.0.0.1:20006"
    assert cognito["loginWith"] == {"username": False, "email": True, "phone": False}
    assert cognito["groups"] == [{"ADMINS": {"precedence": 0}}]
    assert cognito["userAttributes"] == {"email": {"required": True}}
    assert cognito["passwordFormat"]["requireNumbers"] is True
    graphql = config["API"]["GraphQL"]
    assert graphql == {
        "endpoint": "http://127.0.0.1:20002/graphql",
        "region": "us-east-1",
        "defaultAuthMode": "userPool",
        "apiKey": "da2-local",
        "modelIntrospection": {"version": 1, "models": {}},
    }
    s3 = config["Storage"]["S3"]
    assert s3["bucket"] == "photos-local"
    assert s3["buckets"] == {
        "photos": {
            "bucketName": "photos-local",
            "region": "us-east-1",
            "paths": {"public/*": {"guest": ["get", "list"]}},
        }
    }
    assert s3["dangerouslyConnectToHttpEndpointForTesting"] is True


def test_outputs_override_restores_the_original_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "amplify_outputs.json"
    original = (json.dumps(ORIGINAL, indent=4) + "  \n").encode()
    path.write_bytes(original)
    override = OutputsOverride(tmp_path)
    override.apply(ENDPOINTS)
    assert json.loads(path.read_text())["API"]["GraphQL"]["apiKey"] == "da2-local"
    assert (tmp_path / BACKUP_MANIFEST).is_file()
    assert override.restore() == [path]
    assert path.read_bytes() == original
    assert not (tmp_path / BACKUP_MANIFEST).exists()


def test_outputs_override_without_a_file_writes_one_and_deletes_it(tmp_path: Path) -> None:
    override = OutputsOverride(tmp_path)
    override.apply(ENDPOINTS)
    assert (tmp_path / "amplify_outputs.json").is_file()
    # a killed mock: a new override (next start, --restore-config) repairs it from the manifest
    assert OutputsOverride(tmp_path).restore() == [tmp_path / "amplify_outputs.json"]
    assert not (tmp_path / "amplify_outputs.json").exists()


def test_outputs_override_keeps_a_file_changed_while_mocking(tmp_path: Path) -> None:
    path = tmp_path / "amplify_outputs.json"
    path.write_text('{"version": "1"}')
    override = OutputsOverride(tmp_path)
    override.apply(ENDPOINTS)
    path.write_text('{"version": "1.4"}')  # `ampx sandbox` wrote it meanwhile
    assert override.restore() == []
    assert path.read_text() == '{"version": "1.4"}'


def test_outputs_override_refuses_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "amplify_outputs.json"
    path.write_text('{"version": \n  "1",,}')
    with pytest.raises(AmplifyMockError) as caught:
        OutputsOverride(tmp_path).apply(ENDPOINTS)
    assert caught.value.message == f"{path}:2:7: Expecting property name enclosed in double quotes"
    assert path.read_text() == '{"version": \n  "1",,}'
    assert not (tmp_path / BACKUP_MANIFEST).exists()
