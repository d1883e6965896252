"""Errors of the Lambda runner that a user sees: a function that cannot be found, read or built."""

from __future__ import annotations

from pathlib import Path

from amplify_mock.errors import AmplifyMockError

__all__ = [
    "EventFileError",
    "FunctionBuildError",
    "FunctionConfigError",
    "FunctionNotFoundError",
    "LambdaRunnerError",
    "NoMockableFunctionsError",
    "UnsupportedRuntimeError",
]


class LambdaRunnerError(AmplifyMockError):
    """Root of the Lambda runner's errors (as opposed to errors the function itself returns)."""

    #: The errorType a resolver sees when this error ends an invocation.
    error_type = "Lambda:ServiceException"


class FunctionNotFoundError(LambdaRunnerError):
    """No `amplify/backend/function/<name>/` folder."""

    error_type = "Lambda:ResourceNotFoundException"

    def __init__(self, name: str, function_dir: Path, known: list[str]) -> None:
        listed = ", ".join(known) if known else "none"
        super().__init__(
            f"Function {name!r} not found: {function_dir} does not exist "
            f"(functions in this project: {listed}).",
            resolution="Check the name, or add the function with `amplify add function`.",
        )
        self.name = name


class NoMockableFunctionsError(LambdaRunnerError):
    """`amplify mock function` without a name in a project without functions."""

    def __init__(self) -> None:
        super().__init__(
            "There are no mockable functions in the project. "
            "Use `amplify add function` to create one."
        )


class FunctionConfigError(LambdaRunnerError):
    """The function's CloudFormation template is missing a piece the runner needs, or is bad."""

    def __init__(self, name: str, file: Path, problem: str) -> None:
        super().__init__(f"Function {name}: {file}: {problem}")
        self.name = name
        self.file = file


class UnsupportedRuntimeError(LambdaRunnerError):
    """A runtime other than Node.js or Python (Java, Go, .NET are not emulated)."""

    def __init__(self, name: str, runtime: str, file: Path) -> None:
        super().__init__(
            f"Function {name}: runtime {runtime!r} ({file}) is not supported by the mock; "
            "only nodejs* and python* runtimes run locally."
        )


class EventFileError(LambdaRunnerError):
    """The `--event` file of `amplify mock function` is missing or not JSON."""

    def __init__(self, name: str, file: Path, problem: str) -> None:
        super().__init__(f"Function {name}: event file {file} {problem}")


class FunctionBuildError(LambdaRunnerError):
    """A build step (`amplify:<name>` script, npm install, pip install) failed."""

    def __init__(self, name: str, command: str, code: int, output: str) -> None:
        tail = "\n".join(output.strip().splitlines()[-20:])
        super().__init__(
            f"Function {name}: build step `{command}` failed with exit code {code}"
            + (f":\n{tail}" if tail else ".")
        )
