"""Errors raised while evaluating a CloudFormation template."""

from __future__ import annotations

from amplify_mock.errors import AmplifyMockError

__all__ = ["CfnEvaluationError"]


class CfnEvaluationError(AmplifyMockError):
    """A template that cannot be evaluated: an unknown reference, a bad intrinsic, a cycle.

    The message names the stack and the JSON path of the failing value, so the user can find
    it in `cloudformation-template.json` or `stacks/<name>.json`.
    """

    def __init__(self, stack: str, where: str, reason: str) -> None:
        super().__init__(f"CloudFormation stack {stack!r}, {where}: {reason}")
        self.stack = stack
        self.where = where
        self.reason = reason
