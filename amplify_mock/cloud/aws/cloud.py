"""`AwsCloud`: deploy stacks to an AWS account with S3 uploads and CloudFormation.

The call sequence per deployment: the templates and artifacts are uploaded to the
deployment bucket (`PutObject`), `DescribeStacks` tells create from update,
`CreateStack` / `UpdateStack` with the nested stacks' TemplateURLs pointing into the
bucket, `DescribeStacks` is polled until the stack settles, then the outputs of the root
stack and of each nested stack (`ListStackResources` + `DescribeStacks`) are read. A failed
deployment is rolled back by CloudFormation; `DescribeStackEvents` names the resource.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from amplify_mock.cloud.provider import (
    DeployedStack,
    DeploymentError,
    ObjectNotFoundError,
    StackNotFoundError,
)
from amplify_mock.errors import AmplifyMockError

__all__ = ["AwsCloud", "AwsRequestError", "aws_errors"]

F = TypeVar("F", bound=Callable[..., Any])


class AwsRequestError(AmplifyMockError):
    """A call to AWS failed for a reason the project cannot fix by itself: no network, no or
    wrong credentials, an unknown profile, access denied."""

    def __init__(self, err: Exception) -> None:
        super().__init__(
            f"AWS request failed: {err}",
            "Check the awscloudformation provider's profile or access keys, the region and "
            "the network (unset AMPLIFY_MOCK_CLOUD to deploy to the local cloud instead).",
        )


def aws_errors(method: F) -> F:
    """Map botocore's errors that escape `method` to `AwsRequestError` (the ones the method
    understands, such as a missing stack, are already typed errors)."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except (BotoCoreError, ClientError) as err:
            raise AwsRequestError(err) from err

    return wrapper  # type: ignore[return-value]


CAPABILITIES = ["CAPABILITY_NAMED_IAM", "CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"]
_MAX_TEMPLATE_BODY = 51_200
_ROOT_TEMPLATE_KEY = "amplify-cfn-templates/root-cloudformation-stack.json"


def _parameter_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    return str(value)


def _not_found(err: ClientError) -> bool:
    return "does not exist" in str(err.response.get("Error", {}).get("Message", ""))


