"""VTL mapping templates as data: the node classes and the small constructors that build them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "And",
    "Bool",
    "Cached",
    "Comment",
    "CompoundExpression",
    "Equals",
    "Expression",
    "Float",
    "ForEach",
    "GreaterThan",
    "If",
    "IfElse",
    "Int",
    "IsNullOrEmpty",
    "ListNode",
    "NewLine",
    "Not",
    "NotEquals",
    "Null",
    "ObjectNode",
    "Or",
    "Parens",
    "QuietReference",
    "Quotes",
    "Raw",
    "Reference",
    "Return",
    "Set",
    "Str",
    "ToJson",
    "and_",
    "block",
    "bool_",
    "cached",
    "comment",
    "compound",
    "equals",
    "float_",
    "for_each",
    "greater_than",
    "if_else",
    "iff",
    "int_",
    "is_null_or_empty",
    "list_",
    "method_call",
    "newline",
    "not_",
    "not_equals",
    "nul",
    "obj",
    "or_",
    "parens",
    "qref",
    "quotes",
    "raw",
    "ref",
    "ret",
    "set_",
    "str_",
    "to_json",
]


class Expression:
    """Base of every VTL node; the printer dispatches on the concrete class."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class If(Expression):
    predicate: Expression
    expr: Expression | None
    inline: bool = False


@dataclass(frozen=True, slots=True)
class IfElse(Expression):
    predicate: Expression
    if_expr: Expression | None
    else_expr: Expression | None
    inline: bool = False


@dataclass(frozen=True, slots=True)
class And(Expression):
    expressions: tuple[Expression, ...]


@dataclass(frozen=True, slots=True)
class Or(Expression):
    expressions: tuple[Expression, ...]


@dataclass(frozen=True, slots=True)
class Parens(Expression):
    expr: Expression


@dataclass(frozen=True, slots=True)
class Equals(Expression):
    left: Expression
    right: Expression


@dataclass(frozen=True, slots=True)
class NotEquals(Expression):
    left: Expression
    right: Expression


@dataclass(frozen=True, slots=True)
class GreaterThan(Expression):
    left: Expression
    right: Expression


@dataclass(frozen=True, slots=True)
class Not(Expression):
    expr: Expression


@dataclass(frozen=True, slots=True)
class Return(Expression):
    value: Expression | None = None


@dataclass(frozen=True, slots=True)
class ForEach(Expression):
    key: Reference
    collection: Expression
    expressions: tuple[Expression | None, ...]


@dataclass(frozen=True, slots=True)
class Str(Expression):
    value: str


@dataclass(frozen=True, slots=True)
class Raw(Expression):
    value: str


@dataclass(frozen=True, slots=True)
class Quotes(Expression):
    expr: Expression


@dataclass(frozen=True, slots=True)
class Float(Expression):
    value: float


@dataclass(frozen=True, slots=True)
class Int(Expression):
    value: int


@dataclass(frozen=True, slots=True)
class Bool(Expression):
    value: bool


@dataclass(frozen=True, slots=True)
class Null(Expression):
    pass


@dataclass(frozen=True, slots=True)
class Reference(Expression):
    value: str


@dataclass(frozen=True, slots=True)
class QuietReference(Expression):
    value: str | Expression


@dataclass(frozen=True, slots=True)
class ObjectNode(Expression):
    """A JSON-like object literal; an attribute whose value is None prints as nothing."""

    attributes: tuple[tuple[str, Expression | None], ...]


@dataclass(frozen=True, slots=True)
class ListNode(Expression):
    expressions: tuple[Expression, ...]


@dataclass(frozen=True, slots=True)
class Set(Expression):
    key: Reference
    value: Expression


@dataclass(frozen=True, slots=True)
class Comment(Expression):
    text: str


@dataclass(frozen=True, slots=True)
class CompoundExpression(Expression):
    expressions: tuple[Expression | None, ...]
    joiner: str = "\n"
    recurse_indent: bool = True


@dataclass(frozen=True, slots=True)
class ToJson(Expression):
    expr: Expression


@dataclass(frozen=True, slots=True)
class IsNullOrEmpty(Expression):
    expr: Expression


@dataclass(frozen=True, slots=True)
class NewLine(Expression):
    pass


@dataclass(frozen=True, slots=True, eq=False)
class Cached(Expression):
    """A constant subtree whose printed text is reused (per indentation) across templates."""

    expr: Expression
    printed: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


def iff(predicate: Expression, expr: Expression | None, inline: bool = False) -> If:
    return If(predicate, expr, inline)


def if_else(
    predicate: Expression,
    if_expr: Expression | None,
    else_expr: Expression | None,
    inline: bool = False,
) -> IfElse:
    return IfElse(predicate, if_expr, else_expr, inline)


def and_(expressions: Sequence[Expression]) -> And:
    return And(tuple(expressions))


def or_(expressions: Sequence[Expression]) -> Or:
    return Or(tuple(expressions))


def parens(expr: Expression) -> Parens:
    return Parens(expr)


def equals(left: Expression, right: Expression) -> Equals:
    return Equals(left, right)


def not_equals(left: Expression, right: Expression) -> NotEquals:
    return NotEquals(left, right)


def greater_than(left: Expression, right: Expression) -> GreaterThan:
    return GreaterThan(left, right)


def not_(expr: Expression) -> Not:
    return Not(expr)


def ret(value: Expression | None = None) -> Return:
    return Return(value)


def for_each(
    key: Reference, collection: Expression, expressions: Sequence[Expression | None]
) -> ForEach:
    return ForEach(key, collection, tuple(expressions))


def str_(value: str) -> Str:
    return Str(value)


def raw(value: str) -> Raw:
    return Raw(value)


def quotes(expr: Expression) -> Quotes:
    return Quotes(expr)


def float_(value: float) -> Float:
    return Float(value)


def int_(value: int) -> Int:
    return Int(value)


def bool_(value: bool) -> Bool:
    return Bool(value)


def nul() -> Null:
    return Null()


def ref(value: str) -> Reference:
    return Reference(value)


def qref(value: str | Expression) -> QuietReference:
    return QuietReference(value)


def obj(attributes: Mapping[str, Expression | None]) -> ObjectNode:
    return ObjectNode(tuple(attributes.items()))


def list_(expressions: Sequence[Expression]) -> ListNode:
    return ListNode(tuple(expressions))


def set_(key: Reference, value: Expression) -> Set:
    return Set(key, value)


def comment(text: str) -> Comment:
    return Comment(text)


def compound(
    expressions: Sequence[Expression | None], joiner: str = "\n", recurse_indent: bool = True
) -> CompoundExpression:
    return CompoundExpression(tuple(expressions), joiner, recurse_indent)


def to_json(expr: Expression) -> ToJson:
    return ToJson(expr)


def is_null_or_empty(expr: Expression) -> IsNullOrEmpty:
    return IsNullOrEmpty(expr)


def newline() -> NewLine:
    return NewLine()


def cached(expr: Expression) -> Cached:
    """Mark a subtree that is built once and printed many times (speed only)."""
    return Cached(expr)


def block(name: str, expressions: Sequence[Expression | None]) -> CompoundExpression:
    """`## [Start] name **` ... `## [End] name **` around the expressions."""
    return compound([comment(f"[Start] {name}"), *expressions, comment(f"[End] {name}")])


def method_call(method: Expression, *params: Expression) -> CompoundExpression:
    return compound([method, parens(compound(params, ", "))], "", False)
