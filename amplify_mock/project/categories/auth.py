"""`amplify add auth`: a Cognito user pool, its app clients and an identity pool.

Not emulated: social providers, OAuth hosted UI, Lambda triggers, MFA settings; the
default configuration (username sign-in, email verification) is what gets added.
"""

from __future__ import annotations

import re
from typing import Any

from amplify_mock.project.categories.resources import (
    add_resource,
    env_suffixed,
    find_resources,
    short_id,
)
from amplify_mock.project.project import Project

__all__ = ["add_auth", "auth_template", "ensure_auth"]


def _ref(name: str) -> dict[str, Any]:
    return {"Ref": name}


def auth_template() -> dict[str, Any]:
    """The auth resource's nested stack."""
    string = {"Type": "String"}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Cognito user pool and identity pool created with the Amplify CLI",
        "Parameters": {
            "env": string,
            "authRoleArn": string,
            "unauthRoleArn": string,
            "identityPoolName": string,
            "allowUnauthenticatedIdentities": {"Type": "String", "Default": "false"},
            "userPoolName": string,
            "resourceName": string,
        },
        "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [_ref("env"), "NONE"]}},
        "Resources": {
            "UserPool": {
                "Type": "AWS::Cognito::UserPool",
                "UpdateReplacePolicy": "Retain",
                "Properties": {
                    "UserPoolName": env_suffixed(_ref("userPoolName")),
                    "AutoVerifiedAttributes": ["email"],
                    "Schema": [{"Name": "email", "Required": True, "Mutable": True}],
                    "UsernameConfiguration": {"CaseSensitive": False},
                },
            },
            "UserPoolClientWeb": {
                "Type": "AWS::Cognito::UserPoolClient",
                "Properties": {
                    "UserPoolId": _ref("UserPool"),
                    "ClientName": {"Fn::Join": ["", [_ref("resourceName"), "_app_clientWeb"]]},
                    "RefreshTokenValidity": 30,
                },
            },
            "UserPoolClient": {
                "Type": "AWS::Cognito::UserPoolClient",
                "Properties": {
                    "UserPoolId": _ref("UserPool"),
                    "ClientName": {"Fn::Join": ["", [_ref("resourceName"), "_app_client"]]},
                    "GenerateSecret": False,
                    "RefreshTokenValidity": 30,
                },
            },
            "IdentityPool": {
                "Type": "AWS::Cognito::IdentityPool",
                "Properties": {
                    "IdentityPoolName": env_suffixed(_ref("identityPoolName")),
                    "AllowUnauthenticatedIdentities": {
                        "Fn::Equals": [_ref("allowUnauthenticatedIdentities"), "true"]
                    },
                    "CognitoIdentityProviders": [
                        {
                            "ClientId": _ref("UserPoolClient"),
                            "ProviderName": {"Fn::GetAtt": ["UserPool", "ProviderName"]},
                        },
                        {
                            "ClientId": _ref("UserPoolClientWeb"),
                            "ProviderName": {"Fn::GetAtt": ["UserPool", "ProviderName"]},
                        },
                    ],
                },
            },
            "IdentityPoolRoleMap": {
                "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                "Properties": {
                    "IdentityPoolId": _ref("IdentityPool"),
                    "Roles": {
                        "unauthenticated": _ref("unauthRoleArn"),
                        "authenticated": _ref("authRoleArn"),
                    },
                },
            },
        },
        "Outputs": {
            "IdentityPoolId": {"Value": _ref("IdentityPool")},
            "IdentityPoolName": {"Value": {"Fn::GetAtt": ["IdentityPool", "Name"]}},
            "UserPoolId": {"Value": _ref("UserPool")},
            "UserPoolArn": {"Value": {"Fn::GetAtt": ["UserPool", "Arn"]}},
            "UserPoolName": {"Value": env_suffixed(_ref("userPoolName"))},
            "AppClientIDWeb": {"Value": _ref("UserPoolClientWeb")},
            "AppClientID": {"Value": _ref("UserPoolClient")},
        },
    }


def add_auth(project: Project, name: str | None = None, *, allow_guests: bool = True) -> str:
    """Add a Cognito auth resource with the default configuration; returns its name.

    :raises ResourceExistsError, InvalidNameError: name taken or invalid.
    """
    suffix = short_id()
    base = re.sub(r"[^a-zA-Z0-9]", "", project.name)[:20]
    name = name or f"{base}{suffix}"
    parameters = {
        "identityPoolName": f"{base}_identitypool_{suffix}",
        "allowUnauthenticatedIdentities": "true" if allow_guests else "false",
        "resourceName": name,
        "userPoolName": f"{base}_userpool_{suffix}",
        "authRoleArn": {"Fn::GetAtt": ["AuthRole", "Arn"]},
        "unauthRoleArn": {"Fn::GetAtt": ["UnauthRole", "Arn"]},
    }
    entry = {
        "service": "Cognito",
        "providerPlugin": "awscloudformation",
        "dependsOn": [],
        "customAuth": False,
        "frontendAuthConfig": {
            "usernameAttributes": [],
            "signupAttributes": ["EMAIL"],
            "verificationMechanisms": ["EMAIL"],
        },
    }
    add_resource(
        project,
        "auth",
        name,
        entry,
        {
            f"{name}-cloudformation-template.json": auth_template(),
            "parameters.json": parameters,
        },
    )
    return name


def ensure_auth(project: Project) -> str:
    """The project's Cognito auth resource, added with defaults when there is none."""
    existing = find_resources(project, "auth", "Cognito")
    return existing[0] if existing else add_auth(project)
