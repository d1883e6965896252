"""The awscloudformation provider: botocore credentials, S3 uploads, CloudFormation stacks."""

from amplify_mock.cloud.aws.cloud import AwsCloud
from amplify_mock.cloud.aws.credentials import reset_cache, session_for

__all__ = ["AwsCloud", "reset_cache", "session_for"]
