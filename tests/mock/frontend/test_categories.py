"""With the local Cognito, the ResourcesConfig rewrite keeps every category the mock does not
emulate, in the form aws-amplify 6.x's parseAWSExports gives it, and restores the original."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from amplify_mock.mock.frontend.auth import LocalAuth, resources_config
from amplify_mock.mock.frontend.override import FrontendConfigOverride, MockEndpoints

DEMO = Path(__file__).resolve().parents[3] / "examples" / "demo"

AUTH = LocalAuth(
    endpoint="http://127.0.0.1:20006",
    region="us-east-1",
    user_pool_id="us-east-1_local",
    client_id="localclient",
    identity_pool_id="us-east-1:local-pool",
    allow_guests=True,
)

BOT = {"name": "BookTrip", "alias": "$LATEST", "region": "us-east-1"}
MAPS = {"items": {"demomap-dev": {"style": "VectorEsriStreets"}}, "default": "demomap-dev"}
INDICES = {"items": ["demoplaces-dev"], "default": "demoplaces-dev"}
PREDICTIONS = {
    "convert": {
        "translateText": {"region": "us-east-1", "proxy": False},
        "speechGenerator": {
            "region": "us-east-1",
            "proxy": False,
            "defaults": {"VoiceId": "Joanna", "LanguageCode": "en-US"},
        },
    },
    "identify": {"identifyLabels": {"region": "us-east-1", "defaults": {"type": "LABELS"}}},
}

#: An aws-exports object as `amplify push` writes it for a project with every category.
ORIGINAL: dict[str, Any] = {
    "aws_project_region": "us-east-1",
    "aws_appsync_graphqlEndpoint": "https://x.appsync-api.us-east-1.amazonaws.com/graphql",
    "aws_appsync_region": "us-east-1",
    "aws_appsync_authenticationType": "AMAZON_COGNITO_USER_POOLS",
    "aws_cognito_identity_pool_id": "us-east-1:cloud-pool",
    "aws_cognito_region": "us-east-1",
    "aws_user_pools_id": "us-east-1_cloud",
    "aws_user_pools_web_client_id": "cloudclient",
    "aws_cognito_username_attributes": [],
    "aws_cognito_signup_attributes": ["EMAIL"],
    "aws_cognito_mfa_configuration": "OPTIONAL",
    "aws_cognito_mfa_types": ["SMS", "TOTP"],
    "aws_cognito_verification_mechanisms": ["EMAIL"],
    "aws_cognito_social_providers": ["GOOGLE", "LOGINWITHAMAZON"],
    "oauth": {
        "domain": "demo-dev.auth.us-east-1.amazoncognito.com",
        "scope": ["email", "openid"],
        "redirectSignIn": "http://localhost:3000/,https://demo.example.com/",
        "redirectSignOut": "http://localhost:3000/",
        "responseType": "code",
    },
    "aws_mobile_analytics_app_id": "pinpointapp",
    "aws_mobile_analytics_app_region": "us-west-2",
    "Notifications": {
        "InAppMessaging": {"AWSPinpoint": {"appId": "pinpointapp", "region": "us-west-2"}},
        "Push": {"AWSPinpoint": {"appId": "pushapp", "region": "us-west-2"}},
        "SMS": {"AWSPinpoint": {"appId": "pinpointapp", "region": "us-west-2"}},
    },
    "aws_bots": "enable",
    "aws_bots_config": [BOT],
    "geo": {
        "amazon_location_service": {
            "region": "us-east-1",
            "maps": MAPS,
            "search_indices": INDICES,
            "geofenceCollections": {"items": ["fences-dev"], "default": "fences-dev"},
        }
    },
    "predictions": PREDICTIONS,
    "aws_content_delivery_bucket": "demohosting-dev",
    "myAppSetting": {"theme": "dark"},
}

EXPECTED: dict[str, Any] = {
    "myAppSetting": {"theme": "dark"},
    "Analytics": {"Pinpoint": {"appId": "pinpointapp", "region": "us-west-2"}},
    "Notifications": {
        "InAppMessaging": {"Pinpoint": {"appId": "pinpointapp", "region": "us-west-2"}},
        "PushNotification": {"Pinpoint": {"appId": "pushapp", "region": "us-west-2"}},
    },
    "Interactions": {"LexV1": {"BookTrip": BOT}},
    "Geo": {
        "LocationService": {
            "maps": MAPS,
            "geofenceCollections": {"items": ["fences-dev"], "default": "fences-dev"},
            "searchIndices": INDICES,
            "region": "us-east-1",
        }
    },
    "Predictions": {
        "convert": {
            "translateText": {"region": "us-east-1", "proxy": False},
            "speechGenerator": {
                "region": "us-east-1",
                "proxy": False,
                "defaults": {"voiceId": "Joanna"},
            },
        },
        "identify": {"identifyLabels": {"region": "us-east-1", "defaults": {"type": "LABELS"}}},
    },
    "Auth": {
        "Cognito": {
            "userPoolId": "us-east-1_local",
            "userPoolClientId": "localclient",
            "userPoolEndpoint": "http://127.0.0.1:20006",
            "signUpVerificationMethod": "code",
            "loginWith": {
                "username": True,
                "email": False,
                "phone": False,
                "oauth": {
                    "domain": "demo-dev.auth.us-east-1.amazoncognito.com",
                    "scopes": ["email", "openid"],
                    "redirectSignIn": ["http://localhost:3000/", "https://demo.example.com/"],
                    "redirectSignOut": ["http://localhost:3000/"],
                    "responseType": "code",
                    "providers": ["Google", "Loginwithamazon"],
                },
            },
            "userAttributes": {"email": {"required": True}},
            "identityPoolId": "us-east-1:local-pool",
            "identityPoolEndpoint": "http://127.0.0.1:20006",
            "allowGuestAccess": True,
            "mfa": {"status": "optional", "totpEnabled": True, "smsEnabled": True},
        }
    },
    "API": {
        "GraphQL": {
            "endpoint": "https://x.appsync-api.us-east-1.amazonaws.com/graphql",
            "region": "us-east-1",
            "defaultAuthMode": "userPool",
        }
    },
}


def test_resources_config_carries_every_category_the_mock_does_not_emulate() -> None:
    config = resources_config(ORIGINAL, AUTH)
    assert config == EXPECTED
    # no aws_* key: one would make aws-amplify parse the object as aws-exports again
    assert not [key for key in config if key.startswith("aws_")]


def test_resources_config_keeps_predictions_without_a_voice_as_is() -> None:
    predictions = {"interpret": {"interpretText": {"region": "us-east-1"}}}
    exports = {"aws_project_region": "us-east-1", "predictions": predictions}
    assert resources_config(exports, AUTH)["Predictions"] == predictions


def test_resources_config_maps_partial_categories_like_aws_amplify() -> None:
    exports = {
        "aws_project_region": "us-east-1",
        "aws_mobile_analytics_app_id": "pinpointapp",
        "Notifications": {"Push": {"AWSPinpoint": {"appId": "pushapp"}}},
        "geo": {"amazon_location_service": {"region": "eu-west-1", "maps": MAPS}},
        "aws_bots_config": [],
        "modelIntrospection": {"version": 1, "models": {}},
        "aws_appsync_graphqlEndpoint": "http://127.0.0.1:20002/graphql",
        "aws_appsync_authenticationType": "API_KEY",
        "aws_appsync_apiKey": "da2-local",
        # a ResourcesConfig name beside aws_* keys: aws-amplify ignored it, so must the rewrite
        "Storage": {"S3": {"bucket": "not-configured"}},
    }
    config = resources_config(exports, AUTH)
    assert {k: v for k, v in config.items() if k != "Auth"} == {
        "Analytics": {"Pinpoint": {"appId": "pinpointapp"}},
        "Notifications": {"PushNotification": {"Pinpoint": {"appId": "pushapp"}}},
        "Interactions": {"LexV1": {}},
        "Geo": {"LocationService": {"maps": MAPS, "region": "eu-west-1"}},
        "API": {
            "GraphQL": {
                "endpoint": "http://127.0.0.1:20002/graphql",
                "region": "us-east-1",
                "defaultAuthMode": "apiKey",
                "apiKey": "da2-local",
                "modelIntrospection": {"version": 1, "models": {}},
            }
        },
    }
    assert "mfa" not in config["Auth"]["Cognito"]
    assert "oauth" not in config["Auth"]["Cognito"]["loginWith"]


def test_aws_exports_rewrite_keeps_the_categories_and_restores_byte_for_byte(
    tmp_path: Path,
) -> None:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    exports = root / "src" / "aws-exports.js"
    original = (
        "/* eslint-disable */\n// generated\n\nconst awsmobile = "
        + json.dumps(ORIGINAL, indent=4)
        + ";\n\n\nexport default awsmobile;\n"
    )
    exports.write_text(original)
    endpoints = MockEndpoints(
        region="us-east-1",
        graphql_url="http://127.0.0.1:20002/graphql",
        auth_type="AMAZON_COGNITO_USER_POOLS",
        s3_buckets=("demofiles-dev",),
        auth=AUTH,
    )
    override = FrontendConfigOverride(root)
    assert override.apply(endpoints) == [exports]
    text = exports.read_text()
    config = json.loads(text.split("const awsmobile = ", 1)[1].rsplit(";\n\n\nexport", 1)[0])
    assert config == {
        **EXPECTED,
        "API": {
            "GraphQL": {
                "endpoint": "http://127.0.0.1:20002/graphql",
                "region": "us-east-1",
                "defaultAuthMode": "userPool",
            }
        },
        "Storage": {
            "S3": {
                "bucket": "demofiles-dev",
                "region": "us-east-1",
                "dangerouslyConnectToHttpEndpointForTesting": True,
            }
        },
    }
    assert override.restore() == [exports]
    assert exports.read_bytes() == original.encode("utf-8")
