"""Turns an APPSYNC_JS ES module into a factory the engine can load, keeping line numbers.

`import ... from '@aws-appsync/utils'` (and `/dynamodb`) become reads of the runtime's
modules; `export` declarations become the factory's result. Every line stays where it was,
so engine lines are source lines; on line 1, columns shift by `FACTORY_HEAD`'s length.

The code is also instrumented for the per-call time limit: each function body and each
`for ... of` / `for ... in` body starts with `__tick()` (a loop whose body is not a block has
its collection passed through `__each(...)`), which ends the call past its deadline. Inserted
on the line they belong to, they move no line.
"""

from __future__ import annotations

from dataclasses import dataclass

from resolvers.js.lexer import Token, tokenize

__all__ = ["FACTORY_HEAD", "KNOWN_MODULES", "ModuleError", "to_factory"]

FACTORY_HEAD = "(function (__modules) {'use strict';"
KNOWN_MODULES = frozenset({"@aws-appsync/utils", "@aws-appsync/utils/dynamodb"})
_DECLARATIONS = frozenset({"function", "const", "let", "var"})


@dataclass
class ModuleError(Exception):
    """An import or export the runtime cannot satisfy, at `line:column`."""

    message: str
    line: int
    column: int


def to_factory(source: str) -> str:
    """`(function (__modules) { <source, imports and exports rewritten> return {...}; })`.

    :raises ModuleError: an import of an unknown module or an unsupported import/export form.
    :raises LexError: the source cannot be split into tokens.
    """
    tokens = tokenize(source)
    edits: list[tuple[int, int, str]] = []
    exported: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        at_statement = i == 0 or tokens[i - 1].value in (";", "}", ")")
        if token.kind == "ident" and token.value == "import" and at_statement:
            i = _import(tokens, i, source, edits)
            continue
        if token.kind == "ident" and token.value == "export" and at_statement:
            i = _export(tokens, i, edits, exported)
            continue
        i += 1
    edits.extend(_instrument(tokens))
    out = []
    last = 0
    for start, end, text in sorted(edits):
        out.append(source[last:start])
        out.append(text + "\n" * source.count("\n", start, end))
        last = end
    out.append(source[last:])
    body = "".join(out)
    result = ", ".join(f"{json_key(public)}: {local}" for public, local in exported)
    return f"{FACTORY_HEAD}{body}\n;return {{{result}}};\n}})"


_NO_TICK = frozenset({"if", "switch", "catch", "with", "while"})
TICK = "__tick();"


def _instrument(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Insertions of `__tick();` at the start of function and loop bodies."""
    edits: list[tuple[int, int, str]] = []
    opened: dict[int, int] = {}  # index of `)` -> index of its `(`
    stack: list[int] = []
    for i, token in enumerate(tokens):
        if token.value == "(":
            stack.append(i)
        elif token.value == ")" and stack:
            opened[i] = stack.pop()
    for i, token in enumerate(tokens):
        if token.value != "{" or i == 0:
            continue
        prev = tokens[i - 1]
        if prev.value == ")" and i - 1 in opened:
            head = opened[i - 1] - 1
            if head >= 0 and tokens[head].value in _NO_TICK:
                continue
        elif prev.value != "=>":
            continue
        at = token.offset + 1
        edits.append((at, at, TICK))
    for i, token in enumerate(tokens):
        if token.value != "for" or i + 1 >= len(tokens) or tokens[i + 1].value != "(":
            continue
        close = next((c for c, o in opened.items() if o == i + 1), None)
        if close is None or (close + 1 < len(tokens) and tokens[close + 1].value == "{"):
            continue
        depth = 0
        for j in range(i + 2, close):
            value = tokens[j].value
            if value in ("(", "[", "{"):
                depth += 1
            elif value in (")", "]", "}"):
                depth -= 1
            elif depth == 0 and value in ("of", "in") and tokens[j].kind == "ident":
                start = tokens[j + 1].offset
                end = tokens[close].offset
                edits.append((start, start, "__each("))
                edits.append((end, end, ")"))
                break
    return edits


def json_key(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _import(tokens: list[Token], i: int, source: str, edits: list[tuple[int, int, str]]) -> int:
    start = tokens[i]
    j = i + 1
    names: list[str] = []
    while j < len(tokens) and not (tokens[j].kind == "ident" and tokens[j].value == "from"):
        if tokens[j].kind == "string":
            raise ModuleError("side-effect imports are not supported", start.line, start.column)
        names.append(tokens[j].value)
        j += 1
    if j + 1 >= len(tokens) or tokens[j + 1].kind != "string":
        raise ModuleError("malformed import statement", start.line, start.column)
    module_token = tokens[j + 1]
    module = module_token.value[1:-1]
    if module not in KNOWN_MODULES:
        raise ModuleError(f"Cannot find module '{module}'", module_token.line, module_token.column)
    end = j + 2
    if end < len(tokens) and tokens[end].value == ";":
        end += 1
    stop = tokens[end - 1].offset + len(tokens[end - 1].value)
    source_ref = f"__modules[{json_key(module)}]"
    edits.append((start.offset, stop, _bindings(names, source_ref, start)))
    return end


def _bindings(names: list[str], ref: str, at: Token) -> str:
    """`import a, { b as c } from 'm'` -> `const a = m.default, { b: c } = m;`."""
    parts: list[str] = []
    k = 0
    while k < len(names):
        name = names[k]
        if name == ",":
            k += 1
        elif name == "*" and k + 2 < len(names) and names[k + 1] == "as":
            parts.append(f"{names[k + 2]} = {ref}")
            k += 3
        elif name == "{":
            close = names.index("}", k)
            inner = " ".join(names[k + 1 : close]).replace(" as ", ": ").replace(" ,", ",")
            parts.append(f"{{ {inner} }} = {ref}")
            k = close + 1
        else:
            parts.append(f"{name} = {ref}.default")
            k += 1
    if not parts:
        raise ModuleError("malformed import statement", at.line, at.column)
    return "const " + ", ".join(parts) + ";"


def _export(
    tokens: list[Token],
    i: int,
    edits: list[tuple[int, int, str]],
    exported: list[tuple[str, str]],
) -> int:
    token = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        raise ModuleError("malformed export statement", token.line, token.column)
    if nxt.value in _DECLARATIONS:
        edits.append((token.offset, token.offset + len("export"), " " * len("export")))
        name_at = i + 2
        if nxt.value == "function" and name_at < len(tokens) and tokens[name_at].value == "*":
            name_at += 1
        if name_at < len(tokens) and tokens[name_at].kind == "ident":
            name = tokens[name_at].value
            exported.append((name, name))
        return i + 2
    if nxt.value == "default":
        edits.append((token.offset, nxt.offset + len("default"), "const __default ="))
        exported.append(("default", "__default"))
        return i + 2
    if nxt.value == "{":
        j = i + 2
        while j < len(tokens) and tokens[j].value != "}":
            local = tokens[j].value
            public = local
            if j + 2 < len(tokens) and tokens[j + 1].value == "as":
                public = tokens[j + 2].value
                j += 2
            if local != ",":
                exported.append((public, local))
            j += 1
        end = j + 1
        if end < len(tokens) and tokens[end].value == ";":
            end += 1
        stop = tokens[end - 1].offset + len(tokens[end - 1].value)
        edits.append((token.offset, stop, ""))
        return end
    raise ModuleError("unsupported export form", token.line, token.column)
