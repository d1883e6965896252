"""Compiles mapping templates once (cached by content) and renders them against `$ctx`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from resolvers.errors import ResolverError, TemplateError
from resolvers.util import Util
from resolvers.util.extensions import Extensions
from resolvers.vtl.compiler import Compiler, Unsupported
from resolvers.vtl.parser import line_column, parse_template
from resolvers.vtl.runtime import RUNTIME, MethodFailure, Return, Stop

__all__ = ["CompiledTemplate", "RenderResult", "compile_template", "render"]


@dataclass(frozen=True)
class RenderResult:
    """What one template produced; `errors` are those `$util.appendError` collected."""

    text: str
    is_return: bool = False
    return_value: Any = None
    errors: list[ResolverError] = field(default_factory=list)
    extensions: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CompiledTemplate:
    """A template translated once; `offsets[i]` is the template offset of Python line `i + 1`."""

    text: str
    function: Callable[[dict[str, Any], Callable[[str], None]], None]
    offsets: tuple[int, ...]
    code_name: str
    source: str


_CACHE: dict[str, CompiledTemplate] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_LIMIT = 4096


def compile_template(template: str, file_name: str = "<template>") -> CompiledTemplate:
    """Parse and translate `template` once; later calls with the same text hit the cache.

    :raises TemplateError: the template does not parse (`file:line:col: message`).
    """
    cached = _CACHE.get(template)
    if cached is not None:
        return cached
    body = parse_template(template, file_name)
    compiler = Compiler()
    try:
        source = compiler.compile(body)
    except Unsupported as err:
        line, column = line_column(template, err.offset)
        raise TemplateError(str(err), file=file_name, line=line, column=column) from None
    code_name = f"<vtl {len(_CACHE)}>"
    namespace = dict(RUNTIME)
    exec(compile(source, code_name, "exec"), namespace)
    compiled = CompiledTemplate(
        template, namespace["_render"], tuple(compiler.offsets), code_name, source
    )
    with _CACHE_LOCK:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[template] = compiled
    return compiled


def _failure_offset(compiled: CompiledTemplate, trace: TracebackType | None) -> int | None:
    offset = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == compiled.code_name:
            index = trace.tb_lineno - 1
            if 0 <= index < len(compiled.offsets):
                offset = compiled.offsets[index]
        trace = trace.tb_next
    return offset


def render(
    template: str,
    context: Mapping[str, Any],
    *,
    file_name: str = "<template>",
    util: Any = None,
    extensions: Any = None,
) -> RenderResult:
    """Render a mapping template against `$ctx` (`context`, built by `resolvers.context`).

    `$util`/`$utils` is a fresh `resolvers.util.Util` unless `util` is given (likewise
    `$extensions`, whose requests come back in `RenderResult.extensions`); changes to
    `$ctx.stash` and `$ctx.args` happen in place on `context`.

    :raises TemplateError: parse or runtime error, with file, line and column.
    :raises ResolverError: `$util.error`, `$util.unauthorized`, `$util.validate`.
    """
    compiled = compile_template(template, file_name)
    if util is None:
        util = Util(context)
    if extensions is None:
        extensions = Extensions()
    namespace: dict[str, Any] = {
        "ctx": context,
        "context": context,
        "util": util,
        "utils": util,
        "extensions": extensions,
    }
    parts: list[str] = []
    is_return = False
    return_value = None
    try:
        compiled.function(namespace, parts.append)
    except Stop:
        pass
    except Return as ret:
        is_return = True
        return_value = ret.value
    except ResolverError:
        raise
    except RecursionError as err:
        raise TemplateError("template nests too deeply", file=file_name) from err
    except Exception as err:
        offset = _failure_offset(compiled, err.__traceback__)
        line, column = line_column(compiled.text, offset) if offset is not None else (None, None)
        reason = str(err) if isinstance(err, MethodFailure) else f"{type(err).__name__}: {err}"
        raise TemplateError(reason, file=file_name, line=line, column=column) from err
    return RenderResult(
        "".join(parts), is_return, return_value, list(util.errors), dict(extensions.values)
    )
