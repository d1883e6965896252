"""Renders AppSync mapping templates: airspeed parses, this module compiles to Python with Java
Velocity semantics (the only module that imports airspeed).

airspeed's own evaluator diverges from Velocity as AppSync runs it (truthiness, `#foreach` over
maps, printing, integer division, `#break`/`#return`, ...), so only its parser is used: the parse
tree is translated once into a Python function, cached by template content.

Not emulated: `#include`, `#parse`, `#define`, `#evaluate` (AppSync does not offer them either).
`#set($x = <null>)` assigns null, as the Amplify simulator does; Velocity 1.7 by default keeps the
old value. The generated Amplify templates render the same either way (checked with the golden
suite under both rules).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import airspeed

from resolvers import java_types as jt
from resolvers.errors import ResolverError, TemplateError
from resolvers.util import Util
from resolvers.util.extensions import Extensions

__all__ = ["CompiledTemplate", "RenderResult", "compile_template", "render"]


# ------------------------------------------------------------------ parser patches (airspeed)


class BreakDirective(airspeed._Element):  # type: ignore[misc]
    START = re.compile(r"#(?:break|\{break\})(?![a-zA-Z0-9_])(?:\s*\(\s*\$?[a-zA-Z_.]*\s*\))?")

    def parse(self) -> None:
        self.identity_match(self.START)


class ReturnDirective(airspeed._Element):  # type: ignore[misc]
    START = re.compile(r"#(?:return|\{return\})(?![a-zA-Z0-9_])")
    OPEN = re.compile(r"\s*\(\s*", re.S)
    CLOSE = re.compile(r"\s*\)", re.S)
    value: Any = None

    def parse(self) -> None:
        self.identity_match(self.START)
        if self.optional_match(self.OPEN) and not self.optional_match(self.CLOSE):
            self.value = self.require_next_element(airspeed.Value, "value")
            self.require_match(self.CLOSE, ")")


def _patch_airspeed() -> None:
    """Close the parser gaps: `"#$var"`, backslashes in string literals, `#break`, `#return`."""
    text = airspeed.Text
    text.PLAIN = re.compile(
        r"((?:[^\\\$#]+|\\[\$#])+|\$[^!\{a-z0-9_]|\$$|#$|#(?=\$)|#[^\{\}a-zA-Z0-9#\*\$]+|\\.|\\$)",
        re.S | re.I,
    )
    airspeed.StringLiteral.STRING = re.compile(r"'((?:\\.|[^'\\])*)'", re.S)
    airspeed.InterpolatedStringLiteral.STRING = re.compile(r'"((?:\\.|[^"\\])*)"', re.S)
    airspeed.InterpolatedStringLiteral.ESCAPED_CHAR = re.compile(r"(?!)")
    airspeed.StringLiteral.ESCAPED_CHAR = re.compile(r"(?!)")
    directives = airspeed.UserDefinedDirective.DIRECTIVES
    for directive in (BreakDirective, ReturnDirective):
        if directive not in directives:
            directives.append(directive)


_patch_airspeed()


# ------------------------------------------------------------------------- render results


@dataclass(frozen=True)
class RenderResult:
    """What one template produced; `errors` are those `$util.appendError` collected."""

    text: str
    is_return: bool = False
    return_value: Any = None
    errors: list[ResolverError] = field(default_factory=list)
    extensions: dict[str, Any] = field(default_factory=dict)


class _Stop(Exception):
    """`#stop` (or `#break` outside a loop): end the template, keep what was written."""


class _Return(Exception):
    """`#return` / `#return($x)`: end the template with a value (AppSync extension)."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


class _MethodFailure(Exception):
    """A method call that failed; the message names the method and its arguments."""


# ------------------------------------------------------------------------- runtime helpers


