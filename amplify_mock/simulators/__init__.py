"""Local simulators of the AWS services `amplify mock` serves (AppSync, DynamoDB, S3, Lambda)."""
