"""The headless JSON parameters (`--amplify`, `--frontend`, `--providers`, ...), validated."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from amplify_mock.project.errors import (
    HeadlessArgumentError,
    InvalidNameError,
    UnknownProviderError,
)
from amplify_mock.project.frontends import get_frontend

__all__ = [
    "PROVIDERS",
    "AmplifyArgs",
    "FrontendArgs",
    "default_frontend",
    "parse_amplify",
    "parse_aws_info",
    "parse_frontend",
    "parse_json_object",
    "parse_providers",
    "validate_env_name",
    "validate_project_name",
]

#: provider plugins this CLI has (the name without the `amplify-provider-` prefix)
PROVIDERS = ("awscloudformation",)

_PROJECT_NAME = re.compile(r"^[a-zA-Z0-9]{3,20}$")
_ENV_NAME = re.compile(r"^[a-z]{2,10}$")


def validate_project_name(name: str) -> str:
    """:raises InvalidNameError: not 3-20 alphanumeric characters."""
    if not _PROJECT_NAME.match(name):
        raise InvalidNameError("project name", name, "use 3 to 20 letters and digits")
    return name


def validate_env_name(name: str) -> str:
    """:raises InvalidNameError: not 2-10 lowercase letters."""
    if not _ENV_NAME.match(name):
        raise InvalidNameError("environment name", name, "use 2 to 10 lowercase letters")
    return name


def parse_json_object(argument: str, text: str) -> dict[str, Any]:
    """Parse one headless argument; it must be a JSON object.

    :raises HeadlessArgumentError: malformed JSON or not an object.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise HeadlessArgumentError(
            argument, f"malformed JSON ({err.msg} at line {err.lineno} column {err.colno})"
        ) from err
    if not isinstance(value, dict):
        raise HeadlessArgumentError(argument, "expected a JSON object")
    return value


def _string(argument: str, data: dict[str, Any], key: str, *, required: bool) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise HeadlessArgumentError(argument, f"missing required key '{key}'")
        return None
    if not isinstance(value, str):
        raise HeadlessArgumentError(argument, f"'{key}' must be a string")
    return value


@dataclass(frozen=True)
class AmplifyArgs:
    """`--amplify`: projectName, envName, defaultEditor, appId."""

    project_name: str | None = None
    env_name: str | None = None
    default_editor: str | None = None
    app_id: str | None = None


def parse_amplify(text: str, *, require_env: bool = False) -> AmplifyArgs:
    """:raises HeadlessArgumentError, InvalidNameError: bad JSON, key or name."""
    data = parse_json_object("--amplify", text)
    project_name = _string("--amplify", data, "projectName", required=False)
    env_name = _string("--amplify", data, "envName", required=require_env)
    if project_name is not None:
        validate_project_name(project_name)
    if env_name is not None:
        validate_env_name(env_name)
    return AmplifyArgs(
        project_name=project_name,
        env_name=env_name,
        default_editor=_string("--amplify", data, "defaultEditor", required=False),
        app_id=_string("--amplify", data, "appId", required=False),
    )


@dataclass(frozen=True)
class FrontendArgs:
    """`--frontend`: the frontend handler, its framework and config (defaults filled in)."""

    frontend: str
    framework: str | None
    config: dict[str, Any] = field(default_factory=dict)


def default_frontend() -> FrontendArgs:
    """The frontend `amplify init --yes` and a headless `amplify pull` without `--frontend`
    get: javascript with its default framework and that framework's config."""
    handler = get_frontend("javascript")
    framework = handler.default_framework
    return FrontendArgs(handler.name, framework, handler.default_config(framework))


def parse_frontend(text: str) -> FrontendArgs:
    """:raises HeadlessArgumentError, UnknownFrontendError: bad JSON, key or frontend."""
    data = parse_json_object("--frontend", text)
    name = _string("--frontend", data, "frontend", required=True)
    assert name is not None
    handler = get_frontend(name)
    framework = _string("--frontend", data, "framework", required=False)
    config = data.get("config") or {}
    if not isinstance(config, dict):
        raise HeadlessArgumentError("--frontend", "'config' must be an object")
    if handler.frameworks and framework is None:
        framework = handler.default_framework
    return FrontendArgs(
        frontend=name,
        framework=framework if handler.frameworks else None,
        config=handler.validate(framework, config),
    )


def parse_aws_info(argument: str, data: Any) -> dict[str, Any]:
    """Validate an awscloudformation credentials config (`configLevel`, profile or keys).

    :raises HeadlessArgumentError: a missing or mistyped key.
    """
    if not isinstance(data, dict):
        raise HeadlessArgumentError(argument, "the awscloudformation config must be an object")
    level = data.get("configLevel", "project")
    if level not in ("project", "general"):
        raise HeadlessArgumentError(argument, "'configLevel' must be 'project' or 'general'")
    if level == "general":
        return {"configLevel": "general"}
    use_profile = data.get("useProfile")
    if not isinstance(use_profile, bool):
        raise HeadlessArgumentError(argument, "missing required key 'useProfile' (a boolean)")
    if use_profile:
        profile = _string(argument, data, "profileName", required=True)
        return {"configLevel": "project", "useProfile": True, "profileName": profile}
    keys = {
        key: _string(argument, data, key, required=True)
        for key in ("accessKeyId", "secretAccessKey", "region")
    }
    return {"configLevel": "project", "useProfile": False, **keys}


def parse_providers(text: str) -> dict[str, dict[str, Any]]:
    """`--providers`: provider name -> validated config.

    :raises HeadlessArgumentError, UnknownProviderError: bad JSON, key or provider.
    """
    data = parse_json_object("--providers", text)
    if not data:
        raise HeadlessArgumentError("--providers", "name at least one provider")
    providers = {}
    for name, config in data.items():
        if name not in PROVIDERS:
            raise UnknownProviderError(name, PROVIDERS)
        providers[name] = parse_aws_info("--providers", config)
    return providers
