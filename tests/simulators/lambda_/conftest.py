"""Fixtures: a project folder and a runner that is always closed."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from amplify_mock.simulators.lambda_ import LambdaRunner
from tests.simulators.lambda_.project import write_project


class OutputLines:
    """Collects what handlers print: (function name, stream, line)."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str, str]] = []

    def __call__(self, function_name: str, stream: str, line: str) -> None:
        self.lines.append((function_name, stream, line))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "app")


@pytest.fixture
def output() -> OutputLines:
    return OutputLines()


@pytest.fixture
async def runner(project: Path, output: OutputLines) -> AsyncIterator[LambdaRunner]:
    logging.getLogger("amplify_mock.simulators.lambda_").setLevel(logging.WARNING)
    lambda_runner = LambdaRunner(project, output=output)
    try:
        yield lambda_runner
    finally:
        await lambda_runner.close()
