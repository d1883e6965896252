"""CloudFormation evaluation and the providers that turn templates into (local) resources."""