def _show(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value + '"'
    return jt.to_java_string(value)


_METHODS = jt.METHODS
_JAVA_TYPE_NAMES = {
    dict: "Map",
    list: "List",
    str: "String",
    int: "Integer",
    float: "Double",
    bool: "Boolean",
}


def _call(target: Any, name: str, args: tuple[Any, ...]) -> Any:
    try:
        table = _METHODS.get(type(target))
        if table is not None:
            method = table.get(name)
            return None if method is None else method(target, *args)
        if target is None or isinstance(target, dict | list) or name[0] == "_":
            return jt.call_method(target, name, args)
        bound = getattr(target, name, None)
        return None if bound is None else bound(*args)
    except (ResolverError, _Stop, _Return):
        raise
    except Exception as err:
        shown = ", ".join(_show(a) for a in args)
        owner = getattr(target, "vtl_name", None) or _JAVA_TYPE_NAMES.get(
            type(target), type(target).__name__
        )
        raise _MethodFailure(f"{owner}.{name}({shown}) failed: {err}") from err


def _property(target: Any, name: str) -> Any:
    if type(target) is dict:
        return target.get(name)
    return jt.get_property(target, name)


def _index(target: Any, index: Any) -> Any:
    if target is None:
        return None
    if isinstance(target, dict):
        return target.get(index)
    if isinstance(target, list | str):
        if type(index) is not int:
            raise _MethodFailure(f"index {_show(index)} is not an integer")
        return target[index] if -len(target) <= index < len(target) else None
    return jt.get_property(target, jt.to_java_string(index))


def _out(value: Any, literal: str) -> str:
    if value is None:
        return literal
    if type(value) is str:
        return value
    return jt.to_java_string(value)


def _set_property(target: Any, name: str, value: Any) -> None:
    if isinstance(target, dict):
        target[name] = value
    elif target is not None:
        setter = getattr(target, "set" + name[:1].upper() + name[1:], None)
        if callable(setter):
            setter(value)


def _cmp(op: str) -> Callable[[Any, Any], bool]:
    tests: dict[str, Callable[[int], bool]] = {
        "<": lambda c: c < 0,
        ">": lambda c: c > 0,
        "<=": lambda c: c <= 0,
        ">=": lambda c: c >= 0,
    }
    test = tests[op]

    def compare(left: Any, right: Any) -> bool:
        """Velocity 1.7 logs a comparison with null or a non-number and yields false."""
        try:
            return test(jt.java_compare(left, right))
        except jt.JavaMethodError:
            return False

    return compare


def _range(start: Any, end: Any) -> list[int] | None:
    """`[a..b]`, inclusive either way; Velocity 1.7 logs a non-integer end and yields null."""
    if type(start) is not int or type(end) is not int:
        return None
    step = 1 if end >= start else -1
    return list(range(start, end + step, step))


class ForeachScope:
    """`$foreach` inside `#foreach`: `count`, `index`, `hasNext` (property or method), ..."""

    __slots__ = ("_size", "index", "parent")

    vtl_name = "$foreach"

    def __init__(self, size: int, parent: Any) -> None:
        self._size = size
        self.index = 0
        self.parent = parent

    def hasNext(self) -> bool:
        return self.index + 1 < self._size

    def getCount(self) -> int:
        return self.index + 1

    def getIndex(self) -> int:
        return self.index

    def getFirst(self) -> bool:
        return self.index == 0

    def getLast(self) -> bool:
        return self.index + 1 >= self._size

    def getParent(self) -> Any:
        return self.parent

    def isFirst(self) -> bool:
        return self.getFirst()

    def isLast(self) -> bool:
        return self.getLast()

    @property
    def count(self) -> int:
        return self.index + 1

    @property
    def first(self) -> bool:
        return self.index == 0

    @property
    def last(self) -> bool:
        return self.index + 1 >= self._size


def _iterable(value: Any) -> list[Any]:
    """What `#foreach` walks: a list, a map's values (as Java Velocity does), or nothing."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    if isinstance(value, str | int | float | bool):
        return []
    try:
        return list(value)
    except TypeError:
        return []


_MISSING = object()

_RUNTIME: dict[str, Any] = {
    "_tr": jt.truthy,
    "_t": jt.to_java_string,
    "_o": _out,
    "_p": _property,
    "_c": _call,
    "_i": _index,
    "_sp": _set_property,
    "_eq": jt.java_equals,
    "_add": jt.java_add,
    "_sub": jt.java_sub,
    "_mul": jt.java_mul,
    "_div": jt.java_div,
    "_mod": jt.java_mod,
    "_lt": _cmp("<"),
    "_gt": _cmp(">"),
    "_le": _cmp("<="),
    "_ge": _cmp(">="),
    "_rng": _range,
    "_it": _iterable,
    "_FE": ForeachScope,
    "_Stop": _Stop,
    "_Return": _Return,
    "_MISSING": _MISSING,
}


# ------------------------------------------------------------------------------- compiler

_BINARY = {
    "||": (1, "or"),
    "or": (1, "or"),
    "&&": (2, "and"),
    "and": (2, "and"),
    "==": (3, "_eq"),
    "eq": (3, "_eq"),
    "!=": (3, "_ne"),
    "ne": (3, "_ne"),
    "<": (4, "_lt"),
    "lt": (4, "_lt"),
    ">": (4, "_gt"),
    "gt": (4, "_gt"),
    "<=": (4, "_le"),
    "le": (4, "_le"),
    ">=": (4, "_ge"),
    "ge": (4, "_ge"),
    "+": (5, "_add"),
    "-": (5, "_sub"),
    "*": (6, "_mul"),
    "/": (6, "_div"),
    "%": (6, "_mod"),
}


class _Unsupported(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class _Compiler:
    """Translates an airspeed parse tree into the source of `def _render(ns, w)`."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.offsets: list[int] = []
        self.depth = 1
        self.loop_depth = 0
        self.temp = 0
        self.offset = 0
        self.macros: dict[str, Any] = {}
        self.strings: list[tuple[str, Any, int]] = []

    # -- output
    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)
        self.offsets.append(self.offset)

    def fresh(self, prefix: str) -> str:
        self.temp += 1
        return f"{prefix}{self.temp}"

    # -- statements
    def block(self, block: Any, base: int = 0) -> None:
        before = len(self.lines)
        pending: list[str] = []
        for child in block.children:
            kind = type(child)
            if kind is airspeed.Text or kind is airspeed.FallthroughHashText:
                if not pending:
                    self.offset = base + child.start
                pending.append(child.text)
                continue
            if kind is airspeed.Comment:
                continue
            if pending:
                self.emit(f"w({''.join(pending)!r})")
                pending = []
            self.statement(child, base)
        if pending:
            self.emit(f"w({''.join(pending)!r})")
        if len(self.lines) == before:
            self.emit("pass")

    def statement(self, node: Any, base: int) -> None:
        self.offset = base + node.start
        kind = type(node)
        if kind is airspeed.Text or kind is airspeed.FallthroughHashText:
            if node.text:
                self.emit(f"w({node.text!r})")
        elif kind is airspeed.Comment or kind is airspeed.MacroDefinition:
            return
        elif kind is airspeed.FormalReference:
            self.reference_statement(node, base)
        elif kind is airspeed.SetDirective:
            self.set_statement(node, base)
        elif kind is airspeed.IfDirective:
            self.if_statement(node, base)
        elif kind is airspeed.ForeachDirective:
            self.foreach_statement(node, base)
        elif kind is airspeed.StopDirective:
            self.emit("raise _Stop()")
        elif kind is airspeed.UserDefinedDirective:
            self.statement(node.directive, base)
        elif kind is BreakDirective:
            self.emit("break" if self.loop_depth else "raise _Stop()")
        elif kind is ReturnDirective:
            value = "None" if node.value is None else self.value(node.value, base)
            self.emit(f"raise _Return({value})")
        elif kind is airspeed.MacroCall:
            self.macro_call(node, base)
        else:
            name = kind.__name__.replace("Directive", "").replace("Definition", "").lower()
            raise _Unsupported(f"#{name} is not supported by AppSync", base + node.start)

    def reference_statement(self, node: Any, base: int) -> None:
        literal = node.my_text()
        if node.expression is None:
            self.emit(f"w({literal!r})")
            return
        quiet_arguments = self.quiet_call_arguments(node.expression)
        if quiet_arguments is not None:
            for argument in quiet_arguments:
                self.emit(self.value(argument, base))
            return
        value = self.chain(node.expression, None, base)
        if node.alternate is not None:
            alternate = self.value(node.alternate.expression, base)
            temp = self.fresh("_a")
            self.emit(f"{temp} = {value}")
            self.emit(f"w(_o({temp} if {temp} is not None else {alternate}, {literal!r}))")
            return
        self.emit(f"w(_o({value}, {'' if node.silent else literal!r}))")

    @staticmethod
    def quiet_call_arguments(expression: Any) -> list[Any] | None:
        """The arguments of `$util.qr(...)` / `$util.quiet(...)`, which print nothing."""
        part = expression.part
        sub = expression.subexpression
        if part.name not in ("util", "utils") or part.index is not None or sub is None:
            return None
        call = sub.expression
        if not isinstance(call, airspeed.VariableExpression) or call.subexpression is not None:
            return None
        if call.part.name not in ("qr", "quiet") or call.part.parameters is None:
            return None
        if call.part.index is not None:
            return None
        return list(getattr(call.part.parameters.values, "values", []))

    def set_statement(self, node: Any, base: int) -> None:
        value = self.expression(node.value, base)
        terms = node.terms
        if len(terms) == 1:
            self.emit(f"ns[{terms[0]!r}] = {value}")
            return
        target = f"ns.get({terms[0]!r})"
        for term in terms[1:-1]:
            target = f"_p({target}, {term!r})"
        self.emit(f"_sp({target}, {terms[-1]!r}, {value})")

    @staticmethod
    def truth(code: str) -> str:
        """`code` as a Python condition; comparisons and `&&`/`||`/`!` are already booleans."""
        if code.startswith(("_eq(", "_lt(", "_gt(", "_le(", "_ge(", "(not ", "(_tr(")):
            return code
        return f"_tr({code})"

    def if_statement(self, node: Any, base: int) -> None:
        self.emit(f"if {self.truth(self.condition(node.condition, base))}:")
        self.nested(node.block, base)
        for elseif in node.elseifs:
            self.offset = base + elseif.start
            self.emit(f"elif {self.truth(self.condition(elseif.condition, base))}:")
            self.nested(elseif.block, base)
        else_block = node.else_block
        if isinstance(else_block, airspeed.ElseBlock):
            self.offset = base + else_block.start
            self.emit("else:")
            self.nested(else_block.block, base)

    def nested(self, block: Any, base: int) -> None:
        self.depth += 1
        self.block(block, base)
        self.depth -= 1

    def foreach_statement(self, node: Any, base: int) -> None:
        var = node.loop_var_name
        items, scope, saved, index, item = (self.fresh(p) for p in ("_l", "_f", "_s", "_n", "_e"))
        self.emit(f"{items} = _it({self.value(node.value, base)})")
        self.emit(
            f"{saved} = (ns.get({var!r}, _MISSING), ns.get('foreach', _MISSING), "
            "ns.get('velocityCount', _MISSING), ns.get('velocityHasNext', _MISSING))"
        )
        self.emit(f"{scope} = _FE(len({items}), ns.get('foreach'))")
        self.emit(f"for {index}, {item} in enumerate({items}):")
        self.depth += 1
        self.emit(f"{scope}.index = {index}")
        self.emit(f"ns[{var!r}] = {item}")
        self.emit(f"ns['foreach'] = {scope}")
        self.emit(f"ns['velocityCount'] = {index} + 1")
        self.emit(f"ns['velocityHasNext'] = {index} + 1 < len({items})")
        self.loop_depth += 1
        self.block(node.block, base)
        self.loop_depth -= 1
        self.depth -= 1
        for position, name in enumerate((var, "foreach", "velocityCount", "velocityHasNext")):
            self.emit(f"if {saved}[{position}] is _MISSING: ns.pop({name!r}, None)")
            self.emit(f"else: ns[{name!r}] = {saved}[{position}]")

    def macro_call(self, node: Any, base: int) -> None:
        macro = self.macros.get(node.macro_name)
        if macro is None:
            self.emit(f"w({node.my_text()!r})")
            return
        args = ", ".join(self.value(a, base) for a in node.args)
        self.emit(f"_macro_{node.macro_name}(ns, w, ({args}{',' if node.args else ''}))")

    def macro_definition(self, node: Any) -> None:
        self.offset = node.start
        name = node.function_name.lower()
        self.emit(f"def _macro_{name}(ns, w, args):")
        self.depth += 1
        self.emit(f"if len(args) != {len(node.arg_names)}:")
        self.emit(f"    raise TypeError('#{name} takes {len(node.arg_names)} arguments')")
        saved = self.fresh("_s")
        names = tuple(node.arg_names)
        self.emit(f"{saved} = [ns.get(n, _MISSING) for n in {names!r}]")
        self.emit(f"ns.update(zip({names!r}, args))")
        self.emit("try:")
        self.depth += 1
        outer_loops, self.loop_depth = self.loop_depth, 0
        self.block(node.block)
        self.loop_depth = outer_loops
        self.depth -= 1
        self.emit("finally:")
        self.emit(f"    for _k, _v in zip({names!r}, {saved}):")
        self.emit("        if _v is _MISSING: ns.pop(_k, None)")
        self.emit("        else: ns[_k] = _v")
        self.depth -= 1

    # -- expressions
    def condition(self, node: Any, base: int) -> str:
        return self.expression(node.calculate.__self__, base)

    def expression(self, node: Any, base: int) -> str:
        if isinstance(node, airspeed.ParenthesizedExpression):
            node = node.calculate.__self__
        if isinstance(node, airspeed.Value):
            return self.value(node, base)
        terms = node.expression
        values = [self.value(v, base) for v in terms[0::2]]
        ops = [op.my_text().strip() for op in terms[1::2]]
        for op in ops:
            if op not in _BINARY:
                raise _Unsupported(f"unknown operator {op!r}", base + node.start)
        position = 0

        def parse(min_prec: int) -> str:
            nonlocal position
            left = values[position]
            while position < len(ops) and _BINARY[ops[position]][0] >= min_prec:
                op = ops[position]
                prec, helper = _BINARY[op]
                position += 1
                right = parse(prec + 1)
                if helper in ("and", "or"):
                    left = f"({self.truth(left)} {helper} {self.truth(right)})"
                elif helper == "_ne":
                    left = f"(not _eq({left}, {right}))"
                else:
                    left = f"{helper}({left}, {right})"
            return left

        return parse(0)

    def value(self, node: Any, base: int) -> str:
        if isinstance(node, airspeed.Value):
            node = node.expression
        kind = type(node)
        if kind is airspeed.FormalReference:
            if node.expression is None:
                return repr(node.my_text())
            value = self.chain(node.expression, None, base)
            if node.alternate is not None:
                alternate = self.value(node.alternate.expression, base)
                return f"(lambda _x: _x if _x is not None else {alternate})({value})"
            return value
        if kind in (airspeed.IntegerLiteral, airspeed.FloatingPointLiteral):
            return repr(node.value)
        if kind is airspeed.BooleanLiteral:
            return "True" if node.value else "False"
        if kind is airspeed.NullLiteral:
            return "None"
        if kind is airspeed.StringLiteral:
            return repr(node.my_text()[1:-1])
        if kind is airspeed.InterpolatedStringLiteral:
            return self.interpolated(node, base)
        if kind is airspeed.ArrayLiteral:
            values = node.values
            if isinstance(values, airspeed.Range):
                return f"_rng({self.value(values.value1, base)}, {self.value(values.value2, base)})"
            if isinstance(values, airspeed.ValueList):
                return "[" + ", ".join(self.value(v, base) for v in values.values) + "]"
            return "[]"
        if kind is airspeed.DictionaryLiteral:
            pairs = (
                f"{self.value(k, base)}: {self.value(v, base)}" for k, v in node.local_data.items()
            )
            return "{" + ", ".join(pairs) + "}"
        if kind is airspeed.ParenthesizedExpression:
            return "(" + self.expression(node.calculate.__self__, base) + ")"
        if kind is airspeed.UnaryOperatorValue:
            return f"(not _tr({self.value(node.value, base)}))"
        if kind is airspeed.Expression:
            return self.expression(node, base)
        raise _Unsupported(f"unsupported value {node.my_text()!r}", base + node.start)

    def interpolated(self, node: Any, base: int) -> str:
        raw = node.my_text()[1:-1]
        if "$" not in raw and "#" not in raw:
            return repr(raw)
        inner_base = base + node.start + 1
        try:
            block = airspeed.Block(node.filename, raw, 0)
        except airspeed.TemplateSyntaxError as err:
            raise _Unsupported(str(err), inner_base) from err
        if block.end != len(raw):
            raise _Unsupported(f"cannot parse string {raw!r}", inner_base + block.end)
        parts: list[str] = []
        simple = True
        for child in block.children:
            kind = type(child)
            if kind is airspeed.Text or kind is airspeed.FallthroughHashText:
                parts.append(repr(child.text))
            elif kind is airspeed.FormalReference and child.alternate is None:
                if child.expression is None:
                    parts.append(repr(child.my_text()))
                else:
                    value = self.chain(child.expression, None, inner_base)
                    literal = "" if child.silent else child.my_text()
                    parts.append(f"_o({value}, {literal!r})")
            elif kind is airspeed.Comment:
                continue
            else:
                simple = False
                break
        if simple:
            return "(" + " + ".join(parts or ["''"]) + ")"
        name = self.fresh("_str")
        self.strings.append((name, block, inner_base))
        return f"{name}(ns)"

    def chain(self, node: Any, current: str | None, base: int) -> str:
        """`$a.b(c)[0].d` as nested `_p`/`_c`/`_i` calls; `current` is the object so far."""
        part = node.part
        if current is None:
            current = f"ns.get({part.name!r})"
            if part.parameters is not None:
                raise _Unsupported(f"${part.name}(...) is not a method call", base + node.start)
        elif part.parameters is not None:
            args = [self.value(v, base) for v in getattr(part.parameters.values, "values", [])]
            current = f"_c({current}, {part.name!r}, ({', '.join(args)}{',' if args else ''}))"
        else:
            temp = self.fresh("_q")
            current = (
                f"({temp}.get({part.name!r}) if type({temp} := {current}) is dict "
                f"else _p({temp}, {part.name!r}))"
            )
        if part.index is not None:
            current = f"_i({current}, {self.value(part.index.index, base)})"
        sub = node.subexpression
        while sub is not None:
            if isinstance(sub.expression, airspeed.VariableExpression):
                return self.chain(sub.expression, current, base)
            current = f"_i({current}, {self.value(sub.expression.index, base)})"
            sub = sub.subexpression
        return current

    def compile(self, body: Any) -> str:
        self.lines.append("def _render(ns, w):")
        self.offsets.append(0)
        self.collect_macros(body.block)
        for macro in self.macros.values():
            self.macro_definition(macro)
        self.block(body.block)
        main = self.lines
        while self.strings:
            name, block, base = self.strings.pop()
            self.lines = []
            saved_offsets = self.offsets
            self.offsets = []
            self.depth = 1
            self.lines.append(f"def {name}(ns):")
            self.offsets.append(base)
            self.emit("_parts = []")
            self.emit("w = _parts.append")
            self.block(block, base)
            self.emit("return ''.join(_parts)")
            inner, inner_offsets = self.lines, self.offsets
            self.lines, self.offsets = main, saved_offsets
            self.lines[0:0] = inner
            self.offsets[0:0] = inner_offsets
        return "\n".join(self.lines) + "\n"

    def collect_macros(self, block: Any) -> None:
        for child in block.children:
            if isinstance(child, airspeed.MacroDefinition):
                self.macros[child.function_name.lower()] = child
            for attr in ("block", "else_block"):
                inner = getattr(child, attr, None)
                if isinstance(inner, airspeed.Block):
                    self.collect_macros(inner)
                elif inner is not None and isinstance(
                    getattr(inner, "block", None), airspeed.Block
                ):
                    self.collect_macros(inner.block)


