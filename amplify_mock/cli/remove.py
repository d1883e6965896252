"""`amplify remove <category> [name]` (also `amplify <category> remove`)."""

from __future__ import annotations

import click

from amplify_mock.cli.project_context import open_project, yes_option
from amplify_mock.project.categories.resources import remove_resource
from amplify_mock.project.errors import InvalidOptionError, ResourceNotFoundError
from amplify_mock.project.project import Project

__all__ = ["choose_resource", "remove"]


def choose_resource(project: Project, category: str, name: str | None, yes: bool, verb: str) -> str:
    """The resource a command acts on: `name`, the category's only one, or the user's choice.

    :raises ResourceNotFoundError: `name` is not in the category.
    :raises InvalidOptionError: the category is empty, or several and `--yes` without a name.
    """
    names = sorted(str(n) for n in project.backend_config().get(category) or {})
    if name is not None:
        if name not in names:
            raise ResourceNotFoundError(category, name)
        return name
    if not names:
        raise InvalidOptionError(
            category,
            f"no {category} resource to {verb} in this project",
            f"Run `amplify add {category}` first.",
        )
    if len(names) == 1:
        return names[0]
    if yes:
        raise InvalidOptionError(
            "name",
            f"the project has several {category} resources ({', '.join(names)})",
            f"Name the one to {verb}: `amplify {verb} {category} <name>`.",
        )
    return str(
        click.prompt(f"Choose the resource you would want to {verb}", type=click.Choice(names))
    )


@click.command()
@click.argument("category")
@click.argument("name", required=False)
@yes_option
def remove(category: str, name: str | None, yes: bool) -> None:
    """Remove a resource from the local backend (`amplify push` deletes it in the cloud)."""
    project = open_project()
    chosen = choose_resource(project, category, name, yes, "remove")
    if not yes and not click.confirm(
        "Are you sure you want to delete the resource? This action deletes all files related "
        "to this resource from the backend directory.",
        default=True,
    ):
        click.echo("Nothing removed.")
        return
    remove_resource(project, category, chosen)
    click.echo(f"Successfully removed resource {chosen} locally")
    click.echo("Run `amplify push` to remove it from the cloud.")
