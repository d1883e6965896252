"""The APPSYNC_JS runtime (JavaScript resolvers and functions, runtime version 1.0.0).

Modules: `engine` (QuickJS, the only module importing it), `runtime.js` (what the code sees:
`util`, `runtime`, `extensions`, `@aws-appsync/utils/dynamodb`, `console`), `bridge` (the
`util` methods shared with VTL), `lexer` + `validator` (AppSync's runtime restrictions),
`module` (ES `import`/`export` to a loadable factory), `code` (evaluate a handler).

Not emulated: AppSync's exact lint wording (unpublished; ours names the feature); the
allow-list of built-in methods (e.g. `Math.random` and regular expressions built with
`new RegExp` run here); a per-call time limit (QuickJS cannot combine one with calls into
Python; the loops that never end are rejected statically and runaway recursion overflows the
stack); `util.http.addResponseHeader` headers are collected but not sent (as for VTL);
`util.transform.toElasticsearchQueryDSL` (no OpenSearch data source locally).
"""

from __future__ import annotations

from resolvers.js.code import CodeError, JsCode, JsOutcome, JsRuntimeError, evaluate, validate
from resolvers.js.validator import CodeIssue

__all__ = [
    "CodeError",
    "CodeIssue",
    "JsCode",
    "JsOutcome",
    "JsRuntimeError",
    "evaluate",
    "validate",
]
