"""The one VTL printer: turns mapping-template nodes into the text AppSync receives.

Indentation follows the v1 transformer's printer exactly (two spaces per level; references,
strings and literals never carry indentation) so generated templates are byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable

from transformer.mapping_template import ast as a

__all__ = ["print_block", "print_template"]

_TAB = "  "


def print_template(expr: a.Expression | None) -> str:
    """Print a node tree as VTL text."""
    return _print(expr, "")


def print_block(name: str, expr: a.Expression) -> str:
    """Print `expr` between `## [Start] name. **` and `## [End] name. **` comments."""
    return _print(
        a.compound([a.comment(f"[Start] {name}."), expr, a.comment(f"[End] {name}.")]), ""
    )


def _print(expr: a.Expression | None, indent: str = "") -> str:
    if expr is None:
        return ""
    printer = _PRINTERS.get(type(expr))
    if printer is None:
        return ""
    return printer(expr, indent)


def _if(node: a.If, indent: str) -> str:
    if node.inline:
        return f"#if( {_print(node.predicate)} ) {_print(node.expr)} #end"
    return (
        f"{indent}#if( {_print(node.predicate)} )\n{_print(node.expr, indent + _TAB)}\n{indent}#end"
    )


def _if_else(node: a.IfElse, indent: str) -> str:
    if node.inline:
        return (
            f"#if( {_print(node.predicate)} ) {_print(node.if_expr)} "
            f"#else {_print(node.else_expr)} #end"
        )
    return (
        f"{indent}#if( {_print(node.predicate)} )\n"
        f"{_print(node.if_expr, indent + _TAB)}\n"
        f"{indent}#else\n"
        f"{_print(node.else_expr, indent + _TAB)}\n"
        f"{indent}#end"
    )


def _and(node: a.And, indent: str) -> str:
    return indent + " && ".join(_print(e) for e in node.expressions)


def _or(node: a.Or, indent: str) -> str:
    return indent + " || ".join(_print(e) for e in node.expressions)


def _parens(node: a.Parens, indent: str) -> str:
    return f"{indent}({_print(node.expr)})"


def _equals(node: a.Equals, indent: str) -> str:
    return f"{indent}{_print(node.left)} == {_print(node.right)}"


def _not_equals(node: a.NotEquals, indent: str) -> str:
    return f"{indent}{_print(node.left)} != {_print(node.right)}"


def _greater_than(node: a.GreaterThan, indent: str) -> str:
    return f"{indent}{_print(node.left)} > {_print(node.right)}"


def _for_each(node: a.ForEach, indent: str) -> str:
    body = "\n".join(_print(e, indent + _TAB) for e in node.expressions)
    return (
        f"{indent}#foreach( {_print(node.key)} in {_print(node.collection)} )\n{body}\n{indent}#end"
    )


def _str(node: a.Str, indent: str) -> str:
    return f'"{node.value}"'


def _bool(node: a.Bool, indent: str) -> str:
    return "true" if node.value else "false"


def _raw(node: a.Raw, indent: str) -> str:
    return f"{indent}{node.value}"


def _quotes(node: a.Quotes, indent: str) -> str:
    return f'"{_print(node.expr)}"'


def _int(node: a.Int, indent: str) -> str:
    return str(node.value)


def _float(node: a.Float, indent: str) -> str:
    value = node.value
    return str(int(value)) if float(value).is_integer() else repr(value)


def _null(node: a.Null, indent: str) -> str:
    return "null"


def _reference(node: a.Reference, indent: str) -> str:
    return f"${node.value}"


def _quiet_reference(node: a.QuietReference, indent: str) -> str:
    value = node.value if isinstance(node.value, str) else _print(node.value)
    return f"{indent}$util.qr({value})"


def _object(node: a.ObjectNode, indent: str) -> str:
    count = len(node.attributes)
    lines = [
        f'{indent}{_TAB}"{key}": {_print(value, indent + _TAB)}{"," if i < count - 1 else ""}'
        for i, (key, value) in enumerate(node.attributes)
    ]
    divider = f"\n{indent}" if lines else ""
    return "{" + divider + divider.join(lines) + divider + "}"


def _list(node: a.ListNode, indent: str) -> str:
    return indent + "[" + ", ".join(_print(e) for e in node.expressions) + "]"


def _set(node: a.Set, indent: str) -> str:
    return f"{indent}#set( {_reference(node.key, '')} = {_print(node.value)} )"


def _comment(node: a.Comment, indent: str) -> str:
    return f"{indent}## {node.text} **"


def _compound(node: a.CompoundExpression, indent: str) -> str:
    if node.recurse_indent:
        return node.joiner.join(_print(e, indent) for e in node.expressions)
    return indent + node.joiner.join(_print(e) for e in node.expressions)


def _to_json(node: a.ToJson, indent: str) -> str:
    return f"{indent}$util.toJson({_print(node.expr)})"


def _is_null_or_empty(node: a.IsNullOrEmpty, indent: str) -> str:
    return f"{indent}$util.isNullOrEmpty({_print(node.expr)})"


def _not(node: a.Not, indent: str) -> str:
    return f"{indent}!{_print(node.expr)}"


def _newline(node: a.NewLine, indent: str) -> str:
    return "\n"


def _cached(node: a.Cached, indent: str) -> str:
    text = node.printed.get(indent)
    if text is None:
        text = node.printed[indent] = _print(node.expr, indent)
    return text


def _return(node: a.Return, indent: str) -> str:
    suffix = "" if node.value is None else _parens(a.parens(node.value), "")
    return f"{indent}#return{suffix}"


_PRINTERS: dict[type, Callable[..., str]] = {
    a.If: _if,
    a.IfElse: _if_else,
    a.And: _and,
    a.Or: _or,
    a.Parens: _parens,
    a.Equals: _equals,
    a.NotEquals: _not_equals,
    a.GreaterThan: _greater_than,
    a.ForEach: _for_each,
    a.Str: _str,
    a.Raw: _raw,
    a.Quotes: _quotes,
    a.Float: _float,
    a.Int: _int,
    a.Bool: _bool,
    a.Null: _null,
    a.Reference: _reference,
    a.QuietReference: _quiet_reference,
    a.ObjectNode: _object,
    a.ListNode: _list,
    a.Set: _set,
    a.Comment: _comment,
    a.CompoundExpression: _compound,
    a.ToJson: _to_json,
    a.IsNullOrEmpty: _is_null_or_empty,
    a.Not: _not,
    a.NewLine: _newline,
    a.Return: _return,
    a.Cached: _cached,
}
