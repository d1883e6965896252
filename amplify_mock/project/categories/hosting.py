"""`amplify hosting add | configure`: S3 static web hosting, DEV (the bucket's website
endpoint, HTTP) or PROD (the bucket behind a CloudFront distribution, HTTPS).

In the local cloud the distribution is a record with CloudFront-shaped ids; `amplify mock`
serves it with a caching front (simulators/cloudfront_front.py) and `amplify publish -c`
invalidates its cache. Not emulated: custom domains, price classes, geo restrictions.
"""

from __future__ import annotations

import re
from typing import Any

from amplify_mock.base.files import read_json, write_json
from amplify_mock.project.categories.resources import add_resource, env_suffixed
from amplify_mock.project.errors import InvalidOptionError, ResourceNotFoundError
from amplify_mock.project.project import Project

__all__ = [
    "DEFAULT_TTL",
    "ENVIRONMENTS",
    "HOSTING_RESOURCE",
    "add_hosting",
    "configure_hosting",
    "hosting_template",
    "is_prod",
]

HOSTING_RESOURCE = "S3AndCloudFront"
#: DEV: S3 only with HTTP; PROD: S3 with CloudFront using HTTPS
ENVIRONMENTS = ("DEV", "PROD")
#: the distribution's DefaultTTL (seconds): a published file is served from the cache this
#: long unless the publish invalidates it (`amplify publish -c`)
DEFAULT_TTL = 86400


def _cloudfront_resources() -> dict[str, Any]:
    return {
        "OriginAccessIdentity": {
            "Type": "AWS::CloudFront::CloudFrontOriginAccessIdentity",
            "Properties": {
                "CloudFrontOriginAccessIdentityConfig": {
                    "Comment": "CloudFrontOriginAccessIdentityConfig"
                }
            },
        },
        "CloudFrontDistribution": {
            "Type": "AWS::CloudFront::Distribution",
            "DependsOn": ["S3Bucket", "OriginAccessIdentity"],
            "Properties": {
                "DistributionConfig": {
                    "HttpVersion": "http2",
                    "Origins": [
                        {
                            "DomainName": {"Fn::GetAtt": ["S3Bucket", "RegionalDomainName"]},
                            "Id": "hostingS3Bucket",
                            "S3OriginConfig": {
                                "OriginAccessIdentity": {
                                    "Fn::Join": [
                                        "",
                                        [
                                            "origin-access-identity/cloudfront/",
                                            {"Ref": "OriginAccessIdentity"},
                                        ],
                                    ]
                                }
                            },
                        }
                    ],
                    "Enabled": True,
                    "DefaultCacheBehavior": {
                        "AllowedMethods": ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST",
                                           "PUT"],
                        "TargetOriginId": "hostingS3Bucket",
                        "ForwardedValues": {"QueryString": False},
                        "ViewerProtocolPolicy": "redirect-to-https",
                        "DefaultTTL": DEFAULT_TTL,
                        "MaxTTL": 31536000,
                        "MinTTL": 60,
                        "Compress": True,
                    },
                    "DefaultRootObject": {"Ref": "IndexDocument"},
                    "CustomErrorResponses": [
                        {
                            "ErrorCachingMinTTL": 300,
                            "ErrorCode": code,
                            "ResponseCode": 200,
                            "ResponsePagePath": "/",
                        }
                        for code in (400, 403, 404)
                    ],
                }
            },
        },
    }  # fmt: skip


def is_prod(template: dict[str, Any]) -> bool:
    """Whether a hosting template is the PROD one (it has the CloudFront distribution)."""
    return "CloudFrontDistribution" in (template.get("Resources") or {})


def hosting_template(environment: str = "DEV") -> dict[str, Any]:
    """The hosting resource's template.json: a website bucket, and for PROD a CloudFront
    distribution in front of it."""
    template: dict[str, Any] = {
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
    if environment == "PROD":
        template["Resources"].update(_cloudfront_resources())
        distribution = "CloudFrontDistribution"
        template["Outputs"].update(
            {
                "CloudFrontDistributionID": {"Value": {"Ref": distribution}},
                "CloudFrontDomainName": {"Value": {"Fn::GetAtt": [distribution, "DomainName"]}},
                "CloudFrontSecureURL": {
                    "Value": {
                        "Fn::Join": ["", ["https://", {"Fn::GetAtt": [distribution, "DomainName"]}]]
                    }
                },
                "CloudFrontOriginAccessIdentity": {"Value": {"Ref": "OriginAccessIdentity"}},
            }
        )
    return template


def add_hosting(project: Project, environment: str = "DEV") -> str:
    """Add the S3 hosting resource (DEV or PROD); returns its name.

    :raises ResourceExistsError: hosting is already added.
    :raises InvalidOptionError: an environment that is not DEV or PROD.
    """
    if environment not in ENVIRONMENTS:
        raise InvalidOptionError(
            "--environment", f"'{environment}' is not DEV or PROD", "Choose DEV or PROD."
        )
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
        {"template.json": hosting_template(environment), "parameters.json": parameters},
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
