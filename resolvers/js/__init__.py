"""The APPSYNC_JS runtime (JavaScript resolvers and functions, runtime version 1.0.0).

Modules: `engine` (QuickJS, the only module importing it), `runtime.js` (what the code sees:
`util`, `runtime`, `extensions`, `@aws-appsync/utils/dynamodb`, `console`), `bridge` (the
`util` methods shared with VTL), `lexer` + `validator` (AppSync's runtime restrictions),
`module` (ES `import`/`export` to a loadable factory), `code` (evaluate a handler).

Restrictions: `validator` (the linter's rules and words, the clock and random numbers), the
methods the runtime lacks and code compiled at run time (`eval`, `Function`; `runtime.js`), a
per-call time limit (`code.TIME_LIMIT_MS`, checked by the code itself: `module.py` instruments
loops and functions).

Not emulated: regular expressions built with `new RegExp` run here, and a native call that
runs long by itself (a regular expression that backtracks for ever) is not stopped by the time
limit;
`util.http.addResponseHeader` headers are collected but not sent (as for VTL);
`util.transform.toElasticsearchQueryDSL` (no OpenSearch data source locally).
"""

from __future__ import annotations

from resolvers.js.code import (
    TIME_LIMIT_MS,
    CodeError,
    JsCode,
    JsOutcome,
    JsRuntimeError,
    JsTimeoutError,
    evaluate,
    validate,
)
from resolvers.js.validator import CodeIssue

__all__ = [
    "TIME_LIMIT_MS",
    "CodeError",
    "CodeIssue",
    "JsCode",
    "JsOutcome",
    "JsRuntimeError",
    "JsTimeoutError",
    "evaluate",
    "validate",
]
