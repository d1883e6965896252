"""The local CloudFront front of a PROD hosting setup: a caching HTTP front, on its own port,
for the hosting bucket the local S3 serves as a website.

As the distribution Amplify's PROD template creates: GET/HEAD are served from the cache for
`DefaultTTL` seconds (query strings not forwarded, not part of the cache key), a miss is
fetched from the origin (the local S3's website endpoint of the bucket), and the custom
error responses answer an origin 403/404 with the root object and 200 (single-page apps).
Invalidations (`amplify publish -c`: `LocalCloud.create_invalidation`) are read from the
local cloud at each request and drop the cached paths they match. Responses carry
CloudFront's `X-Cache` (`Hit from cloudfront` / `Miss from cloudfront`), `Via`, `Age` and
`X-Amz-Cf-Id`.
Not emulated: HTTPS on the front, behaviours other than the default one, signed URLs,
compression.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web

from amplify_mock.simulators.binding import bind_site, site_url

__all__ = ["DEFAULT_CLOUDFRONT_PORT", "CloudFrontFront"]

LOG = logging.getLogger(__name__)

DEFAULT_CLOUDFRONT_PORT = 20007
_KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Content-Encoding")


@dataclass
class _Cached:
    status: int
    headers: dict[str, str]
    body: bytes
    stored_at: float


class CloudFrontFront:
    """One distribution in front of one hosting bucket."""

    def __init__(
        self,
        distribution_id: str,
        origin: str,
        bucket: str,
        invalidations: Callable[[], list[dict[str, Any]]],
        *,
        host: str = "localhost",
        port: int = DEFAULT_CLOUDFRONT_PORT,
        ttl: float = 86400.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.distribution_id = distribution_id
        self.origin = origin.rstrip("/")
        self.bucket = bucket
        self.invalidations = invalidations
        self.host = host
        self._requested_port = port
        self.ttl = ttl
        self.clock = clock
        self._cache: dict[str, _Cached] = {}
        self._applied: set[str] = {str(i.get("Id")) for i in invalidations()}
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await bind_site(runner, self.host, self._requested_port)
        self._runner = runner
        self._http = aiohttp.ClientSession()

    async def stop(self) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        if self._runner is None or not self._runner.addresses:
            return f"http://{self.host}:{self._requested_port}"
        return site_url(self._runner)

    # -- cache -------------------------------------------------------------------------------
    def _apply_invalidations(self) -> None:
        for invalidation in self.invalidations():
            ident = str(invalidation.get("Id"))
            if ident in self._applied:
                continue
            self._applied.add(ident)
            for pattern in invalidation.get("Paths") or []:
                pattern = str(pattern)
                if pattern.endswith("*"):
                    prefix = pattern[:-1]
                    for key in [k for k in self._cache if k.startswith(prefix)]:
                        del self._cache[key]
                else:
                    self._cache.pop(pattern, None)
            LOG.info("distribution %s: invalidation %s applied", self.distribution_id, ident)

    async def _fetch(self, path: str) -> _Cached:
        assert self._http is not None
        async with self._http.get(
            f"{self.origin}/{self.bucket}{path}", allow_redirects=False
        ) as response:
            body = await response.read()
            headers = {h: response.headers[h] for h in _KEPT_HEADERS if h in response.headers}
            if response.status in (301, 302) and "Location" in response.headers:
                headers["Location"] = response.headers["Location"].replace(f"/{self.bucket}", "", 1)
            return _Cached(response.status, headers, body, self.clock())

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.method not in ("GET", "HEAD"):
            return web.Response(status=405, text="Method Not Allowed")
        self._apply_invalidations()
        path = request.path or "/"
        cached = self._cache.get(path)
        hit = cached is not None and self.clock() - cached.stored_at < self.ttl
        if not hit:
            cached = await self._fetch(path)
            if cached.status in (403, 404):  # CustomErrorResponses: the root object, 200
                root = await self._fetch("/")
                cached = _Cached(200, root.headers, root.body, root.stored_at)
            if cached.status == 200:
                self._cache[path] = cached
        assert cached is not None
        headers = dict(cached.headers)
        headers.update(
            {
                "X-Cache": f"{'Hit' if hit else 'Miss'} from cloudfront",
                "Via": f"1.1 {self.distribution_id.lower()}.cloudfront.net (CloudFront)",
                "X-Amz-Cf-Pop": "LOCAL",
                "X-Amz-Cf-Id": secrets.token_urlsafe(42)[:56],
            }
        )
        if hit:
            headers["Age"] = str(int(self.clock() - cached.stored_at))
        body = b"" if request.method == "HEAD" else cached.body
        return web.Response(status=cached.status, headers=headers, body=body)
