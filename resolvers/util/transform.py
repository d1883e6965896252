"""`$util.transform.*`: GraphQL filter inputs to DynamoDB expressions and subscription filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from resolvers.util.core import to_json
from resolvers.util.dynamodb import to_attribute_value

__all__ = ["TransformUtil", "filter_expression"]

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
            raise ValueError(f"unsupported filter operator {name!r}")
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


def _subscription_filters(conditions: Mapping[str, Any], ignored: set[str]) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = []
    for name, operators in conditions.items():
        if name in ignored or name in ("and", "or"):
            continue
        if isinstance(operators, Mapping):
            for operator, value in operators.items():
                filters.append({"fieldName": name, "operator": operator, "value": value})
    for sub in conditions.get("and") or []:
        filters.extend(_subscription_filters(sub, ignored))
    return filters


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
        """`{"filterGroup": [{"filters": [...]}, ...]}`; each `or` branch is its own group."""
        ignored = set(ignored_fields or ())
        base = _subscription_filters(conditions, ignored)
        if rules:
            base.extend(_subscription_filters(rules, set()))
        branches = conditions.get("or") or []
        if not branches:
            return {"filterGroup": [{"filters": base}]}
        return {
            "filterGroup": [
                {"filters": base + _subscription_filters(branch, ignored)} for branch in branches
            ]
        }
