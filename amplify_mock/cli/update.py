"""`amplify update <category> [name]` (also `amplify <category> update`): api (API key),
function (environment variables, timeout), storage (access).

`amplify update api` enables, changes or disables DataStore conflict detection (interactive,
`--conflict-detection`, or the headless UpdateApiRequest) and sets the API key's expiration.

Not emulated: updating auth (Cognito settings), an API's authorization modes, and a
function's layers, schedules and resource access.
"""

from __future__ import annotations

import sys

import click

from amplify_mock.cli.project_context import open_project, yes_option
from amplify_mock.cli.remove import choose_resource
from amplify_mock.cli.update_api import print_conflict_detection, resolution_option, walkthrough
from amplify_mock.project.categories.api_conflict import STRATEGY_NAMES
from amplify_mock.project.errors import InvalidOptionError, ProjectOperationError

__all__ = ["update"]

_ACCESS = "CREATE_AND_UPDATE,READ,DELETE"


def _done(name: str) -> None:
    click.echo(f"Successfully updated resource {name} locally.")
    click.echo("Run `amplify push` to update it in the cloud.")


@click.group()
def update() -> None:
    """Update a resource of the local backend (deployed by `amplify push`)."""


@update.command("function")
@click.argument("name", required=False)
@click.option("--env", "variables", multiple=True, metavar="KEY=VALUE", help="Set a variable.")
@click.option("--remove-env", "removed", multiple=True, metavar="KEY", help="Remove a variable.")
@click.option("--timeout", type=int, help="Timeout in seconds (1-900).")
@yes_option
def update_function_command(
    name: str | None,
    variables: tuple[str, ...],
    removed: tuple[str, ...],
    timeout: int | None,
    yes: bool,
) -> None:
    """Environment variables and the timeout of a function."""
    from amplify_mock.project.categories.function import update_function

    project = open_project()
    chosen = choose_resource(project, "function", name, yes, "update")
    pairs: dict[str, str] = {}
    for item in variables:
        key, sep, value = item.partition("=")
        if not sep:
            raise InvalidOptionError("--env", f"'{item}' is not KEY=VALUE", "Pass --env KEY=VALUE.")
        pairs[key] = value
    interactive = not (variables or removed or timeout is not None or yes)
    while interactive:
        action = click.prompt(
            "Which setting do you want to update?",
            type=click.Choice(["environment-variables", "timeout", "done"]),
            default="environment-variables",
        )
        if action == "done":
            break
        if action == "timeout":
            timeout = click.prompt("Enter the timeout in seconds", type=click.IntRange(1, 900))
            continue
        key = click.prompt("Enter the environment variable name")
        pairs[key] = click.prompt("Enter the environment variable value")
    result = update_function(
        project, chosen, set_variables=pairs, remove_variables=removed, timeout=timeout
    )
    mine = {k: v for k, v in result.items() if k not in {"ENV", "REGION"}}
    click.echo(f"Environment variables of {chosen}: {', '.join(sorted(mine)) or 'none'}")
    _done(chosen)


@update.command("storage")
@click.argument("name", required=False)
@click.option("--auth-access", help=f"Comma list of {_ACCESS} for signed-in users.")
@click.option("--guest-access", help=f"Comma list of {_ACCESS} for guests (empty: none).")
@yes_option
def update_storage_command(
    name: str | None, auth_access: str | None, guest_access: str | None, yes: bool
) -> None:
    """Who may create, read and delete the bucket's objects."""
    from amplify_mock.project.categories.storage import update_storage_access

    project = open_project()
    chosen = choose_resource(project, "storage", name, yes, "update")
    if auth_access is None:
        auth_access = (
            _ACCESS
            if yes
            else click.prompt(
                "What kind of access do you want for Authenticated users?", default=_ACCESS
            )
        )
    if guest_access is None:
        guest_access = (
            ""
            if yes
            else click.prompt(
                "What kind of access do you want for Guest users? (empty: none)",
                default="",
                show_default=False,
            )
        )
    update_storage_access(
        project,
        chosen,
        auth_access=[a for a in str(auth_access).split(",") if a],
        guest_access=[a for a in str(guest_access).split(",") if a],
    )
    _done(chosen)


@update.command("api")
@click.argument("name", required=False)
@click.option("--api-key-expiration", type=int, help="Days until the API key expires (1-365).")
@click.option("--api-key-description", default="", help="The API key's description.")
@click.option(
    "--conflict-detection",
    type=click.Choice([*STRATEGY_NAMES, "NONE"], case_sensitive=False),
    help="DataStore conflict detection for the whole API (NONE disables it).",
)
@click.option(
    "--conflict-function",
    metavar="NAME|new",
    help="The LAMBDA strategy's function: a project function, or `new` to add one.",
)
@click.option(
    "--headless", is_flag=True, help="Read the Amplify CLI UpdateApiRequest JSON on stdin."
)
@yes_option
def update_api_command(
    name: str | None,
    api_key_expiration: int | None,
    api_key_description: str,
    conflict_detection: str | None,
    conflict_function: str | None,
    headless: bool,
    yes: bool,
) -> None:
    """Conflict detection (DataStore) and the API key's expiration and description."""
    from amplify_mock.project.categories.api import update_api_key
    from amplify_mock.project.categories.api_conflict import (
        ConflictResolution,
        parse_update_api_request,
        set_conflict_resolution,
    )

    project = open_project()
    chosen = choose_resource(project, "api", name, yes or headless, "update")
    resolution: ConflictResolution | None = None
    if headless:
        resolution = parse_update_api_request(sys.stdin.read())
    elif conflict_detection is not None:
        resolution = resolution_option(conflict_detection.upper(), conflict_function)
    elif conflict_function is not None:
        raise InvalidOptionError(
            "--conflict-function",
            "it goes with --conflict-detection LAMBDA",
            "Pass --conflict-detection LAMBDA --conflict-function NAME.",
        )
    elif api_key_expiration is None:
        if yes:
            raise InvalidOptionError(
                "--api-key-expiration",
                "nothing to update",
                "Pass --api-key-expiration DAYS or --conflict-detection STRATEGY.",
            )
        resolution, api_key_expiration = walkthrough(project, chosen)
    if resolution is not None:
        done = set_conflict_resolution(project, chosen, resolution)
        print_conflict_detection(resolution, done)
    if api_key_expiration is not None:
        update_api_key(
            project,
            chosen,
            expiration_days=int(api_key_expiration),
            description=api_key_description,
        )
    _done(chosen)


@update.command("auth")
def update_auth_command() -> None:
    """Update the Cognito settings (not emulated)."""
    raise ProjectOperationError(
        "`amplify update auth` is not emulated.",
        "Edit amplify/backend/auth/<name>/cli-inputs.json, or remove and add auth again.",
    )
