"""The steps that serve a built API, whatever kind of project built it: the DynamoDB tables,
the token verifier, the AppSync endpoint and the DynamoDB endpoint of a mock run."""

from __future__ import annotations

import ssl
from pathlib import Path

from amplify_mock.mock.options import MockOptions, Reporter, ssl_context
from amplify_mock.mock.running import Running
from amplify_mock.simulators.appsync.app import EndpointOptions
from amplify_mock.simulators.appsync.auth import LambdaAuthorizerInvoker, TokenVerifier
from amplify_mock.simulators.appsync.dashboard import DashboardServices
from amplify_mock.simulators.appsync.execution import ApiState
from amplify_mock.simulators.appsync.server import AppSyncServer
from amplify_mock.simulators.appsync.wiring import clear_all_tables, ensure_tables
from amplify_mock.simulators.dynamodb.client import EndpointClient, StoreClient
from amplify_mock.simulators.dynamodb.server import start_server
from amplify_mock.simulators.dynamodb.store import Store
from resolvers.data_sources.dynamodb import DynamoDBClient

__all__ = [
    "ensure_api_tables",
    "open_dynamodb",
    "start_appsync",
    "start_dynamodb_endpoint",
    "token_verifier",
]


def open_dynamodb(
    running: Running, *, endpoint: str | None, store_dir: Path, region: str
) -> DynamoDBClient:
    """The tables' client: an external endpoint when given, else the embedded store."""
    if endpoint:
        client: DynamoDBClient = EndpointClient(endpoint, region=region)
    else:
        store = Store.open(store_dir, region=region)
        running.store = store
        client = StoreClient(store)
    running.dynamodb_client = client
    return client


async def ensure_api_tables(
    client: DynamoDBClient | None, state: ApiState, reporter: Reporter
) -> list[str]:
    """Create, update or migrate the API's tables; returns the names created.

    The embedded store applies GSI changes in place and recreates a table whose key or
    LSIs changed, carrying over the items whose keys allow it (the real mock leaves stale
    tables). Tables on an external endpoint are only created, never changed.
    """
    created: list[str] = []
    if client is None:
        return created
    for result in await ensure_tables(client, state.config):
        if result.action == "created":
            created.append(result.table)
        elif result.action in ("recreated", "conflict"):
            reporter.warning(result.message)
    return created


def token_verifier(options: MockOptions, running: Running) -> TokenVerifier | None:
    """`--verify-tokens`' JWKS, under the local user pool's check when Cognito runs."""
    verifier: TokenVerifier | None = None
    if options.verify_tokens:
        from amplify_mock.simulators.appsync.jwks import JwksVerifier

        verifier = JwksVerifier.from_source(options.verify_tokens)
    if running.cognito is not None:
        from amplify_mock.mock.auth import LocalUserPoolVerifier

        # user-pool tokens are checked against the local pool's key by default
        verifier = LocalUserPoolVerifier(running.cognito.pool, fallback=verifier)
    return verifier


async def start_appsync(
    state: ApiState,
    running: Running,
    options: MockOptions,
    *,
    host: str,
    port: int,
    lambda_authorizer: LambdaAuthorizerInvoker | None,
    tls_also: ssl.SSLContext | None,
    dashboard: DashboardServices | None = None,
) -> AppSyncServer:
    """The AppSync endpoint, holding requests until `open()` (after the config rewrite).

    `dashboard`: the console's services, and its tracer for `--log-level` and the trace view
    (the state's runner is then `tracing.traced_runner`).
    """
    client = running.dynamodb_client
    endpoint_options = EndpointOptions(
        clear_data=(lambda: clear_all_tables(client)) if client is not None else None,
        lambda_authorizer=lambda_authorizer,
        verifier=token_verifier(options, running),
        tracer=dashboard.tracer if dashboard is not None else None,
        dashboard=dashboard,
    )
    server = AppSyncServer(state, host=host, port=port, options=endpoint_options)
    await server.start(
        ssl_context=ssl_context(options.https), tls_also=tls_also, hold_requests=True
    )
    running.appsync = server
    return server


async def start_dynamodb_endpoint(running: Running, *, host: str, port: int) -> str | None:
    """The embedded store's DynamoDB endpoint (none for an external endpoint); its URL."""
    if running.store is None:
        return None
    running.dynamodb_server = await start_server(running.store, host=host, port=port)
    url = running.dynamodb_server.url
    if running.runner is not None:
        # what user functions pass to their DynamoDB client to reach the mock's tables
        running.runner.extra_environment["DDB_ENDPOINT"] = url
    return url
