"""Which reload a batch of changed project files calls for, and what `amplify mock` says."""

from __future__ import annotations

from pathlib import Path

from amplify_mock.mock.gen1.build import TEMPLATE_FOLDERS

__all__ = ["RELOAD_MESSAGES", "api_change_kind", "changed_functions"]

RELOAD_MESSAGES = {
    "template": "Mapping template change detected. Reloading...",
    "schema": "GraphQL Schema change detected. Reloading...",
    "parameters": "API Parameter change detected. Reloading...",
    "stacks": "Custom stack change detected. Reloading...",
}


def api_change_kind(api_dir: Path, paths: frozenset[Path]) -> str | None:
    """The strongest kind of API reload the changed paths call for (schema > ... > template)."""
    kinds: set[str] = set()
    for path in paths:
        if not path.is_relative_to(api_dir):
            continue
        parts = path.relative_to(api_dir).parts
        if not parts or parts[0] == "build":
            continue
        if parts[0] in ("schema.graphql", "schema", "transform.conf.json"):
            kinds.add("schema")
        elif parts[0] == "parameters.json":
            kinds.add("parameters")
        elif parts[0] == "stacks":
            kinds.add("stacks")
        elif parts[0] in TEMPLATE_FOLDERS:
            kinds.add("template")
    for kind in ("schema", "stacks", "parameters", "template"):
        if kind in kinds:
            return kind
    return None


def changed_functions(function_root: Path, paths: frozenset[Path]) -> set[str]:
    """The functions (folders under `amplify/backend/function/`) with a changed file."""
    return {
        path.relative_to(function_root).parts[0]
        for path in paths
        if path.is_relative_to(function_root) and len(path.relative_to(function_root).parts)
    }
