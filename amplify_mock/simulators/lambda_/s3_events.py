"""S3 storage triggers: the dispatch hook.

The local S3 builds the event (the real `{"Records": [{"eventVersion", "eventSource":
"aws:s3", "s3": {"bucket", "object"}, ...}]}` shape) and `mock/gen1/storage_triggers.py`
decides which functions it goes to; this module invokes one. Failures are logged, as an
asynchronous S3 notification's are.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from resolvers.data_sources.lambda_ import LambdaInvokeError, LambdaInvoker

__all__ = ["dispatch_s3_event"]

LOG = logging.getLogger(__name__)


async def dispatch_s3_event(
    invoker: LambdaInvoker, function_name: str, event: Mapping[str, Any]
) -> Any:
    """Invoke the trigger with the S3 event; returns its result, or None when it failed."""
    try:
        return await invoker.invoke(function_name, dict(event))
    except LambdaInvokeError as err:
        LOG.warning("S3 trigger %s failed: %s", function_name, err.message)
        return None
