"""`amplify hosting add | configure`: S3 static web hosting (the DEV, no-CloudFront setup).

Not emulated: the PROD setup with a CloudFront distribution, custom error responses, TTLs.
"""

from __future__ import annotations

import re
from typing import Any

from amplify_mock.base.files import read_json, write_json
from amplify_mock.project.categories.resources import add_resource, env_suffixed
from amplify_mock.project.errors import ResourceNotFoundError
from amplify_mock.project.project import Project

__all__ = ["HOSTING_RESOURCE", "add_hosting", "configure_hosting", "hosting_template"]

HOSTING_RESOURCE = "S3AndCloudFront"


def hosting_template() -> dict[str, Any]:
    """The hosting resource's template.json: one website bucket."""
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Hosting resource stack creation using Amplify CLI",
        "Parameters": {
            "env": {"Type": "String"},
            "bucketName": {"Type": "String"},
            "IndexDocument": {"Type": "String", "Default": "index.html"},
            "ErrorDocument": {"Type": "String", "Default": "index.html"},
        },
        "Conditions": {"ShouldNotCreateEnvResources": {"Fn::Equals": [{"Ref": "env"}, "NONE"]}},
        "Resources": {
            "S3Bucket": {
                "Type": "AWS::S3::Bucket",
                "DeletionPolicy": "Retain",
                "Properties": {
                    "BucketName": env_suffixed({"Ref": "bucketName"}),
                    "WebsiteConfiguration": {
                        "IndexDocument": {"Ref": "IndexDocument"},
                        "ErrorDocument": {"Ref": "ErrorDocument"},
                    },
                },
            }
        },
        "Outputs": {
            "Region": {"Value": {"Ref": "AWS::Region"}},
            "HostingBucketName": {"Value": {"Ref": "S3Bucket"}},
            "WebsiteURL": {"Value": {"Fn::GetAtt": ["S3Bucket", "WebsiteURL"]}},
            "S3BucketSecureURL": {
                "Value": {
                    "Fn::Join": ["", ["https://", {"Fn::GetAtt": ["S3Bucket", "DomainName"]}]]
                }
            },
        },
    }


def add_hosting(project: Project) -> str:
    """Add the S3 hosting resource; returns its name.

    :raises ResourceExistsError: hosting is already added.
    """
    base = re.sub(r"[^a-z0-9]", "", project.name.lower())[:30]
    parameters = {
        "bucketName": f"{base}-hostingbucket",
        "IndexDocument": "index.html",
        "ErrorDocument": "index.html",
    }
    add_resource(
        project,
        "hosting",
        HOSTING_RESOURCE,
        {"service": "S3AndCloudFront", "providerPlugin": "awscloudformation"},
        {"template.json": hosting_template(), "parameters.json": parameters},
    )
    return HOSTING_RESOURCE


def configure_hosting(project: Project, *, index_document: str, error_document: str) -> None:
    """Change the website's index and error documents.

    :raises ResourceNotFoundError: hosting was not added.
    """
    path = project.paths.resource_dir("hosting", HOSTING_RESOURCE) / "parameters.json"
    if not path.is_file():
        raise ResourceNotFoundError("hosting", HOSTING_RESOURCE)
    parameters = dict(read_json(path))
    parameters.update({"IndexDocument": index_document, "ErrorDocument": error_document})
    write_json(path, parameters)
