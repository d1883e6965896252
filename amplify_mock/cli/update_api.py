"""`amplify update api`'s prompts and printing: the API summary, the setting to edit, and the
conflict detection questions in the order the Amplify CLI asks them."""

from __future__ import annotations

import click

from amplify_mock.project.categories.api_conflict import (
    STRATEGY_NAMES,
    ConflictResolution,
    ResolutionStrategy,
    conflict_resolution_of,
    model_types,
)
from amplify_mock.project.categories.resources import find_resources
from amplify_mock.project.errors import InvalidOptionError
from amplify_mock.project.project import Project

__all__ = ["print_conflict_detection", "resolution_option", "walkthrough"]

_AUTH_NAMES = {
    "API_KEY": "API key",
    "AMAZON_COGNITO_USER_POOLS": "Amazon Cognito User Pool",
    "AWS_IAM": "IAM",
    "OPENID_CONNECT": "OpenID Connect",
    "AWS_LAMBDA": "Lambda",
}


def resolution_option(strategy: str, function: str | None) -> ConflictResolution:
    """`--conflict-detection STRATEGY [--conflict-function NAME|new]` as a resolution.

    :raises InvalidOptionError: LAMBDA without a function, or a function without LAMBDA.
    """
    if strategy == "NONE":
        return ConflictResolution()
    if strategy != "LAMBDA":
        if function is not None:
            raise InvalidOptionError(
                "--conflict-function",
                "it goes with --conflict-detection LAMBDA",
                "Pass --conflict-detection LAMBDA --conflict-function NAME.",
            )
        return ConflictResolution(ResolutionStrategy(strategy))
    if not function:
        raise InvalidOptionError(
            "--conflict-function",
            "the LAMBDA strategy needs a function",
            "Pass --conflict-function NAME (a project function) or --conflict-function new.",
        )
    if function.lower() == "new":
        return ConflictResolution(ResolutionStrategy("LAMBDA", new_function=True))
    return ConflictResolution(ResolutionStrategy("LAMBDA", function_name=function))


def _summary(project: Project, api: str, current: ConflictResolution) -> None:
    auth = ((project.backend_config().get("api") or {}).get(api) or {}).get("output") or {}
    config = auth.get("authConfig") or {}
    default = (config.get("defaultAuthentication") or {}).get("authenticationType")
    additional = [
        p.get("authenticationType") for p in config.get("additionalAuthenticationProviders") or []
    ]
    click.echo("")
    click.echo("General information")
    click.echo(f"- Name: {api}")
    click.echo("")
    click.echo("Authorization modes")
    click.echo(f"- Default: {_AUTH_NAMES.get(str(default), str(default))}")
    for mode in additional:
        click.echo(f"- {_AUTH_NAMES.get(str(mode), str(mode))}")
    click.echo("")
    click.echo("Conflict detection (required for DataStore)")
    if current.default is not None:
        click.echo(f"- Conflict resolution strategy: {STRATEGY_NAMES[current.default.type]}")
    else:
        click.echo("- Disabled")
    click.echo("")


def _ask_strategy(project: Project, message: str) -> ResolutionStrategy:
    kind = str(
        click.prompt(
            message,
            type=click.Choice(list(STRATEGY_NAMES), case_sensitive=False),
            default="AUTOMERGE",
        )
    ).upper()
    if kind != "LAMBDA":
        return ResolutionStrategy(kind)
    source = click.prompt(
        "Select from the options below", type=click.Choice(["new", "existing"]), default="new"
    )
    if source == "new":
        return ResolutionStrategy("LAMBDA", new_function=True)
    functions = sorted(find_resources(project, "function", "Lambda"))
    if not functions:
        raise InvalidOptionError(
            "the LAMBDA strategy",
            "the project has no function to use",
            "Choose `new`, or add one with `amplify add function` first.",
        )
    name = click.prompt("Enter lambda function name", type=click.Choice(functions))
    return ResolutionStrategy("LAMBDA", function_name=str(name))


def _ask_models(models: list[str]) -> list[str]:
    def parse(text: str) -> list[str]:
        chosen = [m.strip() for m in text.split(",") if m.strip()]
        unknown = [m for m in chosen if m not in models]
        if unknown:
            raise click.BadParameter(f"not a @model type: {', '.join(unknown)}")
        return chosen

    answer: list[str] = click.prompt(
        f"Select the models from below ({', '.join(models)}; comma separated)",
        value_proc=parse,
    )
    return answer


def _ask_resolution(project: Project, api: str) -> ConflictResolution:
    default = _ask_strategy(project, "Select the default resolution strategy")
    per_model: list[tuple[str, ResolutionStrategy]] = []
    models = model_types(project, api)
    if models and click.confirm("Do you want to override default per model settings?"):
        for model in _ask_models(models):
            strategy = _ask_strategy(project, f"Select the resolution strategy for {model} model")
            per_model.append((model, strategy))
    return ConflictResolution(default, tuple(per_model))


def walkthrough(project: Project, api: str) -> tuple[ConflictResolution | None, int | None]:
    """The CLI's update walkthrough: the summary, then "Select a setting to edit"; returns
    the new conflict resolution or the API key's new expiration (days)."""
    current = conflict_resolution_of(project, api)
    _summary(project, api, current)
    choices = ["authorization-modes"]
    if current.enabled:
        choices += ["conflict-resolution-strategy", "disable-conflict-detection"]
    else:
        choices += ["enable-conflict-detection"]
    setting = click.prompt("Select a setting to edit", type=click.Choice(choices))
    if setting == "authorization-modes":
        days = click.prompt(
            "After how many days from now the API key should expire (1-365)",
            type=click.IntRange(1, 365),
            default=7,
        )
        return None, int(days)
    if setting == "disable-conflict-detection":
        return ConflictResolution(), None
    return _ask_resolution(project, api), None


def print_conflict_detection(requested: ConflictResolution, done: ConflictResolution) -> None:
    """The functions a NEW strategy added, then the API's conflict detection now."""
    pairs = [(requested.default, done.default)]
    pairs += [(a, b) for (_, a), (_, b) in zip(requested.per_model, done.per_model, strict=True)]
    for asked, created in pairs:
        if asked is not None and created is not None and asked.new_function:
            folder = str(created.function_name).removesuffix("-${env}")
            click.echo(f"Successfully added {folder} function locally")
    if not done.enabled:
        click.echo("Conflict detection (required for DataStore): Disabled")
        return
    click.echo("Conflict detection (required for DataStore): Enabled")
    if done.default is not None:
        click.echo(f"- Conflict resolution strategy: {_described(done.default)}")
    for model, strategy in done.per_model:
        click.echo(f"- {model}: {_described(strategy)}")


def _described(strategy: ResolutionStrategy) -> str:
    name = STRATEGY_NAMES[strategy.type]
    if strategy.type == "LAMBDA":
        return f"{name} ({strategy.arn or strategy.function_name})"
    return name
