"""The CloudFormation parameters a function template is resolved with, built from the project files.

The same sources, in the same order, as the Amplify CLI's mock: pseudo parameters and `env`,
the outputs of the resources the function `dependsOn` (with the GraphQL endpoint and API key
pointed at the running mock), the function's `parameters.json`, then its
`team-provider-info.json` entry. Later sources win.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "MOCK_API_KEY",
    "MOCK_API_PORT",
    "ProjectSettings",
    "default_parameters",
    "read_json",
]

LOG = logging.getLogger(__name__)

MOCK_API_PORT = 20002
MOCK_API_KEY = "da2-fakeApiId123456"
GRAPHQL_API_ENDPOINT_OUTPUT = "GraphQLAPIEndpointOutput"
GRAPHQL_API_KEY_OUTPUT = "GraphQLAPIKeyOutput"

_ACCOUNT_IN_STACK_ID = re.compile(r"arn:aws:cloudformation:.+:(\d+):stack/.+")


def read_json(path: Path) -> Any:
    """A JSON file's content, or None when the file does not exist or is not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class ProjectSettings:
    """The project-wide facts a function's environment needs, read once per load."""

    env: str
    region: str
    account_id: str
    stack_id: str
    stack_name: str
    amplify_meta: dict[str, Any]
    backend_config: dict[str, Any]
    team_provider: dict[str, Any]

    @classmethod
    def read(cls, project_root: Path) -> ProjectSettings:
        amplify = project_root / "amplify"
        local_env = _as_dict(read_json(amplify / ".config" / "local-env-info.json"))
        meta = _as_dict(read_json(amplify / "backend" / "amplify-meta.json"))
        backend_config = _as_dict(read_json(amplify / "backend" / "backend-config.json"))
        team_provider = _as_dict(read_json(amplify / "team-provider-info.json"))
        env = str(local_env.get("envName") or "NONE")
        provider = _as_dict(_as_dict(meta.get("providers")).get("awscloudformation"))
        env_provider = _as_dict(_as_dict(team_provider.get(env)).get("awscloudformation"))
        region = str(provider.get("Region") or env_provider.get("Region") or "us-test-1")
        stack_id = str(provider.get("StackId") or "fake-stack-id")
        match = _ACCOUNT_IN_STACK_ID.match(stack_id)
        return cls(
            env=env,
            region=region,
            account_id=match.group(1) if match else "12345678910",
            stack_id=stack_id,
            stack_name=str(provider.get("StackName") or "local-testing"),
            amplify_meta=meta,
            backend_config=backend_config,
            team_provider=team_provider,
        )


def default_parameters(
    project_root: Path,
    function_name: str,
    *,
    api_endpoint: str = f"http://localhost:{MOCK_API_PORT}/graphql",
    api_key: str = MOCK_API_KEY,
    settings: ProjectSettings | None = None,
) -> dict[str, Any]:
    """All parameter values for `function_name`'s template, as `amplify mock` computes them."""
    settings = settings or ProjectSettings.read(project_root)
    params: dict[str, Any] = {
        "env": settings.env,
        "AWS::Region": settings.region,
        "AWS::AccountId": settings.account_id,
        "AWS::StackId": settings.stack_id,
        "AWS::StackName": settings.stack_name,
        "AWS::URLSuffix": "amazonaws.com",
        "AWS::Partition": "aws",
    }
    params.update(_depends_on_params(settings, function_name, api_endpoint, api_key))
    function_dir = project_root / "amplify" / "backend" / "function" / function_name
    params.update(_as_dict(read_json(function_dir / "parameters.json")))
    categories = _as_dict(_as_dict(settings.team_provider.get(settings.env)).get("categories"))
    params.update(_as_dict(_as_dict(categories.get("function")).get(function_name)))
    return params


def _depends_on_params(
    settings: ProjectSettings, function_name: str, api_endpoint: str, api_key: str
) -> dict[str, Any]:
    meta_function = _as_dict(_as_dict(settings.amplify_meta.get("function")).get(function_name))
    config_function = _as_dict(_as_dict(settings.backend_config.get("function")).get(function_name))
    depends_on = meta_function.get("dependsOn") or config_function.get("dependsOn")
    if not isinstance(depends_on, list):
        return {}
    params: dict[str, Any] = {}
    for dependency in depends_on:
        if not isinstance(dependency, dict):
            continue
        category = str(dependency.get("category", ""))
        resource = str(dependency.get("resourceName", ""))
        outputs = _as_dict(
            _as_dict(_as_dict(settings.amplify_meta.get(category)).get(resource)).get("output")
        )
        for attribute in dependency.get("attributes") or []:
            value = outputs.get(attribute)
            if attribute == GRAPHQL_API_ENDPOINT_OUTPUT:
                value = api_endpoint
            elif attribute == GRAPHQL_API_KEY_OUTPUT:
                value = api_key
            if value is None:
                LOG.warning(
                    "Function %s: no output %r on %s resource %r; it stays undefined in the "
                    "mock environment until `amplify push`",
                    function_name,
                    attribute,
                    category,
                    resource,
                )
                continue
            params[f"{category}{resource}{attribute}"] = value
    return params
