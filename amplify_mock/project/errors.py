"""Typed errors of the project engine; each composes its message from the facts it carries."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from amplify_mock.base.files import ProjectFileError
from amplify_mock.errors import AmplifyMockError

__all__ = [
    "EnvExistsError",
    "EnvNotFoundError",
    "EnvStackNotFoundError",
    "FunctionNotFoundError",
    "HeadlessArgumentError",
    "InvalidNameError",
    "InvalidOptionError",
    "NotInitializedError",
    "ProjectFileError",
    "ProjectOperationError",
    "ResourceExistsError",
    "ResourceNotFoundError",
    "ServiceExistsError",
    "UnknownFrontendError",
    "UnknownProviderError",
]


def _names(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


class NotInitializedError(AmplifyMockError):
    """The directory holds no `amplify/` project."""

    def __init__(self, root: Path) -> None:
        super().__init__(
            f"No Amplify project found in {root}.", "Run `amplify init` in the project directory."
        )


class HeadlessArgumentError(AmplifyMockError):
    """A headless JSON argument is malformed or lacks a required key."""

    def __init__(self, argument: str, reason: str) -> None:
        super().__init__(
            f"Invalid value for {argument}: {reason}.",
            "Pass a JSON object as the Amplify CLI's headless parameters document.",
        )
        self.argument = argument


class FunctionNotFoundError(AmplifyMockError):
    """A resource names a Lambda function (trigger, authorizer) the project does not have."""

    def __init__(self, name: str, where: str, functions: Iterable[str]) -> None:
        known = _names(functions)
        super().__init__(
            f"The function '{name}' named by {where} does not exist in this project.",
            f"Add it first with `amplify add function --name {name}`"
            + (f", or name one of: {known}." if known else "."),
        )
        self.name = name


class InvalidOptionError(AmplifyMockError):
    """A command-line option's value is not one the command accepts."""

    def __init__(self, option: str, reason: str, resolution: str) -> None:
        super().__init__(f"Invalid value for {option}: {reason}.", resolution)
        self.option = option


class UnknownFrontendError(AmplifyMockError):
    """The frontend named is not one of the installed frontend handlers."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__(
            f"Unknown frontend '{name}'. Frontends: {_names(known)}.",
            "Choose one of the listed frontends.",
        )


class UnknownProviderError(AmplifyMockError):
    """The provider named is not one of the installed providers."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__(
            f"Unknown provider '{name}'. Providers: {_names(known)}.",
            "Choose one of the listed providers.",
        )


class EnvNotFoundError(AmplifyMockError):
    """The environment named is not in team-provider-info.json."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known_list = _names(known) or "none"
        super().__init__(
            f"Environment '{name}' does not exist. Environments: {known_list}.",
            "Run `amplify env list` to see the environments, or `amplify env add` to add one.",
        )


class EnvStackNotFoundError(AmplifyMockError):
    """An environment's root stack is not deployed in the cloud it names."""

    def __init__(self, name: str, stack: str, cloud: str) -> None:
        super().__init__(
            f"The root stack '{stack}' of environment '{name}' does not exist in the {cloud}.",
            "Check the environment's StackName and credentials, or add it with `amplify env add`.",
        )
        self.name = name
        self.stack = stack


class EnvExistsError(AmplifyMockError):
    """An environment of that name already exists."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"Environment '{name}' already exists.", "Choose another name, or check it out."
        )


class InvalidNameError(AmplifyMockError):
    """A project, environment or resource name breaks the naming rule."""

    def __init__(self, what: str, name: str, rule: str) -> None:
        super().__init__(f"Invalid {what} '{name}': {rule}.")


class ResourceExistsError(AmplifyMockError):
    """A resource of that name already exists in the category."""

    def __init__(self, category: str, name: str) -> None:
        super().__init__(
            f"The {category} resource '{name}' already exists.", "Choose another name."
        )


class ServiceExistsError(AmplifyMockError):
    """The project already has the one resource of this kind the Amplify CLI allows."""

    def __init__(self, what: str, category: str, name: str) -> None:
        super().__init__(
            f"This project already has {what} ('{name}'); a project has only one.",
            f"Change it through its files in amplify/backend/{category}/{name}/.",
        )


class ResourceNotFoundError(AmplifyMockError):
    """No resource of that name exists in the category."""

    def __init__(self, category: str, name: str) -> None:
        super().__init__(f"The {category} resource '{name}' does not exist in this project.")


class ProjectOperationError(AmplifyMockError):
    """An operation that the project state does not allow (e.g. removing the current env)."""
