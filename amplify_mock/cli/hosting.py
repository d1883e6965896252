"""`amplify hosting add | configure`."""

from __future__ import annotations

import sys

import click

from amplify_mock.cli.project_context import open_project
from amplify_mock.project.categories.hosting import add_hosting, configure_hosting

__all__ = ["hosting"]


@click.group()
def hosting() -> None:
    """Static web hosting for the frontend (S3)."""


@hosting.command("add")
@click.option(
    "--environment",
    type=click.Choice(["DEV", "PROD"]),
    help="DEV: S3 only with HTTP; PROD: S3 with CloudFront using HTTPS (asked at a terminal).",
)
def add(environment: str | None) -> None:
    """Add the hosting bucket (created by the next push)."""
    project = open_project()
    if environment is None:
        environment = "DEV"
        if sys.stdin.isatty():
            choice = click.prompt(
                "Select the environment setup: (DEV (S3 only with HTTP), PROD (S3 with "
                "CloudFront using HTTPS))",
                type=click.Choice(["DEV", "PROD"]),
                default="DEV",
            )
            environment = str(choice)
    add_hosting(project, environment)
    click.echo(
        f"Hosting added ({environment}). Run `amplify publish` to push and upload the frontend."
    )


@hosting.command("configure")
@click.option("--index-doc", default=None, help="Index document (default index.html).")
@click.option("--error-doc", default=None, help="Error document (default index.html).")
def configure(index_doc: str | None, error_doc: str | None) -> None:
    """Configure the website's index and error documents."""
    project = open_project()
    index_doc = index_doc or click.prompt("index doc for the website", default="index.html")
    error_doc = error_doc or click.prompt("error doc for the website", default="index.html")
    configure_hosting(project, index_document=index_doc, error_document=error_doc)
    click.echo("Hosting configured. Run `amplify push` to apply.")
