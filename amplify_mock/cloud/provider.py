"""What the project engine needs from a cloud: deploy/describe/delete stacks, store objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from amplify_mock.errors import AmplifyMockError

__all__ = [
    "BucketNotFoundError",
    "Cloud",
    "DeployedStack",
    "DeploymentError",
    "ObjectNotFoundError",
    "StackBusyError",
    "StackNotFoundError",
]


@dataclass(frozen=True)
class DeployedStack:
    """A stack after a deployment: its id, outputs, and each direct nested stack's outputs."""

    stack_name: str
    stack_id: str
    outputs: Mapping[str, Any]
    nested_outputs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    changes: Mapping[str, int] = field(default_factory=dict)


class DeploymentError(AmplifyMockError):
    """A stack deployment failed; the stack was rolled back to its previous state."""

    def __init__(self, stack: str, resource: str, reason: str) -> None:
        super().__init__(
            f"Deployment of stack '{stack}' failed at resource '{resource}': {reason}.",
            "Fix the resource's template or parameters and run `amplify push` again.",
        )
        self.stack = stack
        self.resource = resource
        self.reason = reason


class StackNotFoundError(AmplifyMockError):
    """No stack of that name exists in the cloud."""

    def __init__(self, stack: str) -> None:
        super().__init__(f"Stack '{stack}' does not exist in the cloud.")
        self.stack = stack


class StackBusyError(AmplifyMockError):
    """Another deployment of the stack is in progress (CloudFormation's ValidationError)."""

    code = "ValidationError"

    def __init__(self, stack: str, stack_id: str, status: str) -> None:
        super().__init__(
            f"Stack:{stack_id} is in {status} state and can not be updated.",
            "Another push to this environment is in progress. Wait for it to finish, run "
            "`amplify pull` to get its changes, then push again.",
        )
        self.stack = stack
        self.status = status


class ObjectNotFoundError(AmplifyMockError):
    """No object at that bucket and key."""

    def __init__(self, bucket: str, key: str) -> None:
        super().__init__(f"Object s3://{bucket}/{key} does not exist.")


class Cloud(Protocol):
    """A place stacks are deployed to: the local cloud on disk, or an AWS account."""

    name: str
    region: str

    def deploy_stack(
        self,
        stack_name: str,
        template: Mapping[str, Any],
        parameters: Mapping[str, Any],
        *,
        nested_templates: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> DeployedStack:
        """Create or update a stack and wait until it is complete.

        :raises DeploymentError: a resource failed; the stack is back to its previous state.
        """
        ...

    def describe_stack(self, stack_name: str) -> DeployedStack:
        """:raises StackNotFoundError: no such stack."""
        ...

    def delete_stack(self, stack_name: str) -> None:
        """Delete a stack, its nested stacks and the resources not marked Retain."""
        ...

    def put_object(self, bucket: str, key: str, body: bytes) -> None: ...

    def get_object(self, bucket: str, key: str) -> bytes:
        """:raises ObjectNotFoundError: no such object."""
        ...

    def empty_bucket(self, bucket: str) -> None:
        """Remove every object of a bucket (before the stack that owns it is deleted)."""
        ...

    def create_invalidation(self, distribution_id: str, paths: list[str]) -> str:
        """Invalidate cached paths of a CloudFront distribution; returns the invalidation id."""
        ...


class BucketNotFoundError(AmplifyMockError):
    """No bucket of that name exists."""

    def __init__(self, bucket: str) -> None:
        super().__init__(f"Bucket '{bucket}' does not exist.")
