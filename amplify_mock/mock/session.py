"""`amplify mock`: starts every simulator in order, reloads on change, stops everything cleanly.

Start order: crash recovery of the frontend config, the Lambda runner, the API (compile, merged
build, DynamoDB store and tables, endpoint on :20002, DynamoDB endpoint, stream triggers), the
local S3 (:20005: storage and hosting buckets), the frontend config rewrite, the watcher; then
the "running at" lines, and after them the work nobody waits on (codegen, parsing every
template). Anything that fails on the way stops what already started, so a failed start leaves
nothing running and no config file changed. On reload a complete new `ApiState` is built and
swapped in with one assignment; a build that fails leaves the old one serving.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import shutil
import ssl
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from amplify_mock.errors import AmplifyMockError
from amplify_mock.mock.api import (
    ensure_api_tables,
    open_dynamodb,
    start_appsync,
    start_dynamodb_endpoint,
)
from amplify_mock.mock.frontend.override import (
    FrontendConfigOverride,
    MockEndpoints,
    restore_frontend_config,
)
from amplify_mock.mock.functions import (
    LocalTableExports,
    function_parameters,
    lambda_authorizer,
)
from amplify_mock.mock.gen1.build import (
    MockBuild,
    check_templates,
    prepare_mock_build,
    sync_templates,
)
from amplify_mock.mock.gen1.project import MockProject, add_mock_paths_to_gitignore
from amplify_mock.mock.options import (
    CATEGORIES,
    MockOptions,
    Reporter,
    choose_port,
    ssl_context,
)
from amplify_mock.mock.reload import RELOAD_MESSAGES, api_change_kind, changed_functions
from amplify_mock.mock.running import Running, stop_running
from amplify_mock.mock.watcher import ProjectWatcher
from amplify_mock.project.api_build import BuildResult, compile_api
from amplify_mock.simulators.appsync.config import FunctionSpec, ResolverSpec
from amplify_mock.simulators.appsync.dashboard import DashboardServices, reload_event
from amplify_mock.simulators.appsync.execution import ApiState
from amplify_mock.simulators.appsync.field_log import field_log_for
from amplify_mock.simulators.appsync.state import build_api_state
from amplify_mock.simulators.appsync.tracing import Tracer, traced_runner
from amplify_mock.simulators.appsync.wiring import (
    data_source_factory,
)
from amplify_mock.simulators.lambda_ import LambdaRunner
from amplify_mock.simulators.lambda_.streams import find_stream_triggers, run_stream_trigger

if TYPE_CHECKING:
    from amplify_mock.mock.storage import BucketTriggers

__all__ = ["CATEGORIES", "MockOptions", "MockSession", "Reporter"]

LOG = logging.getLogger(__name__)


class MockSession:
    """One `amplify mock` run over a project."""

    def __init__(self, project: MockProject, options: MockOptions, reporter: Reporter) -> None:
        self.project = project
        self.options = options
        self.reporter = reporter
        self.running = Running()
        self.build: BuildResult | None = None
        self.mock_build: MockBuild | None = None
        self.state: ApiState | None = None
        self.bucket_triggers: dict[str, BucketTriggers] = {}
        self._tls_context: ssl.SSLContext | None = None
        self.local_ca: Path | None = None
        self.field_log = field_log_for(options.log_level, project.mock_data_dir, reporter)
        self.tracer = Tracer(self.field_log)
        self.dashboard = DashboardServices(tracer=self.tracer)

    # -- settings ---------------------------------------------------------------------------
    @property
    def host(self) -> str:
        return self.options.host or self.project.settings.host

    def _wants(self, category: str) -> bool:
        return category in self.options.categories

    @property
    def graphql_url(self) -> str | None:
        server = self.running.appsync
        if server is None:
            return None
        scheme = "https" if self.options.https else "http"
        return f"{scheme}://{server.host}:{server.port}/graphql"

    @property
    def console_url(self) -> str | None:
        url = self.graphql_url
        return url[: -len("/graphql")] if url else None

    def restore_config(self) -> list[Path]:
        """Put the frontend config back now (a second Ctrl-C, `--restore-config`)."""
        return restore_frontend_config(self.project.root)

    # -- start ------------------------------------------------------------------------------
    async def start(self) -> None:
        """Start everything; on any failure stop what started and re-raise.

        :raises AmplifyMockError: the project, a port, a file or the schema is not usable.
        """
        try:
            await self._start()
        except BaseException:
            await self.stop()
            raise

    async def _start(self) -> None:
        root = self.project.root
        restored = restore_frontend_config(root)
        for path in restored:
            self.reporter.info(f"Restored {path.relative_to(root)} left by a previous mock run.")
        add_mock_paths_to_gitignore(root)
        if self.options.reset:
            self._reset_mock_data()
        mock_api = self._wants("api") and self.project.api_name is not None
        # the local S3 also serves the hosting bucket(s) as websites (`amplify publish`)
        mock_storage = self._wants("storage") and bool(self.project.storage or self.project.hosting)
        only_api = self._wants("api") and not self._wants("storage")
        only_storage = self._wants("storage") and not self._wants("api")
        if only_api and not mock_api:
            _ = self.project.api_dir  # raises NoApiError with the Amplify CLI's message
        if only_storage and not (self.project.storage or self.project.hosting):
            raise AmplifyMockError(
                "Storage has not yet been added to this project.",
                "Run `amplify add storage` first.",
            )
        # Always there (workers start on first use): an @function naming a function the
        # project lacks then fails with the runner's message naming it.
        self.running.runner = LambdaRunner(
            root,
            timeout=self.options.timeout,
            fresh=self.options.fresh_lambda,
            exports=LocalTableExports(),
            parameters=function_parameters(self.project),
        )
        self.dashboard.attach_runner(self.running.runner)
        if (mock_api or mock_storage) and self._wants_auth():
            await self._start_auth()
        if mock_api:
            await self._start_api()
        if mock_storage:
            await self._start_storage()
        if not mock_api and not mock_storage:
            raise AmplifyMockError(
                "Nothing to mock: the project has no GraphQL API and no S3 storage.",
                "Add one with `amplify add api` or `amplify add storage`.",
            )
        self._rewrite_frontend_config()
        if self.running.appsync is not None:
            self.running.appsync.open()
        if self.options.watch:
            self._start_watcher()
        self._report_ready()
        # Work nobody waits on runs after "ready": codegen and the parse of every template.
        # Their modules (and the VTL engine's) load here, in this thread, so the threads below
        # never import concurrently with each other or with a request.
        if mock_api:
            importlib.import_module("resolvers.vtl")
        if mock_api and self.options.codegen:
            importlib.import_module("amplify_mock.codegen")
            self.running.tasks.append(asyncio.create_task(asyncio.to_thread(self._codegen)))
        if self.state is not None and self.mock_build is not None:
            self.running.tasks.append(
                asyncio.create_task(self._check_in_background(self.state, self.mock_build))
            )

    async def _check_in_background(self, state: ApiState, mock_build: MockBuild) -> None:
        try:
            assert self.build is not None
            configs = self._configs(state)
            await asyncio.to_thread(check_templates, configs, mock_build, self.build.api_dir)
        except AmplifyMockError as err:
            self.reporter.error(f"Mapping template error\n{err}")

    def _report_ready(self) -> None:
        """The Amplify CLI's "running at" lines, once everything (config files too) is ready."""
        if self.running.cognito is not None:
            pool = self.running.cognito.pool.settings
            self.reporter.info(
                f"Cognito endpoint (user pool {pool.user_pool_id}, identity pool "
                f"{pool.identity_pool_id}) is running at {self.running.cognito.url}"
            )
        if self.running.appsync is not None:
            self.reporter.info(f"AppSync Mock endpoint is running at {self.graphql_url}")
            self.reporter.info(f"GraphQL IDE is available for local testing at {self.console_url}")
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
            for hosting in self.project.hosting:
                self.reporter.info(
                    f"Hosting bucket {hosting.bucket_name} is served as a website at "
                    f"{self.running.s3.url}/{hosting.bucket_name}/"
                )

    def _reset_mock_data(self) -> None:
        """Empty the mock tables and the storage buckets' objects.

        Only the storage buckets: `mock-data/S3/` also holds the local cloud's deployment and
        hosting buckets, which `amplify pull` and `publish` need.
        """
        targets = [self.project.mock_data_dir / "dynamodb"]
        targets += [self.project.mock_data_dir / "S3" / r.bucket_name for r in self.project.storage]
        for target in targets:
            if target.exists():
                shutil.rmtree(target)
        self.reporter.info("Mock data cleared (tables and storage objects).")

    async def _start_api(self) -> None:
        client = open_dynamodb(
            self.running,
            endpoint=self.options.dynamodb_endpoint or self.project.settings.dynamodb_endpoint,
            store_dir=self.project.mock_data_dir / "dynamodb",
            region=self.project.region,
        )
        state = await self._build_state(compile_schema=True, parse_templates=False)
        created = await ensure_api_tables(client, state, self.reporter)
        if created and self.options.seed_data is not None:
            from amplify_mock.mock.seed import load_seed_data

            loaded = await load_seed_data(
                self.options.seed_data,
                client=client,
                tables=created,
                s3_root=self.project.mock_data_dir / "S3",
            )
            if loaded:
                self.reporter.info(f"Seed data loaded from {self.options.seed_data}: {loaded}.")
        self.dashboard.dynamodb = client
        self.dashboard.api_dir = self.project.api_dir
        await start_appsync(
            state,
            self.running,
            self.options,
            host=self.host,
            port=choose_port(self.options.port, self.project.settings.graphql_port),
            lambda_authorizer=lambda_authorizer(
                self.running.runner, self.build.auth_config if self.build else {}
            ),
            dashboard=self.dashboard,
            tls_also=self._local_tls(),
        )
        if self.running.runner is not None:
            self.running.runner.api_endpoint = self.graphql_url or ""
            self.running.runner.api_key = state.config.api_key or ""
        await start_dynamodb_endpoint(
            self.running,
            host=self.host,
            port=choose_port(self.options.dynamodb_port, self.project.settings.dynamodb_port),
        )
        self._start_stream_triggers()

    async def _build_state(self, *, compile_schema: bool, parse_templates: bool = True) -> ApiState:
        """Compile (when asked), merge the user's templates, and build a complete `ApiState`.

        On reload every mapping template is parsed here (new texts only: compiled templates
        are cached by content), so a broken one fails the reload and the old state keeps
        serving. At start the check runs after the endpoint is up (`_check_in_background`):
        compiling every template of a fresh API is the slowest part of a start.
        """
        if compile_schema or self.build is None:
            self.build = await asyncio.to_thread(
                partial(compile_api, self.project.root, disable_overrides=True, skip_unmocked=True)
            )
            if self.build.skipped:
                self.reporter.warning(
                    f"Not mocked, left out of the local API: {', '.join(self.build.skipped)} "
                    "(no local search domain; `amplify push` to test search in the cloud)."
                )
        assert self.build is not None
        if compile_schema or self.mock_build is None:
            resources_dir = self.project.mock_api_resources_dir / self.build.api_name
            mock_build = await asyncio.to_thread(
                prepare_mock_build, self.build.api_dir, self.build.build_dir, resources_dir
            )
        else:
            overridden = sync_templates(
                self.build.api_dir, self.build.build_dir, self.mock_build.build_dir
            )
            mock_build = replace(self.mock_build, overridden=overridden)
        factory = data_source_factory(
            dynamodb_client=self.running.dynamodb_client,
            lambda_invoker=self.running.runner,
            region=self.project.region,
        )
        state = build_api_state(
            mock_build.build_dir,
            data_source_factory=factory,
            runner=traced_runner,
        )
        if parse_templates:
            check_templates(self._configs(state), mock_build, self.build.api_dir)
        self.mock_build = mock_build
        self.state = state
        return state

    @staticmethod
    def _configs(state: ApiState) -> list[ResolverSpec | FunctionSpec]:
        return [*state.config.resolvers, *state.config.functions]

    def _local_tls(self) -> ssl.SSLContext | None:
        """The local CA's localhost certificate, served beside plain HTTP on the same ports
        (aws-amplify v6 dials wss:// for subscriptions); None with `--https` or when the CA
        folder cannot be used (then plain HTTP only, with a warning)."""
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

    def _wants_auth(self) -> bool:
        from amplify_mock.mock.auth import find_auth_resource

        return find_auth_resource(self.project.project) is not None

    async def _start_auth(self) -> None:
        """The local user pool and identity pool (the project has a Cognito auth resource)."""
        from amplify_mock.mock.auth import (
            ensure_project_groups,
            find_auth_resource,
            load_seed_users,
            pool_settings,
        )
        from amplify_mock.simulators.cognito import CognitoServer, UserPool

        auth = find_auth_resource(self.project.project)
        assert auth is not None
        settings = pool_settings(self.project.project, auth, self.project.region)
        pool = UserPool(settings, self.project.mock_data_dir / "cognito", notify=self.reporter.info)
        ensure_project_groups(pool, self.project.project)
        if self.options.seed_data is not None:
            created = load_seed_users(pool, self.options.seed_data)
            if created:
                self.reporter.info(f"Seed data: {created} Cognito user(s) created.")
        port = choose_port(self.options.cognito_port, self.project.settings.cognito_port)
        server = CognitoServer(pool, host=self.host, port=port)
        await server.start(ssl_context=ssl_context(self.options.https), tls_also=self._local_tls())
        self.running.cognito = server
        self.dashboard.user_pool = pool

    async def _start_storage(self) -> None:
        # Imported here: a project without storage never loads the local S3.
        from amplify_mock.mock.gen1.hosting import start_cloudfront_fronts
        from amplify_mock.mock.gen1.storage_triggers import load_bucket_triggers
        from amplify_mock.mock.seed import load_seed_data
        from amplify_mock.mock.storage import start_local_s3

        self.bucket_triggers = load_bucket_triggers(self.project)
        host = "localhost" if self.host in ("127.0.0.1", "localhost") else self.host
        server = await start_local_s3(
            root=self.project.mock_data_dir / "S3",
            buckets=tuple(resource.bucket_name for resource in self.project.storage),
            region=self.project.region,
            hosting=self.project.hosting,
            triggers=self.bucket_triggers,
            invoker=lambda: self.running.runner,
            host=host,
            port=choose_port(self.options.storage_port, self.project.settings.storage_port),
            tls_also=self._local_tls(),
        )
        self.running.s3 = server
        self.dashboard.s3 = server.state
        self.running.cloudfront = await start_cloudfront_fronts(
            self.project.project,
            self.project.hosting,
            server.url,
            host=host,
            port=self.options.cloudfront_port,
            report=self.reporter.info,
        )
        if self.options.seed_data is not None and not self.running.appsync:
            await load_seed_data(self.options.seed_data, s3_root=server.settings.root, client=None)

    def _start_stream_triggers(self) -> None:
        runner, client = self.running.runner, self.running.dynamodb_client
        if runner is None or client is None:
            return
        for trigger in find_stream_triggers(self.project.root):
            task = asyncio.create_task(
                run_stream_trigger(runner, client, trigger, region=self.project.region),
                name=f"stream-trigger-{trigger.function_name}",
            )
            self.running.tasks.append(task)

    def _rewrite_frontend_config(self) -> None:
        state = self.state
        auth = None
        if self.running.cognito is not None:
            from amplify_mock.mock.frontend.auth import LocalAuth

            pool = self.running.cognito.pool.settings
            auth = LocalAuth(
                endpoint=self.running.cognito.url,
                region=pool.region,
                user_pool_id=pool.user_pool_id,
                client_id=pool.client_ids[0],
                # aws-amplify < 6.9 cannot reach a local identity pool (no identityPoolEndpoint):
                # `"frontendIdentityPool": false` in mock.json leaves it out of the config
                identity_pool_id=pool.identity_pool_id
                if self.project.settings.raw.get("frontendIdentityPool", True) is not False
                else None,
                allow_guests=pool.allow_unauthenticated,
                username_attributes=pool.username_attributes,
            )
        endpoints = MockEndpoints(
            auth=auth,
            region=self.project.region,
            graphql_url=self.graphql_url,
            api_name=self.project.api_name,
            auth_type=state.config.default_auth.authentication_type.value if state else None,
            api_key=state.config.api_key if state else None,
            s3_buckets=self.running.s3.settings.buckets if self.running.s3 else (),
        )
        override = FrontendConfigOverride(self.project.root)
        override.apply(endpoints)
        self.running.override = override

    def _codegen(self) -> None:
        # Imported here (it runs after "ready"): codegen's modules are not on the start path.
        from amplify_mock.codegen import read_codegen_projects, write_codegen
        from amplify_mock.codegen.config import CONFIG_FILE

        try:
            if self.options.add_codegen and not (self.project.root / CONFIG_FILE).exists():
                self._add_codegen()
            for codegen_project in read_codegen_projects(self.project.root):
                written = write_codegen(codegen_project)
                if written:
                    self.reporter.info(
                        "Generated GraphQL operations successfully and saved at "
                        f"{codegen_project.docs_path.relative_to(self.project.root)}"
                    )
                types_file = codegen_project.generated_file
                if types_file is not None and types_file in written:
                    self.reporter.info(
                        "Code generated successfully and saved in file "
                        f"{types_file.relative_to(self.project.root)}"
                    )
        except AmplifyMockError as err:
            self.reporter.warning(f"Failed to run GraphQL codegen with following error:\n{err}")

    def _add_codegen(self) -> None:
        """`amplify add codegen` with its defaults (JavaScript statements in src/graphql),
        which the Amplify CLI's mock offers when the API has no codegen config yet."""
        from amplify_mock.project.codegen_step import CodegenOptions, run_codegen

        # the config only: the statements are then written once, by the caller's loop
        run_codegen(self.project.project, CodegenOptions(generate_docs=False))

    def _start_watcher(self) -> None:
        roots = [self.project.project.paths.backend_dir]
        watcher = ProjectWatcher(
            roots,
            self.on_changes,
            loop=asyncio.get_running_loop(),
            debounce=self.options.debounce,
        )
        watcher.start()
        self.running.watcher = watcher

    # -- hot reload -------------------------------------------------------------------------
    async def on_changes(self, paths: frozenset[Path]) -> None:
        """Reload what the changed files affect; a failure keeps the running API."""
        functions = changed_functions(self.project.project.paths.backend_dir / "function", paths)
        if functions and self.running.runner is not None:
            for name in sorted(functions):
                self.running.runner.invalidate(name)
            self.reporter.info(
                f"Function change detected ({', '.join(sorted(functions))}). Reloading..."
            )
        if self.running.appsync is None or self.project.api_name is None:
            return
        kind = api_change_kind(self.project.api_dir, paths)
        if kind is None:
            return
        self.reporter.info(RELOAD_MESSAGES[kind])
        started = time.perf_counter()
        try:
            state = await self._build_state(compile_schema=kind != "template")
            if kind != "template":
                await ensure_api_tables(self.running.dynamodb_client, state, self.reporter)
        except AmplifyMockError as err:
            self.reporter.error(f"Reloading failed with error\n{err}")
            self.dashboard.events.publish("reload", reload_event(False, kind, str(err)))
            return
        except Exception as err:  # a bug of ours: report it, keep serving the old API
            LOG.exception("reload failed")
            self.reporter.error(f"Reloading failed with error\n{err!r}")
            self.dashboard.events.publish("reload", reload_event(False, kind, repr(err)))
            return
        self.running.appsync.swap_state(state)
        self.dashboard.events.publish("reload", reload_event(True, kind))
        LOG.info("reloaded (%s) in %.1f ms", kind, (time.perf_counter() - started) * 1000)
        if kind != "template" and self.options.codegen:
            await asyncio.to_thread(self._codegen)

    # -- stop -------------------------------------------------------------------------------
    async def stop(self) -> None:
        """Restore the frontend config, then stop everything that started (`stop_running`)."""
        running, self.running = self.running, Running()
        try:
            await stop_running(running, self.reporter)
        finally:
            if self.field_log is not None:
                self.field_log.flush()  # appsync.log is written in batches
