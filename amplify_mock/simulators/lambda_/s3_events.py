"""S3 storage triggers: which function the project wires to a bucket, and the dispatch hook.

The local S3 builds the event (the real `{"Records": [{"eventVersion", "eventSource":
"aws:s3", "s3": {"bucket", "object"}, ...}]}` shape); this module only finds the trigger
function and invokes it. Failures are logged, as an asynchronous S3 notification's are.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from amplify_mock.simulators.lambda_.parameters import read_json
from resolvers.data_sources.lambda_ import LambdaInvokeError, LambdaInvoker

__all__ = ["dispatch_s3_event", "find_s3_trigger_function"]

LOG = logging.getLogger(__name__)


def find_s3_trigger_function(project_root: Path, storage_name: str | None = None) -> str | None:
    """The trigger function of the S3 resource (the only/first one when no name is given).

    Read from the storage's `cli-inputs.json` `triggerFunction`, else from a `function`
    entry in its `dependsOn` in `backend-config.json`.
    """
    backend = project_root / "amplify" / "backend"
    config = read_json(backend / "backend-config.json")
    storage = config.get("storage") if isinstance(config, dict) else None
    storage = storage if isinstance(storage, dict) else {}
    names = (
        [storage_name]
        if storage_name
        else sorted(
            name
            for name, spec in storage.items()
            if isinstance(spec, dict) and spec.get("service") == "S3"
        )
    )
    for name in names:
        inputs = read_json(backend / "storage" / name / "cli-inputs.json")
        if isinstance(inputs, dict):
            trigger = inputs.get("triggerFunction")
            if isinstance(trigger, str) and trigger and trigger != "NONE":
                return trigger
        spec = storage.get(name)
        for dependency in (spec.get("dependsOn") or []) if isinstance(spec, dict) else []:
            if isinstance(dependency, dict) and dependency.get("category") == "function":
                resource = dependency.get("resourceName")
                if isinstance(resource, str) and resource:
                    return resource
    return None


async def dispatch_s3_event(
    invoker: LambdaInvoker, function_name: str, event: Mapping[str, Any]
) -> Any:
    """Invoke the trigger with the S3 event; returns its result, or None when it failed."""
    try:
        return await invoker.invoke(function_name, dict(event))
    except LambdaInvokeError as err:
        LOG.warning("S3 trigger %s failed: %s", function_name, err.message)
        return None
