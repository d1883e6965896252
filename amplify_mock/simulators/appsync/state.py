"""Builds an `ApiState` from a build directory, and holds the current one for hot reload."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from amplify_mock.errors import AmplifyMockError
from amplify_mock.simulators.appsync.config import ApiConfig, DataSourceSpec
from amplify_mock.simulators.appsync.execution import ApiState, ResolverRunner, create_api_state
from amplify_mock.simulators.appsync.loader import ApiBuildError, load_api_config
from amplify_mock.simulators.appsync.schema import SchemaBuildError
from resolvers.resolver import execute_resolver

__all__ = ["DataSourceFactory", "StateHolder", "build_api_state", "build_state_from_config"]

LOG = logging.getLogger(__name__)

#: Builds the data source of one `AWS::AppSync::DataSource` (with injected clients).
DataSourceFactory = Callable[[DataSourceSpec], Any]


def build_state_from_config(
    config: ApiConfig,
    *,
    data_source_factory: DataSourceFactory,
    runner: ResolverRunner,
    build_dir: Path | None = None,
) -> ApiState:
    """An `ApiState` for an already loaded config.

    :raises ApiBuildError: the schema does not build.
    """
    data_sources = {spec.name: data_source_factory(spec) for spec in config.data_sources}
    try:
        return create_api_state(config, data_sources, runner)
    except SchemaBuildError as err:
        raise ApiBuildError(build_dir or Path("."), str(err)) from err


def build_api_state(
    build_dir: Path,
    *,
    data_source_factory: DataSourceFactory,
    runner: ResolverRunner | None = None,
    parameters: Mapping[str, Any] | None = None,
    api_key: str | None = None,
) -> ApiState:
    """Load `build_dir` (the transformer's output) into a complete, immutable `ApiState`.

    `runner` defaults to the `resolvers` package's `execute_resolver`.

    :raises ApiBuildError: a file is missing or invalid, or the templates/schema do not build.
    """
    config = load_api_config(build_dir, parameters=parameters, api_key=api_key)
    return build_state_from_config(
        config,
        data_source_factory=data_source_factory,
        runner=runner or execute_resolver,
        build_dir=build_dir,
    )


class StateHolder:
    """The endpoint's current `ApiState`; hot reload swaps it with a single assignment.

    Requests read `holder.state` once and use that state to the end, so a swap never mixes
    two versions of the API in one request.
    """

    def __init__(self, state: ApiState) -> None:
        self.state = state

    def swap_state(self, new_state: ApiState) -> None:
        self.state = new_state

    def reload(self, build: Callable[[], ApiState]) -> bool:
        """Build a new state and swap it in; on failure log it and keep serving the old one."""
        try:
            new_state = build()
        except AmplifyMockError as err:
            LOG.error("API reload failed, still serving the previous version: %s", err)
            return False
        self.state = new_state
        return True
