"""The v1 directive plugins, and the list the Amplify CLI runs them in."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transformer.config import TransformConfig
    from transformer.plugin import Transformer

__all__ = ["build_default_transformers"]

# (module, class) in the CLI's order: DynamoDBModel, Versioned, Function, Key, ModelConnection,
# ModelAuth.
_ORDER = (
    ("transformer.directives.model", "ModelTransformer"),
    ("transformer.directives.versioned", "VersionedTransformer"),
    ("transformer.directives.function", "FunctionTransformer"),
    ("transformer.directives.key", "KeyTransformer"),
    ("transformer.directives.connection", "ConnectionTransformer"),
    ("transformer.directives.auth", "AuthTransformer"),
)


def build_default_transformers(config: TransformConfig) -> list[Transformer]:
    """Instantiate each plugin; a plugin class takes the TransformConfig as its only argument."""
    return [
        getattr(importlib.import_module(module_name), class_name)(config)
        for module_name, class_name in _ORDER
    ]
