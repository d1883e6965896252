"""What the console reaches besides the API: filled in by `amplify mock` as each service starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amplify_mock.simulators.appsync.dashboard.errors import NotAttached
from amplify_mock.simulators.appsync.dashboard.events import ConsoleEvents
from amplify_mock.simulators.appsync.dashboard.functions import FunctionOutput
from amplify_mock.simulators.appsync.tracing import Tracer
from resolvers.data_sources.dynamodb import DynamoDBClient

if TYPE_CHECKING:
    from amplify_mock.simulators.cognito import UserPool
    from amplify_mock.simulators.lambda_ import LambdaRunner
    from amplify_mock.simulators.s3.state import S3State

__all__ = ["DashboardServices"]


@dataclass
class DashboardServices:
    """The stores and runners the console's data browser, functions and auth panels use: the
    very ones the API and the other endpoints use (no copies)."""

    tracer: Tracer | None = None
    dynamodb: DynamoDBClient | None = None
    s3: S3State | None = None
    runner: LambdaRunner | None = None
    function_output: FunctionOutput | None = None
    user_pool: UserPool | None = None
    #: The project's API folder: a template's override file is `resolvers/<file>` under it.
    api_dir: Path | None = None
    events: ConsoleEvents = field(default_factory=ConsoleEvents)

    def __post_init__(self) -> None:
        if self.events.tracer is None:
            self.events.tracer = self.tracer

    def attach_runner(self, runner: LambdaRunner) -> None:
        """Functions panel: invoke through `runner`, keeping what its functions print."""
        self.runner = runner
        self.function_output = FunctionOutput(runner)

    def get_dynamodb(self) -> DynamoDBClient:
        if self.dynamodb is None:
            raise NotAttached("a DynamoDB store")
        return self.dynamodb

    def get_s3(self) -> S3State:
        if self.s3 is None:
            raise NotAttached("storage (the local S3)")
        return self.s3

    def get_runner(self) -> LambdaRunner:
        if self.runner is None:
            raise NotAttached("functions")
        return self.runner

    def get_user_pool(self) -> UserPool:
        if self.user_pool is None:
            raise NotAttached("auth (the local Cognito user pool)")
        return self.user_pool

    def override_file(self, template_file: str | None) -> str | None:
        """Where to edit a template: `<api>/resolvers/<file name>` (the mock reloads it)."""
        if not template_file or self.api_dir is None:
            return None
        return str(self.api_dir / "resolvers" / Path(template_file).name)

    def info(self) -> dict[str, Any]:
        pool = self.user_pool
        return {
            "tables": self.dynamodb is not None,
            "storage": self.s3 is not None,
            "functions": self.runner is not None,
            "userPool": (
                {"userPoolId": pool.settings.user_pool_id, "groups": sorted(pool.store.groups)}
                if pool is not None
                else None
            ),
            "lastReload": self.events.last_reload,
        }
