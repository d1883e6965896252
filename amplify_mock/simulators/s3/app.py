"""The local S3 endpoint as an aiohttp application: the whole request path in one place.

request -> CORS preflight? -> bucket/key (path or virtual host) -> website request to a
website bucket? (unsigned GET/HEAD: index/error documents, see website.py) -> presigned-URL
expiry -> S3 operation name -> handler -> S3 errors serialised once -> CORS and common headers.

With `S3Settings.authorizer` (the Gen 2 storage access rules) each request's caller is checked
after its operation is known; without one any credentials work.

Not emulated: signature checks, versioning, ACLs and policies,
tagging, POST-form uploads, SSE. Requests for them get S3's NotImplemented error.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from amplify_mock.simulators.s3 import buckets, multipart, objects
from amplify_mock.simulators.s3.cors import add_cors_headers, preflight_response
from amplify_mock.simulators.s3.errors import (
    IncompleteBody,
    InvalidURI,
    MaxMessageLengthExceeded,
    S3Error,
)
from amplify_mock.simulators.s3.presign import check_presigned_expiry
from amplify_mock.simulators.s3.routing import access_of, operation_name, resolve_target
from amplify_mock.simulators.s3.state import EventDispatcher, S3Call, S3Settings, S3State
from amplify_mock.simulators.s3.storage import ObjectStore
from amplify_mock.simulators.s3.website import is_website_request, serve_website
from amplify_mock.simulators.s3.wire import error_response, new_request_ids

__all__ = ["S3_STATE", "create_app"]

LOG = logging.getLogger(__name__)

S3_STATE = web.AppKey("s3_state", S3State)
_EVENT_DRAIN_SECONDS = 5.0
#: Request documents read whole (DeleteObjects of 1,000 long keys is over 1 MiB).
_MAX_XML_BODY = 16 * 1024 * 1024

Handler = Callable[[S3Call], Awaitable[web.StreamResponse]]

#: S3 API operation name -> handler.
HANDLERS: dict[str, Handler] = {
    "ListBuckets": buckets.list_buckets,
    "CreateBucket": buckets.create_bucket,
    "HeadBucket": buckets.head_bucket,
    "DeleteBucket": buckets.delete_bucket,
    "GetBucketLocation": buckets.get_bucket_location,
    "ListObjects": buckets.list_objects,
    "ListObjectsV2": buckets.list_objects_v2,
    "PutObject": objects.put_object,
    "CopyObject": objects.copy_object,
    "GetObject": objects.get_object,
    "HeadObject": objects.get_object,
    "DeleteObject": objects.delete_object,
    "DeleteObjects": objects.delete_objects,
    "CreateMultipartUpload": multipart.create_multipart_upload,
    "UploadPart": multipart.upload_part,
    "UploadPartCopy": multipart.upload_part_copy,
    "CompleteMultipartUpload": multipart.complete_multipart_upload,
    "AbortMultipartUpload": multipart.abort_multipart_upload,
    "ListParts": multipart.list_parts,
    "ListMultipartUploads": multipart.list_multipart_uploads,
}


async def _dispatch(request: web.Request) -> web.StreamResponse:
    if request.method == "OPTIONS":
        return preflight_response(request)
    state = request.app[S3_STATE]
    resource = request.rel_url.raw_path
    try:
        target = resolve_target(request, state.settings.virtual_host_suffixes)
        resource = "/" + "/".join(part for part in (target.bucket, target.key) if part)
        query = {name: request.query[name] for name in request.query}
        website = state.settings.websites.get(target.bucket or "")
        if website is not None and target.bucket and is_website_request(request, query):
            call = S3Call(request, state, target.bucket, target.key or "", {})
            prefix = "" if target.virtual_host else f"/{target.bucket}"
            return await serve_website(call, website, prefix=prefix)
        check_presigned_expiry(query, state.settings.clock())
        operation = operation_name(request.method, target, query, request.headers)
        if state.settings.authorizer is not None and target.bucket:
            state.settings.authorizer(access_of(request, operation, target, query))
        call = S3Call(request, state, target.bucket or "", target.key or "", query)
        LOG.debug("S3 %s %s", operation, resource)
        return await HANDLERS[operation](call)
    except S3Error as err:
        return error_response(err, request, resource)
    except UnicodeDecodeError:
        return error_response(InvalidURI(URI=request.rel_url.raw_path), request, resource)
    except web.HTTPRequestEntityTooLarge:
        response = error_response(MaxMessageLengthExceeded(), request, resource)
        response.force_close()  # the rest of the body was never read
        return response
    except web.RequestPayloadError:  # a body that ended early or does not decode
        response = error_response(IncompleteBody(), request, resource)
        response.force_close()
        return response
    except ConnectionError:
        LOG.debug("Client went away during %s %s", request.method, request.rel_url)
        raise
    except Exception:
        LOG.exception("Local S3 failed on %s %s", request.method, request.rel_url)
        return error_response(S3Error(), request, resource)


async def _on_prepare(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in new_request_ids().items():
        response.headers.setdefault(name, value)
    response.headers["Server"] = "AmazonS3"
    add_cors_headers(request, response)


def create_app(settings: S3Settings) -> web.Application:
    """The S3 REST endpoint for `settings.root`; the store opens on startup, closes on cleanup.

    Run it with `auto_decompress=False` on the runner (S3Server does): S3 stores a
    `Content-Encoding: gzip` body as sent, it never inflates it.
    """
    app = web.Application(client_max_size=_MAX_XML_BODY)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        store = await asyncio.to_thread(
            ObjectStore,
            settings.root,
            settings.buckets,
            folders=settings.bucket_folders,
            clock=settings.clock,
        )
        events = EventDispatcher(settings.on_event)
        app[S3_STATE] = S3State(settings=settings, store=store, events=events)
        try:
            yield
        finally:
            await events.drain(_EVENT_DRAIN_SECONDS)
            await asyncio.to_thread(store.close)

    app.cleanup_ctx.append(lifecycle)
    app.on_response_prepare.append(_on_prepare)
    # `[\s\S]`, not `.`: a key may hold a newline (`%0A`), which `.` would leave unrouted
    app.router.add_route("*", r"/{tail:[\s\S]*}", _dispatch)
    return app
