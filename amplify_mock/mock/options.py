"""What `amplify mock` is asked to do: options, where its messages go, ports, HTTPS."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from amplify_mock.errors import AmplifyMockError

__all__ = ["CATEGORIES", "MockOptions", "Reporter", "choose_port", "ssl_context"]

CATEGORIES = ("api", "storage", "function")


class Reporter(Protocol):
    """Where the session's user-facing messages go (the CLI prints them)."""

    def info(self, message: str) -> None: ...

    def warning(self, message: str) -> None: ...

    def error(self, message: str) -> None: ...


@dataclass(frozen=True)
class MockOptions:
    """What to mock and how, from the command line (None = from amplify/mock.json)."""

    categories: frozenset[str] = frozenset(CATEGORIES)
    host: str | None = None
    port: int | None = None
    storage_port: int | None = None
    dynamodb_port: int | None = None
    cognito_port: int | None = None
    cloudfront_port: int | None = None  # the PROD hosting's CloudFront front (default 20007)
    dynamodb_endpoint: str | None = None
    timeout: float | None = None
    https: tuple[Path, Path] | None = None
    seed_data: Path | None = None
    reset: bool = False
    codegen: bool = True
    watch: bool = True
    debounce: float = 0.05
    fresh_lambda: bool = False
    add_codegen: bool = False  # no .graphqlconfig.yml yet: create it with the defaults
    verify_tokens: str | None = None  # a JWKS file or URL: check JWT signatures and expiry
    log_level: str = "NONE"  # AppSync field logs: NONE, ERROR (fields in error) or ALL


def choose_port(option: int | None, setting: int) -> int:
    """The command line's port when given (0 too: the OS picks), else mock.json's."""
    return setting if option is None else option


def ssl_context(https: tuple[Path, Path] | None) -> ssl.SSLContext | None:
    """The server context for `--https KEY CERT`, or None.

    :raises AmplifyMockError: the key or certificate cannot be read or used.
    """
    if https is None:
        return None
    key, cert = https
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(certfile=str(cert), keyfile=str(key))
    except (OSError, ssl.SSLError) as err:
        raise AmplifyMockError(
            f"Cannot use the HTTPS key {key} and certificate {cert}: {err}",
            "Generate a pair with `openssl req -nodes -new -x509 -keyout server.key "
            "-out server.cert`, then pass --https server.key server.cert.",
        ) from err
    return context
