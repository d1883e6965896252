"""amplify-mock: the Amplify CLI's local mocking suite and project engine, in Python."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata only when asked (it costs ~50 ms)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("amplify-mock")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+source"
