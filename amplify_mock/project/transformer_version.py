"""Which GraphQL transformer the Gen 1 CLI runs for a project's `graphqltransformer` flags."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

__all__ = ["TransformerVersionError", "transformer_version", "truthy"]

LOG = logging.getLogger(__name__)


class TransformerVersionError(ValueError):
    """cli.json names a transformer version the CLI does not know."""


def transformer_version(flags: Mapping[str, Any]) -> int:
    """The GraphQL transformer the CLI runs for these `graphqltransformer` flags: v1 unless
    `useexperimentalpipelinedtransformer` is true; then `transformerversion` (1 is migrated
    to 2 by the CLI).

    :raises TransformerVersionError: a version other than 1 or 2.
    """
    if not truthy(flags.get("useexperimentalpipelinedtransformer", False)):
        return 1
    version = flags.get("transformerversion", 1)
    try:
        number = int(version)
    except (TypeError, ValueError):
        number = -1
    if number not in (1, 2):
        raise TransformerVersionError(
            f"Invalid value specified for transformerVersion: '{version}'"
        )
    if number == 1:
        LOG.warning(
            "The project is configured with 'transformerVersion': 1, but "
            "'useExperimentalPipelinedTransformer': true; the CLI builds it with version 2."
        )
    return 2


def truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)