class AwsCloud:
    """A `Cloud` backed by boto3 clients (real AWS, or stubbed in tests)."""

    name = "aws"

    @aws_errors
    def __init__(
        self,
        session: boto3.Session | None,
        region: str,
        *,
        s3: Any = None,
        cloudformation: Any = None,
        poll_interval: float = 5.0,
        timeout: float = 3600.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.region = region
        if (s3 is None or cloudformation is None) and session is None:
            raise ValueError("AwsCloud needs a session or both clients")
        self.s3: Any = s3 or session.client("s3", region_name=region)  # type: ignore[union-attr]
        self.cfn: Any = cloudformation or session.client(  # type: ignore[union-attr]
            "cloudformation", region_name=region
        )
        self.session = session
        self.poll_interval = poll_interval
        self.timeout = timeout
        self.sleep = sleep

    @aws_errors
    def create_invalidation(self, distribution_id: str, paths: list[str]) -> str:
        """CloudFront CreateInvalidation; returns the invalidation id."""
        if self.session is None:
            raise ValueError("AwsCloud needs a session for CloudFront")
        client = self.session.client("cloudfront")
        response = client.create_invalidation(
            DistributionId=distribution_id,
            InvalidationBatch={
                "Paths": {"Quantity": len(paths), "Items": paths},
                "CallerReference": str(time.time()),
            },
        )
        return str(response["Invalidation"]["Id"])

    # -- objects --------------------------------------------------------------------------
    @aws_errors
    def put_object(self, bucket: str, key: str, body: bytes) -> None:
        self.s3.put_object(Bucket=bucket, Key=key, Body=body)

    @aws_errors
    def get_object(self, bucket: str, key: str) -> bytes:
        try:
            response = self.s3.get_object(Bucket=bucket, Key=key)
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NoSuchBucket"):
                raise ObjectNotFoundError(bucket, key) from err
            raise
        return bytes(response["Body"].read())

    @aws_errors
    def empty_bucket(self, bucket: str) -> None:
        token: str | None = None
        while True:
            kwargs: dict[str, Any] = {"Bucket": bucket}
            if token:
                kwargs["ContinuationToken"] = token
            try:
                page = self.s3.list_objects_v2(**kwargs)
            except ClientError as err:
                if err.response.get("Error", {}).get("Code") == "NoSuchBucket":
                    return
                raise
            keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if keys:
                self.s3.delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True})
            if not page.get("IsTruncated"):
                return
            token = page.get("NextContinuationToken")

    # -- stacks ---------------------------------------------------------------------------
    def _describe(self, stack_name: str) -> dict[str, Any]:
        try:
            stacks = self.cfn.describe_stacks(StackName=stack_name)["Stacks"]
        except ClientError as err:
            if _not_found(err):
                raise StackNotFoundError(stack_name) from err
            raise
        return dict(stacks[0])

    @staticmethod
    def _outputs(stack: Mapping[str, Any]) -> dict[str, Any]:
        return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}

    def _nested_outputs(self, stack_name: str) -> dict[str, dict[str, Any]]:
        nested: dict[str, dict[str, Any]] = {}
        token: str | None = None
        while True:
            kwargs: dict[str, Any] = {"StackName": stack_name}
            if token:
                kwargs["NextToken"] = token
            page = self.cfn.list_stack_resources(**kwargs)
            for summary in page.get("StackResourceSummaries", []):
                if summary["ResourceType"] == "AWS::CloudFormation::Stack":
                    child = self._describe(summary["PhysicalResourceId"])
                    nested[summary["LogicalResourceId"]] = self._outputs(child)
            token = page.get("NextToken")
            if not token:
                return nested

    @aws_errors
    def describe_stack(self, stack_name: str) -> DeployedStack:
        stack = self._describe(stack_name)
        return DeployedStack(
            stack_name,
            stack["StackId"],
            self._outputs(stack),
            self._nested_outputs(stack_name),
        )

    def _template_argument(
        self, template: Mapping[str, Any], parameters: Mapping[str, Any]
    ) -> dict[str, str]:
        body = json.dumps(template)
        if len(body) <= _MAX_TEMPLATE_BODY:
            return {"TemplateBody": body}
        bucket = str(parameters["DeploymentBucketName"])
        self.put_object(bucket, _ROOT_TEMPLATE_KEY, body.encode())
        return {"TemplateURL": f"https://s3.amazonaws.com/{bucket}/{_ROOT_TEMPLATE_KEY}"}

    @aws_errors
    def deploy_stack(
        self,
        stack_name: str,
        template: Mapping[str, Any],
        parameters: Mapping[str, Any],
        *,
        nested_templates: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> DeployedStack:
        """Create or update the stack and wait for it; nested templates are read from S3.

        :raises DeploymentError: the stack rolled back; the first failed resource is named.
        """
        arguments: dict[str, Any] = {
            "StackName": stack_name,
            "Parameters": [
                {"ParameterKey": key, "ParameterValue": _parameter_value(value)}
                for key, value in parameters.items()
            ],
            "Capabilities": CAPABILITIES,
            **self._template_argument(template, parameters),
        }
        try:
            self._describe(stack_name)
            exists = True
        except StackNotFoundError:
            exists = False
        if exists:
            try:
                self.cfn.update_stack(**arguments)
            except ClientError as err:
                if "No updates are to be performed" not in str(err):
                    raise DeploymentError(stack_name, stack_name, str(err)) from err
                return self.describe_stack(stack_name)
        else:
            self.cfn.create_stack(**arguments)
        self._wait(stack_name, "UPDATE" if exists else "CREATE")
        return self.describe_stack(stack_name)

    def _wait(self, stack_name: str, operation: str) -> None:
        waited = 0.0
        while True:
            status = self._describe(stack_name)["StackStatus"]
            if status == f"{operation}_COMPLETE":
                return
            if not status.endswith("_IN_PROGRESS"):
                self._raise_failure(stack_name, status)
            if waited >= self.timeout:
                raise DeploymentError(stack_name, stack_name, f"timed out in status {status}")
            self.sleep(self.poll_interval)
            waited += self.poll_interval

    def _raise_failure(self, stack_name: str, status: str) -> None:
        events = self.cfn.describe_stack_events(StackName=stack_name).get("StackEvents", [])
        failed = [e for e in events if str(e.get("ResourceStatus", "")).endswith("_FAILED")]
        if failed:
            first = failed[-1]
            raise DeploymentError(
                stack_name,
                first["LogicalResourceId"],
                f"{first['ResourceStatus']}: {first.get('ResourceStatusReason', 'no reason')}",
            )
        raise DeploymentError(stack_name, stack_name, f"stack status {status}")

    @aws_errors
    def delete_stack(self, stack_name: str) -> None:
        self._describe(stack_name)
        self.cfn.delete_stack(StackName=stack_name)
        waited = 0.0
        while True:
            try:
                status = self._describe(stack_name)["StackStatus"]
            except StackNotFoundError:
                return
            if status == "DELETE_COMPLETE":
                return
            if status == "DELETE_FAILED":
                self._raise_failure(stack_name, status)
            if waited >= self.timeout:
                raise DeploymentError(stack_name, stack_name, f"timed out in status {status}")
            self.sleep(self.poll_interval)
            waited += self.poll_interval
