"""The awscloudformation provider: botocore credentials, S3 uploads, CloudFormation stacks."""
