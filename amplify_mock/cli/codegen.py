"""`amplify codegen [add | configure | statements | types | models]`: .graphqlconfig.yml and
the GraphQL statements and types of the project's API.

Not emulated: `codegen add --apiId` for an AppSync API outside the project, `codegen models`
(the DataStore model generator), types for angular/swift.
"""

from __future__ import annotations

from pathlib import Path

import click

from amplify_mock.cli.project_context import open_project, yes_option
from amplify_mock.project.codegen_step import CodegenOptions, generated_file_path, run_codegen
from amplify_mock.project.errors import InvalidOptionError, ProjectOperationError
from amplify_mock.project.project import Project

__all__ = ["codegen"]

TARGETS = ("javascript", "typescript", "flow", "angular")
_EXTENSIONS = {"javascript": "js", "typescript": "ts", "flow": "js", "angular": "graphql"}


def _api_names(project: Project) -> list[str]:
    return [name for category, name, _entry in project.resources() if category == "api"]


def _ensure_built(project: Project) -> None:
    """Codegen reads `build/schema.graphql`: compile an API that was never built."""
    from amplify_mock.project.api_build import compile_api

    for name in _api_names(project):
        if not (project.paths.resource_dir("api", name) / "build" / "schema.graphql").is_file():
            compile_api(project.root, name)


def _echo_written(project: Project, paths: list[Path]) -> None:
    for path in paths:
        click.echo(f"Generated {path.relative_to(project.root)}")
    click.echo("Code generated successfully and saved in the file(s) listed above.")


def _prompt_options(defaults: CodegenOptions, yes: bool) -> CodegenOptions:
    """The questions of `amplify codegen add` / `configure`, defaults from `defaults`."""
    if yes:
        return defaults
    target = click.prompt(
        "Choose the code generation language target",
        type=click.Choice(TARGETS),
        default=defaults.code_language,
    )
    default_pattern = defaults.file_name_pattern
    if target != defaults.code_language:
        default_pattern = f"src/graphql/**/*.{_EXTENSIONS[target]}"
    pattern = click.prompt(
        "Enter the file name pattern of graphql queries, mutations and subscriptions",
        default=default_pattern,
    )
    docs = click.confirm(
        "Do you want to generate/update all possible GraphQL operations - queries, mutations "
        "and subscriptions",
        default=True,
    )
    depth = click.prompt(
        "Enter maximum statement depth [increase from default if your schema is deeply nested]",
        type=click.IntRange(1, 100),
        default=defaults.max_depth,
    )
    generate_code = target in {"typescript", "flow"}
    name = defaults.generated_file_name
    if generate_code:
        name = click.prompt(
            "Enter the file name for the generated code",
            default=generated_file_path(name, target),
        )
    return CodegenOptions(
        generate_code=generate_code,
        code_language=target,
        file_name_pattern=pattern,
        generated_file_name=name,
        generate_docs=docs,
        max_depth=depth,
    )


def _configured(project: Project) -> CodegenOptions | None:
    """The options .graphqlconfig.yml records (None: codegen is not added)."""
    from amplify_mock.codegen.config import read_codegen_projects

    projects = read_codegen_projects(project.root)
    if not projects:
        return None
    first = projects[0]
    generated = first.generated_file
    return CodegenOptions(
        generate_code=generated is not None,
        code_language=first.target,
        file_name_pattern=first.includes[0] if first.includes else "src/graphql/**/*.js",
        generated_file_name=generated.relative_to(project.root).as_posix() if generated else "API",
        generate_docs=True,
        max_depth=first.max_depth,
    )


def _require_configured(project: Project) -> CodegenOptions:
    configured = _configured(project)
    if configured is None:
        raise ProjectOperationError(
            "Code generation is not configured for this project.",
            "Run `amplify codegen add` first.",
        )
    return configured


@click.group(invoke_without_command=True)
@click.pass_context
def codegen(ctx: click.Context) -> None:
    """Generate the GraphQL statements and types (all of them without a subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    project = open_project()
    options = _require_configured(project)
    _ensure_built(project)
    _echo_written(project, run_codegen(project, options))


@codegen.command("add")
@click.option("--apiId", "api_id", help="An AppSync API outside this project (not emulated).")
@yes_option
def add(api_id: str | None, yes: bool) -> None:
    """Add code generation for the project's GraphQL API."""
    project = open_project()
    if api_id is not None:
        raise InvalidOptionError(
            "--apiId",
            "adding codegen for an AppSync API outside the project is not emulated",
            "Run `amplify codegen add` without --apiId for the project's own API.",
        )
    if not _api_names(project):
        raise ProjectOperationError(
            "There is no GraphQL API in this project to generate code for.",
            "Run `amplify add api` first.",
        )
    if _configured(project) is not None:
        raise ProjectOperationError(
            "Codegen support only one GraphQL API per project and it is already added.",
            "Run `amplify codegen configure` to change its settings.",
        )
    options = _prompt_options(CodegenOptions(), yes)
    _ensure_built(project)
    _echo_written(project, run_codegen(project, options))


@codegen.command("configure")
@yes_option
def configure(yes: bool) -> None:
    """Change the codegen settings recorded in .graphqlconfig.yml and generate again."""
    project = open_project()
    options = _prompt_options(_require_configured(project), yes)
    _ensure_built(project)
    _echo_written(project, run_codegen(project, options))


@codegen.command("statements")
def statements() -> None:
    """Generate only the queries, mutations and subscriptions."""
    project = open_project()
    options = _require_configured(project)
    _ensure_built(project)
    from dataclasses import replace

    _echo_written(project, run_codegen(project, replace(options, generate_code=False)))


@codegen.command("types")
def types() -> None:
    """Generate only the types file from the existing statements."""
    project = open_project()
    options = _require_configured(project)
    if not options.generate_code:
        raise ProjectOperationError(
            f"The codegen target '{options.code_language}' has no types file.",
            "Choose typescript or flow with `amplify codegen configure`.",
        )
    _ensure_built(project)
    from dataclasses import replace

    _echo_written(project, run_codegen(project, replace(options, generate_docs=False)))


@codegen.command("models")
def models() -> None:
    """Generate the DataStore models (not emulated)."""
    raise ProjectOperationError(
        "`amplify codegen models` (the DataStore model generator) is not emulated.",
        "Use the Amplify CLI's codegen for DataStore models.",
    )
