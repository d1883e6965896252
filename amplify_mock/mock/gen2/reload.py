"""Hot reload of a Gen 2 backend: which changed files call for what, and doing it.

- a file the Node step read (backend.ts, a resource.ts, a schema module): load the
  definition again, recompile the data API and swap it in, bundle the functions again;
- an APPSYNC_JS handler file of `a.handler.custom`: recompile the data API;
- any other file (a function's handler and what it imports): bundle the functions again
  and replace their warm workers.
A failure (a TypeScript syntax error with file:line:col, a schema the transformer refuses)
is printed and the last good backend keeps serving. Changes to defineAuth or defineStorage
are reported as needing a restart (the pool and buckets keep running as they are).
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from amplify_mock.errors import AmplifyMockError
from amplify_mock.gen2 import Gen2Backend
from amplify_mock.mock.api import ensure_api_tables
from amplify_mock.mock.gen2.functions import functions_of
from amplify_mock.simulators.appsync.dashboard import reload_event

if TYPE_CHECKING:
    from amplify_mock.mock.gen2.session import Gen2MockSession

__all__ = ["ChangeKinds", "classify_changes", "reload_backend"]

LOG = logging.getLogger(__name__)

_IGNORED_PARTS = frozenset({"node_modules", ".amplify", "mock-data"})


class ChangeKinds:
    """What a batch of changed files affects."""

    def __init__(self, *, definition: bool, resolvers: bool, code: bool) -> None:
        self.definition = definition
        self.resolvers = resolvers
        self.code = code

    @property
    def any(self) -> bool:
        return self.definition or self.resolvers or self.code


def classify_changes(backend: Gen2Backend, paths: frozenset[Path]) -> ChangeKinds:
    """Sort the changed paths into definition, JS resolver and function code changes."""
    sources = {path.resolve() for path in backend.source_files}
    resolvers = {
        handler.entry.resolve()
        for resolver in (backend.data.js_resolvers if backend.data else ())
        for handler in resolver.handlers
    }
    definition = resolver = code = False
    for path in paths:
        if _IGNORED_PARTS & set(path.parts):
            continue
        resolved = path.resolve()
        if resolved in sources:
            definition = True
        elif resolved in resolvers:
            resolver = True
        elif path.suffix in (".ts", ".js", ".mjs", ".cjs", ".mts", ".cts", ".json", ".tsx"):
            code = True
    return ChangeKinds(definition=definition, resolvers=resolver, code=code)


async def reload_backend(session: Gen2MockSession, paths: frozenset[Path]) -> None:
    """Apply a batch of changes to the running session; failures keep the last good state."""
    backend = session.backend
    if backend is None:
        return
    kinds = classify_changes(backend, paths)
    if not kinds.any:
        return
    started = time.perf_counter()
    try:
        if kinds.definition:
            session.reporter.info("Backend definition change detected. Reloading...")
            new_backend = await session.load_definition()
            _report_restart_needed(session, backend, new_backend)
            backend = new_backend
        rebuild = (kinds.definition or kinds.resolvers) and session.running.appsync is not None
        # the transformer runs while esbuild bundles the handlers
        compiled = asyncio.ensure_future(session.compile(backend)) if rebuild else None
        try:
            if kinds.definition or kinds.code:
                if kinds.code and not kinds.definition:
                    session.reporter.info("Function change detected. Reloading...")
                await session.bundle(functions_of(backend)[0])
        except BaseException:
            if compiled is not None:
                compiled.cancel()
                await asyncio.gather(compiled, return_exceptions=True)
            raise
        if compiled is not None:
            if kinds.resolvers and not kinds.definition:
                session.reporter.info("Resolver code change detected. Reloading...")
            state = await session.build_state(backend, compiled)
            await ensure_api_tables(session.running.dynamodb_client, state, session.reporter)
            if session.running.appsync is not None:
                session.running.appsync.swap_state(state)
    except AmplifyMockError as err:
        session.reporter.error(f"Reloading failed with error\n{err}")
        session.dashboard.events.publish("reload", reload_event(False, "backend", str(err)))
        return
    except Exception as err:  # a bug of ours: report it, keep serving the old backend
        LOG.exception("reload failed")
        session.reporter.error(f"Reloading failed with error\n{err!r}")
        session.dashboard.events.publish("reload", reload_event(False, "backend", repr(err)))
        return
    session.backend = backend
    runner = session.running.runner
    if runner is not None:
        if session.catalog is not None:
            session.catalog.functions = {f.name: f for f in functions_of(backend)[0]}
            if backend.data is not None:
                session.catalog.aliases = {
                    alias: name for alias, name in backend.data.function_handlers.items() if name
                }
        runner.invalidate()
    session.dashboard.events.publish("reload", reload_event(True, "backend"))
    elapsed = (time.perf_counter() - started) * 1000
    LOG.info("reloaded in %.0f ms", elapsed)
    session.reporter.info(f"Reloaded in {elapsed:.0f} ms.")


def _report_restart_needed(
    session: Gen2MockSession, before: Gen2Backend, after: Gen2Backend
) -> None:
    if before.auth != after.auth and not _same_auth(before, after):
        session.reporter.warning("defineAuth changed: restart the mock to apply it.")
    if [(s.name, s.triggers) for s in before.storage] != [
        (s.name, s.triggers) for s in after.storage
    ]:
        session.reporter.warning("defineStorage changed: restart the mock to apply it.")


def _same_auth(before: Gen2Backend, after: Gen2Backend) -> bool:
    if before.auth is None or after.auth is None:
        return before.auth is after.auth
    return (before.auth.login_with, before.auth.groups) == (
        after.auth.login_with,
        after.auth.groups,
    )
