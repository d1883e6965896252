"""`$util.transform.*`: GraphQL filter inputs to DynamoDB expressions and subscription filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from resolvers.errors import ResolverError
from resolvers.util.core import to_json
from resolvers.util.dynamodb import to_attribute_value

__all__ = ["TransformUtil", "UnrecognizedFilterError", "filter_expression"]


class UnrecognizedFilterError(ResolverError):
    """A filter or condition input `$util.transform` cannot turn into an expression."""

    error_type = "Unrecognized Filter"


_COMPARISONS = {"ne": "<>", "eq": "=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
_FUNCTIONS = {
    "contains": "contains",
    "notContains": "NOT contains",
    "beginsWith": "begins_with",
    "attributeType": "attribute_type",
}


@dataclass
class _Expression:
    parts: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)

    def merged(self, other: _Expression, joiner: str = "AND") -> _Expression:
        if not other.parts:
            return self
        parts = [*self.parts, *([joiner] if self.parts else []), *other.parts]
        return _Expression(parts, {**self.names, **other.names}, {**self.values, **other.values})

    def scoped(self) -> _Expression:
        parts = [p for p in self.parts if p]
        if len(parts) > 1:
            parts = ["(" + " ".join(parts) + ")"]
        return _Expression(parts, self.names, self.values)


def _value_name(field_name: str | None, op: str, prefix: str | None) -> str:
    return ":" + "_".join(p for p in (prefix, field_name, op) if p)


def _join(*parts: Any) -> str:
    return "_".join(str(p) for p in parts if p is not None)


def _generate(
    conditions: Mapping[str, Any], prefix: str | None = None, parent: str | None = None
) -> _Expression:
    """Walk a `Model*FilterInput`: `and`/`or` lists, `not`, and per-field operators."""
    result = _Expression()
    for name, value in conditions.items():
        field_ref = f"#{parent}"
        value_ref = _value_name(parent, name, prefix)
        names = {field_ref: parent} if parent is not None else {}
        if name in ("and", "or"):
            joiner = name.upper()
            if isinstance(value, Sequence) and not isinstance(value, str):
                combined = _Expression()
                for index, sub in enumerate(value):
                    combined = combined.merged(_generate(sub, _join(prefix, name, index)), joiner)
                sub_expression = combined.scoped()
            else:
                sub_expression = _generate(value, _join(prefix, name))
        elif name == "not":
            sub_expression = _generate(value, _join(prefix, name)).scoped()
            sub_expression.parts.insert(0, "NOT")
        elif name == "between":
            if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
                raise UnrecognizedFilterError(
                    f"'between' takes a list of two values, got {to_json(value)}"
                )
            low, high = (_value_name(parent, f"between_{i}", prefix) for i in (1, 2))
            sub_expression = _Expression(
                [f"{field_ref} BETWEEN {low} AND {high}"],
                names,
                {low: to_attribute_value(value[0]), high: to_attribute_value(value[1])},
            )
        elif name in _COMPARISONS:
            sub_expression = _Expression(
                [f"{field_ref} {_COMPARISONS[name]} {value_ref}"],
                names,
                {value_ref: to_attribute_value(value)},
            )
        elif name == "attributeExists":
            function = "attribute_exists" if value is True else "attribute_not_exists"
            sub_expression = _Expression([f"{function}({field_ref})"], names, {})
        elif name in _FUNCTIONS:
            sub_expression = _Expression(
                [f"{_FUNCTIONS[name]}({field_ref}, {value_ref})"],
                names,
                {value_ref: to_attribute_value(value)},
            )
        elif name == "in":
            refs = [_value_name(parent, f"in_{i}", prefix) for i in range(len(value))]
            sub_expression = _Expression(
                [f"{field_ref} IN ({', '.join(refs)})"],
                names,
                {ref: to_attribute_value(v) for ref, v in zip(refs, value, strict=True)},
            )
        elif name == "size" and parent is not None:
            sizes = _generate(value, _join(prefix, "size"), parent)
            sub_expression = _Expression(
                [p.replace(field_ref, f"size({field_ref})", 1) for p in sizes.parts],
                sizes.names,
                sizes.values,
            )
        elif isinstance(value, Mapping):
            sub_expression = _generate(value, prefix, name).scoped()
        else:
            raise UnrecognizedFilterError(f"unsupported filter operator {name!r}")
        result = result.merged(sub_expression)
    return result


def filter_expression(conditions: Mapping[str, Any] | None) -> dict[str, Any]:
    """`{"expression", "expressionNames", "expressionValues"}` for a filter or condition input."""
    expression = _generate(conditions or {})
    return {
        "expression": " ".join(expression.parts).strip(),
        "expressionNames": expression.names,
        "expressionValues": expression.values,
    }


def _conjunctions(conditions: Mapping[str, Any], ignored: set[str]) -> list[list[dict[str, Any]]]:
    """A filter input in disjunctive normal form: a list of ORed groups of ANDed filters.

    `and` / `or` nest to any depth (the v2 auth slot wraps the caller's filter as
    `{"and": [{"or": <owner rules>}, <filter>]}`); each combination of `or` branches becomes
    one AppSync filter group.
    """
    groups: list[list[dict[str, Any]]] = [[]]
    for name, value in conditions.items():
        if name in ("and", "or"):
            branches = value if isinstance(value, Sequence) and not isinstance(value, str) else []
            subs = [_conjunctions(b, ignored) for b in branches if isinstance(b, Mapping)]
            if name == "and":
                for sub in subs:
                    groups = [g + s for g in groups for s in sub]
            elif subs:
                alternatives = [s for sub in subs for s in sub]
                groups = [g + s for g in groups for s in alternatives]
        elif name not in ignored and isinstance(value, Mapping):
            filters = [{"fieldName": name, "operator": op, "value": v} for op, v in value.items()]
            groups = [g + filters for g in groups]
    return groups


class TransformUtil:
    """`$util.transform`.

    Unlike the Amplify simulator, `toDynamoDBConditionExpression` also returns
    `expressionValues` (AppSync does; the generated update templates `putAll` them).
    """

    vtl_name = "$util.transform"

    def toDynamoDBFilterExpression(self, conditions: Mapping[str, Any] | None) -> str:
        return to_json(filter_expression(conditions))

    def toDynamoDBConditionExpression(self, conditions: Mapping[str, Any] | None) -> str:
        return to_json(filter_expression(conditions))

    def toSubscriptionFilter(
        self,
        conditions: Mapping[str, Any],
        ignored_fields: Sequence[str] | None = None,
        rules: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """`{"filterGroup": [{"filters": [...]}, ...]}`: groups ORed, filters of a group ANDed."""
        groups = _conjunctions(conditions, set(ignored_fields or ()))
        if rules:
            groups = [g + r for g in groups for r in _conjunctions(rules, set())]
        return {"filterGroup": [{"filters": filters} for filters in groups]}
