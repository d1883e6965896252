"""Recursive calls in APPSYNC_JS code: a function that calls itself, directly or through a
cycle of the file's named functions (AppSync refuses both).

Works on tokens: a function is a `function` declaration or expression, or an arrow function;
one assigned to `const|let|var NAME` is named NAME. A call `NAME(...)` belongs to the innermost
function around it. The search follows AWS's linter rule (`no-recursion`): from each call, a
depth-first walk of the called functions, reporting the first cycle met on each branch, with
the path written `a <-b <-a`.

Not emulated: calls of methods (`obj.f()`) and of functions passed around by value, which the
linter follows through TypeScript's checker.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from resolvers.js.lexer import Token

__all__ = ["recursive_calls"]

_NOT_CALLS = frozenset({"if", "for", "while", "switch", "catch", "return", "typeof", "function",
                        "with", "new", "await", "void", "delete", "in", "of"})  # fmt: skip
_MAX_STEPS = 20_000


@dataclass(eq=False)
class _Function:
    name: str
    start: int  # first token of the body
    end: int  # last token of the body
    calls: list[_Function] = field(default_factory=list)


class _Cycle(Exception):
    pass


def recursive_calls(tokens: list[Token]) -> list[tuple[int, str]]:
    """`(index of the call's first token, cycle path)` for each call that starts a cycle."""
    functions = _functions(tokens)
    by_name = {f.name: f for f in functions if not f.name.startswith("Anonymous ")}
    calls: list[tuple[int, _Function, _Function | None]] = []
    for i, token in enumerate(tokens[:-1]):
        if (
            token.kind != "ident"
            or tokens[i + 1].value != "("
            or token.value in _NOT_CALLS
            or token.value not in by_name
            or (i and tokens[i - 1].value in (".", "?.", "function"))
        ):
            continue
        target = by_name[token.value]
        scope = _innermost(functions, i)
        if scope is not None:
            scope.calls.append(target)
        calls.append((i, target, scope))
    found: list[tuple[int, str]] = []
    steps = [0]

    def detect(function: _Function, path: list[_Function | None], at: int) -> None:
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            raise _Cycle
        if function in path:
            cycle = [f for f in path[path.index(function) :] if f is not None] + [function]
            found.append((at, " <-".join(f.name for f in cycle)))
            raise _Cycle
        with contextlib.suppress(_Cycle):
            for called in dict.fromkeys(function.calls):
                detect(called, [*path, function], at)

    cyclic = _reaching_cycles(functions)
    for at, target, scope in calls:
        if target in cyclic:
            with contextlib.suppress(_Cycle):
                detect(target, [scope], at)
    return found


def _reaching_cycles(functions: list[_Function]) -> set[_Function]:
    """The functions whose calls lead into a cycle (the others are peeled off from the ones
    that call nothing, in linear time), so the exact walk only runs where it reports. A
    caller reached back from its callee is such a cycle, since the caller calls the callee."""
    callers: dict[_Function, set[_Function]] = {f: set() for f in functions}
    waiting: dict[_Function, int] = {}
    for function in functions:
        called = set(function.calls)
        waiting[function] = len(called)
        for callee in called:
            callers[callee].add(function)
    ready = [f for f, n in waiting.items() if n == 0]
    peeled: set[_Function] = set()
    while ready:
        function = ready.pop()
        peeled.add(function)
        for caller in callers[function]:
            waiting[caller] -= 1
            if waiting[caller] == 0:
                ready.append(caller)
    return set(functions) - peeled


def _innermost(functions: list[_Function], i: int) -> _Function | None:
    best: _Function | None = None
    for function in functions:
        if function.start <= i <= function.end and (best is None or function.start >= best.start):
            best = function
    return best


def _functions(tokens: list[Token]) -> list[_Function]:
    out: list[_Function] = []
    for i, token in enumerate(tokens):
        if token.value == "function" and token.kind == "ident":
            j = i + 1
            name: str | None = None
            if j < len(tokens) and tokens[j].value == "*":
                j += 1
            if j < len(tokens) and tokens[j].kind == "ident":
                name = tokens[j].value
                j += 1
            if name is None:
                name = _assigned_name(tokens, i) or "Anonymous Function"
            if j < len(tokens) and tokens[j].value == "(":
                close = _close(tokens, j)
                if close is not None and close + 1 < len(tokens) and tokens[close + 1].value == "{":
                    body_end = _close(tokens, close + 1)
                    if body_end is not None:
                        out.append(_Function(name, close + 1, body_end))
        elif token.value == "=>":
            params_start = _arrow_params_start(tokens, i)
            name = _assigned_name(tokens, params_start) or "Anonymous Arrow Function"
            body = i + 1
            if body < len(tokens) and tokens[body].value == "{":
                body_end = _close(tokens, body)
            else:
                body_end = _expression_end(tokens, body)
            if body_end is not None:
                out.append(_Function(name, body, body_end))
    return out


def _assigned_name(tokens: list[Token], i: int) -> str | None:
    """`const NAME = <function at i>`."""
    if (
        i >= 3
        and tokens[i - 1].value == "="
        and tokens[i - 2].kind == "ident"
        and tokens[i - 3].value in ("const", "let", "var")
    ):
        return tokens[i - 2].value
    return None


def _arrow_params_start(tokens: list[Token], arrow: int) -> int:
    before = arrow - 1
    if before >= 0 and tokens[before].value == ")":
        depth = 0
        for j in range(before, -1, -1):
            if tokens[j].value == ")":
                depth += 1
            elif tokens[j].value == "(":
                depth -= 1
                if depth == 0:
                    return j - 1 if j > 0 and tokens[j - 1].value == "async" else j
    return before


def _close(tokens: list[Token], i: int) -> int | None:
    pairs = {"(": ")", "[": "]", "{": "}"}
    opening = tokens[i].value
    closing = pairs[opening]
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].value == opening:
            depth += 1
        elif tokens[j].value == closing:
            depth -= 1
            if depth == 0:
                return j
    return None


def _expression_end(tokens: list[Token], i: int) -> int | None:
    """The last token of an arrow function's expression body starting at `i`."""
    depth = 0
    for j in range(i, len(tokens)):
        value = tokens[j].value
        if value in ("(", "[", "{"):
            depth += 1
        elif value in (")", "]", "}"):
            if depth == 0:
                return j - 1
            depth -= 1
        elif depth == 0 and value in (",", ";"):
            return j - 1
    return len(tokens) - 1 if tokens else None
