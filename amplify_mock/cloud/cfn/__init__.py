"""A CloudFormation template evaluator: intrinsics, conditions, nested stacks, exports."""

from amplify_mock.cloud.cfn.errors import CfnEvaluationError
from amplify_mock.cloud.cfn.model import (
    MOCK_API_ID,
    MOCK_API_KEY,
    EvaluatedResource,
    LocalResourceModel,
    PseudoParameters,
    ResourceIdentity,
    ResourceModel,
    StackResult,
)
from amplify_mock.cloud.cfn.stack import evaluate_stack

__all__ = [
    "MOCK_API_ID",
    "MOCK_API_KEY",
    "CfnEvaluationError",
    "EvaluatedResource",
    "LocalResourceModel",
    "PseudoParameters",
    "ResourceIdentity",
    "ResourceModel",
    "StackResult",
    "evaluate_stack",
]
