"""The local AppSync endpoint: /graphql, auth modes, realtime subscriptions and the console.

Entry points: `LocalAppSync(build_dir, dynamodb_client=..., lambda_invoker=...)` serves a
transformer build (start / reload / stop); `build_api_state` + `create_app` / `AppSyncServer`
are the pieces underneath; `load_api_config` reads a build without serving it.

Not emulated: resolver caching, `@aws_publish`, subscription invalidation filters, caching of
Lambda authorizer verdicts (`ttlOverride`), TLS on the realtime endpoint (clients that force
`wss://`, like aws-amplify v6, must be pointed at `ws://`), graphql-java's wording of
validation errors (graphql-core's messages are returned, in AppSync's error shape).
"""

from amplify_mock.simulators.appsync.app import EndpointOptions, create_app
from amplify_mock.simulators.appsync.config import ApiConfig, AuthenticationType
from amplify_mock.simulators.appsync.endpoint import LocalAppSync
from amplify_mock.simulators.appsync.errors import PortInUseError, UnauthorizedRequest
from amplify_mock.simulators.appsync.execution import ApiState
from amplify_mock.simulators.appsync.jwks import JwksError, JwksVerifier
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
    "JwksError",
    "JwksVerifier",
    "LocalAppSync",
    "PortInUseError",
    "StateHolder",
    "UnauthorizedRequest",
    "build_api_state",
    "create_app",
    "load_api_config",
]
