"""`amplify override <category>`: refused, as applying override.ts is not emulated.

The Amplify CLI scaffolds `override.ts` and compiles it into every push; amplify-mock has no
TypeScript CDK step, so a scaffold would be silently ignored. Custom resolvers, stacks/
and parameters.json are the ways to change a build here.
"""

from __future__ import annotations

import click

from amplify_mock.project.errors import ProjectOperationError

__all__ = ["override"]


@click.command()
@click.argument("category", type=click.Choice(["api", "auth", "storage", "project"]))
@click.argument("name", required=False)
def override(category: str, name: str | None) -> None:
    """Override the generated CloudFormation of a category (not emulated)."""
    raise ProjectOperationError(
        f"`amplify override {category}` is not emulated: override.ts is not applied by push.",
        "Change the build with the resource's resolvers/, stacks/ or parameters.json instead.",
    )
