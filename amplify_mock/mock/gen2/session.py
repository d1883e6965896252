"""`amplify mock` in a Gen 2 project: the backend.ts definition served by the local services.

Start order: crash recovery of amplify_outputs.json, the backend definition (one Node step),
the functions (bundled with esbuild) and the Lambda runner, the local Cognito (defineAuth),
the data API (compiled with the Gen 2 settings, DynamoDB store and tables, endpoint on :20002,
DynamoDB endpoint), the local S3 (defineStorage buckets and triggers), the outputs rewrite,
the watcher. Anything that fails on the way stops what already started. On a change of a
file the Node step read (resource.ts, backend.ts, a schema module), the definition is loaded
again and what changed is rebuilt; a failure (a TypeScript syntax error: file:line:col) keeps
the last good backend serving. A changed handler is bundled again and its worker replaced.

Not emulated: SQL data sources (`a.sql`, inlineSql handlers; reported), function schedules
(reported), CDK code in backend.ts (reported), auth triggers and external providers.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import ssl
import time
from collections.abc import Awaitable
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

from amplify_mock.errors import AmplifyMockError
from amplify_mock.gen2 import Gen2Backend, compile_data, load_backend
from amplify_mock.mock.api import (
    ensure_api_tables,
    open_dynamodb,
    start_appsync,
    start_dynamodb_endpoint,
)
from amplify_mock.mock.frontend.auth import LocalAuth
from amplify_mock.mock.functions import MOCK_API_ID
from amplify_mock.mock.gen2.functions import (
    Gen2Function,
    Gen2FunctionCatalog,
    bundle_functions,
    esbuild_binary,
    functions_of,
)
from amplify_mock.mock.gen2.outputs import Gen2Endpoints, LocalBucket, OutputsOverride
from amplify_mock.mock.gen2.project import Gen2Paths, add_mock_data_to_gitignore, mock_region
from amplify_mock.mock.options import MockOptions, Reporter, choose_port
from amplify_mock.mock.running import Running, stop_running
from amplify_mock.mock.settings import read_mock_settings
from amplify_mock.simulators.appsync.config import ApiConfig
from amplify_mock.simulators.appsync.dashboard import DashboardServices
from amplify_mock.simulators.appsync.execution import ApiState
from amplify_mock.simulators.appsync.field_log import field_log_for
from amplify_mock.simulators.appsync.loader import load_api_config
from amplify_mock.simulators.appsync.state import build_state_from_config
from amplify_mock.simulators.appsync.tracing import Tracer, traced_runner
from amplify_mock.simulators.appsync.wiring import data_source_factory
from amplify_mock.simulators.lambda_ import LambdaRunner

__all__ = ["Gen2MockSession"]

LOG = logging.getLogger(__name__)


class Gen2MockSession:
    """One `amplify mock` run over a Gen 2 project."""

    def __init__(
        self,
        project_root: Path,
        options: MockOptions,
        reporter: Reporter,
        *,
        node_modules: Path | None = None,
        preloaded: Future[Gen2Backend] | None = None,
    ) -> None:
        self.project_root = project_root.resolve()
        self.paths = Gen2Paths(self.project_root)
        self.options = options
        self.reporter = reporter
        self.node_modules = node_modules
        #: the definition already loading (the CLI starts the Node step before it imports
        #: the simulators, so both overlap)
        self.preloaded = preloaded
        self.region = mock_region()
        #: amplify/mock.json's host, ports and DynamoDB endpoint, as for Gen 1
        self.settings = read_mock_settings(self.project_root / "amplify" / "mock.json")
        self.running = Running()
        self.backend: Gen2Backend | None = None
        self.state: ApiState | None = None
        self.catalog: Gen2FunctionCatalog | None = None
        self.buckets: tuple[LocalBucket, ...] = ()
        self._tls_context: ssl.SSLContext | None = None
        self.local_ca: Path | None = None
        self.field_log = field_log_for(options.log_level, self.paths.data_dir, reporter)
        self.tracer = Tracer(self.field_log)
        self.dashboard = DashboardServices(tracer=self.tracer)

    # -- settings ---------------------------------------------------------------------------
    @property
    def host(self) -> str:
        return self.options.host or self.settings.host

    @property
    def graphql_url(self) -> str | None:
        server = self.running.appsync
        if server is None:
            return None
        scheme = "https" if self.options.https else "http"
        return f"{scheme}://{server.host}:{server.port}/graphql"

    def restore_config(self) -> list[Path]:
        """Put amplify_outputs.json back now (a second Ctrl-C, `--restore-config`)."""
        return OutputsOverride(self.project_root).restore()

    # -- start ------------------------------------------------------------------------------
    async def start(self) -> None:
        """Start everything; on any failure stop what started and re-raise.

        :raises AmplifyMockError: the backend does not load or compile, a port is busy.
        """
        try:
            await self._start()
        except BaseException:
            await self.stop()
            raise

    async def _start(self) -> None:
        root = self.project_root
        for path in self.restore_config():
            self.reporter.info(f"Restored {path.relative_to(root)} left by a previous mock run.")
        if add_mock_data_to_gitignore(root):
            self.reporter.info("Added .amplify/mock-data to .gitignore (the mock's data).")
        if self.options.reset:
            self._reset_mock_data()
        if self.preloaded is not None:
            backend = await asyncio.wrap_future(self.preloaded)
            self.preloaded = None
        else:
            backend = await self.load_definition()
        for message in backend.not_emulated:
            self.reporter.warning(f"Not emulated: {message}")
        mock_data = backend.data is not None and "api" in self.options.categories
        mock_storage = bool(backend.storage) and "storage" in self.options.categories
        if not mock_data and not mock_storage and backend.auth is None:
            raise AmplifyMockError(
                "Nothing to mock: amplify/backend.ts defines no data, auth or storage.",
                "Add defineData, defineAuth or defineStorage to defineBackend({...}).",
            )
        compiled = asyncio.ensure_future(self.compile(backend)) if mock_data else None
        try:
            await self._start_functions(backend)
            if backend.auth is not None:
                await self._start_auth(backend)
            if compiled is not None:
                await self._start_data(backend, compiled)
        finally:
            if compiled is not None and not compiled.done():
                compiled.cancel()
                await asyncio.gather(compiled, return_exceptions=True)
        if mock_storage:
            await self._start_storage(backend)
        self.backend = backend
        self._rewrite_outputs()
        if self.running.appsync is not None:
            self.running.appsync.open()
        if self.options.watch:
            self._start_watcher(backend)
        self._report_ready()

    async def load_definition(self) -> Gen2Backend:
        started = time.perf_counter()
        backend = await asyncio.to_thread(
            load_backend, self.project_root, node_modules=self.node_modules
        )
        LOG.info("backend.ts loaded in %.0f ms", (time.perf_counter() - started) * 1000)
        return backend

    def _reset_mock_data(self) -> None:
        for target in (self.paths.dynamodb_dir, self.paths.s3_dir):
            if target.exists():
                shutil.rmtree(target)
        self.reporter.info("Mock data cleared (tables and storage objects).")

    def _local_tls(self) -> ssl.SSLContext | None:
        """The local CA's certificate beside plain HTTP on the same ports (wss://)."""
        if self.options.https is not None:
            return None
        if self._tls_context is None:
            from amplify_mock.simulators.tls import local_certificates
            from amplify_mock.simulators.tls.local_ca import LocalCaError

            try:
                certificates = local_certificates()
                self._tls_context = certificates.server_context()
            except (LocalCaError, ssl.SSLError) as err:
                self.reporter.warning(f"{err} TLS (wss://) is off; plain HTTP still works.")
                return None
            self.local_ca = certificates.ca_cert
        return self._tls_context

    # -- functions --------------------------------------------------------------------------
    async def bundle(self, functions: list[Gen2Function]) -> None:
        if not functions:
            return
        esbuild = esbuild_binary(self.project_root, self.node_modules)
        await asyncio.to_thread(
            bundle_functions, self.project_root, functions, self.paths.bundle_dir, esbuild=esbuild
        )

    async def _start_functions(self, backend: Gen2Backend) -> None:
        functions, gaps = functions_of(backend)
        for gap in gaps:
            self.reporter.warning(f"Not emulated: {gap}")
        await self.bundle(functions)
        aliases = dict(backend.data.function_handlers) if backend.data else {}
        self.catalog = Gen2FunctionCatalog(
            self.project_root,
            functions,
            self.paths.bundle_dir,
            region=self.region,
            aliases={alias: name for alias, name in aliases.items() if name},
        )
        self.running.runner = LambdaRunner(
            self.project_root,
            timeout=self.options.timeout,
            fresh=self.options.fresh_lambda,
            catalog=self.catalog,
        )
        self.dashboard.attach_runner(self.running.runner)

    # -- auth -------------------------------------------------------------------------------
    async def _start_auth(self, backend: Gen2Backend) -> None:
        from amplify_mock.mock.auth import load_seed_users
        from amplify_mock.mock.gen2.auth import ensure_groups, pool_settings
        from amplify_mock.simulators.cognito import CognitoServer, UserPool

        assert backend.auth is not None
        settings = pool_settings(backend.auth, self.project_root, self.region)
        pool = UserPool(settings, self.paths.cognito_dir, notify=self.reporter.info)
        ensure_groups(pool, backend.auth)
        if self.options.seed_data is not None:
            created = load_seed_users(pool, self.options.seed_data)
            if created:
                self.reporter.info(f"Seed data: {created} Cognito user(s) created.")
        port = choose_port(self.options.cognito_port, self.settings.cognito_port)
        server = CognitoServer(pool, host=self.host, port=port)
        await server.start(tls_also=self._local_tls())
        self.running.cognito = server
        self.dashboard.user_pool = pool

    # -- data -------------------------------------------------------------------------------
    async def build_state(
        self, backend: Gen2Backend, compiled: Awaitable[ApiConfig] | None = None
    ) -> ApiState:
        """Compile the data schema with the Gen 2 settings into a fresh folder and load it
        (`compiled`: that compile already under way, see `compile`).

        :raises AmplifyMockError: the schema does not transform, a resolver does not load.
        """
        config = await (compiled if compiled is not None else self.compile(backend))
        staging = self._staging_dir()
        factory = data_source_factory(
            dynamodb_client=self.running.dynamodb_client,
            lambda_invoker=self.running.runner,
            region=self.region,
        )
        state = build_state_from_config(
            config,
            data_source_factory=factory,
            runner=traced_runner,
            build_dir=staging,
        )
        build_dir = self.paths.build_dir
        if build_dir.exists():
            shutil.rmtree(build_dir)
        staging.rename(build_dir)
        self.state = state
        return state

    def _staging_dir(self) -> Path:
        return self.paths.build_dir.with_name(self.paths.build_dir.name + ".new")

    async def compile(self, backend: Gen2Backend) -> ApiConfig:
        """The transformer's build (into the staging folder) and its config, in a thread: it
        needs no running service, so it overlaps the Lambda bundle and the Cognito start."""

        def run() -> ApiConfig:
            staging = self._staging_dir()
            if staging.exists():
                shutil.rmtree(staging)
            compile_data(backend, staging)
            return self._load_config(backend, staging)

        return await asyncio.to_thread(run)

    def _load_config(self, backend: Gen2Backend, build_dir: Path) -> ApiConfig:
        """The build's config with the `a.handler.custom` pipelines added (the data construct
        adds them beside the transformer's output, as ampx deploys them).

        :raises AmplifyMockError: the build does not load; a handler is missing or breaks
            the APPSYNC_JS rules (file:line:col).
        """
        config = load_api_config(build_dir)
        if backend.data is None or not backend.data.js_resolvers:
            return config
        from amplify_mock.simulators.appsync.custom_handlers import custom_handler_resolver

        esbuild = self.node_modules / ".bin" / "esbuild" if self.node_modules else None
        custom = {
            (resolver.type_name, resolver.field_name): custom_handler_resolver(
                resolver.type_name,
                resolver.field_name,
                resolver.handlers,
                api_id=MOCK_API_ID,
                esbuild=esbuild,
            )
            for resolver in backend.data.js_resolvers
        }
        kept = tuple(r for r in config.resolvers if (r.type_name, r.field_name) not in custom)
        return replace(config, resolvers=(*kept, *custom.values()))

    async def _start_data(self, backend: Gen2Backend, compiled: Awaitable[ApiConfig]) -> None:
        assert backend.data is not None
        for engine in backend.data.sql_engines:
            self.reporter.warning(f"Not emulated: the {engine} SQL data source (a.sql, inlineSql).")
        client = open_dynamodb(
            self.running,
            endpoint=self.options.dynamodb_endpoint or self.settings.dynamodb_endpoint,
            store_dir=self.paths.dynamodb_dir,
            region=self.region,
        )
        self.dashboard.dynamodb = client
        self.dashboard.api_dir = backend.data.defined_in.parent if backend.data.defined_in else None
        state = await self.build_state(backend, compiled)
        created = await ensure_api_tables(client, state, self.reporter)
        if created and self.options.seed_data is not None:
            from amplify_mock.mock.seed import load_seed_data

            loaded = await load_seed_data(
                self.options.seed_data, client=client, tables=created, s3_root=self.paths.s3_dir
            )
            if loaded:
                self.reporter.info(f"Seed data loaded from {self.options.seed_data}: {loaded}.")
        runner = self.running.runner
        authorizer = None
        modes = backend.data.authorization_modes
        if modes.lambda_authorizer is not None and runner is not None:
            authorizer = _lambda_authorizer(runner, modes.lambda_authorizer.function or "")
        await start_appsync(
            state,
            self.running,
            self.options,
            host=self.host,
            port=choose_port(self.options.port, self.settings.graphql_port),
            lambda_authorizer=authorizer,
            tls_also=self._local_tls(),
            dashboard=self.dashboard,
        )
        if runner is not None and self.catalog is not None:
            runner.api_endpoint = self.graphql_url or ""
            runner.api_key = state.config.api_key or ""
            granted = {a.function for a in backend.data.function_schema_access if a.function}
            self.catalog.data_access = {
                name: {
                    "AMPLIFY_DATA_GRAPHQL_ENDPOINT": self.graphql_url or "",
                    "AMPLIFY_DATA_DEFAULT_NAME": backend.data.name,
                }
                for name in granted
            }
        await start_dynamodb_endpoint(
            self.running,
            host=self.host,
            port=choose_port(self.options.dynamodb_port, self.settings.dynamodb_port),
        )

    # -- storage ----------------------------------------------------------------------------
    async def _start_storage(self, backend: Gen2Backend) -> None:
        from amplify_mock.mock.gen2.storage import bucket_triggers, local_buckets
        from amplify_mock.mock.gen2.storage_access import storage_authorizer
        from amplify_mock.mock.seed import load_seed_data
        from amplify_mock.mock.storage import start_local_s3

        self.buckets = local_buckets(backend.storage)
        host = "localhost" if self.host in ("127.0.0.1", "localhost") else self.host
        server = await start_local_s3(
            root=self.paths.s3_dir,
            buckets=tuple(bucket.bucket_name for bucket in self.buckets),
            region=self.region,
            hosting=(),
            triggers=bucket_triggers(backend.storage, self.buckets),
            invoker=lambda: self.running.runner,
            host=host,
            port=choose_port(self.options.storage_port, self.settings.storage_port),
            tls_also=self._local_tls(),
            authorizer=storage_authorizer(
                self.running.cognito.pool if self.running.cognito else None,
                {
                    bucket.bucket_name: definition.access
                    for bucket, definition in zip(self.buckets, backend.storage, strict=True)
                },
            ),
        )
        self.running.s3 = server
        self.dashboard.s3 = server.state
        if self.options.seed_data is not None and not self.running.appsync:
            await load_seed_data(self.options.seed_data, s3_root=server.settings.root, client=None)

    # -- outputs ----------------------------------------------------------------------------
    def _endpoints(self) -> Gen2Endpoints:
        auth = None
        if self.running.cognito is not None:
            pool = self.running.cognito.pool.settings
            auth = LocalAuth(
                endpoint=self.running.cognito.url,
                region=pool.region,
                user_pool_id=pool.user_pool_id,
                client_id=pool.client_ids[0],
                identity_pool_id=pool.identity_pool_id,
                allow_guests=pool.allow_unauthenticated,
                username_attributes=pool.username_attributes,
            )
        state = self.state
        backend = self.backend
        return Gen2Endpoints(
            region=self.region,
            graphql_url=self.graphql_url,
            default_auth_type=state.config.default_auth.authentication_type.value
            if state
            else None,
            api_key=state.config.api_key if state else None,
            auth=auth,
            groups=backend.auth.groups if backend and backend.auth else (),
            buckets=self.buckets if self.running.s3 is not None else (),
        )

    def _rewrite_outputs(self) -> None:
        override = OutputsOverride(self.project_root)
        override.apply(self._endpoints())
        self.running.override = override

    def _report_ready(self) -> None:
        if self.running.cognito is not None:
            pool = self.running.cognito.pool.settings
            self.reporter.info(
                f"Cognito endpoint (user pool {pool.user_pool_id}, identity pool "
                f"{pool.identity_pool_id}) is running at {self.running.cognito.url}"
            )
        if self.running.appsync is not None:
            url = self.graphql_url or ""
            self.reporter.info(f"AppSync Mock endpoint is running at {url}")
            self.reporter.info(
                f"GraphQL IDE is available for local testing at {url[: -len('/graphql')]}"
            )
        if self.local_ca is not None:
            self.reporter.info(
                "The same ports also answer TLS (https://, wss://) with a certificate of the "
                f"local CA {self.local_ca}; Node trusts it with "
                f"NODE_EXTRA_CA_CERTS={self.local_ca}, browsers once it is imported."
            )
        if self.running.dynamodb_server is not None:
            self.reporter.info(
                f"DynamoDB endpoint is running at {self.running.dynamodb_server.url}"
            )
        if self.running.s3 is not None:
            self.reporter.info(f"Mock Storage endpoint is running at {self.running.s3.url}")
        self.reporter.info(
            "amplify_outputs.json points at the local endpoints until the mock stops."
        )

    # -- hot reload -------------------------------------------------------------------------
    def _start_watcher(self, backend: Gen2Backend) -> None:
        from amplify_mock.mock.watcher import ProjectWatcher

        watcher = ProjectWatcher(
            [self.project_root / "amplify"],
            self.on_changes,
            loop=asyncio.get_running_loop(),
            debounce=self.options.debounce,
        )
        watcher.start()
        self.running.watcher = watcher

    async def on_changes(self, paths: frozenset[Path]) -> None:
        """Reload what the changed files affect; a failure keeps the last good backend."""
        from amplify_mock.mock.gen2.reload import reload_backend

        await reload_backend(self, paths)

    # -- stop -------------------------------------------------------------------------------
    async def stop(self) -> None:
        """Restore amplify_outputs.json, then stop everything that started."""
        running, self.running = self.running, Running()
        try:
            await stop_running(running, self.reporter)
        finally:
            if self.field_log is not None:
                self.field_log.flush()


def _lambda_authorizer(runner: LambdaRunner, function: str) -> Any:
    async def invoke(function_name: str, event: dict[str, Any]) -> Any:
        return await runner.invoke(function_name or function, event)

    return invoke
