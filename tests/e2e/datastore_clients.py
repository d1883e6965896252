"""Helpers of the DataStore e2e tests: a Gen 1 v2 project with conflict detection set up through
the `amplify` command, DataStore clients driven by JSON lines (Node processes, or pages of the
chromium driver), and a TCP proxy that cuts a Node client off the mock and lets it back."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "tests" / "js" / "datastore" / "client.mjs"
MODULES = ROOT / "tests" / "js" / "datastore" / "node_modules"

SCHEMA = """input AMPLIFY { globalAuthRule: AuthRule = { allow: public } } # FOR TESTING ONLY!

type Post @model {
  id: ID!
  title: String!
  tags: [String]
}

type Note @model {
  id: ID!
  text: String!
}

type Task @model {
  id: ID!
  title: String!
}
"""

#: the project's conflict handler: updates resolve to "<server title> | <client title>",
#: deletes are rejected
CONFLICT_HANDLER = """exports.handler = async (event) => {
  console.log(`conflict on ${event.resolver.parentType}.${event.resolver.field}`);
  if (event.resolver.field.startsWith('delete')) return { action: 'REJECT' };
  const title = `${event.existingItem.title} | ${event.newItem.title}`;
  return { action: 'RESOLVE', item: { ...event.newItem, title } };
};
"""

#: AUTOMERGE by default, Note OPTIMISTIC_CONCURRENCY, Task LAMBDA (function `resolver`)
CONFLICT_RESOLUTION = {
    "defaultResolutionStrategy": {"type": "AUTOMERGE"},
    "perModelResolutionStrategy": [
        {"entityName": "Note", "resolutionStrategy": {"type": "OPTIMISTIC_CONCURRENCY"}},
        {
            "entityName": "Task",
            "resolutionStrategy": {
                "type": "LAMBDA",
                "resolver": {"type": "EXISTING", "name": "resolver"},
            },
        },
    ],
}


def amplify(root: Path, home: Path, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "HOME": str(home)}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    done = subprocess.run(
        ["amplify", *args],
        cwd=root,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def datastore_project(tmp_path: Path) -> Path:
    """init, add api (v2, API key), add function, update api (conflict detection), as a user
    types them."""
    root, home = tmp_path / "app", tmp_path / "home"
    root.mkdir()
    home.mkdir()
    amplify(root, home, "init", "--amplify", '{"projectName":"dsapp","envName":"dev"}', "--yes")
    request = {
        "version": 1,
        "serviceConfiguration": {
            "serviceName": "AppSync",
            "apiName": "dsapi",
            "transformSchema": SCHEMA,
            "defaultAuthType": {"mode": "API_KEY", "expirationTime": 7},
        },
    }
    amplify(root, home, "add", "api", "--headless", stdin=json.dumps(request))
    amplify(root, home, "add", "function", "--name", "resolver", "--runtime", "nodejs")
    (root / "amplify/backend/function/resolver/src/index.js").write_text(CONFLICT_HANDLER)
    update = {
        "version": 1,
        "serviceModification": {
            "serviceName": "AppSync",
            "conflictResolution": CONFLICT_RESOLUTION,
        },
    }
    amplify(root, home, "update", "api", "--headless", stdin=json.dumps(update))
    return root


class CutProxy:
    """Forwards TCP to the mock; `cut()` drops every connection and refuses new ones (the
    client is offline), `restore()` lets it back. TLS (wss) passes through untouched."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.offline = False
        self._pairs: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.offline:
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        self._pairs.update((writer, up_writer))

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()
            self._pairs.discard(dst)

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    def cut(self) -> None:
        self.offline = True
        for writer in list(self._pairs):
            if transport := writer.transport:
                transport.abort()
        self._pairs.clear()

    def restore(self) -> None:
        self.offline = False

    async def close(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


class _JsonLines:
    """A Node process answering JSON-line commands by `rid`; other lines are events."""

    def __init__(self, name: str, args: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.args = args
        self.env = env
        self.events: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[Any]] = {}
        self._proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._proc = await asyncio.create_subprocess_exec(
            "node",
            *self.args,
            env={**os.environ, **self.env},
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        while line := await self._proc.stdout.readline():
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if message.get("rid") in self._waiting:
                self._waiting.pop(message["rid"]).set_result(message)
            else:
                self.events.append(message)
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(AssertionError(f"{self.name} exited"))

    async def send(self, cmd: str, timeout: float = 120, **args: Any) -> Any:
        assert self._proc is not None and self._proc.stdin is not None
        request_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = future
        self._proc.stdin.write(json.dumps({"rid": request_id, "cmd": cmd, **args}).encode() + b"\n")
        await self._proc.stdin.drain()
        try:
            answer = await asyncio.wait_for(future, timeout)
        except (TimeoutError, AssertionError):
            raise AssertionError(f"{self.name} {cmd} {args}: {await self._tail()}") from None
        if "error" in answer:
            raise AssertionError(f"{self.name} {cmd} {args}: {answer['error']}")
        return answer["ok"]

    async def _tail(self) -> str:
        events = json.dumps(self.events[-10:])
        stderr = ""
        if self._proc is not None and self._proc.returncode is not None:
            assert self._proc.stderr is not None
            stderr = (await self._proc.stderr.read()).decode()[-3000:]
        return f"events {events} stderr {stderr}"

    async def close(self) -> None:
        if self._proc is None:
            return
        if self._proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, 9)
        await self._proc.wait()
        if self._reader is not None:
            await self._reader


def _matching(events: list[dict[str, Any]], event: str, model: str | None) -> list[dict[str, Any]]:
    return [e for e in events if e.get("event") == event and model in (None, e.get("model"))]


class DataStoreClient(_JsonLines):
    """A Node process running client.mjs (one DataStore)."""

    def __init__(self, name: str, endpoint: str, api_key: str, ca: Path) -> None:
        assert (MODULES / "@aws-amplify" / "datastore").is_dir(), "run .ci/setup first"
        super().__init__(name, [str(CLIENT), endpoint, api_key], {"NODE_EXTRA_CA_CERTS": str(ca)})

    async def call(self, cmd: str, **args: Any) -> Any:
        return await self.send(cmd, **args)

    async def of(self, event: str, model: str | None = None) -> list[dict[str, Any]]:
        return _matching(self.events, event, model)


class ProxyNetwork:
    """A Node client's network: the proxy between it and the mock."""

    def __init__(self, proxy: CutProxy) -> None:
        self.proxy = proxy

    async def offline(self) -> None:
        self.proxy.cut()

    async def online(self) -> None:
        self.proxy.restore()


class BrowserDriver(_JsonLines):
    """tests/browser/datastore.test.mjs: clients A and B, each a page in its own context."""

    def __init__(self, app_url: str, endpoint: str, api_key: str, spki: str, out: Path) -> None:
        driver = ROOT / "tests" / "browser" / "datastore.test.mjs"
        super().__init__("chromium", [str(driver), app_url, endpoint, api_key, spki, str(out)], {})

    async def loaded(self, timeout: float = 120) -> None:
        async def wait() -> None:
            while not any(e.get("event") == "loaded" for e in self.events):
                if self._reader is not None and self._reader.done():
                    raise AssertionError(f"the driver exited: {await self._tail()}")
                await asyncio.sleep(0.1)

        await asyncio.wait_for(wait(), timeout)

    def client(self, name: str) -> BrowserClient:
        return BrowserClient(self, name)


class BrowserClient:
    """One page of the browser driver."""

    def __init__(self, driver: BrowserDriver, name: str) -> None:
        self.driver = driver
        self.name = name
        self.events: list[dict[str, Any]] = []

    async def call(self, cmd: str, **args: Any) -> Any:
        return await self.driver.send(cmd, client=self.name, **args)

    async def of(self, event: str, model: str | None = None) -> list[dict[str, Any]]:
        self.events.extend(await self.driver.send("events", client=self.name))
        return _matching(self.events, event, model)

    async def offline(self) -> None:
        await self.call("offline")

    async def online(self) -> None:
        await self.call("online")
