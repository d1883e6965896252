"""The ResourcesConfig form of the frontend config keys the mock carries over unchanged.

When the local Cognito runs, aws-exports.js / amplifyconfiguration.json are written as a
ResourcesConfig (see frontend/auth.py). The categories the mock does not emulate (Analytics,
Notifications, Interactions, Geo, Predictions) and the Auth / GraphQL settings it does not change
(MFA, OAuth, model introspection) must reach aws-amplify as they would have from the original
`aws_*` object, so they are mapped here the way aws-amplify 6.x's `parseAWSExports` maps them
(read in @aws-amplify/core 6.19). Keys that aws-amplify does not read from an aws-exports object
(anything not starting with `aws_`, not one of its known lowercase keys and not a ResourcesConfig
category name) are kept verbatim for the app's own use.

Not carried over: `aws_*` keys that aws-amplify maps to nothing (aws_project_region,
aws_cognito_region, aws_content_delivery_*, aws_dynamodb_*, ...). A single `aws_*` key makes
aws-amplify parse the whole object as aws-exports, which would drop the local endpoints.
"""

from __future__ import annotations

from typing import Any

__all__ = ["carried_categories", "carried_keys", "graphql_extras", "mfa_and_oauth"]

#: The non-`aws_*` keys of an aws-exports object that `parseAWSExports` reads.
_PARSED_KEYS = frozenset({"geo", "oauth", "predictions", "Notifications", "modelIntrospection"})
#: The ResourcesConfig categories: aws-amplify ignores them beside `aws_*` keys, so carrying one
#: over verbatim would configure something the original file did not.
_RESOURCE_KEYS = frozenset(
    {"API", "Analytics", "Auth", "Geo", "Interactions", "Notifications", "Predictions", "Storage"}
)


def _defined(values: dict[str, Any]) -> dict[str, Any]:
    """Drops the keys aws-amplify would leave undefined (absent from the JSON form)."""
    return {key: value for key, value in values.items() if value is not None}


def _pinpoint(entry: Any) -> dict[str, Any] | None:
    if not isinstance(entry, dict) or not entry.get("AWSPinpoint"):
        return None
    pinpoint = entry["AWSPinpoint"]
    if not isinstance(pinpoint, dict):
        return None
    return {"Pinpoint": _defined({key: pinpoint.get(key) for key in ("appId", "region")})}


def _notifications(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    notifications: dict[str, Any] = {}
    in_app = _pinpoint(value.get("InAppMessaging"))
    if in_app is not None:
        notifications["InAppMessaging"] = in_app
    push = _pinpoint(value.get("Push"))
    if push is not None:
        notifications["PushNotification"] = push
    return notifications or None


def _geo(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or not isinstance(value.get("amazon_location_service"), dict):
        return None
    service = value["amazon_location_service"]
    return {
        "LocationService": _defined(
            {
                "maps": service.get("maps"),
                "geofenceCollections": service.get("geofenceCollections"),
                "searchIndices": service.get("search_indices"),
                "region": service.get("region"),
            }
        )
    }


def _predictions(value: Any) -> Any:
    """Predictions as is, with the speech generator's `VoiceId` default renamed `voiceId`."""
    if not isinstance(value, dict):
        return value
    convert = value.get("convert")
    generator = convert.get("speechGenerator") if isinstance(convert, dict) else None
    defaults = generator.get("defaults") if isinstance(generator, dict) else None
    voice = defaults.get("VoiceId") if isinstance(defaults, dict) else None
    if not voice:
        return value
    assert isinstance(convert, dict) and isinstance(generator, dict)
    return {
        **value,
        "convert": {**convert, "speechGenerator": {**generator, "defaults": {"voiceId": voice}}},
    }


def carried_categories(exports: dict[str, Any]) -> dict[str, Any]:
    """Analytics, Notifications, Interactions, Geo and Predictions in ResourcesConfig form."""
    config: dict[str, Any] = {}
    if exports.get("aws_mobile_analytics_app_id"):
        config["Analytics"] = {
            "Pinpoint": _defined(
                {
                    "appId": exports["aws_mobile_analytics_app_id"],
                    "region": exports.get("aws_mobile_analytics_app_region"),
                }
            )
        }
    notifications = _notifications(exports.get("Notifications"))
    if notifications is not None:
        config["Notifications"] = notifications
    bots = exports.get("aws_bots_config")
    if isinstance(bots, list):
        config["Interactions"] = {
            "LexV1": {bot["name"]: bot for bot in bots if isinstance(bot, dict) and "name" in bot}
        }
    geo = _geo(exports.get("geo"))
    if geo is not None:
        config["Geo"] = geo
    if exports.get("predictions"):
        config["Predictions"] = _predictions(exports["predictions"])
    return config


def carried_keys(exports: dict[str, Any]) -> dict[str, Any]:
    """The keys aws-amplify ignores in an aws-exports object, kept for the app's own use."""
    return {
        key: value
        for key, value in exports.items()
        if not key.startswith("aws_") and key not in _PARSED_KEYS | _RESOURCE_KEYS
    }


def graphql_extras(exports: dict[str, Any]) -> dict[str, Any]:
    """The GraphQL settings beside the endpoint: the model introspection schema."""
    introspection = exports.get("modelIntrospection")
    return {"modelIntrospection": introspection} if introspection else {}


def _redirects(value: Any) -> list[str]:
    return str(value).split(",") if value else []


def mfa_and_oauth(exports: dict[str, Any]) -> dict[str, Any]:
    """The Cognito `mfa` setting and the `oauth` sign-in of `loginWith`, when configured.

    Returns `{"mfa": ..., "oauth": ...}` with only the configured ones.
    """
    settings: dict[str, Any] = {}
    status = exports.get("aws_cognito_mfa_configuration")
    if status:
        types = exports.get("aws_cognito_mfa_types") or []
        settings["mfa"] = {
            "status": str(status).lower(),
            "totpEnabled": "TOTP" in types,
            "smsEnabled": "SMS" in types,
        }
    oauth = exports.get("oauth")
    if isinstance(oauth, dict) and oauth:
        login = _defined(
            {
                "domain": oauth.get("domain"),
                "scopes": oauth.get("scope"),
                "redirectSignIn": _redirects(oauth.get("redirectSignIn")),
                "redirectSignOut": _redirects(oauth.get("redirectSignOut")),
                "responseType": oauth.get("responseType"),
            }
        )
        providers = exports.get("aws_cognito_social_providers") or []
        if providers:
            login["providers"] = [str(p).lower().capitalize() for p in providers]
        settings["oauth"] = login
    return settings
