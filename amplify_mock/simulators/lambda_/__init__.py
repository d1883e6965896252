"""The Lambda runner: project functions in warm Node.js / Python workers, and their triggers."""

from amplify_mock.simulators.lambda_.config import FunctionConfig, list_functions
from amplify_mock.simulators.lambda_.runner import DEFAULT_TIMEOUT_SECONDS, LambdaRunner
from amplify_mock.simulators.lambda_.worker import InvocationOutcome

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS",
    "FunctionConfig",
    "InvocationOutcome",
    "LambdaRunner",
    "list_functions",
]
