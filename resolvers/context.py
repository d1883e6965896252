"""Builds `$ctx` / `$context`: args, identity, source, result, error, stash, prev, request, info."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["build_context", "copy_value"]


#: Leaf types of JSON-like data, returned as they are without a call per value.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def copy_value(value: Any) -> Any:
    """A deep copy of JSON-like data (much faster than `copy.deepcopy` for dicts and lists).

    Dicts (and dict subclasses) become plain dicts, lists and tuples become lists; anything
    else is shared. Scalars are recognised by exact type first, the bulk of every request.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict or isinstance(value, dict):
        return {k: v if type(v) in _SCALARS else copy_value(v) for k, v in value.items()}
    if kind is list or isinstance(value, list | tuple):
        return [v if type(v) in _SCALARS else copy_value(v) for v in value]
    return value


def build_context(
    *,
    arguments: dict[str, Any] | None = None,
    identity: Mapping[str, Any] | None = None,
    source: Any = None,
    stash: dict[str, Any] | None = None,
    result: Any = None,
    error: Mapping[str, Any] | None = None,
    prev_result: Any = None,
    request: Mapping[str, Any] | None = None,
    info: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The `$ctx` map a mapping template sees.

    `arguments` and `stash` are used as given (not copied): templates mutate them in place
    (`$ctx.args.input.put(...)`, `$ctx.stash.put(...)`) and a pipeline passes the same objects
    from the before template through every function to the after template. `$ctx.args` is the
    same object as `$ctx.arguments`.
    """
    args = arguments if arguments is not None else {}
    request_map = dict(request) if request is not None else {}
    request_map.setdefault("headers", {})
    request_map.setdefault("domainName", None)
    info_map = dict(info) if info is not None else {}
    for key, default in (
        ("fieldName", None),
        ("parentTypeName", None),
        ("variables", {}),
        ("selectionSetList", []),
        ("selectionSetGraphQL", ""),
    ):
        info_map.setdefault(key, default)
    return {
        "arguments": args,
        "args": args,
        "identity": dict(identity) if identity is not None else None,
        "source": source,
        "result": result,
        "error": dict(error) if error is not None else None,
        "stash": stash if stash is not None else {},
        "prev": {"result": prev_result},
        "request": request_map,
        "info": info_map,
    }
