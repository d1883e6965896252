"""Translates airspeed's parse tree into Python source with Java Velocity semantics.

The generated `def _render(ns, w)` calls the helpers in `runtime.RUNTIME` by their short names;
`ns` is the template's variable map and `w` appends output.
"""

from __future__ import annotations

from typing import Any

import airspeed

from resolvers.vtl.parser import BreakDirective, ReturnDirective

__all__ = ["Compiler", "Unsupported"]

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


class Unsupported(Exception):
    """A construct AppSync does not run (`#include`, ...), at a template offset."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class Compiler:
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
            raise Unsupported(f"#{name} is not supported by AppSync", base + node.start)

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
        """The argument of `$util.qr(x)` / `$util.quiet(x)`, which print nothing (with another
        argument count there is no such method: the call prints as written)."""
        part = expression.part
        sub = expression.subexpression
        if part.name not in ("util", "utils") or part.index is not None or sub is None:
            return None
        call = sub.expression
        if not isinstance(call, airspeed.VariableExpression) or call.subexpression is not None:
            return None
        if call.part.name not in ("qr", "quiet") or call.part.parameters is None:
            return None
        arguments = list(getattr(call.part.parameters.values, "values", []))
        if call.part.index is not None or len(arguments) != 1:
            return None
        return arguments

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
                raise Unsupported(f"unknown operator {op!r}", base + node.start)
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
        raise Unsupported(f"unsupported value {node.my_text()!r}", base + node.start)

    def interpolated(self, node: Any, base: int) -> str:
        raw = node.my_text()[1:-1]
        if "$" not in raw and "#" not in raw:
            return repr(raw)
        inner_base = base + node.start + 1
        block = node.block  # parsed with the template (parser._parse_interpolated_string)
        # A stray `#end` / `#else` ends the parsed block early ("createdAt#begin#end", a key the
        # v2 transformer joins with `#`): with no reference after it, the rest is text.
        rest = raw[block.end :]
        if rest and "$" in rest:
            raise Unsupported(f"cannot parse string {raw!r}", inner_base + block.end)
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
            return "(" + " + ".join([*parts, *([repr(rest)] if rest else [])] or ["''"]) + ")"
        if rest:
            raise Unsupported(f"cannot parse string {raw!r}", inner_base + block.end)
        name = self.fresh("_str")
        self.strings.append((name, block, inner_base))
        return f"{name}(ns)"

    def chain(self, node: Any, current: str | None, base: int) -> str:
        """`$a.b(c)[0].d` as nested `_p`/`_c`/`_i` calls; `current` is the object so far."""
        part = node.part
        if current is None:
            current = f"ns.get({part.name!r})"
            if part.parameters is not None:
                raise Unsupported(f"${part.name}(...) is not a method call", base + node.start)
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
