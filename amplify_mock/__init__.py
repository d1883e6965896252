"""amplify-mock: the Amplify CLI's local mocking suite and project engine, in Python."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("amplify-mock")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
