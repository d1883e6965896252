"""The awscloudformation provider: botocore credentials, S3 uploads, CloudFormation stacks.

Submodules are imported where used: boto3 costs a noticeable part of CLI start-up.
"""
