"""The one root of every error a user of the `amplify` command can see."""

from __future__ import annotations

__all__ = ["AmplifyMockError"]


class AmplifyMockError(Exception):
    """An error the CLI prints as a message plus an optional `Resolution:` line, then exits 1.

    Subclasses compose their own message from data, so callers raise them with facts
    (a file, a port, a resource name) rather than pre-formatted strings.
    """

    exit_code: int = 1

    def __init__(self, message: str, resolution: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.resolution = resolution

    def __str__(self) -> str:
        return self.message
