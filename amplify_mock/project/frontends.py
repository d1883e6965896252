"""The frontend handlers (javascript, android, ios): their frameworks and config defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from amplify_mock.project.errors import HeadlessArgumentError, UnknownFrontendError

__all__ = ["FRONTENDS", "FrontendHandler", "get_frontend"]

_JS_BUILD = "npm run-script build"
_JS_START = "npm run-script start"


def _js(dist: str, start: str = _JS_START, build: str = _JS_BUILD) -> dict[str, str]:
    return {
        "SourceDir": "src",
        "DistributionDir": dist,
        "BuildCommand": build,
        "StartCommand": start,
    }


@dataclass(frozen=True)
class FrontendHandler:
    """One frontend: the keys its `config` takes, defaults per framework, its config files."""

    name: str
    config_keys: tuple[str, ...]
    frameworks: Mapping[str, dict[str, str]] = field(default_factory=dict)
    default_framework: str | None = None

    def default_config(self, framework: str | None) -> dict[str, str]:
        """The config the Amplify CLI proposes for a framework (or the handler's only one)."""
        if self.name == "android":
            return {"ResDir": "app/src/main/res"}
        if not self.frameworks:
            return {}
        chosen = framework or self.default_framework or "none"
        return dict(self.frameworks.get(chosen, self.frameworks["none"]))

    def validate(self, framework: str | None, config: Mapping[str, Any]) -> dict[str, Any]:
        """Check a headless `--frontend` config; fill missing keys from the defaults.

        :raises HeadlessArgumentError: unknown framework or a non-string config value.
        """
        if self.frameworks and framework is not None and framework not in self.frameworks:
            raise HeadlessArgumentError(
                "--frontend",
                f"unknown framework '{framework}' for the {self.name} frontend "
                f"(frameworks: {', '.join(sorted(self.frameworks))})",
            )
        merged: dict[str, Any] = self.default_config(framework)
        for key, value in config.items():
            if key in self.config_keys and not isinstance(value, str):
                raise HeadlessArgumentError("--frontend", f"config.{key} must be a string")
            merged[key] = value
        return merged


FRONTENDS: dict[str, FrontendHandler] = {
    "javascript": FrontendHandler(
        name="javascript",
        config_keys=("SourceDir", "DistributionDir", "BuildCommand", "StartCommand"),
        frameworks={
            "none": _js("dist"),
            "angular": _js("dist", start="ng serve"),
            "ember": _js("dist", build="npm run-script build -- -e production"),
            "ionic": _js("www"),
            "react": _js("build"),
            "react-native": _js("/"),
            "vue": _js("dist", start="npm run-script serve"),
        },
        default_framework="react",
    ),
    "android": FrontendHandler(name="android", config_keys=("ResDir",)),
    "ios": FrontendHandler(name="ios", config_keys=()),
}


def get_frontend(name: str) -> FrontendHandler:
    """:raises UnknownFrontendError: no handler of that name."""
    try:
        return FRONTENDS[name]
    except KeyError:
        raise UnknownFrontendError(name, FRONTENDS) from None
