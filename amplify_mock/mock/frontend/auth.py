"""The frontend config form that carries the local Cognito endpoints to aws-amplify v6.

aws-amplify v6 (checked in 6.8.2 and 6.22.1) reads `userPoolEndpoint` and (from 6.9 on)
`identityPoolEndpoint` only from a ResourcesConfig (`{Auth: {Cognito: ...}}`): an object with
any `aws_*` key goes through `parseAWSExports`, which maps neither, and `amplify_outputs.json`
(`version: "1"`) has no such field. So while the local Cognito runs, the `awsmobile` object of
aws-exports.js / amplifyconfiguration.json is written in that form (Auth, API.GraphQL,
Storage.S3, and the REST APIs pointed at the mock; the other categories, MFA / OAuth and the
app's own keys carried over as aws-amplify would read them, see frontend/categories.py);
`Amplify.configure(config)` in the app stays the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from amplify_mock.mock.frontend.categories import (
    carried_categories,
    carried_keys,
    graphql_extras,
    mfa_and_oauth,
)

__all__ = ["LocalAuth", "resources_config"]

_AUTH_MODES = {
    "API_KEY": "apiKey",
    "AWS_IAM": "iam",
    "AMAZON_COGNITO_USER_POOLS": "userPool",
    "OPENID_CONNECT": "oidc",
    "AWS_LAMBDA": "lambda",
    "NONE": "none",
}


@dataclass(frozen=True)
class LocalAuth:
    """The local user pool and identity pool the app must use while mocking."""

    endpoint: str
    region: str
    user_pool_id: str
    client_id: str
    identity_pool_id: str | None
    allow_guests: bool
    username_attributes: tuple[str, ...] = ()


def _auth(exports: dict[str, Any], auth: LocalAuth) -> dict[str, Any]:
    names = [str(a).upper() for a in exports.get("aws_cognito_username_attributes") or []]
    names += [a.upper() for a in auth.username_attributes]
    email, phone = "EMAIL" in names, "PHONE_NUMBER" in names
    attributes = [
        *(exports.get("aws_cognito_verification_mechanisms") or []),
        *(exports.get("aws_cognito_signup_attributes") or []),
    ]
    cognito: dict[str, Any] = {
        "userPoolId": auth.user_pool_id,
        "userPoolClientId": auth.client_id,
        "userPoolEndpoint": auth.endpoint,
        "signUpVerificationMethod": exports.get("aws_cognito_sign_up_verification_method")
        or "code",
        "loginWith": {"username": not (email or phone), "email": email, "phone": phone},
        "userAttributes": {str(a).lower(): {"required": True} for a in dict.fromkeys(attributes)},
    }
    if auth.identity_pool_id:
        cognito["identityPoolId"] = auth.identity_pool_id
        cognito["identityPoolEndpoint"] = auth.endpoint
        cognito["allowGuestAccess"] = auth.allow_guests
    policy = exports.get("aws_cognito_password_protection_settings")
    if isinstance(policy, dict):
        characters = policy.get("passwordPolicyCharacters") or []
        cognito["passwordFormat"] = {
            "minLength": policy.get("passwordPolicyMinLength"),
            "requireLowercase": "REQUIRES_LOWERCASE" in characters,
            "requireUppercase": "REQUIRES_UPPERCASE" in characters,
            "requireNumbers": "REQUIRES_NUMBERS" in characters,
            "requireSpecialCharacters": "REQUIRES_SYMBOLS" in characters,
        }
    extra = mfa_and_oauth(exports)
    if "mfa" in extra:
        cognito["mfa"] = extra["mfa"]
    if "oauth" in extra:
        cognito["loginWith"]["oauth"] = extra["oauth"]
    return {"Cognito": cognito}


def resources_config(exports: dict[str, Any], auth: LocalAuth) -> dict[str, Any]:
    """The ResourcesConfig for an `awsmobile` object already pointed at the mock."""
    config: dict[str, Any] = {**carried_keys(exports), **carried_categories(exports)}
    config["Auth"] = _auth(exports, auth)
    api: dict[str, Any] = {}
    if exports.get("aws_appsync_graphqlEndpoint"):
        graphql: dict[str, Any] = {
            "endpoint": exports["aws_appsync_graphqlEndpoint"],
            "region": exports.get("aws_appsync_region") or auth.region,
            "defaultAuthMode": _AUTH_MODES.get(
                str(exports.get("aws_appsync_authenticationType")), "iam"
            ),
        }
        if exports.get("aws_appsync_apiKey"):
            graphql["apiKey"] = exports["aws_appsync_apiKey"]
        graphql.update(graphql_extras(exports))
        api["GraphQL"] = graphql
    rest = exports.get("aws_cloud_logic_custom")
    if isinstance(rest, list):
        api["REST"] = {
            entry["name"]: {k: entry[k] for k in ("endpoint", "region", "service") if k in entry}
            for entry in rest
            if isinstance(entry, dict) and "name" in entry
        }
    if api:
        config["API"] = api
    if exports.get("aws_user_files_s3_bucket"):
        config["Storage"] = {
            "S3": {
                "bucket": exports["aws_user_files_s3_bucket"],
                "region": exports.get("aws_user_files_s3_bucket_region") or auth.region,
                "dangerouslyConnectToHttpEndpointForTesting": bool(
                    exports.get(
                        "aws_user_files_s3_dangerously_connect_to_http_endpoint_for_testing"
                    )
                ),
            }
        }
    return config
