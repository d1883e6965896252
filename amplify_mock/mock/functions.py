"""How `amplify mock` wires the project's functions to the mock: table names, ids, authorizer."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from amplify_mock.mock.gen1.project import MockProject
from amplify_mock.simulators.appsync.auth import LambdaAuthorizerInvoker
from amplify_mock.simulators.lambda_ import LambdaRunner

__all__ = ["MOCK_API_ID", "LocalTableExports", "function_parameters", "lambda_authorizer"]

#: The id of an API that was never pushed (the mock's own stand-in).
MOCK_API_ID = "amplifymockapiid"


class LocalTableExports(Mapping[str, str]):
    """`Fn::ImportValue` answers for functions: `<apiId>:GetAtt:<Model>Table:Name` -> the
    mock's own table name (`<Model>Table`), so `API_<API>_<MODEL>TABLE_NAME` names a table
    that exists in the store (the Amplify CLI's mock hands out `<Model>-<apiId>-<env>`,
    which does not exist locally)."""

    _PATTERN = re.compile(r"^.+:GetAtt:(?P<table>.+Table):Name$")

    def __getitem__(self, key: str) -> str:
        match = self._PATTERN.match(key)
        if match is None:
            raise KeyError(key)
        return match["table"]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._PATTERN.match(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def function_parameters(project: MockProject) -> dict[str, str]:
    """Values a never-pushed API lacks: its id, so `Fn::ImportValue` of its tables works."""
    name = project.api_name
    if name is None:
        return {}
    meta = project.project.amplify_meta()
    output = ((meta.get("api") or {}).get(name) or {}).get("output") or {}
    if output.get("GraphQLAPIIdOutput"):
        return {}
    return {f"api{name}GraphQLAPIIdOutput": MOCK_API_ID}


def lambda_authorizer(
    runner: LambdaRunner | None, auth_config: Mapping[str, Any]
) -> LambdaAuthorizerInvoker | None:
    """The AWS_LAMBDA auth mode's function, through the Lambda runner.

    The v1 transformer's root stack names no authorizer function, so the one named in
    the API's auth config (`lambdaAuthorizerConfig.lambdaFunction`) is the default.
    """
    if runner is None:
        return None
    configured = ""
    providers = [auth_config.get("defaultAuthentication") or {}]
    providers += auth_config.get("additionalAuthenticationProviders") or []
    for provider in providers:
        if provider.get("authenticationType") == "AWS_LAMBDA":
            config = provider.get("lambdaAuthorizerConfig") or {}
            configured = str(config.get("lambdaFunction") or "")

    async def invoke(function_name: str, event: dict[str, Any]) -> Any:
        return await runner.invoke(function_name or configured, event)

    return invoke
