"""The local AppSync endpoint: /graphql, auth modes, realtime subscriptions and the console."""

from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType
from amplify_mock.simulators.appsync.errors import PortInUseError, UnauthorizedRequest
from amplify_mock.simulators.appsync.execution import ApiState
from amplify_mock.simulators.appsync.loader import ApiBuildError, load_api_config
from amplify_mock.simulators.appsync.server import DEFAULT_PORT, AppSyncServer
from amplify_mock.simulators.appsync.state import StateHolder, build_api_state

__all__ = [
    "DEFAULT_PORT",
    "ApiBuildError",
    "ApiConfig",
    "ApiState",
    "AppSyncServer",
    "AuthenticationType",
    "EndpointOptions",
    "PortInUseError",
    "StateHolder",
    "UnauthorizedRequest",
    "build_api_state",
    "create_app",
    "load_api_config",
]
