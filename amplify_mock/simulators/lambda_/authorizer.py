"""Lambda authorizers for AppSync's AWS_LAMBDA authorization mode: the request and the verdict.

AppSync sends `{"authorizationToken", "requestContext": {apiId, accountId, requestId,
queryString, operationName, variables}, "requestHeaders"}` and expects `{isAuthorized,
resolverContext, deniedFields, ttlOverride}`. A function error, a timeout or a response
without a boolean `isAuthorized` denies the request, as in AppSync. Not emulated: caching of
verdicts for `ttlOverride` / `authorizerResultTtlInSeconds` (callers may cache).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from resolvers.data_sources.lambda_ import LambdaInvokeError, LambdaInvoker

__all__ = ["AuthorizerVerdict", "authorizer_event", "invoke_authorizer"]

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuthorizerVerdict:
    """What the authorizer decided; `reason` says why a request was denied (for logs)."""

    is_authorized: bool
    resolver_context: dict[str, Any] = field(default_factory=dict)
    denied_fields: tuple[str, ...] = ()
    ttl_override: int | None = None
    reason: str = ""


def authorizer_event(
    authorization_token: str,
    *,
    api_id: str,
    account_id: str,
    query_string: str,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    request_headers: Mapping[str, str] | None = None,
    request_id: str | None = None,
) -> dict[str, Any]:
    """The event AppSync sends to a Lambda authorizer."""
    return {
        "authorizationToken": authorization_token,
        "requestContext": {
            "apiId": api_id,
            "accountId": account_id,
            "requestId": request_id or str(uuid.uuid4()),
            "queryString": query_string,
            "operationName": operation_name,
            "variables": dict(variables or {}),
        },
        "requestHeaders": dict(request_headers or {}),
    }


async def invoke_authorizer(
    invoker: LambdaInvoker, function_name: str, event: Mapping[str, Any]
) -> AuthorizerVerdict:
    """Ask the authorizer function about one request; failures become a denial."""
    try:
        response = await invoker.invoke(function_name, dict(event))
    except LambdaInvokeError as err:
        LOG.warning("Lambda authorizer %s failed: %s", function_name, err.message)
        return AuthorizerVerdict(False, reason=f"authorizer failed: {err.message}")
    if not isinstance(response, Mapping) or not isinstance(response.get("isAuthorized"), bool):
        LOG.warning(
            "Lambda authorizer %s returned %r, which has no boolean isAuthorized",
            function_name,
            response,
        )
        return AuthorizerVerdict(False, reason="authorizer response has no boolean isAuthorized")
    context = response.get("resolverContext")
    denied = response.get("deniedFields")
    ttl = response.get("ttlOverride")
    return AuthorizerVerdict(
        is_authorized=response["isAuthorized"],
        resolver_context=dict(context) if isinstance(context, Mapping) else {},
        denied_fields=tuple(str(f) for f in denied) if isinstance(denied, list) else (),
        ttl_override=int(ttl)
        if isinstance(ttl, int | float) and not isinstance(ttl, bool)
        else None,
        reason="" if response["isAuthorized"] else "authorizer denied the request",
    )
