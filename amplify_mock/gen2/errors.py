"""The errors of loading a Gen 2 backend definition; each names the file or command to fix."""

from __future__ import annotations

from pathlib import Path

from amplify_mock.errors import AmplifyMockError

__all__ = [
    "Gen2DefinitionError",
    "Gen2DependenciesMissing",
    "Gen2Error",
    "Gen2NodeError",
    "Gen2SourceError",
]


class Gen2Error(AmplifyMockError):
    """Root of the Gen 2 backend errors."""


class Gen2DependenciesMissing(Gen2Error):
    """The packages the Node step runs are not installed in the project."""

    def __init__(self, project_root: Path, missing: list[str], modules_dir: Path) -> None:
        self.missing = missing
        super().__init__(
            f"The Gen 2 backend in {project_root} cannot be loaded: "
            f"{', '.join(missing)} not found in {modules_dir}.",
            f"Run `npm install` in {project_root}.",
        )


class Gen2SourceError(Gen2Error):
    """A syntax error in a TypeScript/JavaScript file, or an exception thrown while loading it."""

    def __init__(self, file: Path, line: int, column: int, detail: str) -> None:
        self.file, self.line, self.column, self.detail = file, line, column, detail
        super().__init__(f"{file}:{line}:{column}: {detail}")


class Gen2DefinitionError(Gen2Error):
    """The backend loaded but what it defines cannot be used (e.g. a schema data-schema rejects)."""

    def __init__(self, detail: str, resolution: str | None = None) -> None:
        self.detail = detail
        super().__init__(f"Gen 2 backend definition: {detail}", resolution)


class Gen2NodeError(Gen2Error):
    """Node itself failed (not installed, crashed, timed out)."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"The Gen 2 Node step failed: {detail}")
