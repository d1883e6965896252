"""`amplify add <category>`: api, auth, function, storage, hosting."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from amplify_mock.cli.project_context import open_project
from amplify_mock.project.categories.api import (
    AUTH_MODES,
    DEFAULT_AUTHORIZER_TTL,
    SCHEMA_TEMPLATES,
    AddApiRequest,
    AuthMode,
    add_api,
    add_lambda_authorizer_function,
    check_authorizer_ttl,
    parse_add_api_request,
    sample_schema,
)
from amplify_mock.project.categories.auth import add_auth
from amplify_mock.project.categories.function import RUNTIMES, add_function
from amplify_mock.project.categories.hosting import add_hosting
from amplify_mock.project.categories.resources import (
    find_resources,
    short_id,
    validate_resource_name,
)
from amplify_mock.project.categories.storage import (
    S3_TRIGGER_SOURCE,
    access_actions,
    add_storage,
    add_storage_from_request,
    parse_add_storage_request,
)
from amplify_mock.project.errors import InvalidOptionError, ServiceExistsError
from amplify_mock.project.project import Project

__all__ = ["add"]


@click.group()
def add() -> None:
    """Add a resource to the backend (deployed by `amplify push`)."""


def _refuse_second(project: Project, what: str, category: str, service: str) -> None:
    """The Amplify CLI adds one GraphQL API, one S3 storage and one auth per project.

    :raises ServiceExistsError: the project has one already.
    """
    existing = find_resources(project, category, service)
    if existing:
        raise ServiceExistsError(what, category, existing[0])


def _done(name: str) -> None:
    click.echo(f"Successfully added resource {name} locally.")
    click.echo("Run `amplify push` to create it in the cloud.")


@add.command("api")
@click.option("--headless", is_flag=True, help="Read the Amplify CLI AddApiRequest JSON on stdin.")
@click.option("--name", "api_name", help="API name.")
@click.option(
    "--auth-type",
    "auth_types",
    multiple=True,
    type=click.Choice(AUTH_MODES),
    help="Authorization modes, default first (repeatable).",
)
@click.option(
    "--schema-template", type=click.Choice(sorted(SCHEMA_TEMPLATES)), help="Sample schema."
)
@click.option(
    "--schema", "schema_file", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--lambda-function", help="AWS_LAMBDA: the project's function that authorizes requests."
)
@click.option(
    "--ttl-seconds", help="AWS_LAMBDA: seconds AppSync caches the authorizer's answer (0-3600)."
)
def add_api_command(
    headless: bool,
    api_name: str | None,
    auth_types: tuple[str, ...],
    schema_template: str | None,
    schema_file: Path | None,
    lambda_function: str | None,
    ttl_seconds: str | None,
) -> None:
    """Add a GraphQL API (AppSync)."""
    project = open_project()
    _refuse_second(project, "a GraphQL API", "api", "AppSync")
    if headless:
        request = parse_add_api_request(sys.stdin.read())
    else:
        if api_name is None:
            api_name = validate_resource_name(
                click.prompt("Provide API name", default=project.name)
            )
        if not auth_types:
            auth_types = (
                click.prompt(
                    "Choose the default authorization type for the API",
                    type=click.Choice(AUTH_MODES),
                    default="API_KEY",
                ),
            )
        modes = []
        for mode in auth_types:
            settings: dict[str, object] = {}
            if mode == "API_KEY":
                settings["expirationTime"] = 7
            if mode == "OPENID_CONNECT":
                settings["openIDProviderName"] = click.prompt(
                    "Enter a name for the OpenID Connect provider"
                )
                settings["openIDIssuerURL"] = click.prompt(
                    "Enter the OpenID Connect provider domain (Issuer URL)"
                )
            if mode == "AWS_LAMBDA":
                settings.update(_lambda_settings(project, lambda_function, ttl_seconds))
            modes.append(AuthMode(mode, settings))
        if schema_file is not None:
            schema = schema_file.read_text(encoding="utf-8")
        else:
            template = schema_template or click.prompt(
                "Choose a schema template",
                type=click.Choice(sorted(SCHEMA_TEMPLATES)),
                default="single",
            )
            schema = sample_schema(project.root, template, modes[0].mode)
        request = AddApiRequest(api_name, schema, modes[0], tuple(modes[1:]))
    _done(add_api(project, request))


def _lambda_settings(project: Project, function: str | None, ttl: str | None) -> dict[str, object]:
    """The AWS_LAMBDA mode's `lambdaFunction` and `ttlSeconds`: from the options, else asked
    as the Amplify CLI asks (a new authorizer function or one of the project's)."""
    if function is None:
        functions = find_resources(project, "function", "Lambda")
        choices = ["new", *(["existing"] if functions else [])]
        source = click.prompt(
            "Choose a Lambda authorization function (a new one or an existing one)",
            type=click.Choice(choices),
            default="new",
        )
        if source == "existing":
            function = str(
                click.prompt(
                    "Choose one of the Lambda functions",
                    type=click.Choice(functions),
                    default=functions[0],
                )
            )
        else:
            function = add_lambda_authorizer_function(
                project, f"graphQlLambdaAuthorizer{short_id()}"
            )
            click.echo(f"Successfully added {function} function locally")
        if ttl is None:
            ttl = click.prompt(
                "How long should the authorization response be cached in seconds?",
                default=DEFAULT_AUTHORIZER_TTL,
            )
    checked = check_authorizer_ttl(ttl or DEFAULT_AUTHORIZER_TTL)
    if checked is None:
        raise InvalidOptionError(
            "--ttl-seconds",
            f"'{ttl}' is not a whole number of seconds from 0 to 3600",
            "Give the seconds AppSync caches the authorizer's answer, e.g. --ttl-seconds 300.",
        )
    return {"lambdaFunction": function, "ttlSeconds": checked}


@add.command("function")
@click.option("--name", help="Function name.")
@click.option("--runtime", type=click.Choice(sorted(RUNTIMES)), help="nodejs or python.")
def add_function_command(name: str | None, runtime: str | None) -> None:
    """Add a Lambda function (Node.js or Python hello-world template)."""
    project = open_project()
    name = name or validate_resource_name(
        click.prompt("Provide an AWS Lambda function name", default=f"{project.name}function")
    )
    runtime = runtime or click.prompt(
        "Choose the runtime that you want to use",
        type=click.Choice(sorted(RUNTIMES)),
        default="nodejs",
    )
    _done(add_function(project, name, runtime))


def _access(value: str, option: str) -> list[str]:
    """A comma-separated access option, checked as soon as it is given (before the trigger
    questions, which may create a function).

    :raises InvalidOptionError: an item is not an access level.
    """
    items = [item.strip() for item in value.split(",") if item.strip()]
    access_actions(items, option)
    return items


def _ask_trigger(project: Project) -> str | None:
    """The Amplify CLI's trigger questions: none, a function of the project, or a new one."""
    if not click.confirm("Do you want to add a Lambda Trigger for your S3 Bucket?", default=False):
        return None
    functions = find_resources(project, "function", "Lambda")
    choices = ["new", *(["existing"] if functions else [])]
    source = click.prompt(
        "Use a new function or an existing function of the project?",
        type=click.Choice(choices),
        default="existing" if functions else "new",
    )
    if source == "existing":
        return str(
            click.prompt(
                "Select from the following options",
                type=click.Choice(functions),
                default=functions[0],
            )
        )
    name = validate_resource_name(
        click.prompt("Provide a name for the new function", default=f"S3Trigger{short_id()}")
    )
    add_function(project, name, "nodejs", source=S3_TRIGGER_SOURCE)
    click.echo(f"Successfully added resource {name} locally.")
    return name


@add.command("storage")
@click.option(
    "--headless", is_flag=True, help="Read the Amplify CLI AddStorageRequest JSON on stdin."
)
@click.option("--name", help="Friendly name of the resource.")
@click.option("--bucket", "bucket_name", help="Bucket name (the env name is appended).")
@click.option("--auth-access", help="Comma list of CREATE_AND_UPDATE, READ, DELETE.")
@click.option("--guest-access", help="Comma list for guests (empty: auth users only).")
@click.option(
    "--trigger-function",
    help="A function of the project that S3 object-created/removed events invoke.",
)
def add_storage_command(
    headless: bool,
    name: str | None,
    bucket_name: str | None,
    auth_access: str | None,
    guest_access: str | None,
    trigger_function: str | None,
) -> None:
    """Add S3 content storage (adds auth if the project has none).

    Asked for the trigger only when the name is asked for too (a fully interactive run).
    """
    project = open_project()
    _refuse_second(project, "S3 storage", "storage", "S3")
    if headless:
        _done(
            add_storage_from_request(project, parse_add_storage_request(sys.stdin.read())),
        )
        return
    interactive = name is None
    name = name or validate_resource_name(
        click.prompt("Provide a friendly name for your resource", default=f"s3{project.name}")
    )
    if auth_access is None:
        auth_access = click.prompt(
            "What kind of access do you want for Authenticated users?",
            default="CREATE_AND_UPDATE,READ,DELETE",
        )
    if guest_access is None:
        guest_access = click.prompt(
            "What kind of access do you want for Guest users? (empty: none)",
            default="",
            show_default=False,
        )
    auth = _access(auth_access, "--auth-access")
    guest = _access(guest_access, "--guest-access")
    if trigger_function is None and interactive:
        trigger_function = _ask_trigger(project)
    _done(
        add_storage(
            project,
            name,
            bucket_name=bucket_name,
            auth_access=auth,
            guest_access=guest,
            trigger_function=trigger_function,
        ),
    )


@add.command("auth")
@click.option("--name", help="Resource name (default: project name + a short id).")
def add_auth_command(name: str | None) -> None:
    """Add Cognito auth with the default configuration."""
    project = open_project()
    _refuse_second(project, "auth", "auth", "Cognito")
    _done(add_auth(project, name))


@add.command("hosting")
def add_hosting_command() -> None:
    """Add S3 static web hosting (same as `amplify hosting add`)."""
    project = open_project()
    _done(add_hosting(project))