# ------------------------------------------------------------------------------ public API


@dataclass(frozen=True)
class CompiledTemplate:
    """A template translated once; `offsets[i]` is the template offset of Python line `i + 1`."""

    text: str
    function: Callable[[dict[str, Any], Callable[[str], None]], None]
    offsets: tuple[int, ...]
    code_name: str
    source: str

    def position(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, column


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
    try:
        body = airspeed.TemplateBody(file_name, template)
    except airspeed.TemplateSyntaxError as err:
        reason = re.sub(r"^line \d+, column \d+: ", "", str(err))
        raise TemplateError(reason, file=file_name, line=err.line, column=err.column) from None
    except Exception as err:  # airspeed raises KeyError/ValueError on some malformed input
        raise TemplateError(f"cannot parse template: {err!r}", file=file_name) from None
    compiler = _Compiler()
    try:
        source = compiler.compile(body)
    except _Unsupported as err:
        line = template.count("\n", 0, err.offset) + 1
        column = err.offset - (template.rfind("\n", 0, err.offset) + 1) + 1
        raise TemplateError(str(err), file=file_name, line=line, column=column) from None
    code_name = f"<vtl {len(_CACHE)}>"
    namespace = dict(_RUNTIME)
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
    except _Stop:
        pass
    except _Return as ret:
        is_return = True
        return_value = ret.value
    except ResolverError:
        raise
    except RecursionError as err:
        raise TemplateError("template nests too deeply", file=file_name) from err
    except Exception as err:
        offset = _failure_offset(compiled, err.__traceback__)
        line, column = compiled.position(offset) if offset is not None else (None, None)
        reason = str(err) if isinstance(err, _MethodFailure) else f"{type(err).__name__}: {err}"
        raise TemplateError(reason, file=file_name, line=line, column=column) from err
    return RenderResult(
        "".join(parts), is_return, return_value, list(util.errors), dict(extensions.values)
    )
